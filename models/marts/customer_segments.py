"""One row per user: RFM scores, the named segment and the engagement tier."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.customer_segments import customer_segments, with_previous_segment
from thelook.business.scores import score_bounds_sql
from thelook.business.segment_grid import (
    ENGAGEMENT_TIERS,
    ENGAGEMENT_WINDOW_DAYS,
    MIGRATION_DAYS,
    RFM_SCORES,
    SEGMENTS,
    SIGNED_UP_SINCE,
)
from thelook.glue.audits import always, at_least, between, covers, foreign_key, one_of, unique_key
from thelook.glue.batches import BATCH_FILTER, user_batch_count
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch

COLUMNS: Columns = {
    "user_id": ("INT64", "The user."),
    "recency_days": ("INT64", "customer_metrics.days_since_last_order; NULL for a non-buyer."),
    "frequency": ("INT64", "Purchased orders: customer_metrics.purchased_orders."),
    "monetary": ("FLOAT64", "Net revenue, US dollars; 0 when none."),
    "r_score": ("INT64", "1-5 by recency among buyers, 5 = most recent; NULL for a non-buyer."),
    "f_score": ("INT64", "LEAST(frequency, 5); NULL for a non-buyer."),
    "m_score": ("INT64", "1-5 by monetary among buyers, 5 = most spent; NULL for a non-buyer."),
    "rfm_cell": ("STRING", "The three scores as digits, R then F then M, e.g. '545'."),
    "segment": ("STRING", "Named segment from r_score and f_score; Prospect for a non-buyer."),
    "engagement_sessions": (
        "INT64",
        f"Distinct web sessions with an event on or after as_of minus {ENGAGEMENT_WINDOW_DAYS} "
        "days (UTC dates): intermediate.user_events.engagement_sessions.",
    ),
    "engagement_tier": (
        "STRING",
        "None (no event ever), Dormant (no session in the window), Low (1), Medium (2-3), "
        "High (4+).",
    ),
    "value_decile": (
        "INT64",
        "1-10 by the net revenue the user is predicted to bring in the next half-year "
        "(customer_value), 10 = highest: where it and the segment disagree, the past and the "
        "future do. NULL for a user who signed up after as_of.",
    ),
    "previous_segment": (
        "STRING",
        f"The segment {MIGRATION_DAYS} days before as_of (intermediate.as_of.month_before), by "
        "the same rules over what was known then (intermediate.user_activity_at); "
        f"'{SIGNED_UP_SINCE}' for a user who signed up after that day.",
    ),
}

# A batch of users at a time: the customers and sessions of a batch hold the same users.
CUSTOMERS = f"""
SELECT
  user_id,
  is_buyer,
  days_since_last_order AS recency_days,
  purchased_orders AS frequency,
  net_revenue AS monetary,
  total_events > 0 AS has_events,
  value_decile
FROM marts.customer_metrics
LEFT JOIN marts.customer_value USING (user_id)
WHERE {BATCH_FILTER}
"""
RECENT_SESSIONS = f"""
SELECT user_id, engagement_sessions
FROM intermediate.user_events
WHERE engagement_sessions > 0 AND {BATCH_FILTER}
"""
# Recency and monetary scores rank a buyer among all buyers: the engine ranks them, and only
# the bounds of each score come back.
BUYERS = """
SELECT days_since_last_order AS recency_days, net_revenue AS monetary
FROM marts.customer_metrics
WHERE is_buyer
"""
RECENCY_BOUNDS = score_bounds_sql("recency_days", RFM_SCORES, BUYERS, highest_is_best=False)
MONETARY_BOUNDS = score_bounds_sql("monetary", RFM_SCORES, BUYERS)

# The same customers a month before as_of, as known then: their segment is previous_segment.
A_MONTH_BEFORE = "known_at = (SELECT month_before FROM intermediate.as_of)"
PREVIOUS_CUSTOMERS = f"""
SELECT
  user_id,
  is_buyer,
  days_since_last_order AS recency_days,
  purchased_orders AS frequency,
  net_revenue AS monetary,
  has_events
