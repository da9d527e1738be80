"""Overview: the shop's customers, orders and net revenue."""

import altair as alt
import streamlit as st

from thelook.app.view import choose, frame, header, in_list, literal, money, percent
from thelook.business.segment_grid import PROSPECT

header("Overview", "Customers, orders and net revenue over the shop's whole history.")

products = frame("SELECT DISTINCT department, category FROM marts.product_performance")
departments = choose("Department", products["department"].unique().tolist(), "department")
categories = choose(
    "Category",
    products.loc[products["department"].isin(departments), "category"].unique().tolist(),
    "category",
)

customers = frame(
    """
    SELECT COUNT(*) AS customers,
           SUM(net_revenue) AS net_revenue,
           SUM(total_orders - cancelled_orders) AS orders
    FROM marts.customer_metrics
    """
).iloc[0]
# Everyone who is not a Prospect has bought: the segments say who is a buyer.
buyers = frame(
    f"SELECT SUM(users) AS buyers FROM marts.segment_summary WHERE segment <> {literal(PROSPECT)}"
).iloc[0]["buyers"]
sold = frame(
    f"""
    SELECT SUM(items_sold) AS items_sold, SUM(items_returned) AS items_returned
    FROM marts.product_performance
    WHERE {in_list("department", departments)} AND {in_list("category", categories)}
    """
).iloc[0]

left, middle, right = st.columns(3)
left.metric("Customers", f"{int(customers['customers']):,}")
middle.metric("Buyers", f"{int(buyers):,}")
right.metric("Net revenue", money(customers["net_revenue"]))
left.metric("Orders (not cancelled)", f"{int(customers['orders']):,}")
middle.metric("Average order value", money(customers["net_revenue"] / customers["orders"]))
right.metric("Return rate", percent(sold["items_returned"] / sold["items_sold"]))
st.caption(
    "Customers, buyers, orders and net revenue count every order; the return rate and the "
    "chart follow the department and category filters."
)

monthly = frame(
    f"""
    SELECT month, SUM(net_revenue) AS net_revenue
    FROM marts.monthly_sales
    WHERE {in_list("department", departments)} AND {in_list("category", categories)}
    GROUP BY month
    ORDER BY month
    """
)
st.subheader("Net revenue by month")
st.altair_chart(
    alt.Chart(monthly)
    .mark_bar()
    .encode(
        x=alt.X("month:T", title=None, axis=alt.Axis(format="%b %Y")),
        y=alt.Y("net_revenue:Q", title="Net revenue ($)", axis=alt.Axis(format="$,.0f")),
        tooltip=[
            alt.Tooltip("month:T", format="%B %Y"),
            alt.Tooltip("net_revenue:Q", format="$,.0f"),
        ],
    ),
    width="stretch",
)
