"""The review's campaigns section: what a pull request that adds or changes a campaign file (or
what it is built from) does to each campaign's audience, groups and plan, read from
marts.campaign_plans on both sides."""

import pandas as pd
from sqlglot import exp
from sqlmesh import Context

PLANS = "campaign_plans"
SHOWN = {
    "audience_users": "audience",
    "treatment_users": "treatment",
    "holdout_users": "holdout",
    "holdout_share": "holdout share",
    "expected_revenue": "expected revenue",
    "incremental_revenue": "incremental revenue",
    "assumed_uplift": "assumed uplift",
    "holdout_users_needed": "holdout needed",
    "warning": "warning",
}


def campaign_section(context: Context, environment: str, against: str) -> list[str]:
    """The section's Markdown lines; none when no campaign's plan differs, or the environment
    serves `against`'s plans (it has no table of its own)."""
    after = _plans(context, environment)
    if after is None:
        return []
    before = _plans(context, against)
    return campaign_changes(before if before is not None else after.iloc[:0], after)


def campaign_changes(before: pd.DataFrame, after: pd.DataFrame) -> list[str]:
    """One line per campaign added, changed or removed between two builds of campaign_plans,
    with its audience, groups and plan as `after` has it."""
    columns = ["campaign", *SHOWN]
    before = before.reindex(columns=columns).set_index("campaign")
    after = after.reindex(columns=columns).set_index("campaign")
    rows = []
    for campaign in sorted(set(before.index) | set(after.index)):
        if campaign not in after.index:
            rows.append(f"| `{campaign}` | removed |" + " |" * len(SHOWN))
            continue
        plan = after.loc[campaign]
        if campaign in before.index and _same(before.loc[campaign], plan):
            continue
        change = "changed" if campaign in before.index else "added"
        rows.append(f"| `{campaign}` | {change} | " + " | ".join(_cells(plan)) + " |")
    if not rows:
        return []
    header = "| campaign | change | " + " | ".join(SHOWN.values()) + " |"
    rule = "|---|---|" + "---:|" * (len(SHOWN) - 1) + "---|"
    return ["## Campaigns", "", header, rule, *rows, ""]


def _same(old: pd.Series, new: pd.Series) -> bool:
    return all(
        (pd.isna(a) and pd.isna(b)) or a == b or (_number(a) and _number(b) and abs(a - b) < 1e-9)
        for a, b in zip(old, new, strict=True)
    )


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not pd.isna(value)


def _cells(plan: pd.Series) -> list[str]:
    share = plan["holdout_share"]
    return [
        f"{int(plan['audience_users']):,}",
        f"{int(plan['treatment_users']):,}",
        f"{int(plan['holdout_users']):,}",
        "" if pd.isna(share) else f"{share:.1%}",
        f"${plan['expected_revenue']:,.0f}",
        f"${plan['incremental_revenue']:,.0f}",
        f"{plan['assumed_uplift']:.0%}",
        f"{int(plan['holdout_users_needed']):,}",
        "" if pd.isna(plan["warning"]) else str(plan["warning"]).replace("|", "/"),
    ]


def _plans(context: Context, environment: str) -> pd.DataFrame | None:
    """marts.campaign_plans as `environment` serves it; None where it has none of its own (no
    campaign model yet, or an environment that did not change it)."""
    schema = "marts" if environment == "prod" else f"marts__{environment}"
    query = exp.select("campaign", *SHOWN).from_(exp.table_(PLANS, db=schema))
    try:
        return context.fetchdf(query)
    except Exception:  # the engines word a missing table each their own way
        return None
