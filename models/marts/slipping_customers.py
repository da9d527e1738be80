"""One row per customer who slipped from a valuable segment to one that needs winning back."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlglot import exp
from sqlmesh import ExecutionContext, model

from thelook.business.segment_grid import MIGRATION_DAYS, VALUABLE_SEGMENTS, WIN_BACK_SEGMENTS
from thelook.business.segment_migration import slipping_customers
from thelook.glue.audits import at_least, between, foreign_key, one_of, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch

COLUMNS: Columns = {
    "priority": ("INT64", "1 for the customer predicted to bring the most; the order to call."),
    "user_id": ("INT64", "The customer."),
    "previous_segment": (
        "STRING",
        f"Their segment {MIGRATION_DAYS} days before as_of: one of {', '.join(VALUABLE_SEGMENTS)}.",
    ),
    "segment": (
        "STRING",
        f"Their segment at as_of: one of {', '.join(WIN_BACK_SEGMENTS)}.",
    ),
    "net_revenue": ("FLOAT64", "What they have spent, net of returns, by as_of, US dollars."),
    "orders": ("INT64", "Their purchased orders by as_of."),
    "recency_days": ("INT64", "Days since their last purchased order."),
    "predicted_net_revenue": (
        "FLOAT64",
        "Net revenue they are predicted to bring in the next half-year (customer_value), US "
        "dollars; 0 where the value model has no prediction.",
    ),
    "value_decile": ("INT64", "Their decile by predicted_net_revenue (customer_value)."),
    "purchase_probability": (
        "FLOAT64",
        "Their chance of an order in the next 30 days (purchase_propensity).",
    ),
    "offers": (
        "STRING",
        "The categories the cross-sell marts offer them, best first, separated by '; ' "
        "(cross_sell_opportunities); NULL where none.",
    ),
    "offers_expected_revenue": (
        "FLOAT64",
        "Expected revenue of those offers, summed (cross_sell_opportunities), US dollars.",
    ),
}


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(exp.Literal.string(name).sql(dialect="bigquery") for name in names)


CUSTOMERS = f"""
WITH offers AS (
  SELECT
    user_id,
    STRING_AGG(category, '; ' ORDER BY rank) AS offers,
    SUM(expected_revenue) AS offers_expected_revenue
  FROM marts.cross_sell_opportunities
  GROUP BY user_id
)
SELECT
  segments.user_id,
  segments.previous_segment,
  segments.segment,
  segments.monetary AS net_revenue,
  segments.frequency AS orders,
  segments.recency_days,
  COALESCE(value.predicted_net_revenue, 0) AS predicted_net_revenue,
  value.value_decile,
  propensity.purchase_probability,
  offers.offers,
  offers.offers_expected_revenue
FROM marts.customer_segments AS segments
LEFT JOIN marts.customer_value AS value ON value.user_id = segments.user_id
LEFT JOIN marts.purchase_propensity AS propensity ON propensity.user_id = segments.user_id
LEFT JOIN offers ON offers.user_id = segments.user_id
WHERE segments.previous_segment IN ({_names(VALUABLE_SEGMENTS)})
  AND segments.segment IN ({_names(WIN_BACK_SEGMENTS)})
"""


@model(
    "marts.slipping_customers",
    kind="FULL",
    owner="analytics",
    grain="user_id",
    description=f"One row per customer who was in a valuable segment {MIGRATION_DAYS} days "
    f"before as_of ({', '.join(VALUABLE_SEGMENTS)}) and is now in one that needs winning back "
    f"({', '.join(WIN_BACK_SEGMENTS)}; thelook/business/segment_grid.py): what they have spent, "
    "what they are predicted to bring, their chance of buying in the next 30 days and the "
    "offers the cross-sell marts make them, the most valuable first. The list a win-back "
    "campaign is sent to; no personal data beyond the user id.",
    depends_on=[
        "marts.customer_segments",
        "marts.customer_value",
        "marts.purchase_propensity",
        "marts.cross_sell_opportunities",
    ],
    **declared(COLUMNS),
    audits=[
        *unique_key("user_id"),
        *unique_key("priority"),
        foreign_key("user_id", "marts.customer_segments"),
        one_of("previous_segment", VALUABLE_SEGMENTS),
        one_of("segment", WIN_BACK_SEGMENTS),
        at_least("predicted_net_revenue", 0),
        between("purchase_probability", 0, 1),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> t.Iterator[pd.DataFrame]:
    slipped = slipping_customers(fetch(context, CUSTOMERS))
    if not slipped.empty:  # SQLMesh takes no empty frame
        for column in ("value_decile", "recency_days"):
            slipped[column] = slipped[column].astype("Int64")
        yield slipped[list(COLUMNS)]
