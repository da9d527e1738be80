"""cross_sell_candidates: viewed minus purchased, valued at the expected sale."""

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from thelook.business.cross_sell_candidates import cross_sell_candidates

pairs = st.sets(st.tuples(st.integers(1, 6), st.integers(1, 4)), max_size=24)


def products() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "product_id": [1, 2, 3, 4],
            "product_name": ["a", "b", None, "d"],
            "brand": "Brand",
            "category": "Jeans",
            "department": "Women",
            "retail_price": [10.0, 20.0, 30.0, 40.0],
            "conversion_rate": [0.5, 0.25, 0.0, None],
        }
    )


def viewed_frame(viewed) -> pd.DataFrame:
    frame = pd.DataFrame(sorted(viewed), columns=["user_id", "product_id"])
    frame["view_count"] = 2
    frame["viewing_sessions"] = 1
    frame["first_viewed_at"] = pd.Timestamp("2024-01-01", tz="UTC")
    frame["last_viewed_at"] = pd.Timestamp("2024-01-02", tz="UTC")
    return frame


@settings(max_examples=80, deadline=None)
@given(pairs, pairs)
def test_candidates_are_exactly_the_viewed_pairs_not_purchased(viewed, purchased):
    purchased_frame = pd.DataFrame(sorted(purchased), columns=["user_id", "product_id"])
    result = cross_sell_candidates(viewed_frame(viewed), purchased_frame, products())
    candidates = set(zip(result["user_id"], result["product_id"], strict=True))
    assert candidates.isdisjoint(purchased)
    assert candidates == viewed - purchased
    assert len(candidates) == len(result)
    expected = result["retail_price"] * result["product_conversion_rate"]
    assert result["estimated_lost_revenue"].equals(expected)


def test_a_purchase_listed_twice_removes_the_pair_once():
    viewed = viewed_frame({(1, 1), (1, 2)})
    purchased = pd.DataFrame({"user_id": [1, 1], "product_id": [1, 1]})
    result = cross_sell_candidates(viewed, purchased, products())
    assert result[["user_id", "product_id"]].values.tolist() == [[1, 2]]
    assert result["estimated_lost_revenue"].tolist() == [5.0]
    assert result["product_conversion_rate"].tolist() == [0.25]
