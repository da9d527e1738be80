"""Quantile scores computed in the engine agree with pandas, and a batch scored from the
engine's bounds gets the scores it would get among all values."""

import duckdb
import pandas as pd
import pytest
import sqlglot
from hypothesis import given, settings
from hypothesis import strategies as st

from thelook.business.scores import (
    quantile_score,
    score_bounds,
    score_bounds_sql,
    score_from_bounds,
    top_decile,
)

# Few distinct values, so that ties, and cumulative shares of exactly k / 5, are common.
values = st.lists(st.sampled_from([0.0, 9.99, 25.0, 25.0, 120.5, 999.0, 3.0]), min_size=1)


def bounds_in_duckdb(column: pd.Series, highest_is_best: bool) -> pd.DataFrame:
    sql = score_bounds_sql("value", 5, "SELECT value FROM frame", highest_is_best=highest_is_best)
    frame = pd.DataFrame({"value": column})  # noqa: F841 (read by DuckDB by name)
    query = sqlglot.transpile(sql, read="bigquery", write="duckdb")[0]
    bounds = duckdb.sql(query).df().sort_values("score", ignore_index=True)
    return bounds.astype({"score": "int64"})


@settings(max_examples=100, deadline=None)
@given(values, st.booleans())
def test_the_engines_bounds_are_pandas_bounds(column, highest_is_best):
    column = pd.Series(column)
    expected = score_bounds(column, 5, highest_is_best=highest_is_best)
    pd.testing.assert_frame_equal(bounds_in_duckdb(column, highest_is_best), expected)


@settings(max_examples=100, deadline=None)
@given(values, st.booleans(), st.integers(1, 4))
def test_a_batch_scored_from_bounds_scores_as_among_all(column, highest_is_best, batches):
    column = pd.Series(column)
    bounds = score_bounds(column, 5, highest_is_best=highest_is_best)
    expected = quantile_score(column, 5, highest_is_best=highest_is_best)
    for batch in range(batches):
        part = column.iloc[batch::batches]
        pd.testing.assert_series_equal(
            score_from_bounds(part, bounds), expected.iloc[batch::batches]
        )


def test_a_value_outside_the_bounds_is_refused():
    bounds = score_bounds(pd.Series([1.0, 2.0, 3.0]), 5)
    with pytest.raises(ValueError, match=r"4\.0 is outside the bounds"):
        score_from_bounds(pd.Series([4.0]), bounds)


def test_the_top_decile_is_the_highest_tenth_and_ties_share_it():
    assert top_decile(pd.Series(range(1, 21))).tolist() == [False] * 18 + [True] * 2
    # The values tied with the top tenth's lowest are in it too; a constant is all top.
    tied = pd.Series([5, 9, 9, 1, 2, 3, 4, 6, 7, 8])
    assert tied[top_decile(tied)].tolist() == [9, 9]
    assert top_decile(pd.Series([4.0] * 5)).all()
    assert top_decile(pd.Series([], dtype="float64")).empty
