"""Fixed samples of users, drawn in the engine by a hash of user_id: the same users on every run
and on either engine, and a smaller sample is always inside a larger one."""

# Products modulo the prime 2^31 - 1 stay within INT64, so both engines compute them alike.
MODULUS = 2_147_483_647

# The two sample sizes, each a different promise, both here:
#
# SAMPLE_CAP bounds memory: a scoring model trains on at most this many users of a cutoff (for
# the category model, this many buyers), the first by user_hash, however large the shop.
SAMPLE_CAP = 250_000
# BACKTEST_USERS bounds the work of the backtest (models trained at as_of - 60 and judged at
# as_of - 30, or at as_of - 360 and as_of - 180): it covers every user up to this many and a
# sample of about this many beyond, since those cutoffs only train and judge models. Chosen by
# backtest (benchmarks/backtest_sample.py): at 100,000 users, judging a quarter of them moved
# every evaluation figure by less than its noise; 250,000 users hold some 10,000 buyers of a
# new category, which put a hit rate near 40% within a point (95%). It is at least SAMPLE_CAP,
# so a model is judged on at least as many users as it could be trained on
# (tests/glue/test_samples.py).
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
