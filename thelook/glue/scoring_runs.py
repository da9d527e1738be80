"""What the scoring marts share to speak SQLMesh: the runs of "train at one cutoff, score the
next" (thelook.business.out_of_time), and the served scores ranked into deciles."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from thelook.business.out_of_time import ScoringModel, out_of_time
from thelook.business.scores import DECILES, score_bounds_sql, score_from_bounds
from thelook.glue.batches import BATCH_FILTER
from thelook.glue.fallback import served_queries, served_scores, warn_on_fallback
from thelook.glue.fetch import fetch
from thelook.glue.scoring_inputs import user_batches


@dataclass(frozen=True)
class Run:
    """A model trained at `training_cutoff` scoring the rows `batches` fetches at `scored_at`;
    `with_baseline` keeps the baseline's scores beside the model's, for the build to serve if
    the quality gate elects it."""

    training_cutoff: date
    scored_at: date
    batches: Callable[[date], Iterable[pd.DataFrame]]
    with_baseline: bool = False


def scored_runs(
    context: Any,
    mart: str,
    scoring: type[ScoringModel],
    training: Callable[[date], pd.DataFrame],
    runs: Iterable[Run],
    day: date,
) -> Iterator[pd.DataFrame]:
    """The scores of each run, a batch at a time, with scored_at and as_of (`day`); a warning
    when a run's training rows (`training` fetches them at a cutoff) are too few."""
    for run in runs:
        labelled = training(run.training_cutoff)
        warn_on_fallback(
            context, mart, scoring.outcome(labelled), run.training_cutoff, scoring.baseline()
        )
        batches = run.batches(run.scored_at)
        for scores in out_of_time(scoring, labelled, batches, with_baseline=run.with_baseline):
            yield scores.assign(scored_at=run.scored_at, as_of=day)


def served_decile_queries(scores: str, evaluation: str, columns: tuple[str, ...]) -> dict[str, str]:
    """The queries `served_deciles` runs for a mart that ranks `columns` of `scores` (a scores
    mart), judged by `evaluation`: the mart file's constant (see served_queries)."""
    return {
        **served_queries(scores, evaluation),
        "rows": f"""
SELECT user_id, {", ".join(columns)}, scored_by
FROM {scores}
WHERE scored_at = @cutoff AND scored_by = @scored_by
""",
    }


def served_deciles(
    context: Any,
    mart: str,
    queries: dict[str, str],
    ranked_by: str,
    baseline: str,
    day: date,
) -> Iterator[pd.DataFrame]:
    """The scores every user has at `day`, by the model or by the baseline its gate elected
    (served_scores), read by `queries` (from served_decile_queries), with the decile of
    `ranked_by` as score_decile, a batch of users at a time: the engine ranks them, and only
    each decile's bounds come back. A column scored_by says what scored them."""
    scored_by = served_scores(context, mart, queries, baseline, day)
    rows = queries["rows"]
    count = f"SELECT COUNT(*) AS users FROM ({rows})"
    bounds = fetch(
        context, score_bounds_sql(ranked_by, DECILES, rows), cutoff=day, scored_by=scored_by
    )
    batch = f"{rows} AND {BATCH_FILTER}"
    for served in user_batches(context, batch, day, count, scored_by=scored_by):
        if served.empty:  # SQLMesh cannot store an empty frame
            continue
        yield served.assign(score_decile=score_from_bounds(served[ranked_by], bounds), as_of=day)
