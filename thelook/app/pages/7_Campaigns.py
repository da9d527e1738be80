"""Campaigns: each campaign of campaigns/*.yaml, its plan, audience, groups and readout, and the
list to hand to whoever sends it."""

import altair as alt
import streamlit as st

from thelook.app import data
from thelook.app.view import frame, header, literal, money, percent, table

header("Campaigns", "Campaigns as the files in campaigns/ define them: planned, split, read out.")

plans = frame(
    """
    SELECT campaign, description, department, category, start_day, horizon_days, audience_users,
           treatment_users, holdout_users, holdout_share, expected_buy_rate, expected_revenue,
           assumed_uplift, incremental_revenue, holdout_users_needed, minimum_detectable_uplift,
           power, warning
    FROM marts.campaign_plans
    ORDER BY campaign
    """
)
if plans.empty:
    st.info("No campaign yet: add a file to campaigns/ (docs/campaigns.md) and run `make run`.")
    st.stop()
name = st.sidebar.selectbox("Campaign", plans["campaign"].tolist(), key="campaign")
plan = plans.set_index("campaign").loc[name]

st.subheader(name)
st.write(
    f"{plan['description']} Offer: {plan['category']} ({plan['department']}), sent on "
    f"{plan['start_day']:%Y-%m-%d}, read over the {int(plan['horizon_days'])} days after."
)
columns = st.columns(4)
columns[0].metric("Audience", f"{int(plan['audience_users']):,}")
columns[1].metric("Treatment", f"{int(plan['treatment_users']):,}")
columns[2].metric(
    "Holdout", f"{int(plan['holdout_users']):,}", f"target {percent(plan['holdout_share'])}"
)
columns[3].metric(
    "Incremental revenue",
    money(plan["incremental_revenue"]),
    f"at an assumed {plan['assumed_uplift']:.0%} uplift",
    delta_color="off",
)
if isinstance(plan["warning"], str):
    st.warning(plan["warning"])
else:
    st.success(
        f"The groups can detect the assumed uplift (power {plan['power']:.0%}; the holdout "
        f"needs {int(plan['holdout_users_needed']):,})."
    )

st.subheader("Readout")
readout = frame(
    f"""
    SELECT status, verdict, treatment_buy_rate, holdout_buy_rate, buy_rate_difference,
           buy_rate_low, buy_rate_high, treatment_revenue_per_customer,
           holdout_revenue_per_customer, revenue_difference, revenue_low, revenue_high,
           adjusted_revenue_difference, adjusted_revenue_low, adjusted_revenue_high
    FROM marts.campaign_readouts
    WHERE campaign = {literal(name)}
    """
)
if readout.empty:
    st.info("No readout yet: run `make run`.")
else:
    result = readout.iloc[0]
    (st.success if result["status"] == "read out" else st.info)(result["verdict"])
    if result["status"] == "read out":
        figures = [
            ("Bought the offer", "treatment_buy_rate", "holdout_buy_rate", "buy_rate", percent),
            (
                "Net revenue per customer",
                "treatment_revenue_per_customer",
                "holdout_revenue_per_customer",
                "revenue",
                lambda value: f"${value:,.2f}",
            ),
        ]
        rows = [
            {
                "Measure": label,
                "Treatment": show(result[treated]),
                "Holdout": show(result[held]),
                "Difference": show(result[f"{prefix}_difference"]),
                "95% interval": f"{show(result[f'{prefix}_low'])} to "
                f"{show(result[f'{prefix}_high'])}",
            }
            for label, treated, held, prefix, show in figures
        ]
        adjusted = result["adjusted_revenue_difference"]
        rows.append(
            {
                "Measure": "Net revenue per customer, adjusted by pre-start spend",
                "Treatment": "",
                "Holdout": "",
                "Difference": f"${adjusted:,.2f}",
                "95% interval": f"${result['adjusted_revenue_low']:,.2f} to "
                f"${result['adjusted_revenue_high']:,.2f}",
            }
        )
        st.dataframe(rows, hide_index=True)

st.subheader("Audience")
groups = frame(
    f"""
    SELECT segment, assigned_group, COUNT(*) AS customers,
           AVG(pre_start_net_revenue) AS pre_start_net_revenue
    FROM marts.campaign_audiences
    WHERE campaign = {literal(name)}
    GROUP BY segment, assigned_group
    ORDER BY segment, assigned_group
    """
)
st.altair_chart(
    alt.Chart(groups, title="Customers by segment at the start, treated and held out")
    .mark_bar()
    .encode(
        x=alt.X("customers:Q", title="Customers"),
        y=alt.Y("segment:N", title=None),
        color=alt.Color("assigned_group:N", title="Group"),
        tooltip=["segment", "assigned_group", "customers"],
    ),
    width="stretch",
)
table(groups, money=("pre_start_net_revenue",), count=("customers",))

customers = frame(data.campaign_list_sql(name))
st.download_button(
    f"Download the list ({len(customers):,} customers, CSV)",
    customers.to_csv(index=False).encode("utf-8"),
    file_name=f"{name}.csv",
    mime="text/csv",
    key="download",
    disabled=customers.empty,
)
st.caption(
    "The list holds the user id, the group and the offer, nothing else about the customer: "
    "send the offer to the treatment group only. `thelook campaign export` writes the same file."
)
