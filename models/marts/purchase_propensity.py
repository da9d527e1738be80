"""One row per user who had signed up by as_of: the chance of buying in the next 30 days."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.classifier import SCORED_BY_MODEL
from thelook.business.purchase_propensity import SCORED_BY_BASELINE
from thelook.glue.as_of import as_of
from thelook.glue.audits import always, between, covers, foreign_key, one_of, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.scoring_runs import served_decile_queries, served_deciles

COLUMNS: Columns = {
    "user_id": ("INT64", "The user."),
    "purchase_probability": (
        "FLOAT64",
        "Chance of an order not cancelled in the 30 days after as_of, from what was known at "
        "as_of; the model was trained on the cutoff as_of - 30, whose outcomes are complete.",
    ),
    "propensity_decile": ("INT64", "1-10 by purchase_probability, 10 = most likely; ties share."),
    "scored_by": (
        "STRING",
        f"'{SCORED_BY_MODEL}', or '{SCORED_BY_BASELINE}' when marts.propensity_evaluation's "
        "quality gate found the model worse than it beyond noise (it elects the baseline), or "
        "the model had too few labelled users to train on.",
    ),
    "as_of": ("DATE", "The day the scores are known at."),
}

# What the mart reads: the evaluation's verdict, and the scores it elects.
SERVED = served_decile_queries(
    "marts.propensity_scores", "marts.propensity_evaluation", ("purchase_probability",)
)


@model(
    "marts.purchase_propensity",
    kind="FULL",
    clustered_by=["propensity_decile", "user_id"],
    owner="analytics",
    grain="user_id",
    description="One row per user who had signed up by as_of, with the probability of an order "
    "that is not cancelled in the next 30 days and its decile. A gradient-boosted classifier "
    "(or, with too few labelled users to train on, a logistic regression on tenure alone) "
    "trained on the point-in-time features at as_of - 30 and their outcomes by as_of, applied "
    "to the features at as_of (marts.propensity_scores); judged out of time in "
    "marts.propensity_evaluation, whose quality gate elects the tenure baseline's scores "
    "instead when the model is worse than it beyond noise.",
    depends_on=[
        "intermediate.as_of",
        "marts.propensity_scores",
        "marts.propensity_evaluation",
        "intermediate.user_features",
        "staging.stg_users",
    ],
    **declared(COLUMNS),
    audits=[
        *unique_key("user_id"),
        covers("user_id", "intermediate.user_features"),
        foreign_key("user_id", "staging.stg_users"),
        between("purchase_probability", 0, 1),
        between("propensity_decile", 1, 10),
        one_of("scored_by", (SCORED_BY_MODEL, SCORED_BY_BASELINE)),
        always(
            "purchase_probability IS NOT NULL",
            "propensity_decile IS NOT NULL",
            "as_of IS NOT NULL",
        ),
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
    for scores in served_deciles(
        context,
        "marts.purchase_propensity",
        SERVED,
        "purchase_probability",
        SCORED_BY_BASELINE,
        day,
    ):
        yield scores.rename(columns={"score_decile": "propensity_decile"})[list(COLUMNS)]
