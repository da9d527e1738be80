"""Models: what each model means, how it is checked, and where its columns come from."""

import streamlit as st
from sqlmesh.utils.errors import SQLMeshError

from thelook.app.data import PROJECT
from thelook.app.model_catalogue import (
    card,
    lineage_dot,
    load_project,
    model_names,
    upstream_columns,
)
from thelook.app.view import frame, require_login
from thelook.preflight import PreflightError

st.set_page_config(page_title="Models · theLook", layout="wide")
require_login()
st.title("Models")
st.caption("Read from the SQLMesh project itself: it cannot drift from the code.")


@st.cache_resource(show_spinner="Loading the project")
def project():
    return load_project(PROJECT)


try:
    context = project()
except (SQLMeshError, PreflightError) as error:
    # A bad setting (say THELOOK_CAMPAIGN_UPLIFT) stops the project as it loads: its one line.
    st.error(f"The project cannot be loaded: {str(error).strip().splitlines()[0]}")
    st.stop()
name = st.selectbox("Model", model_names(context), key="model")
model = card(context, PROJECT, name)
st.markdown(f"**{model.name}**: {model.description}")
left, middle, right, last = st.columns(4)
left.metric("Kind", model.kind)
middle.metric("Language", model.language)
right.metric("Grain", ", ".join(model.grain) or "none")
last.metric("Owner", model.owner or "none")

st.subheader("Columns")
st.dataframe(model.columns, hide_index=True, width="stretch")
left, right = st.columns(2)
left.subheader("Audits")
left.write(", ".join(f"`{audit}`" for audit in model.audits) or "none")
right.subheader("Unit tests")
right.write(", ".join(f"`{test}`" for test in model.tests) or "none")

st.subheader("Lineage")
st.graphviz_chart(lineage_dot(model))

st.subheader("Where a column comes from")
column = st.selectbox("Column", model.columns["column"].tolist(), key="column")
if model.language == "Python":
    st.info(
        f"{name} is a Python model: its columns are computed in code from "
        f"{', '.join(model.parents)}."
    )
else:
    sources = upstream_columns(context, name, column)
    if sources.empty:
        st.write(f"`{column}` is computed here, from no column upstream.")
    else:
        st.dataframe(sources, hide_index=True, width="stretch")

st.subheader("Quality gates of the scoring models")
st.caption(
    "Each scoring model is judged out of time against a baseline on the same customers; when a "
    "model is worse than its baseline beyond noise, the build serves the baseline's scores."
)
gates = frame(
    """
    SELECT 'Purchase propensity' AS model, 'tenure alone' AS baseline, gate_metric, gate_value,
           gate_baseline, gate_difference_upper_bound, gate
    FROM marts.propensity_evaluation
    UNION ALL
    SELECT 'Cross-sell offers', 'the most popular categories', gate_metric, gate_value,
           gate_baseline, gate_difference_upper_bound, gate
    FROM marts.cross_sell_evaluation
    UNION ALL
    SELECT 'Customer value', 'tenure alone', gate_metric, gate_value,
           gate_baseline, gate_difference_upper_bound, gate
    FROM marts.customer_value_evaluation
    """
)
gates["gate_metric"] = gates["gate_metric"].str.replace("_", " ")
st.dataframe(
    gates,
    hide_index=True,
    column_config={
        "model": "Model",
        "baseline": "Baseline",
        "gate_metric": "Measure",
        "gate_value": st.column_config.NumberColumn("Model", format="%.3f"),
        "gate_baseline": st.column_config.NumberColumn("Baseline's", format="%.3f"),
        "gate_difference_upper_bound": st.column_config.NumberColumn(
            "Upper bound of the gap (95%)", format="%+.3f"
        ),
        "gate": "Verdict",
    },
)
st.subheader("Feature drift since training")
st.caption(
    "Population stability index of each feature between the day the model now scoring was "
    "trained and as_of: under 0.10 stable, above 0.25 shifted (a warning in the plan)."
)
drift = frame(
    """
    SELECT scoring_model, feature, training_cutoff, psi, drifted
    FROM marts.feature_drift
    ORDER BY psi DESC, scoring_model, feature
    """
)
st.dataframe(
    drift,
    hide_index=True,
    column_config={
        "scoring_model": "Model",
        "feature": "Feature",
        "training_cutoff": st.column_config.DateColumn("Trained on", format="YYYY-MM-DD"),
        "psi": st.column_config.NumberColumn("Stability index", format="%.3f"),
        "drifted": "Above 0.25",
    },
)
