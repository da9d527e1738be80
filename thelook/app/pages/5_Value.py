"""Value: who will be worth most in the next half-year, where that disagrees with RFM, and how
each acquisition cohort came back."""

import altair as alt
import streamlit as st

from thelook.app.view import MONEY, frame, header

header(
    "Value",
    "Net revenue each customer is predicted to bring in the next 180 days, judged out of time; "
    "retention by the month of a customer's first order.",
)

summary = frame(
    """
    SELECT segment, users, net_revenue, avg_net_revenue, predicted_net_revenue,
           avg_predicted_net_revenue, display_order
    FROM marts.segment_summary
    ORDER BY display_order
    """
)
st.subheader("Past and predicted net revenue per customer, by segment")
per_user = summary.melt(
    id_vars=["segment"],
    value_vars=["avg_net_revenue", "avg_predicted_net_revenue"],
    var_name="revenue",
    value_name="dollars",
)
per_user["revenue"] = per_user["revenue"].map(
    {"avg_net_revenue": "so far", "avg_predicted_net_revenue": "next 180 days (predicted)"}
)
st.altair_chart(
    alt.Chart(per_user)
    .mark_bar()
    .encode(
        y=alt.Y("segment:N", sort=summary["segment"].tolist(), title=None),
        x=alt.X("dollars:Q", title="Net revenue per customer ($)"),
        yOffset="revenue:N",
        color=alt.Color("revenue:N", title=None),
        tooltip=["segment", "revenue", alt.Tooltip("dollars:Q", format="$,.2f")],
    ),
    width="stretch",
)
st.dataframe(
    summary.drop(columns="display_order"),
    hide_index=True,
    column_config={
        "segment": "Segment",
        "users": st.column_config.NumberColumn("Customers", format="localized"),
        "net_revenue": st.column_config.NumberColumn("Net revenue so far", format=MONEY),
        "avg_net_revenue": st.column_config.NumberColumn("So far, per customer", format="dollar"),
        "predicted_net_revenue": st.column_config.NumberColumn(
            "Predicted, next 180 days", format=MONEY
        ),
        "avg_predicted_net_revenue": st.column_config.NumberColumn(
            "Predicted, per customer", format="dollar"
        ),
    },
)

st.subheader("Where RFM and predicted value disagree")
st.caption(
    "Customers of each segment by decile of predicted value (10 = the tenth predicted to bring "
    "the most). Champions in low deciles have spent; the model does not expect them back soon. "
    "Prospects and new customers in high deciles are the ones to court."
)
grid = frame(
    """
    SELECT segment, value_decile, COUNT(*) AS customers
    FROM marts.customer_segments
    WHERE value_decile IS NOT NULL
    GROUP BY segment, value_decile
    """
)
st.altair_chart(
    alt.Chart(grid)
    .mark_rect()
    .encode(
        x=alt.X("value_decile:O", title="Decile of predicted value"),
        y=alt.Y("segment:N", sort=summary["segment"].tolist(), title=None),
        color=alt.Color("customers:Q", title="Customers", scale=alt.Scale(scheme="blues")),
        tooltip=[
            alt.Tooltip("segment:N", title="Segment"),
            alt.Tooltip("value_decile:O", title="Decile"),
            alt.Tooltip("customers:Q", title="Customers", format=","),
        ],
    ),
    width="stretch",
)

st.subheader("How good the prediction is")
quality = frame("SELECT * FROM marts.customer_value_evaluation")
row = quality.iloc[0]
st.caption(
    f"Trained on {row['training_cutoff']:%Y-%m-%d} and the 180 days after it, applied to what "
    f"was known on {row['evaluation_cutoff']:%Y-%m-%d}, judged against what {row['users']:,} "
    "customers brought in the 180 days after. Quality gate: "
    f"**{row['gate']}** ({row['gate_metric'].replace('_', ' ')})."
)
judged = {
    "Predicted value": ("rank_correlation", "top_decile_capture"),
    "Past net revenue": ("past_revenue_rank_correlation", "past_revenue_top_decile_capture"),
    "Tenure alone": ("tenure_rank_correlation", "tenure_top_decile_capture"),
}
st.dataframe(
    [
        {
            "Ranking by": ranking,
            "Rank correlation with what came": row[correlation],
            "Revenue held by its top tenth": row[capture],
        }
        for ranking, (correlation, capture) in judged.items()
    ],
    hide_index=True,
    column_config={
        "Rank correlation with what came": st.column_config.NumberColumn(format="%.3f"),
        "Revenue held by its top tenth": st.column_config.NumberColumn(format="percent"),
    },
)
st.write(
    f"Predicted total ${row['predicted_total']:,.0f} against ${row['realized_total']:,.0f} "
    "realised."
)

st.subheader("Retention by cohort")
cohorts = frame(
    """
    SELECT cohort_month, months_since_first_order, customers, retention_rate, net_revenue
    FROM marts.retention_cohorts
    WHERE cohort_month >= DATE_SUB(
      (SELECT MAX(cohort_month) FROM marts.retention_cohorts), INTERVAL 23 MONTH
    )
    """
)
st.caption(
    "A cohort is the customers whose first order that was not cancelled fell in that month; "
    "month 0 is that month. The last two years of cohorts."
)
left, right = st.columns(2)
for column, measure, title, scheme, number in (
    (left, "retention_rate", "Share who ordered in the month", "greens", ".1%"),
    (right, "net_revenue", "Net revenue of the cohort in the month ($)", "oranges", "$,.0f"),
):
    column.altair_chart(
        alt.Chart(cohorts, title=title)
        .mark_rect()
        .encode(
            x=alt.X("months_since_first_order:O", title="Months since the first order"),
            y=alt.Y("yearmonth(cohort_month):O", title="Cohort", sort="descending"),
            color=alt.Color(f"{measure}:Q", title=None, scale=alt.Scale(scheme=scheme)),
            tooltip=[
                alt.Tooltip("yearmonth(cohort_month):T", title="Cohort", format="%B %Y"),
                alt.Tooltip("months_since_first_order:O", title="Months since"),
                alt.Tooltip("customers:Q", title="Customers", format=","),
                alt.Tooltip(f"{measure}:Q", title=title, format=number),
            ],
        ),
        width="stretch",
    )
