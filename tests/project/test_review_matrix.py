"""Planted changes, each on its own copy of the project and planned as its own dev environment
over a copy of prod (built once per run): the review names each effect with the counts an
independent query gives, and a change that alters no value reads "No business figure changes"."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.project.test_dev_loop import EQUIVALENT_REWRITE, Checkout
from thelook.review import review

THELOOK = str(Path(sys.executable).parent / "thelook")
# GitHub refuses a comment longer than this.
COMMENT_LIMIT = 65_536

THRESHOLD = (  # Recent loyal customers (R4) become Champions.
    '("Champions", (5,), (4, 5)),\n    ("Loyal", (3, 4), (4, 5)),',
    '("Champions", (4, 5), (4, 5)),\n    ("Loyal", (3,), (4, 5)),',
)
FEATURE = (  # A new column of intermediate.user_features, and the propensity model reads it.
    (
        "models/intermediate/user_features.sql",
        "  users.age AS age, /* Personal data: age at sign-up. */\n",
        "  users.age AS age, /* Personal data: age at sign-up. */\n"
        "  EXTRACT(MONTH FROM users.signed_up_at) AS signup_month, /* Month of sign-up. */\n",
    ),
    (
        "thelook/business/purchase_propensity.py",
        '    "age",\n',
        '    "age",\n    "signup_month",\n',
    ),
)
DROPPED_CATEGORY = (
    "    AND unbought.cutoff_date = @cutoff\n",
    "    AND unbought.cutoff_date = @cutoff\n    AND unbought.category <> 'Jeans'\n",
)
COHORT = (  # A cohort starts with a customer's first order, cancelled or not.
    "    @is_purchased(status) AND @known_by(ordered_at, @as_of())\n), cohorts AS",
    "    @known_by(ordered_at, @as_of())\n), cohorts AS",
)


def planted(root: Path, prod, path: str, old: str, new: str, *more: tuple[str, str, str]):
    """A copy of the project with a file changed (or more), planned as `dev` over a copy of
    prod. -> Checkout"""
    checkout = Checkout(root, prod)
    for file, before, after in ((path, old, new), *more):
        changed = checkout.project / file
        assert before in changed.read_text(), file
        changed.write_text(changed.read_text().replace(before, after))
    checkout.plan("dev")
    return checkout


def report_of(checkout: Checkout) -> str:
    context = checkout.context()
    try:
        return review(context, "dev")
    finally:
        context.close()


def count(checkout: Checkout, sql: str) -> int:
    with checkout.connect() as con:
        return con.execute(sql).fetchone()[0]


def tables_are_whole(markdown: str) -> None:
    """Every Markdown table has as many cells in each row as in its header."""
    for table in re.findall(r"(?:^\|.*\|\n)+", markdown, re.M):
        widths = {row.count(" | ") for row in table.splitlines() if not row.startswith("|--")}
        rules = [row for row in table.splitlines() if row.startswith("|--")]
        assert len(widths) == 1 and rules, table


@pytest.fixture(scope="module")
def segment_threshold(prod, tmp_path_factory) -> Checkout:
    return planted(
        tmp_path_factory.mktemp("threshold"), prod, "thelook/business/segment_grid.py", *THRESHOLD
    )


def test_a_moved_segment_threshold(segment_threshold: Checkout):
    checkout = segment_threshold
    report = report_of(checkout)
    # Independently: prod's Loyal customers with a recency score of 4.
    moved = count(
        checkout,
        "SELECT count(*) FROM warehouse.marts.customer_segments "
        "WHERE segment = 'Loyal' AND r_score = 4",
    )
    revenue = count(
        checkout,
        "SELECT sum(monetary) FROM warehouse.marts.customer_segments "
        "WHERE segment = 'Loyal' AND r_score = 4",
    )
    users = count(checkout, "SELECT count(*) FROM warehouse.marts.customer_segments")
    assert moved > 0
    assert f"{moved:,} customers ({moved / users:.1%}) change segment, holding ${revenue:,.0f}" in (
        report
    )
    assert f"| Loyal | Champions | {moved:,} | ${revenue:,.0f} |" in report
    assert "| engagement tier | 0 |" in report and "| value decile | 0 |" in report
    loyal = count(
        checkout,
        "SELECT users FROM warehouse.marts__dev.segment_summary WHERE segment = 'Loyal'",
    )
    assert re.search(rf"\| users \| 2 \| Loyal \| [\d,]+ \| {loyal:,} \|", report), report


def test_the_pull_request_comment(segment_threshold: Checkout):
    """What the bot posts: `thelook review` of the environment, as Markdown."""
    result = subprocess.run(
        [THELOOK, "review", "--gateway", "local", "--paths", str(segment_threshold.project), "dev"],
        env=segment_threshold.env,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=segment_threshold.project,
    )
    assert result.returncode == 0, result.stderr
    comment = result.stdout
    assert len(comment) < COMMENT_LIMIT
    lines = comment.splitlines()
    assert lines[0] == "# Review of `dev` against `prod`"
    assert lines[2] == "## What the change does"
    assert re.match(r"[\d,]+ customers \([\d.]+%\) change segment, holding \$[\d,]+", lines[4])
    for heading in ("### Customers who move", "### Figures: `marts.segment_summary`"):
        assert heading in lines
    business = comment[: comment.index("## Models changed")]
    assert "| customers change their | customers | share |" in business
    assert "| `prod` | `dev` | customers | net revenue |" in business
    tables_are_whole(comment)


def test_a_feature_added_to_the_propensity_model(prod, tmp_path_factory):
    checkout = planted(tmp_path_factory.mktemp("feature"), prod, *FEATURE[0], FEATURE[1])
    report = report_of(checkout)
    changed = count(
        checkout,
        "SELECT count(*) FROM warehouse.marts.purchase_propensity AS p "
        "JOIN warehouse.marts__dev.purchase_propensity AS d USING (user_id) "
        "WHERE p.propensity_decile <> d.propensity_decile",
    )
    users = count(checkout, "SELECT count(*) FROM warehouse.marts.purchase_propensity")
    assert changed > 0
    assert f"| `marts.purchase_propensity` | {users:,} | " in report
    assert re.search(
        rf"\| `marts.purchase_propensity` \| {users:,} \| [\d.]+ \| {changed:,} \|", report
    )
    assert f"purchase_propensity: {changed:,} customers change decile" in report
    auc = {
        side: count(checkout, f"SELECT roc_auc FROM warehouse.{schema}.propensity_evaluation")
        for side, schema in (("prod", "marts"), ("dev", "marts__dev"))
    }
    assert (
        f"| `marts.propensity_evaluation` | roc_auc | {auc['prod']:.4f} | {auc['dev']:.4f} | "
        f"{auc['dev'] - auc['prod']:+.4f} |"
    ) in report


def test_a_category_dropped_from_the_offers(prod, tmp_path_factory):
    checkout = planted(
        tmp_path_factory.mktemp("category"),
        prod,
        "thelook/business/category_offers.py",
        *DROPPED_CATEGORY,
    )
    report = report_of(checkout)
    pairs = "SELECT user_id, category FROM warehouse.{}.cross_sell_opportunities"
    changed = count(
        checkout,
        f"SELECT count(DISTINCT user_id) FROM (({pairs.format('marts')} EXCEPT "
        f"{pairs.format('marts__dev')}) UNION ({pairs.format('marts__dev')} EXCEPT "
        f"{pairs.format('marts')}))",
    )
    offered_jeans = count(
        checkout,
        "SELECT count(DISTINCT user_id) FROM warehouse.marts.cross_sell_opportunities "
        "WHERE category = 'Jeans'",
    )
    customers = count(
        checkout, "SELECT count(DISTINCT user_id) FROM warehouse.marts.cross_sell_opportunities"
    )
    assert 0 < offered_jeans <= changed
    assert f"{changed:,} of {customers:,} customers" in report
    assert f"{changed:,} customers ({changed / customers:.1%}) get different offers" in report
    assert (
        count(
            checkout,
            "SELECT count(*) FROM warehouse.marts__dev.cross_sell_opportunities "
            "WHERE category = 'Jeans'",
        )
        == 0
    )


def test_a_changed_cohort_definition(prod, tmp_path_factory):
    checkout = planted(
        tmp_path_factory.mktemp("cohort"), prod, "models/intermediate/cohort_months.sql", *COHORT
    )
    report = report_of(checkout)
    changed = count(
        checkout,
        "SELECT count(*) FROM warehouse.marts.retention_cohorts AS p "
        "FULL JOIN warehouse.marts__dev.retention_cohorts AS d "
        "USING (cohort_month, months_since_first_order) "
        "WHERE p.retention_rate IS DISTINCT FROM d.retention_rate",
    )
    assert changed > 0
    assert "### Figures: `marts.retention_cohorts`" in report
    assert re.search(rf"^\| retention_rate \| {changed:,} \|", report, re.M), report
    assert "In retention_cohorts, net_revenue of " in report


def test_a_refactor_changes_no_business_figure(prod, tmp_path_factory):
    checkout = planted(
        tmp_path_factory.mktemp("refactor"),
        prod,
        "models/marts/offer_scores.py",
        *EQUIVALENT_REWRITE,
    )
    report = report_of(checkout)
    assert "\n## What the change does\n\nNo business figure changes.\n" in report
    assert "### Offers" in report and "0 of " in report
    sections = re.findall(r"^## Data: `(marts\.\w+)`\n(.*?)(?=^## |\Z)", report, re.M | re.S)
    assert {mart for mart, _ in sections} >= {"marts.cross_sell_opportunities"}
    for mart, section in sections:
        assert "| in both, changed | 0 |" in section, (mart, section)
