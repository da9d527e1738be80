"""purchase_propensity and its out-of-time evaluation: the shared classifier over the
point-in-time features of intermediate.user_features.

Each public function trains the model it needs and applies it; the fitted model never leaves.
scikit-learn is imported inside the functions that use it, as in thelook.marts.classifier.
"""

from collections.abc import Iterable

import numpy as np
import pandas as pd

from thelook.marts.classifier import SEED, Fitted, fit
from thelook.marts.scores import quantile_score

PROPENSITY_NUMERIC = (
    "tenure_days",
    "age",
    "orders_so_far",
    "orders_last_90d",
    "days_since_last_order",
    "days_since_first_order",
    "items_so_far",
    "spend_so_far",
    "items_returned_so_far",
    "categories_bought_so_far",
    "sessions_so_far",
    "sessions_last_7d",
    "sessions_last_30d",
    "sessions_last_90d",
    "product_views_last_30d",
    "cart_events_last_30d",
    "categories_viewed_last_30d",
    "days_since_last_event",
)
PROPENSITY_CATEGORICAL = ("gender", "traffic_source", "country")
PROPENSITY_FEATURES = PROPENSITY_NUMERIC + PROPENSITY_CATEGORICAL
PROPENSITY_LABEL = "purchased_next_30d"
# The one feature the baseline ranks users by.
BASELINE_FEATURE = "tenure_days"
DECILES = 10
# Permutation importance re-scores the evaluation rows once per feature and repeat: a sample
# keeps it to seconds; the ranking of the leading features is stable at this size.
IMPORTANCE_ROWS = 20_000
IMPORTANCE_REPEATS = 3


def _fit(training: pd.DataFrame) -> Fitted:
    return fit(training, PROPENSITY_NUMERIC, PROPENSITY_CATEGORICAL, PROPENSITY_LABEL)


def propensity_scores(
    training: pd.DataFrame, scoring_batches: Iterable[pd.DataFrame]
) -> pd.DataFrame:
    """Train on `training` (features and label at one cutoff) and score every batch (features at
    a later cutoff): user_id, purchase_probability and propensity_decile (10 = most likely;
    tied probabilities share a decile)."""
    model = _fit(training)
    scored = [
        pd.DataFrame(
            {
                "user_id": batch["user_id"].to_numpy(),
                "purchase_probability": model.probabilities(batch),
            }
        )
        for batch in scoring_batches
        if not batch.empty
    ]
    scores = pd.concat(scored, ignore_index=True) if scored else _no_scores()
    scores["propensity_decile"] = quantile_score(scores["purchase_probability"], DECILES)
    return scores.sort_values("user_id", ignore_index=True)


def _no_scores() -> pd.DataFrame:
    return pd.DataFrame({"user_id": pd.Series(dtype="int64"), "purchase_probability": []})


def top_decile_lift(labels: np.ndarray, probabilities: np.ndarray) -> float:
    """The buy rate of the top decile of probabilities over the overall buy rate."""
    deciles = quantile_score(pd.Series(probabilities), DECILES).to_numpy()
    return float(labels[deciles == DECILES].mean() / labels.mean())


def evaluate_out_of_time(training: pd.DataFrame, evaluation: pd.DataFrame) -> dict[str, float]:
    """Train on `training` (an earlier cutoff) and judge on `evaluation` (a later cutoff whose
    labels are complete): ranking quality, calibration and what the model adds over a
    logistic regression on BASELINE_FEATURE alone."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

    labels = evaluation[PROPENSITY_LABEL].astype(bool).to_numpy()
    probabilities = fit(
        training, PROPENSITY_NUMERIC, PROPENSITY_CATEGORICAL, PROPENSITY_LABEL
    ).probabilities(evaluation)
    baseline = LogisticRegression().fit(
        _baseline_input(training), training[PROPENSITY_LABEL].astype(bool)
    )
    baseline_probabilities = baseline.predict_proba(_baseline_input(evaluation))[:, 1]
    return {
        "training_rows": len(training),
        "evaluation_rows": len(evaluation),
        "base_rate": float(labels.mean()),
        "roc_auc": float(roc_auc_score(labels, probabilities)),
        "average_precision": float(average_precision_score(labels, probabilities)),
        "top_decile_lift": top_decile_lift(labels, probabilities),
        "brier_score": float(brier_score_loss(labels, probabilities)),
        "baseline_roc_auc": float(roc_auc_score(labels, baseline_probabilities)),
    }


def _baseline_input(frame: pd.DataFrame) -> np.ndarray:
    return np.log1p(frame[[BASELINE_FEATURE]].astype("float64").to_numpy())


def feature_importance(training: pd.DataFrame, evaluation: pd.DataFrame) -> pd.DataFrame:
    """Each feature's permutation importance on `evaluation`: the mean fall in ROC AUC when its
    values are shuffled (IMPORTANCE_REPEATS times, on at most IMPORTANCE_ROWS rows drawn with
    a fixed seed), ranked from the most important (1)."""
    from sklearn.inspection import permutation_importance

    model = _fit(training)
    rows = evaluation.sample(n=min(IMPORTANCE_ROWS, len(evaluation)), random_state=SEED)
    result = permutation_importance(
        model.model,
        model.design(rows),
        rows[PROPENSITY_LABEL].astype(bool).to_numpy(),
        scoring="roc_auc",
        n_repeats=IMPORTANCE_REPEATS,
        random_state=SEED,
    )
    importance = pd.DataFrame(
        {
            "feature": list(PROPENSITY_FEATURES),
            "importance": result.importances_mean,
            "importance_std": result.importances_std,
        }
    ).sort_values(["importance", "feature"], ascending=[False, True], ignore_index=True)
    importance["importance_rank"] = np.arange(1, len(importance) + 1)
    return importance
