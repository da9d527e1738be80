"""cross_sell_opportunities and cross_sell_evaluation: the categories each user is offered.

A classifier over intermediate.unbought_categories learns, from the users who bought in
the 30 days after a cutoff, which of the categories they had not bought yet they bought: what
they browsed, how popular the category was, its affinity with what they had bought. Its
probability is the chance that the user's next purchase includes the category; for a user with
no history it rests on the category's popularity alone. The fitted model never leaves the
function that trains it.

Most users look alike to the model (no views, no history): it scores each distinct row of
features once (marts.offer_scores), and the engine joins the scores back to every user's
categories and ranks them (offer_rank_sql).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from thelook.business.classifier import MIN_ROWS_PER_OUTCOME, Fitted, fit
from thelook.business.out_of_time import Scorer, ScoringModel
from thelook.business.quality_gate import gate, paired_rate_upper_bound

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
    """A category's chance is its share of the items its department's customers bought
    (POPULARITY), the same for every user: what offers rest on when the training cutoff holds
    too few labelled categories of either outcome to train on."""

    def probabilities(self, frame: pd.DataFrame) -> np.ndarray:
        return frame[POPULARITY].astype("float64").fillna(0.0).to_numpy()


def _scorer(model: Fitted | PopularityBaseline) -> Scorer:
    def score(rows: pd.DataFrame) -> pd.DataFrame:
        return rows.assign(category_probability=model.probabilities(rows))

    return score


# The runner's view of the model (thelook.business.out_of_time): the classifier over each distinct
# row of OFFER_FEATURES, or popularity when too few categories were labelled either way
# (thelook.business.classifier.MIN_ROWS_PER_OUTCOME) or when the quality gate elects it.
class Offers(ScoringModel):
    @staticmethod
    def baseline() -> str:
        return SCORED_BY_BASELINE

    @staticmethod
    def outcome(training: pd.DataFrame) -> pd.Series:
        return training[OFFER_LABEL].astype(bool)

    @staticmethod
    def fit_model(training: pd.DataFrame) -> Scorer:
        return _scorer(fit(training, OFFER_NUMERIC, OFFER_CATEGORICAL, OFFER_LABEL))

    @staticmethod
    def fit_baseline(training: pd.DataFrame) -> Scorer:
        return _scorer(PopularityBaseline())


def offer_rank_sql(score: str) -> str:
    """The rank of each of a user's categories by `score`, in BigQuery SQL over rows of
    (cutoff_date, user_id, category, `score`): 1 is the highest score, and ties go to the
    category first in alphabetical order, so the ranking is reproducible. A user is offered the
    categories ranked up to OFFERS_PER_USER."""
    return f"ROW_NUMBER() OVER (PARTITION BY cutoff_date, user_id ORDER BY {score} DESC, category)"


def ranked_offers_sql(batch_filter: str) -> str:
    """The query that ranks offers, in BigQuery SQL: the scores of marts.offer_scores (by the
    model or its baseline: @scored_by) joined back to each user's unbought categories at @cutoff
    (intermediate.unbought_categories, on the whole row of OFFER_FEATURES, NULL matching NULL),
    ranked by those scores (offer_rank) and by popularity (popularity_rank); only the categories
    either would offer come back, with what the user bought next. `batch_filter` keeps one batch
    of users (a condition on unbought.user_id)."""
    same_features = " AND ".join(
        f"scores.{name} IS NOT DISTINCT FROM unbought.{name}" for name in OFFER_FEATURES
    )
    return f"""
WITH scored AS (
  SELECT
    unbought.cutoff_date,
    unbought.user_id,
    unbought.department,
    unbought.category,
    unbought.{POPULARITY},
    unbought.{OFFER_LABEL},
    unbought.revenue_next_30d,
    scores.category_probability
  FROM intermediate.unbought_categories AS unbought
  INNER JOIN marts.offer_scores AS scores
    ON scores.scored_at = unbought.cutoff_date AND {same_features}
  WHERE scores.scored_by = @scored_by
    AND unbought.cutoff_date = @cutoff
    AND {batch_filter}
), ranked AS (
  SELECT
    *,
    {offer_rank_sql("category_probability")} AS offer_rank,
    {offer_rank_sql(POPULARITY)} AS popularity_rank,
    LOGICAL_OR({OFFER_LABEL}) OVER (PARTITION BY cutoff_date, user_id) AS bought_new_category
  FROM scored
)
SELECT
  user_id, department, category, category_probability, offer_rank, popularity_rank,
  {OFFER_LABEL}, revenue_next_30d, bought_new_category
