"""campaign_plans: what each campaign would earn under its assumed uplift, and whether its
holdout can prove it.

The holdout a campaign needs is strategy_impact's: the users per group a two-sided
two-proportion z-test at ALPHA needs to detect the assumed uplift on the audience's expected buy
rate with POWER. A campaign whose smaller group holds fewer cannot detect it, and says so; its
power at its actual sizes comes from statsmodels.
"""

from typing import Any

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import power_proportions_2indep

from thelook.business.measures import rate
from thelook.business.strategy_impact import ALPHA, holdout_size, minimum_detectable_uplift


def power(base_rate: float, uplift: float, treated: int, held_out: int) -> float:
    """The chance the z-test tells base_rate * (1 + uplift) among `treated` from base_rate among
    `held_out`; NaN where no test applies (no one in a group, a rate of 0 or past 1)."""
    raised = base_rate * (1 + uplift)
    if treated == 0 or held_out == 0 or not 0 < base_rate < raised < 1:
        return float("nan")
    return float(
        power_proportions_2indep(
            raised - base_rate,
            base_rate,
            treated,
            ratio=held_out / treated,
            alpha=ALPHA,
            return_results=False,
        )
    )


def warning(plan: pd.Series) -> str | None:
    """What stands in the campaign's way, in words; None when nothing does."""
    if plan["audience_users"] == 0:
        return "No customer matches the audience: widen it, or check the offer's category."
    smaller = min(plan["treatment_users"], plan["holdout_users"])
    needed = plan["holdout_users_needed"]
    if needed == 0 or smaller < needed:
        detectable = plan["minimum_detectable_uplift"]
        can = (
            "not even a doubling would be detected"
            if pd.isna(detectable)
            else f"the smallest uplift it can detect is {detectable:.1%}"
        )
        return (
            f"Cannot detect the assumed {plan['assumed_uplift']:.0%} uplift: the smaller group "
            f"holds {smaller:,} customers, the test needs {needed:,} in each; {can}."
        )
    return None


COUNTS = ("audience_users", "treatment_users", "holdout_users")
SUMS = ("expected_buyers", "expected_revenue", "treatment_expected_revenue")


def campaign_plans(
    campaigns: list[dict[str, Any]], totals: pd.DataFrame, default_uplift: float
) -> pd.DataFrame:
    """One row per campaign of `campaigns` (the files' settings), with its audience's `totals`
    (COUNTS and SUMS, summed per campaign in the engine; none for an empty audience): its
    expected buy rate, what the treated would add at the assumed uplift (the file's, else
    `default_uplift`), the holdout the test needs, the smallest uplift its groups can detect,
    their power, and a warning."""
    settings = pd.DataFrame(
        campaigns,
        columns=[
            "campaign",
            "description",
            "department",
            "category",
            "start_day",
            "horizon_days",
            "holdout_share",
            "assumed_uplift",
        ],
    )
    plans = settings.merge(totals, on="campaign", how="left", validate="one_to_one")
    plans["holdout_share"] = plans["held_out_share"].fillna(
        plans["holdout_share"].astype("float64")
    )
    plans["assumed_uplift"] = plans["assumed_uplift"].astype("float64").fillna(default_uplift)
    for column in COUNTS:
        plans[column] = plans[column].fillna(0).astype("int64")
    for column in SUMS:
        plans[column] = plans[column].fillna(0.0).astype("float64")
    plans["expected_buy_rate"] = rate(plans["expected_buyers"], plans["audience_users"])
    base = plans["expected_buy_rate"].fillna(0).to_numpy()
    uplift = plans["assumed_uplift"].to_numpy("float64")
    plans["incremental_revenue"] = plans["treatment_expected_revenue"] * uplift
    plans["holdout_users_needed"] = holdout_size(base, uplift)
    smaller = np.minimum(plans["treatment_users"], plans["holdout_users"]).to_numpy()
    plans["minimum_detectable_uplift"] = minimum_detectable_uplift(base, smaller)
    plans["power"] = [
        power(b, u, t, h)
        for b, u, t, h in zip(
            base, uplift, plans["treatment_users"], plans["holdout_users"], strict=True
        )
    ]
    plans["warning"] = [warning(plan) for _, plan in plans.iterrows()]
    return plans.sort_values("campaign", ignore_index=True)
