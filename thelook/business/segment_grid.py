"""The customer segments and engagement tiers: every threshold a marketer tunes, in one place.

RFM scores run 1 to 5. Recency and monetary are scored by quantile among buyers (5 = most
recent, most spent); frequency is scored by the order count itself, capped at 5, because order
counts are small and heavily tied.
"""

RFM_SCORES = 5

# (segment, recency scores, frequency scores), in the order a chart lists them. The cells cover
# every (R, F) pair exactly once.
GRID: tuple[tuple[str, tuple[int, ...], tuple[int, ...]], ...] = (
    ("Champions", (5,), (4, 5)),
    ("Loyal", (3, 4), (4, 5)),
    ("Potential loyalist", (4, 5), (2, 3)),
    ("New", (5,), (1,)),
    ("Promising", (4,), (1,)),
    ("Needs attention", (3,), (3,)),
    ("About to sleep", (3,), (1, 2)),
    ("At risk", (1, 2), (3, 4)),
    ("Can't lose", (1, 2), (5,)),
    ("Hibernating", (1, 2), (1, 2)),
)
# Every user with no order that was not cancelled.
PROSPECT = "Prospect"
SEGMENTS = (*(name for name, _, _ in GRID), PROSPECT)

# Engagement counts the distinct web sessions of the last ENGAGEMENT_WINDOW_DAYS days; tune it
# freely: the column it fills is `engagement_sessions`, named for no number.
ENGAGEMENT_WINDOW_DAYS = 180
# (tier, fewest sessions in the window), from the lowest tier up.
TIERS = (("Dormant", 0), ("Low", 1), ("Medium", 2), ("High", 4))
# A user with no web event at all.
NO_ACTIVITY = "None"
ENGAGEMENT_TIERS = (NO_ACTIVITY, *(name for name, _ in TIERS))
