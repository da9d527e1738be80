"""The floor the full build is measured against: every model of the project computed by plain
DuckDB and pandas, without SQLMesh's plan, state, snapshots, audits, unit tests or virtual layer.

The SQL models run as their own SQL, rendered for DuckDB once beforehand (`render`, which loads
the project with SQLMesh and is not timed); the Python marts run their own functions, the same
scikit-learn calls on the same rows, through a context of four methods that hands their queries
straight to DuckDB. So the two builds compute the same tables, and what the plan takes beyond
this is SQLMesh's cost, not the models' work.

Usage (from the project root):
  python benchmarks/without_sqlmesh.py render AS_OF RENDERED.json
  python benchmarks/without_sqlmesh.py build RENDERED.json SOURCE AS_OF OUT.duckdb
"""

import importlib.util
import json
import os
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from sqlglot import exp

PROJECT = Path(__file__).resolve().parents[1]
CATALOG = "warehouse"  # the local gateway's catalog, which rendered names carry


def render(as_of: date, out: Path) -> None:
    """Each model in dependency order: a view's or table's DuckDB SQL, or a mart's file."""
    os.environ["SQLMESH__DISABLE_ANONYMIZED_ANALYTICS"] = "1"
    from sqlmesh import Context
    from sqlmesh.core.macros import RuntimeStage

    context = Context(paths=str(PROJECT), gateway="local")
    execution_time = as_of + timedelta(days=1)
    steps = []
    for name in context.dag.sorted:
        model = context.get_model(name)
        if model.kind.is_external:
            continue
        table = exp.to_table(name).sql(dialect="duckdb")
        # An incremental model's first build covers every interval since its start, as the
        # plan's backfill does; any other model is rendered for as_of's day.
        start = model.start if model.kind.is_incremental_by_time_range else as_of.isoformat()
        if model.is_sql:
            query = model.render_query_or_raise(
                start=start,
                end=as_of,
                execution_time=execution_time,
                runtime_stage=RuntimeStage.EVALUATING,
            )
            kind = "VIEW" if model.kind.is_view else "TABLE"
            steps.append({"table": table, "sql": f"CREATE {kind} {table} AS {query.sql('duckdb')}"})
        else:
            steps.append({"table": table, "python": str(model._path), "start": start})
    variables = {name: value for name, value in context.config.variables.items()}
    out.write_text(json.dumps({"variables": variables, "steps": steps}, indent=1, default=str))


class PlainContext:
    """What a mart's function asks of its context, answered by one DuckDB connection."""

    default_dialect = "duckdb"

    def __init__(self, con: duckdb.DuckDBPyConnection, variables: dict[str, Any]) -> None:
        self.con = con
        self.variables = variables  # config.yaml's, as the project loaded them

    def var(self, name: str) -> Any:
        return self.variables.get(name)

    def resolve_table(self, name: str) -> str:
        return name

    def fetchdf(self, query: exp.Expression) -> pd.DataFrame:
        return self.con.sql(query.sql(dialect="duckdb")).df()


def run_mart(
    context: PlainContext, table: str, path: str, start: datetime, run_time: datetime
) -> None:
    """Import the mart's file and write what its function returns or yields to `table`, for
    the days from `start` to the run's."""
    from sqlmesh.core.model.decorator import model

    model._dialect = "bigquery"  # the project's dialect: its files declare BigQuery types
    spec = importlib.util.spec_from_file_location(Path(path).stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    end = run_time - timedelta(microseconds=1)  # the last instant of as_of, as SQLMesh gives
    result = module.execute(context, start=start, end=end, execution_time=run_time)
    con = context.con
    frames = [result] if isinstance(result, pd.DataFrame) else result
    write = f"CREATE TABLE {table} AS SELECT * FROM frame"
    for frame in frames:
        con.register("frame", frame)
        con.execute(write)
        con.unregister("frame")
        write = f"INSERT INTO {table} SELECT * FROM frame"


def build(rendered: Path, source: Path, as_of: date, out: Path) -> None:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute(f"SET memory_limit = '{os.environ.get('THELOOK_DUCKDB_MEMORY', '8GB')}'")
    con.execute(f"ATTACH '{source}' AS \"bigquery-public-data\" (READ_ONLY)")
    con.execute(f"ATTACH '{out}' AS {CATALOG}")
    con.execute(f"USE {CATALOG}")
    for schema in ("staging", "intermediate", "marts"):
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    run_time = datetime.combine(as_of + timedelta(days=1), datetime.min.time())
    plan = json.loads(rendered.read_text())
    context = PlainContext(con, plan["variables"])
    for step in plan["steps"]:
        started = time.perf_counter()
        if "sql" in step:
            con.execute(step["sql"])
        else:
            start = datetime.fromisoformat(step["start"])
            run_mart(context, step["table"], step["python"], start, run_time)
        # As SQLMesh prints a built model, so that measure.model_seconds reads both.
        name = step["table"].replace('"', "").removeprefix(f"{CATALOG}.")
        print(f"[1/1] {name} [built] {time.perf_counter() - started:.2f}s", flush=True)


def main() -> None:
    sys.path.insert(0, str(PROJECT))
    command, *args = sys.argv[1:]
    if command == "render":
        render(date.fromisoformat(args[0]), Path(args[1]))
    else:
        rendered, source, as_of, out = args
        build(Path(rendered), Path(source), date.fromisoformat(as_of), Path(out))


if __name__ == "__main__":
    main()
