"""customer_segments and segment_summary: every user in one segment, scores that follow their
measure, and no dependence on row order."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from thelook.business.customer_segments import customer_segments, segment_summary
from thelook.business.scores import quantile_score
from thelook.business.segment_grid import ENGAGEMENT_TIERS, GRID, PROSPECT, SEGMENTS

# (recency_days, frequency, monetary, has_events, sessions in the window); frequency 0 is a
# non-buyer, whose recency is NULL.
user_rows = st.lists(
    st.tuples(
        st.integers(-1, 2000),
        st.integers(0, 8),
        st.sampled_from([0.0, 9.99, 25.0, 120.5, 999.0]),
        st.booleans(),
        st.integers(0, 6),
    ),
    min_size=1,
    max_size=60,
)


def frames(rows) -> tuple[pd.DataFrame, pd.DataFrame]:
    customers = pd.DataFrame(
        [
            (user, frequency > 0, None if frequency == 0 else recency, frequency, money, events)
            for user, (recency, frequency, money, events, _) in enumerate(rows, start=1)
        ],
        columns=["user_id", "is_buyer", "recency_days", "frequency", "monetary", "has_events"],
    )
    sessions = pd.DataFrame(
        [
            (user, count)
            for user, (*_, events, count) in enumerate(rows, start=1)
            if events and count > 0
        ],
        columns=["user_id", "engagement_sessions"],
    )
    return customers, sessions


@settings(max_examples=150, deadline=None)
@given(user_rows)
def test_every_user_gets_exactly_one_known_segment_and_tier(rows):
    customers, sessions = frames(rows)
    segments = customer_segments(customers, sessions)
    assert sorted(segments["user_id"]) == sorted(customers["user_id"])
    assert segments["segment"].isin(SEGMENTS).all()
    assert segments["engagement_tier"].isin(ENGAGEMENT_TIERS).all()
    buyers = segments["frequency"] > 0
    assert (segments.loc[~buyers, "segment"] == PROSPECT).all()
    assert segments.loc[buyers, ["r_score", "f_score", "m_score", "rfm_cell"]].notna().all().all()
    assert segments.loc[~buyers, ["r_score", "f_score", "m_score", "rfm_cell"]].isna().all().all()


@settings(max_examples=150, deadline=None)
@given(user_rows)
def test_scores_are_monotone_in_their_measure(rows):
    segments = customer_segments(*frames(rows))
    buyers = segments.loc[segments["frequency"] > 0]
    for measure, score, more_is_better in (
        ("recency_days", "r_score", False),
        ("monetary", "m_score", True),
        ("frequency", "f_score", True),
    ):
        ordered = buyers.sort_values(measure, ascending=more_is_better)
        assert ordered[score].astype(int).is_monotonic_increasing, measure
        # Ties share a score.
        assert (buyers.groupby(measure)[score].nunique() == 1).all()


@settings(max_examples=100, deadline=None)
@given(user_rows, st.randoms(use_true_random=False))
def test_row_order_changes_nothing(rows, random):
    customers, sessions = frames(rows)
    expected = customer_segments(customers, sessions).set_index("user_id").sort_index()
    order = list(range(len(customers)))
    random.shuffle(order)
    shuffled = customer_segments(customers.iloc[order], sessions.iloc[::-1])
    pd.testing.assert_frame_equal(shuffled.set_index("user_id").sort_index(), expected)


def test_the_grid_covers_every_cell_once():
    cells = [(r, f) for _, rs, fs in GRID for r in rs for f in fs]
    assert sorted(cells) == [(r, f) for r in range(1, 6) for f in range(1, 6)]


def test_quantile_score_is_ceil_of_five_times_cume_dist():
    values = pd.Series([10.0, 10.0, 20.0, 30.0, 30.0, 30.0, 40.0, 50.0, 60.0, 70.0])
    # CUME_DIST ascending: .2 .2 .3 .6 .6 .6 .7 .8 .9 1.0; an exact .2 or .6 stays in its score.
    assert quantile_score(values, 5).tolist() == [1, 1, 2, 3, 3, 3, 4, 4, 5, 5]
    assert quantile_score(values, 5, highest_is_best=False).tolist() == [
        5,
        5,
        4,
        4,
        4,
        4,
        2,
        2,
        1,
        1,
    ]


def test_summary_shares_and_order():
    totals = pd.DataFrame(
        {
            "segment": [PROSPECT, "Champions", "Hibernating"],
            "users": [5, 2, 3],
            "net_revenue": [0.0, 300.0, 100.0],
            "orders": [0, 9, 3],
            "predicted_net_revenue": [50.0, 4.0, 30.0],
            "avg_recency_days": [np.nan, 10.0, 900.0],
            "avg_frequency": [np.nan, 4.5, 1.0],
        }
    )
    summary = segment_summary(totals)
    assert summary["segment"].tolist() == ["Champions", "Hibernating", PROSPECT]
    assert summary["user_share"].tolist() == [0.2, 0.3, 0.5]
    assert summary["revenue_share"].tolist() == [0.75, 0.25, 0.0]
    assert summary["avg_net_revenue"].tolist() == [150.0, 100.0 / 3, 0.0]
    assert summary["avg_predicted_net_revenue"].tolist() == [2.0, 10.0, 10.0]
    assert summary["average_order_value"].tolist()[:2] == [300.0 / 9, 100.0 / 3]
    assert np.isnan(summary["average_order_value"].iloc[2])
