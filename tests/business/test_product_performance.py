"""product_performance on item-level data aggregated as the engine would."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from thelook.business.product_performance import product_performance

STATUSES = ["Complete", "Shipped", "Processing", "Returned", "Cancelled"]

items = st.lists(
    st.tuples(st.integers(1, 5), st.sampled_from(STATUSES), st.floats(0.5, 500)),
    max_size=40,
)
sessions = st.lists(st.tuples(st.integers(1, 5), st.integers(1, 4)), max_size=20)


def catalogue(ids=range(1, 6)) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "product_id": list(ids),
            "product_name": [f"Product {i}" for i in ids],
            "brand": "Brand",
            "category": "Jeans",
            "department": "Men",
            "retail_price": 10.0,
            "cost": 4.0,
        }
    )


def sales_of(rows) -> pd.DataFrame:
    """Per-product sums of item rows, as the mart's SALES query computes them."""
    frame = pd.DataFrame(rows, columns=["product_id", "status", "sale_price"])
    frame["is_purchased"] = frame["status"] != "Cancelled"
    frame["is_returned"] = frame["status"] == "Returned"
    kept = frame["is_purchased"] & ~frame["is_returned"]
    frame["gross_revenue"] = frame["sale_price"].where(frame["is_purchased"], 0.0)
    frame["returned_revenue"] = frame["sale_price"].where(frame["is_returned"], 0.0)
    frame["net_profit"] = (frame["sale_price"] - 4.0).where(kept, 0.0)
    return frame.groupby("product_id", as_index=False).agg(
        items_sold=("is_purchased", "sum"),
        items_returned=("is_returned", "sum"),
        gross_revenue=("gross_revenue", "sum"),
        returned_revenue=("returned_revenue", "sum"),
        net_profit=("net_profit", "sum"),
    )


def views_of(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["product_id", "view_count"])
    return frame.groupby("product_id", as_index=False).agg(
        total_views=("view_count", "sum"), viewing_sessions=("view_count", "size")
    )


@settings(max_examples=60, deadline=None)
@given(items, sessions)
def test_every_product_once_with_consistent_measures(item_rows, session_rows):
    result = product_performance(catalogue(), views_of(session_rows), sales_of(item_rows))
    assert sorted(result["product_id"]) == [1, 2, 3, 4, 5]
    assert (result["net_revenue"] <= result["gross_revenue"] + 1e-9).all()
    assert (result["net_revenue"] >= -1e-9).all()
    assert result["return_rate"].dropna().between(0, 1).all()
    assert result["return_rate"].isna().equals(result["items_sold"] == 0)
    assert result["conversion_rate"].isna().equals(result["viewing_sessions"] == 0)
    for column in ("total_views", "viewing_sessions", "items_sold", "items_returned"):
        assert result[column].dtype == "int64"


def test_a_product_with_no_activity_has_zeros_and_no_rates():
    empty_views = pd.DataFrame(columns=["product_id", "total_views", "viewing_sessions"])
    empty_sales = sales_of([])
    row = product_performance(catalogue([7]), empty_views, empty_sales).iloc[0]
    assert (row["total_views"], row["items_sold"], row["gross_revenue"]) == (0, 0, 0.0)
    assert np.isnan(row["conversion_rate"]) and np.isnan(row["return_rate"])


def test_measures_on_a_worked_example():
    sales = sales_of([(1, "Complete", 50.0), (1, "Returned", 50.0), (1, "Cancelled", 50.0)])
    views = views_of([(1, 2), (1, 1), (1, 1), (1, 1)])
    row = product_performance(catalogue([1]), views, sales).iloc[0]
    assert (row["items_sold"], row["items_returned"]) == (2, 1)
    assert (row["gross_revenue"], row["returned_revenue"], row["net_revenue"]) == (100, 50, 50)
    assert row["net_profit"] == 46.0
    assert (row["total_views"], row["viewing_sessions"]) == (5, 4)
    assert row["conversion_rate"] == 0.5 and row["return_rate"] == 0.5
