"""One row per user and scored cutoff: the propensity model's score, the model trained once per
cutoff."""

import typing as t
from datetime import datetime
from functools import partial

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.classifier import SCORED_BY_MODEL
from thelook.business.purchase_propensity import SCORED_BY_BASELINE, Propensity
from thelook.glue.as_of import as_of, cutoffs
from thelook.glue.audits import always, between, one_of, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.samples import BACKTEST_USERS
from thelook.glue.scoring_inputs import (
    BACKTEST_USER_BATCH,
    BACKTEST_USER_COUNT,
    USER_BATCH,
    USERS,
    labelled_users,
    user_batches,
)
from thelook.glue.scoring_runs import Run, scored_runs

COLUMNS: Columns = {
    "user_id": ("INT64", "A user who had signed up by scored_at."),
    "scored_at": (
        "DATE",
        "The cutoff whose features were scored: as_of - 30 (the backtest's users, whose next 30 "
        "days are over by as_of) or as_of (every user).",
    ),
    "purchase_probability": (
        "FLOAT64",
        "Chance of an order not cancelled in the 30 days after scored_at, from what was known "
        "then, by the model trained on the cutoff 30 days before and its outcomes.",
    ),
    "scored_by": (
        "STRING",
        f"'{SCORED_BY_MODEL}' or '{SCORED_BY_BASELINE}': at as_of both score every user, and "
        "marts.purchase_propensity serves the one the quality gate elects; the baseline alone "
        "when the training cutoff held too few labelled users of either outcome to train on.",
    ),
    "as_of": ("DATE", "The day the build measures to."),
}


@model(
    "marts.propensity_scores",
    kind="FULL",
    clustered_by=["scored_at", "user_id"],
    owner="analytics",
    grain=["user_id", "scored_at", "scored_by"],
    description="The propensity model trained once per cutoff and applied to the next: trained "
    "at as_of - 60 it scores the backtest's users at as_of - 30 (every user up to "
    f"{BACKTEST_USERS:,}, a fixed hash sample beyond), whose outcomes marts.propensity_evaluation "
    "and marts.cross_sell_evaluation judge; trained at as_of - 30 it scores every user at as_of, "
    "beside its tenure baseline, and marts.purchase_propensity ranks the one "
    "marts.propensity_evaluation's gate elects into deciles.",
    depends_on=["intermediate.as_of", "intermediate.user_features", "staging.stg_users"],
    **declared(COLUMNS),
    audits=[
        *unique_key("user_id", "scored_at", "scored_by"),
        between("purchase_probability", 0, 1),
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
    backtest_cutoff, scored_in_backtest, day = cutoffs(as_of(context))
    runs = (
        Run(
            backtest_cutoff,
            scored_in_backtest,
            lambda at: user_batches(context, BACKTEST_USER_BATCH, at, BACKTEST_USER_COUNT),
        ),
        Run(
            scored_in_backtest,
            day,
            lambda at: user_batches(context, USER_BATCH, at, USERS),
            with_baseline=True,
        ),
    )
    training = partial(labelled_users, context)
    for scores in scored_runs(context, "marts.propensity_scores", Propensity, training, runs, day):
        yield scores[list(COLUMNS)]
