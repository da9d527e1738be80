"""intermediate.category_pairs holds the textbook support, confidence and lift: its own SQL, as
SQLMesh renders it for DuckDB, run over baskets hypothesis draws."""

import itertools

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.project.conftest import PROJECT
from thelook.app.model_catalogue import load_project

CATEGORIES = ("Jeans", "Tops", "Socks", "Swim")
CUTOFF = "2024-07-10"
baskets = st.lists(st.sets(st.sampled_from(CATEGORIES), min_size=1), min_size=1, max_size=40)


@pytest.fixture(scope="module")
def query() -> str:
    """The model's query for DuckDB, as SQLMesh renders it (against an in-memory catalogue)."""
    context = load_project(PROJECT)
    rendered = context.render("intermediate.category_pairs", execution_time="2024-07-11")
    return rendered.sql(dialect="duckdb")


def pairs(sql: str, customers: list[set[str]]) -> pd.DataFrame:
    activity = pd.DataFrame(
        [
            (user, pd.Timestamp(CUTOFF).date(), "Women", category, 1)
            for user, basket in enumerate(customers)
            for category in basket
        ],
        columns=["user_id", "cutoff_date", "department", "category", "items_bought"],
    )
    with duckdb.connect() as con:
        con.execute("CREATE SCHEMA intermediate")
        con.register("activity", activity)
        con.execute("CREATE TABLE intermediate.user_category_activity AS SELECT * FROM activity")
        return con.execute(sql).df().set_index(["category_a", "category_b"])


@settings(max_examples=40)
@given(customers=baskets)
def test_support_confidence_and_lift_are_the_textbook_ones(query, customers):
    found = pairs(query, customers)
    n = len(customers)
    expected = {
        (a, b)
        for a, b in itertools.permutations(CATEGORIES, 2)
        if any({a, b} <= basket for basket in customers)
    }
    assert set(found.index) == expected
    for (a, b), row in found.iterrows():
        both = sum({a, b} <= basket for basket in customers)
        share_a = sum(a in basket for basket in customers) / n
        share_b = sum(b in basket for basket in customers) / n
        assert row["customers"] == n
        assert row["support"] == pytest.approx(both / n)
        assert row["confidence"] == pytest.approx(both / n / share_a)
        assert row["lift"] == pytest.approx(both / n / (share_a * share_b))
        # Support and lift are symmetric; confidence is not.
        assert row["lift"] == pytest.approx(found.loc[(b, a), "lift"])
