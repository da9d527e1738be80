"""One row per user and scored cutoff: the value model's prediction, the model trained once per
cutoff."""

import typing as t
from datetime import datetime
from functools import partial

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.classifier import SCORED_BY_MODEL
from thelook.business.customer_value import SCORED_BY_BASELINE, Value
from thelook.glue.as_of import as_of, value_cutoffs
from thelook.glue.audits import always, at_least, between, one_of, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.samples import BACKTEST_USERS
from thelook.glue.scoring_inputs import (
    BACKTEST_USER_COUNT,
    BACKTEST_VALUE_BATCH,
    USERS,
    VALUE_BATCH,
    labelled_values,
    user_batches,
)
from thelook.glue.scoring_runs import Run, scored_runs

COLUMNS: Columns = {
    "user_id": ("INT64", "A user who had signed up by scored_at."),
    "scored_at": (
        "DATE",
        "The cutoff whose features were scored: as_of - 180 (the backtest's users, whose next "
        "180 days are over by as_of) or as_of (every user).",
    ),
    "probability_active": (
        "FLOAT64",
        "Chance of at least one order not cancelled in the 180 days after scored_at.",
    ),
    "expected_orders": ("FLOAT64", "Orders not cancelled expected in those 180 days."),
    "predicted_net_revenue": (
        "FLOAT64",
        "Net revenue expected in those 180 days (returns and cancellations excluded), US dollars.",
    ),
    "scored_by": (
        "STRING",
        f"'{SCORED_BY_MODEL}' or '{SCORED_BY_BASELINE}' (tenure alone): at as_of both score "
        "every user, and marts.customer_value serves the one the quality gate elects; the "
        "baseline alone when the training cutoff held too few labelled users who ordered, or "
        "did not, to train on.",
    ),
    "as_of": ("DATE", "The day the build measures to."),
}


@model(
    "marts.value_scores",
    kind="FULL",
    clustered_by=["scored_at", "user_id"],
    owner="analytics",
    grain=["user_id", "scored_at", "scored_by"],
    description="The customer value model trained once per cutoff and applied to the next, 180 "
    "days later: trained at as_of - 360 it scores the backtest's users at as_of - 180 (every "
    f"user up to {BACKTEST_USERS:,}, a fixed hash sample beyond), which "
    "marts.customer_value_evaluation judges; trained at as_of - 180 it scores every user at "
    "as_of beside its tenure baseline, and marts.customer_value ranks the one "
    "marts.customer_value_evaluation's gate elects into deciles.",
    depends_on=["intermediate.as_of", "intermediate.user_features", "staging.stg_users"],
    **declared(COLUMNS),
    audits=[
        *unique_key("user_id", "scored_at", "scored_by"),
        between("probability_active", 0, 1),
        at_least("expected_orders", 0),
        at_least("predicted_net_revenue", 0),
        one_of("scored_by", (SCORED_BY_MODEL, SCORED_BY_BASELINE)),
        always("scored_at <= as_of"),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> t.Iterator[pd.DataFrame]:
    backtest_cutoff, scored_in_backtest, day = value_cutoffs(as_of(context))
    runs = (
        Run(
            backtest_cutoff,
            scored_in_backtest,
            lambda at: user_batches(context, BACKTEST_VALUE_BATCH, at, BACKTEST_USER_COUNT),
        ),
        Run(
            scored_in_backtest,
            day,
            lambda at: user_batches(context, VALUE_BATCH, at, USERS),
            with_baseline=True,
        ),
    )
    training = partial(labelled_values, context)
    for values in scored_runs(context, "marts.value_scores", Value, training, runs, day):
        yield values[list(COLUMNS)]
