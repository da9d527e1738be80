"""The scoring marts know only what was known at as_of: deleting every row created after it
from the source changes none of their values, on faithful and on planted-browsing data.

On faithful data the build from the whole source is tests/project/test_as_of.py's pinned
environment, which that module builds anyway; the comparison runs there, with the helpers here."""

import shutil
from datetime import timedelta
from pathlib import Path

import duckdb
import pandas as pd

from tests.conftest import AS_OF
from tests.project.conftest import Warehouse

PINNED = AS_OF - timedelta(days=31)
# Mart: the columns its rows are ordered by.
MARTS = {
    "purchase_propensity": ["user_id"],
    "propensity_scores": ["scored_at", "user_id"],
    "propensity_deciles": ["propensity_decile"],
    "propensity_evaluation": ["as_of"],
    "propensity_feature_importance": ["feature"],
    "category_affinity": ["department", "category_a", "category_b"],
    "offer_scores": [
        "scored_at",
        "department",
        "category",
        "product_views",
        "product_views_last_30d",
        "category_share",
        "max_affinity_lift",
        "items_bought",
        "categories_bought",
    ],
    "cross_sell_opportunities": ["user_id", "rank"],
    "cross_sell_evaluation": ["as_of"],
    "retention_cohorts": ["cohort_month", "months_since_first_order"],
    "value_scores": ["scored_at", "user_id"],
    "customer_value": ["user_id"],
    "customer_value_evaluation": ["as_of"],
    "feature_drift": ["scoring_model", "feature"],
}
# Columns that come from a lifetime mart, which by definition reads every row: an offer's
# segment is customer_segments' (so is the grouping of cross_sell_strategy_impact).
LIFETIME = {"cross_sell_opportunities": "segment"}
# Rows created after PINNED, and the items of orders placed after it.
LATER_ROWS = f"""
    SET TimeZone = 'UTC';
    USE thelook_ecommerce;
    DELETE FROM order_items
    WHERE CAST(created_at AS DATE) > DATE '{PINNED}'
       OR order_id IN (SELECT order_id FROM orders WHERE CAST(created_at AS DATE) > DATE '{PINNED}');
    DELETE FROM orders WHERE CAST(created_at AS DATE) > DATE '{PINNED}';
    DELETE FROM users WHERE CAST(created_at AS DATE) > DATE '{PINNED}';
    DELETE FROM events WHERE CAST(created_at AS DATE) > DATE '{PINNED}';
    DELETE FROM inventory_items WHERE CAST(created_at AS DATE) > DATE '{PINNED}';
"""


def marts(warehouse: Warehouse, schema: str = "marts") -> dict[str, pd.DataFrame]:
    with warehouse.connect() as con:
        return {
            name: con.execute(
                f"SELECT * {f'EXCLUDE ({LIFETIME[name]})' if name in LIFETIME else ''} "
                f"FROM warehouse.{schema}.{name} ORDER BY {', '.join(keys)}"
            ).df()
            for name, keys in MARTS.items()
        }


def truncated_build(full_source: Path, folder: Path) -> dict[str, pd.DataFrame]:
    """The marts pinned to PINNED, built from a copy of `full_source` without its later rows."""
    folder.mkdir()
    truncated_source = folder / "truncated.duckdb"
    shutil.copy(full_source, truncated_source)
    with duckdb.connect(str(truncated_source)) as con:
        con.execute(LATER_ROWS)
        (later_events,) = con.execute("SELECT count(*) FROM events").fetchone()
    with duckdb.connect(str(full_source), read_only=True) as con:
        (all_events,) = con.execute("SELECT count(*) FROM thelook_ecommerce.events").fetchone()
    assert later_events < all_events  # there was something to delete
    warehouse = Warehouse(truncated_source, folder / "warehouse.duckdb", as_of=PINNED.isoformat())
    warehouse.plan()
    return marts(warehouse)


def assert_same_marts(truncated: dict[str, pd.DataFrame], full: dict[str, pd.DataFrame]) -> None:
    for name in MARTS:
        assert len(full[name]) > 0, name
        pd.testing.assert_frame_equal(truncated[name], full[name], obj=name)


def test_rows_created_after_as_of_change_nothing_with_planted_browsing(
    small_browsing_source, tmp_path
):
    full = Warehouse(small_browsing_source, tmp_path / "full.duckdb", as_of=PINNED.isoformat())
    full.plan()
    assert_same_marts(truncated_build(small_browsing_source, tmp_path / "truncated"), marts(full))
