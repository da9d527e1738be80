"""What every page shares: cached reads that turn a problem into one line on the page,
filters, and number formats."""

import pandas as pd
import streamlit as st

from thelook.app import data

MONEY = "$%,.0f"


@st.cache_data(ttl=600, show_spinner=False)
def _cached(sql: str, environment: str, version: float) -> pd.DataFrame:
    return data.query(sql)


def frame(sql: str) -> pd.DataFrame:
    """The result of `sql` over the environment's models, cached until the warehouse changes
    (a new build changes the file's modification time); a page whose data cannot be read says
    why and what to run, and stops there."""
    try:
        where = data.source()
        warehouse = where.warehouse
        version = warehouse.stat().st_mtime if warehouse and warehouse.exists() else 0.0
        return _cached(sql, where.environment, version)
    except data.DashboardError as error:
        st.info(f"Nothing to show yet: {error}.")
        st.stop()


def header(title: str, caption: str) -> None:
    st.set_page_config(page_title=f"{title} · theLook", layout="wide")
    st.title(title)
    try:
        where = data.source()
    except data.DashboardError as error:
        st.info(f"Nothing to show yet: {error}.")
        st.stop()
    st.caption(f"{caption} Environment `{where.environment}` on the `{where.gateway}` gateway.")


def choose(label: str, options: list[str], key: str) -> list[str]:
    """A multi-select in the sidebar; nothing chosen means everything."""
    chosen = st.sidebar.multiselect(label, sorted(options), key=key)
    return chosen or sorted(options)


def in_list(column: str, values: list[str]) -> str:
    """A BigQuery condition that `column` is one of `values`."""
    quoted = ", ".join("'" + value.replace("'", "\\'") + "'" for value in values)
    return f"{column} IN ({quoted})"


def money(value: float) -> str:
    return f"${value:,.0f}"


def percent(value: float) -> str:
    return f"{value:.1%}"
