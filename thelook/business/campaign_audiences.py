"""campaign_audiences: who a campaign is sent to, and who is held out to prove what it earned.

A campaign's audience is chosen from what was known at its audience day (its start day, or as_of
for a campaign not started yet): the segment and engagement tier by customer_segments' own rules
at that day, and whether the offered category could be offered then. The value and propensity
deciles, and the offer's expected value, are the current build's (as_of): the project keeps no
scores at other days (docs/campaigns.md says what that means for a readout).

Each customer falls in the holdout when a salted hash of the user id, in BUCKETS buckets, is below
the campaign's holdout share of them: the same customer in the same group on every build and
whatever the order of the rows; another salt draws another holdout.
"""

import hashlib
import math
from typing import Any

import numpy as np
import pandas as pd

from thelook.business.category_offers import with_expected_value
from thelook.business.customer_segments import customer_segments
from thelook.business.strategy_impact import holdout_size
from thelook.glue.samples import MODULUS

BUCKETS = 10_000
TREATMENT, HOLDOUT = "treatment", "holdout"
GROUPS = (TREATMENT, HOLDOUT)
MAX_HOLDOUT_SHARE = 0.5
# The two multipliers of thelook.glue.samples.user_hash (MINSTD's and another), each offset by a
# number drawn from the salt: products of numbers below MODULUS stay within int64.
MULTIPLIERS = (48271, 69621)


def salt_offsets(salt: str) -> tuple[int, int]:
    """Two numbers below MODULUS drawn from the salt by SHA-256: the same on every machine."""
    digest = hashlib.sha256(salt.encode("utf-8")).digest()
    return tuple(int.from_bytes(digest[i : i + 8], "big") % MODULUS for i in (0, 8))


def salted_bucket(user_ids: Any, salt: str) -> np.ndarray:
    """Each user's bucket, 0 to BUCKETS - 1: ((id * 48271 + s1) mod p) * ((id * 69621 + s2)
    mod p) mod p mod BUCKETS, p = MODULUS, s1 and s2 from the salt. Quadratic in the id, as the
    samples' hash is, so consecutive ids do not fall in a lattice; exact in int64. Computed in
    the mart rather than the engine, so BigQuery and DuckDB cannot differ."""
    ids = np.asarray(user_ids, dtype="int64") % MODULUS
    first, second = (
        (ids * multiplier + offset) % MODULUS
        for multiplier, offset in zip(MULTIPLIERS, salt_offsets(salt), strict=True)
    )
    return (first * second) % MODULUS % BUCKETS


def assign(user_ids: Any, salt: str, holdout_share: float) -> np.ndarray:
    """TREATMENT or HOLDOUT for each user: held out when the bucket is below the share of
    BUCKETS."""
    held_out = salted_bucket(user_ids, salt) < round(holdout_share * BUCKETS)
    return np.where(held_out, HOLDOUT, TREATMENT)


def share_to_hold_out(campaign: dict[str, Any], expected_buy_rate: float, users: int) -> float:
    """The campaign's holdout share: as its file states it, or, when it states the uplift to
    detect, the share that holds out the users strategy_impact.holdout_size needs at the
    audience's expected buy rate, in whole buckets; MAX_HOLDOUT_SHARE when the audience is too
    small for that (the plan warns) or no test applies."""
    if campaign["holdout_share"] is not None:
        return campaign["holdout_share"]
    needed = int(holdout_size(np.array([expected_buy_rate]), campaign["detectable_uplift"])[0])
    if needed == 0 or users < 2 * needed:
        return MAX_HOLDOUT_SHARE
    return math.ceil(needed / users * BUCKETS) / BUCKETS


def in_audience(segmented: pd.DataFrame, campaign: dict[str, Any]) -> pd.Series:
    """Whether each customer (is_eligible, segment, engagement_tier, value_decile,
    propensity_decile) is in the campaign's audience; a filter left out keeps everyone."""
    keep = segmented["is_eligible"].astype(bool)
    for column, allowed in (("segment", "segments"), ("engagement_tier", "engagement_tiers")):
        if campaign[allowed] is not None:
            keep &= segmented[column].isin(campaign[allowed])
    for column in ("value_decile", "propensity_decile"):
        lowest, highest = campaign[f"{column}s"]
        if (lowest, highest) != (1, 10):
            keep &= segmented[column].between(lowest, highest).fillna(False).astype(bool)
    return keep


def campaign_audience(
    campaign: dict[str, Any],
    customers: pd.DataFrame,
    scores: pd.DataFrame,
    offer_values: pd.DataFrame,
) -> pd.DataFrame:
    """One row per customer of the campaign's audience with its group and offer.

    `customers`: every user at the audience day (intermediate.campaign_customers: user_id,
    is_eligible, tenure_days, frequency, monetary, recency_days, has_events,
    engagement_sessions), so that recency and money are scored among all buyers then.
    `scores`: user_id, purchase_probability, propensity_decile, value_decile at as_of.
    `offer_values`: per department and category at as_of, category_share (the popularity the
    offers' baseline rests on) and net revenue and profit per purchased item."""
    customers = customers.assign(is_buyer=customers["frequency"] > 0)
    segmented = customer_segments(
        customers.drop(columns="engagement_sessions"),
        customers.loc[customers["engagement_sessions"] > 0, ["user_id", "engagement_sessions"]],
    )
    segmented = segmented.merge(
        scores[["user_id", "propensity_decile", "value_decile"]],
        on="user_id",
        how="left",
        validate="one_to_one",
    )
    audience = segmented.loc[in_audience(segmented, campaign)]
    if audience.empty:
        return audience
    offers = audience[["user_id"]].assign(
        department=campaign["department"], category=campaign["category"]
    )
    popularity = offer_values.set_index(["department", "category"])["category_share"]
    offer = (campaign["department"], campaign["category"])
    offers["category_probability"] = popularity.get(offer, 0.0)
    valued = with_expected_value(
        offers,
        scores[["user_id", "purchase_probability"]],
        offer_values.drop(columns="category_share"),
    ).merge(audience, on="user_id", validate="one_to_one")
    valued["buy_probability"] = valued["buy_probability"].fillna(0.0)
    valued["expected_revenue"] = valued["expected_revenue"].fillna(0.0)
    share = share_to_hold_out(campaign, valued["buy_probability"].mean(), len(valued))
    valued["holdout_share"] = share
    valued["assigned_group"] = assign(valued["user_id"], campaign["salt"], share)
    valued["campaign"] = campaign["campaign"]
    valued["pre_start_net_revenue"] = valued["monetary"]
    valued["pre_start_orders"] = valued["frequency"]
    for decile in ("value_decile", "propensity_decile"):
        valued[decile] = valued[decile].astype("Int64")
    valued["start_day"] = pd.Timestamp(campaign["start_day"]).date()
    return valued.sort_values("user_id", ignore_index=True)
