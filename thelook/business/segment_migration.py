"""segment_migration and slipping_customers: who moved between segments in the month before
as_of, and the valuable customers who slipped to a segment that needs winning back."""

import pandas as pd

from thelook.business.measures import net_revenue, rate
from thelook.business.segment_grid import (
    SEGMENTS,
    SIGNED_UP_SINCE,
    VALUABLE_SEGMENTS,
    WIN_BACK_SEGMENTS,
)

# The rows of a heat map, top to bottom: the segments, then the users who had none.
PREVIOUS_SEGMENTS = (*SEGMENTS, SIGNED_UP_SINCE)


def segment_migration(moves: pd.DataFrame) -> pd.DataFrame:
    """One row per (previous_segment, segment) of `moves` (customers, gross_revenue,
    returned_revenue and predicted_net_revenue, summed per pair in the engine), with the net
    revenue of the month between, each pair's share of its previous segment and whether the
    customers moved, in the order a heat map lists them."""
    migration = moves.copy()
    migration["customers"] = migration["customers"].astype("int64")
    migration["net_revenue"] = net_revenue(
        migration["gross_revenue"].astype("float64"),
        migration["returned_revenue"].astype("float64"),
    )
    migration["predicted_net_revenue"] = migration["predicted_net_revenue"].astype("float64")
    previous_sizes = migration.groupby("previous_segment")["customers"].transform("sum")
    migration["share_of_previous"] = rate(migration["customers"], previous_sizes)
    migration["has_moved"] = migration["previous_segment"] != migration["segment"]
    migration["previous_display_order"] = _display_order(
        migration["previous_segment"], PREVIOUS_SEGMENTS
    )
    migration["display_order"] = _display_order(migration["segment"], SEGMENTS)
    return migration.sort_values(["previous_display_order", "display_order"]).reset_index(drop=True)


def has_slipped(previous_segment: pd.Series, segment: pd.Series) -> pd.Series:
    """Whether a customer moved from a valuable segment to one that needs winning back."""
    return previous_segment.isin(VALUABLE_SEGMENTS) & segment.isin(WIN_BACK_SEGMENTS)


def _display_order(names: pd.Series, order: tuple[str, ...]) -> pd.Series:
    return names.map({name: position for position, name in enumerate(order, start=1)})


def slipping_customers(customers: pd.DataFrame) -> pd.DataFrame:
    """The customers of `customers` (one row per user with previous_segment and segment) who
    slipped, the most valuable first: by predicted net revenue, then by past net revenue, then
    by user id, so that the order is the same on every run. `priority` numbers them from 1."""
    slipped = customers.loc[has_slipped(customers["previous_segment"], customers["segment"])]
    slipped = slipped.sort_values(
        ["predicted_net_revenue", "net_revenue", "user_id"], ascending=[False, False, True]
    ).reset_index(drop=True)
    slipped["priority"] = pd.RangeIndex(1, len(slipped) + 1)
    return slipped
