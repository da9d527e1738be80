"""One row per campaign and customer of its audience: the group, the offer and its expected value,
as known at the campaign's start day."""

import typing as t
from datetime import datetime
from pathlib import Path

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.campaign_audiences import GROUPS, campaign_audience
from thelook.business.segment_grid import ENGAGEMENT_TIERS, SEGMENTS
from thelook.glue.as_of import as_of
from thelook.glue.audits import always, between, one_of, unique_key
from thelook.glue.campaigns import load_campaigns, project_folder
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch
from thelook.glue.scoring_inputs import category_value

# The campaign files, held as a value SQLMesh stores with the model (a changed file changes it).
CAMPAIGNS = load_campaigns(project_folder())

COLUMNS: Columns = {
    "campaign": ("STRING", "The campaign: its file's name in campaigns/."),
    "user_id": ("INT64", "The customer."),
    "assigned_group": (
        "STRING",
        "treatment (sent the offer) or holdout (not sent it): holdout when a salted hash of the "
        "user id falls in the first holdout_share of 10,000 buckets.",
    ),
    "holdout_share": ("FLOAT64", "The campaign's target share held out: stated, or computed."),
    "department": ("STRING", "The offered category's department, Men or Women."),
    "category": ("STRING", "The offered category, never bought by the customer at the start."),
    "buy_probability": (
        "FLOAT64",
        "Chance the customer buys the category in 30 days: purchase_probability * the "
        "category's popularity (the offers' baseline), at as_of.",
    ),
    "expected_revenue": (
        "FLOAT64",
        "buy_probability * the category's net revenue per purchased item, US dollars.",
    ),
    "segment": ("STRING", "The customer's segment at the audience day."),
    "engagement_tier": ("STRING", "The customer's engagement tier at the audience day."),
    "value_decile": ("INT64", "The decile of predicted value (customer_value), at as_of."),
    "propensity_decile": ("INT64", "The decile of purchase propensity, at as_of."),
    "pre_start_net_revenue": (
        "FLOAT64",
        "Net revenue by the audience day, US dollars: what a readout adjusts with.",
    ),
    "pre_start_orders": ("INT64", "Purchased orders by the audience day."),
    "tenure_days": ("INT64", "Days from sign-up to the audience day."),
    "start_day": ("DATE", "The campaign's start day."),
    "audience_day": (
        "DATE",
        "The day the audience is known at: the start day, or as_of for a campaign not started.",
    ),
}

CUSTOMERS = """
SELECT
  user_id, audience_day, is_eligible, tenure_days, frequency, monetary, recency_days,
  has_events, engagement_sessions
FROM intermediate.campaign_customers
WHERE campaign = @campaign
"""
SCORES = """
SELECT user_id, purchase_probability, propensity_decile, value_decile
FROM marts.purchase_propensity
LEFT JOIN marts.customer_value USING (user_id)
"""
POPULARITY = """
SELECT DISTINCT department, category, category_share
FROM intermediate.unbought_categories
WHERE cutoff_date = @cutoff
"""


@model(
    "marts.campaign_audiences",
    kind="FULL",
    clustered_by=["campaign", "user_id"],
    owner="marketing",
    grain=["campaign", "user_id"],
    description="One row per campaign of campaigns/*.yaml and customer of its audience: the "
    "customers of the offer's department who had not bought its category, in the file's "
    "segments and tiers (as known at the start day, or at as_of before it) and deciles (at "
    "as_of), each in the treatment or the holdout group by a salted hash of the user id, with "
    "the offer's expected value.",
    depends_on=[
        "intermediate.as_of",
        "intermediate.campaign_customers",
        "intermediate.unbought_categories",
        "intermediate.category_value",
        "marts.purchase_propensity",
        "marts.customer_value",
    ],
    **declared(COLUMNS),
    audits=[
        *unique_key("campaign", "user_id"),
        one_of("assigned_group", GROUPS),
        one_of("segment", SEGMENTS),
        one_of("engagement_tier", ENGAGEMENT_TIERS),
        between("holdout_share", 0, 0.5),
        between("buy_probability", 0, 1),
        always("audience_day <= start_day", "pre_start_net_revenue >= 0"),
        ("holdout_share_holds", {}),
        ("groups_balanced", {}),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> t.Iterator[pd.DataFrame]:
    folder = context.var("campaigns_folder")  # a unit test's own campaigns
    campaigns = load_campaigns(Path(folder)) if folder else CAMPAIGNS
    day = as_of(context)
    scores = fetch(context, SCORES)
    values = category_value(context, day).merge(
        fetch(context, POPULARITY, cutoff=day), on=["department", "category"], how="outer"
    )
    audiences = [
        campaign_audience(
            campaign, fetch(context, CUSTOMERS, campaign=campaign["campaign"]), scores, values
        )
        for campaign in campaigns
    ]
    audiences = [audience for audience in audiences if not audience.empty]
    if not audiences:  # SQLMesh cannot store an empty frame
        yield from ()
        return
    # One frame: an audience is as long as its campaign's list, and a unit test reads one batch.
    yield pd.concat(audiences, ignore_index=True)[list(COLUMNS)]
