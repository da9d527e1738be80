"""Where a plan spends its time: a newcomer's first `plan prod` (make run's, from empty, cold
cache) and a `plan prod` with nothing changed, each profiled in one process, split into
importing SQLMesh, loading the project (models, unit test files, column types), running unit
tests, reading and writing state, building the models and auditing them, and the virtual layer.
The profiler slows pure-Python parts, so the split is shown as shares of the profiled time beside
the wall time of the same command unprofiled.

Usage: python benchmarks/fixed_cost.py SOURCE   (a generated source; default data/thelook.duckdb)
"""

import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import BIN, PROJECT, local_gateway

# A newcomer's first plan is `make run`'s; a developer's next ones run the unit tests of what
# they change.
FIRST_PLAN = ("plan", "prod", "--auto-apply", "--no-prompts", "--skip-tests")
PLAN = ("plan", "prod", "--auto-apply", "--no-prompts", "--test-changed-only")
# Part of a plan: the functions whose cumulative time is that part's, "file:function" patterns.
PARTS = {
    "import SQLMesh": ("sqlmesh/__init__.py:<module>",),
    "load models": ("core/loader.py:_load_models",),
    "load unit test files": ("core/loader.py:load_model_tests",),
    "column types and validation": ("core/context.py:_update_model_schemas_and_validate",),
    "state: snapshots and diff": ("core/context.py:_snapshots", "core/context.py:_context_diff"),
    "run unit tests": ("core/context.py:_run_plan_tests",),
    "build models": ("snapshot/evaluator.py:evaluate",),
    "audit models": ("snapshot/evaluator.py:audit",),
    "virtual layer": ("snapshot/evaluator.py:promote",),
}


def profiled(env: dict[str, str], plan: tuple[str, ...]) -> tuple[float, dict[str, float]]:
    """The plan run under cProfile in a child process: total profiled seconds, and each part's."""
    with tempfile.NamedTemporaryFile(suffix=".prof") as out:
        run = "from sqlmesh.cli.main import cli; cli(standalone_mode=False)"
        script = (
            "import cProfile, sys; "
            f"sys.argv = ['sqlmesh', '--gateway', 'local', *{list(plan)!r}]; "
            f"cProfile.run({run!r}, {out.name!r})"
        )
        command = [str(BIN / "python"), "-c", script]
        subprocess.run(command, env=env, check=True, cwd=PROJECT, capture_output=True)
        stats = pstats.Stats(out.name)
    total = max(entry[3] for entry in stats.stats.values())
    parts = {}
    for part, patterns in PARTS.items():
        parts[part] = sum(
            max(
                (
                    entry[3]
                    for (file, _, function), entry in stats.stats.items()
                    if f"{file}:{function}".endswith(pattern)
                ),
                default=0.0,
            )
            for pattern in patterns
        )
    return total, parts


def wall(env: dict[str, str], plan: tuple[str, ...]) -> float:
    started = time.perf_counter()
    command = [str(BIN / "sqlmesh"), "--gateway", "local", *plan]
    subprocess.run(command, env=env, check=True, cwd=PROJECT, capture_output=True)
    return time.perf_counter() - started


def show(label: str, seconds: float, total: float, parts: dict[str, float]) -> None:
    print(f"\n{label}: {seconds:.1f} s ({total:.1f} s profiled)")
    for part, part_seconds in parts.items():
        print(f"  {part:<32} {part_seconds / total:>6.0%}")
    print(f"  {'the rest':<32} {1 - sum(parts.values()) / total:>6.0%}")


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else PROJECT / "data" / "thelook.duckdb")
    with tempfile.TemporaryDirectory() as folder:
        plain = local_gateway(source.resolve(), Path(folder) / "plain.duckdb")
        profiled_env = local_gateway(source.resolve(), Path(folder) / "profiled.duckdb")
        # Each from empty with its own cold cache, one of them profiled.
        first = wall(plain, FIRST_PLAN)
        show(
            "make run's plan prod from empty, cold cache",
            first,
            *profiled(profiled_env, FIRST_PLAN),
        )
        show("plan prod, nothing changed", wall(plain, PLAN), *profiled(profiled_env, PLAN))


if __name__ == "__main__":
    main()
