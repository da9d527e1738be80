"""One row per registered user and product viewed but never bought: the missed sales."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.cross_sell_candidates import cross_sell_candidates
from thelook.glue.audits import always, at_least, between, foreign_key, unique_key
from thelook.glue.batches import BATCH_FILTER, user_batch_count
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch

COLUMNS: Columns = {
    "user_id": ("INT64", "The registered user who viewed the product."),
    "product_id": ("INT64", "The product viewed and not bought."),
    "product_name": ("STRING", "Display name; NULL for a few products, as in the source."),
    "brand": ("STRING", "Brand."),
    "category": ("STRING", "Category."),
    "department": ("STRING", "Men or Women."),
    "retail_price": ("FLOAT64", "List price, US dollars."),
    "view_count": ("INT64", "The user's product views of it."),
    "viewing_sessions": ("INT64", "Distinct sessions in which the user viewed it."),
    "first_viewed_at": ("TIMESTAMP", "The user's first view of it, UTC."),
    "last_viewed_at": ("TIMESTAMP", "The user's latest view of it, UTC."),
    "product_conversion_rate": (
        "FLOAT64",
        "The product's conversion_rate in product_performance; NULL if it has none.",
    ),
    "estimated_lost_revenue": (
        "FLOAT64",
        "retail_price * product_conversion_rate: the expected value of the sale that did not "
        "happen, US dollars.",
    ),
}

# Registered users are those in users; anonymous sessions have no user_id. A batch of users at
# a time: the views and purchases of a batch hold the same users.
VIEWED = f"""
SELECT
  views.user_id,
  views.product_id,
  SUM(views.view_count) AS view_count,
  COUNT(*) AS viewing_sessions,
  MIN(views.first_viewed_at) AS first_viewed_at,
  MAX(views.last_viewed_at) AS last_viewed_at
FROM intermediate.event_product_views AS views
WHERE views.user_id IN (SELECT users.user_id FROM staging.stg_users AS users)
  AND {BATCH_FILTER}
GROUP BY views.user_id, views.product_id
"""
PURCHASED = f"""
SELECT DISTINCT user_id, product_id
FROM intermediate.order_items_enriched
WHERE is_purchased AND {BATCH_FILTER}
"""
PRODUCTS = """
SELECT product_id, product_name, brand, category, department, retail_price, conversion_rate
FROM marts.product_performance
"""


@model(
    "marts.cross_sell_candidates",
    kind="FULL",
    clustered_by=["user_id", "product_id"],
    owner="analytics",
    grain=["user_id", "product_id"],
    description="One row per registered user and product the user viewed at least once and has "
    "no purchased item of, with the product, the views and the expected value of the lost sale.",
    depends_on=[
        "staging.stg_users",
        "intermediate.event_product_views",
        "intermediate.order_items_enriched",
        "marts.product_performance",
    ],
    **declared(COLUMNS),
    audits=[
        *unique_key("user_id", "product_id"),
        foreign_key("user_id", "staging.stg_users"),
        foreign_key("product_id", "marts.product_performance"),
        ("not_purchased", {}),
        at_least("view_count", 1),
        at_least("estimated_lost_revenue", 0),
        between("product_conversion_rate", 0, 1),
        always(
            "viewing_sessions <= view_count",
            "first_viewed_at <= last_viewed_at",
            "estimated_lost_revenue <= retail_price",
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
    products = fetch(context, PRODUCTS)
    batches = user_batch_count(context)
    for batch in range(batches):
        candidates = cross_sell_candidates(
            viewed=fetch(context, VIEWED, batches=batches, batch=batch),
            purchased=fetch(context, PURCHASED, batches=batches, batch=batch),
            products=products,
        )
        if not candidates.empty:  # SQLMesh cannot store an empty frame; no batch means no rows
            yield candidates[list(COLUMNS)]
