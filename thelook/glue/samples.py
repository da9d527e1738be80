"""Fixed samples of users, drawn in the engine by a hash of user_id: the same users on every run
and on either engine, and a smaller sample is always inside a larger one."""

# 48271 mod 2^31 - 1: the MINSTD generator, a multiplicative hash both engines compute alike.
MODULUS = 2_147_483_647
# The backtest (models trained at as_of - 60 and judged at as_of - 30) covers every user up to
# this many and a sample of about this many beyond: those cutoffs only train and judge models,
# and a million users estimate a hit rate to a tenth of a point.
BACKTEST_USERS = 1_000_000


def user_hash(user_id: str = "user_id") -> str:
    """The hash a sample is drawn by, uniform over 0 to MODULUS - 1."""
    return f"MOD({user_id} * 48271, {MODULUS})"


def backtest_condition(user_id: str = "user_id") -> str:
    """True for the users of the backtest: all of them up to BACKTEST_USERS users."""
    share = f"LEAST(1, {BACKTEST_USERS} / (SELECT COUNT(*) FROM staging.stg_users))"
    return f"{user_hash(user_id)} < {MODULUS} * {share}"
