"""What every page shares: the login, cached reads that turn a problem into one line on the page,
filters written as sqlglot literals, and number formats."""

import logging

import pandas as pd
import streamlit as st
from sqlglot import exp

from thelook.app import data

MONEY = "$%,.0f"
log = logging.getLogger("thelook.dashboard")


@st.cache_data(ttl=600, show_spinner=False)
def _cached(sql: str, environment: str, version: float) -> pd.DataFrame:
    return data.query(sql)


def frame(sql: str) -> pd.DataFrame:
    """The result of `sql` over the environment's models, cached until the warehouse changes
    (a new build changes the file's modification time). A page whose data cannot be read says
    why and what to run, and stops there; an unexpected error's details go to the server's log,
    never to the page."""
    try:
        where = data.source()
        warehouse = where.warehouse
        version = warehouse.stat().st_mtime if warehouse and warehouse.exists() else 0.0
        return _cached(sql, where.environment, version)
    except data.DashboardError as error:
        st.info(f"Nothing to show yet: {error}.")
        st.stop()
    except Exception:
        log.exception("a dashboard query failed")
        st.error(
            "This page could not read its data; the details are in the dashboard's log. Run "
            "`thelook check` to test the gateway, then `make run` to rebuild the marts."
        )
        st.stop()


def require_login() -> None:
    """When `.streamlit/secrets.toml` configures an `[auth]` provider (OIDC), only a signed-in
    user sees the page; without one, the dashboard is open to whoever can reach it (by default,
    this machine only)."""
    if not _login_configured():
        return
    if not st.user.get("is_logged_in", False):
        st.title("theLook dashboard")
        st.write("Sign in to see the shop's customers and campaigns.")
        st.button("Log in", on_click=st.login, key="login")
        st.stop()
    st.sidebar.button("Log out", on_click=st.logout, key="logout")


def _login_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def header(title: str, caption: str) -> None:
    st.set_page_config(page_title=f"{title} · theLook", layout="wide")
    require_login()
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


def literal(value: str | int) -> str:
    """`value` as a BigQuery literal, quoted and escaped by sqlglot."""
    return exp.convert(value).sql(dialect="bigquery")


def in_list(column: str, values: list[str]) -> str:
    """A BigQuery condition that `column` is one of `values`, each a sqlglot literal."""
    if not values:
        return "FALSE"
    return (
        exp.column(*reversed(column.split(".")))
        .isin(*(exp.Literal.string(value) for value in values))
        .sql(dialect="bigquery")
    )


# A table reads as words: each column's header, where its name alone would not do.
HEADERS = {
    "user_id": "Customer",
    "product_id": "Product id",
    "rfm_cell": "RFM cell",
    "r_score": "R score",
    "f_score": "F score",
    "monetary": "Net revenue",
    "frequency": "Orders",
    "recency_days": "Days since the last order",
    "users": "Customers",
    "user_share": "Share of customers",
    "revenue_share": "Share of net revenue",
    "avg_net_revenue": "Net revenue per customer",
    "avg_recency_days": "Mean days since the last order",
    "avg_frequency": "Mean orders",
    "items_sold": "Items sold",
    "net_revenue": "Net revenue",
    "net_profit": "Net profit",
    "conversion_rate": "Conversion rate",
    "return_rate": "Return rate",
    "retail_price": "Retail price",
    "view_count": "Views",
    "product_conversion_rate": "Product's conversion rate",
    "estimated_lost_revenue": "Estimated lost revenue",
    "expected_buy_rate": "Expected buy rate",
    "expected_revenue": "Expected revenue",
    "expected_profit": "Expected profit",
    "incremental_revenue": "Incremental revenue",
    "incremental_profit": "Incremental profit",
    "campaign_uplift": "Assumed uplift",
    "holdout_users_needed": "Holdout needed (customers)",
    "minimum_detectable_uplift": "Smallest detectable uplift",
    "targeted_users": "Targeted customers",
    "expected_buyers": "Expected buyers",
    "category_a": "Bought",
    "category_b": "Also bought",
    "purchase_probability": "Chance of buying (30 days)",
    "category_probability": "Chance of the category",
}
FORMATS = {
    "money": MONEY,
    "dollars": "dollar",
    "percent": "percent",
    "count": "localized",
}


def table(data: pd.DataFrame, **formats: tuple[str, ...]) -> None:
    """`data` as a table whose headers are words (HEADERS, or the name as a sentence), with the
    columns named in each of `formats` (money, dollars, percent, count) formatted as such."""
    config = {}
    for column in data.columns:
        label = HEADERS.get(column, column.replace("_", " ").capitalize())
        kind = next((kind for kind, names in formats.items() if column in names), None)
        config[column] = (
            st.column_config.NumberColumn(label, format=FORMATS[kind]) if kind else label
        )
    st.dataframe(data, hide_index=True, column_config=config)


def money(value: float) -> str:
    return f"${value:,.0f}"


def percent(value: float) -> str:
    return f"{value:.1%}"
