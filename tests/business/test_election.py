"""The gate elects: a model worse than its baseline beyond noise is set aside for the build, the
baseline's scores are served and say so; a good model keeps serving."""

import numpy as np
import pandas as pd
import pytest

from tests.business.test_purchase_propensity import features
from thelook.business.classifier import SCORED_BY_MODEL
from thelook.business.customer_value import (
    PAST_REVENUE,
    REVENUE_LABEL,
    TENURE,
    evaluate_values,
)
from thelook.business.out_of_time import Scorer, out_of_time
from thelook.business.purchase_propensity import (
    PROPENSITY_LABEL,
    SCORED_BY_BASELINE,
    Propensity,
    evaluate_out_of_time,
)
from thelook.business.quality_gate import NO_WORSE, WORSE, election, served


class Degraded(Propensity):
    """The propensity model learning from labels shuffled among the training users (its
    baseline learns from the real ones): it ranks no better than chance."""

    @staticmethod
    def fit_model(training: pd.DataFrame) -> Scorer:
        labels = np.random.default_rng(0).permutation(training[PROPENSITY_LABEL].to_numpy())
        return Propensity.fit_model(training.assign(**{PROPENSITY_LABEL: labels}))


def served_scores(
    scoring: type[Propensity], training: pd.DataFrame, later: pd.DataFrame, verdict: str
) -> pd.DataFrame:
    """What a build serves at the later cutoff: both scores are kept, the gate picks one."""
    (scores,) = out_of_time(scoring, training, [later], with_baseline=True)
    scored_by = served(verdict, set(scores["scored_by"]), SCORED_BY_BASELINE)
    return scores.loc[scores["scored_by"] == scored_by]


def judged(scoring: type[Propensity], training: pd.DataFrame, evaluation: pd.DataFrame) -> dict:
    """The gate on `evaluation`, scored by the model trained on `training`."""
    (scores,) = out_of_time(scoring, training, [evaluation.drop(columns=PROPENSITY_LABEL)])
    return evaluate_out_of_time(training, evaluation.merge(scores, on="user_id"))


def test_a_degraded_model_is_elected_out_and_the_baseline_serves():
    rng = np.random.default_rng(0)
    training, evaluation = features(rng, 3000), features(rng, 3000, first_id=10_001)
    gate = judged(Degraded, training, evaluation)
    assert gate["gate"] == WORSE
    assert election(gate).startswith("roc_auc ")
    later = features(rng, 500, first_id=20_001).drop(columns=PROPENSITY_LABEL)
    scores = served_scores(Degraded, training, later, gate["gate"])
    assert set(scores["scored_by"]) == {SCORED_BY_BASELINE}
    assert sorted(scores["user_id"]) == sorted(later["user_id"])
    # The baseline ranks by tenure alone: the newer the user, the likelier (as planted).
    by_tenure = scores.merge(later, on="user_id").sort_values("tenure_days")
    assert by_tenure["purchase_probability"].is_monotonic_decreasing


def test_a_good_model_keeps_serving():
    rng = np.random.default_rng(1)
    training, evaluation = features(rng, 3000), features(rng, 3000, first_id=10_001)
    gate = judged(Propensity, training, evaluation)
    assert gate["gate"] == NO_WORSE
    later = features(rng, 500, first_id=20_001).drop(columns=PROPENSITY_LABEL)
    scores = served_scores(Propensity, training, later, gate["gate"])
    assert set(scores["scored_by"]) == {SCORED_BY_MODEL}
    # What it serves is what the model scores without its baseline beside it.
    (alone,) = out_of_time(Propensity, training, [later])
    pd.testing.assert_frame_equal(scores.reset_index(drop=True), alone)


def test_a_model_too_few_to_train_serves_the_baseline_whatever_the_verdict():
    rng = np.random.default_rng(2)
    training = features(rng, 40)
    later = features(rng, 50, first_id=1_001).drop(columns=PROPENSITY_LABEL)
    assert set(served_scores(Propensity, training, later, NO_WORSE)["scored_by"]) == {
        SCORED_BY_BASELINE
    }


def value_rows(rng: np.random.Generator, count: int) -> pd.DataFrame:
    """Users whose next half-year follows tenure: the newer, the likelier to buy."""
    tenure = rng.permutation(count).astype(float)
    revenue = np.where(rng.random(count) < 0.6 * np.exp(-5 * tenure / count), 100.0, 0.0)
    return pd.DataFrame(
        {
            "user_id": np.arange(count),
            TENURE: tenure,
            PAST_REVENUE: rng.uniform(0, 100, count),
            REVENUE_LABEL: revenue * rng.uniform(0.5, 1.5, count),
            "orders_next_180d": (revenue > 0).astype(int),
        }
    )


def test_a_value_model_whose_top_tenth_holds_less_is_elected_out_though_it_ranks_as_well():
    rng = np.random.default_rng(3)
    training, evaluation = value_rows(rng, 8000), value_rows(rng, 8000)
    # The model ranks as tenure does, but for its top tenth: it puts the newest tenth of users
    # just below the next tenth, so the whole ranking barely moves while the tenth a marketer
    # targets loses most of what it held.
    rank = evaluation[TENURE].rank()
    tenth = len(evaluation) / 10
    moved = np.where(rank <= tenth, rank + tenth, np.where(rank <= 2 * tenth, rank - tenth, rank))
    gate = evaluate_values(training, evaluation.assign(predicted_net_revenue=-moved))
    assert gate["rank_correlation"] == pytest.approx(gate["tenure_rank_correlation"], abs=0.05)
    assert gate["top_decile_capture"] < gate["tenure_top_decile_capture"] - 0.05
    assert gate["gate"] == WORSE
    assert gate["gate_metric"] == "top_decile_capture"
    assert gate["gate_value"] == gate["top_decile_capture"]
    assert gate["gate_baseline"] == gate["tenure_top_decile_capture"]
    assert "top_decile_capture" in election(gate)


def test_a_value_model_that_ranks_as_tenure_does_is_kept():
    rng = np.random.default_rng(4)
    training, evaluation = value_rows(rng, 8000), value_rows(rng, 8000)
    gate = evaluate_values(training, evaluation.assign(predicted_net_revenue=-evaluation[TENURE]))
    assert gate["gate"] == NO_WORSE
    assert gate["gate_metric"] == "rank_correlation"
