"""Every model renders as BigQuery SQL that parses back, with no credentials and no network."""

from pathlib import Path

import pytest
import sqlglot
from sqlmesh import Context

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bigquery_context(tmp_path_factory: pytest.TempPathFactory) -> Context:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("BIGQUERY_PROJECT", "thelook-render-check")
        env.setenv("BIGQUERY_AUTH_METHOD", "oauth-secrets")
        env.setenv("BIGQUERY_TOKEN", "not-a-real-token")
        # google-cloud-bigquery sends any request here: a closed local port, so nothing leaves.
        env.setenv("BIGQUERY_EMULATOR_HOST", "http://127.0.0.1:1")
        env.setenv("THELOOK_WAREHOUSE", str(tmp_path_factory.mktemp("wh") / "unused.duckdb"))
        yield Context(paths=PROJECT, gateway="bigquery")


def test_the_bigquery_gateway_is_selected(bigquery_context):
    assert bigquery_context.selected_gateway == "bigquery"
    assert bigquery_context.engine_adapter.dialect == "bigquery"


def test_every_model_renders_as_bigquery_sql_that_parses_back(bigquery_context):
    models = [m for m in bigquery_context.models.values() if not m.kind.is_external]
    assert len(models) >= 5
    for model in models:
        # The model's own rendering: the context's would read the state database as well.
        query = model.render_query_or_raise() if model.is_sql else model.ctas_query()
        sql = query.sql(dialect="bigquery")
        reparsed = sqlglot.parse_one(sql, dialect="bigquery")
        assert reparsed.sql(dialect="bigquery") == sql, model.name
        assert "`bigquery-public-data`.`thelook_ecommerce`" in sql or "thelook-render-check" in sql
