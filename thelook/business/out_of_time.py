"""Train at one cutoff, score the next: the one runner of the three scoring models.

Each scoring model (purchase propensity, customer value, the category model of the offers) is a
subclass of ScoringModel, passed as the class (SQLMesh serializes a model's code, not objects
built from it): how to train the model and its baseline on a cutoff's labelled rows, and the
outcome whose counts say whether there are enough rows to train the model at all. `out_of_time`
trains them and scores a later cutoff's rows a batch at a time. The baseline scores instead of the
model when the training rows are too few (thelook.business.classifier.too_few_rows), and beside
it when `with_baseline` asks: the current cutoff keeps both, so that the build can serve the
baseline's scores when the model's quality gate elects it (thelook.business.quality_gate.served).
"""

from collections.abc import Callable, Iterable, Iterator

import pandas as pd

from thelook.business.classifier import SCORED_BY_MODEL, too_few_rows

# Trained on one cutoff's rows: the score columns for a later cutoff's rows, keyed as they are.
Scorer = Callable[[pd.DataFrame], pd.DataFrame]


class ScoringModel:
    """What the runner needs of a scoring model."""

    @staticmethod
    def baseline() -> str:
        """What scored_by calls the baseline's scores."""
        raise NotImplementedError

    @staticmethod
    def outcome(training: pd.DataFrame) -> pd.Series:
        """The training rows' outcomes, as booleans: too few of either, and the model does not
        train."""
        raise NotImplementedError

    @staticmethod
    def fit_model(training: pd.DataFrame) -> Scorer:
        raise NotImplementedError

    @staticmethod
    def fit_baseline(training: pd.DataFrame) -> Scorer:
        raise NotImplementedError


def scorers(
    scoring: type[ScoringModel], training: pd.DataFrame, *, with_baseline: bool = False
) -> list[tuple[str, Scorer]]:
    """What scores the next cutoff, each with its scored_by: the model trained on `training`,
    and its baseline when `with_baseline`; the baseline alone when the rows are too few."""
    if too_few_rows(scoring.outcome(training)):
        return [(scoring.baseline(), scoring.fit_baseline(training))]
    model = (SCORED_BY_MODEL, scoring.fit_model(training))
    return (
        [model, (scoring.baseline(), scoring.fit_baseline(training))] if with_baseline else [model]
    )


def out_of_time(
    scoring: type[ScoringModel],
    training: pd.DataFrame,
    batches: Iterable[pd.DataFrame],
    *,
    with_baseline: bool = False,
) -> Iterator[pd.DataFrame]:
    """Train on `training` (one cutoff's labelled rows) and score each of `batches` (a later
    cutoff's rows): the scores of each batch, with scored_by saying what scored them."""
    trained = scorers(scoring, training, with_baseline=with_baseline)
    for batch in batches:
        if batch.empty:
            continue
        scored = [score(batch).assign(scored_by=scored_by) for scored_by, score in trained]
        yield pd.concat(scored, ignore_index=True)
