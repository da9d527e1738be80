"""Generated datasets shared by the tests: made once per run, in a temporary folder."""

import fcntl
import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import settings

from thelook.source.generate import generate

# The test workers share the cores, one worker to a core: scikit-learn's OpenMP threads would spin
# waiting for a core another worker holds (two plans of the small shop side by side took twice as
# long). One thread each, in the workers and the commands they start; the models are the same.
os.environ.setdefault("OMP_NUM_THREADS", "1")

# Properties are checked on what they compute, not how fast: a busy machine (two test workers on
# two cores) must not fail an example for running past a deadline.
settings.register_profile("project", deadline=None)
settings.load_profile("project")

AS_OF = date(2026, 11, 1)
# The test files that take longest, run first: the workers take files in the order collected
# (pyproject.toml keeps xdist from reordering them), and a long file taken last leaves the other
# worker idle until it ends. The first two do not both wait for `prod`, which one worker plans.
SLOWEST_FIRST = (
    "test_as_of.py",
    "test_no_leakage.py",
    "test_source_freshness.py",
    "test_shared_state.py",
    "test_dev_loop.py",
    "test_campaign_review.py",
    "test_bigquery_check.py",
    "test_bad_input.py",
    "test_real_sample.py",
    "test_browser.py",
    "test_alerts.py",
    "test_quality_gates.py",
    "test_python_changes_show_in_plan.py",
    "test_corrupt_source.py",
    "test_model_unit_tests.py",
    "test_purchase_propensity.py",
    "test_linter.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return SLOWEST_FIRST.index(name) if name in SLOWEST_FIRST else len(SLOWEST_FIRST)

    items.sort(key=rank)  # stable: within a file, and among the rest, the collected order


SMALL_USERS = 3_000
DEFAULT_USERS = 100_000


@pytest.fixture(scope="session")
def run_folder(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The run's temporary folder, which every test worker shares (each has its own inside)."""
    folder = tmp_path_factory.getbasetemp()
    return folder if worker_id == "master" else folder.parent


def once_per_run(path: Path, make: Callable[[Path], None]) -> Path:
    """`path`, made by `make` (given a path to write) by the first test worker to ask, while the
    others wait for it. What is made once is shared: tests open it read-only, or copy it."""
    path.parent.mkdir(exist_ok=True)
    with open(path.parent / f"{path.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not path.exists():
            making = path.with_name(f"making-{path.name}")
            making.unlink(missing_ok=True)
            make(making)
            making.rename(path)
    return path


@pytest.fixture(scope="session")
def small_source(run_folder: Path) -> Path:
    return once_per_run(
        run_folder / "sources" / "small.duckdb",
        lambda path: generate(path, SMALL_USERS, seed=7, as_of=AS_OF),
    )


@pytest.fixture(scope="session")
def small_browsing_source(run_folder: Path) -> Path:
    """The small source with the planted behaviour of `thelook generate --browsing`."""
    return once_per_run(
        run_folder / "sources" / "small-browsing.duckdb",
        lambda path: generate(path, SMALL_USERS, seed=7, as_of=AS_OF, browsing=True),
    )


@pytest.fixture(scope="session")
def default_source(run_folder: Path) -> Path:
    return once_per_run(
        run_folder / "sources" / "default.duckdb",
        lambda path: generate(path, DEFAULT_USERS, seed=42, as_of=AS_OF),
    )


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
def prod(small_source: Path, run_folder: Path, tmp_path_factory: pytest.TempPathFactory):
    """Prod built from the small generated source, planned once per run; each test worker takes
    a copy of its own, so that one worker's SQLMesh commands never hold the file another reads.
    -> Warehouse"""
    from tests.project.conftest import Warehouse

    built = once_per_run(
        run_folder / "prod" / "warehouse.duckdb",
        lambda path: Warehouse(small_source, path).plan(),
    )
    warehouse = Warehouse(small_source, tmp_path_factory.mktemp("prod") / "warehouse.duckdb")
    shutil.copy(built, warehouse.path)
    return warehouse