FROM ranked
WHERE offer_rank <= {OFFERS_PER_USER} OR popularity_rank <= {OFFERS_PER_USER}
ORDER BY user_id, offer_rank
"""


def with_expected_value(
    offers: pd.DataFrame, propensity: pd.DataFrame, category_value: pd.DataFrame
) -> pd.DataFrame:
    """Each offer (user_id, category, department, category_probability) with the user's
    purchase_probability, the chance the user buys the category (buy_probability:
    purchase_probability * category_probability) and its expected value: buy_probability * the
    category's net revenue (and net profit) per purchased item. The one definition of an offer's
    expected value: the strategies sum these columns."""
    valued = offers.merge(propensity, on="user_id", how="left", validate="many_to_one").merge(
        category_value, on=["department", "category"], how="left", validate="many_to_one"
    )
    chance = valued["purchase_probability"] * valued["category_probability"]
    valued["buy_probability"] = chance
    valued["expected_revenue"] = chance * valued["net_revenue_per_item"].fillna(0.0)
    valued["expected_profit"] = chance * valued["net_profit_per_item"].fillna(0.0)
    return valued


def offer_outcomes(ranked: pd.DataFrame) -> pd.DataFrame:
    """Per user of `ranked` (each user's categories ranked up to OFFERS_PER_USER by the model,
    offer_rank, or by popularity, popularity_rank, with OFFER_LABEL, revenue_next_30d and
    bought_new_category): whether the user bought a category new to them in the 30 days,
    whether one of those was among the model's offers or the popularity baseline's, and the
    net revenue of the offered categories bought."""
    bought = ranked[OFFER_LABEL].astype(bool)
    offered = ranked["offer_rank"].le(OFFERS_PER_USER)
    by_user = ranked.assign(
        model_hit=bought & offered,
        baseline_hit=bought & ranked["popularity_rank"].le(OFFERS_PER_USER),
        realised_revenue=ranked["revenue_next_30d"].where(offered, 0.0),
    ).groupby("user_id")
    return pd.DataFrame(
        {
            "bought_new_category": by_user["bought_new_category"].any(),
            "model_hit": by_user["model_hit"].any(),
            "baseline_hit": by_user["baseline_hit"].any(),
            "realised_revenue": by_user["realised_revenue"].sum(),
        }
    ).reset_index()


def evaluate_offers(
    ranked_batches: Iterable[pd.DataFrame],
    propensity: pd.DataFrame,
    category_value: pd.DataFrame,
) -> dict[str, Any]:
    """Offers made at a cutoff by a model trained on an earlier one, judged against what users
    bought in the 30 days after (`ranked_batches`, as offer_outcomes reads them): the hit rate
    at OFFERS_PER_USER among users who bought a category new to them, for the model and for
    offering the most popular categories of the department the user had not bought; and the
    expected against the realised net revenue of the offered categories."""
    # Counts and sums only, batch by batch: nothing is kept per user.
    users = buyers = model_hits = baseline_hits = model_only = baseline_only = 0
    expected = realised = 0.0
    for ranked in ranked_batches:
        if ranked.empty:
            continue
        outcomes = offer_outcomes(ranked)
        bought = outcomes.loc[outcomes["bought_new_category"]]
        users += len(outcomes)
        buyers += len(bought)
        model_hits += int(bought["model_hit"].sum())
        baseline_hits += int(bought["baseline_hit"].sum())
        model_only += int((bought["model_hit"] & ~bought["baseline_hit"]).sum())
        baseline_only += int((bought["baseline_hit"] & ~bought["model_hit"]).sum())
        realised += float(outcomes["realised_revenue"].sum())
        offers = ranked.loc[ranked["offer_rank"].le(OFFERS_PER_USER)]
        valued = with_expected_value(offers, propensity, category_value)
        expected += float(valued["expected_revenue"].sum())
    hit_rate = model_hits / buyers if buyers else None
    baseline_hit_rate = baseline_hits / buyers if buyers else None
    return {
        "users_offered": users,
        "users_who_bought_new_category": buyers,
        "hit_rate_at_3": hit_rate,
        "baseline_hit_rate_at_3": baseline_hit_rate,
        "expected_revenue": expected,
        "realised_revenue": realised,
        **gate(
            "hit_rate_at_3",
            hit_rate,
            baseline_hit_rate,
            lambda: paired_rate_upper_bound(model_only, baseline_only, buyers),
            enough=buyers >= MIN_ROWS_PER_OUTCOME,
        ),
    }
