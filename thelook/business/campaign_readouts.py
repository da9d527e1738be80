"""campaign_readouts: what a campaign earned, read out once its horizon has passed: the treated
against the held out, each difference with its 95% interval, and a verdict in words.

Net revenue per customer is also read adjusted by the spend before the start (CUPED: Y less
theta * (X - mean X), theta = cov(X, Y) / var(X) over both groups), which leaves the difference's
expectation alone and narrows its interval as far as X predicts Y; the verdict reads the narrower
of the two intervals.
"""

from datetime import date, timedelta
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from thelook.business.campaign_audiences import HOLDOUT, TREATMENT
from thelook.business.strategy_impact import ALPHA

Z = NormalDist().inv_cdf(1 - ALPHA / 2)
READ_OUT, NOT_YET, NOT_MEASURABLE, NO_AUDIENCE = (
    "read out",
    "horizon not passed",
    "not measurable on this source",
    "no audience",
)
STATUSES = (READ_OUT, NOT_YET, NOT_MEASURABLE, NO_AUDIENCE)


def difference(treated: np.ndarray, held_out: np.ndarray) -> tuple[float, float, float]:
    """The difference of means, treated less held out, and its 95% interval (normal, unpooled
    variances); NaN unless each group has two customers."""
    if len(treated) < 2 or len(held_out) < 2:
        return (float("nan"),) * 3
    estimate = treated.mean() - held_out.mean()
    spread = Z * np.sqrt(treated.var(ddof=1) / len(treated) + held_out.var(ddof=1) / len(held_out))
    return float(estimate), float(estimate - spread), float(estimate + spread)


def adjusted(outcome: np.ndarray, before: np.ndarray) -> np.ndarray:
    """CUPED: the outcome less theta * (before - its mean), theta = cov / var over all
    customers; the outcome itself when `before` does not vary."""
    spread = before.var(ddof=1) if len(before) > 1 else 0.0
    if not spread > 0:
        return outcome
    theta = np.cov(before, outcome, ddof=1)[0, 1] / spread
    return outcome - theta * (before - before.mean())


def _dollars(amount: float) -> str:
    return f"{'-' if amount < 0 else ''}${abs(amount):,.2f}"


def verdict(row: dict[str, Any], category: str) -> str:
    """The readout in a sentence a marketer reads."""
    status = row["status"]
    if status == NOT_YET:
        return (
            f"The horizon ends on {row['horizon_end_day']}, after as_of ({row['as_of']}): "
            "no readout until then."
        )
    if status == NOT_MEASURABLE:
        return (
            "No readout: this source renumbers its customers every day (the public theLook "
            "dataset), so the customers held out at the start cannot be found at the end."
        )
    if status == NO_AUDIENCE:
        return "No readout: no customer was in the audience."
    estimate, low, high = (row[f"{row['read_by']}_{p}"] for p in ("difference", "low", "high"))
    if np.isnan(estimate):
        return "No readout: each group needs at least two customers."
    interval = (
        f"{_dollars(estimate)} per customer (95% interval {_dollars(low)} to {_dollars(high)})"
    )
    buyers = (
        f"{row['treatment_buy_rate']:.1%} of the treated bought {category}, "
        f"{row['holdout_buy_rate']:.1%} of the held out"
    )
    if low > 0:
        return f"The campaign raised net revenue by {interval}; {buyers}."
    if high < 0:
        return f"The campaign lowered net revenue, by {interval}; {buyers}."
    return f"No effect shown: net revenue moved by {interval}, an interval that holds 0; {buyers}."


def readout(
    campaign: dict[str, Any], customers: pd.DataFrame, as_of: date, measurable: bool
) -> dict[str, Any]:
    """One campaign's readout from its customers (assigned_group, bought_offer,
    net_revenue_after, pre_start_net_revenue)."""
    start = date.fromisoformat(campaign["start_day"])
    end = start + timedelta(days=campaign["horizon_days"])
    treated = customers["assigned_group"] == TREATMENT
    held = customers["assigned_group"] == HOLDOUT
    row: dict[str, Any] = {
        "campaign": campaign["campaign"],
        "start_day": start,
        "horizon_end_day": end,
        "as_of": as_of,
        "treatment_users": int(treated.sum()),
        "holdout_users": int(held.sum()),
    }
    if customers.empty:
        row["status"] = NO_AUDIENCE
    elif end > as_of:
        row["status"] = NOT_YET
    elif not measurable:
        row["status"] = NOT_MEASURABLE
    else:
        row["status"] = READ_OUT
    if row["status"] == READ_OUT:
        bought = customers["bought_offer"].astype(bool).to_numpy("float64")
        revenue = customers["net_revenue_after"].astype("float64").to_numpy()
        before = customers["pre_start_net_revenue"].astype("float64").to_numpy()
        t, h = treated.to_numpy(), held.to_numpy()
        row["treatment_buyers"], row["holdout_buyers"] = int(bought[t].sum()), int(bought[h].sum())
        row["treatment_buy_rate"], row["holdout_buy_rate"] = bought[t].mean(), bought[h].mean()
        row["treatment_revenue_per_customer"] = revenue[t].mean()
        row["holdout_revenue_per_customer"] = revenue[h].mean()
        for name, values in (
            ("buy_rate", bought),
            ("revenue", revenue),
            ("adjusted_revenue", adjusted(revenue, before)),
        ):
            estimate = difference(values[t], values[h])
            for part, value in zip(("difference", "low", "high"), estimate, strict=True):
                row[f"{name}_{part}"] = value
        narrower = row["adjusted_revenue_high"] - row["adjusted_revenue_low"] < (
            row["revenue_high"] - row["revenue_low"]
        )
        row["read_by"] = "adjusted_revenue" if narrower else "revenue"
    row["verdict"] = verdict(row, campaign["category"])
    return row


def campaign_readouts(
    campaigns: list[dict[str, Any]], customers: pd.DataFrame, as_of: date, measurable: bool
) -> pd.DataFrame:
    """One row per campaign: its readout from `customers` (campaign, assigned_group,
    bought_offer, net_revenue_after, pre_start_net_revenue), or why there is none yet.
    `measurable` is False on a source whose customer ids do not last (the public dataset)."""
    rows = [
        readout(c, customers.loc[customers["campaign"] == c["campaign"]], as_of, measurable)
        for c in campaigns
    ]
    readouts = pd.DataFrame(rows).sort_values("campaign", ignore_index=True)
    for column in ("treatment_buyers", "holdout_buyers"):
        if column in readouts:
            readouts[column] = readouts[column].astype("Int64")
    return readouts
