"""The campaign audits on hand-made audiences, run on DuckDB as SQLMesh transpiles them: the
sample-ratio test stops a broken split and leaves a fair one, or one too small to judge; the
balance audit flags groups that differed at the start."""

import duckdb
import pytest
import sqlglot

from tests.project.conftest import PROJECT

AUDIENCE = """
CREATE TABLE audience AS
SELECT
  campaign,
  IF(held_out, 'holdout', 'treatment') AS assigned_group,
  0.2 AS holdout_share,
  CAST(i % 97 AS DOUBLE) AS pre_start_net_revenue,
  i % 3 AS pre_start_orders,
  CAST(HASH(i) % 50 AS BIGINT) + IF(campaign = 'older holdout' AND held_out, 20, 0) AS tenure_days
FROM (
  SELECT i, campaign, IF(campaign = 'broken', i < 3000, i % 5 = 0) AS held_out
  FROM range(10000) AS numbers(i)
  CROSS JOIN (VALUES ('fair'), ('broken'), ('older holdout')) AS campaigns(campaign)
  UNION ALL
  SELECT i, 'tiny', TRUE FROM range(3) AS numbers(i)
)
"""


def failing(audit: str) -> list[tuple]:
    text = (PROJECT / "audits" / f"{audit}.sql").read_text()
    query = text[text.index(");") + 2 :].replace("@this_model", "audience")
    con = duckdb.connect()
    con.execute(AUDIENCE)
    return con.execute(sqlglot.transpile(query, read="bigquery", write="duckdb")[0]).fetchall()


def test_the_sample_ratio_test_stops_a_broken_split_only():
    # 'tiny' holds all 3 out: too few to judge (each group should expect 5).
    assert [row[0] for row in failing("holdout_share_holds")] == ["broken"]


def test_the_balance_audit_flags_groups_that_differed_at_the_start():
    flagged = failing("groups_balanced")
    assert [(campaign, measure) for campaign, measure, *_ in flagged] == [
        ("older holdout", "tenure_days")
    ]
    assert flagged[0][2] == pytest.approx(-20 / 14.43, abs=0.05)
