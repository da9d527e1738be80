"""segment_migration and slipping_customers: every move counted once, and the slipping list in
the order a campaign calls it."""

import pandas as pd

from thelook.business.segment_grid import (
    SEGMENTS,
    SIGNED_UP_SINCE,
    VALUABLE_SEGMENTS,
    WIN_BACK_SEGMENTS,
)
from thelook.business.segment_migration import has_slipped, segment_migration, slipping_customers


def test_valuable_and_win_back_segments_are_segments_and_apart():
    assert set(VALUABLE_SEGMENTS) <= set(SEGMENTS) and set(WIN_BACK_SEGMENTS) <= set(SEGMENTS)
    assert not set(VALUABLE_SEGMENTS) & set(WIN_BACK_SEGMENTS)
    assert SIGNED_UP_SINCE not in SEGMENTS


def test_shares_of_the_previous_segment_add_up_to_one_and_the_rows_come_in_grid_order():
    moves = pd.DataFrame(
        {
            "previous_segment": [SIGNED_UP_SINCE, "Loyal", "Champions", "Champions"],
            "segment": ["New", "At risk", "Loyal", "Champions"],
            "customers": [4, 2, 1, 3],
            "gross_revenue": [40.0, 0.0, 10.0, 30.0],
            "returned_revenue": [5.0, 0.0, 0.0, 0.0],
            "predicted_net_revenue": [8.0, 1.0, 0.0, 0.0],
        }
    )
    migration = segment_migration(moves)
    assert migration["previous_segment"].tolist() == [
        "Champions",
        "Champions",
        "Loyal",
        SIGNED_UP_SINCE,
    ]
    assert migration["segment"].tolist()[:2] == ["Champions", "Loyal"]
    assert migration.groupby("previous_segment")["share_of_previous"].sum().tolist() == [1.0] * 3
    assert migration["has_moved"].tolist() == [False, True, True, True]
    assert migration["net_revenue"].tolist() == [30.0, 10.0, 0.0, 35.0]


def test_only_a_move_from_valuable_to_win_back_is_a_slip():
    previous = pd.Series(["Champions", "Champions", "Hibernating", "Potential loyalist"])
    now = pd.Series(["Loyal", "At risk", "Hibernating", "About to sleep"])
    assert has_slipped(previous, now).tolist() == [False, True, False, True]


def test_the_slipping_list_puts_the_most_valuable_first_and_ties_by_spend_then_id():
    customers = pd.DataFrame(
        {
            "user_id": [5, 3, 9, 1, 2],
            "previous_segment": ["Loyal", "Loyal", "Champions", "Loyal", "New"],
            "segment": ["At risk", "At risk", "At risk", "At risk", "Promising"],
            "predicted_net_revenue": [10.0, 10.0, 10.0, 50.0, 99.0],
            "net_revenue": [100.0, 100.0, 200.0, 1.0, 1.0],
        }
    )
    slipped = slipping_customers(customers)
    assert slipped["user_id"].tolist() == [1, 9, 3, 5]
    assert slipped["priority"].tolist() == [1, 2, 3, 4]
