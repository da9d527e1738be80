"""@in_backtest(user_id): whether a user is in the backtest's sample (thelook.glue.samples)."""

from sqlglot import exp
from sqlmesh import macro
from sqlmesh.core.macros import MacroEvaluator

from thelook.glue.samples import backtest_condition


@macro()
def in_backtest(evaluator: MacroEvaluator, user_id: exp.Expr) -> exp.Expr:
    """The condition, on the column `user_id`, as the one definition writes it."""
    return exp.condition(backtest_condition(user_id.sql(dialect="bigquery")), dialect="bigquery")
