"""Three offers per user: the categories of the user's department not bought yet that the
user is most likely to buy next, with their expected value."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.category_offers import (
    OFFERS_PER_USER,
    SCORED_BY_BASELINE,
    with_expected_value,
)
from thelook.business.classifier import SCORED_BY_MODEL
from thelook.business.segment_grid import SEGMENTS
from thelook.glue.as_of import as_of
from thelook.glue.audits import always, at_least, between, foreign_key, one_of, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.fallback import served_queries, served_scores
from thelook.glue.scoring_inputs import (
    PROPENSITY_BATCH,
    RANKED_OFFER_BATCH,
    SEGMENT_BATCH,
    category_value,
    user_batches,
)

COLUMNS: Columns = {
    "user_id": ("INT64", "The user, signed up by as_of."),
    "rank": ("INT64", "1-3: 1 is the category the user is most likely to buy next."),
    "category": ("STRING", "A category of the user's department not bought by as_of."),
    "department": ("STRING", "Men or Women: the department of the user's gender."),
    "segment": ("STRING", "The user's segment in customer_segments."),
    "purchase_probability": (
        "FLOAT64",
        "Chance the user buys in the next 30 days (purchase_propensity).",
    ),
    "category_probability": (
        "FLOAT64",
        "Chance that the user's next purchase includes this category, from what the user "
        "bought and browsed and the category's popularity, known at as_of; with too few labelled "
        "buyers to train on, the category's popularity alone (its share of the department's "
        "buyers).",
    ),
    "buy_probability": (
        "FLOAT64",
        "Chance the user buys the category in the next 30 days: purchase_probability * "
        "category_probability.",
    ),
    "expected_revenue": (
        "FLOAT64",
        "buy_probability * the category's net revenue per purchased item, US dollars.",
    ),
    "expected_profit": (
        "FLOAT64",
        "buy_probability * the category's net profit per purchased item, US dollars.",
    ),
    "scored_by": (
        "STRING",
        f"What ranked the offers: '{SCORED_BY_MODEL}', or '{SCORED_BY_BASELINE}' when "
        "marts.cross_sell_evaluation's quality gate found the model worse than it beyond noise "
        "(it elects the baseline), or the model had too few labelled buyers to train on.",
    ),
    "as_of": ("DATE", "The day the offers are made from what was known."),
}

# What the mart reads to know which offers it serves: the evaluation's verdict, what scored.
SERVED = served_queries("marts.offer_scores", "marts.cross_sell_evaluation")


@model(
    "marts.cross_sell_opportunities",
    kind="FULL",
    clustered_by=["segment", "category"],
    owner="marketing",
    grain=["user_id", "rank"],
    description="One row per user who had signed up by as_of and offer rank: the three "
    "categories of the user's department the user had not bought and is most likely to buy "
    "next, from a classifier trained at as_of - 30 on what buyers then bought "
    "(marts.offer_scores), with the expected revenue and profit of each offer; by popularity "
    "instead when marts.cross_sell_evaluation's quality gate elects it.",
    depends_on=[
        "intermediate.as_of",
        "intermediate.unbought_categories",
        "intermediate.user_category_activity",
        "intermediate.user_features",
        "staging.stg_users",
        "intermediate.category_value",
        "marts.offer_scores",
        "marts.cross_sell_evaluation",
        "marts.purchase_propensity",
        "marts.customer_segments",
    ],
    **declared(COLUMNS),
    audits=[
        *unique_key("user_id", "rank"),
        *unique_key("user_id", "category"),
        foreign_key("user_id", "marts.purchase_propensity"),
        ("offers_fit_the_user", {}),
        between("rank", 1, OFFERS_PER_USER),
        *(
            between(column, 0, 1)
            for column in ("purchase_probability", "category_probability", "buy_probability")
        ),
        at_least("expected_revenue", 0),
        one_of("segment", SEGMENTS),
        one_of("department", ("Men", "Women")),
        one_of("scored_by", (SCORED_BY_MODEL, SCORED_BY_BASELINE)),
        always("expected_profit <= expected_revenue"),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> t.Iterator[pd.DataFrame]:
    day = as_of(context)
    values = category_value(context, day)
    scored_by = served_scores(
        context, "marts.cross_sell_opportunities", SERVED, SCORED_BY_BASELINE, day
    )
    offers = user_batches(context, RANKED_OFFER_BATCH, day, scored_by=scored_by)
    propensity = user_batches(context, PROPENSITY_BATCH, day)
    segments = user_batches(context, SEGMENT_BATCH, day)
    # The three inputs are read batch by batch, the same users in each.
    for batch_offers, batch_propensity, batch_segments in zip(
        offers, propensity, segments, strict=True
    ):
        offered = batch_offers.loc[batch_offers["offer_rank"] <= OFFERS_PER_USER]
        if offered.empty:  # SQLMesh cannot store an empty frame
            continue
        valued = with_expected_value(offered, batch_propensity, values)
        valued = valued.merge(batch_segments, on="user_id", how="left", validate="many_to_one")
        valued["rank"] = valued["offer_rank"]
        valued["scored_by"] = scored_by
        valued["as_of"] = day
        yield valued[list(COLUMNS)]
