"""One row per segment a month before as_of and segment at as_of: who moved where."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.segment_grid import MIGRATION_DAYS, SEGMENTS, SIGNED_UP_SINCE
from thelook.business.segment_migration import PREVIOUS_SEGMENTS, segment_migration
from thelook.glue.audits import always, at_least, between, one_of, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch

COLUMNS: Columns = {
    "previous_segment": (
        "STRING",
        f"The segment {MIGRATION_DAYS} days before as_of (customer_segments.previous_segment); "
        f"'{SIGNED_UP_SINCE}' for the users who signed up after that day, a row of their own.",
    ),
    "segment": ("STRING", "The segment at as_of (customer_segments.segment)."),
    "customers": ("INT64", "Users who were in previous_segment then and are in segment now."),
    "net_revenue": (
        "FLOAT64",
        "Their net revenue of the month between: items of orders placed after month_before, up "
        "to as_of, less those returned by as_of, US dollars.",
    ),
    "predicted_net_revenue": (
        "FLOAT64",
        "What they are predicted to bring in the next half-year (customer_value), US dollars.",
    ),
    "share_of_previous": ("FLOAT64", "customers over all the users of previous_segment."),
    "has_moved": ("BOOLEAN", "previous_segment differs from segment."),
    "previous_display_order": ("INT64", "Position of previous_segment in a chart's rows."),
    "display_order": ("INT64", "Position of segment in a chart's columns."),
}

MOVES = """
WITH month_between AS (
  SELECT
    items.user_id,
    SUM(items.gross_revenue) AS gross_revenue,
    SUM(items.returned_revenue) AS returned_revenue
  FROM intermediate.order_items_enriched AS items
  WHERE DATE(items.ordered_at) > (SELECT month_before FROM intermediate.as_of)
  GROUP BY items.user_id
)
SELECT
  segments.previous_segment,
  segments.segment,
  COUNT(*) AS customers,
  COALESCE(SUM(month_between.gross_revenue), 0) AS gross_revenue,
  COALESCE(SUM(month_between.returned_revenue), 0) AS returned_revenue,
  COALESCE(SUM(value.predicted_net_revenue), 0) AS predicted_net_revenue
FROM marts.customer_segments AS segments
LEFT JOIN month_between ON month_between.user_id = segments.user_id
LEFT JOIN marts.customer_value AS value ON value.user_id = segments.user_id
GROUP BY segments.previous_segment, segments.segment
"""


@model(
    "marts.segment_migration",
    kind="FULL",
    owner="analytics",
    grain=["previous_segment", "segment"],
    description=f"One row per pair of the segment a user was in {MIGRATION_DAYS} days before "
    "as_of and the segment they are in at as_of, both computed by the same rules over what was "
    "known at their day: the customers who made that move, their net revenue in the month "
    "between and what they are predicted to bring next. The users who signed up since are "
    f"the rows of '{SIGNED_UP_SINCE}'. Summed by previous_segment, customers give the segment "
    "sizes of a month ago (and the users signed up since); by segment, today's.",
    depends_on=[
        "intermediate.as_of",
        "intermediate.order_items_enriched",
        "marts.customer_segments",
        "marts.customer_value",
    ],
    **declared(COLUMNS),
    audits=[
        *unique_key("previous_segment", "segment"),
        one_of("previous_segment", PREVIOUS_SEGMENTS),
        one_of("segment", SEGMENTS),
        at_least("customers", 1),
        at_least("predicted_net_revenue", 0),
        between("share_of_previous", 0, 1),
        always(f"previous_segment <> '{SIGNED_UP_SINCE}' OR has_moved"),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> pd.DataFrame:
    return segment_migration(fetch(context, MOVES))[list(COLUMNS)]
