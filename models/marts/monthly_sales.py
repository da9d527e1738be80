"""One row per month and category: items sold and returned, and the revenue they brought."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.monthly_sales import monthly_sales
from thelook.glue.audits import always, at_least, between, one_of, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch

COLUMNS: Columns = {
    "month": ("DATE", "The first day of the month the items were ordered in, UTC."),
    "department": ("STRING", "Men or Women."),
    "category": ("STRING", "The products' category."),
    "items_sold": ("INT64", "Purchased items (status not Cancelled)."),
    "items_returned": ("INT64", "Returned items among them."),
    "gross_revenue": ("FLOAT64", "Sale price of purchased items, US dollars."),
    "returned_revenue": ("FLOAT64", "Sale price of returned items, US dollars."),
    "net_revenue": ("FLOAT64", "Gross revenue less returned revenue, US dollars."),
    "return_rate": ("FLOAT64", "Returned items per purchased item; NULL if none sold."),
}

# The engine sums the items: one row per month and category comes back.
SALES = """
SELECT
  DATE_TRUNC(DATE(items.ordered_at), MONTH) AS month,
  products.department,
  products.category,
  COUNTIF(items.is_purchased) AS items_sold,
  COUNTIF(items.is_returned) AS items_returned,
  SUM(items.gross_revenue) AS gross_revenue,
  SUM(items.returned_revenue) AS returned_revenue
FROM intermediate.order_items_enriched AS items
INNER JOIN staging.stg_products AS products ON products.product_id = items.product_id
GROUP BY month, products.department, products.category
"""


@model(
    "marts.monthly_sales",
    kind="FULL",
    owner="analytics",
    grain=["month", "department", "category"],
    description="One row per month and category with an item ordered: items sold and returned, "
    "gross, returned and net revenue, and the return rate, for the shop's trend over time.",
    depends_on=["intermediate.order_items_enriched", "staging.stg_products"],
    **declared(COLUMNS),
    audits=[
        *unique_key("month", "department", "category"),
        one_of("department", ("Men", "Women")),
        at_least("items_sold", 0),
        at_least("net_revenue", 0),
        between("return_rate", 0, 1),
        always("items_returned <= items_sold", "net_revenue <= gross_revenue"),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> pd.DataFrame:
    return monthly_sales(fetch(context, SALES))[list(COLUMNS)]
