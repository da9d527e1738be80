"""Two checkouts share one SQLMesh state in PostgreSQL, as a team does on the `bigquery`
gateway: what one plans, the other sees, diffs and promotes without rebuilding.

BigQuery is not reachable here, so each checkout's copy of the project gives its local gateway
the state settings of the `bigquery` gateway, as config.yaml writes them, over one warehouse
file that both see (as a team's BigQuery datasets are one)."""

import glob
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest

from tests.project.conftest import Warehouse, copy_project

SERVER = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
CHANGED_FILTER = (
    "  NOT viewed_product_id IS NULL\n",
    "  NOT viewed_product_id IS NULL AND NOT user_id IS NULL\n",
)


def _connect():
    return psycopg2.connect(dbname="postgres", connect_timeout=3, **SERVER)


def _ensure_server_running() -> None:
    """Start the machine's PostgreSQL cluster if it is down, as its service would."""
    try:
        _connect().close()
        return
    except psycopg2.OperationalError:
        for version in glob.glob("/etc/postgresql/*"):
            subprocess.run(
                [
                    "pg_ctlcluster",
                    "--skip-systemctl-redirect",
                    version.rsplit("/", 1)[1],
                    "main",
                    "start",
                ],
                check=False,
            )
    for _ in range(30):
        try:
            _connect().close()
            return
        except psycopg2.OperationalError:
            time.sleep(1)
    pytest.fail("no PostgreSQL server on 127.0.0.1:5432, and it could not be started")


@pytest.fixture(scope="module")
def state_database() -> Iterator[str]:
    """A fresh database on the local server, dropped afterwards."""
    _ensure_server_running()
    name = f"thelook_state_{uuid.uuid4().hex[:12]}"
    admin = _connect()
    admin.autocommit = True
    admin.cursor().execute(f"CREATE DATABASE {name}")
    try:
        yield name
    finally:
        admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


def with_team_state(checkout: Path) -> Path:
    """`checkout` with its local gateway on the bigquery gateway's state connection."""
    config = checkout / "config.yaml"
    text = config.read_text()
    gated = "{% if env_var('BIGQUERY_PROJECT', '') %}\n"
    state = text[
        text.index("    state_connection:\n") : text.index("{% endif %}\n\n# SQLMESH_GATEWAY")
    ]
    config.write_text(text.replace(gated, state + gated))
    return checkout


class TeamCheckout(Warehouse):
    """One engineer's checkout, on the shared warehouse and the shared state."""

    def __init__(self, project, source, warehouse, state_database: str) -> None:
        super().__init__(source, warehouse, with_team_state(project))
        self.state_database = state_database

    @property
    def env(self) -> dict[str, str]:
        return {
            **super().env,
            "SQLMESH_STATE_USER": SERVER["user"],
            "SQLMESH_STATE_DATABASE": self.state_database,
        }

    def change_filter(self) -> None:
        model = self.project / "models" / "intermediate" / "event_product_views.sql"
        model.write_text(model.read_text().replace(*CHANGED_FILTER))
        test = self.project / "tests" / "models" / "test_event_product_views.yaml"
        test.write_text(
            "".join(
                line
                for line in test.read_text().splitlines(keepends=True)
                if not line.startswith("        - {session_id: a1")
            )
        )


def test_two_checkouts_share_environments(small_source, state_database, tmp_path):
    source, warehouse = tmp_path / "source.duckdb", tmp_path / "warehouse.duckdb"
    shutil.copy(small_source, source)
    alice = TeamCheckout(copy_project(tmp_path / "alice"), source, warehouse, state_database)
    bob = TeamCheckout(copy_project(tmp_path / "bob"), source, warehouse, state_database)

    alice.plan("prod")
    alice.change_filter()
    alice.plan("dev")

    # Bob's checkout has never planned anything, yet it sees Alice's environment...
    assert "dev" in bob.run("environments")
    # ...diffs it against prod...
    diff = bob.run("table_diff", "prod:dev", "marts.product_performance")
    assert "Row Counts" in diff and "COMMON" in diff
    # ...and, once he has her change, promotes it without rebuilding anything.
    bob.change_filter()
    promotion = bob.plan("prod")
    assert "Models needing backfill" not in promotion
    assert "Executing model batches" not in promotion

    with psycopg2.connect(dbname=state_database, **SERVER) as con, con.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlmesh._environments ORDER BY name")
        assert [row[0] for row in cursor.fetchall()] == ["dev", "prod"]
