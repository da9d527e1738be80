"""Run a mart's input query in the engine, whichever gateway the plan runs on."""

from typing import Any

import pandas as pd
from sqlglot import exp, parse_one
from sqlmesh.core.dialect import MacroVar


def fetch(context: Any, sql: str, **parameters: Any) -> pd.DataFrame:
    """Fetch the result of `sql`, written in BigQuery SQL against model names, with each
    query parameter `@name` bound to `parameters[name]` (a date, number or string).

    Each model name is swapped for the table the running plan resolves it to (a snapshot's
    physical table, or a unit test's fixture), and the query travels as an expression so that
    SQLMesh transpiles it to the engine's dialect. The engine does the joins and aggregations;
    only the result comes back.
    """
    query = parse_one(sql, dialect="bigquery")
    dialect = context.default_dialect  # the dialect resolve_table quotes names in
    for table in list(query.find_all(exp.Table)):
        if not table.db:  # a CTE, not a model
            continue
        resolved = exp.to_table(context.resolve_table(exp.table_name(table)), dialect=dialect)
        resolved.set("alias", table.args.get("alias"))
        table.replace(resolved)
    # SQLMesh reads @name as its own macro variable; plain sqlglot as a query parameter.
    for parameter in list(query.find_all(exp.Parameter, MacroVar)):
        name = parameter.name
        if name in parameters:
            parameter.replace(exp.convert(parameters[name]))
    return context.fetchdf(query)
