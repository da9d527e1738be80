"""customer_segments and segment_summary: RFM scores, the named grid and engagement tiers."""

import numpy as np
import pandas as pd

from thelook.business.measures import average_order_value, fill_zero, rate
from thelook.business.scores import score_bounds, score_from_bounds
from thelook.business.segment_grid import (
    GRID,
    NO_ACTIVITY,
    PROSPECT,
    RFM_SCORES,
    SEGMENTS,
    SIGNED_UP_SINCE,
    TIERS,
)


def _grid_lookup() -> np.ndarray:
    """The segment of every (R - 1, F - 1) cell."""
    cells = np.full((RFM_SCORES, RFM_SCORES), None, dtype=object)
    for name, recency_scores, frequency_scores in GRID:
        for r in recency_scores:
            for f in frequency_scores:
                cells[r - 1, f - 1] = name
    return cells


def engagement_tier(sessions: pd.Series, has_events: pd.Series) -> pd.Series:
    """The tier of each user from the sessions of the engagement window; NO_ACTIVITY for a
    user with no web event at all."""
    names = [name for name, _ in TIERS]
    floors = [fewest for _, fewest in TIERS]
    tier = np.array(names, dtype=object)[np.searchsorted(floors, sessions, side="right") - 1]
    return pd.Series(np.where(has_events, tier, NO_ACTIVITY), index=sessions.index)


def customer_segments(
    customers: pd.DataFrame,
    recent_sessions: pd.DataFrame,
    recency_bounds: pd.DataFrame | None = None,
    monetary_bounds: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per user of `customers` (user_id, is_buyer, recency_days, frequency, monetary,
    has_events), scored and named. `recent_sessions` holds the distinct sessions of the
    engagement window (user_id, engagement_sessions) of the users who had any. Buyers are
    scored (is_buyer, thelook.business.customer_metrics); scores and the RFM cell are NULL for
    everybody else, the Prospects.

    Recency and monetary scores rank a buyer among all buyers. When `customers` is a batch, the
    bounds of those scores over all buyers come with it (thelook.business.scores); by default they
    are taken from `customers`' own buyers."""
    segments = customers.merge(recent_sessions, on="user_id", how="left", validate="one_to_one")
    segments = fill_zero(segments, {"engagement_sessions": "int64"})
    segments["frequency"] = segments["frequency"].astype("int64")
    segments["monetary"] = segments["monetary"].astype("float64")
    segments["recency_days"] = segments["recency_days"].astype("Int64")

    is_buyer = segments["is_buyer"].astype(bool)
    buyers = segments.loc[is_buyer]
    recency = buyers["recency_days"].astype("int64")
    if recency_bounds is None:
        recency_bounds = score_bounds(recency, RFM_SCORES, highest_is_best=False)
    if monetary_bounds is None:
        monetary_bounds = score_bounds(buyers["monetary"], RFM_SCORES)
    r_score = score_from_bounds(recency, recency_bounds)
    f_score = buyers["frequency"].clip(upper=RFM_SCORES)
    m_score = score_from_bounds(buyers["monetary"], monetary_bounds)
    segments["r_score"] = r_score.reindex(segments.index).astype("Int64")
    segments["f_score"] = f_score.reindex(segments.index).astype("Int64")
    segments["m_score"] = m_score.reindex(segments.index).astype("Int64")
    cell = r_score.astype(str) + f_score.astype(str) + m_score.astype(str)
    segments["rfm_cell"] = cell.reindex(segments.index)

    segments["segment"] = PROSPECT
    segments.loc[is_buyer, "segment"] = _grid_lookup()[
        r_score.to_numpy("int64") - 1, f_score.to_numpy("int64") - 1
    ]
    segments["engagement_tier"] = engagement_tier(
        segments["engagement_sessions"], segments["has_events"].astype(bool)
    )
    return segments.reset_index(drop=True)


def with_previous_segment(segments: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """`segments` with each user's `previous_segment`: their segment in `previous` (the same
    users scored at an earlier day), SIGNED_UP_SINCE for a user who is not in it."""
    earlier = previous[["user_id", "segment"]].rename(columns={"segment": "previous_segment"})
    segments = segments.merge(earlier, on="user_id", how="left", validate="one_to_one")
    segments["previous_segment"] = segments["previous_segment"].fillna(SIGNED_UP_SINCE)
    return segments


def segment_summary(totals: pd.DataFrame) -> pd.DataFrame:
    """One row per segment of `totals` (segment, users, net_revenue, orders,
    predicted_net_revenue, avg_recency_days, avg_frequency, summed or averaged per segment in the
    engine), with each segment's share of users and of net revenue, past and predicted revenue
    per user, its average order value and its place in a chart."""
    summary = totals.copy()
    summary["users"] = summary["users"].astype("int64")
    summary["net_revenue"] = summary["net_revenue"].astype("float64")
    summary["user_share"] = rate(summary["users"], pd.Series(summary["users"].sum(), summary.index))
    revenue = pd.Series(summary["net_revenue"].sum(), summary.index)
    summary["revenue_share"] = rate(summary["net_revenue"], revenue)
    summary["avg_net_revenue"] = rate(summary["net_revenue"], summary["users"])
    summary["orders"] = summary["orders"].astype("int64")
    summary["average_order_value"] = average_order_value(summary["net_revenue"], summary["orders"])
    summary["predicted_net_revenue"] = summary["predicted_net_revenue"].astype("float64")
    summary["avg_predicted_net_revenue"] = rate(summary["predicted_net_revenue"], summary["users"])
    summary["display_order"] = summary["segment"].map(
        {name: order for order, name in enumerate(SEGMENTS, start=1)}
    )
    return summary.sort_values("display_order").reset_index(drop=True)
