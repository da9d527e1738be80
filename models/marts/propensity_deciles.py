"""One row per propensity decile: how many users, how likely they are to buy, and the lift."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.purchase_propensity import lift_by_decile
from thelook.business.scores import DECILES
from thelook.glue.audits import at_least, between, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch

COLUMNS: Columns = {
    "propensity_decile": ("INT64", "1-10 of marts.purchase_propensity, 10 = most likely."),
    "users": ("INT64", "Users scored in the decile."),
    "mean_probability": ("FLOAT64", "Their mean purchase_probability."),
    "expected_lift": (
        "FLOAT64",
        "mean_probability over the mean probability of every scored user: how many times more "
        "likely than the average user its users are expected to buy in the next 30 days.",
    ),
    "as_of": ("DATE", "The day the scores are known at."),
}

# The engine aggregates the scores: ten rows come back, whatever the number of users.
DECILE_TOTALS = """
SELECT propensity_decile, COUNT(*) AS users, AVG(purchase_probability) AS mean_probability,
       MAX(as_of) AS as_of
FROM marts.purchase_propensity
GROUP BY propensity_decile
ORDER BY propensity_decile
"""


@model(
    "marts.propensity_deciles",
    kind="FULL",
    owner="analytics",
    grain="propensity_decile",
    description="One row per decile of marts.purchase_propensity: its users, their mean chance "
    "of buying in the next 30 days, and the expected lift over the average user, the figure a "
    "marketer reads to pick how deep to target.",
    depends_on=["marts.purchase_propensity"],
    **declared(COLUMNS),
    audits=[
        *unique_key("propensity_decile"),
        between("propensity_decile", 1, DECILES),
        at_least("users", 1),
        between("mean_probability", 0, 1),
        at_least("expected_lift", 0),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> t.Iterator[pd.DataFrame]:
    deciles = fetch(context, DECILE_TOTALS)
    if deciles.empty:  # nobody scored: SQLMesh stores no empty frame
        yield from ()
        return
    yield lift_by_decile(deciles)[list(COLUMNS)]
