"""One row per scored cutoff and distinct row of offer features: the category model's score, the
model trained once per cutoff."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.category_offers import (
    OFFER_LABEL,
    SCORED_BY_BASELINE,
    SCORED_BY_MODEL,
    score_categories,
)
from thelook.glue.as_of import as_of, cutoffs
from thelook.glue.audits import between, distinct_rows, not_null_columns, one_of
from thelook.glue.columns import Columns, declared
from thelook.glue.fallback import warn_on_fallback
from thelook.glue.fetch import fetch
from thelook.glue.scoring_inputs import OFFER_ROWS, labelled_unbought

FEATURES: Columns = {
    "department": ("STRING", "Men or Women."),
    "category": ("STRING", "A category of the department."),
    "product_views": ("INT64", "The user's product views of the category by the cutoff."),
    "product_views_last_30d": ("INT64", "Of them, in the 30 days up to the cutoff."),
    "category_share": (
        "FLOAT64",
        "The category's share of the department's items bought by the cutoff.",
    ),
    "max_affinity_lift": (
        "FLOAT64",
        "Highest lift towards the category from one the user bought; NULL if none.",
    ),
    "items_bought": ("INT64", "Items the user had bought by the cutoff."),
    "categories_bought": ("INT64", "Categories the user had bought by the cutoff."),
}
COLUMNS: Columns = {
    "scored_at": (
        "DATE",
        "The cutoff whose features were scored: as_of - 30 (the backtest's users) or as_of.",
    ),
    **FEATURES,
    "category_probability": (
        "FLOAT64",
        "Chance that a user with these features at scored_at includes the category in their "
        "next purchase, by the model trained on the cutoff 30 days before.",
    ),
    "scored_by": (
        "STRING",
        f"'{SCORED_BY_MODEL}', or '{SCORED_BY_BASELINE}' when the training cutoff held too few "
        "labelled categories of either outcome to train on.",
    ),
    "as_of": ("DATE", "The day the build measures to."),
}


@model(
    "marts.offer_scores",
    kind="FULL",
    clustered_by=["scored_at", "department", "category"],
    owner="marketing",
    grain=["scored_at", *FEATURES],
    description="The category model trained once per cutoff and applied to the next, one row per "
    "distinct row of features in intermediate.unbought_categories (many users share theirs): "
    "trained at as_of - 60 it scores the backtest's rows at as_of - 30, which "
    "marts.cross_sell_evaluation judges; trained at as_of - 30 it scores the rows at as_of, "
    "which marts.cross_sell_opportunities offers. The engine joins the scores back to each "
    "user's categories and ranks them.",
    depends_on=["intermediate.as_of", "intermediate.unbought_categories"],
    **declared(COLUMNS),
    audits=[
        not_null_columns("scored_at", "department", "category", "category_probability"),
        distinct_rows("scored_at", *FEATURES),
        between("category_probability", 0, 1),
        one_of("scored_by", (SCORED_BY_MODEL, SCORED_BY_BASELINE)),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> t.Iterator[pd.DataFrame]:
    backtest_cutoff, offer_cutoff, day = cutoffs(as_of(context))
    # (training cutoff, scored cutoff)
    for training_cutoff, scored_at in ((backtest_cutoff, offer_cutoff), (offer_cutoff, day)):
        training = labelled_unbought(context, training_cutoff)
        warn_on_fallback(
            context,
            "marts.offer_scores",
            training[OFFER_LABEL],
            training_cutoff,
            SCORED_BY_BASELINE,
        )
        rows = fetch(context, OFFER_ROWS, cutoff=scored_at)
        if rows.empty:  # SQLMesh cannot store an empty frame
            continue
        scores = score_categories(training, rows)
        yield scores.assign(scored_at=scored_at, as_of=day)[list(COLUMNS)]
