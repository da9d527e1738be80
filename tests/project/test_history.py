"""The monthly history and segment migration on a source no test was tuned to (another seed).

The daily loop of the interval model, as prod lives it: the first build backfills the closed
months, a run after a month closes adds exactly that month, a second run the same day adds
nothing, a restated month gives the same rows, and a dev change backfills only what it must.
The history's month of a year ago equals a build pinned to that month's end; migration counts
equal the segment grid's rules applied to the raw rows at both days."""

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import AS_OF, SMALL_USERS, once_per_run
from tests.project.conftest import PROJECT, Warehouse
from tests.project.test_dev_loop import Checkout
from thelook.business.segment_grid import GRID, MIGRATION_DAYS, PROSPECT, SIGNED_UP_SINCE
from thelook.business.segment_history import HISTORY_START
from thelook.source.generate import generate

# The first build runs mid-October, so September is the last closed month; the daily run of
# November 1st measures to October 31st, and closes October.
FIRST_BUILD = "2026-10-15"
OCTOBER = date(2026, 10, 31)
DAY_AFTER = (OCTOBER + timedelta(days=1)).isoformat()
A_YEAR_AGO = date(2025, 10, 31)
HISTORY = "marts.segment_history"
MONTH_ENDS = "intermediate.user_activity_month_ends"
QUALITY = "marts.model_quality_history"
ADDED_COLUMN = (
    "  activity.engagement_sessions::INT64 AS engagement_sessions /*",
    "  activity.engagement_sessions > 0 AS is_engaged, /* Any session in the window. */\n"
    "  activity.engagement_sessions::INT64 AS engagement_sessions /*",
)


def table(warehouse: Warehouse, name: str, schema_suffix: str = "") -> pd.DataFrame:
    schema, model = name.split(".")
    with warehouse.connect() as con:
        frame = con.execute(f"SELECT * FROM warehouse.{schema}{schema_suffix}.{model}").df()
    return frame.sort_values(list(frame.columns)[:3]).reset_index(drop=True)


@pytest.fixture(scope="module")
def loop(run_folder: Path, tmp_path_factory) -> dict:
    """Prod through the daily loop on a source of another seed; what each step left."""
    source = once_per_run(
        run_folder / "sources" / "other-seed.duckdb",
        lambda path: generate(path, SMALL_USERS, seed=11, as_of=AS_OF),
    )
    prod = Warehouse(source, tmp_path_factory.mktemp("history") / "warehouse.duckdb")
    steps: dict = {"prod": prod}
    steps["first build"] = prod.plan(execution_time=FIRST_BUILD)
    steps["after the first build"] = table(prod, HISTORY)
    steps["quality after the first build"] = table(prod, QUALITY)
    steps["first run"] = prod.run_at(DAY_AFTER)
    steps["after the first run"] = table(prod, HISTORY)
    steps["quality after the first run"] = table(prod, QUALITY)
    steps["second run"] = prod.run_at(DAY_AFTER)
    steps["after the second run"] = table(prod, HISTORY)
    steps["month ends before the restatement"] = table(prod, MONTH_ENDS)
    steps["restatement"] = prod.plan(
        "prod",
        "--restate-model",
        MONTH_ENDS,
        "--start",
        A_YEAR_AGO.replace(day=1).isoformat(),
        "--end",
        A_YEAR_AGO.isoformat(),
        execution_time=DAY_AFTER,
    )
    steps["after the restatement"] = table(prod, HISTORY)
    steps["month ends after the restatement"] = table(prod, MONTH_ENDS)
    return steps


def month_ends(frame: pd.DataFrame) -> list[date]:
    return sorted(pd.to_datetime(frame["month_end"]).dt.date.unique())


def test_every_model_of_the_history_starts_on_the_same_day():
    sql = (PROJECT / "models" / "intermediate" / "user_activity_month_ends.sql").read_text()
    assert f"start '{HISTORY_START}'" in sql


def test_the_first_build_backfills_every_closed_month(loop):
    months = month_ends(loop["after the first build"])
    first = date.fromisoformat(HISTORY_START)
    assert (months[0].year, months[0].month) == (first.year, first.month)
    assert months[-1] == date(2026, 9, 30)
    assert len(months) == 33


def test_a_run_after_a_month_closes_adds_exactly_that_month(loop):
    before, after = loop["after the first build"], loop["after the first run"]
    added = after.loc[pd.to_datetime(after["month_end"]).dt.date == OCTOBER]
    assert len(added) > 0
    kept = after.drop(added.index).reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, before)


