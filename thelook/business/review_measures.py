"""What a change does to customers, scores, offers and money: the business measures of a review.

Each measure compares a mart as one side holds it ("before", prod) with the same mart as the
other holds it ("after", the environment under review), on the same build day. The engine joins
the two tables and counts (moves between segments, changed deciles and offers, changed figures);
only those aggregates come back, so the review's cost in memory does not grow with the shop. The
one exception is the paired bootstrap of an evaluation metric, which needs the judged users'
scores on both sides: they are the backtest's users, bounded by BACKTEST_USERS
(thelook.glue.samples), and the bootstrap resamples at most BOOTSTRAP_ROWS of them, as the gate
does.

No rule is written twice: segments, tiers and deciles are read from the marts on each side and
compared, never recomputed.

Queries name tables `<side>_<schema>.<name>` (`before_marts.customer_segments`); `Sides`
points each at its side's table and runs the query.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

import numpy as np
import pandas as pd
from sqlglot import exp, parse_one

from thelook.business.customer_value import REVENUE_LABEL, rank_correlation_difference
from thelook.business.purchase_propensity import PROPENSITY_LABEL, roc_auc_difference
from thelook.business.quality_gate import CONFIDENCE, bootstrap_estimates
from thelook.business.scores import DECILES

BEFORE, AFTER = "before", "after"
# The interval of a metric's difference: the gate's one-sided bound on either side, 90% in all.
INTERVAL = (1 - CONFIDENCE, CONFIDENCE)
SIDES = (BEFORE, AFTER)
SEGMENTS = "marts.customer_segments"
AS_OF = "intermediate.as_of"
# Where a customer is, three ways: the mart and column that hold it, and what a reader calls it.
PLACES = {
    "segment": "segment",
    "engagement_tier": "engagement tier",
    "value_decile": "value decile",
}
# A side a customer is missing from is shown as this place.
ABSENT = "(absent)"
# The scoring marts: the score and the decile each holds.
SCORES = {
    "marts.purchase_propensity": ("purchase_probability", "propensity_decile"),
    "marts.customer_value": ("predicted_net_revenue", "value_decile"),
}
OFFERS = "marts.cross_sell_opportunities"
STRATEGIES = "marts.cross_sell_strategy_impact"
STRATEGY_GRAIN = ("segment", "department", "category")
TOP_STRATEGIES = 10
# The summary marts people quote: their grain, and the money and rate columns a review reports.
FIGURES = {
    "marts.segment_summary": (
        ("segment",),
        ("users", "net_revenue", "revenue_share", "avg_net_revenue", "predicted_net_revenue"),
    ),
    "marts.monthly_sales": (
        ("month", "department", "category"),
        ("items_sold", "net_revenue", "return_rate"),
    ),
    "marts.product_performance": (
        ("product_id",),
        ("net_revenue", "net_profit", "conversion_rate", "return_rate"),
    ),
    "marts.retention_cohorts": (
        ("cohort_month", "months_since_first_order"),
        ("active_customers", "retention_rate", "net_revenue"),
    ),
    "marts.propensity_deciles": (
        ("propensity_decile",),
        ("users", "mean_probability", "expected_lift"),
    ),
}
# The largest changes of each figure a review lists.
LARGEST = 3
# A figure changes when it moves by more than this share of itself (at least of 1): sums taken
# in another order differ in their last digits, which no reader would call a change.
TOLERANCE = 1e-9


class Sides(Protocol):
    """The two sides of a review, as the engine holds them."""

    def table(self, side: str, model: str) -> exp.Table:
        """The table or view of `model` ("schema.name") on `side`."""

    def fetch(self, query: exp.Expression) -> pd.DataFrame:
        """The rows of a BigQuery-dialect query, run on the engine."""


def run(sides: Sides, sql: str) -> pd.DataFrame:
    """`sql` (BigQuery SQL over `<side>_<schema>.<name>` tables) run against `sides`."""
    query = parse_one(sql, dialect="bigquery")
    for table in list(query.find_all(exp.Table)):
        side, _, schema = table.db.partition("_")
        if side in SIDES and schema:
            table.replace(sides.table(side, f"{schema}.{table.name}").as_(table.alias_or_name))
    return sides.fetch(query)


def _side(side: str, model: str) -> str:
    return f"{side}_{model}"


# --- The day ---------------------------------------------------------------------------------


def as_of_days(sides: Sides) -> dict[str, date]:
    """The day each side measures to (its intermediate.as_of)."""
    rows = run(
        sides,
        " UNION ALL ".join(
            f"SELECT '{side}' AS side, as_of FROM {_side(side, AS_OF)}" for side in SIDES
        ),
    )
    return {row.side: pd.Timestamp(row.as_of).date() for row in rows.itertuples()}


# --- Customers who move ----------------------------------------------------------------------


@dataclass(frozen=True)
class Moves:
    """Customers by their place on each side (`place`: a column of customer_segments), with
    the net revenue they hold (the environment's, else prod's)."""

    place: str
    table: pd.DataFrame  # before, after, customers, net_revenue

    @property
    def moved(self) -> pd.DataFrame:
        return self.table[self.table["before"] != self.table["after"]]

    @property
    def customers(self) -> int:
        return int(self.table["customers"].sum())

    @property
    def moved_customers(self) -> int:
        return int(self.moved["customers"].sum())

    @property
    def net_revenue(self) -> float:
        return float(self.table["net_revenue"].sum())

    @property
    def moved_net_revenue(self) -> float:
        return float(self.moved["net_revenue"].sum())

    def matrix(self, measure: str = "customers") -> pd.DataFrame:
        """The from-to table: prod's place down, the environment's across."""
        return self.table.pivot_table(
            index="before", columns="after", values=measure, aggfunc="sum", fill_value=0
        )


def _place(alias: str, place: str) -> str:
    return f"COALESCE(CAST({alias}.{place} AS STRING), '{ABSENT}')"


def moves(sides: Sides, place: str) -> Moves:
    """How many customers, holding how much net revenue, go from each place to each other."""
    table = run(
        sides,
        f"""
        SELECT
          {_place("b", place)} AS before,
          {_place("a", place)} AS after,
          COUNT(*) AS customers,
          SUM(COALESCE(a.monetary, b.monetary, 0)) AS net_revenue
        FROM {_side(BEFORE, SEGMENTS)} AS b
        FULL OUTER JOIN {_side(AFTER, SEGMENTS)} AS a ON a.user_id = b.user_id
        GROUP BY 1, 2
        """,
    )
    table["customers"] = table["customers"].astype("int64")
    table["net_revenue"] = table["net_revenue"].astype("float64")
    return Moves(place, table.sort_values(["before", "after"], ignore_index=True))


def moved_customers(sides: Sides, place: str, before: str, after: str, limit: int = 1_000):
    """The customers who went from `before` to `after` (as `moves` names places), the most
    net revenue first, at most `limit` of them."""
    return run(
        sides,
        f"""
        SELECT
          COALESCE(a.user_id, b.user_id) AS user_id,
          {_place("b", place)} AS before,
          {_place("a", place)} AS after,
          COALESCE(a.monetary, b.monetary, 0) AS net_revenue
        FROM {_side(BEFORE, SEGMENTS)} AS b
        FULL OUTER JOIN {_side(AFTER, SEGMENTS)} AS a ON a.user_id = b.user_id
        WHERE {_place("b", place)} = {_literal(before)} AND {_place("a", place)} = {_literal(after)}
        ORDER BY net_revenue DESC, user_id
        LIMIT {int(limit)}
        """,
    )


def _literal(value: str) -> str:
    return exp.Literal.string(value).sql(dialect="bigquery")


# --- Scores ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreChanges:
    mart: str
    users: int  # scored on both sides
    rank_correlation: float | None  # Spearman's, of prod's scores with the environment's
    decile_changed: int
    top_before: int  # users in prod's top tenth
    top_both: int  # ... who are in the environment's too
    only_one_side: int  # users scored on one side only

    @property
    def top_overlap(self) -> float | None:
        return self.top_both / self.top_before if self.top_before else None


def _average_rank(column: str) -> str:
    """The rank of `column` with ties sharing their average rank, as Spearman's needs."""
    return (
        f"(RANK() OVER (ORDER BY {column}) + COUNT(*) OVER () + 1 "
        f"- RANK() OVER (ORDER BY {column} DESC)) / 2"
    )


