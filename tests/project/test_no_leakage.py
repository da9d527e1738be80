"""The scoring marts know only what was known at as_of: deleting every row created after it
from the source changes none of their values, on faithful and on planted-browsing data."""

import shutil
from datetime import timedelta

import duckdb
import pandas as pd
import pytest

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


def marts(warehouse: Warehouse) -> dict[str, pd.DataFrame]:
    with warehouse.connect() as con:
        return {
            name: con.execute(
                f"SELECT * {f'EXCLUDE ({LIFETIME[name]})' if name in LIFETIME else ''} "
                f"FROM warehouse.marts.{name} ORDER BY {', '.join(keys)}"
            ).df()
            for name, keys in MARTS.items()
        }


@pytest.mark.parametrize("source", ["small_source", "small_browsing_source"])
def test_rows_created_after_as_of_change_nothing(source, request, tmp_path):
    full_source = request.getfixturevalue(source)
    truncated_source = tmp_path / "truncated.duckdb"
    shutil.copy(full_source, truncated_source)
    with duckdb.connect(str(truncated_source)) as con:
        con.execute(LATER_ROWS)
        (later_events,) = con.execute("SELECT count(*) FROM events").fetchone()
    with duckdb.connect(str(full_source), read_only=True) as con:
        (all_events,) = con.execute("SELECT count(*) FROM thelook_ecommerce.events").fetchone()
    assert later_events < all_events  # there was something to delete

    built = {}
    for name, path in (("full", full_source), ("truncated", truncated_source)):
        folder = tmp_path / name
        folder.mkdir()
        warehouse = Warehouse(path, folder / "warehouse.duckdb", as_of=PINNED.isoformat())
        warehouse.plan()
        built[name] = marts(warehouse)
    for name in MARTS:
        assert len(built["full"][name]) > 0, name
        pd.testing.assert_frame_equal(built["truncated"][name], built["full"][name], obj=name)
