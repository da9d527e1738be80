"""The value model's measures and approaches: rankings judged as a marketer would, a fallback
when the training cutoff cannot teach, and the same values for the same rows."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thelook.business.customer_value import (
    APPROACHES,
    ORDERS_LABEL,
    REVENUE_LABEL,
    SCORED_BY_BASELINE,
    VALUE_CATEGORICAL,
    VALUE_NUMERIC,
    Value,
    evaluate_values,
    rank_correlation,
    top_decile_capture,
    value_model,
)
from thelook.business.out_of_time import out_of_time

# Net revenues in cents, as money is.
revenues = st.lists(
    st.integers(0, 100_000).map(lambda cents: cents / 100), min_size=10, max_size=200
)


@settings(max_examples=50, deadline=None)
@given(revenues)
def test_the_top_tenth_by_what_came_holds_the_most(realised):
    realised = pd.Series(realised)
    best = top_decile_capture(realised, realised)
    if realised.sum() == 0:
        assert best is None
        return
    assert 0 <= best <= 1
    # No ranking's top tenth holds more than the ranking by what users did bring.
    for seed in range(3):
        shuffled = pd.Series(np.random.default_rng(seed).permutation(len(realised)))
        assert top_decile_capture(shuffled, realised) <= best + 1e-12


def test_the_top_tenth_keeps_tied_users_together():
    # Ten users: the two tied highest scores are both the top decile, as they share a decile.
    score = pd.Series([3.0, 3.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0])
    realised = pd.Series([10.0, 0.0, 30.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 10.0])
    assert top_decile_capture(score, realised) == pytest.approx(10 / 50)
    # A ranking that ranks nobody above anybody holds everything in its top decile.
    assert top_decile_capture(pd.Series([1.0] * 10), realised) == 1.0


@settings(max_examples=50, deadline=None)
@given(revenues)
def test_rank_correlation_sees_order_not_scale(realised):
    realised = pd.Series(realised)
    if realised.nunique() < 2:
        assert rank_correlation(realised, realised) is None
        return
    assert rank_correlation(realised, realised) == pytest.approx(1.0)
    assert rank_correlation(realised * 3 + 7, realised) == pytest.approx(1.0)
    assert rank_correlation(-realised, realised) == pytest.approx(-1.0)


def users(rng: np.random.Generator, count: int) -> pd.DataFrame:
    """Users whose half-year follows their past: frequent recent buyers come back."""
    frame = pd.DataFrame({"user_id": np.arange(count)})
    for name in VALUE_NUMERIC:
        frame[name] = rng.integers(0, 10, count).astype(float)
    for name in VALUE_CATEGORICAL:
        frame[name] = rng.choice(["a", "b"], count)
    chance = 1 / (1 + np.exp(-(frame["orders_last_90d"] - 5)))
    frame[ORDERS_LABEL] = rng.binomial(3, chance)
    frame[REVENUE_LABEL] = frame[ORDERS_LABEL] * rng.uniform(20, 80, count)
    return frame


@pytest.mark.parametrize("approach", APPROACHES)
def test_each_approach_learns_who_comes_back(approach):
    rng = np.random.default_rng(0)
    training, later = users(rng, 4000), users(rng, 2000)
    predicted = value_model(training, approach).predict(later)
    assert (predicted["probability_active"].between(0, 1)).all()
    assert (predicted[["expected_orders", "predicted_net_revenue"]] >= 0).all().all()
    judged = evaluate_values(training, later.assign(**predicted))
    assert judged["rank_correlation"] > 0.5
    assert judged["rank_correlation"] > judged["tenure_rank_correlation"]
    assert judged["gate"] == "no worse than baseline"


def test_too_few_to_learn_from_scores_everyone_by_tenure_alone():
    rng = np.random.default_rng(1)
    training = users(rng, 30)
    training["tenure_days"] = np.arange(30.0)
    training[REVENUE_LABEL] = 300.0 - 10 * training["tenure_days"]  # newer brings more
    training[ORDERS_LABEL] = 1
    training.loc[:24, ORDERS_LABEL] = 0  # five who ordered: too few to train on
    later = users(rng, 10).assign(tenure_days=np.arange(10.0))
    (values,) = out_of_time(Value, training, [later])
    assert set(values["scored_by"]) == {SCORED_BY_BASELINE}
    # The baseline ranks as tenure does: the newest user is predicted to bring the most.
    assert values["predicted_net_revenue"].is_monotonic_decreasing
    assert values["predicted_net_revenue"].iloc[0] == pytest.approx(300.0)


def test_the_same_rows_give_the_same_values():
    rng = np.random.default_rng(2)
    training, later = users(rng, 3000), users(rng, 500)
    first = pd.concat(out_of_time(Value, training, [later]))
    again = pd.concat(
        out_of_time(Value, training.sample(frac=1, random_state=3).sort_index(), [later])
    )
    pd.testing.assert_frame_equal(first, again)
