"""customer_metrics: every user, zeros for no activity, recency in calendar days."""

from datetime import date

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from thelook.business.customer_metrics import customer_metrics, is_buyer

EVENT_COLUMNS = [
    "user_id",
    "total_events",
    "total_sessions",
    "first_event_at",
    "last_event_at",
    "products_viewed",
]
ORDER_COLUMNS = [
    "user_id",
    "total_orders",
    "purchased_orders",
    "cancelled_orders",
    "items_purchased",
    "distinct_products_purchased",
    "gross_revenue",
    "returned_revenue",
    "net_profit",
    "first_order_at",
    "last_order_at",
]


def users(ids) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "user_id": list(ids),
            "signed_up_at": pd.Timestamp("2024-01-01", tz="UTC"),
            "traffic_source": "Search",
        }
    )


def orders(rows) -> pd.DataFrame:
    """rows: (user_id, gross, returned share, last order timestamp)."""
    return pd.DataFrame(
        [
            (user, 2, 2, 0, 3, 2, gross, gross * share, gross / 3, last, last)
            for user, gross, share, last in rows
        ],
        columns=ORDER_COLUMNS,
    )


no_events = pd.DataFrame(columns=EVENT_COLUMNS)

order_rows = st.lists(
    st.tuples(
        st.integers(1, 30),
        st.floats(0, 1e5),
        st.floats(0, 1),
        st.datetimes(min_value=pd.Timestamp("2019-01-01"), max_value=pd.Timestamp("2024-06-30")),
    ),
    max_size=30,
    unique_by=lambda row: row[0],
)


@settings(max_examples=60, deadline=None)
@given(order_rows)
def test_one_row_per_user_with_zero_filled_money(rows):
    rows = [(u, g, s, pd.Timestamp(t, tz="UTC")) for u, g, s, t in rows]
    result = customer_metrics(users(range(1, 31)), no_events, orders(rows), date(2024, 7, 1))
    assert result["user_id"].tolist() == list(range(1, 31))
    assert (result["net_revenue"] <= result["gross_revenue"] + 1e-6).all()
    assert (result["net_revenue"] >= -1e-6).all()
    buyers = {row[0] for row in rows}
    without = result[~result["user_id"].isin(buyers)]
    assert (without[["total_orders", "gross_revenue", "total_events"]] == 0).all().all()
    assert without["days_since_last_order"].isna().all()
    assert (result["days_since_last_order"].dropna() >= 1).all()


def test_recency_counts_calendar_days_in_utc():
    late_evening = pd.Timestamp("2024-06-30 23:59:59", tz="UTC")
    result = customer_metrics(
        users([1]), no_events, orders([(1, 10.0, 0.0, late_evening)]), date(2024, 7, 1)
    )
    assert result["days_since_last_order"].tolist() == [1]


def test_timestamps_stay_null_and_counts_zero_for_an_inactive_user():
    row = customer_metrics(users([5]), no_events, orders([]), date(2024, 7, 1)).iloc[0]
    assert pd.isna(row["first_event_at"]) and pd.isna(row["last_order_at"])
    assert (row["total_events"], row["total_sessions"], row["products_viewed"]) == (0, 0, 0)
    assert (row["net_revenue"], row["net_profit"]) == (0.0, 0.0)


def test_a_buyer_has_a_purchased_order():
    purchased_orders = pd.Series([0, 1, 4])
    assert is_buyer(purchased_orders).tolist() == [False, True, True]


def test_only_users_with_a_purchased_order_are_buyers():
    placed = orders([(1, 10.0, 0.0, pd.Timestamp("2024-06-01", tz="UTC"))])
    only_cancelled = placed.assign(user_id=2, purchased_orders=0, cancelled_orders=2)
    result = customer_metrics(
        users([1, 2, 3]), no_events, pd.concat([placed, only_cancelled]), date(2024, 7, 1)
    )
    assert result["is_buyer"].tolist() == [True, False, False]
