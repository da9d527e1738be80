"""Quantile scores that keep tied values together.

A score is CEIL(buckets * CUME_DIST()): computed by `quantile_score` in pandas, and by
`quantile_score_sql` in the engine when the values do not all fit in memory at once. In the
engine only its bounds come back (`score_bounds_sql`: the lowest and highest value of each
score), and `score_from_bounds` scores any batch of the same values from them.
"""

import numpy as np
import pandas as pd

# A decile is a tenth of the users ranked by a score: 10 holds the highest.
DECILES = 10


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


def top_decile(values: pd.Series) -> pd.Series:
    """Whether each of `values` is in the top tenth of them: the highest decile by
    quantile_score, so tied values fall on the same side and the tenth holds at least a tenth
    of the values. The one top tenth that lift, capture and deciles share."""
    return (quantile_score(values, DECILES) == DECILES).astype(bool)


def quantile_score_sql(column: str, buckets: int, *, highest_is_best: bool = True) -> str:
    """quantile_score of `column` over a query's rows, in BigQuery SQL: a window's default frame
    counts the rows up to and tied with each one, as rank(method="max") does."""
    order = "" if highest_is_best else " DESC"
    count = "COUNT(*) OVER ()"
    return f"DIV(({buckets} * COUNT(*) OVER (ORDER BY {column}{order}) + {count} - 1), {count})"


def score_bounds_sql(column: str, buckets: int, rows: str, *, highest_is_best: bool = True) -> str:
    """The lowest and highest value of `column` that each score covers, over the rows of the
    query `rows`: one row per score, so what comes back does not grow with the rows."""
    score = quantile_score_sql(column, buckets, highest_is_best=highest_is_best)
    return f"""
SELECT score, MIN({column}) AS lowest, MAX({column}) AS highest
FROM (SELECT {column}, {score} AS score FROM ({rows}))
GROUP BY score
"""


def score_bounds(values: pd.Series, buckets: int, *, highest_is_best: bool = True) -> pd.DataFrame:
    """What score_bounds_sql computes, from values held in memory."""
    scores = quantile_score(values, buckets, highest_is_best=highest_is_best)
    grouped = pd.DataFrame({"score": scores.astype("int64"), "value": values}).groupby("score")
    return grouped["value"].agg(lowest="min", highest="max").reset_index()


def score_from_bounds(values: pd.Series, bounds: pd.DataFrame) -> pd.Series:
    """The score of each of `values`, all among the values `bounds` was computed over. Scores
    follow the values one way or the other, so the bounds do not overlap."""
    ordered = bounds.sort_values("highest", ignore_index=True)
    at = np.searchsorted(ordered["highest"].to_numpy(), values.to_numpy(), side="left")
    inside = at < len(ordered)
    inside[inside] = ordered["lowest"].to_numpy()[at[inside]] <= values.to_numpy()[inside]
    if not inside.all():
        raise ValueError(f"{values[~inside].iloc[0]} is outside the bounds it is scored against")
    return pd.Series(ordered["score"].to_numpy()[at], index=values.index).astype("Int64")
