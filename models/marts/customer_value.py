"""One row per user who had signed up by as_of: what the user is expected to bring in the next
half-year."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.classifier import SCORED_BY_MODEL
from thelook.business.customer_value import PREDICTIONS, SCORED_BY_BASELINE, VALUE_APPROACH
from thelook.business.scores import DECILES
from thelook.glue.as_of import VALUE_HORIZON_DAYS, as_of
from thelook.glue.audits import at_least, between, covers, foreign_key, one_of, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.scoring_runs import served_decile_queries, served_deciles

COLUMNS: Columns = {
    "user_id": ("INT64", "The user."),
    "probability_active": (
        "FLOAT64",
        f"Chance of at least one order not cancelled in the {VALUE_HORIZON_DAYS} days after as_of.",
    ),
    "expected_orders": ("FLOAT64", "Orders not cancelled expected in those days."),
    "predicted_net_revenue": (
        "FLOAT64",
        "Net revenue expected in those days, net of returns and cancellations, US dollars.",
    ),
    "value_decile": (
        "INT64",
        "1-10 by predicted_net_revenue, 10 = the highest predicted value; ties share.",
    ),
    "scored_by": (
        "STRING",
        f"'{SCORED_BY_MODEL}', or '{SCORED_BY_BASELINE}' (tenure alone) when "
        "marts.customer_value_evaluation's quality gate found the model worse than it beyond "
        "noise (it elects the baseline), or the model had too few labelled users to train on.",
    ),
    "as_of": ("DATE", "The day the prediction is made from what was known."),
}

# What the mart reads: the evaluation's verdict, and the values it elects.
SERVED = served_decile_queries("marts.value_scores", "marts.customer_value_evaluation", PREDICTIONS)


@model(
    "marts.customer_value",
    kind="FULL",
    clustered_by=["value_decile", "user_id"],
    owner="analytics",
    grain="user_id",
    description="One row per user who had signed up by as_of: the chance of ordering, the "
    f"orders and the net revenue expected in the next {VALUE_HORIZON_DAYS} days, and the "
    f"user's decile of predicted value. A {VALUE_APPROACH} gradient-boosted model (chosen by "
    "backtest, docs/customer-value.md) trained on the point-in-time features at as_of - 180 "
    "and the half-year after them (marts.value_scores); judged out of time in "
    "marts.customer_value_evaluation, whose quality gate elects the tenure baseline's values "
    "instead when the model is worse than it beyond noise.",
    depends_on=[
        "intermediate.as_of",
        "marts.value_scores",
        "marts.customer_value_evaluation",
        "intermediate.user_features",
        "staging.stg_users",
    ],
    **declared(COLUMNS),
    audits=[
        *unique_key("user_id"),
        covers("user_id", "intermediate.user_features"),
        foreign_key("user_id", "staging.stg_users"),
        between("probability_active", 0, 1),
        at_least("expected_orders", 0),
        at_least("predicted_net_revenue", 0),
        between("value_decile", 1, DECILES),
        one_of("scored_by", (SCORED_BY_MODEL, SCORED_BY_BASELINE)),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> t.Iterator[pd.DataFrame]:
    day = as_of(context)
    for values in served_deciles(
        context, "marts.customer_value", SERVED, "predicted_net_revenue", SCORED_BY_BASELINE, day
    ):
        yield values.rename(columns={"score_decile": "value_decile"})[list(COLUMNS)]
