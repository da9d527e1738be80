"""Generated datasets shared by the tests: made once per run, in a temporary folder."""

from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import settings

from thelook.source.generate import generate

# Properties are checked on what they compute, not how fast: a busy machine (two test workers on
# two cores) must not fail an example for running past a deadline.
settings.register_profile("project", deadline=None)
settings.load_profile("project")

AS_OF = date(2026, 11, 1)
# The test files that take longest, run first: the workers take files in the order collected,
# and a long file taken last leaves the other worker idle until it ends.
SLOWEST_FIRST = (
    "test_as_of.py",
    "test_no_leakage.py",
    "test_shared_state.py",
    "test_source_freshness.py",
    "test_dev_loop.py",
    "test_bigquery_check.py",
    "test_browser.py",
    "test_real_sample.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return SLOWEST_FIRST.index(name) if name in SLOWEST_FIRST else len(SLOWEST_FIRST)

    items.sort(key=rank)  # stable: within a file, and among the rest, the collected order


SMALL_USERS = 3_000
DEFAULT_USERS = 100_000


@pytest.fixture(scope="session")
def small_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("source") / "small.duckdb"
    generate(path, SMALL_USERS, seed=7, as_of=AS_OF)
    return path


@pytest.fixture(scope="session")
def small_browsing_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small source with the planted behaviour of `thelook generate --browsing`."""
    path = tmp_path_factory.mktemp("source") / "small-browsing.duckdb"
    generate(path, SMALL_USERS, seed=7, as_of=AS_OF, browsing=True)
    return path


@pytest.fixture(scope="session")
def default_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("source") / "default.duckdb"
    generate(path, DEFAULT_USERS, seed=42, as_of=AS_OF)
    return path


@pytest.fixture(scope="session")
def small(small_source: Path) -> duckdb.DuckDBPyConnection:
    return _open(small_source)


@pytest.fixture(scope="session")
def default(default_source: Path) -> duckdb.DuckDBPyConnection:
    return _open(default_source)


def _open(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path), read_only=True)
    con.execute("SET TimeZone = 'UTC'; USE thelook_ecommerce")
    return con


@pytest.fixture(scope="session")
def prod(small_source: Path, tmp_path_factory: pytest.TempPathFactory):  # -> Warehouse
    """Prod built once from the small generated source."""
    from tests.project.conftest import Warehouse

    warehouse = Warehouse(small_source, tmp_path_factory.mktemp("prod") / "warehouse.duckdb")
    warehouse.plan()
    return warehouse
