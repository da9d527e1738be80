"""Run the project's own SQLMesh commands against a temporary warehouse."""

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import duckdb

from tests.conftest import AS_OF

PROJECT = Path(__file__).resolve().parents[2]
SQLMESH = str(Path(sys.executable).parent / "sqlmesh")
# The day after the source's as-of date: the plan's last processed day is then the as-of date.
EXECUTION_TIME = (AS_OF + timedelta(days=1)).isoformat()


# Every model of the project, as schema.name, from its file.
MODELS = frozenset(
    f"{path.parent.name}.{path.stem}"
    for path in (PROJECT / "models").glob("*/*")
    if path.suffix in (".sql", ".py")
)

PROJECT_FILES = (
    "config.yaml",
    "external_models.yaml",
    "models",
    "audits",
    "campaigns",
    "macros",
    "linter",
    "tests/models",
    "thelook",
)


def copy_project(checkout: Path) -> Path:
    """A checkout of the project's own files, to change without touching the real one. Run
    SQLMesh on it with PYTHONPATH set to it, so its `thelook` package is the one imported."""
    checkout.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, checkout / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, checkout / name)
    return checkout


@dataclass
class Warehouse:
    """A local gateway pointed at a source file and a warehouse file of its own."""

    source: Path
    path: Path
    project: Path = PROJECT
    as_of: str | None = None  # THELOOK_AS_OF; unset unless given
    settings: dict[str, str] = field(default_factory=dict)  # more environment variables
    gateway: str = "local"

    @property
    def env(self) -> dict[str, str]:
        environment = {
            **{name: value for name, value in os.environ.items() if name != "THELOOK_AS_OF"},
            "THELOOK_SOURCE": str(self.source),
            "THELOOK_WAREHOUSE": str(self.path),
            "SQLMESH__DISABLE_ANONYMIZED_ANALYTICS": "1",
            # SQLMesh caches snapshots, with the versions one state gave them, in the project's
            # .cache; another warehouse's state must not pick those up.
            "SQLMESH__CACHE_DIR": str(self.path.with_suffix(".cache")),
            # A copied checkout's own `thelook` package, not the installed one.
            "PYTHONPATH": str(self.project),
        }
        if self.as_of:
            environment["THELOOK_AS_OF"] = self.as_of
        return {**environment, **self.settings}

    def sqlmesh(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [SQLMESH, "--gateway", self.gateway, "--paths", str(self.project), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
            cwd=self.project,
        )

    def run(self, *args: str) -> str:
        """The output of a SQLMesh command that must succeed."""
        result = self.sqlmesh(*args)
        output = result.stdout + result.stderr
        assert result.returncode == 0, output
        return output

    def run_at(self, execution_time: str) -> str:
        """`sqlmesh run` of prod as if on `execution_time`, which the command itself cannot be
        told: through SQLMesh's Python API, in a process of its own. Its last line says how it
        ended: `run: success`, or `run: nothing_to_do` when no interval was due."""
        script = (
            "import sys; from sqlmesh import Context; "
            "status = Context(paths=sys.argv[1], gateway=sys.argv[2])"
            ".run('prod', execution_time=sys.argv[3]); "
            "print(f'run: {status.value}', file=sys.stderr); sys.exit(1 if status.is_failure else 0)"
        )
        result = subprocess.run(
            [sys.executable, "-c", script, str(self.project), self.gateway, execution_time],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
            cwd=self.project,
        )
        output = result.stdout + result.stderr
        assert result.returncode == 0, output
        return output

    def try_plan(
        self, environment: str = "prod", *args: str, execution_time: str | None = EXECUTION_TIME
    ) -> subprocess.CompletedProcess:
        """`sqlmesh plan`, applied without prompts, whether or not it succeeds; at
        `execution_time`, or now when it is None."""
        return self.sqlmesh(
            "plan",
            environment,
            "--auto-apply",
            "--no-prompts",
            # The models' unit tests run once per `make test`, in test_model_unit_tests.py: a
            # plan from empty would run every one of them again (about 10 s a plan).
            "--skip-tests",
            *(("--execution-time", execution_time) if execution_time else ()),
            *args,
        )

    def plan(
        self, environment: str = "prod", *args: str, execution_time: str | None = EXECUTION_TIME
    ) -> str:
        """The output of a plan that must succeed."""
        result = self.try_plan(environment, *args, execution_time=execution_time)
        output = result.stdout + result.stderr
        assert result.returncode == 0, output
        return output

    def connect(self) -> duckdb.DuckDBPyConnection:
        """The warehouse as the gateway sees it, with the raw source beside it as `src`."""
        con = duckdb.connect()
        con.execute("SET TimeZone = 'UTC'")
        con.execute(f"ATTACH '{self.path}' AS warehouse (READ_ONLY)")
        con.execute(f"ATTACH '{self.source}' AS src (READ_ONLY)")
        # The staging views read the source by its BigQuery name, as the gateway attaches it.
        con.execute(f"ATTACH '{self.source}' AS \"bigquery-public-data\" (READ_ONLY)")
        return con
