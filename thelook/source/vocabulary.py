"""The real dataset's vocabularies and the probabilities its public generator draws them with."""

import numpy as np

STATUSES = ("Complete", "Shipped", "Processing", "Returned", "Cancelled")
STATUS_WEIGHTS = (0.25, 0.30, 0.20, 0.10, 0.15)

GENDERS = ("M", "F")
DEPARTMENTS = ("Men", "Women")  # indexed like GENDERS: an M order buys from Men

USER_TRAFFIC_SOURCES = ("Search", "Organic", "Facebook", "Email", "Display")
USER_TRAFFIC_WEIGHTS = (0.70, 0.15, 0.06, 0.05, 0.04)

EVENT_TRAFFIC_SOURCES = ("Email", "Adwords", "YouTube", "Facebook", "Organic")
EVENT_TRAFFIC_WEIGHTS = (0.45, 0.30, 0.10, 0.10, 0.05)

BROWSERS = ("Chrome", "Safari", "Firefox", "IE", "Other")
BROWSER_WEIGHTS = (0.50, 0.20, 0.20, 0.05, 0.05)

EVENT_TYPES = ("home", "department", "product", "cart", "purchase", "cancel")

ORDERS_PER_USER = (0, 1, 2, 3, 4)
ORDERS_PER_USER_WEIGHTS = (0.20, 0.50, 0.20, 0.05, 0.05)

ITEMS_PER_ORDER = (1, 2, 3, 4)
ITEMS_PER_ORDER_WEIGHTS = (0.70, 0.20, 0.05, 0.05)

UNSOLD_UNITS_PER_ITEM = (1, 2, 3)
UNSOLD_UNITS_WEIGHTS = (0.50, 0.30, 0.20)

# The four walks of an anonymous session, chosen uniformly; none of them buys.
ANONYMOUS_PATTERNS = (
    ("product", "cart", "cancel"),
    ("department", "product", "cart"),
    ("product",),
    ("department", "product"),
)
# 500,000 anonymous sessions beside 100,000 users in the live data.
ANONYMOUS_SESSIONS_PER_USER = 5

USER_AGE_RANGE = (12, 70)
FIRST_SIGNUP = np.datetime64("2019-01-01", "us")
FIRST_UNSOLD_STOCK = np.datetime64("2020-01-01", "us")
RECENT_SIGNUP_SHARE = 0.025  # of users signed up in the last seven days
SIGNUP_HOURS = 19  # sign-ups happen before 19:00


def code(vocabulary: tuple[str, ...], value: str) -> int:
    """The index of `value` in `vocabulary`, for comparing drawn codes against a name."""
    return vocabulary.index(value)
