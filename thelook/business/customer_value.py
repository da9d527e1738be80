"""customer_value and customer_value_evaluation: what each customer will bring in the next
half-year (VALUE_HORIZON_DAYS), from what was known at a cutoff.

Two approaches were compared out of time (`make backtest`, docs/customer-value.md), both on the
propensity model's point-in-time features and the user's net revenue so far:
- "two-stage": the chance of an order in the half-year (a gradient-boosted classifier) times
  the orders and the net revenue of those who do order (gradient-boosted regressors trained on
  the users who ordered);
- "one-stage": gradient-boosted regressors with a Poisson loss on the orders and the net revenue
  themselves, their zeros included, beside the same classifier for the chance of an order.
VALUE_APPROACH names the one the marts use. With too few labelled users of either outcome, or
when the quality gate elects it, the baseline scores everyone instead (tenure alone), and says so.
"""

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from thelook.business.classifier import MIN_ROWS_PER_OUTCOME, Fitted, fit, fit_regressor
from thelook.business.out_of_time import Scorer, ScoringModel
from thelook.business.purchase_propensity import PROPENSITY_CATEGORICAL, PROPENSITY_NUMERIC
from thelook.business.quality_gate import bootstrap_upper_bound, first_worse, gate
from thelook.business.scores import top_decile

VALUE_NUMERIC = (*PROPENSITY_NUMERIC, "net_revenue_so_far")
VALUE_CATEGORICAL = PROPENSITY_CATEGORICAL
VALUE_FEATURES = VALUE_NUMERIC + VALUE_CATEGORICAL
ORDERS_LABEL = "orders_next_180d"
REVENUE_LABEL = "net_revenue_next_180d"
# The ranking the two baselines make: past net revenue (what RFM's monetary score ranks by) and
# tenure alone (newer customers first, if the training cutoff says so).
PAST_REVENUE = "net_revenue_so_far"
TENURE = "tenure_days"
APPROACHES = ("two-stage", "one-stage")
VALUE_APPROACH = "two-stage"
SCORED_BY_BASELINE = "tenure baseline"
PREDICTIONS = ("probability_active", "expected_orders", "predicted_net_revenue")


def active(training: pd.DataFrame) -> pd.Series:
    """Whether each user made a purchase in the half-year (orders_next_180d above 0)."""
    return training[ORDERS_LABEL].astype("float64") > 0


@dataclass(frozen=True)
class TenureValue:
    """The baseline: each prediction an isotonic fit on tenure alone at the training cutoff
    (tenure_fit), so that it ranks users as tenure does. What values rest on when too few
    users were labelled either way to train on, or when the quality gate elects it."""

    fits: dict[str, Any]  # a fitted isotonic regression per prediction; empty without rows

    @classmethod
    def fit(cls, training: pd.DataFrame) -> "TenureValue":
        if training.empty:
            return cls({})
        targets = {
            "probability_active": active(training).astype("float64"),
            "expected_orders": training[ORDERS_LABEL].astype("float64"),
            "predicted_net_revenue": training[REVENUE_LABEL].astype("float64"),
        }
        return cls({name: tenure_fit(training, target) for name, target in targets.items()})

    def predict(self, frame: pd.DataFrame) -> pd.DataFrame:
        tenure = frame[TENURE].astype("float64")
        return pd.DataFrame(
            {
                name: self.fits[name].predict(tenure) if self.fits else np.zeros(len(frame))
                for name in PREDICTIONS
            },
            index=frame.index,
        )


@dataclass(frozen=True)
class TwoStage:
    """P(an order) from a classifier, times what a customer who orders brings."""

    chance: Fitted
    orders_if_active: Fitted
    revenue_if_active: Fitted

    @classmethod
    def fit(cls, training: pd.DataFrame) -> "TwoStage":
        buyers = training.loc[active(training)]
        return cls(
            _classifier(training),
            fit_regressor(buyers, VALUE_NUMERIC, VALUE_CATEGORICAL, ORDERS_LABEL),
            fit_regressor(buyers, VALUE_NUMERIC, VALUE_CATEGORICAL, REVENUE_LABEL),
        )

    def predict(self, frame: pd.DataFrame) -> pd.DataFrame:
        chance = self.chance.probabilities(frame)
        orders = np.clip(self.orders_if_active.predictions(frame), 1.0, None)
        revenue = np.clip(self.revenue_if_active.predictions(frame), 0.0, None)
        return _predicted(frame, chance, chance * orders, chance * revenue)


@dataclass(frozen=True)
class OneStage:
    """Orders and net revenue regressed directly, with a Poisson loss: most users bring 0."""

    chance: Fitted
    orders: Fitted
    revenue: Fitted

    @classmethod
    def fit(cls, training: pd.DataFrame) -> "OneStage":
        return cls(
            _classifier(training),
            fit_regressor(training, VALUE_NUMERIC, VALUE_CATEGORICAL, ORDERS_LABEL, "poisson"),
            fit_regressor(training, VALUE_NUMERIC, VALUE_CATEGORICAL, REVENUE_LABEL, "poisson"),
        )

    def predict(self, frame: pd.DataFrame) -> pd.DataFrame:
        chance = self.chance.probabilities(frame)
        return _predicted(
            frame, chance, self.orders.predictions(frame), self.revenue.predictions(frame)
        )


def _classifier(training: pd.DataFrame) -> Fitted:
    labelled = training.assign(active_next_180d=active(training))
    return fit(labelled, VALUE_NUMERIC, VALUE_CATEGORICAL, "active_next_180d")


