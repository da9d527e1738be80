"""The business review of an environment against prod, as Markdown: the paragraph on top, then
customers who move, scores, the gate, offers and the figures people quote.

The measures are thelook.business.review_measures; this module only points them at the two
environments of a SQLMesh context (`ContextSides`) and lays out what they return, for
`thelook review`, the pull-request comment and the dashboard's Review page alike.
"""

import pandas as pd
from sqlglot import exp
from sqlmesh import Context

from thelook.business.review_measures import AFTER, BEFORE, PLACES, BusinessReview, measure

# Moved pairs a section lists, the most customers first.
MOVED_PAIRS = 10


class ContextSides:
    """The two environments of a review in a SQLMesh context. A side reads a model from its own
    view where its snapshot differs from prod's, and from prod's view otherwise."""

    def __init__(self, context: Context, environment: str, against: str = "prod") -> None:
        self.context = context
        self.adapter = context.engine_adapter
        self.names = {BEFORE: against, AFTER: environment}
        self.environments = {
            name: context.state_reader.get_environment(name)
            for name in {"prod", against, environment}
        }
        self.snapshots = {
            name: {info.name: info for info in found.snapshots}
            for name, found in self.environments.items()
            if found is not None
        }

    def table(self, side: str, model: str) -> exp.Table:
        fqn = self.context.get_model(model).fqn
        name = self.names[side]
        info = self.snapshots[name].get(fqn)
        prod = self.snapshots.get("prod", {}).get(fqn)
        if info is None or info == prod:
            name, info = "prod", prod
        naming = self.environments[name].naming_info
        return info.qualified_view_name.table_for_environment(naming, dialect=self.adapter.dialect)

    def fetch(self, query: exp.Expression) -> pd.DataFrame:
        return self.adapter.fetchdf(query)


def business_review(context: Context, environment: str, against: str, changed: set[str]):
    """The business measures of the marts in `changed` ("schema.name"), `environment` against
    `against`."""
    return measure(ContextSides(context, environment, against), changed)


def verdict_line(found: BusinessReview) -> list[str]:
    """The first line of a review whose change moves a quality gate's verdict; else nothing."""
    if not found.changed_verdicts:
        return []
    changes = "; ".join(
        f"`{e.mart}`: {e.gate_before} → {e.gate_after}" for e in found.changed_verdicts
    )
    return [f"**The quality gate's verdict changes**: {changes}", ""]


def markdown(found: BusinessReview, before: str = "prod", after: str = "dev") -> list[str]:
    """The business section of the review, as Markdown lines."""
    lines = ["## What the change does", "", found.paragraph(f"`{before}`", f"`{after}`"), ""]
    if not found.same_day:
        return lines
    lines += [f"Both sides measure to {found.days[AFTER]} (`intermediate.as_of`).", ""]
    if found.moves:
        lines += _moves(found, before, after)
    if found.scores:
        lines += ["### Scores", ""]
        lines += [
            "| mart | customers scored on both | rank correlation | customers changing decile "
            f"| `{before}`'s top tenth kept | scored on one side only |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for s in found.scores:
            overlap = "" if s.top_overlap is None else f"{s.top_overlap:.1%}"
            lines.append(
                f"| `{s.mart}` | {s.users:,} | {_float(s.rank_correlation)} | "
                f"{s.decile_changed:,} | {overlap} | {s.only_one_side:,} |"
            )
        lines.append("")
    if found.evaluations:
        lines += ["### Evaluation and the quality gate", ""]
        lines += [
            f"| mart | metric | `{before}` | `{after}` | difference | 90% interval (paired "
            f"bootstrap) | gate in `{before}` | gate in `{after}` |",
            "|---|---|---:|---:|---:|---|---|---|",
        ]
        for e in found.evaluations:
            interval = (
                "not kept in a mart"
                if e.interval is None
                else f"{e.interval[0]:+.4f} to {e.interval[1]:+.4f}"
            )
            difference = "" if e.difference is None else f"{e.difference:+.4f}"
            lines.append(
                f"| `{e.mart}` | {e.metric} | {_float(e.before)} | {_float(e.after)} | "
                f"{difference} | {interval} | {e.gate_before} | {e.gate_after} |"
            )
        lines.append("")
    if found.offers:
        o = found.offers
        share = "" if o.changed_share is None else f" ({o.changed_share:.1%})"
        lines += [
            "### Offers",
            "",
            f"{o.changed:,} of {o.customers:,} customers{share} get a different set of three "
            "offers.",
            "",
            f"| `marts.cross_sell_opportunities` | `{before}` | `{after}` |",
            "|---|---:|---:|",
            f"| expected revenue of the offers | {_money(o.expected_revenue_before)} | "
            f"{_money(o.expected_revenue_after)} |",
            "",
        ]
    if found.strategies:
        s = found.strategies
        lines += [
            "### Campaign strategies",
            "",
            f"| `marts.cross_sell_strategy_impact` | `{before}` | `{after}` |",
            "|---|---:|---:|",
        ]
        for column in ("incremental_revenue", "incremental_profit"):
            lines.append(
                f"| {column.replace('_', ' ')} | {_money(s.total(BEFORE, column))} | "
                f"{_money(s.total(AFTER, column))} |"
            )
        lines += [
            "",
            f"Enter the top ten: {', '.join(s.entering) or 'none'}. "
            f"Leave it: {', '.join(s.leaving) or 'none'}.",
            "",
        ]
    for figures in found.figures:
        lines += [f"### Figures: `{figures.mart}`", ""]
        if figures.changes.empty:
            lines += ["No figure changes.", ""]
            continue
        lines += [
            f"| figure | rows changed | largest changes | `{before}` | `{after}` |",
            "|---|---:|---|---:|---:|",
        ]
        counts = figures.changed_rows
        for row in figures.changes.itertuples():
            lines.append(
                f"| {row.figure} | {counts[row.figure]:,} | {row.key} | "
                f"{_float(row.before)} | {_float(row.after)} |"
            )
        lines.append("")
    return lines


def _moves(found: BusinessReview, before: str, after: str) -> list[str]:
    lines = [
        "### Customers who move",
        "",
        "| customers change their | customers | share | net revenue they hold | share |",
        "|---|---:|---:|---:|---:|",
    ]
    for m in found.moves:
        lines.append(
            f"| {PLACES[m.place]} | {m.moved_customers:,} | "
            f"{_share(m.moved_customers, m.customers)} | {_money(m.moved_net_revenue)} | "
            f"{_share(m.moved_net_revenue, m.net_revenue)} |"
        )
    lines.append("")
    for m in found.moves:
        if not m.moved_customers:
            continue
        moved = m.moved.sort_values(["customers", "before", "after"], ascending=[False, True, True])
        lines += [
            f"From-to, {PLACES[m.place]} (`{before}` → `{after}`), "
            f"the {MOVED_PAIRS} largest moves:",
            "",
            f"| `{before}` | `{after}` | customers | net revenue |",
            "|---|---|---:|---:|",
        ]
        lines += [
            f"| {r.before} | {r.after} | {r.customers:,} | {_money(r.net_revenue)} |"
            for r in moved.head(MOVED_PAIRS).itertuples()
        ]
        lines.append("")
    return lines


def _share(part: float, whole: float) -> str:
    return f"{part / whole:.1%}" if whole else ""


def _money(value: float) -> str:
    return f"${value:,.0f}"


def _float(value) -> str:
    if value is None or pd.isna(value):
        return ""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}" if abs(value) >= 100 else f"{value:.4f}"
