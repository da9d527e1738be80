"""Every model renders as BigQuery SQL that parses back, with no credentials and no network."""

from pathlib import Path

import pytest
import sqlglot
from sqlglot import exp
from sqlmesh import Context

from tests.project.conftest import MODELS
from thelook.bigquery.offline import OFFLINE_PROJECT, offline_context
from thelook.bigquery.statements import RecordingContext, create_statement, input_queries
from thelook.glue.fetch import fetch

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bigquery_context() -> Context:
    return offline_context(PROJECT)


def models(context: Context, python: bool):
    return [
        model
        for model in context.models.values()
        if not model.kind.is_external and model.is_sql != python
    ]


def test_the_bigquery_gateway_is_selected(bigquery_context):
    assert bigquery_context.selected_gateway == "bigquery"
    assert bigquery_context.engine_adapter.dialect == "bigquery"
    assert bigquery_context.default_catalog == OFFLINE_PROJECT


def test_location_and_billing_cap_come_from_the_environment(bigquery_context):
    connection = bigquery_context.config.get_connection("bigquery")
    assert (connection.location, connection.maximum_bytes_billed) == ("EU", 1_000_000_000)


# Tables that BigQuery should cluster (and, where a time column pays, partition). Staging models
# are views over the source, which BigQuery neither partitions nor clusters.
CLUSTERED = {
    "intermediate.order_items_enriched": True,
    "intermediate.event_product_views": True,
    "intermediate.user_events": False,
    "intermediate.user_orders": False,
    "marts.customer_metrics": False,
    "marts.product_performance": False,
    "marts.cross_sell_candidates": False,
}


def test_the_bigquery_ddl_clusters_and_partitions_the_large_tables(bigquery_context):
    for name, partitioned in CLUSTERED.items():
        model = bigquery_context.get_model(name)
        ddl = create_statement(bigquery_context, model).sql(dialect="bigquery")
        assert_round_trips(ddl, name)
        clustering = ", ".join(f"`{column.name}`" for column in model.clustered_by)
        assert f"CLUSTER BY {clustering}" in ddl, name
        assert ("PARTITION BY TIMESTAMP_TRUNC(" in ddl) == partitioned, name
        assert "OPTIONS (description=" in ddl, name


def assert_round_trips(sql: str, name: str) -> None:
    reparsed = sqlglot.parse_one(sql, dialect="bigquery")
    assert reparsed.sql(dialect="bigquery") == sql, name


def test_every_sql_model_renders_as_bigquery_sql_that_parses_back(bigquery_context):
    sql_models = models(bigquery_context, python=False)
    assert {m.name for m in sql_models} == {n for n in MODELS if not n.startswith("marts.")}
    for model in sql_models:
        # The model's own rendering: the context's would read the state database as well.
        sql = model.render_query_or_raise().sql(dialect="bigquery")
        assert_round_trips(sql, model.name)
        tables = sqlglot.parse_one(sql, dialect="bigquery").find_all(exp.Table)
        for table in (t for t in tables if t.db):  # CTEs have no dataset
            assert table.catalog in (OFFLINE_PROJECT, "bigquery-public-data"), (model.name, table)


def test_every_python_mart_declares_its_bigquery_table_and_input_queries(bigquery_context):
    marts = models(bigquery_context, python=True)
    assert {m.name for m in marts} == {name for name in MODELS if name.startswith("marts.")}
    for model in marts:
        assert_round_trips(model.ctas_query().sql(dialect="bigquery"), model.name)
        queries = input_queries(model)
        assert queries, model.name
        context = RecordingContext(bigquery_context)
        for sql in queries:
            fetch(context, sql)
        for query in context.queries:
            sql = query.sql(dialect="bigquery")
            assert_round_trips(sql, model.name)
            for table in (t for t in query.find_all(exp.Table) if t.db):  # CTEs have no dataset
                assert table.catalog == OFFLINE_PROJECT, (model.name, table)
        # The mart declares exactly the models its input queries and its audits read.
        declared = {".".join(name.replace('"', "").split(".")[1:]) for name in model.depends_on}
        audited = {
            exp.table_name(value)
            for _, arguments in model.audits
            for value in arguments.values()
            if isinstance(value, exp.Table)
        }
        assert context.resolved | audited | read_by_custom_audits(model) == declared, model.name


def read_by_custom_audits(model) -> set[str]:
    """The models a custom audit of `model` names in its own SQL, as schema.name."""
    names = set()
    for name, _ in model.audits:
        path = PROJECT / "audits" / f"{name}.sql"
        if path.exists():
            for statement in sqlglot.parse(path.read_text(), dialect="bigquery"):
                names |= {
                    f"{table.db}.{table.name}"
                    for table in statement.find_all(exp.Table)
                    if table.db and not table.name.startswith("@")
                }
    return names


def test_every_model_and_column_is_described(bigquery_context):
    """Descriptions become BigQuery table and column docs; an empty one is easy to miss."""
    for model in models(bigquery_context, python=False) + models(bigquery_context, python=True):
        assert model.description, model.name
        assert set(model.column_descriptions) == set(model.columns_to_types), model.name
        assert all(model.column_descriptions.values()), model.name


# Audit arguments that are values, not columns: the gate's verdict (thelook/glue/gates.py).
VALUES = {"verdict"}


def test_every_python_mart_audit_checks_real_columns(bigquery_context):
    """A Python model's audit argument given as a string would be a literal, and the audit would
    pass without checking anything: every argument must name columns of the mart."""
    for model in models(bigquery_context, python=True):
        columns = set(model.columns_to_types)
        names = {name for name, _ in model.audits}
        assert "not_null" in names, model.name  # every mart audits its grain
        assert names & {"unique_values", "unique_combination_of_columns"}, model.name
        for name, arguments in model.audits:
            checked = {
                column.name
                for key, value in arguments.items()
                if key != "parent_column"  # a column of the parent model
                for column in value.find_all(exp.Column)
            }
            custom = (PROJECT / "audits" / f"{name}.sql").exists()
            if not custom or {"column", "columns"} & set(arguments):
                assert checked, (model.name, name)  # custom audits may name their own columns
            assert checked <= columns, (model.name, name, checked - columns)
            literals = [
                value
                for key, value in arguments.items()
                if isinstance(value, exp.Literal) and value.is_string and key not in VALUES
            ]
            assert not literals, (model.name, name)
