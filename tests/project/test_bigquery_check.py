"""`thelook bigquery-check`: ZetaSQL passes the project and rejects what BigQuery would reject,
naming the model, although DuckDB runs every one of the broken models below."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.project.conftest import MODELS, PROJECT, copy_project
from thelook.bigquery.check import Report, check_project
from thelook.bigquery.offline import OFFLINE_PROJECT, offline_context
from thelook.bigquery.statements import project_models

CACHE = PROJECT / ".cache" / "zetasql"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)  # the model still reads as this test expects
    path.write_text(text.replace(old, new, 1))


# model file, text in it, its replacement, and what the check must say of that model.
BREAKAGES = {
    "staging.stg_products": (
        "FROM `bigquery-public-data`.thelook_ecommerce.products",
        "FROM `bigquery-public-data`.thelook_ecommerce.products WHERE id <> '0'",
        "No matching signature for operator != for argument types: INT64, STRING",
    ),
    "staging.stg_orders": (
        "WHERE\n  @known_by(created_at, @as_of())",
        "WHERE\n  @known_by(created_at, @as_of()) AND REGEXP_FULL_MATCH(status, 'C.*')",
        "Function not found: REGEXP_FULL_MATCH",
    ),
    "staging.stg_order_items": (
        "sale_price::FLOAT64 AS sale_price",
        "sale_prize::FLOAT64 AS sale_price",
        "Unrecognized name: sale_prize",
    ),
    "intermediate.user_features": (
        "clustered_by (cutoff_date, user_id)",
        "clustered_by (cutoff_date, spend_so_far)",
        "CLUSTER BY spend_so_far is FLOAT64, which BigQuery cannot cluster on",
    ),
    "intermediate.event_product_views": (
        "clustered_by (product_id, user_id)",
        "clustered_by (product_id, user_id, session_id, view_count, first_viewed_at)",
        "CLUSTER BY has 5 columns; BigQuery allows 4",
    ),
    "intermediate.order_items_enriched": (
        "partitioned_by TIMESTAMP_TRUNC(ordered_at, MONTH)",
        "partitioned_by TIMESTAMP_TRUNC(ordered_at, WEEK)",
        "PARTITION BY TIMESTAMP_TRUNC(`ordered_at`, WEEK): BigQuery partitions by",
    ),
    "intermediate.user_orders": (
        "  orders.user_id AS user_id, /* The user. */",
        "  IEEE_DIVIDE(orders.cancelled_orders, orders.total_orders) AS cancel_share,\n"
        "  orders.user_id AS user_id, /* The user. */",
        "column cancel_share is FLOAT64 in BigQuery, declared UNKNOWN",
    ),
    # Python marts' input queries.
    "marts.product_performance": (
        "SUM(view_count) AS total_views",
        "SUM(view_cuont) AS total_views",
        "Unrecognized name: view_cuont",
    ),
    "marts.segment_summary": (
        "AVG(IF(segments.frequency > 0, segments.frequency, NULL))",
        "AVG(IF(segments.frequency > '0', segments.frequency, NULL))",
        "No matching signature for operator > for argument types: INT64, STRING",
    ),
}


def fqn_of(name: str) -> str:
    schema, table = name.split(".")
    return f'"{OFFLINE_PROJECT}"."{schema}"."{table}"'


def model_file(project: Path, name: str) -> Path:
    schema, table = name.split(".")
    (path,) = (project / "models" / schema).glob(f"{table}.*")
    return path


@pytest.fixture(scope="module")
def project_report() -> Report:
    return check_project(PROJECT, CACHE)


# A model no list names, over a model left intact: the check finds every model file.
NEW_MODEL = (
    "MODEL (name marts.country_counts, kind FULL, audits (not_null(columns := (country))));\n"
    "SELECT country AS country, COUNT(*) AS users FROM staging.stg_users "
    "WHERE user_id = 'x' GROUP BY country\n"
)


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("broken"))
    for name, (old, new, _) in BREAKAGES.items():
        edit(model_file(project, name), old, new)
    (project / "models" / "marts" / "country_counts.sql").write_text(NEW_MODEL)
    return project


@pytest.fixture(scope="module")
def broken_report(broken_project: Path) -> Report:
    return check_project(broken_project, CACHE)


def test_the_project_passes(project_report):
    assert project_report.failures == []


def test_every_kind_of_statement_of_every_model_is_checked(project_report):
    # Statement counts grow with the project; each model contributes its query or input
    # queries, its CREATE and each audit.
    assert project_report.checked >= 3 * len(MODELS)


def test_each_breakage_fails_with_its_model_named(broken_project, broken_report):
    # A model whose query does not resolve has no known columns, so the models reading it fail
    # too; nothing else is blamed.
    dag = offline_context(broken_project).dag
    to_blame = {*BREAKAGES, "marts.country_counts"}
    for name in BREAKAGES:
        to_blame |= {
            ".".join(fqn.replace('"', "").split(".")[1:]) for fqn in dag.downstream(fqn_of(name))
        }
    messages = {name: [] for name in BREAKAGES}
    for failure in broken_report.failures:
        assert failure.model in to_blame, failure
        messages.setdefault(failure.model, []).append(str(failure))
    for name, (_, _, expected) in BREAKAGES.items():
        assert any(expected in message for message in messages[name]), (name, messages[name])


def test_a_failure_names_the_statement_kind(broken_report):
    kinds = {failure.model: failure.kind for failure in broken_report.failures}
    assert kinds["intermediate.event_product_views"] == "create"
    assert kinds["marts.segment_summary"] == "input query"


def test_new_models_are_covered_without_being_listed(broken_report):
    (failure,) = [f for f in broken_report.failures if f.model == "marts.country_counts"]
    assert failure.kind == "query"
    assert "No matching signature for operator = for argument types: INT64, STRING" in str(failure)


def test_the_command_prints_each_failure_and_exits_1(tmp_path):
    # The command's own output and exit code, on the staging models alone with one of them
    # broken: what the check finds across the whole project, the tests above check in-process.
    project = copy_project(tmp_path / "staging-only")
    for layer in ("intermediate", "marts"):
        shutil.rmtree(project / "models" / layer)
    shutil.rmtree(project / "tests" / "models")
    old, new, expected = BREAKAGES["staging.stg_products"]
    edit(model_file(project, "staging.stg_products"), old, new)
    # The analyzer's compiled code, so that the command does not compile it again.
    (project / ".cache").mkdir(exist_ok=True)
    (project / ".cache" / "zetasql").symlink_to(CACHE, target_is_directory=True)
    result = subprocess.run(
        [sys.executable, "-m", "thelook.cli", "bigquery-check", "--paths", str(project)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stderr
    assert f"FAIL staging.stg_products (query): {expected}" in result.stdout
    printed = [line for line in result.stdout.splitlines() if line.startswith("FAIL ")]
    assert result.stdout.strip().endswith(f"{len(printed)} failed")


def test_every_model_of_the_project_is_checked():
    context = offline_context(PROJECT)
    assert {model.name for model in project_models(context)} == MODELS
