"""feature_drift: how far a scoring feature's distribution has moved since the model learned it.

The population stability index (PSI) compares the shares of users in each bin of a feature at
the training cutoff (expected) and at as_of (actual): the sum over bins of
(actual - expected) * ln(actual / expected). Numbers are binned at the training cutoff's deciles,
categories by level, and a missing value is a bin of its own. The usual reading: under 0.10
stable, 0.10 to 0.25 moving, above DRIFT_WARNING shifted enough to retrain or look into.
"""

import numpy as np
import pandas as pd

PSI_BINS = 10
DRIFT_WARNING = 0.25
# An empty bin would make the logarithm infinite: shares are floored at this.
SMALLEST_SHARE = 1e-4


def _shares(bins: pd.Series, levels: pd.Index) -> np.ndarray:
    shares = bins.value_counts(normalize=True, dropna=False).reindex(levels, fill_value=0.0)
    return np.clip(shares.to_numpy("float64"), SMALLEST_SHARE, None)


def population_stability_index(expected: pd.Series, actual: pd.Series) -> float:
    """The PSI of `actual` against `expected`: numeric values binned at `expected`'s deciles,
    anything else by value; missing values form their own bin."""
    if pd.api.types.is_numeric_dtype(expected) and pd.api.types.is_numeric_dtype(actual):
        known = expected.dropna().astype("float64")
        edges = np.unique(np.quantile(known, np.linspace(0, 1, PSI_BINS + 1))) if len(known) else []
        cuts = [-np.inf, *edges[1:-1], np.inf]

        def binned(values: pd.Series) -> pd.Series:
            codes = pd.cut(values.astype("float64"), cuts, labels=False, include_lowest=True)
            return codes.astype("float64").fillna(-1)

        expected_bins, actual_bins = binned(expected), binned(actual)
    else:
        expected_bins = expected.astype("object").fillna("(missing)")
        actual_bins = actual.astype("object").fillna("(missing)")
    levels = pd.Index(sorted(set(expected_bins) | set(actual_bins), key=str))
    before, after = _shares(expected_bins, levels), _shares(actual_bins, levels)
    return float(np.sum((after - before) * np.log(after / before)))


def feature_drift(
    training: pd.DataFrame, current: pd.DataFrame, features: tuple[str, ...]
) -> pd.DataFrame:
    """One row per feature: its PSI from `training` (the users at the training cutoff) to
    `current` (the users at as_of), and whether it passes DRIFT_WARNING."""
    psi = [population_stability_index(training[name], current[name]) for name in features]
    drift = pd.DataFrame({"feature": list(features), "psi": psi})
    drift["drifted"] = drift["psi"] > DRIFT_WARNING
    return drift
