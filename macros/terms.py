"""The business terms SQL models and audits share, each written once: a purchase, an item known
at a day, a user's department, and the outcomes read in the days after a cutoff.

Each macro is the term's one home (docs/models.md, the glossary); a model that needs the term
calls the macro, or reads a column that one model computes with it.
"""

from sqlglot import exp
from sqlmesh import macro
from sqlmesh.core.macros import MacroEvaluator

from macros.as_of import as_of, last_labelled_cutoff, last_value_labelled_cutoff
from macros.known_at import known_by

# The order status that makes an order, and each of its items, not a purchase.
CANCELLED = "Cancelled"
# A user shops the department of their gender: Men for M, Women for anything else.
MEN_GENDER, MEN, WOMEN = "M", "Men", "Women"


def _column(table: exp.Expr, name: str) -> exp.Column:
    return exp.column(name, table=table.name)


@macro()
def is_purchased(evaluator: MacroEvaluator, status: exp.Expr) -> exp.Expr:
    """Whether an order, or an order item, of `status` is a purchase: its status is not
    Cancelled. A buyer is a user with a purchased order."""
    return exp.NEQ(this=status, expression=exp.Literal.string(CANCELLED))


@macro()
def item_known_by(evaluator: MacroEvaluator, items: exp.Expr, day: exp.Expr) -> exp.Expr:
    """Whether an item of intermediate.order_items_enriched (alias `items`) was known at the
    end of `day`: its order placed, and the item itself created, by then (an item can reach the
    basket days before or after its order)."""
    return exp.and_(
        known_by(evaluator, _column(items, "ordered_at"), day),
        known_by(evaluator, _column(items, "created_at"), day),
    )


@macro()
def department_of(evaluator: MacroEvaluator, gender: exp.Expr) -> exp.Expr:
    """The department a user of `gender` shops, as theLook draws its items: Men for M, Women
    otherwise."""
    return exp.If(
        this=exp.EQ(this=gender, expression=exp.Literal.string(MEN_GENDER)),
        true=exp.Literal.string(MEN),
        false=exp.Literal.string(WOMEN),
    )


@macro()
def purchased_after(
    evaluator: MacroEvaluator, items: exp.Expr, cutoff: exp.Expr, days: exp.Expr
) -> exp.Expr:
    """Whether an item of intermediate.order_items_enriched (alias `items`) is a purchase of the
    `days` days after `cutoff`, as known at as_of: a purchased item, known by as_of, whose order
    was placed on the 1st to the `days`th day after the cutoff. Every outcome a cutoff is
    labelled with (an order, its net revenue, a category bought) counts these items."""
    ordered_day = exp.func("DATE", _column(items, "ordered_at"), dialect="bigquery")
    days_after = exp.func("DATE_DIFF", ordered_day, cutoff, exp.var("DAY"), dialect="bigquery")
    return exp.and_(
        _column(items, "is_purchased"),
        item_known_by(evaluator, items, as_of(evaluator)),
        exp.Between(this=days_after, low=exp.Literal.number(1), high=days),
    )


def _labelled(cutoff: exp.Expr, last_labelled: exp.Expr, outcome: exp.Expr) -> exp.Expr:
    return exp.If(
        this=exp.GT(this=cutoff, expression=last_labelled), true=exp.null(), false=outcome
    )


@macro()
def outcome_next_30d(evaluator: MacroEvaluator, cutoff: exp.Expr, outcome: exp.Expr) -> exp.Expr:
    """`outcome` of the 30 days (HORIZON_DAYS) after `cutoff`, NULL where they run past as_of."""
    return _labelled(cutoff, last_labelled_cutoff(evaluator), outcome)


@macro()
def outcome_next_180d(evaluator: MacroEvaluator, cutoff: exp.Expr, outcome: exp.Expr) -> exp.Expr:
    """`outcome` of the 180 days (VALUE_HORIZON_DAYS) after `cutoff`, NULL where they run past
    as_of."""
    return _labelled(cutoff, last_value_labelled_cutoff(evaluator), outcome)
