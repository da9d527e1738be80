"""Holdout sizes and the strategy table: a reference power calculation, and rows that add up."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from statsmodels.stats.proportion import samplesize_proportions_2indep_onetail

from thelook.business.strategy_impact import (
    holdout_size,
    minimum_detectable_uplift,
    strategy_impact,
)


def test_holdout_matches_the_published_example():
    # 10% against 15%, two-sided alpha 0.05, power 0.8: 686 per group without continuity
    # correction (e.g. Chow, Shao & Wang, Sample Size Calculations in Clinical Research).
    assert holdout_size(np.array([0.10]), 0.5).tolist() == [686]


@given(st.floats(0.001, 0.6), st.floats(0.01, 0.5))
def test_holdout_matches_statsmodels(base_rate, uplift):
    expected = samplesize_proportions_2indep_onetail(
        diff=base_rate * uplift,
        prop2=base_rate,
        power=0.8,
        ratio=1,
        alpha=0.05,
        alternative="two-sided",
    )
    assert holdout_size(np.array([base_rate]), uplift)[0] == int(np.ceil(expected - 1e-9))


def test_no_test_to_size_without_a_rate():
    assert holdout_size(np.array([0.0, 0.8]), 0.5).tolist() == [0, 0]


totals = st.lists(
    st.tuples(st.integers(1, 50_000), st.floats(0, 1), st.floats(0, 1e5)), min_size=1, max_size=20
)


@given(totals, st.floats(0.01, 1))
def test_strategy_rows_carry_the_assumption_and_add_up(rows, uplift):
    frame = pd.DataFrame(
        [
            (
                f"segment {i % 3}",
                f"category {i}",
                "Women",
                users,
                users * rate,
                revenue,
                revenue / 2,
            )
            for i, (users, rate, revenue) in enumerate(rows)
        ],
        columns=[
            "segment",
            "category",
            "department",
            "targeted_users",
            "expected_buyers",
            "expected_revenue",
            "expected_profit",
        ],
    )
    impact = strategy_impact(frame, uplift)
    assert (impact["campaign_uplift"] == uplift).all()
    assert impact["targeted_users"].sum() == frame["targeted_users"].sum()
    assert impact["incremental_revenue"].sum() == pytest.approx(
        frame["expected_revenue"].sum() * uplift
    )
    measurable = impact.loc[impact["measurable"]]
    assert (measurable["targeted_users"] >= 2 * measurable["holdout_users_needed"]).all()
    assert (measurable["holdout_users_needed"] > 0).all()


@given(st.floats(0.01, 0.4), st.integers(100, 10**7))
def test_the_minimum_detectable_uplift_is_the_smallest_the_holdout_can_detect(rate, users):
    (uplift,) = minimum_detectable_uplift(np.array([rate]), np.array([users]))
    if np.isnan(uplift):
        assert not 0 < holdout_size(np.array([rate]), 1.0)[0] <= users
    else:
        assert 0 < holdout_size(np.array([rate]), uplift)[0] <= users
        smaller = uplift - 0.002
        assert smaller <= 0 or not 0 < holdout_size(np.array([rate]), smaller)[0] <= users
