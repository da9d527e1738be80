"""`thelook bigquery-check`: every statement the project sends to BigQuery, analysed by ZetaSQL
against a catalogue built from the project itself, before anything reaches Google.

The catalogue holds the source tables with the types external_models.yaml declares and every
model with the columns SQLMesh declares for it (the columns it creates the table with). A
statement fails when the analyzer rejects it, when its CREATE breaks a partitioning or
clustering limit, or when a SQL model's query yields other columns or types than declared.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlglot import exp
from sqlmesh import Context

from thelook.bigquery.analyzer import (
    AnalysisError,
    BigQueryAnalyzer,
    Tables,
    bigquery_type,
    has_bigquery_type,
)
from thelook.bigquery.ddl_limits import ddl_problems
from thelook.bigquery.offline import offline_context
from thelook.bigquery.statements import Statement, create_statement, project_models, statements


@dataclass(frozen=True)
class Failure:
    model: str
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.model} ({self.kind}): {self.message}"


@dataclass(frozen=True)
class Report:
    checked: int  # statements analysed
    failures: list[Failure]


def check_project(project: Path, cache: Path) -> Report:
    """Analyse every statement of the project at `project`; `cache` keeps the compiled analyzer."""
    return check_context(offline_context(project), cache)


def check_context(context: Context, cache: Path) -> Report:
    analyzer = BigQueryAnalyzer(catalogue(context), cache)
    failures: list[Failure] = []
    checked = 0
    for statement in statements(context):
        checked += 1
        failures.extend(_statement_failures(context, analyzer, statement))
    for model in project_models(context):
        problems = ddl_problems(create_statement(context, model), model.columns_to_types)
        failures.extend(Failure(model.name, "create", problem) for problem in problems)
        failures.extend(
            Failure(model.name, "columns", f"column {name} has no BigQuery type; cast it")
            for name, data_type in model.columns_to_types.items()
            if not has_bigquery_type(data_type)
        )
    return Report(checked, _once_each(failures))


def _once_each(failures: list[Failure]) -> list[Failure]:
    """A SQL model's CREATE embeds its query: an error is reported once, at the query."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for failure in failures:
        if (failure.model, failure.message) not in seen:
            seen.add((failure.model, failure.message))
            unique.append(failure)
    return unique


def catalogue(context: Context) -> Tables:
    """Each source and model table by its BigQuery path, with its declared column types."""
    tables = {}
    for model in context.models.values():
        table = exp.to_table(model.fqn)
        tables[(table.catalog, table.db, table.name)] = model.columns_to_types
    return tables


def _statement_failures(
    context: Context, analyzer: BigQueryAnalyzer, statement: Statement
) -> Iterator[Failure]:
    try:
        output = analyzer.analyze(statement.sql)
    except AnalysisError as error:
        yield Failure(statement.model, statement.kind, str(error))
        return
    if statement.kind == "query":
        declared = {
            name: bigquery_type(data_type)
            for name, data_type in context.get_model(statement.model).columns_to_types.items()
        }
        inferred = {column.name: column.type for column in output}
        for name in sorted(declared.keys() | inferred.keys()):
            if declared.get(name) != inferred.get(name):
                yield Failure(
                    statement.model,
                    "query",
                    f"column {name} is {inferred.get(name, 'missing')} in BigQuery, "
                    f"declared {declared.get(name, 'nowhere')}",
                )
