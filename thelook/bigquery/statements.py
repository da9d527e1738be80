"""Every statement the project sends to BigQuery, model by model, as SQLMesh renders it.

Found from the loaded project, so a new model is covered without being listed: each SQL model's
query, each Python mart's input queries, each audit as SQLMesh runs it, and each model's CREATE
statement with its PARTITION BY, CLUSTER BY and OPTIONS.
"""

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlglot import exp
from sqlmesh import Context
from sqlmesh.core.model import Model

from thelook.glue.fetch import fetch


@dataclass(frozen=True)
class Statement:
    model: str  # schema.name
    kind: str  # query, input query, audit <name>, create
    sql: str  # BigQuery SQL


class RecordingContext:
    """Stands in for SQLMesh's execution context of a Python mart on BigQuery: model names
    resolve to the tables of the same name, and queries are recorded instead of run."""

    default_dialect = "bigquery"

    def __init__(self, context: Context) -> None:
        self._context = context
        self.queries: list[exp.Expression] = []
        self.resolved: set[str] = set()

    def resolve_table(self, name: str) -> str:
        self.resolved.add(name)
        return exp.to_table(self._context.get_model(name).fqn).sql(dialect="bigquery")

    def fetchdf(self, query: exp.Expression) -> pd.DataFrame:
        self.queries.append(query)
        return pd.DataFrame()


def project_models(context: Context) -> list[Model]:
    """The project's own models (not the external sources), in dependency order."""
    return [
        context.get_model(fqn)
        for fqn in context.dag
        if fqn in context.models and not context.get_model(fqn).kind.is_external
    ]


def input_queries(model: Model) -> list[str]:
    """The SQL texts a Python mart passes to `fetch`: the constants of its serialized code that
    are queries, alone or in a dict, list or tuple."""
    queries = []
    for value in model.python_env.values():
        if not value.is_value:
            continue
        try:
            constant = ast.literal_eval(value.payload)
        except (ValueError, SyntaxError):  # not a literal: a class, a call
            continue
        queries.extend(text for text in _texts(constant) if _is_query(text))
    return queries


def _texts(constant: Any) -> Iterator[str]:
    if isinstance(constant, str):
        yield constant
    elif isinstance(constant, dict):
        for item in constant.values():
            yield from _texts(item)
    elif isinstance(constant, list | tuple):
        for item in constant:
            yield from _texts(item)


def _is_query(text: str) -> bool:
    return text.lstrip().upper().startswith(("SELECT", "WITH"))


def statements(context: Context) -> Iterator[Statement]:
    """Every statement of every model, as sent to BigQuery."""
    for model in project_models(context):
        if model.is_sql:
            yield Statement(model.name, "query", model.render_query_or_raise().sql("bigquery"))
        else:
            recorder = RecordingContext(context)
            for sql in input_queries(model):
                fetch(recorder, sql)
            for query in recorder.queries:
                yield Statement(model.name, "input query", query.sql(dialect="bigquery"))
        yield Statement(model.name, "create", create_statement(context, model).sql("bigquery"))
        for audit, arguments in model.audits_with_args:
            query = model.render_audit_query(audit, **arguments)
            yield Statement(model.name, f"audit {audit.name}", query.sql(dialect="bigquery"))


def create_statement(context: Context, model: Model) -> exp.Create:
    """The CREATE statement SQLMesh's BigQuery adapter sends for the model: a view for a view
    model, else CREATE TABLE ... AS SELECT with its partitioning, clustering and options."""
    adapter: Any = context.engine_adapter
    query = model.render_query_or_raise() if model.is_sql else model.ctas_query()
    if model.kind.is_view:
        return exp.Create(this=exp.to_table(model.fqn), kind="VIEW", expression=query, replace=True)
    return adapter._build_create_table_exp(
        model.fqn,
        expression=query,
        target_columns_to_types=model.columns_to_types,
        partitioned_by=model.partitioned_by,
        clustered_by=model.clustered_by,
        table_properties=model.physical_properties,
        table_description=model.description,
    )
