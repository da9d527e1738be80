"""The inputs of the scoring marts: point-in-time samples, user batches, category values.

Memory stays bounded however many users there are: a model trains on at most SAMPLE_CAP users,
drawn in the engine by a fixed hash of user_id (thelook.glue.samples), and scores users a batch
at a time (thelook.glue.batches).
"""

from collections.abc import Iterator
from datetime import date
from typing import Any

import pandas as pd

from thelook.business.category_offers import OFFER_FEATURES, ranked_offers_sql
from thelook.business.customer_value import (
    ORDERS_LABEL,
    REVENUE_LABEL,
    VALUE_FEATURES,
)
from thelook.business.purchase_propensity import PROPENSITY_FEATURES, PROPENSITY_LABEL
from thelook.glue.batches import BATCH_FILTER, batch_count
from thelook.glue.fetch import fetch
from thelook.glue.samples import SAMPLE_CAP, backtest_condition, user_hash

HASHED = f"{user_hash()}, user_id"

USER_COLUMNS = ", ".join(("user_id", *PROPENSITY_FEATURES))
USER_SAMPLE = f"""
SELECT {USER_COLUMNS}, {PROPENSITY_LABEL}
FROM intermediate.user_features
WHERE cutoff_date = @cutoff
ORDER BY {HASHED}
LIMIT {SAMPLE_CAP}
"""
USER_BATCH = f"""
SELECT {USER_COLUMNS}
FROM intermediate.user_features
WHERE cutoff_date = @cutoff AND {BATCH_FILTER}
"""
USERS = "SELECT COUNT(*) AS users FROM intermediate.user_features WHERE cutoff_date = @cutoff"
# The users the backtest judges at its cutoffs: every user up to BACKTEST_USERS, a fixed hash
# sample beyond (thelook.glue.samples); USER_SAMPLE's users are among them.
BACKTEST_USER_COUNT = f"{USERS} AND {backtest_condition()}"
BACKTEST_USER_BATCH = f"{USER_BATCH} AND {backtest_condition()}"
# What the propensity model trained at the cutoff before gave the users at a cutoff.
SCORES = """
SELECT user_id, purchase_probability, scored_by
FROM marts.propensity_scores
WHERE scored_at = @cutoff
"""
# The users with a category left to offer at the cutoff: at the backtest's cutoffs, its sample.
UNBOUGHT_USERS = """
SELECT user_id FROM intermediate.unbought_categories WHERE cutoff_date = @cutoff
"""
UNBOUGHT_USER_COUNT = f"SELECT COUNT(DISTINCT user_id) AS users FROM ({UNBOUGHT_USERS})"
PROPENSITY_BATCH = f"""
SELECT user_id, purchase_probability
FROM marts.purchase_propensity
WHERE {BATCH_FILTER}
"""
SEGMENT_BATCH = f"""
SELECT user_id, segment
FROM marts.customer_segments
WHERE {BATCH_FILTER}
"""

# The value model: users and their next half-year at a cutoff, sampled and batched as above.
VALUE_COLUMNS = ", ".join(("user_id", *VALUE_FEATURES))
VALUE_SAMPLE = f"""
SELECT {VALUE_COLUMNS}, {ORDERS_LABEL}, {REVENUE_LABEL}
FROM intermediate.user_features
WHERE cutoff_date = @cutoff
ORDER BY {HASHED}
LIMIT {SAMPLE_CAP}
"""
VALUE_BATCH = f"""
SELECT {VALUE_COLUMNS}
FROM intermediate.user_features
WHERE cutoff_date = @cutoff AND {BATCH_FILTER}
"""
BACKTEST_VALUE_BATCH = f"{VALUE_BATCH} AND {backtest_condition()}"
# The scoring features of a sample of users at a cutoff, to compare with another's.
FEATURE_SAMPLE = f"""
SELECT {", ".join(VALUE_FEATURES)}
FROM intermediate.user_features
WHERE cutoff_date = @cutoff
ORDER BY {HASHED}
LIMIT {SAMPLE_CAP}
"""
VALUE_SCORED_BY = "SELECT DISTINCT scored_by FROM marts.value_scores WHERE scored_at = @cutoff"
# The category model scores each distinct row of features at a cutoff once: most users share
# theirs (no views, no history), and the distinct rows grow far slower than the users.
OFFER_ROWS = f"""
SELECT DISTINCT {", ".join(OFFER_FEATURES)}
FROM intermediate.unbought_categories
WHERE cutoff_date = @cutoff
"""
# The offers of a batch of users at a cutoff, ranked by the engine
# (thelook.business.category_offers.ranked_offers_sql).
RANKED_OFFER_BATCH = ranked_offers_sql(BATCH_FILTER.replace("user_id", "unbought.user_id"))
OFFER_SCORED_BY = """
SELECT DISTINCT scored_by FROM marts.offer_scores WHERE scored_at = @cutoff
"""

CATEGORY_VALUE = """
SELECT department, category, net_revenue_per_item, net_profit_per_item
FROM intermediate.category_value
WHERE cutoff_date = @cutoff
"""


def category_value(context: Any, cutoff: date) -> pd.DataFrame:
    """Net revenue and net profit per purchased item of each department's categories, as known
    at `cutoff` (intermediate.category_value)."""
    return fetch(context, CATEGORY_VALUE, cutoff=cutoff)


def labelled_users(context: Any, cutoff: date) -> pd.DataFrame:
    """User features and label of at most SAMPLE_CAP users at `cutoff`."""
    return fetch(context, USER_SAMPLE, cutoff=cutoff)


def labelled_values(context: Any, cutoff: date) -> pd.DataFrame:
    """Value features and the next half-year of at most SAMPLE_CAP users at `cutoff`."""
    return fetch(context, VALUE_SAMPLE, cutoff=cutoff)


def user_count(context: Any, cutoff: date, population: str = USERS, **parameters: Any) -> int:
    """The users `population` counts at `cutoff`: by default every user signed up by then."""
    return int(fetch(context, population, cutoff=cutoff, **parameters)["users"].iloc[0])


def user_batches(
    context: Any, sql: str, cutoff: date, population: str = USERS, **parameters: Any
) -> Iterator[pd.DataFrame]:
    """The result of `sql` for each batch of the users `population` counts at `cutoff` (with the
    query's other `parameters`): `sql` filters on BATCH_FILTER."""
    batches = batch_count(user_count(context, cutoff, population, **parameters))
    for batch in range(batches):
        yield fetch(context, sql, cutoff=cutoff, batches=batches, batch=batch, **parameters)
