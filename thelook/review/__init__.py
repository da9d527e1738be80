"""A Markdown review of what an environment changes against prod, for a pull request.

On top, what the change does in business terms (thelook.review.business): customers who change
segment, scores, offers and the figures people quote, with a paragraph that says it in words; a
quality gate's verdict that changes is the document's first line. Below, for engineers:
for every model whose snapshot differs from prod's: its change category and the text diff of
its definition. For every changed mart with a grain: SQLMesh's table_diff against prod (rows
only on one side, rows that changed, match rate per column) with sample rows of what changed.

Rows are matched on their whole grain, floats to KEY_DECIMALS and NULL matching NULL. SQLMesh's
own key rounds a float to the 3 decimals it compares values at, so rows of `marts.offer_scores`
whose floats differ only beyond them shared a key and were paired with each other: the
default build's table diffed against itself counted 39,004 rows for 36,484, 254 of them changed.
"""

from dataclasses import dataclass

import pandas as pd
from sqlglot import exp
from sqlmesh import Context
from sqlmesh.core.snapshot import SnapshotChangeCategory, SnapshotTableInfo
from sqlmesh.core.table_diff import TableDiff

from thelook.review.business import business_review, markdown, verdict_line
from thelook.review.campaigns import campaign_section

MART_SCHEMA = "marts"
SAMPLE_ROWS = 5
# Digits a float keeps in the key rows are matched on: enough that no two rows of a grain share
# a key, few enough that a float summed in another order still finds its row.
KEY_DECIMALS = 12
KEY_SEPARATOR = "\x1f"  # no grain value holds the ASCII unit separator
CATEGORY_LABELS = {
    SnapshotChangeCategory.BREAKING: "Breaking: the model and its descendants are rebuilt",
    SnapshotChangeCategory.NON_BREAKING: "Non-breaking: only the model is rebuilt",
    SnapshotChangeCategory.FORWARD_ONLY: "Forward-only: new data only, no rebuild",
    SnapshotChangeCategory.INDIRECT_BREAKING: "Indirect breaking: rebuilt because a parent broke",
    SnapshotChangeCategory.INDIRECT_NON_BREAKING: "Indirect non-breaking: reused as is",
    SnapshotChangeCategory.METADATA: "Metadata only: no data changes",
}


class UnknownEnvironment(Exception):
    """The environment to review does not exist in the project's state."""


@dataclass(frozen=True)
class ChangedModel:
    name: str
    category: str
    diff: str
    is_new: bool


def review(context: Context, environment: str, against: str = "prod") -> str:
    """The review of `environment` against `against`, as one Markdown document."""
    changed = changed_models(context, environment, against)
    lines = [f"# Review of `{environment}` against `{against}`", ""]
    if not changed:
        lines += [f"`{environment}` changes no model: it serves what `{against}` serves.", ""]
        return "\n".join(lines)
    found = business_review(
        context, environment, against, {m.name for m in changed if not m.is_new}
    )
    lines = [*verdict_line(found), *lines, *markdown(found, against, environment)]
    lines += ["## Models changed", "", "| model | change |", "|---|---|"]
    lines += [f"| `{model.name}` | {model.category} |" for model in changed]
    lines.append("")
    for model in changed:
        lines += [f"## `{model.name}`", "", model.category, ""]
        if model.diff:
            lines += ["```diff", f"--- {against}", f"+++ {environment}", model.diff, "```", ""]
        elif not model.is_new:
            lines += ["No change to its own definition: it changes because a parent does.", ""]
    marts = [m.name for m in changed if m.name.startswith(f"{MART_SCHEMA}.") and not m.is_new]
    for mart in marts:
        lines += data_section(context, mart, environment, against)
    lines += campaign_section(context, environment, against)
    return "\n".join(lines)


def changed_models(context: Context, environment: str, against: str) -> list[ChangedModel]:
    target = _snapshots(context, environment)
    base = _snapshots(context, against)
    names = sorted(name for name, info in target.items() if base.get(name) != info)
    full = context.state_reader.get_snapshots(
        [target[name].snapshot_id for name in names]
        + [base[name].snapshot_id for name in names if name in base]
    )
    changed = []
    for name in names:
        new = full[target[name].snapshot_id].model
        old = full[base[name].snapshot_id].model if name in base else None
        category = CATEGORY_LABELS.get(target[name].change_category, "Changed")
        changed.append(
            ChangedModel(
                name=_short_name(name),
                category="Added" if old is None else category,
                diff="" if old is None else _hunks(old.text_diff(new)),
                is_new=old is None,
            )
        )
    return changed


