"""`plan prod` over real rows of the live tables: no blocking audit fires, and the marts hold what
the raw rows say.

tests/data/real-sample/ is one consistent slice of the live tables (638 users with their orders,
items and events, anonymous events, and inventory of the same era, snapshot about 2025-11-24).
The source is built from it and the shipped products table, as BigQuery would serve them.
"""

from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from tests.project.conftest import Warehouse
from tests.project.test_end_to_end import EXPECTED, assert_mart_matches_independent_sql
from thelook.source.product_catalogue import DISTRIBUTION_CENTERS, build_products
from thelook.source.schema import DATASET, TABLES, create_table_sql

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "real-sample"
# The day the slice was taken: its last item was created on 2025-11-24.
SNAPSHOT = date(2025, 11, 24)
USERS = 638


def build_source(path: Path) -> None:
    """A source file of the seven tables: five from the sample's CSVs, the products table and
    distribution centres as the package ships them."""
    with duckdb.connect(str(path)) as con:
        con.execute("SET TimeZone = 'UTC'")
        con.execute(f"CREATE SCHEMA {DATASET}")
        for table, columns in TABLES.items():
            con.execute(create_table_sql(table))
            if (SAMPLE / f"{table}.csv").exists():
                # Empty fields are NULL; the text 'null' (a city) stays text, as live.
                con.execute(
                    f"INSERT INTO {DATASET}.{table} SELECT {', '.join(columns)} "
                    f"FROM read_csv(?, header = true)",
                    [str(SAMPLE / f"{table}.csv")],
                )
        con.register("products", build_products())
        con.execute(f"INSERT INTO {DATASET}.products SELECT * FROM products")
        con.register("centres", DISTRIBUTION_CENTERS)
        con.execute(
            f"INSERT INTO {DATASET}.distribution_centers "
            "SELECT *, 'POINT(' || longitude || ' ' || latitude || ')' FROM centres"
        )


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> tuple[Warehouse, str]:
    folder = tmp_path_factory.mktemp("real")
    # The slice's events end on 2025-06-17, five months before its last order: the freshness
    # audit is given that lag, as an operator of such a source would.
    warehouse = Warehouse(
        folder / "source.duckdb",
        folder / "warehouse.duckdb",
        settings={"THELOOK_SOURCE_LAG_DAYS": "200"},
    )
    build_source(warehouse.source)
    result = warehouse.try_plan("prod", execution_time=(SNAPSHOT + timedelta(days=1)).isoformat())
    return warehouse, result.stdout + result.stderr if result.returncode else ""


def test_the_sample_is_one_consistent_slice():
    with duckdb.connect() as con:
        orphans = con.execute(
            "SELECT count(*) FROM read_csv(?) AS o WHERE user_id NOT IN "
            "(SELECT id FROM read_csv(?))",
            [str(SAMPLE / "orders.csv"), str(SAMPLE / "users.csv")],
        ).fetchone()[0]
        users = con.execute("SELECT count(*) FROM read_csv(?)", [str(SAMPLE / "users.csv")])
        assert (orphans, users.fetchone()[0]) == (0, USERS)


def test_no_blocking_audit_fires_on_real_rows(real):
    _, failure = real
    assert failure == ""


# cross_sell_candidates is empty here, as it should be: 1,265 of the slice's 1,266 events are
# anonymous and the one member event is no product view, so no member viewed anything.
@pytest.mark.parametrize("mart", list(EXPECTED))
def test_marts_hold_what_the_raw_rows_say(real, mart):
    warehouse, failure = real
    assert failure == ""
    assert_mart_matches_independent_sql(warehouse.connect(), mart, SNAPSHOT)


def test_real_quirks_reach_the_marts_cleaned(real):
    # The live rows' local spelling of Brazil is translated in staging.
    warehouse, failure = real
    assert failure == ""
    con = warehouse.connect()
    raw_local, staged_local, staged_brazil = con.execute(
        """
        SELECT
          (SELECT count(*) FROM src.thelook_ecommerce.users WHERE country = 'Brasil'),
          (SELECT count(*) FROM warehouse.staging.stg_users WHERE country = 'Brasil'),
          (SELECT count(*) FROM warehouse.staging.stg_users WHERE country = 'Brazil')
        """
    ).fetchone()
    assert raw_local > 0 and staged_local == 0 and staged_brazil >= raw_local
    users, buyers = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE total_orders > 0) "
        "FROM warehouse.marts.customer_metrics"
    ).fetchone()
    assert users == USERS and buyers > 0
    segments = con.execute("SELECT sum(users) FROM warehouse.marts.segment_summary").fetchone()
    assert segments == (USERS,)
