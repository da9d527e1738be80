"""One row per campaign: what it earned, the treated against the held out, once its horizon has
passed by as_of; before, or on a source that renumbers its customers, why there is no readout."""

import typing as t
from datetime import datetime
from pathlib import Path

import pandas as pd
from sqlmesh import ExecutionContext, model

from thelook.business.campaign_readouts import STATUSES, campaign_readouts
from thelook.glue.as_of import as_of
from thelook.glue.audits import always, between, one_of, unique_key
from thelook.glue.campaigns import load_campaigns, project_folder
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch

# The campaign files, held as a value SQLMesh stores with the model (a changed file changes it).
CAMPAIGNS = load_campaigns(project_folder())
# The BigQuery gateway reads the public theLook dataset, regenerated every day with new ids.
RENUMBERING_DIALECTS = ("bigquery",)

INTERVAL = "95% interval, normal approximation with unpooled variances"
COLUMNS: Columns = {
    "campaign": ("STRING", "The campaign: its file's name in campaigns/."),
    "status": (
        "STRING",
        "read out; horizon not passed (by as_of); not measurable on this source (its customer "
        "ids do not last, as on the public dataset); no audience.",
    ),
    "start_day": ("DATE", "The campaign's start day."),
    "horizon_end_day": ("DATE", "The last day of its horizon: start_day + horizon_days."),
    "as_of": ("DATE", "The day the readout is known at."),
    "treatment_users": ("INT64", "Customers sent the offer."),
    "holdout_users": ("INT64", "Customers held out."),
    "treatment_buyers": ("INT64", "Treated customers who bought the offered category in it."),
    "holdout_buyers": ("INT64", "Held-out customers who bought the offered category in it."),
    "treatment_buy_rate": ("FLOAT64", "treatment_buyers / treatment_users."),
    "holdout_buy_rate": ("FLOAT64", "holdout_buyers / holdout_users."),
    "buy_rate_difference": ("FLOAT64", "treatment_buy_rate - holdout_buy_rate."),
    "buy_rate_low": ("FLOAT64", f"Lower end of its {INTERVAL}."),
    "buy_rate_high": ("FLOAT64", f"Upper end of its {INTERVAL}."),
    "treatment_revenue_per_customer": (
        "FLOAT64",
        "Net revenue per treated customer of the purchases in the horizon, as known at as_of, "
        "US dollars.",
    ),
    "holdout_revenue_per_customer": ("FLOAT64", "The same per held-out customer, US dollars."),
    "revenue_difference": ("FLOAT64", "Treated less held out, per customer, US dollars."),
    "revenue_low": ("FLOAT64", f"Lower end of its {INTERVAL}."),
    "revenue_high": ("FLOAT64", f"Upper end of its {INTERVAL}."),
    "adjusted_revenue_difference": (
        "FLOAT64",
        "The same difference adjusted by each customer's net revenue before the start (CUPED).",
    ),
    "adjusted_revenue_low": ("FLOAT64", f"Lower end of its {INTERVAL}."),
    "adjusted_revenue_high": ("FLOAT64", f"Upper end of its {INTERVAL}."),
    "read_by": (
        "STRING",
        "Which interval the verdict reads: adjusted_revenue when it is the narrower, else revenue.",
    ),
    "verdict": ("STRING", "The readout in a sentence."),
}

CUSTOMERS = """
SELECT
  audiences.campaign,
  audiences.assigned_group,
  audiences.pre_start_net_revenue,
  customers.bought_offer,
  customers.net_revenue_after
FROM marts.campaign_audiences AS audiences
INNER JOIN intermediate.campaign_customers AS customers
  ON customers.campaign = audiences.campaign AND customers.user_id = audiences.user_id
"""


@model(
    "marts.campaign_readouts",
    kind="FULL",
    owner="marketing",
    grain="campaign",
    description="One row per campaign of campaigns/*.yaml: once its horizon has passed by as_of, "
    "the treated against the held out (buyers of the offer, buy rate, net revenue per customer) "
    "with each difference's 95% interval, the revenue difference adjusted by the spend before "
    "the start, and a verdict in words; otherwise why there is no readout yet.",
    depends_on=[
        "intermediate.as_of",
        "intermediate.campaign_customers",
        "marts.campaign_audiences",
    ],
    **declared(COLUMNS),
    audits=[
        *unique_key("campaign"),
        one_of("status", STATUSES),
        one_of("read_by", ("revenue", "adjusted_revenue")),
        *(between(rate, 0, 1) for rate in ("treatment_buy_rate", "holdout_buy_rate")),
        always(
            "(status = 'read out') = (read_by IS NOT NULL)",
            "status <> 'read out' OR horizon_end_day <= as_of",
            "revenue_low <= revenue_difference AND revenue_difference <= revenue_high",
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
    measurable = context.engine_adapter.dialect not in RENUMBERING_DIALECTS
    readouts = campaign_readouts(campaigns, fetch(context, CUSTOMERS), as_of(context), measurable)
    yield readouts.reindex(columns=list(COLUMNS))
