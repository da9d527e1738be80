"""One row per acquisition cohort and month since it: how many of the cohort came back, and what
they spent."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.measures import retention_rate
from thelook.glue.as_of import as_of
from thelook.glue.audits import always, at_least, between, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch

COLUMNS: Columns = {
    "cohort_month": (
        "DATE",
        "The cohort: the month (its first day, UTC) of its customers' first order that was not "
        "cancelled, on or before as_of.",
    ),
    "months_since_first_order": ("INT64", "0 for the cohort's own month, 1 for the next..."),
    "customers": ("INT64", "Customers in the cohort."),
    "active_customers": (
        "INT64",
        "Of them, those who placed an order that was not cancelled in the month.",
    ),
    "retention_rate": ("FLOAT64", "active_customers / customers."),
    "net_revenue": (
        "FLOAT64",
        "Net revenue of the cohort's items ordered in the month, as known at as_of, US dollars.",
    ),
    "as_of": ("DATE", "The day the cohorts are followed to."),
}

COHORT_MONTHS = """
SELECT cohort_month, months_since_first_order, customers, active_customers, net_revenue
FROM intermediate.cohort_months
"""


@model(
    "marts.retention_cohorts",
    kind="FULL",
    owner="analytics",
    grain=["cohort_month", "months_since_first_order"],
    description="The retention table: customers grouped by the month of their first order that "
    "was not cancelled, and for each month from it to as_of's, the share who ordered again "
    "(month 0 is the cohort's own, 100%) and the net revenue they brought. Months with no "
    "order have their row, with zeros.",
    depends_on=["intermediate.as_of", "intermediate.cohort_months"],
    **declared(COLUMNS),
    audits=[
        *unique_key("cohort_month", "months_since_first_order"),
        between("retention_rate", 0, 1),
        at_least("net_revenue", 0),
        always("months_since_first_order > 0 OR retention_rate = 1", "cohort_month <= as_of"),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> pd.DataFrame:
    cohorts = fetch(context, COHORT_MONTHS)
    cohorts["retention_rate"] = retention_rate(cohorts["active_customers"], cohorts["customers"])
    cohorts["as_of"] = as_of(context)
    return cohorts.sort_values(["cohort_month", "months_since_first_order"])[list(COLUMNS)]