def test_model_quality_is_recorded_by_the_build_of_a_month_end_only(loop):
    # The first build measured to October 14th, the end of no month: nothing to record.
    assert loop["quality after the first build"].empty
    recorded = loop["quality after the first run"]
    assert month_ends(recorded) == [OCTOBER]
    assert sorted(recorded["model"]) == ["cross_sell", "customer_value", "purchase_propensity"]
    with loop["prod"].connect() as con:
        (auc,) = con.execute(
            "SELECT gate_value FROM warehouse.marts.propensity_evaluation"
        ).fetchone()
    assert recorded.set_index("model").loc["purchase_propensity", "model_value"] == auc


def test_a_second_run_the_same_day_adds_nothing(loop):
    assert loop["first run"].strip().endswith("run: success"), loop["first run"]
    assert loop["second run"].strip().endswith("run: nothing_to_do"), loop["second run"]
    pd.testing.assert_frame_equal(loop["after the second run"], loop["after the first run"])


def test_a_restated_month_gives_the_same_rows(loop):
    output = " ".join(loop["restatement"].split())
    assert "Restating models" in output or "restate" in output.lower(), output
    pd.testing.assert_frame_equal(
        loop["month ends after the restatement"], loop["month ends before the restatement"]
    )
    pd.testing.assert_frame_equal(loop["after the restatement"], loop["after the first run"])


def test_a_dev_change_to_the_history_backfills_only_the_changed_model(loop, tmp_path):
    checkout = Checkout(tmp_path, loop["prod"])
    checkout.edit("intermediate/user_activity_month_ends", *ADDED_COLUMN)
    output = checkout.plan("dev", execution_time=DAY_AFTER)
    backfills = output.split("Models needing backfill", 1)[1].split("\n\n")[0]
    assert "user_activity_month_ends" in backfills, output
    assert "segment_history" not in backfills, output
    changed = table(checkout, MONTH_ENDS, "__dev")
    assert changed["is_engaged"].equals(changed["engagement_sessions"] > 0)
    pd.testing.assert_frame_equal(
        changed.drop(columns="is_engaged"), loop["month ends after the restatement"]
    )


def test_the_month_of_a_year_ago_equals_a_build_pinned_to_its_end(loop, tmp_path):
    pinned = Warehouse(loop["prod"].source, tmp_path / "pinned.duckdb", as_of=str(A_YEAR_AGO))
    pinned.plan(execution_time=DAY_AFTER)
    with pinned.connect() as con:
        built = con.execute(
            """
            SELECT segment, engagement_tier, COUNT(*) AS users, SUM(monetary) AS net_revenue,
              SUM(frequency) AS orders
            FROM warehouse.marts.customer_segments
            GROUP BY ALL
            """
        ).df()
        summary = con.execute(
            "SELECT segment, users, net_revenue, orders FROM warehouse.marts.segment_summary"
        ).df()
    history = loop["after the first run"]
    month = history.loc[pd.to_datetime(history["month_end"]).dt.date == A_YEAR_AGO]
    cells = ["segment", "engagement_tier"]
    pd.testing.assert_frame_equal(
        month[[*cells, "users", "net_revenue", "orders"]].sort_values(cells).reset_index(drop=True),
        built.sort_values(cells).reset_index(drop=True),
        check_dtype=False,
    )
    by_segment = month.groupby("segment")[["users", "net_revenue", "orders"]].sum()
    pd.testing.assert_frame_equal(
        by_segment.sort_index(),
        summary.set_index("segment").sort_index(),
        check_dtype=False,
        check_names=False,
    )


# Segments at a day from the raw source, written here without the project's SQL: users signed
# up by the day; orders placed by it and not cancelled; items of both, at their sale price
# unless returned by the day; recency and money scored 1-5 by CUME_DIST among buyers (the most
# recent and the most spent scoring 5), frequency capped at 5; then the grid.
RAW_SEGMENTS = """
WITH users AS (
  SELECT id AS user_id FROM src.thelook_ecommerce.users WHERE CAST(created_at AS DATE) <= $day
), orders AS (
  SELECT user_id, COUNT(*) AS orders, MAX(CAST(created_at AS DATE)) AS last_day
  FROM src.thelook_ecommerce.orders
  WHERE CAST(created_at AS DATE) <= $day AND status <> 'Cancelled'
  GROUP BY user_id
), money AS (
  SELECT items.user_id,
    SUM(CASE WHEN CAST(items.returned_at AS DATE) <= $day THEN 0 ELSE items.sale_price END) AS spent
  FROM src.thelook_ecommerce.order_items AS items
  JOIN src.thelook_ecommerce.orders AS orders ON orders.order_id = items.order_id
  WHERE CAST(items.created_at AS DATE) <= $day AND CAST(orders.created_at AS DATE) <= $day
    AND items.status <> 'Cancelled'
  GROUP BY items.user_id
), buyers AS (
  SELECT orders.user_id, LEAST(orders.orders, 5) AS f,
    $day - orders.last_day AS recency, COALESCE(money.spent, 0) AS spent
  FROM orders LEFT JOIN money USING (user_id)
), scored AS (
  SELECT user_id, f,
    (5 * COUNT(*) OVER (ORDER BY recency DESC) + COUNT(*) OVER () - 1) // COUNT(*) OVER () AS r
  FROM buyers
)
SELECT users.user_id, COALESCE({grid}, '{prospect}') AS segment
FROM users LEFT JOIN scored USING (user_id)
"""


