"""A corrupt source stops `sqlmesh plan` at the staging audits, and prod keeps its marts.

Each case corrupts a copy of the generated source the way a broken upstream would, then runs the
next day's refresh of prod. The plan must fail naming, under the model, the audit and the number
of bad rows, and the marts in prod must still hold the last good build.

SQLMesh runs every staging model's audits before it stops, and reports each failure under its
model: the cases share two plans, each a set of corruptions that do not touch each other's rows
(an order whose id is lost would also orphan its items, for one).
"""

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import pytest

from tests.project.conftest import EXECUTION_TIME, Warehouse

NEXT_DAY = (date.fromisoformat(EXECUTION_TIME) + timedelta(days=1)).isoformat()
MARTS = ("customer_metrics", "product_performance", "cross_sell_candidates")

# Each case: the corruption, the audit that must stop it, its model and how many rows fail it.
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
        "UPDATE orders SET user_id = user_id + 10000000 WHERE order_id IN (11, 12)",
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


# The cases in each plan: none changes the rows another one's audit counts.
PLANS = (
    (
        "duplicate user id",
        "null order id",
        "event type outside the vocabulary",
        "negative retail price",
        "negative sale price",
        "null sale price",
    ),
    (
        "item of a missing order",
        "item of a missing product",
        "order of a missing user",
        "item of a missing user",
        "status outside the vocabulary",
    ),
)
# SQLMesh lists the failed audits of each model under "* `<model>`".
MODEL_HEADING = re.compile(r'\* `"warehouse"\."staging"\."(\w+)"`')


def marts_snapshot(warehouse: Warehouse) -> dict[str, list]:
    con = warehouse.connect()
    return {
        mart: sorted(con.execute(f"SELECT * FROM warehouse.marts.{mart}").fetchall(), key=repr)
        for mart in MARTS
    }


@dataclass
class FailedPlan:
    result: subprocess.CompletedProcess
    output: str
    by_model: dict[str, str]  # each model's part of the output
    marts: dict[str, list]  # prod's marts after the plan


@pytest.fixture(scope="module")
def failed_plans(prod, tmp_path_factory) -> dict[str, FailedPlan]:
    """Each case's plan, run on prod's copy over a source with its plan's corruptions."""
    plans = {}
    for cases in PLANS:
        folder = tmp_path_factory.mktemp("corrupt")
        copy = Warehouse(folder / "source.duckdb", folder / "warehouse.duckdb")
        shutil.copy(prod.source, copy.source)
        shutil.copy(prod.path, copy.path)
        with duckdb.connect(str(copy.source)) as con:
            con.execute("USE thelook_ecommerce")
            for case in cases:
                con.execute(CASES[case][0])
        result = copy.try_plan("prod", execution_time=NEXT_DAY)
        output = " ".join((result.stdout + result.stderr).split())
        parts = MODEL_HEADING.split(output)
        by_model = dict(zip(parts[1::2], parts[2::2], strict=True))
        failed = FailedPlan(result, output, by_model, marts_snapshot(copy))
        plans.update(dict.fromkeys(cases, failed))
    return plans


def test_every_case_is_in_one_plan():
    planned = [case for cases in PLANS for case in cases]
    assert sorted(planned) == sorted(CASES)


@pytest.mark.parametrize("case", list(CASES))
def test_corrupt_source_stops_the_plan_and_prod_keeps_serving(failed_plans, prod, case):
    _, audit, model, bad_rows = CASES[case]
    failed = failed_plans[case]
    assert failed.result.returncode != 0, failed.output
    assert "Plan application failed" in failed.output
    assert model in failed.by_model, failed.output
    failure = f"'{audit}' audit error: {bad_rows} row{'s' if bad_rows > 1 else ''} failed"
    assert failure in failed.by_model[model], failed.by_model[model]
    assert failed.marts == marts_snapshot(prod)
