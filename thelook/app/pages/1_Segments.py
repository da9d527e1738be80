"""Segments: who the customers are, by RFM segment and engagement."""

import altair as alt
import streamlit as st

from thelook.app.view import choose, frame, header, in_list, literal, table
from thelook.business.segment_grid import (
    ENGAGEMENT_TIERS,
    MIGRATION_DAYS,
    SIGNED_UP_SINCE,
    WIN_BACK_SEGMENTS,
)
from thelook.business.segment_migration import PREVIOUS_SEGMENTS

header("Segments", "RFM segments and engagement tiers, measured to as_of.")

summary = frame("SELECT * FROM marts.segment_summary ORDER BY display_order")
tiers = choose("Engagement tier", list(ENGAGEMENT_TIERS), "tier")

st.subheader("Share of users against share of net revenue")
shares = summary.melt(
    id_vars=["segment", "display_order"],
    value_vars=["user_share", "revenue_share"],
    var_name="share of",
    value_name="share",
)
shares["share of"] = shares["share of"].map({"user_share": "users", "revenue_share": "net revenue"})
st.altair_chart(
    alt.Chart(shares)
    .mark_bar()
    .encode(
        y=alt.Y("segment:N", sort=summary["segment"].tolist(), title=None),
        x=alt.X("share:Q", axis=alt.Axis(format="%"), title=None),
        yOffset="share of:N",
        color="share of:N",
        tooltip=["segment", "share of", alt.Tooltip("share:Q", format=".1%")],
    ),
    width="stretch",
)
table(
    summary.drop(columns=["display_order", "predicted_net_revenue", "avg_predicted_net_revenue"]),
    money=("net_revenue",),
    dollars=("avg_net_revenue",),
    percent=("user_share", "revenue_share"),
    count=("users",),
)

left, right = st.columns(2)
grid = frame(
    f"""
    SELECT r_score, f_score, COUNT(*) AS users
    FROM marts.customer_segments
    WHERE r_score IS NOT NULL AND {in_list("engagement_tier", tiers)}
    GROUP BY r_score, f_score
    """
)
left.subheader("Buyers by recency and frequency score")
left.altair_chart(
    alt.Chart(grid)
    .mark_rect()
    .encode(
        x=alt.X("f_score:O", title="F score"),
        y=alt.Y("r_score:O", title="R score", sort="descending"),
        color=alt.Color("users:Q", scale=alt.Scale(scheme="blues")),
        tooltip=["r_score", "f_score", alt.Tooltip("users:Q", format=",")],
    ),
    width="stretch",
)
engagement = frame(
    f"""
    SELECT engagement_tier, COUNT(*) AS users
    FROM marts.customer_segments
    WHERE {in_list("engagement_tier", tiers)}
    GROUP BY engagement_tier
    """
)
right.subheader("Engagement tiers")
right.altair_chart(
    alt.Chart(engagement)
    .mark_bar()
    .encode(
        x=alt.X("engagement_tier:N", sort=list(ENGAGEMENT_TIERS), title=None),
        y=alt.Y("users:Q", title="Users"),
        tooltip=["engagement_tier", alt.Tooltip("users:Q", format=",")],
    ),
    width="stretch",
)

st.subheader("A segment's customers")
segment = st.selectbox("Segment", summary["segment"].tolist(), key="segment")
if st.button("Show its customers", key="show_customers"):
    customers = frame(
        f"""
        SELECT user_id, recency_days, frequency, monetary, rfm_cell, engagement_tier
        FROM marts.customer_segments
        WHERE segment = {literal(segment)} AND {in_list("engagement_tier", tiers)}
        ORDER BY monetary DESC, user_id
        LIMIT 500
        """
    )
    st.caption(f"The {len(customers):,} highest-spending customers of {segment} (at most 500).")
    table(customers, dollars=("monetary",))

st.subheader("Who moved since a month ago")
migration = frame("SELECT * FROM marts.segment_migration")
st.caption(
    f"Each customer's segment {MIGRATION_DAYS} days before as_of (rows) against today's "
    f"(columns), both by the same rules over what was known at their day; '{SIGNED_UP_SINCE}' "
    "holds the users who signed up in between. The diagonal stayed put."
)
st.altair_chart(
    alt.Chart(migration)
    .mark_rect()
    .encode(
        x=alt.X("segment:N", sort=summary["segment"].tolist(), title="Segment now"),
        y=alt.Y("previous_segment:N", sort=list(PREVIOUS_SEGMENTS), title="A month ago"),
        color=alt.Color("customers:Q", scale=alt.Scale(scheme="blues", type="log")),
        tooltip=[
            alt.Tooltip("previous_segment:N", title="A month ago"),
            alt.Tooltip("segment:N", title="Now"),
            alt.Tooltip("customers:Q", format=","),
            alt.Tooltip("share_of_previous:Q", format=".1%", title="Share of the row"),
            alt.Tooltip("net_revenue:Q", format="$,.0f", title="Net revenue in the month"),
            alt.Tooltip("predicted_net_revenue:Q", format="$,.0f", title="Predicted value"),
        ],
    ),
    width="stretch",
)

st.subheader("Slipping customers: the win-back list")
slipped_to = st.selectbox("Slipped to", ["Any", *WIN_BACK_SEGMENTS], key="slipped_to")
chosen = list(WIN_BACK_SEGMENTS) if slipped_to == "Any" else [slipped_to]
slipping = frame(
    f"""
    SELECT priority, user_id, previous_segment, segment, predicted_net_revenue,
      purchase_probability, net_revenue, offers
    FROM marts.slipping_customers
    WHERE {in_list("segment", chosen)}
    ORDER BY priority
    """
)
st.caption(
    f"{len(slipping):,} customers moved from a valuable segment to one that needs winning back, "
    "the most valuable first by what they are predicted to bring in the next half-year."
)
table(
    slipping.head(500),
    dollars=("predicted_net_revenue", "net_revenue"),
    percent=("purchase_probability",),
)
st.download_button(
    "Download the list (CSV)",
    # The user id and what a campaign needs: no other personal data leaves the warehouse.
    slipping[["user_id", "segment", "predicted_net_revenue", "offers"]].to_csv(index=False),
    file_name="slipping-customers.csv",
    mime="text/csv",
    key="download_slipping",
)
