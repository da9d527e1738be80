"""One row per campaign: its audience and groups, what it would earn under its assumed uplift,
and whether its holdout can prove it."""

import typing as t
from datetime import datetime
from pathlib import Path

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.campaign_plans import campaign_plans
from thelook.business.strategy_impact import ALPHA, POWER
from thelook.glue.audits import always, at_least, between, unique_key
from thelook.glue.campaigns import load_campaigns, project_folder
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch
from thelook.glue.uplift import campaign_uplift

# The campaign files, held as a value SQLMesh stores with the model (a changed file changes it).
CAMPAIGNS = load_campaigns(project_folder())

COLUMNS: Columns = {
    "campaign": ("STRING", "The campaign: its file's name in campaigns/."),
    "description": ("STRING", "What the campaign is for, from its file."),
    "department": ("STRING", "The offered category's department."),
    "category": ("STRING", "The offered category."),
    "start_day": ("DATE", "The day the campaign is sent."),
    "horizon_days": ("INT64", "Days after the start its effect is read over."),
    "audience_users": ("INT64", "Customers in the audience (marts.campaign_audiences)."),
    "treatment_users": ("INT64", "Of them, sent the offer."),
    "holdout_users": ("INT64", "Of them, held out."),
    "holdout_share": ("FLOAT64", "The target share held out: stated in the file, or computed."),
    "expected_buyers": ("FLOAT64", "Sum of buy_probability: buyers of the offer in 30 days."),
    "expected_buy_rate": ("FLOAT64", "expected_buyers / audience_users."),
    "expected_revenue": ("FLOAT64", "What the audience would bring from the offer anyway, USD."),
    "assumed_uplift": (
        "FLOAT64",
        "ASSUMED relative rise in buying the campaign causes: the file's assumed_uplift, else "
        "the variable campaign_uplift.",
    ),
    "incremental_revenue": (
        "FLOAT64",
        "The treated group's expected revenue * assumed_uplift: what the campaign would add if "
        "the assumption holds, US dollars.",
    ),
    "holdout_users_needed": (
        "INT64",
        f"Customers each group needs for a two-sided two-proportion z-test at alpha {ALPHA} "
        f"with power {POWER} to detect the assumed uplift on the expected buy rate; 0 where no "
        "test applies.",
    ),
    "minimum_detectable_uplift": (
        "FLOAT64",
        "The smallest uplift the same test detects with the smaller group's size in each; NULL "
        "if not even a doubling would be.",
    ),
    "power": (
        "FLOAT64",
        "The chance the groups as split detect the assumed uplift (statsmodels); NULL where no "
        "test applies.",
    ),
    "warning": ("STRING", "What stands in the campaign's way, in words; NULL when nothing does."),
}

TOTALS = """
SELECT
  campaign,
  COUNT(*) AS audience_users,
  COUNTIF(assigned_group = 'treatment') AS treatment_users,
  COUNTIF(assigned_group = 'holdout') AS holdout_users,
  MAX(holdout_share) AS held_out_share,
  SUM(buy_probability) AS expected_buyers,
  SUM(expected_revenue) AS expected_revenue,
  SUM(IF(assigned_group = 'treatment', expected_revenue, 0)) AS treatment_expected_revenue
FROM marts.campaign_audiences
GROUP BY campaign
"""


@model(
    "marts.campaign_plans",
    kind="FULL",
    owner="marketing",
    grain="campaign",
    description="One row per campaign of campaigns/*.yaml: its audience and groups, what it "
    "would earn under its assumed uplift (an assumption, a column here), the holdout a test "
    "needs to detect that uplift, the smallest uplift its groups can detect, and a warning "
    "when they cannot detect the one assumed.",
    depends_on=["marts.campaign_audiences"],
    **declared(COLUMNS),
    audits=[
        *unique_key("campaign"),
        at_least("audience_users", 0),
        between("holdout_share", 0, 0.5),
        between("expected_buy_rate", 0, 1),
        between("assumed_uplift", 0, 1),
        between("power", 0, 1),
        always(
            "treatment_users + holdout_users = audience_users",
            "expected_buyers <= audience_users",
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
    folder = context.var("campaigns_folder")  # a unit test's own campaigns
    campaigns = load_campaigns(Path(folder)) if folder else CAMPAIGNS
    if not campaigns:  # SQLMesh cannot store an empty frame
        yield from ()
        return
    plans = campaign_plans(campaigns, fetch(context, TOTALS), campaign_uplift(context))
    plans["start_day"] = pd.to_datetime(plans["start_day"]).dt.date
    yield plans[list(COLUMNS)]
