"""segment_history: the segments, engagement tiers and returning buyers of one month end."""

from datetime import date, timedelta

import pandas as pd

from thelook.business.customer_segments import customer_segments
from thelook.business.segment_grid import SEGMENTS

# The first month of the monthly history: at least 24 months before any as_of of 2026, and a
# month is added every month after. Every model of the history starts here (the SQL model
# intermediate.user_activity_month_ends writes it out; tests/project/test_history.py checks).
HISTORY_START = "2024-01-01"


def last_days_of_months(first: date, last: date) -> list[date]:
    """The last day of every month from the month of `first` to the month of `last`."""
    days = []
    month = first.replace(day=1)
    while month <= last:
        following = (month + timedelta(days=32)).replace(day=1)
        days.append(following - timedelta(days=1))
        month = following
    return days


def month_summary(activity: pd.DataFrame, month_end: date) -> pd.DataFrame:
    """One row per segment and engagement tier of the users of `activity` (one row per user as
    known at `month_end`: intermediate.user_activity_month_ends), segmented by the same rules as
    customer_segments: their users, net revenue and purchased orders by then, and the buyers
    whose first purchased order was in the month (new) or who bought in it again (returning)."""
    customers = activity.rename(
        columns={
            "days_since_last_order": "recency_days",
            "purchased_orders": "frequency",
            "net_revenue": "monetary",
        }
    )
    sessions = customers.loc[customers["engagement_sessions"] > 0]
    segments = customer_segments(
        customers.drop(columns="engagement_sessions"), sessions[["user_id", "engagement_sessions"]]
    )
    month_start = pd.Timestamp(month_end.replace(day=1), tz="UTC")
    first_order = pd.to_datetime(segments["first_order_at"], utc=True)
    last_order = pd.to_datetime(segments["last_order_at"], utc=True)
    segments["new_buyers"] = first_order >= month_start
    segments["returning_buyers"] = (last_order >= month_start) & (first_order < month_start)
    summary = (
        segments.groupby(["segment", "engagement_tier"], as_index=False)
        .agg(
            users=("user_id", "size"),
            net_revenue=("monetary", "sum"),
            orders=("frequency", "sum"),
            new_buyers=("new_buyers", "sum"),
            returning_buyers=("returning_buyers", "sum"),
        )
        .astype({"users": "int64", "orders": "int64", "new_buyers": "int64"})
        .astype({"returning_buyers": "int64", "net_revenue": "float64"})
    )
    summary.insert(0, "month_end", month_end)
    summary["display_order"] = summary["segment"].map(
        {name: order for order, name in enumerate(SEGMENTS, start=1)}
    )
    return summary.sort_values(["display_order", "engagement_tier"]).reset_index(drop=True)
