"""Say, in the plan's output, when a scoring mart fell back to its baseline, and which scores a
build serves: the baseline's when the training rows were too few, or when the model's quality
gate elected the baseline (thelook.business.quality_gate)."""

from datetime import date
from typing import Any

import pandas as pd

from thelook.business.classifier import too_few_rows
from thelook.business.quality_gate import WORSE, election, served
from thelook.glue.fetch import fetch


def _warn(context: Any, message: str) -> None:
    """A warning line in SQLMesh's console. Not in a unit test: its hand-made rows are few on
    purpose, and the plan's output is for real data."""
    from sqlmesh.core.console import get_console
    from sqlmesh.core.test.context import TestExecutionContext

    if not isinstance(context, TestExecutionContext):
        get_console().log_warning(message)


def warn_on_fallback(
    context: Any, mart: str, labels: pd.Series, cutoff: date, baseline: str
) -> None:
    """A warning when `labels` (the training rows' outcomes at `cutoff`) are too few for the
    classifier, naming the counts and what scored instead."""
    reason = too_few_rows(labels)
    if reason is not None:
        _warn(
            context,
            f"{mart}: {reason} at the training cutoff {cutoff}; scored by the {baseline} instead "
            "of the classifier",
        )


def served_queries(scores: str, evaluation: str) -> dict[str, str]:
    """The queries `served_scores` runs for a mart serving `scores` (a scores mart) judged by
    `evaluation` (its evaluation mart): built once, as the mart file's constant, so that the
    offline BigQuery check and lineage see every table the mart reads."""
    return {
        "evaluation": evaluation,
        "verdict": f"SELECT * FROM {evaluation}",
        "scored_by": f"SELECT DISTINCT scored_by FROM {scores} WHERE scored_at = @cutoff",
    }


def served_scores(
    context: Any, mart: str, queries: dict[str, str], baseline: str, day: date
) -> str:
    """What scored the rows that `mart` serves at `day`: the model, unless its evaluation mart
    (read by `queries`, from served_queries) says the gate elected the baseline, or the model
    did not train. A warning names the metric, both values and the bound when it elected."""
    verdict = fetch(context, queries["verdict"]).to_dict("records")
    gate_row = verdict[0] if verdict else {"gate": None}
    scored = fetch(context, queries["scored_by"], cutoff=day)
    scored_by = served(gate_row["gate"], set(scored["scored_by"]), baseline)
    if gate_row["gate"] == WORSE:
        _warn(
            context,
            f"{mart}: the scoring model is worse than its baseline beyond noise in "
            f"{queries['evaluation']}: "
            f"{election(gate_row)}; served the {baseline}'s scores instead",
        )
    return scored_by
