"""Campaign plans: the power of the groups as split (statsmodels) agrees with the holdout the
project sizes, and a plan warns exactly when its smaller group falls short of it."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize

from thelook.business.campaign_plans import campaign_plans, power
from thelook.business.strategy_impact import holdout_size


def test_the_textbook_holdout_has_the_power_the_project_uses():
    # 10% against 15%: 686 per group give power 0.8 (and 685 just under).
    assert power(0.10, 0.5, 686, 686) == pytest.approx(0.8002, abs=1e-4)
    assert power(0.10, 0.5, 685, 685) < 0.8


@given(st.floats(0.01, 0.5), st.floats(0.05, 0.5), st.integers(1, 4))
def test_groups_at_least_the_sized_holdout_have_at_least_its_power(rate, uplift, times):
    needed = int(holdout_size(np.array([rate]), uplift)[0])
    if needed == 0:
        return
    assert power(rate, uplift, needed * times, needed) >= 0.8 - 1e-9


@given(st.floats(0.05, 0.5), st.floats(0.1, 0.5), st.integers(200, 20_000))
def test_power_is_close_to_statsmodels_arcsine_approximation(rate, uplift, users):
    raised = rate * (1 + uplift)
    if raised >= 1:
        return
    arcsine = NormalIndPower().power(
        proportion_effectsize(raised, rate), nobs1=users, alpha=0.05, ratio=1
    )
    assert power(rate, uplift, users, users) == pytest.approx(arcsine, abs=0.03)


def test_no_test_without_a_rate_or_a_group():
    assert np.isnan(power(0.0, 0.1, 100, 100))
    assert np.isnan(power(0.1, 0.1, 100, 0))


CAMPAIGN = {
    "description": "",
    "department": "Men",
    "category": "Jeans",
    "start_day": "2026-06-01",
    "horizon_days": 30,
    "holdout_share": 0.5,
    "assumed_uplift": None,
}


@given(
    st.lists(
        st.tuples(st.integers(0, 50_000), st.integers(0, 50_000), st.floats(0.001, 0.5)),
        min_size=1,
        max_size=6,
    ),
    st.floats(0.05, 1),
)
def test_a_plan_warns_exactly_when_a_group_is_short_of_the_holdout(groups, uplift):
    campaigns = [{**CAMPAIGN, "campaign": f"c{i}"} for i in range(len(groups))]
    totals = pd.DataFrame(
        [
            {
                "campaign": f"c{i}",
                "audience_users": treated + held,
                "treatment_users": treated,
                "holdout_users": held,
                "held_out_share": 0.5,
                "expected_buyers": (treated + held) * rate,
                "expected_revenue": (treated + held) * rate * 30,
                "treatment_expected_revenue": treated * rate * 30,
            }
            for i, (treated, held, rate) in enumerate(groups)
        ]
    )
    plans = campaign_plans(campaigns, totals, uplift)
    short = (plans["holdout_users_needed"] == 0) | (
        np.minimum(plans["treatment_users"], plans["holdout_users"]) < plans["holdout_users_needed"]
    )
    assert (plans["warning"].notna() == (short | (plans["audience_users"] == 0))).all()
    assert plans["incremental_revenue"].to_numpy() == pytest.approx(
        (plans["treatment_expected_revenue"] * uplift).to_numpy()
    )
