"""An environment never measures two models to two days: a dev plan made days after prod's last
build measures what it builds to the day of the prod tables it reuses (intermediate.as_of)."""

from datetime import timedelta

import pytest

from tests.conftest import AS_OF
from tests.project.test_dev_loop import Checkout

SESSIONS_LINE = (
    "  COALESCE(events.sessions_so_far, 0) AS sessions_so_far, "
    "/* Web sessions with an event by the cutoff. */\n"
)
ADDED_COLUMN = (
    SESSIONS_LINE,
    SESSIONS_LINE + "  COALESCE(events.sessions_so_far, 0) > 0 AS has_sessions_so_far, "
    "/* Whether the user had a web session by the cutoff. */\n",
)
# Two days after prod's build, which ran the day after AS_OF (tests/project/conftest.py).
LATER = (AS_OF + timedelta(days=3)).isoformat()


@pytest.fixture(scope="module")
def later_dev(prod, tmp_path_factory) -> tuple[Checkout, str]:
    """dev planned weeks after prod's build (today, with no --execution-time): SQLMesh ends it
    where prod's intervals end."""
    checkout = Checkout(tmp_path_factory.mktemp("one-day"), prod)
    checkout.edit("intermediate/user_features", *ADDED_COLUMN)
    return checkout, checkout.plan("dev", execution_time=None)


def test_a_dev_plan_past_prods_day_stops_in_one_line_and_changes_nothing(prod, tmp_path):
    checkout = Checkout(tmp_path, prod)
    checkout.edit("intermediate/user_features", *ADDED_COLUMN)
    result = checkout.try_plan("dev", execution_time=LATER)
    output = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    day = AS_OF + timedelta(days=2)
    assert (
        f"`dev` would measure to {day}, past prod's {AS_OF}: bring prod to that day first "
        f"(sqlmesh run prod, with the same --execution-time), or pin THELOOK_AS_OF={AS_OF}"
    ) in output, output
    with checkout.connect() as con:
        (prods_day,) = con.execute("SELECT as_of FROM warehouse.intermediate.as_of").fetchone()
    assert prods_day == AS_OF
    assert "dev" not in checkout.run("environments")


def test_a_later_dev_plan_measures_its_changed_model_to_prods_day(later_dev):
    checkout, output = later_dev
    assert "Directly Modified: intermediate__dev.user_features" in output
    # Only the changed model is in dev; the as_of it read is prod's.
    assert "intermediate__dev.as_of" not in output
    with checkout.connect() as con:
        days = con.execute(
            """
            SELECT
              (SELECT as_of FROM warehouse.intermediate.as_of),
              (SELECT max(cutoff_date) FROM warehouse.intermediate.user_features),
              (SELECT max(cutoff_date) FROM warehouse.intermediate__dev.user_features)
            """
        ).fetchone()
    assert days == (AS_OF,) * 3


def test_an_added_column_changes_no_other_value(later_dev):
    """What a reviewer diffs: the dev table against prod's, on every column they share."""
    checkout, _ = later_dev
    with checkout.connect() as con:
        columns = [
            name
            for (name,) in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE database_name = 'warehouse' "
                "AND schema_name = 'intermediate' AND table_name = 'user_features'"
            ).fetchall()
        ]
        shared = ", ".join(columns)
        prod_rows, differing = con.execute(
            f"""
            SELECT
              (SELECT count(*) FROM warehouse.intermediate.user_features),
              (SELECT count(*) FROM (
                 (SELECT {shared} FROM warehouse.intermediate.user_features
                  EXCEPT ALL SELECT {shared} FROM warehouse.intermediate__dev.user_features)
                 UNION ALL
                 (SELECT {shared} FROM warehouse.intermediate__dev.user_features
                  EXCEPT ALL SELECT {shared} FROM warehouse.intermediate.user_features)))
            """
        ).fetchone()
    assert "has_sessions_so_far" not in columns
    assert prod_rows > 0 and differing == 0