def score_changes(sides: Sides, mart: str) -> ScoreChanges:
    score, decile = SCORES[mart]
    row = run(
        sides,
        f"""
        WITH joined AS (
          SELECT
            b.{score} AS before_score, a.{score} AS after_score,
            b.{decile} AS before_decile, a.{decile} AS after_decile
          FROM {_side(BEFORE, mart)} AS b
          INNER JOIN {_side(AFTER, mart)} AS a ON a.user_id = b.user_id
          WHERE b.{score} IS NOT NULL AND a.{score} IS NOT NULL
        ), ranked AS (
          SELECT
            *,
            {_average_rank("before_score")} AS before_rank,
            {_average_rank("after_score")} AS after_rank
          FROM joined
        )
        SELECT
          COUNT(*) AS users,
          CORR(before_rank, after_rank) AS rank_correlation,
          COUNTIF(before_decile IS DISTINCT FROM after_decile) AS decile_changed,
          COUNTIF(before_decile = {DECILES}) AS top_before,
          COUNTIF(before_decile = {DECILES} AND after_decile = {DECILES}) AS top_both,
          (SELECT COUNT(*) FROM {_side(BEFORE, mart)} AS b
            FULL OUTER JOIN {_side(AFTER, mart)} AS a ON a.user_id = b.user_id
            WHERE a.user_id IS NULL OR b.user_id IS NULL
              OR (a.{score} IS NULL) <> (b.{score} IS NULL)) AS only_one_side
        FROM ranked
        """,
    ).iloc[0]
    correlation = row["rank_correlation"]
    return ScoreChanges(
        mart=mart,
        users=int(row["users"]),
        rank_correlation=None if pd.isna(correlation) else float(correlation),
        decile_changed=int(row["decile_changed"] or 0),
        top_before=int(row["top_before"] or 0),
        top_both=int(row["top_both"] or 0),
        only_one_side=int(row["only_one_side"]),
    )


