"""Campaign readouts: the intervals on hand-made rows; an A/A check over many salts on the small
generated source calls an effect at about its error rate; an effect planted on a share of the
treated is covered by the interval at about its confidence."""

from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thelook.business.campaign_audiences import HOLDOUT, TREATMENT, assign
from thelook.business.campaign_readouts import (
    NO_AUDIENCE,
    NOT_MEASURABLE,
    NOT_YET,
    READ_OUT,
    adjusted,
    campaign_readouts,
    difference,
    readout,
)

CAMPAIGN = {
    "campaign": "jeans",
    "category": "Jeans",
    "start_day": "2026-06-01",
    "horizon_days": 60,
}
AS_OF = date(2026, 11, 1)


def customers(groups, revenue, before=None, bought=None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "campaign": "jeans",
            "assigned_group": groups,
            "net_revenue_after": revenue,
            "pre_start_net_revenue": before if before is not None else [0.0] * len(groups),
            "bought_offer": bought if bought is not None else [r > 0 for r in revenue],
        }
    )


def test_a_readout_on_hand_made_rows():
    rows = customers([TREATMENT] * 4 + [HOLDOUT] * 4, [10.0, 0.0, 20.0, 10.0, 0.0, 0.0, 10.0, 0.0])
    result = readout(CAMPAIGN, rows, AS_OF, measurable=True)
    assert result["status"] == READ_OUT
    assert (result["treatment_buyers"], result["holdout_buyers"]) == (3, 1)
    assert result["revenue_difference"] == pytest.approx(7.5)
    # Variances 66.67 / 4 + 25 / 4 = 22.9167, so 7.5 +- 1.96 * 4.7871.
    assert result["revenue_low"] == pytest.approx(7.5 - 1.959964 * np.sqrt(22.916667), abs=1e-4)
    assert result["buy_rate_difference"] == pytest.approx(0.5)
    assert result["read_by"] == "revenue"  # nothing before the start to adjust with
    assert result["verdict"].startswith("No effect shown: net revenue moved by $7.50 per customer")


def test_no_readout_before_the_horizon_has_passed_or_on_a_renumbered_source():
    rows = customers([TREATMENT, HOLDOUT], [1.0, 0.0])
    early = readout(CAMPAIGN, rows, date(2026, 7, 30), measurable=True)
    assert early["status"] == NOT_YET
    assert early["verdict"] == (
        "The horizon ends on 2026-07-31, after as_of (2026-07-30): no readout until then."
    )
    assert readout(CAMPAIGN, rows, date(2026, 7, 31), measurable=True)["status"] == READ_OUT
    assert readout(CAMPAIGN, rows, AS_OF, measurable=False)["status"] == NOT_MEASURABLE
    none = campaign_readouts([CAMPAIGN], rows.iloc[:0], AS_OF, measurable=True)
    assert none["status"].tolist() == [NO_AUDIENCE]


samples = st.lists(st.floats(0, 500), min_size=2, max_size=40)


@given(samples, samples, st.floats(-100, 100))
def test_a_shift_of_the_treated_shifts_the_difference_and_its_interval(treated, held, shift):
    estimate, low, high = difference(np.array(treated), np.array(held))
    moved = difference(np.array(treated) + shift, np.array(held))
    assert low <= estimate <= high
    assert moved == pytest.approx((estimate + shift, low + shift, high + shift), abs=1e-6)


@given(st.lists(st.floats(0, 500), min_size=3, max_size=40), st.integers(0, 2**32 - 1))
def test_adjusting_by_what_predicts_the_outcome_narrows_the_spread(before, seed):
    x = np.array(before)
    noise = np.random.default_rng(seed).normal(0, 1, len(x))
    y = 2 * x + noise
    assert adjusted(y, x).var() <= y.var() + 1e-9
    assert adjusted(y, np.zeros_like(x)) is y  # nothing to adjust with


# The small generated source: each user signed up before 2026-06-01, with net revenue before it
# and in the 60 days after, as the readout reads them.
OUTCOMES = """
WITH items AS (
  SELECT items.user_id, items.created_at, products.category,
    IF(items.returned_at IS NULL OR items.returned_at > TIMESTAMPTZ '2026-11-02', items.sale_price, 0)
      AS net_revenue
  FROM order_items AS items JOIN products ON products.id = items.product_id
  WHERE items.status <> 'Cancelled'
)
SELECT
  users.id AS user_id,
  COALESCE(SUM(net_revenue) FILTER (WHERE items.created_at < TIMESTAMPTZ '2026-06-02'), 0)
    AS pre_start_net_revenue,
  COALESCE(SUM(net_revenue) FILTER (WHERE items.created_at >= TIMESTAMPTZ '2026-06-02'
    AND items.created_at < TIMESTAMPTZ '2026-08-01'), 0) AS net_revenue_after,
  COALESCE(BOOL_OR(category = 'Jeans') FILTER (WHERE items.created_at >= TIMESTAMPTZ '2026-06-02'
    AND items.created_at < TIMESTAMPTZ '2026-08-01'), FALSE) AS bought_offer
FROM users LEFT JOIN items ON items.user_id = users.id
WHERE users.created_at < TIMESTAMPTZ '2026-06-02'
GROUP BY users.id
"""
SALTS = 400


@pytest.fixture(scope="module")
def outcomes(small) -> pd.DataFrame:
    return small.execute(OUTCOMES).df().assign(campaign="jeans")


def read_with_salt(outcomes: pd.DataFrame, salt: str, planted: float = 0.0, share: float = 0.2):
    rows = outcomes.assign(assigned_group=assign(outcomes["user_id"], salt, 0.5))
    effect = 0.0
    if planted:
        # Orders worth `planted` added after the start for a share of the treated.
        treated = rows.index[rows["assigned_group"] == TREATMENT]
        chosen = treated[assign(rows.loc[treated, "user_id"], f"plant {salt}", share) == HOLDOUT]
        rows.loc[chosen, "net_revenue_after"] += planted
        rows.loc[chosen, "bought_offer"] = True
        effect = planted * len(chosen) / len(treated)
    result = readout(CAMPAIGN, rows, AS_OF, measurable=True)
    prefix = result["read_by"]
    return result[f"{prefix}_low"], result[f"{prefix}_high"], effect


def test_an_aa_check_calls_an_effect_at_about_its_error_rate(outcomes):
    calls = [
        not low <= 0 <= high
        for low, high, _ in (read_with_salt(outcomes, f"aa {i}") for i in range(SALTS))
    ]
    rate = float(np.mean(calls))
    print(f"A/A: {rate:.1%} of {SALTS} salts called an effect on {len(outcomes)} customers")
    # 5% expected; a binomial of 400 draws stays within about 2.9% to 7.1% 95% of the time.
    assert 0.02 <= rate <= 0.09


def test_a_planted_effect_is_covered_by_the_interval(outcomes):
    covered = [
        low <= effect <= high
        for low, high, effect in (
            read_with_salt(outcomes, f"plant {i}", planted=60.0) for i in range(SALTS)
        )
    ]
    rate = float(np.mean(covered))
    print(f"planted effect covered by {rate:.1%} of {SALTS} intervals")
    assert rate >= 0.9
