"""One row per customer segment: its users and revenue, and their shares of the whole."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.customer_segments import segment_summary
from thelook.business.segment_grid import SEGMENTS
from thelook.glue.audits import at_least, between, one_of, shares_add_up, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch

COLUMNS: Columns = {
    "segment": ("STRING", "The segment, as in customer_segments."),
    "users": ("INT64", "Users in the segment."),
    "user_share": ("FLOAT64", "Share of all users."),
    "net_revenue": ("FLOAT64", "Net revenue of its users, US dollars."),
    "revenue_share": ("FLOAT64", "Share of all net revenue; NULL if there is none."),
    "avg_net_revenue": ("FLOAT64", "Net revenue per user, US dollars."),
    "predicted_net_revenue": (
        "FLOAT64",
        "Net revenue its users are predicted to bring in the next half-year (customer_value), "
        "US dollars.",
    ),
    "avg_predicted_net_revenue": ("FLOAT64", "The same per user, US dollars."),
    "avg_recency_days": ("FLOAT64", "Mean days since the last order over its buyers."),
    "avg_frequency": ("FLOAT64", "Mean orders not cancelled over its buyers; NULL for Prospect."),
    "orders": ("INT64", "Purchased orders of its users (orders not cancelled)."),
    "average_order_value": (
        "FLOAT64",
        "Net revenue per purchased order, US dollars; NULL where none.",
    ),
    "display_order": ("INT64", "Position in a chart, from Champions (1) to Prospect."),
}

TOTALS = """
SELECT
  segments.segment,
  COUNT(*) AS users,
  SUM(segments.monetary) AS net_revenue,
  SUM(segments.frequency) AS orders,
  COALESCE(SUM(value.predicted_net_revenue), 0) AS predicted_net_revenue,
  AVG(segments.recency_days) AS avg_recency_days,
  AVG(IF(segments.frequency > 0, segments.frequency, NULL)) AS avg_frequency
FROM marts.customer_segments AS segments
LEFT JOIN marts.customer_value AS value ON value.user_id = segments.user_id
GROUP BY segments.segment
"""


@model(
    "marts.segment_summary",
    kind="FULL",
    owner="analytics",
    grain="segment",
    description="One row per segment present in customer_segments: users, net revenue, their "
    "shares of all users and all net revenue, the net revenue its users are predicted to bring "
    "in the next half-year beside it, and the buyers' mean recency and frequency.",
    depends_on=["marts.customer_segments", "marts.customer_value", "staging.stg_users"],
    **declared(COLUMNS),
    audits=[
        *unique_key("segment"),
        one_of("segment", SEGMENTS),
        at_least("users", 1),
        at_least("net_revenue", 0),
        at_least("orders", 0),
        at_least("predicted_net_revenue", 0),
        between("user_share", 0, 1),
        between("revenue_share", 0, 1),
        shares_add_up("staging.stg_users"),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> pd.DataFrame:
    return segment_summary(fetch(context, TOTALS))[list(COLUMNS)]