FROM intermediate.user_activity_at
WHERE {A_MONTH_BEFORE} AND {BATCH_FILTER}
"""
PREVIOUS_SESSIONS = f"""
SELECT user_id, engagement_sessions
FROM intermediate.user_activity_at
WHERE engagement_sessions > 0 AND {A_MONTH_BEFORE} AND {BATCH_FILTER}
"""
PREVIOUS_BUYERS = f"""
SELECT days_since_last_order AS recency_days, net_revenue AS monetary
FROM intermediate.user_activity_at
WHERE is_buyer AND {A_MONTH_BEFORE}
"""
PREVIOUS_RECENCY_BOUNDS = score_bounds_sql(
    "recency_days", RFM_SCORES, PREVIOUS_BUYERS, highest_is_best=False
)
PREVIOUS_MONETARY_BOUNDS = score_bounds_sql("monetary", RFM_SCORES, PREVIOUS_BUYERS)


@model(
    "marts.customer_segments",
    kind="FULL",
    clustered_by=["segment", "user_id"],
    owner="analytics",
    grain="user_id",
    description="One row per user in users: recency, frequency and monetary value with their "
    "1-5 scores, the named RFM segment (Prospect for users who never bought) and the "
    "engagement tier from recent web sessions. Scores and tiers are measured to as_of.",
    depends_on=[
        "marts.customer_metrics",
        "marts.customer_value",
        "intermediate.user_events",
        "intermediate.user_activity_at",
        "intermediate.as_of",
        "staging.stg_users",
    ],
    **declared(COLUMNS),
    audits=[
        *unique_key("user_id"),
        foreign_key("user_id", "staging.stg_users"),
        covers("user_id", "staging.stg_users"),
        *(between(score, 1, 5) for score in ("r_score", "f_score", "m_score")),
        between("value_decile", 1, 10),
        at_least("frequency", 0),
        at_least("monetary", 0),
        at_least("engagement_sessions", 0),
        one_of("segment", SEGMENTS),
        one_of("previous_segment", (*SEGMENTS, SIGNED_UP_SINCE)),
        one_of("engagement_tier", ENGAGEMENT_TIERS),
        always(
            *(
                f"({column} IS NULL) = (frequency = 0)"
                for column in ("recency_days", "r_score", "f_score", "m_score", "rfm_cell")
            ),
            "(segment = 'Prospect') = (frequency = 0)",
            "(engagement_tier IN ('None', 'Dormant')) = (engagement_sessions = 0)",
        ),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> t.Iterator[pd.DataFrame]:
    bounds = {
        "recency_bounds": fetch(context, RECENCY_BOUNDS),
        "monetary_bounds": fetch(context, MONETARY_BOUNDS),
    }
    previous_bounds = {
        "recency_bounds": fetch(context, PREVIOUS_RECENCY_BOUNDS),
        "monetary_bounds": fetch(context, PREVIOUS_MONETARY_BOUNDS),
    }
    batches = user_batch_count(context)
    for batch in range(batches):
        segments = customer_segments(
            customers=fetch(context, CUSTOMERS, batches=batches, batch=batch),
            recent_sessions=fetch(context, RECENT_SESSIONS, batches=batches, batch=batch),
            **bounds,
        )
        previous = customer_segments(
            customers=fetch(context, PREVIOUS_CUSTOMERS, batches=batches, batch=batch),
            recent_sessions=fetch(context, PREVIOUS_SESSIONS, batches=batches, batch=batch),
            **previous_bounds,
        )
        segments = with_previous_segment(segments, previous)
        if not segments.empty:  # SQLMesh takes no empty frame
            segments["value_decile"] = segments["value_decile"].astype("Int64")
            yield segments[list(COLUMNS)]