# --- Evaluation metrics and the gate ---------------------------------------------------------


@dataclass(frozen=True)
class Evaluation:
    """An evaluation mart's metric and gate on both sides, and the difference (environment less
    prod) with its 90% interval from the gate's paired bootstrap (None where the mart keeps no
    paired rows to resample)."""

    mart: str
    metric: str
    before: float | None
    after: float | None
    gate_before: str | None
    gate_after: str | None
    interval: tuple[float, float] | None = None

    @property
    def difference(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def verdict_changes(self) -> bool:
        return self.gate_before != self.gate_after

    @property
    def beyond_noise(self) -> bool:
        return self.interval is not None and (self.interval[0] > 0 or self.interval[1] < 0)


# Each evaluation mart: the metric the review compares, and how to read the judged users'
# paired rows (label, before, after) with the difference the gate bootstraps; None where the
# rows are not kept in a mart.
_PAIRED_SCORES = """
SELECT f.{label} AS label, b.{score} AS before, a.{score} AS after
FROM after_intermediate.user_features AS f
INNER JOIN before_{scores} AS b ON b.user_id = f.user_id AND b.scored_at = f.cutoff_date
INNER JOIN after_{scores} AS a ON a.user_id = f.user_id AND a.scored_at = f.cutoff_date
WHERE f.cutoff_date = (SELECT evaluation_cutoff FROM after_{evaluation})
"""
EVALUATIONS: dict[str, tuple[str, str | None, Callable[[pd.DataFrame], float | None] | None]] = {
    "marts.propensity_evaluation": (
        "roc_auc",
        _PAIRED_SCORES.format(
            label=PROPENSITY_LABEL,
            score="purchase_probability",
            scores="marts.propensity_scores",
            evaluation="marts.propensity_evaluation",
        ),
        lambda rows: roc_auc_difference(rows.rename(columns=_PAIRED)),
    ),
    "marts.customer_value_evaluation": (
        "rank_correlation",
        _PAIRED_SCORES.format(
            label=REVENUE_LABEL,
            score="predicted_net_revenue",
            scores="marts.value_scores",
            evaluation="marts.customer_value_evaluation",
        ),
        lambda rows: rank_correlation_difference(
            rows.rename(columns={**_PAIRED, "label": "realised"})
        ),
    ),
    "marts.cross_sell_evaluation": ("hit_rate_at_3", None, None),
}
# The gate's bootstrap takes "model" less "baseline": here the environment less prod.
_PAIRED = {"after": "model", "before": "baseline"}


def evaluation(sides: Sides, mart: str) -> Evaluation:
    metric, paired_sql, difference = EVALUATIONS[mart]
    rows = run(
        sides,
        " UNION ALL ".join(
            f"SELECT '{side}' AS side, {metric} AS metric, gate FROM {_side(side, mart)}"
            for side in SIDES
        ),
    )
    found = {row.side: row for row in rows.itertuples()}

    def value(side: str, column: str) -> Any:
        row = found.get(side)
        held = None if row is None else getattr(row, column)
        return None if held is None or pd.isna(held) else held

    interval = None
    if paired_sql is not None and difference is not None:
        paired = run(sides, paired_sql).dropna()
        if not paired.empty and (paired[BEFORE] == paired[AFTER]).all():
            interval = (0.0, 0.0)  # the same scores: nothing to resample
        else:
            estimates = bootstrap_estimates(paired, difference)
            if estimates is not None:
                interval = tuple(float(q) for q in np.quantile(estimates, INTERVAL))
    return Evaluation(
        mart=mart,
        metric=metric,
        before=value(BEFORE, "metric"),
        after=value(AFTER, "metric"),
        gate_before=value(BEFORE, "gate"),
        gate_after=value(AFTER, "gate"),
        interval=interval,
    )


# --- Offers ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferChanges:
    customers: int  # offered on either side
    changed: int  # whose three offers differ (as a set of categories)
    expected_revenue_before: float
    expected_revenue_after: float

    @property
    def changed_share(self) -> float | None:
        return self.changed / self.customers if self.customers else None


def offer_changes(sides: Sides) -> OfferChanges:
    def offers(side: str) -> str:
        return (
            f"SELECT user_id, STRING_AGG(category, '|' ORDER BY category) AS offers, "
            f"SUM(expected_revenue) AS expected_revenue FROM {_side(side, OFFERS)} GROUP BY user_id"
        )

    row = run(
        sides,
        f"""
        SELECT
          COUNT(*) AS customers,
          COUNTIF(b.offers IS DISTINCT FROM a.offers) AS changed,
          COALESCE(SUM(b.expected_revenue), 0) AS expected_revenue_before,
          COALESCE(SUM(a.expected_revenue), 0) AS expected_revenue_after
        FROM ({offers(BEFORE)}) AS b
        FULL OUTER JOIN ({offers(AFTER)}) AS a ON a.user_id = b.user_id
        """,
    ).iloc[0]
    return OfferChanges(
        customers=int(row["customers"]),
        changed=int(row["changed"] or 0),
        expected_revenue_before=float(row["expected_revenue_before"]),
        expected_revenue_after=float(row["expected_revenue_after"]),
    )


@dataclass(frozen=True)
class StrategyChanges:
    incremental: pd.DataFrame  # side, incremental_revenue, incremental_profit
    # Each side's top ten, as "segment · category".
    top: dict[str, list[str]] = field(default_factory=dict)

    def total(self, side: str, column: str) -> float:
        row = self.incremental[self.incremental["side"] == side]
        return float(row[column].iloc[0]) if len(row) else 0.0

    @property
    def entering(self) -> list[str]:
        return [name for name in self.top[AFTER] if name not in self.top[BEFORE]]

    @property
    def leaving(self) -> list[str]:
        return [name for name in self.top[BEFORE] if name not in self.top[AFTER]]


def strategy_changes(sides: Sides) -> StrategyChanges:
    totals = run(
        sides,
        " UNION ALL ".join(
            f"SELECT '{side}' AS side, "
            "COALESCE(SUM(incremental_revenue), 0) AS incremental_revenue, "
            "COALESCE(SUM(incremental_profit), 0) AS incremental_profit "
            f"FROM {_side(side, STRATEGIES)}"
            for side in SIDES
        ),
    )
    top = {}
    for side in SIDES:
        rows = run(
            sides,
            f"SELECT segment, category FROM {_side(side, STRATEGIES)} "
            f"ORDER BY incremental_revenue DESC, {', '.join(STRATEGY_GRAIN)} "
            f"LIMIT {TOP_STRATEGIES}",
        )
        top[side] = [f"{row.segment} · {row.category}" for row in rows.itertuples()]
    return StrategyChanges(totals, top)


# --- Figures people already quote ------------------------------------------------------------


@dataclass(frozen=True)
class FigureChanges:
    """The changed rows of a summary mart's figures: per figure, how many rows changed and the
    LARGEST changes (key, before, after)."""

    mart: str
    changes: pd.DataFrame  # figure, key, before, after, changed_rows

    @property
    def changed_rows(self) -> dict[str, int]:
        first = self.changes.drop_duplicates("figure")
        return dict(zip(first["figure"], first["changed_rows"].astype(int), strict=True))


def figure_changes(sides: Sides, mart: str) -> FigureChanges:
    grain, figures = FIGURES[mart]
    key = " || ' · ' || ".join(f"CAST(COALESCE(a.{g}, b.{g}) AS STRING)" for g in grain)
    on = " AND ".join(f"a.{g} = b.{g}" for g in grain)
    changed = (
        "((a.{f} IS NULL) <> (b.{f} IS NULL) OR "
        "ABS(a.{f} - b.{f}) > {tolerance} * GREATEST(1, ABS(b.{f})))"
    )
    per_figure = " UNION ALL ".join(
        f"""
        SELECT
          '{figure}' AS figure, {key} AS key,
          CAST(b.{figure} AS FLOAT64) AS before, CAST(a.{figure} AS FLOAT64) AS after
        FROM {_side(BEFORE, mart)} AS b
        FULL OUTER JOIN {_side(AFTER, mart)} AS a ON {on}
        WHERE {changed.format(f=figure, tolerance=TOLERANCE)}
        """
        for figure in figures
    )
    changes = run(
        sides,
        f"""
        SELECT figure, key, before, after, changed_rows
        FROM (
          SELECT
            *,
            COUNT(*) OVER (PARTITION BY figure) AS changed_rows,
            ROW_NUMBER() OVER (
              PARTITION BY figure
              ORDER BY ABS(COALESCE(after, 0) - COALESCE(before, 0)) DESC, key
            ) AS place
          FROM ({per_figure})
        )
        WHERE place <= {LARGEST}
        ORDER BY figure, place
        """,
    )
    return FigureChanges(mart, changes)


# --- The review, in words --------------------------------------------------------------------


@dataclass
class BusinessReview:
    """Every measure that applies to the marts a change touches."""

    days: dict[str, date]
    moves: list[Moves] = field(default_factory=list)
    scores: list[ScoreChanges] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
    offers: OfferChanges | None = None
    strategies: StrategyChanges | None = None
    figures: list[FigureChanges] = field(default_factory=list)

    @property
    def same_day(self) -> bool:
        return self.days.get(BEFORE) == self.days.get(AFTER)

    @property
    def changed_verdicts(self) -> list[Evaluation]:
        return [e for e in self.evaluations if e.verdict_changes]

    def paragraph(self, before: str = "prod", after: str = "the change") -> str:
        """What the change does, in a marketer's words and with the numbers."""
        return paragraph(self, before, after)


def measure(sides: Sides, changed: set[str]) -> BusinessReview:
    """The business review of the marts in `changed` ("schema.name"), each measure that applies."""
    found = BusinessReview(days=as_of_days(sides))
    if not found.same_day:
        return found
    if SEGMENTS in changed:
        found.moves = [moves(sides, place) for place in PLACES]
    found.scores = [score_changes(sides, mart) for mart in SCORES if mart in changed]
    found.evaluations = [evaluation(sides, mart) for mart in EVALUATIONS if mart in changed]
    if OFFERS in changed:
        found.offers = offer_changes(sides)
    if STRATEGIES in changed:
        found.strategies = strategy_changes(sides)
    found.figures = [figure_changes(sides, mart) for mart in FIGURES if mart in changed]
    return found


def _money(value: float) -> str:
    return f"${value:,.0f}"


def _share(part: float, whole: float) -> str:
    return f"{part / whole:.1%}" if whole else "0%"


def paragraph(found: BusinessReview, before: str = "prod", after: str = "the change") -> str:
    if not found.same_day:
        return (
            f"Not compared: {before} measures to {found.days.get(BEFORE)} and {after} to "
            f"{found.days.get(AFTER)}; build both to one day (docs/operations.md, "
            '"One day per environment") and review again.'
        )
    sentences = []
    for verdict in found.changed_verdicts:
        sentences.append(
            f"The quality gate's verdict on {verdict.mart} changes from "
            f'"{verdict.gate_before}" to "{verdict.gate_after}".'
        )
    for moved in found.moves:
        if not moved.moved_customers:
            continue
        largest = moved.moved.sort_values("customers", ascending=False).iloc[0]
        sentences.append(
            f"{moved.moved_customers:,} customers "
            f"({_share(moved.moved_customers, moved.customers)}) "
            f"change {PLACES[moved.place]}, holding {_money(moved.moved_net_revenue)} "
            f"({_share(moved.moved_net_revenue, moved.net_revenue)}) of net revenue; the largest "
            f"move is {int(largest['customers']):,} from {largest['before']} to {largest['after']}."
        )
    for scored in found.scores:
        if (
            not scored.decile_changed
            and not scored.only_one_side
            and _same(scored.rank_correlation, 1)
        ):
            continue
        overlap = scored.top_overlap
        sentences.append(
            f"{_name(scored.mart)}: {scored.decile_changed:,} customers change decile; the scores "
            f"rank customers with a rank correlation of {_number(scored.rank_correlation)} with "
            f"{before}'s"
            + (
                f", and {overlap:.0%} of {before}'s top tenth stays in it."
                if overlap is not None
                else "."
            )
        )
    for judged in found.evaluations:
        if judged.difference is None or _same(judged.difference, 0):
            continue
        noise = (
            " (beyond noise)"
            if judged.beyond_noise
            else " (within noise)"
            if judged.interval is not None
            else ""
        )
        sentences.append(
            f"{judged.metric} of {_name(judged.mart)} goes from {judged.before:.4f} to "
            f"{judged.after:.4f} ({judged.difference:+.4f}){noise}."
        )
    if found.offers and (
        found.offers.changed
        or not _same(found.offers.expected_revenue_before, found.offers.expected_revenue_after)
    ):
        offers = found.offers
        sentences.append(
            f"{offers.changed:,} customers ({_share(offers.changed, offers.customers)}) get "
            f"different offers; the offers' expected revenue goes from "
            f"{_money(offers.expected_revenue_before)} to {_money(offers.expected_revenue_after)}."
        )
    if found.strategies:
        strategies = found.strategies
        revenue = [strategies.total(side, "incremental_revenue") for side in SIDES]
        if not _same(*revenue) or strategies.entering:
            sentences.append(
                f"The campaign's incremental revenue goes from {_money(revenue[0])} to "
                f"{_money(revenue[1])}; {len(strategies.entering)} strategies enter the top ten."
            )
    for figures in found.figures:
        if figures.changes.empty:
            continue
        largest = figures.changes.assign(
            change=(figures.changes["after"].fillna(0) - figures.changes["before"].fillna(0)).abs()
        )
        money = largest[largest["figure"].str.contains("revenue|profit")]
        row = (money if len(money) else largest).sort_values("change").iloc[-1]
        sentences.append(
            f"In {_name(figures.mart)}, {row['figure']} of {row['key']} goes from "
            f"{_number(row['before'])} to {_number(row['after'])}."
        )
    return " ".join(sentences) if sentences else "No business figure changes."


def _same(first: float | None, second: float | None) -> bool:
    if first is None or second is None:
        return first is second
    return abs(first - second) <= TOLERANCE * max(1.0, abs(second))


def _number(value: Any) -> str:
    if value is None or pd.isna(value):
        return "none"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.4f}"


def _name(mart: str) -> str:
    return mart.split(".")[-1]
