"""The quality gate of a scoring model: is it worse than its baseline beyond noise?

Each evaluation mart judges its model and a baseline on the same rows. The gate takes the
difference of their metrics (model minus baseline) and a one-sided 95% upper bound for it: a
bootstrap over the judged rows, resampled in pairs, or, for hit rates, the normal approximation
of McNemar's paired test. It is a non-inferiority test: an upper bound below minus the metric's
MARGINS means the model is worse than the baseline by more than the margin, beyond what the
sample's noise explains, and the mart's blocking audit stops the plan, so prod keeps the scores it
had. The margin keeps a daily run from stopping on a model that is merely level with its
baseline (at 95%, one day in twenty would), and is small beside a broken model's loss. With too
few rows to tell, the verdict says so and a non-blocking audit warns instead.
"""

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from thelook.business.classifier import SEED

CONFIDENCE = 0.95
Z_ONE_SIDED = 1.6448536269514722  # the standard normal's 95th percentile
BOOTSTRAP_RESAMPLES = 100
# The bootstrap resamples at most this many rows, so that its cost does not grow with the shop:
# beyond, the bound is as wide as the noise of this many rows, wider than the whole evaluation's,
# which only makes the gate slower to call a model worse.
BOOTSTRAP_ROWS = 10_000
# How much of each metric a model may lose to its baseline before the gate calls it worse.
MARGINS = {"roc_auc": 0.02, "hit_rate_at_3": 0.02, "rank_correlation": 0.05}
WORSE = "worse than baseline"
NO_WORSE = "no worse than baseline"
TOO_FEW = "too few to tell"
VERDICTS = (NO_WORSE, WORSE, TOO_FEW)


def verdict(
    difference: float | None, upper_bound: float | None, margin: float, enough: bool
) -> str:
    """WORSE when the upper bound of model minus baseline is below -`margin`, TOO_FEW when the
    rows cannot tell, NO_WORSE otherwise."""
    if not enough or difference is None or upper_bound is None or np.isnan(upper_bound):
        return TOO_FEW
    return WORSE if upper_bound < -margin else NO_WORSE


def gate(
    metric: str,
    value: float | None,
    baseline: float | None,
    upper_bound: Callable[[], float | None],
    enough: bool,
) -> dict[str, Any]:
    """The gate's columns of an evaluation row: the metric, the model's and the baseline's
    values of it, the upper bound of their difference (computed by `upper_bound`, only when the
    rows are `enough` to tell) and the verdict."""
    difference = None if value is None or baseline is None else value - baseline
    bound = upper_bound() if enough and difference is not None else None
    return {
        "gate_metric": metric,
        "gate_value": value,
        "gate_baseline": baseline,
        "gate_difference_upper_bound": bound,
        "gate_margin": MARGINS[metric],
        "gate": verdict(difference, bound, MARGINS[metric], enough),
    }


def bootstrap_upper_bound(
    rows: pd.DataFrame, difference: Callable[[pd.DataFrame], float | None]
) -> float | None:
    """The one-sided CONFIDENCE upper bound of `difference` (a statistic of model minus baseline
    over rows), from BOOTSTRAP_RESAMPLES resamples of at most BOOTSTRAP_ROWS rows drawn with a
    fixed seed: the same rows, in whatever order a query returned them, give the same bound."""
    if rows.empty:
        return None
    # The draws pick rows by position: a canonical order makes them independent of the order
    # the engine returned the rows in (rows that tie on every column are interchangeable).
    rows = rows.sort_values(list(rows.columns), ignore_index=True)
    generator = np.random.default_rng(SEED)
    if len(rows) > BOOTSTRAP_ROWS:
        rows = rows.iloc[generator.choice(len(rows), BOOTSTRAP_ROWS, replace=False)]
    rows = rows.reset_index(drop=True)
    estimates = []
    for _ in range(BOOTSTRAP_RESAMPLES):
        resample = rows.iloc[generator.integers(0, len(rows), len(rows))]
        estimate = difference(resample)
        if estimate is not None and not np.isnan(estimate):
            estimates.append(estimate)
    if len(estimates) < BOOTSTRAP_RESAMPLES // 2:
        return None
    return float(np.quantile(estimates, CONFIDENCE))


def paired_rate_upper_bound(model_only: int, baseline_only: int, judged: int) -> float | None:
    """The one-sided CONFIDENCE upper bound of the difference of two hit rates over the same
    `judged` cases, from the cases only the model hit and only the baseline hit (McNemar's
    paired test, normal approximation)."""
    if judged == 0:
        return None
    difference = (model_only - baseline_only) / judged
    spread = np.sqrt(model_only + baseline_only) / judged
    return float(difference + Z_ONE_SIDED * spread)
