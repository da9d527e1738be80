"""Overview: the shop's customers, orders and net revenue."""

import altair as alt
import streamlit as st

from thelook.app.view import choose, frame, header, in_list, money, percent
from thelook.business.measures import average_order_value, return_rate

header("Overview", "Customers, orders and net revenue over the shop's whole history.")

products = frame("SELECT DISTINCT department, category FROM marts.product_performance")
departments = choose("Department", products["department"].unique().tolist(), "department")
categories = choose(
    "Category",
    products.loc[products["department"].isin(departments), "category"].unique().tolist(),
    "category",
)

# The shop's totals, each read from the mart that defines it: buyers and purchased orders from
# customer_metrics, the average order value and the return rate by the marts' own functions.
customers = frame(
    """
    SELECT COUNT(*) AS customers,
           COUNTIF(is_buyer) AS buyers,
           SUM(net_revenue) AS net_revenue,
           SUM(purchased_orders) AS orders
    FROM marts.customer_metrics
    """
)
sold = frame(
    f"""
    SELECT SUM(items_sold) AS items_sold, SUM(items_returned) AS items_returned
    FROM marts.product_performance
    WHERE {in_list("department", departments)} AND {in_list("category", categories)}
    """
)
shop = customers.iloc[0]
order_value = average_order_value(customers["net_revenue"], customers["orders"]).iloc[0]
returned = return_rate(sold["items_returned"], sold["items_sold"]).iloc[0]

left, middle, right = st.columns(3)
left.metric("Customers", f"{int(shop['customers']):,}")
middle.metric("Buyers", f"{int(shop['buyers']):,}")
right.metric("Net revenue", money(shop["net_revenue"]))
left.metric("Orders (not cancelled)", f"{int(shop['orders']):,}")
middle.metric("Average order value", money(order_value))
right.metric("Return rate", percent(returned))
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
