"""Marts with a row per user are computed a batch of users at a time, so that their memory is
bounded by the batch, not by the number of users: every input query of a batch filters on
BATCH_FILTER, and so holds the same users."""

from typing import Any

from thelook.glue.fetch import fetch

BATCH_USERS = 200_000
BATCH_FILTER = "MOD(user_id, @batches) = @batch"
# The users the batches of a mart over every user split.
BATCH_USERS_COUNT = "SELECT COUNT(*) AS users FROM staging.stg_users"


def batch_count(users: int) -> int:
    """How many batches split `users` users into batches of at most about BATCH_USERS."""
    return max(1, -(-users // BATCH_USERS))


def user_batch_count(context: Any) -> int:
    """How many batches a mart with a row per user splits every user into."""
    return batch_count(int(fetch(context, BATCH_USERS_COUNT)["users"].iloc[0]))
