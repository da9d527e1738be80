"""One row per feature of the propensity model: how much its ranking of buyers relies on it."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.purchase_propensity import PROPENSITY_FEATURES, feature_importance
from thelook.glue.as_of import as_of, cutoffs
from thelook.glue.audits import at_least, one_of, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.scoring_inputs import labelled_users

COLUMNS: Columns = {
    "feature": ("STRING", "A column of intermediate.user_features the model reads."),
    "importance": (
        "FLOAT64",
        "Mean fall in out-of-time ROC AUC when the feature's values are shuffled.",
    ),
    "importance_std": ("FLOAT64", "Its standard deviation over the shuffles."),
    "importance_rank": ("INT64", "1 = the feature the model relies on most."),
    "as_of": ("DATE", "The day the build measures to."),
}


@model(
    "marts.propensity_feature_importance",
    kind="FULL",
    owner="analytics",
    grain="feature",
    description="One row per feature of the purchase propensity model, ranked by permutation "
    "importance on the evaluation cutoff (as_of - 30) of the model trained at as_of - 60, the "
    "same out-of-time setting as marts.propensity_evaluation. Empty when the model fell back "
    "to its tenure baseline.",
    depends_on=["intermediate.as_of", "intermediate.user_features"],
    **declared(COLUMNS),
    audits=[
        *unique_key("feature"),
        *unique_key("importance_rank"),
        one_of("feature", PROPENSITY_FEATURES),
        at_least("importance_rank", 1),
        at_least("importance_std", 0),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> t.Iterator[pd.DataFrame]:
    training_cutoff, evaluation_cutoff, day = cutoffs(as_of(context))
    importance = feature_importance(
        training=labelled_users(context, training_cutoff),
        evaluation=labelled_users(context, evaluation_cutoff),
    )
    if importance.empty:  # the model fell back to its one-feature baseline: nothing to rank
        yield from ()
        return
    importance["as_of"] = day
    yield importance[list(COLUMNS)]
