"""purchase_propensity and its out-of-time evaluation: the shared classifier over the
point-in-time features of intermediate.user_features.

Each public function trains the model it needs and applies it; the fitted model never leaves.
scikit-learn is imported inside the functions that use it, as in thelook.business.classifier.
"""

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from thelook.business.classifier import SEED, Fitted, fit, too_few_rows
from thelook.business.out_of_time import Scorer, ScoringModel
from thelook.business.quality_gate import bootstrap_upper_bound, gate
from thelook.business.scores import top_decile

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
# Permutation importance re-scores the evaluation rows once per feature and repeat: a sample
# keeps it to seconds; the ranking of the leading features is stable at this size.
IMPORTANCE_ROWS = 20_000
IMPORTANCE_REPEATS = 3


# What scored the users: the classifier, or, when the training cutoff has too few labelled rows,
# the baseline it is judged against.
SCORED_BY_BASELINE = "tenure baseline"


@dataclass(frozen=True)
class TenureBaseline:
    """A logistic regression on log(1 + tenure_days) alone; a constant base rate when the
    training rows hold a single outcome (or none)."""

    model: Any  # a fitted sklearn LogisticRegression, or None
    base_rate: float

    @classmethod
    def fit(cls, training: pd.DataFrame) -> "TenureBaseline":
        from sklearn.linear_model import LogisticRegression

        labels = training[PROPENSITY_LABEL].astype(bool)
        if labels.nunique() < 2:
            return cls(None, float(labels.mean()) if len(labels) else 0.0)
        return cls(LogisticRegression().fit(_baseline_input(training), labels), labels.mean())

    def probabilities(self, frame: pd.DataFrame) -> np.ndarray:
        if self.model is None or frame.empty:
            return np.full(len(frame), self.base_rate)
        return self.model.predict_proba(_baseline_input(frame))[:, 1]


def _scorer(model: Fitted | TenureBaseline) -> Scorer:
    def score(batch: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "user_id": batch["user_id"].to_numpy(),
                "purchase_probability": model.probabilities(batch),
            }
        )

    return score


# The runner's view of the model (thelook.business.out_of_time): the classifier, or the tenure
# baseline when the labelled rows are too few (thelook.business.classifier.MIN_ROWS_PER_OUTCOME)
# or when the quality gate elects it.
class Propensity(ScoringModel):
    @staticmethod
    def baseline() -> str:
        return SCORED_BY_BASELINE

    @staticmethod
    def outcome(training: pd.DataFrame) -> pd.Series:
        return training[PROPENSITY_LABEL].astype(bool)

    @staticmethod
    def fit_model(training: pd.DataFrame) -> Scorer:
        return _scorer(fit(training, PROPENSITY_NUMERIC, PROPENSITY_CATEGORICAL, PROPENSITY_LABEL))

    @staticmethod
    def fit_baseline(training: pd.DataFrame) -> Scorer:
        return _scorer(TenureBaseline.fit(training))


def top_decile_lift(labels: np.ndarray, probabilities: np.ndarray) -> float:
    """The buy rate of the top decile of probabilities over the overall buy rate."""
    top = top_decile(pd.Series(probabilities)).to_numpy()
    return float(labels[top].mean() / labels.mean())


def evaluate_out_of_time(training: pd.DataFrame, evaluation: pd.DataFrame) -> dict[str, Any]:
    """Judge on `evaluation` (a later cutoff's users with their label, features and the
    purchase_probability the model trained on `training` gave them; see out_of_time_scores) how
    well the model ranks and how calibrated it is, and what it adds over a logistic regression on
    BASELINE_FEATURE alone trained on `training`. A measure the evaluation rows cannot give (no
    rows, or a single outcome) is None."""
    from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

    labels = evaluation[PROPENSITY_LABEL].astype(bool).to_numpy()
    probabilities = evaluation["purchase_probability"].astype("float64").to_numpy()
    baseline_probabilities = TenureBaseline.fit(training).probabilities(evaluation)
    both_outcomes = len(np.unique(labels)) == 2
    roc_auc = float(roc_auc_score(labels, probabilities)) if both_outcomes else None
    baseline_roc_auc = (
        float(roc_auc_score(labels, baseline_probabilities)) if both_outcomes else None
    )
    judged = pd.DataFrame(
        {"label": labels, "model": probabilities, "baseline": baseline_probabilities}
    )
    return {
        "training_rows": len(training),
        "evaluation_rows": len(evaluation),
        "base_rate": float(labels.mean()) if len(labels) else None,
        "roc_auc": roc_auc,
        "average_precision": (
            float(average_precision_score(labels, probabilities)) if both_outcomes else None
        ),
        "top_decile_lift": top_decile_lift(labels, probabilities) if labels.any() else None,
        "brier_score": float(brier_score_loss(labels, probabilities)) if len(labels) else None,
        "baseline_roc_auc": baseline_roc_auc,
        **gate(
            "roc_auc",
            roc_auc,
            baseline_roc_auc,
            lambda: bootstrap_upper_bound(judged, roc_auc_difference),
            enough=too_few_rows(evaluation[PROPENSITY_LABEL]) is None,
        ),
    }


def roc_auc_difference(rows: pd.DataFrame) -> float | None:
    """ROC AUC of the model less the baseline's on `rows`; None with a single outcome."""
    from sklearn.metrics import roc_auc_score

    if rows["label"].nunique() < 2:
        return None
    return roc_auc_score(rows["label"], rows["model"]) - roc_auc_score(
        rows["label"], rows["baseline"]
    )


def _baseline_input(frame: pd.DataFrame) -> np.ndarray:
    return np.log1p(frame[[BASELINE_FEATURE]].astype("float64").to_numpy())


def feature_importance(training: pd.DataFrame, evaluation: pd.DataFrame) -> pd.DataFrame:
    """Each feature's permutation importance on `evaluation`: the mean fall in ROC AUC when its
    values are shuffled (IMPORTANCE_REPEATS times, on at most IMPORTANCE_ROWS rows drawn with
    a fixed seed), ranked from the most important (1). No rows when the model fell back to the
    tenure baseline."""
    from sklearn.inspection import permutation_importance

    labels = evaluation[PROPENSITY_LABEL].astype(bool)
    # The baseline has one feature, nothing to rank; one outcome has no ROC AUC to fall.
    if too_few_rows(training[PROPENSITY_LABEL]) or labels.nunique() < 2:
        return pd.DataFrame(columns=["feature", "importance", "importance_std", "importance_rank"])
    model = fit(training, PROPENSITY_NUMERIC, PROPENSITY_CATEGORICAL, PROPENSITY_LABEL)
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


def lift_by_decile(deciles: pd.DataFrame) -> pd.DataFrame:
    """Per propensity decile (propensity_decile, users, mean_probability): expected_lift, its
    mean probability over the mean probability of every scored user, the share of its users
    who are expected to buy relative to the average user."""
    overall = (deciles["mean_probability"] * deciles["users"]).sum() / deciles["users"].sum()
    return deciles.assign(expected_lift=deciles["mean_probability"] / overall)
