"""Products: what sells, what earns, what comes back."""

import altair as alt
import streamlit as st

from thelook.app.view import choose, frame, header, in_list, table

header("Products", "Views, sales, net revenue, profit, conversion and returns per product.")

catalogue = frame("SELECT DISTINCT department, category, brand FROM marts.product_performance")
departments = choose("Department", catalogue["department"].unique().tolist(), "department")
shown = catalogue.loc[catalogue["department"].isin(departments)]
categories = choose("Category", shown["category"].unique().tolist(), "category")
shown = shown.loc[shown["category"].isin(categories)]
brand_options = shown["brand"].dropna().unique().tolist()
brands = choose("Brand", brand_options, "brand")
where = " AND ".join(
    [
        in_list("department", departments),
        in_list("category", categories),
        # Products of no brand (24 live ones) stay in view until particular brands are picked.
        in_list("brand", brands) if len(brands) < len(brand_options) else "TRUE",
    ]
)
money = ("net_revenue", "net_profit", "retail_price", "estimated_lost_revenue")
rates = ("conversion_rate", "return_rate", "product_conversion_rate")

products = frame(
    f"""
    SELECT product_id, product_name, brand, category, department, items_sold, net_revenue,
           net_profit, conversion_rate, return_rate
    FROM marts.product_performance
    WHERE {where}
    """
)
losing = products.loc[products["net_profit"] < 0]
unsold = products.loc[products["items_sold"] == 0]
total, best_count, losing_count, unsold_count = st.columns(4)
total.metric("Products", f"{len(products):,}")
best_count.metric("Sold at least one item", f"{len(products) - len(unsold):,}")
losing_count.metric("Losing money", f"{len(losing):,}")
unsold_count.metric("Sold nothing", f"{len(unsold):,}")
st.subheader("Best 10 by net revenue")
table(products.nlargest(10, "net_revenue"), dollars=money, percent=rates)
worst_profit, worst_sales = st.columns(2)
worst_profit.subheader("Losing money: net profit below 0")
worst_profit.caption("Kept items sold under cost: the 10 with the largest loss.")
with worst_profit:
    if losing.empty:
        st.info("No product lost money: every kept item sold above its cost.")
    else:
        table(losing.nsmallest(10, "net_profit"), dollars=money, percent=rates)
worst_sales.subheader("Selling nothing: no item sold")
worst_sales.caption("Never bought (cancelled orders aside): the 10 most viewed.")
unsold_views = frame(
    f"""
    SELECT product_id, product_name, brand, category, total_views, retail_price
    FROM marts.product_performance
    WHERE items_sold = 0 AND {where}
    ORDER BY total_views DESC, product_id
    LIMIT 10
    """
)
with worst_sales:
    table(unsold_views, dollars=money)

categories_total = (
    products.groupby(["department", "category"], as_index=False)[["net_revenue", "net_profit"]]
    .sum()
    .sort_values("net_revenue", ascending=False)
)
st.subheader("Categories by net revenue and profit")
st.altair_chart(
    alt.Chart(categories_total.melt(["department", "category"], var_name="measure"))
    .mark_bar()
    .encode(
        y=alt.Y("category:N", sort="-x", title=None),
        x=alt.X("value:Q", title="US dollars", axis=alt.Axis(format="$,.0f")),
        color="measure:N",
        yOffset="measure:N",
        row=alt.Row("department:N", title=None),
        tooltip=["department", "category", "measure", alt.Tooltip("value:Q", format="$,.0f")],
    ),
)

st.subheader("Conversion against return rate")
sold = products.loc[products["items_sold"] >= 3]
st.altair_chart(
    alt.Chart(sold)
    .mark_circle(opacity=0.5)
    .encode(
        x=alt.X("conversion_rate:Q", axis=alt.Axis(format="%"), title="Conversion rate"),
        y=alt.Y("return_rate:Q", axis=alt.Axis(format="%"), title="Return rate"),
        size=alt.Size("net_revenue:Q", legend=None),
        color="department:N",
        tooltip=["product_name", "brand", "category", alt.Tooltip("net_revenue:Q", format="$,.0f")],
    ),
    width="stretch",
)
st.caption("Products with at least 3 items sold; the size of a dot is its net revenue.")

st.subheader("Viewed but not bought")
candidates = frame(
    f"""
    SELECT user_id, product_id, product_name, brand, category, retail_price, view_count,
           product_conversion_rate, estimated_lost_revenue
    FROM marts.cross_sell_candidates
    WHERE {where}
    ORDER BY estimated_lost_revenue DESC, user_id, product_id
    LIMIT 200
    """
)
table(candidates, dollars=money, percent=rates)
