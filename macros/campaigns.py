"""@campaign_days(): the campaigns of campaigns/*.yaml as a table of literal rows, for the SQL
models that state each customer as known at a campaign's start day (thelook.glue.campaigns).

The rows come from CAMPAIGNS, a value SQLMesh stores with every model that calls the macro, so a
changed campaign file changes those models. A unit test names a folder of its own in the variable
`campaigns_folder`."""

from datetime import date, timedelta
from pathlib import Path

from sqlglot import exp
from sqlmesh import macro
from sqlmesh.core.macros import MacroEvaluator

from thelook.business.segment_grid import ENGAGEMENT_WINDOW_DAYS
from thelook.glue.campaigns import load_campaigns, project_folder

CAMPAIGNS = load_campaigns(project_folder())


def _day(text: str) -> exp.Expr:
    return exp.cast(exp.Literal.string(text), exp.DataType.Type.DATE)


def _row(campaign: dict) -> exp.Select:
    start = date.fromisoformat(campaign["start_day"])
    end = (start + timedelta(days=campaign["horizon_days"])).isoformat()
    return exp.select(
        exp.alias_(exp.Literal.string(campaign["campaign"]), "campaign"),
        exp.alias_(_day(campaign["start_day"]), "start_day"),
        exp.alias_(_day(end), "horizon_end_day"),
        exp.alias_(exp.Literal.string(campaign["department"]), "department"),
        exp.alias_(exp.Literal.string(campaign["category"]), "category"),
    )


@macro()
def campaign_days(evaluator: MacroEvaluator) -> exp.Expr:
    """One row per campaign: its name, start day, the last day of its horizon (start day +
    horizon_days), and the offered department and category."""
    folder = evaluator.var("campaigns_folder")
    campaigns = load_campaigns(Path(folder)) if folder else CAMPAIGNS
    if not campaigns:
        none = {"campaign": "", "start_day": "2000-01-01", "horizon_days": 1}
        empty = _row({**none, "department": "", "category": ""}).where(exp.false())
        return empty.subquery()
    rows = [_row(campaign) for campaign in campaigns]
    union = rows[0]
    for row in rows[1:]:
        union = exp.union(union, row, distinct=False)
    return exp.Subquery(this=union)


@macro()
def engagement_window_days(evaluator: MacroEvaluator) -> exp.Expr:
    """How many days back from a day its engagement window reaches (ENGAGEMENT_WINDOW_DAYS)."""
    return exp.Literal.number(ENGAGEMENT_WINDOW_DAYS)
