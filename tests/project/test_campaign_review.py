"""The review's campaigns section: a pull request that adds or changes a campaign file shows
each campaign's audience, groups and plan; the campaign models see the file change."""

import pandas as pd

from tests.project.test_dev_loop import Checkout
from thelook.review import review
from thelook.review.campaigns import SHOWN, campaign_changes

PLAN = {
    "audience_users": 720,
    "treatment_users": 568,
    "holdout_users": 152,
    "holdout_share": 0.2,
    "expected_revenue": 64.3,
    "incremental_revenue": 5.1,
    "assumed_uplift": 0.1,
    "holdout_users_needed": 1_648_582,
    "warning": "Cannot detect the assumed 10% uplift",
}


def plans(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=["campaign", *SHOWN])


def test_added_changed_and_removed_campaigns_and_nothing_else():
    before = plans(
        {"campaign": "same", **PLAN},
        {"campaign": "moved", **PLAN},
        {"campaign": "gone", **PLAN},
    )
    after = plans(
        {"campaign": "same", **PLAN},
        {"campaign": "moved", **PLAN, "holdout_share": 0.25, "holdout_users": 180},
        {"campaign": "new", **PLAN, "warning": None},
    )
    lines = campaign_changes(before, after)
    assert lines[0] == "## Campaigns"
    assert not any("`same`" in line for line in lines)
    assert "| `gone` | removed |" in "\n".join(lines)
    (moved,) = [line for line in lines if "`moved`" in line]
    assert moved.startswith("| `moved` | changed | 720 | 568 | 180 | 25.0% | $64 | $5 | 10% |")
    (new,) = [line for line in lines if "`new`" in line]
    assert new.endswith("| 1,648,582 |  |")
    assert campaign_changes(before, before) == []


COATS = """
description: Coats for women who browse.
offer: {department: Women, category: Outerwear & Coats}
audience: {engagement_tiers: [Medium, High]}
start_day: 2026-09-01
horizon_days: 30
holdout_share: 0.3
salt: coats
"""


def test_a_pull_request_adding_and_changing_campaigns_shows_them(prod, tmp_path):
    checkout = Checkout(tmp_path, prod)
    (checkout.project / "campaigns" / "coats-for-women.yaml").write_text(COATS)
    jeans = checkout.project / "campaigns" / "jeans-for-lapsing-men.yaml"
    jeans.write_text(jeans.read_text().replace("holdout_share: 0.2", "holdout_share: 0.25"))
    checkout.plan("dev")
    context = checkout.context()
    report = review(context, "dev")
    assert "| `marts.campaign_plans` |" in report
    section = report[report.index("## Campaigns") :]
    dev = context.fetchdf(
        "SELECT campaign, audience_users, treatment_users, holdout_users "
        "FROM marts__dev.campaign_plans"
    )
    shown = {row.campaign: row[2:] for row in dev.itertuples()}
    for campaign, change in (("coats-for-women", "added"), ("jeans-for-lapsing-men", "changed")):
        audience, treatment, holdout = shown[campaign]
        assert (
            f"| `{campaign}` | {change} | {audience:,} | {treatment:,} | {holdout:,} |" in section
        )
    assert "dresses-for-engaged-women" not in section  # unchanged