def _predicted(
    frame: pd.DataFrame, chance: np.ndarray, orders: np.ndarray, revenue: np.ndarray
) -> pd.DataFrame:
    return pd.DataFrame(
        {"probability_active": chance, "expected_orders": orders, "predicted_net_revenue": revenue},
        index=frame.index,
    )


def value_model(training: pd.DataFrame, approach: str = VALUE_APPROACH) -> TwoStage | OneStage:
    """The `approach` trained on `training` (users at a cutoff with the half-year after it)."""
    return {"two-stage": TwoStage, "one-stage": OneStage}[approach].fit(training)


def _scorer(model: TwoStage | OneStage | TenureValue) -> Scorer:
    def score(batch: pd.DataFrame) -> pd.DataFrame:
        predicted = model.predict(batch).reset_index(drop=True)
        predicted.insert(0, "user_id", batch["user_id"].to_numpy())
        return predicted

    return score


# The runner's view of the model (thelook.business.out_of_time): VALUE_APPROACH, or tenure alone
# when too few users ordered, or did not, or when the quality gate elects it.
class Value(ScoringModel):
    @staticmethod
    def baseline() -> str:
        return SCORED_BY_BASELINE

    @staticmethod
    def outcome(training: pd.DataFrame) -> pd.Series:
        return active(training)

    @staticmethod
    def fit_model(training: pd.DataFrame) -> Scorer:
        return _scorer(value_model(training))

    @staticmethod
    def fit_baseline(training: pd.DataFrame) -> Scorer:
        return _scorer(TenureValue.fit(training))


def rank_correlation(score: pd.Series, realised: pd.Series) -> float | None:
    """Spearman's rank correlation of a ranking with what users realised; None when either is
    constant (no ranking to judge)."""
    from scipy.stats import spearmanr

    if score.nunique() < 2 or realised.nunique() < 2:
        return None
    return float(spearmanr(score, realised).statistic)


def top_decile_capture(score: pd.Series, realised: pd.Series) -> float | None:
    """The share of the realised total held by the top decile of users by `score`
    (thelook.business.scores.top_decile: users tied on the score fall on the same side)."""
    total = float(realised.sum())
    if total <= 0:
        return None
    top = top_decile(pd.Series(score.to_numpy())).to_numpy()
    return float(realised.to_numpy()[top].sum()) / total


def tenure_fit(training: pd.DataFrame, target: pd.Series) -> Any:
    """An isotonic regression of `target` on tenure alone: it learns from the training cutoff
    whether newer or older customers bring more, and nothing else."""
    from sklearn.isotonic import IsotonicRegression

    model = IsotonicRegression(increasing="auto", out_of_bounds="clip")
    with warnings.catch_warnings():
        # On few users the direction is uncertain, and scikit-learn says so: the baseline takes
        # the one the training cutoff shows, as a marketer ranking by tenure would.
        warnings.simplefilter("ignore", UserWarning)
        return model.fit(training[TENURE].astype("float64"), target)


def evaluate_values(training: pd.DataFrame, evaluation: pd.DataFrame) -> dict[str, Any]:
    """Judge on `evaluation` (a later cutoff's users with REVENUE_LABEL, PAST_REVENUE, TENURE and
    the predicted_net_revenue the model trained on `training` gave them) how well the predicted
    value ranks what users brought in the half-year, beside the rankings by past net revenue and
    by tenure alone, and how the predicted total compares with the realised one."""
    realised = evaluation[REVENUE_LABEL].astype("float64")
    tenure = pd.Series(
        TenureValue.fit(training).predict(evaluation)["predicted_net_revenue"].to_numpy()
        if len(training) and len(evaluation)
        else np.zeros(len(evaluation)),
        index=evaluation.index,
    )
    rankings = {
        "": evaluation["predicted_net_revenue"].astype("float64"),
        "past_revenue_": evaluation[PAST_REVENUE].astype("float64"),
        "tenure_": tenure,
    }
    row: dict[str, Any] = {"users": len(evaluation)}
    for prefix, score in rankings.items():
        row[f"{prefix}rank_correlation"] = rank_correlation(score, realised)
        row[f"{prefix}top_decile_capture"] = top_decile_capture(score, realised)
    row["predicted_total"] = float(rankings[""].sum())
    row["realized_total"] = float(realised.sum())
    # The gate holds the model to the baseline it would serve instead, tenure alone, on both
    # measures: how well the whole ranking matches what came, and how much of it the tenth a
    # marketer targets holds. Either worse beyond noise elects the baseline.
    judged = pd.DataFrame(
        {
            "realised": realised.to_numpy(),
            "model": rankings[""].to_numpy(),
            "baseline": rankings["tenure_"].to_numpy(),
        }
    )
    buyers = int((realised > 0).sum())
    enough = min(buyers, len(realised) - buyers) >= MIN_ROWS_PER_OUTCOME
    gates = (
        gate(
            measure,
            row[measure],
            row[f"tenure_{measure}"],
            lambda difference=difference: bootstrap_upper_bound(judged, difference),
            enough,
        )
        for measure, difference in (
            ("rank_correlation", rank_correlation_difference),
            ("top_decile_capture", _capture_difference),
        )
    )
    return {**row, **first_worse(*gates)}


def rank_correlation_difference(rows: pd.DataFrame) -> float | None:
    model = rank_correlation(rows["model"], rows["realised"])
    baseline = rank_correlation(rows["baseline"], rows["realised"])
    return None if model is None or baseline is None else model - baseline


def _capture_difference(rows: pd.DataFrame) -> float | None:
    model = top_decile_capture(rows["model"], rows["realised"])
    baseline = top_decile_capture(rows["baseline"], rows["realised"])
    return None if model is None or baseline is None else model - baseline
