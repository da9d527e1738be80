"""One row per product: how often it is viewed, sold and returned, and what it earns."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.product_performance import product_performance
from thelook.glue.audits import always, at_least, between, foreign_key, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch

COLUMNS: Columns = {
    "product_id": ("INT64", "The product."),
    "product_name": ("STRING", "Display name; NULL for a few products, as in the source."),
    "brand": ("STRING", "Brand."),
    "category": ("STRING", "Category."),
    "department": ("STRING", "Men or Women."),
    "retail_price": ("FLOAT64", "List price, US dollars."),
    "cost": ("FLOAT64", "Unit cost, US dollars."),
    "total_views": ("INT64", "Product views of it by anyone, anonymous visitors included."),
    "viewing_sessions": ("INT64", "Distinct web sessions among those views."),
    "items_sold": ("INT64", "Purchased items (status not Cancelled)."),
    "items_returned": ("INT64", "Returned items."),
    "gross_revenue": ("FLOAT64", "Sale price of purchased items, US dollars."),
    "returned_revenue": ("FLOAT64", "Sale price of returned items, US dollars."),
    "net_revenue": ("FLOAT64", "Gross revenue less returned revenue, US dollars."),
    "net_profit": ("FLOAT64", "Sale price less cost over kept items, US dollars."),
    "conversion_rate": (
        "FLOAT64",
        "items_sold / viewing_sessions; NULL when no session viewed it.",
    ),
    "return_rate": ("FLOAT64", "items_returned / items_sold; NULL when none sold."),
}

PRODUCTS = """
SELECT product_id, product_name, brand, category, department, retail_price, cost
FROM staging.stg_products
"""
# A session belongs to one viewer, so rows of event_product_views are viewing sessions.
VIEWS = """
SELECT product_id, SUM(view_count) AS total_views, COUNT(*) AS viewing_sessions
FROM intermediate.event_product_views
GROUP BY product_id
"""
SALES = """
SELECT
  product_id,
  COUNTIF(is_purchased) AS items_sold,
  COUNTIF(is_returned) AS items_returned,
  SUM(gross_revenue) AS gross_revenue,
  SUM(returned_revenue) AS returned_revenue,
  SUM(net_profit) AS net_profit
FROM intermediate.order_items_enriched
GROUP BY product_id
"""


@model(
    "marts.product_performance",
    kind="FULL",
    clustered_by=["department", "category"],
    owner="analytics",
    grain="product_id",
    description="One row per product in products: views, viewing sessions, sales, returns, "
    "revenue, profit, conversion rate and return rate.",
    depends_on=[
        "staging.stg_products",
        "intermediate.event_product_views",
        "intermediate.order_items_enriched",
    ],
    **declared(COLUMNS),
    audits=[
        *unique_key("product_id"),
        foreign_key("product_id", "staging.stg_products"),
        *(at_least(column, 0) for column in ("total_views", "items_sold", "gross_revenue")),
        at_least("returned_revenue", 0),
        at_least("net_revenue", 0),
        between("conversion_rate", 0, 1),
        between("return_rate", 0, 1),
        always(
            "net_revenue <= gross_revenue",
            "items_returned <= items_sold",
            "viewing_sessions <= total_views",
        ),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> pd.DataFrame:
    performance = product_performance(
        products=fetch(context, PRODUCTS),
        views=fetch(context, VIEWS),
        sales=fetch(context, SALES),
    )
    return performance[list(COLUMNS)]
