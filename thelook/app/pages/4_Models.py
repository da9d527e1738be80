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
from thelook.app.view import require_login
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
