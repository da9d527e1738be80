"""The gradient-boosted models the scoring marts share (a classifier, and a regressor for the
value model), over a frame of named features.

Numbers are read as they are (NULL stays missing); categories as codes of the levels seen in
training (an unseen level is missing). Deterministic: the same rows in the same order give the
same model.

scikit-learn is imported where a model is trained, not with the module: SQLMesh imports every
model's code on each command, and a plan with nothing to score should not pay for it.
"""

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

SEED = 0
# A classifier trains only on at least this many labelled rows of each outcome (bought, did not
# buy): below it (a small shop, a quiet month) each leaf of MIN_SAMPLES_LEAF rows would be most
# of the data, and the scoring marts fall back to their baselines instead, and say so.
MIN_ROWS_PER_OUTCOME = 50
MIN_SAMPLES_LEAF = 100
# What the evaluation rows call a score from this classifier, beside their baselines' names.
SCORED_BY_MODEL = "gradient boosting"


def _design(
    frame: pd.DataFrame,
    numeric: tuple[str, ...],
    categorical: tuple[str, ...],
    levels: dict[str, pd.Index],
) -> np.ndarray:
    numbers = frame[list(numeric)].astype("float64").to_numpy()
    codes = [
        pd.Categorical(frame[name], categories=levels[name]).codes.astype("float64")
        for name in categorical
    ]
    design = np.column_stack([numbers, *codes])
    coded = design[:, len(numeric) :]
    coded[coded < 0] = np.nan
    design[:, len(numeric) :] = coded
    return design


@dataclass(frozen=True)
class Fitted:
    """A trained classifier with what it needs to read new rows."""

    numeric: tuple[str, ...]
    categorical: tuple[str, ...]
    levels: dict[str, pd.Index]
    model: Any  # a fitted sklearn HistGradientBoostingClassifier

    def design(self, frame: pd.DataFrame) -> np.ndarray:
        return _design(frame, self.numeric, self.categorical, self.levels)

    def probabilities(self, frame: pd.DataFrame) -> np.ndarray:
        """The chance of the positive class for each row of `frame`."""
        return self._each_distinct_row(frame, lambda rows: self.model.predict_proba(rows)[:, 1])

    def predictions(self, frame: pd.DataFrame) -> np.ndarray:
        """A regressor's prediction for each row of `frame`."""
        return self._each_distinct_row(frame, self.model.predict)

    def _each_distinct_row(self, frame: pd.DataFrame, predict: Any) -> np.ndarray:
        if frame.empty:
            return np.empty(0)
        # Many rows share every feature (all users with no history look alike): each distinct
        # row is scored once, which is most of the cost saved.
        design = np.ascontiguousarray(self.design(frame))
        rows = design.view(np.dtype((np.void, design.itemsize * design.shape[1]))).ravel()
        _, first, inverse = np.unique(rows, return_index=True, return_inverse=True)
        return predict(design[first])[inverse.ravel()]


def too_few_rows(labels: pd.Series) -> str | None:
    """Why `labels` are too few to train a classifier on, or None when they are enough."""
    positives = int(labels.astype(bool).sum())
    negatives = len(labels) - positives
    if min(positives, negatives) >= MIN_ROWS_PER_OUTCOME:
        return None
    return (
        f"{len(labels):,} labelled rows ({positives:,} positive, {negatives:,} negative), "
        f"fewer than {MIN_ROWS_PER_OUTCOME} of each outcome"
    )


def _settings(numeric: tuple[str, ...], categorical: tuple[str, ...]) -> dict[str, Any]:
    return {
        "learning_rate": 0.1,
        "max_iter": 120,
        "max_leaf_nodes": 15,
        "min_samples_leaf": MIN_SAMPLES_LEAF,
        "l2_regularization": 1.0,
        "categorical_features": [False] * len(numeric) + [True] * len(categorical),
        "early_stopping": False,
        "random_state": SEED,
    }


def _fit(
    model: Any,
    training: pd.DataFrame,
    numeric: tuple[str, ...],
    categorical: tuple[str, ...],
    target: np.ndarray,
) -> Fitted:
    levels = {name: pd.Index(sorted(training[name].dropna().unique())) for name in categorical}
    design = _design(training, numeric, categorical, levels)
    # A column with no value at all carries nothing to learn, and the binning of scikit-learn
    # cannot take it: it trains as a constant, which no tree splits on.
    design[:, np.isnan(design).all(axis=0)] = 0.0
    model.fit(design, target)
    return Fitted(numeric, categorical, levels, model)


def fit(
    training: pd.DataFrame, numeric: tuple[str, ...], categorical: tuple[str, ...], label: str
) -> Fitted:
    """Train on `training`'s numeric and categorical columns against its boolean `label`."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(**_settings(numeric, categorical))
    return _fit(model, training, numeric, categorical, training[label].astype(bool).to_numpy())


def fit_regressor(
    training: pd.DataFrame,
    numeric: tuple[str, ...],
    categorical: tuple[str, ...],
    target: str,
    loss: str = "squared_error",
) -> Fitted:
    """Train a regressor of `training`'s `target` (a number) on the same features, with
    scikit-learn's `loss` (squared_error, or poisson for counts and sums that are often 0)."""
    from sklearn.ensemble import HistGradientBoostingRegressor

    model = HistGradientBoostingRegressor(loss=loss, **_settings(numeric, categorical))
    values = training[target].astype("float64").to_numpy()
    return _fit(model, training, numeric, categorical, values)
