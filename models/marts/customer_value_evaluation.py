"""One row per build: the value model judged out of time, beside past spend and tenure."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.customer_value import (
    SCORED_BY_BASELINE,
    SCORED_BY_MODEL,
    evaluate_values,
)
from thelook.glue.as_of import as_of, value_cutoffs
from thelook.glue.audits import always, at_least, between, scored_by_the_model, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch
from thelook.glue.gates import gate_audits, gate_columns
from thelook.glue.samples import BACKTEST_USERS
from thelook.glue.scoring_inputs import VALUE_SCORED_BY, VALUES_JUDGED, labelled_values

RANKING = (
    "the rank correlation (Spearman) of {ranking} with the net revenue users brought in the 180 "
    "days after the evaluation cutoff"
)
CAPTURE = "the share of that revenue brought by the tenth of users ranked highest by {ranking}"
COLUMNS: Columns = {
    "as_of": ("DATE", "The day the build measures to."),
    "training_cutoff": (
        "DATE",
        "as_of - 360: the model learns from the features then and the 180 days after.",
    ),
    "evaluation_cutoff": (
        "DATE",
        "as_of - 180: users are scored from what was known then, and judged on the 180 days "
        "up to as_of.",
    ),
    "scored_by": (
        "STRING",
        f"'{SCORED_BY_MODEL}', or '{SCORED_BY_BASELINE}' when the training cutoff held too few "
        "labelled users who ordered, or did not, to train on.",
    ),
    "users": (
        "INT64",
        f"Users judged: those signed up by the evaluation cutoff (up to {BACKTEST_USERS:,}; a "
        "fixed hash sample of about that many beyond).",
    ),
    "rank_correlation": ("FLOAT64", RANKING.format(ranking="the predicted net revenue")),
    "top_decile_capture": ("FLOAT64", CAPTURE.format(ranking="predicted net revenue")),
    "past_revenue_rank_correlation": (
        "FLOAT64",
        RANKING.format(ranking="past net revenue (the baseline RFM's monetary score follows)"),
    ),
    "past_revenue_top_decile_capture": ("FLOAT64", CAPTURE.format(ranking="past net revenue")),
    "tenure_rank_correlation": (
        "FLOAT64",
        RANKING.format(ranking="tenure alone (an isotonic fit at the training cutoff)"),
    ),
    "tenure_top_decile_capture": ("FLOAT64", CAPTURE.format(ranking="tenure alone")),
    "predicted_total": ("FLOAT64", "The judged users' predicted net revenue, US dollars."),
    "realized_total": ("FLOAT64", "The net revenue they brought, US dollars."),
    **gate_columns(
        "rank_correlation",
        "the stronger baseline's rank correlation (past net revenue or tenure)",
        "a bootstrap of the judged users, resampled in pairs",
    ),
}


@model(
    "marts.customer_value_evaluation",
    kind="FULL",
    owner="analytics",
    grain="as_of",
    description="One row per build: the value model trained at as_of - 360 on the 180 days "
    "after it, applied to the features at as_of - 180 (marts.value_scores) and judged against "
    "the net revenue users brought in the 180 days up to as_of: how well its ranking matches "
    "theirs and how much of it the top tenth holds, beside ranking by past net revenue and by "
    "tenure alone, and the predicted total against the realised one.",
    depends_on=["intermediate.as_of", "marts.value_scores", "intermediate.user_features"],
    **declared(COLUMNS),
    audits=[
        *unique_key("as_of"),
        *gate_audits(),
        scored_by_the_model(SCORED_BY_MODEL),
        *(
            between(f"{prefix}rank_correlation", -1, 1)
            for prefix in ("", "past_revenue_", "tenure_")
        ),
        *(
            between(f"{prefix}top_decile_capture", 0, 1)
            for prefix in ("", "past_revenue_", "tenure_")
        ),
        at_least("predicted_total", 0),
        at_least("realized_total", 0),
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
    training_cutoff, evaluation_cutoff, day = value_cutoffs(as_of(context))
    # The model's values at the evaluation cutoff come from marts.value_scores, where it is
    # trained once; the outcomes and the baselines' inputs from the same users' features.
    judged = fetch(context, VALUES_JUDGED, cutoff=evaluation_cutoff)
    quality = evaluate_values(labelled_values(context, training_cutoff), judged)
    scored_by = fetch(context, VALUE_SCORED_BY, cutoff=evaluation_cutoff)
    row = {
        "as_of": day,
        "training_cutoff": training_cutoff,
        "evaluation_cutoff": evaluation_cutoff,
        "scored_by": scored_by["scored_by"].iloc[0] if len(scored_by) else SCORED_BY_BASELINE,
        **quality,
    }
    return pd.DataFrame([row])[list(COLUMNS)]