def data_section(context: Context, mart: str, environment: str, against: str) -> list[str]:
    model = context.get_model(mart)
    if not model.grains:
        return [f"## Data: `{mart}`", "", "No grain is declared, so rows cannot be matched.", ""]
    diffs = context.table_diff(source=against, target=environment, select_models={mart}, show=False)
    if not diffs:  # both environments read the same physical table
        return [
            f"## Data: `{mart}`",
            "",
            f"Unchanged: `{environment}` reuses `{against}`'s table.",
            "",
        ]
    rows = GrainDiff.of(diffs[0], [g.name for g in model.grains]).row_diff()
    lines = [
        f"## Data: `{mart}`",
        "",
        f"Rows matched on {', '.join(f'`{g.sql()}`' for g in model.grains)}.",
        "",
        "| | rows |",
        "|---|---:|",
        f"| in `{against}` | {rows.source_count:,} |",
        f"| in `{environment}` | {rows.target_count:,} |",
        f"| only in `{against}` | {rows.s_only_count:,} |",
        f"| only in `{environment}` | {rows.t_only_count:,} |",
        f"| in both, changed | {rows.partial_match_count:,} |",
        f"| in both, identical | {rows.full_match_count:,} |",
        "",
    ]
    stats = rows.column_stats
    if not stats.empty and "pct_match" in stats:
        lines += ["| column | rows matching |", "|---|---:|"]
        lines += [f"| `{column}` | {pct:.2f}% |" for column, pct in stats["pct_match"].items()]
        lines.append("")
    if rows.partial_match_count:
        lines += [f"Changed rows, first {SAMPLE_ROWS}:", "", _markdown(rows.joined_sample), ""]
    return lines


class GrainDiff(TableDiff):
    """SQLMesh's table_diff, matching rows on a key that keeps KEY_DECIMALS of a float and tells
    NULL from every value, so that rows are paired only with their own."""

    @classmethod
    def of(cls, diff: TableDiff, grain: list[str]) -> "GrainDiff":
        return cls(
            adapter=diff.adapter,
            source=diff.source,
            target=diff.target,
            on=grain,
            source_alias=diff.source_alias,
            target_alias=diff.target_alias,
            limit=diff.limit,
            model_name=diff.model_name,
            model_dialect=diff.model_dialect,
            decimals=diff.decimals,
        )

    def _key_expression(
        self, cols: list[exp.Column], schema: dict[str, exp.DataType]
    ) -> exp.Expression:
        parts: list[exp.Expression] = []
        for col in cols:
            column = exp.to_column(col.name)
            value = self.adapter.normalize_value(column, schema[col.name], KEY_DECIMALS)
            if parts:
                parts.append(exp.Literal.string(KEY_SEPARATOR))
            parts.append(
                exp.Case()
                .when(column.is_(exp.null()), exp.Literal.string("null"))
                .else_(exp.func("CONCAT", exp.Literal.string("="), value))
            )
        return exp.func("CONCAT", *parts)


def _snapshots(context: Context, environment: str) -> dict[str, SnapshotTableInfo]:
    found = context.state_reader.get_environment(environment)
    if found is None:
        known = sorted(env.name for env in context.state_reader.get_environments())
        raise UnknownEnvironment(
            f"no environment named '{environment}' (known: {', '.join(known) or 'none'}); "
            f"create it with `sqlmesh plan {environment}`"
        )
    return {info.name: info for info in found.snapshots if not info.is_external}


def _hunks(diff: str) -> str:
    """The unified diff without its empty file headers and the blank lines around them."""
    return "\n".join(line for line in diff.splitlines() if line.strip() not in ("---", "+++", ""))


def _short_name(name: str) -> str:
    """`"catalog"."schema"."table"` as `schema.table`."""
    return ".".join(part.strip('"`') for part in name.split(".")[-2:])


def _markdown(frame: pd.DataFrame) -> str:
    head = frame.head(SAMPLE_ROWS)
    sample = head.astype(object).where(head.notna(), None)
    header = "| " + " | ".join(str(c) for c in sample.columns) + " |"
    rule = "|" + "---|" * len(sample.columns)
    body = [
        "| " + " | ".join("" if v is None else str(v) for v in row) + " |"
        for row in sample.itertuples(index=False)
    ]
    return "\n".join([header, rule, *body])
