"""One row per month end and scoring model: how the model judged itself against its baseline."""

import typing as t
from datetime import datetime

import pandas as pd
from sqlmesh import ExecutionContext, model
from sqlmesh.core.model.kind import ModelKindName

from thelook.business.quality_gate import VERDICTS
from thelook.business.segment_history import HISTORY_START, last_days_of_months
from thelook.glue.audits import one_of, unique_key
from thelook.glue.columns import Columns, declared
from thelook.glue.fetch import fetch

# Each scoring model, and the evaluation mart that judges it out of time at every build.
EVALUATIONS = {
    "purchase_propensity": "marts.propensity_evaluation",
    "customer_value": "marts.customer_value_evaluation",
    "cross_sell": "marts.cross_sell_evaluation",
}

COLUMNS: Columns = {
    "month_end": ("DATE", "The last day of the month: the as_of of the build recorded."),
    "model": ("STRING", f"The scoring model: one of {', '.join(EVALUATIONS)}."),
    "scored_by": ("STRING", "What scored the users that build: the model or its baseline."),
    "metric": ("STRING", "The metric its quality gate compares (gate_metric)."),
    "model_value": ("FLOAT64", "The model's value of it, judged out of time (gate_value)."),
    "baseline_value": ("FLOAT64", "The baseline's value of it (gate_baseline)."),
    "gate": ("STRING", "The gate's verdict that build."),
}

EVALUATED = " UNION ALL ".join(
    f"SELECT '{name}' AS model, scored_by, gate_metric AS metric, gate_value AS model_value, "
    f"gate_baseline AS baseline_value, gate FROM {mart} WHERE as_of = @month_end"
    for name, mart in EVALUATIONS.items()
)


@model(
    "marts.model_quality_history",
    # The record of each month's build cannot be recomputed later (the models were trained on
    # what was known at that month's end): a restatement may not erase it. Plan a change to this
    # file with --forward-only, or the new version starts its record again.
    kind=dict(
        name=ModelKindName.INCREMENTAL_BY_TIME_RANGE,
        time_column="month_end",
        disable_restatement=True,
    ),
    cron="@monthly",
    start=HISTORY_START,
    owner="analytics",
    grain=["month_end", "model"],
    description="One row per month end and scoring model: the quality gate's metric for the "
    "model and for its baseline, as the evaluation marts judged them in the build that "
    "measured to that month's end (the daily run on the 1st). Training each model again for "
    "every past month would cost minutes per month, so the months are recorded as they close "
    "instead: a month has rows only if a build measured to its end, so the record starts with "
    "the first month that closes after the model is deployed, and is never restated.",
    depends_on=list(EVALUATIONS.values()),
    **declared(COLUMNS),
    audits=[
        *unique_key("month_end", "model"),
        one_of("model", tuple(EVALUATIONS)),
        one_of("gate", VERDICTS),
    ],
)
def execute(
    context: ExecutionContext,
    start: datetime,
    end: datetime,
    execution_time: datetime,
    **kwargs: t.Any,
) -> t.Iterator[pd.DataFrame]:
    for month_end in last_days_of_months(start.date(), end.date()):
        recorded = fetch(context, EVALUATED, month_end=month_end)
        if not recorded.empty:  # a month no build measured to its end has no rows
            recorded.insert(0, "month_end", month_end)
            yield recorded[list(COLUMNS)]
