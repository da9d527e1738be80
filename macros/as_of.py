"""@as_of(offset_days): the date models measure time to, in SQL (see thelook.glue.as_of)."""

from datetime import date, timedelta

from sqlglot import exp
from sqlmesh import macro
from sqlmesh.core.macros import MacroEvaluator

from thelook.business.segment_grid import ENGAGEMENT_WINDOW_DAYS
from thelook.glue.as_of import (
    HORIZON_DAYS,
    VALUE_HORIZON_DAYS,
    cutoffs,
    feature_cutoffs,
    resolve_as_of,
)
from thelook.glue.freshness import source_lag_days

# While SQLMesh loads the project it renders queries for their shape only, with no run and
# an execution time of 1970; a pin is checked against today as the project loads
# (macros/environment.py).
LOADING_RUN_DAY = "9999-12-31"


def _as_of(evaluator: MacroEvaluator) -> date:
    if evaluator.runtime_stage == "loading":
        run_day = date.fromisoformat(LOADING_RUN_DAY)
    else:
        run_day = evaluator.locals["execution_date"]
    return resolve_as_of(evaluator.var("as_of"), run_day)


def _date(day: date) -> exp.Expr:
    return exp.cast(exp.Literal.string(day.isoformat()), exp.DataType.Type.DATE)


@macro()
def as_of(evaluator: MacroEvaluator, offset_days: exp.Expr | None = None) -> exp.Expr:
    """as_of plus `offset_days` (negative for earlier) as a DATE literal, computed here rather
    than with date arithmetic in SQL, which DuckDB and BigQuery type differently. A FULL model
    sees only the execution time, so as_of is derived from it, as for Python models."""
    offset = timedelta(days=int(offset_days.sql()) if offset_days else 0)
    return _date(_as_of(evaluator) + offset)


@macro()
def cutoff_dates(evaluator: MacroEvaluator) -> exp.Expr:
    """The cutoffs of the point-in-time models, as an array of DATE literals."""
    return exp.Array(expressions=[_date(day) for day in cutoffs(_as_of(evaluator))])


@macro()
def feature_cutoff_dates(evaluator: MacroEvaluator) -> exp.Expr:
    """The cutoffs of intermediate.user_features: the propensity model's and the value model's."""
    return exp.Array(expressions=[_date(day) for day in feature_cutoffs(_as_of(evaluator))])


@macro()
def value_horizon_days(evaluator: MacroEvaluator) -> exp.Expr:
    """How many days past a cutoff the value model's outcomes are read."""
    return exp.Literal.number(VALUE_HORIZON_DAYS)


@macro()
def last_value_labelled_cutoff(evaluator: MacroEvaluator) -> exp.Expr:
    """The latest cutoff whose VALUE_HORIZON_DAYS of outcomes have all happened by as_of."""
    return _date(_as_of(evaluator) - timedelta(days=VALUE_HORIZON_DAYS))


@macro()
def last_labelled_cutoff(evaluator: MacroEvaluator) -> exp.Expr:
    """The latest cutoff whose HORIZON_DAYS of outcomes have all happened by as_of."""
    return _date(_as_of(evaluator) - timedelta(days=HORIZON_DAYS))


@macro()
def horizon_days(evaluator: MacroEvaluator) -> exp.Expr:
    """How many days past a cutoff its outcomes are read."""
    return exp.Literal.number(HORIZON_DAYS)


@macro()
def engagement_window_start(evaluator: MacroEvaluator) -> exp.Expr:
    """The first day of the engagement window that segments count sessions over."""
    return _date(_as_of(evaluator) - timedelta(days=ENGAGEMENT_WINDOW_DAYS))


@macro()
def source_fresh_since(evaluator: MacroEvaluator) -> exp.Expr:
    """The earliest day the source's last order and event may fall on: as_of less the allowed
    lag (thelook.glue.freshness)."""
    return _date(_as_of(evaluator) - timedelta(days=source_lag_days(evaluator)))
