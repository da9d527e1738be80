"""Every mart is the world as known at the end of as_of: rewinding the source to as_of (rows
created later deleted, later status changes undone) changes no value of any mart, on faithful and
on planted-browsing data.

On faithful data the build from the whole source is tests/project/test_as_of.py's pinned
environment, which that module builds anyway; the comparison runs there, with the helpers here."""

import shutil
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from tests.conftest import AS_OF
from tests.project.conftest import PROJECT, Warehouse

# Two months before the source ends.
PINNED = AS_OF - timedelta(days=61)
# Every mart of the project, every column.
MARTS = sorted(path.stem for path in (PROJECT / "models" / "marts").glob("*.py"))


def rewind(day: date) -> str:
    """SQL that rewinds a source file to the end of `day`: rows created later deleted (and the
    items of orders placed later), later shipments, deliveries and returns undone, and each status
    set back to the one its remaining times give (theLook sets each with its time; Processing and
    Cancelled carry none)."""
    return f"""
        SET TimeZone = 'UTC';
        USE thelook_ecommerce;
        DELETE FROM order_items
        WHERE CAST(created_at AS DATE) > DATE '{day}'
           OR order_id IN (SELECT order_id FROM orders WHERE CAST(created_at AS DATE) > DATE '{day}');
        DELETE FROM orders WHERE CAST(created_at AS DATE) > DATE '{day}';
        DELETE FROM users WHERE CAST(created_at AS DATE) > DATE '{day}';
        DELETE FROM events WHERE CAST(created_at AS DATE) > DATE '{day}';
        DELETE FROM inventory_items WHERE CAST(created_at AS DATE) > DATE '{day}';
        UPDATE inventory_items SET sold_at = NULL WHERE CAST(sold_at AS DATE) > DATE '{day}';
    """ + "".join(
        f"""
        UPDATE {table} SET
          shipped_at = IF(CAST(shipped_at AS DATE) > DATE '{day}', NULL, shipped_at),
          delivered_at = IF(CAST(delivered_at AS DATE) > DATE '{day}', NULL, delivered_at),
          returned_at = IF(CAST(returned_at AS DATE) > DATE '{day}', NULL, returned_at);
        UPDATE {table} SET status = CASE
            WHEN returned_at IS NOT NULL THEN 'Returned'
            WHEN delivered_at IS NOT NULL THEN 'Complete'
            WHEN shipped_at IS NOT NULL THEN 'Shipped'
            ELSE 'Processing' END
        WHERE status NOT IN ('Processing', 'Cancelled');
    """
        for table in ("orders", "order_items")
    )


def marts(warehouse: Warehouse, schema: str = "marts") -> dict[str, pd.DataFrame]:
    """Every mart, its rows in the order of all their columns."""
    with warehouse.connect() as con:
        return {
            name: con.execute(f"SELECT * FROM warehouse.{schema}.{name} ORDER BY ALL").df()
            for name in MARTS
        }


def truncated_build(full_source: Path, folder: Path) -> dict[str, pd.DataFrame]:
    """The marts pinned to PINNED, built from a copy of `full_source` rewound to PINNED."""
    folder.mkdir()
    truncated_source = folder / "truncated.duckdb"
    shutil.copy(full_source, truncated_source)
    returns_after = f"""
        SELECT count(*) FILTER (WHERE status = 'Returned') FROM thelook_ecommerce.orders
        WHERE CAST(created_at AS DATE) <= DATE '{PINNED}'
    """
    with duckdb.connect(str(truncated_source)) as con:
        con.execute(rewind(PINNED))
        later_events, returns_by_then = con.execute(
            f"SELECT (SELECT count(*) FROM events), ({returns_after})"
        ).fetchone()
    with duckdb.connect(str(full_source), read_only=True) as con:
        all_events, returns_since = con.execute(
            f"SELECT (SELECT count(*) FROM thelook_ecommerce.events), ({returns_after})"
        ).fetchone()
    # There was something to delete, and something to undo.
    assert later_events < all_events and returns_by_then < returns_since
    warehouse = Warehouse(truncated_source, folder / "warehouse.duckdb", as_of=PINNED.isoformat())
    warehouse.plan()
    return marts(warehouse)


def assert_same_marts(truncated: dict[str, pd.DataFrame], full: dict[str, pd.DataFrame]) -> None:
    for name in MARTS:
        # The model quality history holds only builds that measured to a month's end; PINNED is
        # not one (tests/project/test_history.py builds one).
        assert len(full[name]) > 0 or name == "model_quality_history", name
        pd.testing.assert_frame_equal(truncated[name], full[name], obj=name)


def test_rows_created_after_as_of_change_nothing_with_planted_browsing(
    small_browsing_source, tmp_path
):
    full = Warehouse(small_browsing_source, tmp_path / "full.duckdb", as_of=PINNED.isoformat())
    full.plan()
    assert_same_marts(truncated_build(small_browsing_source, tmp_path / "truncated"), marts(full))
