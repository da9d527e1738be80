"""One row per build: the cross-sell offers judged out of time."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.category_offers import SCORED_BY_BASELINE, evaluate_offers
from thelook.business.classifier import SCORED_BY_MODEL
from thelook.business.quality_gate import evaluation_row
from thelook.glue.as_of import as_of, cutoffs
from thelook.glue.audits import always, at_least, between, scored_by_the_model, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch
from thelook.glue.gates import gate_audits, gate_columns
from thelook.glue.samples import BACKTEST_USERS
from thelook.glue.scoring_inputs import (
    OFFER_SCORED_BY,
    RANKED_OFFER_BATCH,
    SCORES,
    UNBOUGHT_USER_COUNT,
    category_value,
    user_batches,
    user_count,
)

COLUMNS: Columns = {
    "as_of": ("DATE", "The day the build measures to."),
    "training_cutoff": ("DATE", "as_of - 60: the models learn from what was known then."),
    "offer_cutoff": (
        "DATE",
        "as_of - 30: offers are made from what was known then, and judged on the 30 days after.",
    ),
    "scored_by": (
        "STRING",
        f"'{SCORED_BY_MODEL}', or '{SCORED_BY_BASELINE}' when the training cutoff held too few "
        "labelled categories of either outcome to train the category model on.",
    ),
    "users_known": ("INT64", "Users who had signed up by the offer cutoff."),
    "users_offered": (
        "INT64",
        f"Of them, users in the backtest with a category left to offer: the backtest covers every "
        f"user up to {BACKTEST_USERS:,} users and a fixed hash sample of about that many beyond.",
    ),
    "users_who_bought_new_category": (
        "INT64",
        "Of them, users who bought a category they had not bought before, in the 30 days.",
    ),
    "hit_rate_at_3": (
        "FLOAT64",
        "Share of those buyers with a newly bought category among their three offers.",
    ),
    "baseline_hit_rate_at_3": (
        "FLOAT64",
        "The same for offering the three most bought categories of the department that the "
        "user had not bought.",
    ),
    "expected_revenue": (
        "FLOAT64",
        "Sum of the offers' expected revenue over users_offered, US dollars.",
    ),
    "realised_revenue": (
        "FLOAT64",
        "Net revenue of the offered categories the users did buy in the 30 days, US dollars.",
    ),
    **gate_columns(
        "hit_rate_at_3",
        "baseline_hit_rate_at_3",
        "McNemar's paired test over the buyers, normal approximation",
    ),
}


@model(
    "marts.cross_sell_evaluation",
    kind="FULL",
    owner="marketing",
    grain="as_of",
    description="One row per build: offers made at as_of - 30 by models trained at as_of - 60, "
    "against the categories users bought in the 30 days up to as_of, beside a popularity "
    "baseline; and the offers' expected revenue against the revenue they realised. Beyond "
    f"{BACKTEST_USERS:,} users it judges a fixed hash sample of about that many.",
    depends_on=[
        "intermediate.as_of",
        "intermediate.unbought_categories",
        "intermediate.user_features",
        "marts.offer_scores",
        "marts.propensity_scores",
        "intermediate.category_value",
    ],
    **declared(COLUMNS),
    audits=[
        *unique_key("as_of"),
        *gate_audits(),
        scored_by_the_model(SCORED_BY_MODEL),
        between("hit_rate_at_3", 0, 1),
        between("baseline_hit_rate_at_3", 0, 1),
        at_least("expected_revenue", 0),
        at_least("realised_revenue", 0),
        always(
            "users_offered <= users_known",
            "users_who_bought_new_category <= users_offered",
            "training_cutoff < offer_cutoff",
            "offer_cutoff < as_of",
        ),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> pd.DataFrame:
    training_cutoff, offer_cutoff, day = cutoffs(as_of(context))
    # Only the users with a category left to offer are offered anything: at this cutoff, the
    # backtest's. Their chance of buying is the propensity model's, and the categories' the
    # category model's, each trained once at the training cutoff (marts.propensity_scores,
    # marts.offer_scores).
    scored_by = fetch(context, OFFER_SCORED_BY, cutoff=offer_cutoff)["scored_by"]
    offered = {
        "cutoff": offer_cutoff,
        "population": UNBOUGHT_USER_COUNT,
        "scored_by": scored_by.iloc[0] if len(scored_by) else SCORED_BY_BASELINE,
    }
    scores = fetch(context, SCORES, cutoff=offer_cutoff)
    quality = evaluate_offers(
        ranked_batches=user_batches(context, RANKED_OFFER_BATCH, **offered),
        propensity=scores[["user_id", "purchase_probability"]],
        category_value=category_value(context, offer_cutoff),
    )
    measures = {"users_known": user_count(context, offer_cutoff), **quality}
    judged_at = ("offer_cutoff", offer_cutoff)
    row = evaluation_row(day, training_cutoff, judged_at, scored_by, SCORED_BY_BASELINE, measures)
    return row[list(COLUMNS)]
