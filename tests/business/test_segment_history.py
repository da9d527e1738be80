"""segment_history: a month's segments are customer_segments' own, and its buyers add up."""

from datetime import date

import pandas as pd

from thelook.business.customer_segments import customer_segments
from thelook.business.segment_history import last_days_of_months, month_summary


def test_the_last_days_of_every_month_touched_once():
    assert last_days_of_months(date(2024, 1, 15), date(2024, 3, 1)) == [
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 31),
    ]
    assert last_days_of_months(date(2024, 12, 1), date(2024, 12, 31)) == [date(2024, 12, 31)]
    assert last_days_of_months(date(2025, 1, 1), date(2024, 12, 31)) == []


def activity() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "user_id": [1, 2, 3, 4, 5],
            "is_buyer": [True, True, True, True, False],
            "purchased_orders": [1, 2, 3, 1, 0],
            "net_revenue": [10.0, 50.0, 80.0, 20.0, 0.0],
            "first_order_at": pd.to_datetime(
                ["2024-09-05", "2024-01-01", "2023-05-01", "2024-02-02", None], utc=True
            ),
            "last_order_at": pd.to_datetime(
                ["2024-09-05", "2024-09-20", "2024-03-01", "2024-02-02", None], utc=True
            ),
            "days_since_last_order": pd.array([25, 10, 213, 241, pd.NA], dtype="Int64"),
            "has_events": [True, False, True, True, True],
            "engagement_sessions": [2, 0, 0, 5, 1],
        }
    )


def test_a_month_is_segmented_by_customer_segments_own_rules():
    summary = month_summary(activity(), date(2024, 9, 30))
    rows = activity().rename(
        columns={
            "days_since_last_order": "recency_days",
            "purchased_orders": "frequency",
            "net_revenue": "monetary",
        }
    )
    expected = customer_segments(
        rows.drop(columns="engagement_sessions"),
        rows.loc[rows["engagement_sessions"] > 0, ["user_id", "engagement_sessions"]],
    )
    counted = expected.groupby(["segment", "engagement_tier"]).size()
    assert (
        summary.set_index(["segment", "engagement_tier"])["users"]
        .sort_index()
        .equals(counted.sort_index().rename("users"))
    )
    assert summary["users"].sum() == 5 and summary["orders"].sum() == 7
    assert (summary["month_end"] == date(2024, 9, 30)).all()


def test_new_and_returning_buyers_of_the_month():
    summary = month_summary(activity(), date(2024, 9, 30))
    # User 1 bought first in September; user 2 came back in it; 3 and 4 did not buy in it.
    assert summary["new_buyers"].sum() == 1
    assert summary["returning_buyers"].sum() == 1
