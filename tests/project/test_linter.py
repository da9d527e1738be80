"""The portability rule fires on SQL that DuckDB would answer differently, and is silent on
the project."""

import os
import subprocess

import pytest
import sqlglot

from tests.project.conftest import SQLMESH, copy_project
from thelook.portability import engine_dependent_constructs

NOT_PORTABLE = {
    "SELECT DATE_TRUNC(d, WEEK) FROM t": "weeks start on Sunday",
    "SELECT TIMESTAMP_TRUNC(ts, WEEK(MONDAY)) FROM t": "weeks start on Sunday",
    "SELECT DATETIME_TRUNC(ts, ISOWEEK) FROM t": "weeks start on Sunday",
    "SELECT EXTRACT(DAYOFWEEK FROM d) FROM t": "1 (Sunday) to 7",
    "SELECT ARRAY_AGG(x IGNORE NULLS) FROM t": "IGNORE NULLS",
    "SELECT ARRAY_AGG(x ORDER BY y LIMIT 3) FROM t": "ARRAY_AGG with LIMIT",
    "SELECT FARM_FINGERPRINT(x) FROM t": "no FARM_FINGERPRINT",
    "SELECT APPROX_COUNT_DISTINCT(x) FROM t": "approximate aggregates",
    "SELECT APPROX_QUANTILES(x, 4) FROM t": "approximate aggregates",
    "SELECT DATE_ADD(d, INTERVAL 1 DAY) FROM t": "BigQuery returns a DATE and DuckDB a TIMESTAMP",
    "SELECT DATE_SUB(d, INTERVAL 7 DAY) FROM t": "BigQuery returns a DATE and DuckDB a TIMESTAMP",
}
PORTABLE = [
    "SELECT DATE_TRUNC(d, MONTH), TIMESTAMP_TRUNC(ts, DAY) FROM t",
    "SELECT EXTRACT(DAY FROM d), COUNT(DISTINCT x), ARRAY_AGG(x ORDER BY y) FROM t",
    "SELECT CAST(DATE_ADD(d, INTERVAL 1 DAY) AS DATE), TIMESTAMP_ADD(ts, INTERVAL 1 HOUR) FROM t",
    "SELECT SAFE_DIVIDE(a, b), COUNTIF(c), REGEXP_EXTRACT(u, r'^/p/([0-9]+)$') FROM t",
]


@pytest.mark.parametrize(("sql", "reason"), NOT_PORTABLE.items())
def test_each_engine_dependent_construct_is_named_with_its_reason(sql, reason):
    findings = list(engine_dependent_constructs(sqlglot.parse_one(sql, dialect="bigquery")))
    assert len(findings) == 1
    assert reason in findings[0]


@pytest.mark.parametrize("sql", PORTABLE)
def test_portable_sql_passes(sql):
    assert list(engine_dependent_constructs(sqlglot.parse_one(sql, dialect="bigquery"))) == []


def lint(checkout) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(checkout), "SQLMESH__DISABLE_ANONYMIZED_ANALYTICS": "1"}
    return subprocess.run(
        [SQLMESH, "--paths", str(checkout), "lint"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=checkout,
    )


def test_sqlmesh_lint_is_silent_on_the_project_and_stops_a_bad_model(tmp_path):
    checkout = copy_project(tmp_path / "checkout")
    clean = lint(checkout)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    bad = checkout / "models" / "intermediate" / "weekly_orders.sql"
    bad.write_text(
        "MODEL (name intermediate.weekly_orders, kind FULL, grain order_week,\n"
        "  audits (not_null(columns := (order_week))));\n"
        "SELECT DATE_TRUNC(CAST(ordered_at AS DATE), WEEK) AS order_week, COUNT(*) AS orders\n"
        "FROM staging.stg_orders GROUP BY 1\n"
    )
    (checkout / "tests" / "models" / "test_weekly_orders.yaml").write_text(
        "test_weekly_orders:\n  model: intermediate.weekly_orders\n"
        "  inputs: {staging.stg_orders: {rows: [{ordered_at: '2024-01-03 00:00:00'}]}}\n"
        "  outputs: {query: {rows: [{order_week: '2023-12-31', orders: 1}]}}\n"
    )
    flagged = lint(checkout)
    output = " ".join((flagged.stdout + flagged.stderr).split())
    assert flagged.returncode != 0
    assert "noenginedependentsql" in output
    assert "weekly_orders" in output
    assert "weeks start on Sunday" in output
