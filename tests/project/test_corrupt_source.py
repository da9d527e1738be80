"""A corrupt source stops `sqlmesh plan` at the staging audits, and prod keeps its marts.

Each case corrupts a copy of the generated source the way a broken upstream would, then runs the
next day's refresh of prod. The plan must fail naming the audit, the model and the number of bad
rows, and the marts in prod must still hold the last good build.
"""

import shutil
from datetime import date, timedelta

import duckdb
import pytest

from tests.project.conftest import EXECUTION_TIME, Warehouse

NEXT_DAY = (date.fromisoformat(EXECUTION_TIME) + timedelta(days=1)).isoformat()
MARTS = ("customer_metrics", "product_performance", "cross_sell_candidates")

CASES = {
    "duplicate user id": (
        "INSERT INTO users SELECT * FROM users WHERE id IN (1, 2)",
        "unique_values",
        "stg_users",
        2,
    ),
    "null order id": (
        "UPDATE orders SET order_id = NULL WHERE order_id IN (1, 2, 3)",
        "not_null",
        "stg_orders",
        3,
    ),
    "item of a missing order": (
        "UPDATE order_items SET order_id = order_id + 10000000 WHERE id <= 4",
        "foreign_key",
        "stg_order_items",
        4,
    ),
    "item of a missing product": (
        "UPDATE order_items SET product_id = 99999999 WHERE id = 1",
        "foreign_key",
        "stg_order_items",
        1,
    ),
    # An export that lost some users: their orders and items would silently leave
    # customer_metrics while product_performance kept their revenue.
    "order of a missing user": (
        "UPDATE orders SET user_id = user_id + 10000000 WHERE order_id IN (1, 2)",
        "foreign_key",
        "stg_orders",
        2,
    ),
    "item of a missing user": (
        "UPDATE order_items SET user_id = user_id + 10000000 WHERE id <= 3",
        "foreign_key",
        "stg_order_items",
        3,
    ),
    "status outside the vocabulary": (
        "UPDATE orders SET status = 'Completed' WHERE order_id IN (5, 6)",
        "known_order_status",
        "stg_orders",
        2,
    ),
    "event type outside the vocabulary": (
        "UPDATE events SET event_type = 'click' WHERE id <= 3",
        "known_event_type",
        "stg_events",
        3,
    ),
    "negative retail price": (
        "UPDATE products SET retail_price = -retail_price WHERE id IN (10, 11)",
        "accepted_range",
        "stg_products",
        2,
    ),
    "negative sale price": (
        "UPDATE order_items SET sale_price = -1 WHERE id = 7",
        "accepted_range",
        "stg_order_items",
        1,
    ),
    "null sale price": (
        "UPDATE order_items SET sale_price = NULL WHERE id IN (8, 9)",
        "not_null",
        "stg_order_items",
        2,
    ),
}


def marts_snapshot(warehouse: Warehouse) -> dict[str, list]:
    con = warehouse.connect()
    return {
        mart: sorted(con.execute(f"SELECT * FROM warehouse.marts.{mart}").fetchall(), key=repr)
        for mart in MARTS
    }


@pytest.fixture(scope="module")
def good_marts(prod: Warehouse) -> dict[str, list]:
    return marts_snapshot(prod)


@pytest.mark.parametrize("case", list(CASES))
def test_corrupt_source_stops_the_plan_and_prod_keeps_serving(prod, good_marts, tmp_path, case):
    corruption, audit, model, bad_rows = CASES[case]
    copy = Warehouse(tmp_path / "source.duckdb", tmp_path / "warehouse.duckdb")
    shutil.copy(prod.source, copy.source)
    shutil.copy(prod.path, copy.path)
    with duckdb.connect(str(copy.source)) as con:
        con.execute("USE thelook_ecommerce")
        con.execute(corruption)

    result = copy.try_plan("prod", execution_time=NEXT_DAY)
    output = " ".join((result.stdout + result.stderr).split())

    assert result.returncode != 0, output
    assert f"'{audit}' audit error: {bad_rows} row{'s' if bad_rows > 1 else ''} failed" in output
    assert f'"staging"."{model}"' in output
    assert "Plan application failed" in output
    assert marts_snapshot(copy) == good_marts
