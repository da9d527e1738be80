"""Campaign audiences: the salted split holds its share, repeats, ignores row order and moves
with the salt; the computed holdout fills what the power calculation asks; the filters."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thelook.business.campaign_audiences import (
    BUCKETS,
    HOLDOUT,
    MULTIPLIERS,
    assign,
    in_audience,
    salt_offsets,
    salted_bucket,
    share_to_hold_out,
)
from thelook.business.strategy_impact import holdout_size
from thelook.glue.samples import MODULUS

salts = st.text(min_size=1, max_size=20)


@given(salts, st.sampled_from([0.05, 0.1, 0.2, 0.25, 0.5]), st.integers(1, 10**6))
def test_the_holdout_holds_its_share_within_sampling_noise(salt, share, first):
    users = np.arange(first, first + 10_000)
    held_out = (assign(users, salt, share) == HOLDOUT).mean()
    # A fair draw: within 4.5 standard deviations (a chance in 150,000 of failing otherwise).
    assert abs(held_out - share) <= 4.5 * np.sqrt(share * (1 - share) / len(users))


@pytest.mark.parametrize("share", [0.1, 0.2, 0.5])
def test_the_holdout_is_within_a_point_of_its_share_on_ten_thousand_customers(share):
    # 10,000 customers: one point is 2 to 3.3 standard deviations of a fair draw, which misses
    # it for about 5% of salts at a half; 100,000: every salt, by more than 6 deviations.
    deviations = {
        users: [
            abs((assign(np.arange(1, users + 1), f"salt {i}", share) == HOLDOUT).mean() - share)
            for i in range(100)
        ]
        for users in (10_000, 100_000)
    }
    assert np.mean(np.array(deviations[10_000]) <= 0.01) >= 0.9
    assert max(deviations[100_000]) <= 0.01


@given(salts, st.lists(st.integers(1, 2**40), min_size=1, max_size=200, unique=True))
def test_a_customer_keeps_the_group_whatever_the_order_and_build(salt, users):
    groups = dict(zip(users, assign(users, salt, 0.3), strict=True))
    shuffled = list(reversed(users))
    again = dict(zip(shuffled, assign(shuffled, salt, 0.3), strict=True))
    assert groups == again


def test_another_salt_reshuffles():
    users = np.arange(1, 20_001)
    first, second = assign(users, "spring", 0.5), assign(users, "autumn", 0.5)
    # Independent draws agree on about half the customers.
    assert 0.48 < (first == second).mean() < 0.52


@given(salts, st.lists(st.integers(0, 2**62), min_size=1, max_size=50))
def test_the_hash_is_exact_in_int64(salt, users):
    offsets = salt_offsets(salt)
    exact = [
        (u % MODULUS * MULTIPLIERS[0] + offsets[0])
        % MODULUS
        * ((u % MODULUS * MULTIPLIERS[1] + offsets[1]) % MODULUS)
        % MODULUS
        % BUCKETS
        for u in users
    ]
    assert salted_bucket(users, salt).tolist() == exact


CAMPAIGN = {
    "holdout_share": None,
    "detectable_uplift": 0.2,
    "segments": None,
    "engagement_tiers": None,
    "value_deciles": [1, 10],
    "propensity_deciles": [1, 10],
}


@given(st.floats(0.01, 0.4), st.integers(10, 10**6))
def test_a_computed_share_holds_out_what_the_test_needs(rate, users):
    share = share_to_hold_out(CAMPAIGN, rate, users)
    needed = holdout_size(np.array([rate]), 0.2)[0]
    assert 0 < share <= 0.5
    if users >= 2 * needed:
        assert share * users >= needed and (1 - share) * users >= needed
    else:
        assert share == 0.5


def test_a_stated_share_is_kept():
    assert share_to_hold_out({**CAMPAIGN, "holdout_share": 0.1}, 0.05, 1000) == 0.1


def test_the_filters_keep_the_eligible_customers_the_file_asks_for():
    customers = pd.DataFrame(
        {
            "is_eligible": [True, True, True, False],
            "segment": ["At risk", "Champions", "At risk", "At risk"],
            "engagement_tier": ["Low", "Low", "High", "Low"],
            "value_decile": pd.array([5, 5, None, 5], dtype="Int64"),
            "propensity_decile": pd.array([1, 2, 3, 4], dtype="Int64"),
        }
    )
    assert in_audience(customers, CAMPAIGN).tolist() == [True, True, True, False]
    narrowed = {**CAMPAIGN, "segments": ["At risk"], "value_deciles": [4, 10]}
    assert in_audience(customers, narrowed).tolist() == [True, False, False, False]
