"""One row per month end, segment and engagement tier: how the shop's customers have changed."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model
from sqlmesh.core.model.kind import ModelKindName

from thelook.business.segment_grid import ENGAGEMENT_TIERS, SEGMENTS
from thelook.business.segment_history import HISTORY_START, last_days_of_months, month_summary
from thelook.glue.audits import always, at_least, one_of, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch

COLUMNS: Columns = {
    "month_end": ("DATE", "The last day of the month: everything is as known at its end."),
    "segment": ("STRING", "The segment then, by the rules of customer_segments."),
    "engagement_tier": ("STRING", "The engagement tier then, by the rules of customer_segments."),
    "users": ("INT64", "Users signed up by month_end in the segment and tier."),
    "net_revenue": ("FLOAT64", "Their net revenue by month_end, as known then, US dollars."),
    "orders": ("INT64", "Their purchased orders by month_end."),
    "new_buyers": ("INT64", "Those whose first purchased order was placed in the month."),
    "returning_buyers": (
        "INT64",
        "Those who placed a purchased order in the month after one before it: over the buyers "
        "of the month before (buyers less new_buyers), the month's retention.",
    ),
    "display_order": ("INT64", "Position of the segment in a chart, from Champions (1)."),
}

ACTIVITY = """
SELECT
  user_id,
  is_buyer,
  purchased_orders,
  net_revenue,
  first_order_at,
  last_order_at,
  days_since_last_order,
  has_events,
  engagement_sessions
FROM intermediate.user_activity_month_ends
WHERE month_end = @month_end
"""


@model(
    "marts.segment_history",
    kind=dict(name=ModelKindName.INCREMENTAL_BY_TIME_RANGE, time_column="month_end"),
    cron="@monthly",
    start=HISTORY_START,
    partitioned_by=["month_end"],
    owner="analytics",
    grain=["month_end", "segment", "engagement_tier"],
    description="One row per closed month end since 2024-01, segment and engagement tier: the "
    "segments and tiers every user had at the end of the month, computed by the rules of "
    "customer_segments over what was known then (intermediate.user_activity_month_ends), with "
    "their users, net revenue and orders and the month's new and returning buyers. Built by "
    "month: `sqlmesh run` adds a month once it has closed; a restated month is recomputed from "
    "the source as known at its end, and gives the same rows. Summed over tiers, a month's rows "
    "are segment_summary's users, net revenue and orders of a build pinned to its end.",
    depends_on=["intermediate.user_activity_month_ends"],
    **declared(COLUMNS),
    audits=[
        *unique_key("month_end", "segment", "engagement_tier"),
        one_of("segment", SEGMENTS),
        one_of("engagement_tier", ENGAGEMENT_TIERS),
        at_least("users", 1),
        at_least("net_revenue", 0),
        always("new_buyers + returning_buyers <= users"),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> t.Iterator[pd.DataFrame]:
    for month_end in last_days_of_months(start.date(), end.date()):
        activity = fetch(context, ACTIVITY, month_end=month_end)
        if not activity.empty:  # a month not closed by as_of has no rows; SQLMesh takes none
            yield month_summary(activity, month_end)[list(COLUMNS)]
