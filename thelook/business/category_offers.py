"""cross_sell_opportunities and cross_sell_evaluation: the categories each user is offered.

A classifier over intermediate.unbought_categories learns, from the users who bought in
the 30 days after a cutoff, which of the categories they had not bought yet they bought: what
they browsed, how popular the category was, its affinity with what they had bought. Its
probability is the chance that the user's next purchase includes the category; for a user with
no history it rests on the category's popularity alone. The fitted model never leaves the
function that trains it.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from thelook.business.classifier import SCORED_BY_MODEL, Fitted, fit, too_few_rows

OFFER_NUMERIC = (
    "product_views",
    "product_views_last_30d",
    "category_share",
    "max_affinity_lift",
    "items_bought",
    "categories_bought",
)
OFFER_CATEGORICAL = ("department", "category")
OFFER_FEATURES = OFFER_NUMERIC + OFFER_CATEGORICAL
OFFER_LABEL = "bought_next_30d"
# Part of what an offer is, not a knob: hit_rate_at_3 in marts.cross_sell_evaluation is named
# for it.
OFFERS_PER_USER = 3
# The popularity baseline ranks a user's categories by this share; the model is judged against it.
POPULARITY = "category_share"
SCORED_BY_BASELINE = "popularity baseline"


@dataclass(frozen=True)
class PopularityBaseline:
    """A category's chance is its share of its department's buyers (POPULARITY), the same for
    every user: what offers rest on when too few buyers were labelled to train on."""

    def probabilities(self, frame: pd.DataFrame) -> np.ndarray:
        return frame[POPULARITY].astype("float64").fillna(0.0).to_numpy()


def offer_model(training: pd.DataFrame) -> Fitted | PopularityBaseline:
    """The classifier trained on `training`, or the popularity baseline when its labelled rows
    are too few (thelook.business.classifier.MIN_ROWS_PER_OUTCOME)."""
    if too_few_rows(training[OFFER_LABEL]):
        return PopularityBaseline()
    return fit(training, OFFER_NUMERIC, OFFER_CATEGORICAL, OFFER_LABEL)


def scored_by(model: Any) -> str:
    return SCORED_BY_BASELINE if isinstance(model, PopularityBaseline) else SCORED_BY_MODEL


def top_offers(unbought: pd.DataFrame, score: str) -> pd.DataFrame:
    """The OFFERS_PER_USER categories of each user with the highest `score`, ranked from 1;
    ties go to the category first in alphabetical order, so the ranking is reproducible."""
    ordered = unbought.sort_values(
        ["user_id", score, "category"], ascending=[True, False, True], kind="stable"
    )
    ordered["rank"] = ordered.groupby("user_id").cumcount() + 1
    return ordered.loc[ordered["rank"] <= OFFERS_PER_USER].reset_index(drop=True)


def ranked_offers(
    training: pd.DataFrame, unbought_batches: Iterable[pd.DataFrame]
) -> Iterator[pd.DataFrame]:
    """Train on `training` (unbought categories with OFFER_LABEL at an earlier cutoff, for users
    who bought then) and yield, for each batch of unbought categories, every user's top offers
    with their category_probability."""
    model = offer_model(training)
    for batch in unbought_batches:
        scored = batch.assign(category_probability=model.probabilities(batch))
        yield top_offers(scored, "category_probability")


def with_expected_value(
    offers: pd.DataFrame, propensity: pd.DataFrame, category_value: pd.DataFrame
) -> pd.DataFrame:
    """Each offer (user_id, category, department, category_probability) with the user's
    purchase_probability and its expected value: purchase_probability * category_probability *
    the category's net revenue (and net profit) per purchased item."""
    valued = offers.merge(propensity, on="user_id", how="left", validate="many_to_one").merge(
        category_value, on=["department", "category"], how="left", validate="many_to_one"
    )
    chance = valued["purchase_probability"] * valued["category_probability"]
    valued["expected_revenue"] = chance * valued["net_revenue_per_item"].fillna(0.0)
    valued["expected_profit"] = chance * valued["net_profit_per_item"].fillna(0.0)
    return valued


def offer_outcomes(
    unbought: pd.DataFrame, offers: pd.DataFrame, baseline: pd.DataFrame
) -> pd.DataFrame:
    """Per user of `unbought` (with OFFER_LABEL and revenue_next_30d): whether the user bought a
    category new to them in the 30 days, whether one of those was among the model's `offers`
    or the `baseline`'s, and the net revenue of the offered categories bought."""
    bought = unbought.loc[unbought[OFFER_LABEL].astype(bool), ["user_id", "category"]]
    offered = offers.merge(unbought[["user_id", "category", OFFER_LABEL, "revenue_next_30d"]])
    baseline_hits = baseline.merge(bought)
    outcomes = pd.DataFrame({"user_id": np.unique(unbought["user_id"])})
    outcomes["bought_new_category"] = outcomes["user_id"].isin(bought["user_id"])
    outcomes["model_hit"] = outcomes["user_id"].isin(
        offered.loc[offered[OFFER_LABEL].astype(bool), "user_id"]
    )
    outcomes["baseline_hit"] = outcomes["user_id"].isin(baseline_hits["user_id"])
    realised = offered.groupby("user_id")["revenue_next_30d"].sum()
    outcomes["realised_revenue"] = outcomes["user_id"].map(realised).fillna(0.0)
    return outcomes


def evaluate_offers(
    training: pd.DataFrame,
    unbought_batches: Iterable[pd.DataFrame],
    propensity: pd.DataFrame,
    category_value: pd.DataFrame,
) -> dict[str, Any]:
    """Offers made at a cutoff by a model trained on an earlier one (`training`), judged
    against what users bought in the 30 days after: the hit rate at OFFERS_PER_USER among users
    who bought a category new to them, for the model and for offering the most popular
    categories of the department the user had not bought; and the expected against the
    realised net revenue of the offered categories."""
    model = offer_model(training)
    # Counts and sums only, batch by batch: nothing is kept per user.
    users = buyers = model_hits = baseline_hits = 0
    expected = realised = 0.0
    for unbought in unbought_batches:
        if unbought.empty:
            continue
        scored = unbought.assign(category_probability=model.probabilities(unbought))
        offers = top_offers(scored, "category_probability")
        baseline = top_offers(unbought, POPULARITY)
        outcomes = offer_outcomes(unbought, offers, baseline)
        bought = outcomes.loc[outcomes["bought_new_category"]]
        users += len(outcomes)
        buyers += len(bought)
        model_hits += int(bought["model_hit"].sum())
        baseline_hits += int(bought["baseline_hit"].sum())
        realised += float(outcomes["realised_revenue"].sum())
        valued = with_expected_value(offers, propensity, category_value)
        expected += float(valued["expected_revenue"].sum())
    return {
        "scored_by": scored_by(model),
        "users_offered": users,
        "users_who_bought_new_category": buyers,
        "hit_rate_at_3": model_hits / buyers if buyers else None,
        "baseline_hit_rate_at_3": baseline_hits / buyers if buyers else None,
        "expected_revenue": expected,
        "realised_revenue": realised,
    }
