"""Quantile scores that keep tied values together."""

import pandas as pd


def quantile_score(values: pd.Series, buckets: int, *, highest_is_best: bool = True) -> pd.Series:
    """CEIL(buckets * CUME_DIST()) over `values`: 1 to `buckets`, where `buckets` goes to the
    highest values (or the lowest, when `highest_is_best` is False). Tied values share a score,
    unlike NTILE. Computed in integers, so a cumulative share of exactly k / buckets never
    rounds up into the next score."""
    if values.empty:
        return pd.Series(pd.array([], dtype="Int64"), index=values.index)
    at_or_below = values.rank(method="max", ascending=highest_is_best).astype("int64")
    count = len(values)
    return ((buckets * at_or_below + count - 1) // count).astype("Int64")
