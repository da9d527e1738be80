"""@as_of(offset_days): the date models measure time to, in SQL (see thelook.glue.as_of)."""

from datetime import date, timedelta

from sqlglot import exp
from sqlmesh import macro
from sqlmesh.core.macros import MacroEvaluator

from thelook.glue.as_of import resolve_as_of

# While SQLMesh loads the project it renders queries for their shape only, with no run and
# an execution time of 1970; a pin is checked against today as the project loads
# (macros/environment.py).
LOADING_RUN_DAY = "9999-12-31"


@macro()
def as_of(evaluator: MacroEvaluator, offset_days: exp.Expr | None = None) -> exp.Expr:
    """as_of plus `offset_days` (negative for earlier) as a DATE literal, computed here rather
    than with date arithmetic in SQL, which DuckDB and BigQuery type differently. A FULL model
    sees only the execution time, so as_of is derived from it, as for Python models."""
    if evaluator.runtime_stage == "loading":
        run_day = date.fromisoformat(LOADING_RUN_DAY)
    else:
        run_day = evaluator.locals["execution_date"]
    day = resolve_as_of(evaluator.var("as_of"), run_day)
    shifted = day + timedelta(days=int(offset_days.sql()) if offset_days else 0)
    return exp.cast(exp.Literal.string(shifted.isoformat()), exp.DataType.Type.DATE)
