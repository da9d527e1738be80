"""One row per build: the propensity model judged out of time."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.classifier import SCORED_BY_MODEL
from thelook.business.purchase_propensity import SCORED_BY_BASELINE, evaluate_out_of_time
from thelook.business.quality_gate import evaluation_row
from thelook.glue.as_of import as_of, cutoffs
from thelook.glue.audits import always, at_least, between, scored_by_the_model, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch
from thelook.glue.gates import gate_audits, gate_columns
from thelook.glue.scoring_inputs import SCORES, labelled_users

COLUMNS: Columns = {
    "as_of": ("DATE", "The day the build measures to."),
    "training_cutoff": ("DATE", "as_of - 60: the model learns from features known then."),
    "evaluation_cutoff": (
        "DATE",
        "as_of - 30: the model is judged on features known then and orders in the 30 days after.",
    ),
    "scored_by": (
        "STRING",
        f"'{SCORED_BY_MODEL}', or '{SCORED_BY_BASELINE}' when the training cutoff held too few "
        "labelled users of either outcome to train on (a small shop, a quiet month).",
    ),
    "training_rows": ("INT64", "Users the model was trained on."),
    "evaluation_rows": ("INT64", "Users it was judged on."),
    "base_rate": ("FLOAT64", "Share of the evaluated users who bought in the 30 days."),
    "roc_auc": ("FLOAT64", "ROC AUC: the chance a buyer is ranked above a non-buyer."),
    "average_precision": ("FLOAT64", "Average precision (area under precision-recall)."),
    "top_decile_lift": ("FLOAT64", "Buy rate of the top decile over the base rate."),
    "brier_score": ("FLOAT64", "Mean squared error of the probabilities; lower is better."),
    "baseline_roc_auc": (
        "FLOAT64",
        "ROC AUC of a logistic regression on tenure alone: what the model adds is the gap.",
    ),
    **gate_columns(
        "roc_auc",
        "baseline_roc_auc",
        "a bootstrap of the judged users, resampled in pairs",
    ),
}


@model(
    "marts.propensity_evaluation",
    kind="FULL",
    owner="analytics",
    grain="as_of",
    description="One row per build: the purchase propensity model trained on the features at "
    "as_of - 60 and their outcomes by as_of - 30, judged on the features at as_of - 30 against "
    "the orders of the 30 days up to as_of, beside a one-feature baseline.",
    depends_on=["intermediate.as_of", "intermediate.user_features", "marts.propensity_scores"],
    **declared(COLUMNS),
    audits=[
        *unique_key("as_of"),
        *gate_audits(),
        *(between(column, 0, 1) for column in ("base_rate", "roc_auc", "average_precision")),
        between("brier_score", 0, 1),
        between("baseline_roc_auc", 0, 1),
        at_least("training_rows", 0),
        scored_by_the_model(SCORED_BY_MODEL),
        at_least("top_decile_lift", 0),
        always("training_cutoff < evaluation_cutoff", "evaluation_cutoff < as_of"),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> pd.DataFrame:
    training_cutoff, evaluation_cutoff, day = cutoffs(as_of(context))
    # The model's scores at the evaluation cutoff come from marts.propensity_scores, where it
    # is trained once; the labels and the baseline's input from the same users' features.
    # Judged on the sampled users the backtest scored (all of them while the backtest covers
    # more users than the sample).
    scores = fetch(context, SCORES, cutoff=evaluation_cutoff)
    evaluation = labelled_users(context, evaluation_cutoff).merge(
        scores[["user_id", "purchase_probability"]], on="user_id", how="inner", validate="1:1"
    )
    quality = evaluate_out_of_time(
        training=labelled_users(context, training_cutoff), evaluation=evaluation
    )
    judged_at = ("evaluation_cutoff", evaluation_cutoff)
    row = evaluation_row(
        day, training_cutoff, judged_at, scores["scored_by"], SCORED_BY_BASELINE, quality
    )
    return row[list(COLUMNS)]
