"""What was known at a day, written once: a row created by the end of the day, a timestamp or a
status as it stood then, and the net revenue or profit of an item as known then (a return counts
once it had happened).

Staging states the source as known at the end of as_of with these (rows created later are left
out, later shipments, deliveries and returns undone); the point-in-time models apply them again at
each earlier cutoff."""

from sqlglot import exp
from sqlmesh import macro
from sqlmesh.core.macros import MacroEvaluator


def _day_of(column: exp.Expr) -> exp.Expr:
    return exp.func("DATE", column, dialect="bigquery")


def _items_column(table: exp.Expr, name: str) -> exp.Column:
    return exp.column(name, table=table.name)


def _known_by(happened_at: exp.Expr, day: exp.Expr) -> exp.Expr:
    return exp.LTE(this=_day_of(happened_at), expression=day)


def _happened_by(happened_at: exp.Expr, day: exp.Expr) -> exp.Expr:
    """`_known_by`, FALSE rather than NULL for a time that has not been set."""
    return exp.Coalesce(this=_known_by(happened_at, day), expressions=[exp.false()])


@macro()
def known_by(evaluator: MacroEvaluator, happened_at: exp.Expr, day: exp.Expr) -> exp.Expr:
    """Whether a row stamped `happened_at` (a TIMESTAMP, UTC) was known at the end of `day`."""
    return _known_by(happened_at, day)


@macro()
def as_known_by(evaluator: MacroEvaluator, happened_at: exp.Expr, day: exp.Expr) -> exp.Expr:
    """`happened_at` if it had happened by the end of `day`, else NULL: a shipment, delivery or
    return recorded later had not happened yet."""
    return exp.If(this=_known_by(happened_at, day), true=happened_at, false=exp.null())


@macro()
def status_at(
    evaluator: MacroEvaluator,
    status: exp.Expr,
    shipped_at: exp.Expr,
    delivered_at: exp.Expr,
    returned_at: exp.Expr,
    day: exp.Expr,
) -> exp.Expr:
    """An order's (or item's) status as it stood at the end of `day`. theLook sets each status
    with its time: Shipped with shipped_at, Complete with delivered_at, Returned with returned_at
    (thelook-facts). A later status whose time had not come goes back to the latest one whose time
    had; any other status (Processing, Cancelled, or one outside the vocabulary, which an audit
    reports) stands as recorded."""
    timed = status.copy().isin("Shipped", "Complete", "Returned")
    return (
        exp.case()
        .when(exp.not_(timed), status)
        .when(_happened_by(returned_at, day), exp.Literal.string("Returned"))
        .when(_happened_by(delivered_at, day), exp.Literal.string("Complete"))
        .when(_happened_by(shipped_at, day), exp.Literal.string("Shipped"))
        .else_(exp.Literal.string("Processing"))
    )


@macro()
def returned_by(evaluator: MacroEvaluator, items: exp.Expr, day: exp.Expr) -> exp.Expr:
    """Whether an item had been returned by the end of `day`: the one definition of a returned
    item, at as_of and at every cutoff. `items` is the alias of intermediate.order_items_enriched
    (or of staging.stg_order_items)."""
    return _happened_by(_items_column(items, "returned_at"), day)


def _unless_returned(items: exp.Expr, day: exp.Expr, value: exp.Expr) -> exp.Expr:
    returned = _happened_by(_items_column(items, "returned_at"), day)
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
