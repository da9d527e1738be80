"""Reading intermediate.user_features for the propensity marts: bounded samples and batches."""

from collections.abc import Iterator
from datetime import date
from typing import Any

import pandas as pd

from thelook.glue.fetch import fetch
from thelook.marts.propensity import FEATURES, LABEL, SAMPLE_CAP

COLUMNS = ", ".join(("user_id", *FEATURES))
# At most SAMPLE_CAP users of a cutoff, the same ones on every run and engine: ordered by a
# multiplicative hash of user_id (48271 mod 2^31 - 1, the MINSTD generator).
SAMPLE = f"""
SELECT {COLUMNS}, {LABEL}
FROM intermediate.user_features
WHERE cutoff_date = @cutoff
ORDER BY MOD(user_id * 48271, 2147483647), user_id
LIMIT {SAMPLE_CAP}
"""
USERS = "SELECT COUNT(*) AS users FROM intermediate.user_features WHERE cutoff_date = @cutoff"
BATCH = f"""
SELECT {COLUMNS}
FROM intermediate.user_features
WHERE cutoff_date = @cutoff AND MOD(user_id, @batches) = @batch
"""
BATCH_ROWS = 200_000


def labelled_sample(context: Any, cutoff: date) -> pd.DataFrame:
    """Features and label of at most SAMPLE_CAP users at `cutoff`."""
    return fetch(context, SAMPLE, cutoff=cutoff)


def feature_batches(context: Any, cutoff: date) -> Iterator[pd.DataFrame]:
    """Features of every user at `cutoff`, about BATCH_ROWS users at a time."""
    users = int(fetch(context, USERS, cutoff=cutoff)["users"].iloc[0])
    batches = max(1, -(-users // BATCH_ROWS))
    for batch in range(batches):
        yield fetch(context, BATCH, cutoff=cutoff, batches=batches, batch=batch)
