"""as_of in SQL: the one-row model intermediate.as_of computes the day and the days derived from
it (thelook.glue.as_of); every other model reads them from that table.

A day a model derived privately from its own run would let two models of one environment measure
to two days: a dev plan made later than prod's last build would cut its changed models at its
own day while reusing prod's tables of an earlier one. Read from a table, the day is data that
SQLMesh versions like any other: an environment that reuses prod's intermediate.as_of measures
every model it builds to prod's day, and one that pins THELOOK_AS_OF builds its own as_of and
rebuilds everything that reads it.
"""

from datetime import date, timedelta

from sqlglot import exp
from sqlmesh import macro
from sqlmesh.core import constants as c
from sqlmesh.core.macros import MacroEvaluator

from thelook.business.segment_grid import ENGAGEMENT_WINDOW_DAYS, MIGRATION_DAYS
from thelook.glue.as_of import (
    AS_OF_MODEL,
    HORIZON_DAYS,
    VALUE_HORIZON_DAYS,
    cutoffs,
    feature_cutoffs,
    resolve_as_of,
)
from thelook.glue.freshness import source_lag_days

# While SQLMesh loads the project it renders queries for their shape only, with no run; a pin is
# checked against today as the project loads (macros/environment.py).
LOADING_RUN_DAY = "9999-12-31"


def _read(column: str) -> exp.Expr:
    """A scalar subquery reading one column of intermediate.as_of's one row. The table is
    aliased: its name is also a column's, which BigQuery's analyzer could otherwise read as the
    whole row."""
    return exp.select(exp.column(column, table="days")).from_(_as_of_table()).subquery()


def _as_of_table() -> exp.Table:
    return exp.to_table(AS_OF_MODEL).as_("days")


@macro()
def as_of(evaluator: MacroEvaluator) -> exp.Expr:
    """The day the build measures to, read from intermediate.as_of."""
    return _read("as_of")


@macro()
def last_labelled_cutoff(evaluator: MacroEvaluator) -> exp.Expr:
    """The latest cutoff whose HORIZON_DAYS of outcomes have all happened by as_of."""
    return _read("last_labelled_cutoff")


@macro()
def last_value_labelled_cutoff(evaluator: MacroEvaluator) -> exp.Expr:
    """The latest cutoff whose VALUE_HORIZON_DAYS of outcomes have all happened by as_of."""
    return _read("last_value_labelled_cutoff")


@macro()
def engagement_window_start(evaluator: MacroEvaluator) -> exp.Expr:
    """The first day of the engagement window that segments count sessions over."""
    return _read("engagement_window_start")


@macro()
def month_before(evaluator: MacroEvaluator) -> exp.Expr:
    """The day segment migration compares as_of with: as_of - MIGRATION_DAYS."""
    return _read("month_before")


@macro()
def engagement_window_days(evaluator: MacroEvaluator) -> exp.Expr:
    """How many days before a day its engagement window opens (ENGAGEMENT_WINDOW_DAYS)."""
    return exp.Literal.number(ENGAGEMENT_WINDOW_DAYS)


@macro()
def horizon_days(evaluator: MacroEvaluator) -> exp.Expr:
    """How many days past a cutoff its outcomes are read."""
    return exp.Literal.number(HORIZON_DAYS)


@macro()
def value_horizon_days(evaluator: MacroEvaluator) -> exp.Expr:
    """How many days past a cutoff the value model's outcomes are read."""
    return exp.Literal.number(VALUE_HORIZON_DAYS)


# The days of this run, as literals: only intermediate.as_of calls these.


def _run_as_of(evaluator: MacroEvaluator) -> date:
    """The pinned day, else the day before the run's execution time: the last daily interval the
    run processes, so a run on the 25th measures to the close of the 24th. (A FULL model is given
    only its execution time; this model is the one place a day is derived from it.)"""
    if evaluator.runtime_stage == "loading":
        run_day = date.fromisoformat(LOADING_RUN_DAY)
    else:
        run_day = evaluator.locals["execution_date"]
    return resolve_as_of(evaluator.var("as_of"), run_day)


