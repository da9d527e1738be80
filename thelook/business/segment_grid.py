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

# The segments worth keeping, and those a win-back campaign addresses: a customer who moved from
# the first to the second has slipped (marts.slipping_customers). Every such move is a fall in
# the recency score, the one score that falls with time alone.
VALUABLE_SEGMENTS = ("Champions", "Loyal", "Potential loyalist")
WIN_BACK_SEGMENTS = ("Needs attention", "About to sleep", "At risk", "Can't lose", "Hibernating")

# Segment migration compares as_of with the day this many days before it: a fixed number of days
# rather than the same day of the previous month, so every migration spans the same time (a
# March migration is not three days shorter than a January one) and its month is the one the
# purchase propensity model is judged on (HORIZON_DAYS, thelook/glue/as_of.py).
MIGRATION_DAYS = 30
# The users of as_of who had not signed up by the day migration compares with: no segment then.
SIGNED_UP_SINCE = "Signed up since"

# Engagement counts the distinct web sessions of the last ENGAGEMENT_WINDOW_DAYS days; tune it
# freely: the column it fills is `engagement_sessions`, named for no number.
ENGAGEMENT_WINDOW_DAYS = 180
# (tier, fewest sessions in the window), from the lowest tier up.
TIERS = (("Dormant", 0), ("Low", 1), ("Medium", 2), ("High", 4))
# A user with no web event at all.
NO_ACTIVITY = "None"
ENGAGEMENT_TIERS = (NO_ACTIVITY, *(name for name, _ in TIERS))
