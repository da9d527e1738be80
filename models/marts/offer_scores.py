"""One row per scored cutoff and distinct row of offer features: the category model's score, the
model trained once per cutoff."""

import typing as t
from datetime import date, datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.category_offers import (
    OFFER_FEATURES,
    OFFER_LABEL,
    SCORED_BY_BASELINE,
    Offers,
)
from thelook.business.classifier import SCORED_BY_MODEL
from thelook.glue.as_of import as_of, cutoffs
from thelook.glue.audits import between, distinct_rows, not_null_columns, one_of
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch
from thelook.glue.scoring_inputs import HASHED, OFFER_ROWS, SAMPLE_CAP
from thelook.glue.scoring_runs import Run, scored_runs

# The category model learns what buyers bought: the unbought categories of at most SAMPLE_CAP
# users, drawn by a fixed hash, who bought anything in the 30 days after the cutoff.
UNBOUGHT_SAMPLE = f"""
SELECT user_id, {", ".join(OFFER_FEATURES)}, {OFFER_LABEL}
FROM intermediate.unbought_categories
WHERE cutoff_date = @cutoff
  AND user_id IN (
    SELECT user_id
    FROM intermediate.unbought_categories
    WHERE cutoff_date = @cutoff AND bought_anything_next_30d
    GROUP BY user_id
    ORDER BY {HASHED}
    LIMIT {SAMPLE_CAP}
  )
ORDER BY user_id, department, category
"""

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
        f"'{SCORED_BY_MODEL}' or '{SCORED_BY_BASELINE}': at as_of both score every row, and "
        "marts.cross_sell_opportunities offers by the one the quality gate elects; the baseline "
        "alone when the training cutoff held too few labelled categories of either outcome to "
        "train on.",
    ),
    "as_of": ("DATE", "The day the build measures to."),
}


@model(
    "marts.offer_scores",
    kind="FULL",
    clustered_by=["scored_at", "department", "category"],
    owner="marketing",
    grain=["scored_at", *FEATURES, "scored_by"],
    description="The category model trained once per cutoff and applied to the next, one row per "
    "distinct row of features in intermediate.unbought_categories (many users share theirs): "
    "trained at as_of - 60 it scores the backtest's rows at as_of - 30, which "
    "marts.cross_sell_evaluation judges; trained at as_of - 30 it scores the rows at as_of, "
    "beside the popularity baseline, and marts.cross_sell_opportunities offers by the one "
    "marts.cross_sell_evaluation's gate elects. The engine joins the scores back to each "
    "user's categories and ranks them.",
    depends_on=["intermediate.as_of", "intermediate.unbought_categories"],
    **declared(COLUMNS),
    audits=[
        not_null_columns("scored_at", "department", "category", "category_probability"),
        distinct_rows("scored_at", *FEATURES, "scored_by"),
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

    def rows(cutoff: date) -> list[pd.DataFrame]:
        """Each run scores one frame: the distinct rows of features at its cutoff."""
        return [fetch(context, OFFER_ROWS, cutoff=cutoff)]

    def training(cutoff: date) -> pd.DataFrame:
        return fetch(context, UNBOUGHT_SAMPLE, cutoff=cutoff)

    runs = (Run(backtest_cutoff, offer_cutoff, rows), Run(offer_cutoff, day, rows, True))
    for scores in scored_runs(context, "marts.offer_scores", Offers, training, runs, day):
        yield scores[list(COLUMNS)]
