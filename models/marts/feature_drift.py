"""One row per scoring model and feature: how far the feature has moved since the model's
training cutoff."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.customer_value import VALUE_FEATURES
from thelook.business.drift import DRIFT_WARNING, feature_drift
from thelook.business.purchase_propensity import PROPENSITY_FEATURES
from thelook.glue.as_of import as_of, cutoffs, value_cutoffs
from thelook.glue.audits import at_least, one_of, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch
from thelook.glue.scoring_inputs import FEATURE_SAMPLE

MODELS = ("purchase propensity", "customer value")
COLUMNS: Columns = {
    "scoring_model": ("STRING", "The model whose feature it is: " + " or ".join(MODELS) + "."),
    "feature": ("STRING", "The feature, as intermediate.user_features names it."),
    "training_cutoff": (
        "DATE",
        "The cutoff the model scoring as_of was trained at: as_of - 30 (propensity) or as_of - "
        "180 (value).",
    ),
    "psi": (
        "FLOAT64",
        "Population stability index of the feature from the training cutoff to as_of, over a "
        "fixed hash sample of users (numbers in the training cutoff's deciles).",
    ),
    "drifted": ("BOOL", f"psi above {DRIFT_WARNING}: the model may need a look or a retrain."),
    "as_of": ("DATE", "The day the build measures to."),
}


@model(
    "marts.feature_drift",
    kind="FULL",
    owner="analytics",
    grain=["scoring_model", "feature"],
    description="One row per scoring model and feature: the population stability index of the "
    "feature between the cutoff the model was trained at and as_of, the users the model now "
    f"scores. A non-blocking audit warns above {DRIFT_WARNING}.",
    depends_on=["intermediate.as_of", "intermediate.user_features"],
    **declared(COLUMNS),
    audits=[
        *unique_key("scoring_model", "feature"),
        one_of("scoring_model", MODELS),
        at_least("psi", 0),
        ("stable_features", {}),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> pd.DataFrame:
    day = as_of(context)
    current = fetch(context, FEATURE_SAMPLE, cutoff=day)
    training_cutoffs = {
        "purchase propensity": (cutoffs(day)[1], PROPENSITY_FEATURES),
        "customer value": (value_cutoffs(day)[1], VALUE_FEATURES),
    }
    drift = []
    for scoring_model, (training_cutoff, features) in training_cutoffs.items():
        training = fetch(context, FEATURE_SAMPLE, cutoff=training_cutoff)
        drift.append(
            feature_drift(training, current, features).assign(
                scoring_model=scoring_model, training_cutoff=training_cutoff, as_of=day
            )
        )
    return pd.concat(drift, ignore_index=True)[list(COLUMNS)]
