"""One row per build: the value model judged out of time, beside past spend and tenure."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.classifier import SCORED_BY_MODEL
from thelook.business.customer_value import (
    PAST_REVENUE,
    REVENUE_LABEL,
    SCORED_BY_BASELINE,
    TENURE,
    evaluate_values,
)
from thelook.business.quality_gate import evaluation_row
from thelook.glue.as_of import as_of, value_cutoffs
from thelook.glue.audits import always, at_least, between, scored_by_the_model, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch
from thelook.glue.gates import gate_audits, gate_columns
from thelook.glue.samples import BACKTEST_USERS
from thelook.glue.scoring_inputs import VALUE_SCORED_BY, labelled_values

# What the users the model scored at a cutoff went on to bring, beside what the baselines rank
# them by.
VALUES_JUDGED = f"""
SELECT
  scores.user_id,
  scores.predicted_net_revenue,
  features.{REVENUE_LABEL},
  features.{PAST_REVENUE},
  features.{TENURE}
FROM marts.value_scores AS scores
INNER JOIN intermediate.user_features AS features
  ON features.user_id = scores.user_id AND features.cutoff_date = scores.scored_at
WHERE scores.scored_at = @cutoff
"""

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
        "rank_correlation, or top_decile_capture when that one elects the baseline (either "
        "worse beyond noise does)",
        "tenure alone for it, the baseline served instead",
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
    "tenure alone, and the predicted total against the realised one. Its quality gate elects "
    "the tenure baseline when the model is worse than it beyond noise on either measure.",
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
    scored_by = fetch(context, VALUE_SCORED_BY, cutoff=evaluation_cutoff)["scored_by"]
    judged_at = ("evaluation_cutoff", evaluation_cutoff)
    row = evaluation_row(day, training_cutoff, judged_at, scored_by, SCORED_BY_BASELINE, quality)
    return row[list(COLUMNS)]