def raw_segments_sql(day: str) -> str:
    """RAW_SEGMENTS at `day`, a DuckDB DATE expression: one row per user, with the segment."""
    cases = " ".join(
        f"WHEN r IN ({', '.join(map(str, rs))}) AND f IN ({', '.join(map(str, fs))}) "
        f"THEN '{name.replace(chr(39), chr(39) * 2)}'"
        for name, rs, fs in GRID
    )
    sql = RAW_SEGMENTS.format(grid=f"CASE {cases} END", prospect=PROSPECT)
    return sql.replace("$day", f"({day})")


def raw_segments(con, day: date) -> pd.DataFrame:
    return con.execute(raw_segments_sql(f"DATE '{day.isoformat()}'")).df()


def test_migration_counts_equal_the_grid_on_raw_rows_and_add_up_on_each_side(loop):
    with loop["prod"].connect() as con:
        (as_of,) = con.execute("SELECT as_of FROM warehouse.intermediate.as_of").fetchone()
        assert as_of == OCTOBER
        month_before = as_of - timedelta(days=MIGRATION_DAYS)
        now = raw_segments(con, as_of)
        then = raw_segments(con, month_before)
        migration = con.execute(
            "SELECT previous_segment, segment, customers FROM warehouse.marts.segment_migration"
        ).df()
        sizes = con.execute("SELECT segment, users FROM warehouse.marts.segment_summary").df()
    moves = now.merge(then, on="user_id", how="left", suffixes=("", "_then"))
    moves["previous_segment"] = moves["segment_then"].fillna(SIGNED_UP_SINCE)
    expected = (
        moves.groupby(["previous_segment", "segment"]).size().rename("customers").reset_index()
    )
    keys = ["previous_segment", "segment"]
    pd.testing.assert_frame_equal(
        migration.sort_values(keys).reset_index(drop=True),
        expected.sort_values(keys).reset_index(drop=True),
        check_dtype=False,
    )
    assert migration.groupby("segment")["customers"].sum().sort_index().to_dict() == (
        sizes.set_index("segment")["users"].sort_index().to_dict()
    )
    earlier = migration.loc[migration["previous_segment"] != SIGNED_UP_SINCE]
    assert earlier.groupby("previous_segment")["customers"].sum().to_dict() == (
        then["segment"].value_counts().to_dict()
    )


def test_the_inputs_as_known_at_as_of_equal_customer_metrics(loop):
    with loop["prod"].connect() as con:
        differing = con.execute(
            """
            SELECT COUNT(*)
            FROM (
              SELECT * FROM warehouse.intermediate.user_activity_at
              WHERE known_at = (SELECT as_of FROM warehouse.intermediate.as_of)
            ) AS activity
            FULL JOIN warehouse.marts.customer_metrics AS metrics
              ON metrics.user_id = activity.user_id
            LEFT JOIN warehouse.intermediate.user_events AS events
              ON events.user_id = metrics.user_id
            WHERE (activity.user_id IS NULL OR metrics.user_id IS NULL
                OR activity.is_buyer <> metrics.is_buyer
                OR activity.purchased_orders <> metrics.purchased_orders
                OR ABS(activity.net_revenue - metrics.net_revenue) > 1e-9
                OR activity.first_order_at IS DISTINCT FROM metrics.first_order_at
                OR activity.last_order_at IS DISTINCT FROM metrics.last_order_at
                OR activity.days_since_last_order IS DISTINCT FROM metrics.days_since_last_order
                OR activity.has_events <> (metrics.total_events > 0)
                OR activity.engagement_sessions <> COALESCE(events.engagement_sessions, 0))
            """
        ).fetchone()
        (users,) = con.execute("SELECT COUNT(*) FROM warehouse.marts.customer_metrics").fetchone()
    assert differing == (0,) and users > 0
