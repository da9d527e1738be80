"""The propensity functions: scores that do not depend on batching or row order, deciles that
follow the scores, and metrics that mean what they say."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thelook.business.out_of_time import out_of_time
from thelook.business.purchase_propensity import (
    PROPENSITY_CATEGORICAL,
    PROPENSITY_FEATURES,
    PROPENSITY_LABEL,
    PROPENSITY_NUMERIC,
    Propensity,
    evaluate_out_of_time,
    feature_importance,
    top_decile_lift,
)
from thelook.business.scores import DECILES, quantile_score, score_bounds, score_from_bounds


def features(rng: np.random.Generator, users: int, first_id: int = 1) -> pd.DataFrame:
    """Users whose chance of buying falls with tenure and rises with recent sessions."""
    frame = pd.DataFrame(
        {
            "user_id": np.arange(first_id, first_id + users),
            **{name: rng.integers(0, 20, users).astype(float) for name in PROPENSITY_NUMERIC},
            "gender": rng.choice(["M", "F"], users),
            "traffic_source": rng.choice(["Search", "Email", "Organic"], users),
            "country": rng.choice(["China", "Brazil", None], users),
        }
    )
    frame["tenure_days"] = rng.integers(0, 2000, users).astype(float)
    frame.loc[rng.random(users) < 0.3, "days_since_last_order"] = np.nan
    chance = 1 / (1 + np.exp(frame["tenure_days"] / 400 - frame["sessions_last_30d"] / 5))
    frame[PROPENSITY_LABEL] = rng.random(users) < chance
    return frame


@pytest.fixture(scope="module")
def training() -> pd.DataFrame:
    return features(np.random.default_rng(1), 3000)


def scores_of(training: pd.DataFrame, batches: list[pd.DataFrame]) -> pd.DataFrame:
    """Every batch's scores, in user order."""
    scores = pd.concat(out_of_time(Propensity, training, batches), ignore_index=True)
    return scores.sort_values("user_id", ignore_index=True)


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 7), st.randoms(use_true_random=False))
def test_scores_do_not_depend_on_batches_or_their_order(training, batches, random):
    scoring = features(np.random.default_rng(2), 400, first_id=10_001)
    whole = scores_of(training, [scoring])
    shuffled = scoring.sample(frac=1, random_state=random.randint(0, 99))
    parts = [shuffled.iloc[i::batches] for i in range(batches)]
    assert whole.equals(scores_of(training, parts))


def test_deciles_cut_from_the_engines_bounds_follow_the_probabilities(training):
    scores = scores_of(training, [features(np.random.default_rng(3), 2000, 20_001)])
    assert scores["purchase_probability"].between(0, 1).all()
    assert set(scores["scored_by"]) == {"gradient boosting"}
    probability = scores["purchase_probability"]
    deciles = score_from_bounds(probability, score_bounds(probability, DECILES))
    assert deciles.equals(quantile_score(probability, DECILES))
    assert set(deciles) <= set(range(1, 11))
    assert deciles[probability.sort_values().index].is_monotonic_increasing


def test_training_twice_gives_the_same_scores(training):
    scoring = [features(np.random.default_rng(4), 500, 30_001)]
    assert scores_of(training, scoring).equals(scores_of(training, scoring))


def test_out_of_time_evaluation_finds_the_planted_signal(training):
    evaluation = features(np.random.default_rng(5), 3000, 40_001)
    scores = scores_of(training, [evaluation.drop(columns=PROPENSITY_LABEL)])
    assert set(scores["scored_by"]) == {"gradient boosting"}
    evaluation = evaluation.merge(scores[["user_id", "purchase_probability"]], on="user_id")
    quality = evaluate_out_of_time(training, evaluation)
    assert quality["training_rows"] == 3000 and quality["evaluation_rows"] == 3000
    assert quality["base_rate"] == pytest.approx(evaluation[PROPENSITY_LABEL].mean())
    assert quality["roc_auc"] > quality["baseline_roc_auc"] > 0.6
    assert quality["top_decile_lift"] > 1.5
    assert 0 < quality["brier_score"] < quality["base_rate"]


def test_feature_importance_ranks_every_feature_with_the_signal_first(training):
    evaluation = features(np.random.default_rng(6), 3000, 50_001)
    importance = feature_importance(training, evaluation)
    assert sorted(importance["feature"]) == sorted(PROPENSITY_FEATURES)
    assert importance["importance_rank"].tolist() == list(range(1, len(PROPENSITY_FEATURES) + 1))
    assert set(importance["feature"].head(2)) == {"tenure_days", "sessions_last_30d"}
    assert set(PROPENSITY_CATEGORICAL) <= set(importance["feature"])


@given(st.lists(st.booleans(), min_size=20, max_size=200).filter(lambda x: sum(x) > len(x) / 10))
def test_a_perfect_ranking_lifts_the_top_decile_to_its_buy_rate(labels):
    labels = np.array(labels)
    # Every buyer above every non-buyer, no two users tied: the top tenth are all buyers.
    scores = labels + np.linspace(0, 0.5, len(labels))
    assert top_decile_lift(labels, scores) == pytest.approx(1 / labels.mean())
