"""The population stability index: nothing moved is 0, more movement is more."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thelook.business.drift import DRIFT_WARNING, feature_drift, population_stability_index


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=300))
def test_a_feature_that_did_not_move_has_no_drift(values):
    values = pd.Series(values)
    assert population_stability_index(values, values) == pytest.approx(0.0, abs=1e-12)
    shuffled = values.sample(frac=1, random_state=0)
    assert population_stability_index(values, shuffled) == pytest.approx(0.0, abs=1e-12)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_drift_is_never_negative_and_grows_with_the_shift(seed):
    rng = np.random.default_rng(seed)
    before = pd.Series(rng.normal(0, 1, 2_000))
    small = population_stability_index(before, pd.Series(rng.normal(0.2, 1, 2_000)))
    large = population_stability_index(before, pd.Series(rng.normal(2.0, 1, 2_000)))
    assert 0 <= small < large
    assert large > DRIFT_WARNING


def test_categories_and_missing_values_are_bins_of_their_own():
    before = pd.Series(["a", "a", "b", None])
    assert population_stability_index(before, before) == pytest.approx(0.0)
    assert population_stability_index(before, pd.Series(["a", "b", None, None])) > 0
    drift = feature_drift(
        pd.DataFrame({"x": [1.0, 2.0, np.nan], "c": ["a", "b", "b"]}),
        pd.DataFrame({"x": [1.0, 2.0, np.nan], "c": ["c", "c", "c"]}),
        ("x", "c"),
    )
    assert drift.set_index("feature")["drifted"].to_dict() == {"x": False, "c": True}
