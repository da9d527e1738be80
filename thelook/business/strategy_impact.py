"""cross_sell_strategy_impact: what a campaign per segment and category would add, and the
holdout that would prove it.

Without an experiment the campaign's effect is unknown: it enters as an assumed relative uplift
on the expected buy rate (the SQLMesh variable campaign_uplift), shown beside every figure
that rests on it. The holdout is the control group a two-sided two-proportion z-test needs to
detect that uplift.
"""

from statistics import NormalDist

import numpy as np
import pandas as pd

from thelook.business.measures import rate

ALPHA = 0.05  # two-sided significance
POWER = 0.80
MAX_USERS = 2**53  # beyond every population, and exact as a float


def holdout_size(base_rate: np.ndarray, uplift: float | np.ndarray) -> np.ndarray:
    """Users per group (the holdout, and as many treated) for a two-sided two-proportion z-test
    at ALPHA with POWER to tell base_rate from base_rate * (1 + uplift):
    n = (z(1 - ALPHA/2) √(2 p̄ (1 - p̄)) + z(POWER) √(p1 (1 - p1) + p2 (1 - p2)))² / (p2 - p1)²,
    rounded up; 0 where no test applies: a rate of 0, an uplift past a rate of 1, or a
    difference too small to compute."""
    rates, uplifts = np.broadcast_arrays(
        np.asarray(base_rate, dtype="float64"), np.asarray(uplift, dtype="float64")
    )
    raised = rates * (1 + uplifts)
    testable = (rates > 0) & (raised > rates) & (raised < 1)
    p1, p2 = rates[testable], raised[testable]
    mean = (p1 + p2) / 2
    z_alpha, z_power = NormalDist().inv_cdf(1 - ALPHA / 2), NormalDist().inv_cdf(POWER)
    spread = z_alpha * np.sqrt(2 * mean * (1 - mean)) + z_power * np.sqrt(
        p1 * (1 - p1) + p2 * (1 - p2)
    )
    with np.errstate(divide="ignore", over="ignore"):
        needed = np.ceil(spread**2 / (p2 - p1) ** 2)
    sizes = np.zeros(rates.shape, dtype="int64")
    # A difference too small for floating point has no test either.
    sizes[testable] = np.where(needed < MAX_USERS, needed, 0)
    return sizes


def minimum_detectable_uplift(base_rate: np.ndarray, users_per_group: np.ndarray) -> np.ndarray:
    """The smallest relative uplift the same test detects with `users_per_group` users held out
    and as many treated, to 0.1%; NaN where even doubling the rate would not be detected."""
    rates = np.asarray(base_rate, dtype="float64")
    users = np.asarray(users_per_group, dtype="float64")

    def detected(uplift: np.ndarray) -> np.ndarray:
        needed = holdout_size(rates, uplift)
        return (needed > 0) & (needed <= users)

    low, high = np.zeros_like(rates), np.ones_like(rates)
    for _ in range(10):  # bisection: the holdout needed shrinks as the uplift grows
        middle = (low + high) / 2
        found = detected(middle)
        high, low = np.where(found, middle, high), np.where(found, low, middle)
    return np.where(detected(np.ones_like(rates)), np.ceil(high * 1000) / 1000, np.nan)


def strategy_impact(totals: pd.DataFrame, uplift: float) -> pd.DataFrame:
    """One row per segment and category of `totals` (targeted_users, expected_buyers,
    expected_revenue and expected_profit, summed over the offers in the engine): what the
    targeted users would buy anyway, what the campaign would add at `uplift`, and the holdout
    that would measure it; `measurable` when the segment's targeted users can fill both the
    holdout and a treated group as large; and the smallest uplift holding out half of them
    could detect."""
    impact = totals.copy()
    impact["campaign_uplift"] = uplift
    impact["expected_buy_rate"] = rate(impact["expected_buyers"], impact["targeted_users"])
    impact["incremental_revenue"] = impact["expected_revenue"] * uplift
    impact["incremental_profit"] = impact["expected_profit"] * uplift
    holdout = holdout_size(impact["expected_buy_rate"].fillna(0).to_numpy(), uplift)
    impact["holdout_users_needed"] = holdout
    impact["measurable"] = (holdout > 0) & (impact["targeted_users"] >= 2 * holdout)
    impact["minimum_detectable_uplift"] = minimum_detectable_uplift(
        impact["expected_buy_rate"].fillna(0).to_numpy(), impact["targeted_users"] // 2
    )
    return impact.sort_values(
        ["incremental_revenue", "segment", "category"], ascending=[False, True, True]
    ).reset_index(drop=True)
