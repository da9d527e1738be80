"""Cross-sell: which offers to make, to whom, what they would earn, and how to prove it."""

import altair as alt
import streamlit as st

from thelook.app.view import choose, frame, header, in_list, literal, money, percent, table

header("Cross-sell", "Offers from what was known at as_of, valued under a stated uplift.")

strategies = frame(
    """
    SELECT segment, department, category, targeted_users, expected_buy_rate, expected_revenue,
           incremental_revenue, incremental_profit, campaign_uplift, holdout_users_needed,
           measurable, minimum_detectable_uplift
    FROM marts.cross_sell_strategy_impact
    """
)
segments = choose("Segment", strategies["segment"].unique().tolist(), "segment")
departments = choose("Department", strategies["department"].unique().tolist(), "department")
chosen = strategies.loc[
    strategies["segment"].isin(segments) & strategies["department"].isin(departments)
].sort_values("incremental_revenue", ascending=False)

uplift = strategies["campaign_uplift"].iloc[0] if len(strategies) else float("nan")
st.warning(
    f"Incremental figures assume the campaign raises buying by {uplift:.0%} "
    "(campaign_uplift). Only a holdout measures the real uplift."
)
left, middle, right = st.columns(3)
left.metric("Offers (user and category)", f"{int(chosen['targeted_users'].sum()):,}")
middle.metric("Expected revenue", money(chosen["expected_revenue"].sum()))
right.metric("Incremental revenue", money(chosen["incremental_revenue"].sum()))
st.subheader("Strategies by segment and category")
table(
    chosen,
    money=("expected_revenue", "incremental_revenue", "incremental_profit"),
    percent=("expected_buy_rate", "campaign_uplift", "minimum_detectable_uplift"),
    count=("targeted_users", "holdout_users_needed"),
)

st.subheader("Categories bought together")
affinity = frame(
    f"""
    SELECT department, category_a, category_b, buyers_both, support, confidence, lift
    FROM marts.category_affinity
    WHERE {in_list("department", departments)}
    ORDER BY lift DESC, buyers_both DESC
    LIMIT 15
    """
)
table(affinity, percent=("support", "confidence"))

st.subheader("How good the purchase propensity is")
quality = frame("SELECT * FROM marts.propensity_evaluation").iloc[0]
left, middle, right = st.columns(3)
left.metric(
    "ROC AUC out of time",
    f"{quality['roc_auc']:.3f}",
    f"{quality['roc_auc'] - quality['baseline_roc_auc']:+.3f} over tenure alone",
)
middle.metric("Top-decile lift", f"{quality['top_decile_lift']:.2f}")
right.metric("Base rate", percent(quality["base_rate"]))
st.caption(
    f"Trained on {quality['training_cutoff']:%Y-%m-%d}, judged on "
    f"{quality['evaluation_cutoff']:%Y-%m-%d} against the 30 days after; "
    f"{int(quality['evaluation_rows']):,} users."
)
deciles = frame(
    "SELECT propensity_decile, expected_lift FROM marts.propensity_deciles "
    "ORDER BY propensity_decile"
)
importance = frame(
    "SELECT feature, importance FROM marts.propensity_feature_importance "
    "ORDER BY importance_rank LIMIT 10"
)
left, right = st.columns(2)
left.altair_chart(
    alt.Chart(deciles, title="Expected lift by decile, users scored at as_of")
    .mark_bar()
    .encode(
        x=alt.X("propensity_decile:O", title="Decile (10 = most likely)"),
        y=alt.Y("expected_lift:Q", title="Expected buy rate / average"),
        tooltip=["propensity_decile", alt.Tooltip("expected_lift:Q", format=".2f")],
    ),
    width="stretch",
)
right.altair_chart(
    alt.Chart(importance, title="What the model relies on (permutation importance)")
    .mark_bar()
    .encode(
        y=alt.Y("feature:N", sort="-x", title=None),
        x=alt.X("importance:Q", title="Fall in ROC AUC when shuffled"),
    ),
    width="stretch",
)

st.subheader("One customer's offers")
user_id = st.number_input("User id", min_value=1, value=1, step=1, key="user_id")
offers = frame(
    f"""
    SELECT rank, category, department, segment, purchase_probability, category_probability,
           expected_revenue, expected_profit
    FROM marts.cross_sell_opportunities
    WHERE user_id = {literal(int(user_id))}
    ORDER BY rank
    """
)
if offers.empty:
    st.info(f"User {int(user_id)} has no offers: no such user had signed up by as_of.")
else:
    table(
        offers,
        percent=("purchase_probability", "category_probability"),
        dollars=("expected_revenue", "expected_profit"),
    )
