"""One row per user: web behaviour, orders, revenue and recency, the base for customer segments."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.customer_metrics import customer_metrics
from thelook.glue.as_of import as_of
from thelook.glue.audits import always, at_least, foreign_key, unique_key
from thelook.glue.batches import BATCH_FILTER, user_batch_count
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch

COLUMNS: Columns = {
    "user_id": ("INT64", "The user."),
    "signed_up_at": ("TIMESTAMP", "When the user signed up (users.created_at), UTC."),
    "traffic_source": ("STRING", "Channel the user signed up through."),
    "total_events": ("INT64", "Web events with this user_id."),
    "total_sessions": ("INT64", "Distinct web sessions among those events."),
    "first_event_at": ("TIMESTAMP", "First web event; NULL if none."),
    "last_event_at": ("TIMESTAMP", "Latest web event; NULL if none."),
    "products_viewed": ("INT64", "Distinct products over the user's product views."),
    "total_orders": ("INT64", "Orders placed, any status."),
    "purchased_orders": ("INT64", "Purchased orders: orders not cancelled."),
    "cancelled_orders": ("INT64", "Orders cancelled."),
    "is_buyer": ("BOOLEAN", "A buyer: at least one purchased order. The rest are Prospects."),
    "items_purchased": ("INT64", "Purchased items (status not Cancelled)."),
    "distinct_products_purchased": ("INT64", "Distinct products among purchased items."),
    "gross_revenue": ("FLOAT64", "Sale price of purchased items, US dollars."),
    "returned_revenue": ("FLOAT64", "Sale price of returned items, US dollars."),
    "net_revenue": ("FLOAT64", "Gross revenue less returned revenue, US dollars."),
    "net_profit": ("FLOAT64", "Sale price less product cost over kept items, US dollars."),
    "first_order_at": ("TIMESTAMP", "First order not cancelled; NULL if none."),
    "last_order_at": ("TIMESTAMP", "Latest order not cancelled; NULL if none."),
    "days_since_last_order": (
        "INT64",
        "Days from the date of last_order_at to as_of (the plan's last day unless pinned); "
        "NULL if none.",
    ),
}

# A batch of users at a time: the three inputs of a batch hold the same users.
BATCH_INPUTS = {
    "users": "SELECT user_id, signed_up_at, traffic_source FROM staging.stg_users "
    f"WHERE {BATCH_FILTER}",
    "user_events": f"SELECT * FROM intermediate.user_events WHERE {BATCH_FILTER}",
    "user_orders": f"SELECT * FROM intermediate.user_orders WHERE {BATCH_FILTER}",
}


@model(
    "marts.customer_metrics",
    kind="FULL",
    clustered_by=["user_id"],
    owner="analytics",
    grain="user_id",
    description="One row per user in users, with web behaviour, orders, revenue and recency; "
    "counts and money are 0 for a user with no activity, timestamps NULL.",
    depends_on=[
        "intermediate.as_of",
        "staging.stg_users",
        "intermediate.user_events",
        "intermediate.user_orders",
    ],
    **declared(COLUMNS),
    audits=[
        *unique_key("user_id"),
        foreign_key("user_id", "staging.stg_users"),
        *(at_least(column, 0) for column in ("total_events", "total_orders", "gross_revenue")),
        at_least("returned_revenue", 0),
        at_least("net_revenue", 0),
        always(
            "net_revenue <= gross_revenue",
            "purchased_orders + cancelled_orders = total_orders",
            "is_buyer = (purchased_orders > 0)",
            "total_sessions <= total_events",
            "distinct_products_purchased <= items_purchased",
            "(first_order_at IS NULL) = (last_order_at IS NULL)",
        ),
        always("days_since_last_order >= 0", blocking=False),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> t.Iterator[pd.DataFrame]:
    day = as_of(context)
    batches = user_batch_count(context)
    for batch in range(batches):
        inputs = {
            name: fetch(context, sql, batches=batches, batch=batch)
            for name, sql in BATCH_INPUTS.items()
        }
        metrics = customer_metrics(**inputs, as_of=day)
        if not metrics.empty:  # SQLMesh takes no empty frame
            yield metrics[list(COLUMNS)]