def _date(day: date) -> exp.Expr:
    return exp.cast(exp.Literal.string(day.isoformat()), exp.DataType.Type.DATE)


def _dates(days: tuple[date, ...]) -> exp.Expr:
    return exp.Array(expressions=[_date(day) for day in days])


@macro()
def run_as_of(evaluator: MacroEvaluator) -> exp.Expr:
    """This run's as_of as a DATE literal, computed here rather than with date arithmetic in SQL,
    which DuckDB and BigQuery type differently (so are the days below)."""
    return _date(_run_as_of(evaluator))


@macro()
def stop_a_later_environment(evaluator: MacroEvaluator) -> exp.Expr:
    """Run before every plan and run (config.yaml's before_all): stop, in one line that says what
    to run, a plan or run of an environment other than prod that reaches past the day prod
    measures to. Unpinned, an environment reuses prod's intermediate.as_of; SQLMesh would move it
    to the later day, with the models upstream of a change, while the marts the environment and
    prod reuse stay at prod's day. (A plan without --execution-time ends where prod's intervals
    do, and never gets here.)"""
    environment = evaluator.locals.get("this_env")
    nothing_to_check = exp.select(exp.Literal.number(1))
    pinned = evaluator.var("as_of")
    if pinned or environment in (None, c.PROD) or "end_date" not in evaluator.locals:
        return nothing_to_check
    adapter = evaluator.engine_adapter
    if not adapter.table_exists(exp.to_table(AS_OF_MODEL)):  # no prod yet
        return nothing_to_check
    (prods_day,) = adapter.fetchone(exp.select("days.as_of").from_(_as_of_table()))
    plan_day = evaluator.locals["end_date"]
    if plan_day <= prods_day:
        return nothing_to_check
    message = (
        f"`{environment}` would measure to {plan_day}, past prod's {prods_day}: bring prod to "
        f"that day first (sqlmesh run prod, with the same --execution-time), or pin "
        f"THELOOK_AS_OF={prods_day}, then plan `{environment}` again"
    )
    return exp.select(exp.func("ERROR", exp.Literal.string(message), dialect="bigquery"))


@macro()
def run_cutoff_dates(evaluator: MacroEvaluator) -> exp.Expr:
    """The cutoffs of the point-in-time models, earliest first."""
    return _dates(cutoffs(_run_as_of(evaluator)))


@macro()
def run_feature_cutoff_dates(evaluator: MacroEvaluator) -> exp.Expr:
    """The cutoffs of intermediate.user_features: the propensity model's and the value model's."""
    return _dates(feature_cutoffs(_run_as_of(evaluator)))


@macro()
def run_last_labelled_cutoff(evaluator: MacroEvaluator) -> exp.Expr:
    return _date(_run_as_of(evaluator) - timedelta(days=HORIZON_DAYS))


@macro()
def run_last_value_labelled_cutoff(evaluator: MacroEvaluator) -> exp.Expr:
    return _date(_run_as_of(evaluator) - timedelta(days=VALUE_HORIZON_DAYS))


@macro()
def run_engagement_window_start(evaluator: MacroEvaluator) -> exp.Expr:
    return _date(_run_as_of(evaluator) - timedelta(days=ENGAGEMENT_WINDOW_DAYS))


@macro()
def run_month_before(evaluator: MacroEvaluator) -> exp.Expr:
    return _date(_run_as_of(evaluator) - timedelta(days=MIGRATION_DAYS))


@macro()
def run_source_fresh_since(evaluator: MacroEvaluator) -> exp.Expr:
    """as_of less the allowed lag (thelook.glue.freshness)."""
    return _date(_run_as_of(evaluator) - timedelta(days=source_lag_days(evaluator)))
