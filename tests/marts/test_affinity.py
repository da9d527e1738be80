"""category_affinity: the textbook definitions of support, confidence and lift."""

import itertools

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thelook.marts.affinity import category_affinity

CATEGORIES = ("Jeans", "Tops", "Socks", "Swim")
baskets = st.lists(st.sets(st.sampled_from(CATEGORIES), min_size=1), min_size=1, max_size=40)


def pairs_of(customers: list[set[str]]) -> pd.DataFrame:
    """What the engine counts: one row per ordered pair bought together by someone."""
    buyers = {c: sum(c in basket for basket in customers) for c in CATEGORIES}
    rows = [
        ("Women", a, b, len(customers), buyers[a], buyers[b], both)
        for a, b in itertools.permutations(CATEGORIES, 2)
        if (both := sum({a, b} <= basket for basket in customers))
    ]
    columns = ["department", "category_a", "category_b", "customers", "buyers_a", "buyers_b"]
    return pd.DataFrame(rows, columns=[*columns, "buyers_both"])


@given(baskets)
def test_affinity_definitions(customers):
    affinity = category_affinity(pairs_of(customers)).set_index(["category_a", "category_b"])
    n = len(customers)
    for (a, b), row in affinity.iterrows():
        both = sum({a, b} <= basket for basket in customers)
        share_a = sum(a in basket for basket in customers) / n
        share_b = sum(b in basket for basket in customers) / n
        assert row["support"] == pytest.approx(both / n)
        assert row["confidence"] == pytest.approx(both / n / share_a)
        assert row["lift"] == pytest.approx(both / n / (share_a * share_b))
        # Support and lift are symmetric; confidence is not.
        assert row["lift"] == pytest.approx(affinity.loc[(b, a), "lift"])
        assert row["support"] == pytest.approx(affinity.loc[(b, a), "support"])


@given(baskets)
def test_rows_are_listed_by_lift(customers):
    affinity = category_affinity(pairs_of(customers))
    assert affinity["lift"].is_monotonic_decreasing
