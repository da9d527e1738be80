"""customer_metrics: one row per user, with behaviour and spend."""

from datetime import date

import pandas as pd

from thelook.business.measures import fill_zero, net_revenue

COUNTS = (
    "total_events",
    "total_sessions",
    "products_viewed",
    "total_orders",
    "purchased_orders",
    "cancelled_orders",
    "items_purchased",
    "distinct_products_purchased",
)
MONEY = ("gross_revenue", "returned_revenue", "net_profit")


def is_buyer(purchased_orders: pd.Series) -> pd.Series:
    """A buyer is a user with at least one purchased order (one not cancelled); everyone else is
    a Prospect."""
    return purchased_orders > 0


def customer_metrics(
    users: pd.DataFrame,
    user_events: pd.DataFrame,
    user_orders: pd.DataFrame,
    as_of: date,
) -> pd.DataFrame:
    """Every user, with their web activity (`user_events`, one row per active user) and orders
    (`user_orders`, one row per buyer). `as_of` is the day recency is measured to."""
    metrics = users.merge(user_events, on="user_id", how="left", validate="one_to_one").merge(
        user_orders, on="user_id", how="left", validate="one_to_one"
    )
    metrics = fill_zero(
        metrics, {**dict.fromkeys(COUNTS, "int64"), **dict.fromkeys(MONEY, "float64")}
    )
    metrics["net_revenue"] = net_revenue(metrics["gross_revenue"], metrics["returned_revenue"])
    metrics["is_buyer"] = is_buyer(metrics["purchased_orders"])
    last_order_day = pd.to_datetime(metrics["last_order_at"], utc=True).dt.floor("D")
    days = (pd.Timestamp(as_of, tz="UTC") - last_order_day).dt.days
    metrics["days_since_last_order"] = days.astype("Int64")
    return metrics
