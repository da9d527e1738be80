"""What was known at a day, written once: a row created by the end of the day, and the net
revenue or profit of an item as known then (a return counts once it had happened)."""

from sqlglot import exp
from sqlmesh import macro
from sqlmesh.core.macros import MacroEvaluator


def _day_of(column: exp.Expr) -> exp.Expr:
    return exp.func("DATE", column, dialect="bigquery")


def _items_column(table: exp.Expr, name: str) -> exp.Column:
    return exp.column(name, table=table.name)


@macro()
def known_by(evaluator: MacroEvaluator, happened_at: exp.Expr, day: exp.Expr) -> exp.Expr:
    """Whether a row stamped `happened_at` (a TIMESTAMP, UTC) was known at the end of `day`."""
    return exp.LTE(this=_day_of(happened_at), expression=day)


def _unless_returned(items: exp.Expr, day: exp.Expr, value: exp.Expr) -> exp.Expr:
    returned = exp.LTE(this=_day_of(_items_column(items, "returned_at")), expression=day)
    return exp.If(this=returned, true=exp.Literal.number(0), false=value)


@macro()
def item_net_revenue_at(evaluator: MacroEvaluator, items: exp.Expr, day: exp.Expr) -> exp.Expr:
    """A purchased item's net revenue as known at the end of `day`: its sale price, or 0 once it
    had been returned. `items` is the alias of intermediate.order_items_enriched."""
    return _unless_returned(items, day, _items_column(items, "sale_price"))


@macro()
def item_net_profit_at(evaluator: MacroEvaluator, items: exp.Expr, day: exp.Expr) -> exp.Expr:
    """A purchased item's net profit as known at the end of `day`: sale price less product cost,
    or 0 once it had been returned."""
    profit = exp.Sub(
        this=_items_column(items, "sale_price"), expression=_items_column(items, "product_cost")
    )
    return _unless_returned(items, day, profit)
