"""@as_of(offset_days): the date models measure time to, in SQL (see thelook.glue.as_of)."""

from datetime import timedelta

from sqlglot import exp
from sqlmesh import macro
from sqlmesh.core.macros import MacroEvaluator

from thelook.glue.as_of import resolve_as_of


@macro()
def as_of(evaluator: MacroEvaluator, offset_days: exp.Expr | None = None) -> exp.Expr:
    """as_of plus `offset_days` (negative for earlier) as a DATE literal, computed here rather
    than with date arithmetic in SQL, which DuckDB and BigQuery type differently. A FULL model
    sees only the execution time, so as_of is derived from it, as for Python models."""
    day = resolve_as_of(evaluator.var("as_of"), evaluator.locals["execution_date"])
    shifted = day + timedelta(days=int(offset_days.sql()) if offset_days else 0)
    return exp.cast(exp.Literal.string(shifted.isoformat()), exp.DataType.Type.DATE)
