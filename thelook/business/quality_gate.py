"""The quality gate of a scoring model: is it worse than its baseline beyond noise?

Each evaluation mart judges its model and a baseline on the same rows. The gate takes the
difference of their metrics (model minus baseline) and a one-sided 95% upper bound for it: a
bootstrap over the judged rows, resampled in pairs, or, for hit rates, the normal approximation
of McNemar's paired test. It is a non-inferiority test: an upper bound below minus the metric's
MARGINS means the model is worse than the baseline by more than the margin, beyond what the
sample's noise explains. The gate then elects the baseline: the build serves the baseline's
scores (`served`), the plan completes, and a warning names the metric, both values and the bound
(`election`). The margin keeps a model that is merely level with its baseline from being set
aside one day in twenty (at 95%), and is small beside a broken model's loss. With too few rows to
tell, the verdict says so, the model serves, and a warning says that too.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from thelook.business.classifier import SCORED_BY_MODEL, SEED

CONFIDENCE = 0.95
Z_ONE_SIDED = 1.6448536269514722  # the standard normal's 95th percentile
BOOTSTRAP_RESAMPLES = 100
# The bootstrap resamples at most this many rows, so that its cost does not grow with the shop:
# beyond, the bound is as wide as the noise of this many rows, wider than the whole evaluation's,
# which only makes the gate slower to call a model worse.
BOOTSTRAP_ROWS = 10_000
# How much of each metric a model may lose to its baseline before the gate calls it worse.
MARGINS = {
    "roc_auc": 0.02,
    "hit_rate_at_3": 0.02,
    "rank_correlation": 0.05,
    "top_decile_capture": 0.02,
}
# The verdicts, the one vocabulary the evaluation marts, their audits and the serving marts read.
NO_WORSE = "no worse than baseline"
WORSE = "worse than baseline: baseline elected"
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
    estimates = bootstrap_estimates(rows, difference)
    return None if estimates is None else float(np.quantile(estimates, CONFIDENCE))


def bootstrap_estimates(
    rows: pd.DataFrame, difference: Callable[[pd.DataFrame], float | None]
) -> list[float] | None:
    """The estimates of `difference` over the resamples bootstrap_upper_bound draws; None when
    too few resamples give one."""
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
    return estimates


def paired_rate_upper_bound(model_only: int, baseline_only: int, judged: int) -> float | None:
    """The one-sided CONFIDENCE upper bound of the difference of two hit rates over the same
    `judged` cases, from the cases only the model hit and only the baseline hit (McNemar's
    paired test, normal approximation)."""
    if judged == 0:
        return None
    difference = (model_only - baseline_only) / judged
    spread = np.sqrt(model_only + baseline_only) / judged
    return float(difference + Z_ONE_SIDED * spread)


def first_worse(*gates: dict[str, Any]) -> dict[str, Any]:
    """Of the gates of one model judged on several measures, the first that is WORSE (the
    measure that elects the baseline); else the first TOO_FEW; else the first."""
    for wanted in (WORSE, TOO_FEW):
        for judged in gates:
            if judged["gate"] == wanted:
                return judged
    return gates[0]


def served(verdict: str | None, scored: set[str], baseline: str) -> str:
    """What scores the build serves, given the gate's `verdict` on the model and what `scored`
    the current cutoff (the model and its baseline, or the baseline alone when it fell back):
    the baseline when the model is worse beyond noise or did not train, else the model."""
    if verdict == WORSE or SCORED_BY_MODEL not in scored:
        return baseline
    return SCORED_BY_MODEL


def election(gate_row: dict[str, Any]) -> str:
    """The line that says why the baseline was elected: the metric, the model's and the
    baseline's values, the bound of their difference and the margin."""
    return (
        f"{gate_row['gate_metric']} {gate_row['gate_value']:.4f} against "
        f"{gate_row['gate_baseline']:.4f} for the baseline (95% upper bound of the difference "
        f"{gate_row['gate_difference_upper_bound']:.4f}, below the margin of "
        f"-{gate_row['gate_margin']})"
    )


def evaluation_row(
    day: date,
    training_cutoff: date,
    judged_at: tuple[str, date],
    scored_by: pd.Series,
    baseline: str,
    measures: dict[str, Any],
) -> pd.DataFrame:
    """An evaluation mart's one row: the build's as_of, the cutoff the model was trained at,
    the one it was judged at (`judged_at`: the column's name and the day), what scored the
    judged rows (`scored_by`, the scores' column: the baseline when there are none) and the
    `measures` with the gate."""
    name, judged_day = judged_at
    row = {
        "as_of": day,
        "training_cutoff": training_cutoff,
        name: judged_day,
        "scored_by": scored_by.iloc[0] if len(scored_by) else baseline,
        **measures,
    }
    return pd.DataFrame([row])
