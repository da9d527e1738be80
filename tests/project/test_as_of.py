"""as_of: the day every model measures time to, pinned with THELOOK_AS_OF to build an
environment as of an earlier day, with prod left as it was."""

import shutil
from datetime import date

import pandas as pd
import pytest

from tests.conftest import AS_OF
from tests.project.conftest import Warehouse
from tests.project.test_no_leakage import PINNED, assert_same_marts, truncated_build
from tests.project.test_no_leakage import marts as leakage_marts
from thelook.glue.as_of import AsOfError, resolve_as_of


@pytest.fixture(scope="module")
def backtest(prod: Warehouse, tmp_path_factory) -> tuple[Warehouse, str, dict]:
    """A copy of prod's warehouse with `backtest` planned as of PINNED: the copy, the plan's
    output and prod's marts before it."""
    folder = tmp_path_factory.mktemp("as-of")
    copy = Warehouse(prod.source, folder / "warehouse.duckdb", as_of=PINNED.isoformat())
    shutil.copy(prod.path, copy.path)
    before = marts(copy, "marts")
    output = copy.plan("backtest")
    return copy, output, before


def marts(warehouse: Warehouse, schema: str) -> dict[str, pd.DataFrame]:
    with warehouse.connect() as con:
        return {
            name: con.execute(f"SELECT * FROM warehouse.{schema}.{name}").df()
            for name in ("customer_metrics", "purchase_propensity", "category_affinity")
        }


def test_prod_is_untouched_by_a_pinned_environment(backtest):
    warehouse, _, before = backtest
    after = marts(warehouse, "marts")
    for name, frame in before.items():
        pd.testing.assert_frame_equal(after[name], frame, obj=name)
    assert set(after["purchase_propensity"]["as_of"].dt.date) == {AS_OF}


def test_the_pinned_environment_measures_to_the_pinned_day(backtest):
    warehouse, output, _ = backtest
    pinned, prod = marts(warehouse, "marts__backtest"), marts(warehouse, "marts")
    assert set(pinned["purchase_propensity"]["as_of"].dt.date) == {PINNED}
    assert set(pinned["category_affinity"]["as_of"].dt.date) == {PINNED}
    # Recency is measured to the pinned day, from the orders placed by then.
    metrics = pinned["customer_metrics"]
    assert (metrics["days_since_last_order"].dropna() >= 0).all()
    assert (metrics["last_order_at"].dropna().dt.date <= PINNED).all()
    assert len(metrics) < len(prod["customer_metrics"])  # later sign-ups do not exist yet
    with warehouse.connect() as con:
        days = con.execute(
            "SELECT (SELECT as_of FROM warehouse.intermediate.as_of), "
            "(SELECT as_of FROM warehouse.intermediate__backtest.as_of)"
        ).fetchone()
    assert days == (AS_OF, PINNED)
    # Staging states the source as known at the pinned day: its views are rebuilt over it.
    assert "staging__backtest.stg_events" in output


def test_rows_created_after_the_pinned_day_change_nothing(backtest, tmp_path):
    """tests/project/test_no_leakage.py on faithful data: the pinned environment against the same
    marts built from the source without its later rows."""
    warehouse, _, _ = backtest
    truncated = truncated_build(warehouse.source, tmp_path / "truncated")
    assert_same_marts(truncated, leakage_marts(warehouse, "marts__backtest"))


def test_users_who_signed_up_after_the_pinned_day_do_not_exist_yet(backtest):
    warehouse, _, _ = backtest
    with warehouse.connect() as con:
        scored, known = con.execute(
            f"""
            SELECT (SELECT count(*) FROM warehouse.marts__backtest.purchase_propensity),
                   (SELECT count(*) FROM src.thelook_ecommerce.users
                    WHERE CAST(created_at AS DATE) <= DATE '{PINNED}')
            """
        ).fetchone()
    assert scored == known


@pytest.mark.parametrize(
    ("pin", "message"),
    [
        ("2026-13-01", "THELOOK_AS_OF='2026-13-01' is not a date: set it as YYYY-MM-DD"),
        ("yesterday", "THELOOK_AS_OF='yesterday' is not a date"),
        ("2999-01-01", "THELOOK_AS_OF=2999-01-01 is not over yet: pin a day on or before"),
    ],
)
def test_a_bad_pin_ends_in_one_line_and_changes_nothing(prod, tmp_path, pin, message):
    warehouse = Warehouse(prod.source, tmp_path / "warehouse.duckdb", as_of=pin)
    shutil.copy(prod.path, warehouse.path)
    result = warehouse.sqlmesh("plan", "broken", "--auto-apply", "--no-prompts")
    output = (result.stdout + result.stderr).strip()
    assert result.returncode != 0
    assert output.splitlines() == [f"Error: {output.removeprefix('Error: ')}"]
    assert message in output
    # SQLMesh's state, environments and snapshots, is as prod left it.
    assert state(warehouse) == state(prod)


def state(warehouse: Warehouse) -> dict[str, list]:
    with warehouse.connect() as con:
        return {
            table: sorted(
                map(repr, con.execute(f"SELECT * FROM warehouse.sqlmesh.{table}").fetchall())
            )
            for table in ("_environments", "_snapshots", "_intervals")
        }


def test_resolve_as_of():
    run_day = date(2026, 11, 2)
    assert resolve_as_of("", run_day) == date(2026, 11, 1)
    assert resolve_as_of(None, run_day) == date(2026, 11, 1)
    assert resolve_as_of("2026-10-01", run_day) == date(2026, 10, 1)
    assert resolve_as_of("2026-11-01", run_day) == date(2026, 11, 1)
    for bad in ("2026-11-02", "20261001", "2026-10-1", "2026-02-30", " 2026-10-01"):
        with pytest.raises(AsOfError, match="THELOOK_AS_OF"):
            resolve_as_of(bad, run_day)
