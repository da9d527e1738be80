"""One row per user and scored cutoff: the value model's prediction, the model trained once per
cutoff."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.customer_value import (
    SCORED_BY_BASELINE,
    SCORED_BY_MODEL,
    active,
    out_of_time_values,
)
from thelook.glue.as_of import as_of, value_cutoffs
from thelook.glue.audits import always, at_least, between, one_of, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.fallback import warn_on_fallback
from thelook.glue.samples import BACKTEST_USERS
from thelook.glue.scoring_inputs import (
    BACKTEST_USER_COUNT,
    BACKTEST_VALUE_BATCH,
    USERS,
    VALUE_BATCH,
    labelled_values,
    user_batches,
)

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
        f"'{SCORED_BY_MODEL}', or '{SCORED_BY_BASELINE}' when the training cutoff held too few "
        "labelled users who ordered, or did not, to train on.",
    ),
    "as_of": ("DATE", "The day the build measures to."),
}


@model(
    "marts.value_scores",
    kind="FULL",
    clustered_by=["scored_at", "user_id"],
    owner="analytics",
    grain=["user_id", "scored_at"],
    description="The customer value model trained once per cutoff and applied to the next, 180 "
    "days later: trained at as_of - 360 it scores the backtest's users at as_of - 180 (every "
    f"user up to {BACKTEST_USERS:,}, a fixed hash sample beyond), which "
    "marts.customer_value_evaluation judges; trained at as_of - 180 it scores every user at "
    "as_of, which marts.customer_value ranks into deciles.",
    depends_on=["intermediate.as_of", "intermediate.user_features", "staging.stg_users"],
    **declared(COLUMNS),
    audits=[
        *unique_key("user_id", "scored_at"),
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
    # (training cutoff, scored cutoff, the users scored there)
    runs = (
        (backtest_cutoff, scored_in_backtest, BACKTEST_VALUE_BATCH, BACKTEST_USER_COUNT),
        (scored_in_backtest, day, VALUE_BATCH, USERS),
    )
    for training_cutoff, scored_at, batch, population in runs:
        training = labelled_values(context, training_cutoff)
        warn_on_fallback(
            context, "marts.value_scores", active(training), training_cutoff, SCORED_BY_BASELINE
        )
        batches = user_batches(context, batch, scored_at, population)
        for values in out_of_time_values(training, batches):
            yield values.assign(scored_at=scored_at, as_of=day)[list(COLUMNS)]
