"""One row per user of the backtest at as_of - 30: the propensity model's out-of-time score."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.purchase_propensity import (
    PROPENSITY_LABEL,
    SCORED_BY_BASELINE,
    SCORED_BY_MODEL,
    backtest_scores,
)
from thelook.glue.as_of import as_of, cutoffs
from thelook.glue.audits import always, between, one_of, unique_key
from thelook.glue.batches import BATCH_USERS
from thelook.glue.columns import Columns, declared
from thelook.glue.fallback import warn_on_fallback
from thelook.glue.samples import BACKTEST_USERS
from thelook.glue.scoring_inputs import (
    BACKTEST_USER_BATCH,
    BACKTEST_USER_COUNT,
    labelled_users,
    user_batches,
)

COLUMNS: Columns = {
    "user_id": ("INT64", "A user who had signed up by as_of - 30, in the backtest's sample."),
    "purchase_probability": (
        "FLOAT64",
        "Chance of an order not cancelled in the 30 days after as_of - 30, from what was known "
        "then, by the model trained on the features at as_of - 60 and their outcomes.",
    ),
    "scored_by": (
        "STRING",
        f"'{SCORED_BY_MODEL}', or '{SCORED_BY_BASELINE}' when the training cutoff held too few "
        "labelled users of either outcome to train on.",
    ),
    "scored_at": ("DATE", "as_of - 30: the features the score was computed from."),
    "as_of": ("DATE", "The day the build measures to."),
}


@model(
    "marts.propensity_backtest",
    kind="FULL",
    clustered_by=["user_id"],
    owner="analytics",
    grain="user_id",
    description="The propensity model trained once at as_of - 60, applied to the features at "
    "as_of - 30 of the backtest's users (every user up to "
    f"{BACKTEST_USERS:,}, a fixed hash sample beyond), whose next 30 days are over by as_of: the "
    "scores marts.propensity_evaluation and marts.cross_sell_evaluation judge, computed once.",
    depends_on=["intermediate.user_features", "staging.stg_users"],
    **declared(COLUMNS),
    audits=[
        *unique_key("user_id"),
        between("purchase_probability", 0, 1),
        one_of("scored_by", (SCORED_BY_MODEL, SCORED_BY_BASELINE)),
        always("scored_at < as_of"),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> t.Iterator[pd.DataFrame]:
    training_cutoff, scored_at, day = cutoffs(as_of(context, execution_time))
    training = labelled_users(context, training_cutoff)
    warn_on_fallback(
        context,
        "marts.propensity_backtest",
        training[PROPENSITY_LABEL],
        training_cutoff,
        SCORED_BY_BASELINE,
    )
    batches = user_batches(context, BACKTEST_USER_BATCH, scored_at, BACKTEST_USER_COUNT)
    scores = backtest_scores(training, batches)
    if scores.empty:  # SQLMesh cannot store an empty frame; yielding nothing means no rows
        yield from ()
        return
    scores["scored_at"] = scored_at
    scores["as_of"] = day
    for first in range(0, len(scores), BATCH_USERS):
        yield scores.iloc[first : first + BATCH_USERS][list(COLUMNS)]
