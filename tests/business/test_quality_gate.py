"""The quality gate: worse beyond noise stops, noise alone does not, too few rows only warn."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from thelook.business.quality_gate import (
    NO_WORSE,
    TOO_FEW,
    WORSE,
    bootstrap_upper_bound,
    gate,
    paired_rate_upper_bound,
)


def test_the_verdicts():
    assert gate("roc_auc", 0.5, 0.8, lambda: -0.2, enough=True)["gate"] == WORSE
    assert gate("roc_auc", 0.79, 0.8, lambda: 0.02, enough=True)["gate"] == NO_WORSE
    # Worse beyond noise, but by less than the margin: level, not worse.
    assert gate("roc_auc", 0.78, 0.8, lambda: -0.01, enough=True)["gate"] == NO_WORSE
    assert gate("roc_auc", 0.5, 0.8, lambda: -0.2, enough=False)["gate"] == TOO_FEW
    assert gate("roc_auc", None, 0.8, lambda: -0.2, enough=True)["gate"] == TOO_FEW


def test_too_few_rows_compute_no_bound():
    def never() -> float:
        raise AssertionError("the bound is computed only when the rows can tell")

    assert gate("roc_auc", 0.5, 0.8, never, enough=False)["gate_difference_upper_bound"] is None


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 500), st.integers(0, 500), st.integers(1, 2_000))
def test_the_paired_bound_is_above_the_observed_difference(model_only, baseline_only, extra):
    judged = model_only + baseline_only + extra
    bound = paired_rate_upper_bound(model_only, baseline_only, judged)
    assert bound >= (model_only - baseline_only) / judged


def test_equal_hit_rates_are_not_worse_and_a_clear_loss_is():
    assert paired_rate_upper_bound(100, 100, 1_000) > 0
    assert paired_rate_upper_bound(50, 150, 1_000) < 0


def mean_difference(rows: pd.DataFrame) -> float:
    return float((rows["model"] - rows["baseline"]).mean())


def test_the_bootstrap_bound_is_reproducible_and_tells_noise_from_a_loss():
    rng = np.random.default_rng(0)
    noise = pd.DataFrame({"model": rng.normal(0, 1, 5_000), "baseline": rng.normal(0, 1, 5_000)})
    assert bootstrap_upper_bound(noise, mean_difference) == bootstrap_upper_bound(
        noise, mean_difference
    )
    # A query returns rows in no set order: the bound does not depend on it.
    shuffled = noise.sample(frac=1, random_state=1)
    assert bootstrap_upper_bound(shuffled, mean_difference) == bootstrap_upper_bound(
        noise, mean_difference
    )
    assert bootstrap_upper_bound(noise, mean_difference) > 0
    loss = noise.assign(model=noise["model"] - 0.5)
    assert bootstrap_upper_bound(loss, mean_difference) < 0
