"""History: how the segments, engagement and retention have moved, month by month."""

import altair as alt
import pandas as pd
import streamlit as st

from thelook.app.view import frame, header, table
from thelook.business.measures import rate
from thelook.business.segment_grid import ENGAGEMENT_TIERS, PROSPECT, SEGMENTS

header(
    "History",
    "Each month as it stood at its end, computed from what was known then: a month is added "
    "once it has closed.",
)

history = frame("SELECT * FROM marts.segment_history ORDER BY month_end, display_order")
if history.empty:
    st.info("No month has closed since the history starts: `sqlmesh run` adds each one.")
    st.stop()
history["month_end"] = pd.to_datetime(history["month_end"])
months = history["month_end"].nunique()
st.caption(
    f"{months} months, {history['month_end'].min():%B %Y} to {history['month_end'].max():%B %Y}."
)

st.subheader("Customers by segment")
measure = st.radio("Measure", ["Customers", "Net revenue"], horizontal=True, key="history_measure")
column = "users" if measure == "Customers" else "net_revenue"
segments = history.groupby(["month_end", "segment", "display_order"], as_index=False)[column].sum()
st.altair_chart(
    alt.Chart(segments)
    .mark_area()
    .encode(
        x=alt.X("month_end:T", title=None),
        y=alt.Y(f"{column}:Q", stack="normalize", axis=alt.Axis(format="%"), title=None),
        color=alt.Color("segment:N", sort=list(SEGMENTS)),
        order=alt.Order("display_order:Q"),
        tooltip=[
            alt.Tooltip("month_end:T", format="%B %Y", title="Month"),
            "segment",
            alt.Tooltip(f"{column}:Q", format=",.0f", title=measure),
        ],
    ),
    width="stretch",
)

left, right = st.columns(2)
tiers = history.groupby(["month_end", "engagement_tier"], as_index=False)["users"].sum()
tiers["tier_order"] = tiers["engagement_tier"].map(ENGAGEMENT_TIERS.index)
left.subheader("Engagement tiers")
left.altair_chart(
    alt.Chart(tiers)
    .mark_bar()
    .encode(
        x=alt.X("yearmonth(month_end):O", title=None),
        y=alt.Y("users:Q", title="Customers"),
        color=alt.Color("engagement_tier:N", sort=list(ENGAGEMENT_TIERS), title="Tier"),
        order=alt.Order("tier_order:Q"),
        tooltip=[
            alt.Tooltip("month_end:T", format="%B %Y", title="Month"),
            "engagement_tier",
            alt.Tooltip("users:Q", format=","),
        ],
    ),
    width="stretch",
)

buyers = history.loc[history["segment"] != PROSPECT]
monthly = buyers.groupby("month_end", as_index=False)[
    ["users", "new_buyers", "returning_buyers"]
].sum()
# Of the buyers at the start of the month (the buyers at its end, less its new ones), the share
# who bought again in it.
monthly["retention"] = rate(monthly["returning_buyers"], monthly["users"] - monthly["new_buyers"])
right.subheader("Retention: buyers who came back in the month")
right.altair_chart(
    alt.Chart(monthly)
    .mark_line(point=True)
    .encode(
        x=alt.X("month_end:T", title=None),
        y=alt.Y("retention:Q", axis=alt.Axis(format="%"), title=None),
        tooltip=[
            alt.Tooltip("month_end:T", format="%B %Y", title="Month"),
            alt.Tooltip("retention:Q", format=".2%"),
            alt.Tooltip("returning_buyers:Q", format=",", title="Came back"),
            alt.Tooltip("new_buyers:Q", format=",", title="First purchase"),
        ],
    ),
    width="stretch",
)

st.subheader("Month by month")
table(
    monthly.rename(columns={"users": "buyers"}).assign(
        month_end=monthly["month_end"].dt.strftime("%Y-%m")
    ),
    count=("buyers", "new_buyers", "returning_buyers"),
    percent=("retention",),
)

st.subheader("Each scoring model against its baseline")
quality = frame("SELECT * FROM marts.model_quality_history ORDER BY month_end, model")
if quality.empty:
    st.info(
        "No month has been recorded yet: the daily run of each month's first day records the "
        "quality its build judged, from the first month that closes after deployment on."
    )
else:
    quality["month_end"] = pd.to_datetime(quality["month_end"])
    judged = quality.melt(
        id_vars=["month_end", "model", "metric"],
        value_vars=["model_value", "baseline_value"],
        var_name="scored by",
        value_name="value",
    )
    judged["scored by"] = judged["scored by"].map(
        {"model_value": "the model", "baseline_value": "its baseline"}
    )
    st.altair_chart(
        alt.Chart(judged)
        .mark_line(point=True)
        .encode(
            x=alt.X("month_end:T", title=None),
            y=alt.Y("value:Q", title=None),
            color="scored by:N",
            facet=alt.Facet("model:N", columns=3, title=None),
            tooltip=[
                alt.Tooltip("month_end:T", format="%B %Y", title="Month"),
                "model",
                "metric",
                "scored by",
                alt.Tooltip("value:Q", format=".3f"),
            ],
        )
        .resolve_scale(y="independent"),
    )
    table(
        quality.assign(month_end=quality["month_end"].dt.strftime("%Y-%m")),
    )
