"""Fixed samples of users, drawn in the engine by a hash of user_id: the same users on every run
and on either engine, and a smaller sample is always inside a larger one."""

# Products modulo the prime 2^31 - 1 stay within INT64, so both engines compute them alike.
MODULUS = 2_147_483_647
# The backtest (models trained at as_of - 60 and judged at as_of - 30, or at as_of - 360 and
# as_of - 180) covers every user up to this many and a sample of about this many beyond: those
# cutoffs only train and judge models. Chosen by backtest (benchmarks/backtest_sample.py): at
# 100,000 users, judging a quarter of them moved every evaluation figure by less than its noise.
# 250,000 users hold some 10,000 buyers of a new category, which put a hit rate near 40% within
# a point (95%). It is at least SAMPLE_CAP (thelook/glue/scoring_inputs.py), so the propensity
# model is judged on the users it could be trained on.
BACKTEST_USERS = 250_000


def user_hash(user_id: str = "user_id") -> str:
    """The hash a sample is drawn by, about uniform over 0 to MODULUS - 1: the product of two
    multiplicative hashes (48271 is MINSTD's multiplier), quadratic in the id. One multiplicative
    hash alone draws consecutive ids in a lattice, a tenth of them up to 9% over its share."""
    first, second = (f"(MOD({user_id} * {multiplier}, {MODULUS}))" for multiplier in (48271, 69621))
    # The parentheses keep DuckDB's `%` from taking the product before the second MOD.
    return f"MOD({first} * {second}, {MODULUS})"


def backtest_condition(user_id: str = "user_id") -> str:
    """True for the users of the backtest: all of them up to BACKTEST_USERS users."""
    share = f"LEAST(1, {BACKTEST_USERS} / (SELECT COUNT(*) FROM staging.stg_users))"
    return f"{user_hash(user_id)} < {MODULUS} * {share}"
