"""The review's business measures, on two small sides held in DuckDB: the engine counts, the
paragraph says it."""

from datetime import date

import duckdb
import pandas as pd
import pytest
from sqlglot import exp

from thelook.business import review_measures as measures
from thelook.business.quality_gate import NO_WORSE, WORSE


class Tables:
    """Sides over DuckDB schemas named before_<schema> and after_<schema>."""

    def __init__(self) -> None:
        self.con = duckdb.connect()
        for side in measures.SIDES:
            for schema in ("marts", "intermediate"):
                self.con.execute(f"CREATE SCHEMA {side}_{schema}")

    def put(self, side: str, model: str, frame: pd.DataFrame) -> None:
        self.con.register("frame", frame)
        self.con.execute(f"CREATE OR REPLACE TABLE {side}_{model} AS SELECT * FROM frame")
        self.con.unregister("frame")

    def table(self, side: str, model: str) -> exp.Table:
        schema, name = model.split(".")
        return exp.table_(name, db=f"{side}_{schema}")

    def fetch(self, query: exp.Expression) -> pd.DataFrame:
        return self.con.execute(query.sql(dialect="duckdb")).df()


def segments(rows: list[tuple[int, str, str, int | None, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["user_id", "segment", "engagement_tier", "value_decile", "monetary"]
    )


@pytest.fixture
def sides() -> Tables:
    tables = Tables()
    for side in measures.SIDES:
        tables.put(side, "intermediate.as_of", pd.DataFrame({"as_of": [date(2026, 11, 1)]}))
    return tables


def test_moves_count_customers_and_their_revenue(sides: Tables):
    sides.put(
        "before",
        measures.SEGMENTS,
        segments(
            [
                (1, "Loyal", "High", 10, 100.0),
                (2, "Loyal", "High", 9, 50.0),
                (3, "Prospect", "None", None, 0.0),
                (4, "New", "Low", 5, 20.0),
            ]
        ),
    )
    sides.put(
        "after",
        measures.SEGMENTS,
        segments(
            [
                (1, "Champions", "High", 10, 100.0),
                (2, "Loyal", "High", 9, 50.0),
                (3, "Prospect", "None", None, 0.0),
                (5, "New", "Low", 5, 30.0),
            ]
        ),
    )
    moved = measures.moves(sides, "segment")
    assert moved.customers == 5
    assert moved.moved_customers == 3  # 1 Loyal -> Champions; 4 leaves; 5 arrives
    assert moved.moved_net_revenue == 150.0
    assert moved.net_revenue == 200.0
    assert moved.matrix().loc["Loyal", "Champions"] == 1
    assert measures.moves(sides, "value_decile").moved_customers == 2
    listed = measures.moved_customers(sides, "segment", "Loyal", "Champions")
    assert listed["user_id"].tolist() == [1]

    found = measures.measure(sides, {measures.SEGMENTS})
    assert found.paragraph().startswith(
        "3 customers (60.0%) change segment, holding $150 (75.0%) of net revenue"
    )


def test_scores_rank_correlation_deciles_and_top_tenth(sides: Tables):
    users = pd.Series(range(1, 21))
    before = pd.DataFrame(
        {
            "user_id": users,
            "purchase_probability": users / 100,
            "propensity_decile": (users + 1) // 2,
        }
    )
    after = before.copy()
    after.loc[after["user_id"] == 20, ["purchase_probability", "propensity_decile"]] = [0.001, 1]
    sides.put("before", "marts.purchase_propensity", before)
    sides.put("after", "marts.purchase_propensity", after)
    changed = measures.score_changes(sides, "marts.purchase_propensity")
    expected = before["purchase_probability"].corr(after["purchase_probability"], "spearman")
    assert changed.rank_correlation == pytest.approx(expected)
    assert changed.decile_changed == 1
    assert (changed.top_before, changed.top_both) == (2, 1)


def test_a_change_that_alters_no_value_changes_no_business_figure(sides: Tables):
    rows = segments([(1, "Loyal", "High", 10, 100.0), (2, "New", "Low", 3, 10.0)])
    summary = pd.DataFrame({"segment": ["Loyal", "New"], "users": [1, 1]}).assign(
        net_revenue=[100.0, 10.0],
        revenue_share=[100 / 110, 10 / 110],
        avg_net_revenue=[100.0, 10.0],
        predicted_net_revenue=[5.0, 1.0],
    )
    for side in measures.SIDES:
        sides.put(side, measures.SEGMENTS, rows)
    sides.put("before", "marts.segment_summary", summary)
    # Summed in another order: equal but for the last digits.
    sides.put(
        "after",
        "marts.segment_summary",
        summary.assign(revenue_share=summary["revenue_share"] * (1 + 1e-13)),
    )
    found = measures.measure(sides, {measures.SEGMENTS, "marts.segment_summary"})
    assert found.paragraph() == "No business figure changes."
    assert found.figures[0].changes.empty


def test_figures_list_the_largest_changes_with_before_and_after(sides: Tables):
    before = pd.DataFrame({"propensity_decile": [1, 2, 3], "users": [10, 10, 10]}).assign(
        mean_probability=[0.1, 0.2, 0.3], expected_lift=[0.5, 1.0, 1.5]
    )
    after = before.assign(mean_probability=[0.1, 0.25, 0.4])
    sides.put("before", "marts.propensity_deciles", before)
    sides.put("after", "marts.propensity_deciles", after)
    changed = measures.figure_changes(sides, "marts.propensity_deciles")
    assert changed.changed_rows == {"mean_probability": 2}
    first = changed.changes.iloc[0]
    assert (first["key"], first["before"], first["after"]) == ("3", 0.3, 0.4)


def test_a_verdict_that_changes_is_said_first(sides: Tables):
    for side, gate in (("before", NO_WORSE), ("after", WORSE)):
        sides.put(
            side,
            "marts.cross_sell_evaluation",
            pd.DataFrame({"hit_rate_at_3": [0.4 if side == "before" else 0.3], "gate": [gate]}),
        )
    found = measures.measure(sides, {"marts.cross_sell_evaluation"})
    assert found.paragraph().startswith(
        f'The quality gate\'s verdict on marts.cross_sell_evaluation changes from "{NO_WORSE}" '
        f'to "{WORSE}".'
    )


def test_two_days_are_not_compared(sides: Tables):
    sides.put("after", "intermediate.as_of", pd.DataFrame({"as_of": [date(2026, 11, 2)]}))
    found = measures.measure(sides, {measures.SEGMENTS})
    assert not found.moves
    assert found.paragraph().startswith("Not compared: prod measures to 2026-11-01")
