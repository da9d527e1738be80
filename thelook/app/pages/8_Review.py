"""Review: what the environment the dashboard serves changes against prod, in business terms."""

import altair as alt
import pandas as pd
import streamlit as st

from thelook.app import data
from thelook.app.view import header, table
from thelook.business import review_measures as measures
from thelook.review.business import markdown

header("Review", "What this environment changes against prod: customers, scores, offers, money.")

where = data.source()
if where.environment == "prod":
    st.info(
        "This page compares a dev environment with prod: serve one with "
        "`thelook dashboard --env dev` (or `make dashboard ENV=dev`)."
    )
    st.stop()


@st.cache_data(ttl=600, show_spinner="Comparing with prod…")
def _review(environment: str, version: float) -> measures.BusinessReview:
    sides = data.ReviewSides()
    return measures.measure(sides, sides.changed)


@st.cache_data(ttl=600, show_spinner=False)
def _moved(environment: str, version: float, place: str, before: str, after: str):
    return measures.moved_customers(data.ReviewSides(), place, before, after)


try:
    version = where.warehouse.stat().st_mtime if where.warehouse else 0.0
    found = _review(where.environment, version)
except (OSError, data.DashboardError) as error:
    st.info(f"Nothing to show yet: {error}.")
    st.stop()
st.markdown(found.paragraph("prod", f"`{where.environment}`"))

if found.moves:
    st.subheader("Customers who move")
    places = {measures.PLACES[m.place]: m for m in found.moves}
    moves = places[st.selectbox("Between", list(places), key="place")]
    counts = moves.table.assign(moved=moves.table["before"] != moves.table["after"])
    st.altair_chart(
        alt.Chart(counts)
        .mark_rect()
        .encode(
            x=alt.X("after:N", title=f"in {where.environment}"),
            y=alt.Y("before:N", title="in prod"),
            color=alt.Color("customers:Q", scale=alt.Scale(type="symlog", scheme="blues")),
            stroke=alt.condition("datum.moved", alt.value("#d62728"), alt.value(None)),
            tooltip=[
                "before",
                "after",
                alt.Tooltip("customers:Q", format=","),
                alt.Tooltip("net_revenue:Q", format="$,.0f"),
            ],
        ),
        width="stretch",
    )
    moved = moves.moved.sort_values("customers", ascending=False)
    if moved.empty:
        st.write(f"No customer changes {measures.PLACES[moves.place]}.")
    else:
        pairs = [f"{row.before} → {row.after}" for row in moved.itertuples()]
        chosen = st.selectbox("Customers who moved", pairs, key="pair")
        if st.button("Show them", key="show"):
            before, after = moved.iloc[pairs.index(chosen)][["before", "after"]]
            customers = _moved(where.environment, version, moves.place, before, after)
            table(pd.DataFrame(customers), money=("net_revenue",))

st.markdown("\n".join(markdown(found, "prod", where.environment)[3:]))
