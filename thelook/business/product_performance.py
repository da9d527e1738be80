"""product_performance: one row per product, from views to profit."""

import pandas as pd

from thelook.business.measures import conversion_rate, fill_zero, net_revenue, return_rate

COUNTS = ("total_views", "viewing_sessions", "items_sold", "items_returned")
MONEY = ("gross_revenue", "returned_revenue", "net_profit")


def product_performance(
    products: pd.DataFrame, views: pd.DataFrame, sales: pd.DataFrame
) -> pd.DataFrame:
    """Every product, with its product views (`views`, one row per viewed product) and its
    sales (`sales`, one row per product ever ordered)."""
    performance = products.merge(views, on="product_id", how="left", validate="one_to_one").merge(
        sales, on="product_id", how="left", validate="one_to_one"
    )
    performance = fill_zero(
        performance, {**dict.fromkeys(COUNTS, "int64"), **dict.fromkeys(MONEY, "float64")}
    )
    performance["net_revenue"] = net_revenue(
        performance["gross_revenue"], performance["returned_revenue"]
    )
    performance["conversion_rate"] = conversion_rate(
        performance["items_sold"], performance["viewing_sessions"]
    )
    performance["return_rate"] = return_rate(
        performance["items_returned"], performance["items_sold"]
    )
    return performance
