"""Say, in the plan's output, when a scoring mart fell back to its baseline."""

from datetime import date
from typing import Any

import pandas as pd

from thelook.business.classifier import too_few_rows


def warn_on_fallback(
    context: Any, mart: str, labels: pd.Series, cutoff: date, baseline: str
) -> None:
    """A warning line in SQLMesh's console when `labels` (the training rows' outcomes at
    `cutoff`) are too few for the classifier, naming the counts and what scored instead. Not in
    a unit test: its hand-made rows are few on purpose, and the plan's output is for real data."""
    from sqlmesh.core.console import get_console
    from sqlmesh.core.test.context import TestExecutionContext

    reason = too_few_rows(labels)
    if reason is None or isinstance(context, TestExecutionContext):
        return
    get_console().log_warning(
        f"{mart}: {reason} at the training cutoff {cutoff}; scored by the {baseline} instead "
        "of the classifier"
    )
