"""Offers: three per user at most, never a bought category, ranked reproducibly by the engine,
valued as the product of their parts."""

import duckdb
import numpy as np
import pandas as pd
import pytest
import sqlglot
from hypothesis import given, settings
from hypothesis import strategies as st

from thelook.business.category_offers import (
    OFFER_FEATURES,
    OFFER_LABEL,
    OFFERS_PER_USER,
    Offers,
    offer_rank_sql,
    with_expected_value,
)
from thelook.business.out_of_time import out_of_time

CATEGORIES = ("Jeans", "Tops", "Socks", "Swim", "Dresses")


def unbought(rng: np.random.Generator, users: int, first_id: int = 1) -> pd.DataFrame:
    """Every user with a random subset of CATEGORIES not yet bought; views drive buying."""
    rows = [
        (user, category)
        for user in range(first_id, first_id + users)
        for category in CATEGORIES
        if rng.random() < 0.7
    ]
    frame = pd.DataFrame(rows, columns=["user_id", "category"])
    frame["department"] = "Women"
    for name in OFFER_FEATURES:
        if name not in frame:
            frame[name] = rng.integers(0, 5, len(frame)).astype(float)
    frame[OFFER_LABEL] = rng.random(len(frame)) < frame["product_views"] / 6
    return frame


def top_offers(pool: pd.DataFrame, score: str) -> pd.DataFrame:
    """The offers of `pool` as the engine ranks them: offer_rank_sql, run by DuckDB."""
    rank = sqlglot.transpile(offer_rank_sql(score), read="bigquery", write="duckdb")[0]
    con = duckdb.connect()
    con.register("pool", pool.assign(cutoff_date=pd.Timestamp("2026-01-01")))
    ranked = con.sql(f"SELECT *, {rank} AS rank FROM pool ORDER BY user_id, rank").df()
    return ranked.loc[ranked["rank"] <= OFFERS_PER_USER].drop(columns="cutoff_date")


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_offers_are_at_most_three_unbought_categories_ranked_once(seed):
    rng = np.random.default_rng(seed)
    pool = unbought(rng, 40)
    offers = top_offers(pool.assign(score=rng.random(len(pool))), "score")
    assert offers.groupby("user_id").size().max() <= OFFERS_PER_USER
    assert not offers.duplicated(["user_id", "rank"]).any()
    assert not offers.duplicated(["user_id", "category"]).any()
    # Every offer is one of the user's unbought, so never a category already bought.
    assert len(offers.merge(pool, on=["user_id", "category"])) == len(offers)
    # Ranks follow the score.
    for _, user in offers.groupby("user_id"):
        assert user.sort_values("rank")["score"].is_monotonic_decreasing


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32 - 1), st.randoms(use_true_random=False))
def test_offers_do_not_depend_on_row_order(seed, random):
    rng = np.random.default_rng(seed)
    pool = unbought(rng, 30).assign(score=lambda f: rng.integers(0, 3, len(f)))
    shuffled = pool.sample(frac=1, random_state=random.randint(0, 99))
    columns = ["user_id", "category", "rank"]
    assert top_offers(pool, "score")[columns].equals(top_offers(shuffled, "score")[columns])


def test_offers_learn_what_buyers_bought():
    rng = np.random.default_rng(0)
    training, scoring = unbought(rng, 3000), unbought(rng, 500, first_id=10_000)
    # Each distinct row of features is scored once, then joined back to every user's rows.
    rows = scoring[list(OFFER_FEATURES)].drop_duplicates()
    (scores,) = out_of_time(Offers, training, [rows])
    assert len(scores) == len(rows) < len(scoring)
    scored = scoring.merge(scores, on=list(OFFER_FEATURES), validate="many_to_one")
    offers = top_offers(scored, "category_probability")
    top = offers.loc[offers["rank"] == 1].merge(scoring, on=["user_id", "category"])
    # The most viewed category comes first: views are what drove buying.
    best = scoring.groupby("user_id")["product_views"].max()
    assert (top["product_views_y"].to_numpy() == best.loc[top["user_id"]].to_numpy()).mean() > 0.8


def test_expected_value_is_the_product_of_its_parts():
    offers = pd.DataFrame(
        {
            "user_id": [1, 1, 2],
            "category": ["Jeans", "Swim", "Jeans"],
            "department": ["Women", "Women", "Women"],
            "category_probability": [0.5, 0.2, 0.1],
        }
    )
    propensity = pd.DataFrame({"user_id": [1, 2], "purchase_probability": [0.4, 0.3]})
    value = pd.DataFrame(
        {
            "department": ["Women"],
            "category": ["Jeans"],
            "net_revenue_per_item": [50.0],
            "net_profit_per_item": [20.0],
        }
    )
    valued = with_expected_value(offers, propensity, value)
    # The chance of buying the category, which the strategies sum into expected buyers.
    assert valued["buy_probability"].tolist() == pytest.approx([0.2, 0.08, 0.03])
    assert valued["expected_revenue"].tolist() == pytest.approx([10.0, 0.0, 1.5])
    assert valued["expected_profit"].tolist() == pytest.approx([4.0, 0.0, 0.6])
