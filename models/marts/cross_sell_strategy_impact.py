"""One row per segment and category: what a cross-sell campaign to its offers would earn, under
a stated uplift, and the holdout needed to measure that uplift."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.segment_grid import SEGMENTS
from thelook.business.strategy_impact import ALPHA, POWER, strategy_impact
from thelook.glue.audits import always, at_least, between, one_of, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch
from thelook.glue.uplift import campaign_uplift

COLUMNS: Columns = {
    "segment": ("STRING", "The customer segment targeted."),
    "category": ("STRING", "The category offered."),
    "department": ("STRING", "Men or Women."),
    "targeted_users": ("INT64", "Users of the segment with the category among their offers."),
    "expected_buyers": (
        "FLOAT64",
        "Sum of the offers' buy_probability: how many would buy it anyway.",
    ),
    "expected_buy_rate": ("FLOAT64", "expected_buyers / targeted_users."),
    "expected_revenue": ("FLOAT64", "Net revenue they would bring anyway, US dollars."),
    "expected_profit": ("FLOAT64", "Net profit they would bring anyway, US dollars."),
    "campaign_uplift": (
        "FLOAT64",
        "ASSUMED relative rise in buying the campaign causes (variable campaign_uplift).",
    ),
    "incremental_revenue": (
        "FLOAT64",
        "expected_revenue * campaign_uplift: what the campaign would add, if the assumption "
        "holds, US dollars.",
    ),
    "incremental_profit": ("FLOAT64", "expected_profit * campaign_uplift, US dollars."),
    "holdout_users_needed": (
        "INT64",
        f"Users to hold out (and as many to treat) for a two-sided two-proportion z-test at "
        f"alpha {ALPHA} with power {POWER} to detect the uplift on the expected buy rate.",
    ),
    "measurable": (
        "BOOLEAN",
        "Whether targeted_users can fill the holdout and a treated group as large.",
    ),
    "minimum_detectable_uplift": (
        "FLOAT64",
        "The smallest uplift the same test detects with half the targeted users held out; "
        "NULL if not even a doubling would be detected.",
    ),
}

# The engine sums the offers; one row per segment and category comes back.
TOTALS = """
SELECT
  segment,
  category,
  department,
  COUNT(*) AS targeted_users,
  SUM(buy_probability) AS expected_buyers,
  SUM(expected_revenue) AS expected_revenue,
  SUM(expected_profit) AS expected_profit
FROM marts.cross_sell_opportunities
GROUP BY segment, category, department
"""


@model(
    "marts.cross_sell_strategy_impact",
    kind="FULL",
    owner="marketing",
    grain=["segment", "department", "category"],
    description="One row per segment and offered category: the users a campaign would target, "
    "what they would buy anyway, what the campaign would add under the assumed uplift "
    "(campaign_uplift, a column here, not a measured effect) and the holdout needed to "
    "measure the real uplift.",
    depends_on=["marts.cross_sell_opportunities"],
    **declared(COLUMNS),
    audits=[
        *unique_key("segment", "department", "category"),
        one_of("segment", SEGMENTS),
        at_least("targeted_users", 1),
        between("expected_buy_rate", 0, 1),
        between("campaign_uplift", 0, 1),
        between("minimum_detectable_uplift", 0, 1),
        at_least("holdout_users_needed", 0),
        ("adds_up_to_offers", {}),
        always(
            "expected_buyers <= targeted_users",
            "incremental_revenue <= expected_revenue",
            "NOT measurable OR targeted_users >= 2 * holdout_users_needed",
        ),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> pd.DataFrame:
    impact = strategy_impact(fetch(context, TOTALS), campaign_uplift(context))
    if impact.empty:  # SQLMesh cannot store an empty frame; yielding nothing means no rows
        yield from ()
        return
    yield impact[list(COLUMNS)]
