"""How close the build comes to the engine's own speed, and what a day's commands cost.

For each size: generating the source; plain DuckDB SQL computing the three original marts (the
core reference); the same three marts built by `sqlmesh plan prod` from empty with staging and
intermediate (the core), against the targets of 3x the reference's time and 1.5x its memory;
every model computed without SQLMesh (`without_sqlmesh.py`: the same SQL and the same
scikit-learn calls, the floor of the full build); the full `plan prod` from empty with a cold
cache, against its targets (under 45 s at 100,000 users; under 120 s, 2x the floor and 6 GB at
1,000,000); and a `plan prod` with nothing changed (under 5 s at 1,000,000).
At 100,000 users also the peak memory of each Python mart evaluated alone (`sqlmesh evaluate`: a
batched mart's first batch, after everything it reads whole), a no-change `plan prod` that runs
every unit test, and `plan dev` after a one-line change to an intermediate model (under 10 s).

Beyond 1,000,000 users (10,000,000 on this machine) only generation and the full plan run
(under 30 minutes).

Usage: python benchmarks/scale.py [USERS ...]   (default 100000 1000000)
"""

import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from measure import BIN, PROJECT, local_gateway, model_seconds, run

AS_OF = date(2026, 11, 24)
EXECUTION_TIME = (AS_OF + timedelta(days=1)).isoformat()
CORE = ("marts.customer_metrics", "marts.product_performance", "marts.cross_sell_candidates")
TIME_RATIO, MEMORY_RATIO = 3.0, 1.5
RATIO_TARGETS_FROM = 1_000_000
LARGEST_COMPARED = 1_000_000  # larger sources are generated and planned, not compared
NO_CHANGE_SECONDS, DEV_PLAN_SECONDS = 5.0, 10.0
# The full plan from empty with a cold cache: seconds by size, and at 1,000,000 users its ratio
# to every model computed without SQLMesh and its peak memory.
FULL_PLAN_SECONDS = {100_000: 45.0, 1_000_000: 120.0, 10_000_000: 1800.0}
FLOOR_RATIO, FULL_PLAN_GIB = 2.0, 6.0
# A mart's process holds DuckDB's buffers too, which grow with the tables up to their cap: held
# low, what grows with the users is the mart's own.
MART_ENGINE_MEMORY = "1GB"
# The day-to-day plan: unit tests of what the plan changes (`make test` runs them all).
PLAN = ("plan", "--auto-apply", "--no-prompts", "--test-changed-only")
# A newcomer's `make run`: the build alone, its unit tests left to `make test`.
FIRST_PLAN = ("plan", "--auto-apply", "--no-prompts", "--skip-tests")
PLAN_ARGS = ("--execution-time", EXECUTION_TIME)
# A one-line change to an intermediate model: a new column, which SQLMesh classes non-breaking.
CHANGED_MODEL = Path("models/intermediate/user_orders.sql")
CHANGED_TEST = Path("tests/models/test_user_orders.yaml")
CHANGED_LINE = "  orders.cancelled_orders AS cancelled_orders, /* Orders cancelled. */"
ADDED_LINE = "  orders.total_orders - orders.cancelled_orders AS kept_orders, /* Orders kept. */"


def sqlmesh(project: Path, *args: str) -> list[str]:
    return [str(BIN / "sqlmesh"), "--gateway", "local", "--paths", str(project), *args]


def report(label: str, seconds: float, peak: float, note: str = "") -> None:
    print(f"  {label:<52} {seconds:>8.1f} s {peak:>7.2f} GiB  {note}", flush=True)


def verdict(value: float, target: float) -> str:
    return f"{'met' if value < target else 'MISSED'} (target < {target:g})"


def measure(users: int, folder: Path) -> None:
    print(f"\n{users:,} users", flush=True)
    source = folder / "thelook.duckdb"
    env = local_gateway(source, folder / "core.duckdb")
    generate = [str(BIN / "thelook"), "generate", "--users", str(users), "--as-of", str(AS_OF)]
    report("thelook generate", *run([*generate, "--out", str(source)], env)[:2])

    if users > LARGEST_COMPARED:
        full_plan(users, source, folder)  # beyond, the question is whether it completes at all
        return
    plain = [sys.executable, "benchmarks/plain_duckdb.py", str(source), str(AS_OF)]
    reference = run([*plain, str(folder / "plain.duckdb")], {**env, "PYTHONPATH": str(PROJECT)})
    report("plain DuckDB SQL, three original marts", *reference[:2])

    selected = [arg for model in CORE for arg in ("--select-model", f"+{model}")]
    seconds, peak, output = run(sqlmesh(PROJECT, *PLAN, "prod", *PLAN_ARGS, *selected), env)
    models = model_seconds(output)
    report("plan prod, staging + intermediate + three marts", seconds, peak)
    built = sum(models.values())
    print(f"    models {built:.1f} s, SQLMesh's fixed cost {seconds - built:.1f} s")
    slowest(models, 6)
    time_ratio, memory_ratio = seconds / reference[0], peak / reference[1]
    # The targets hold from 1,000,000 users; below, SQLMesh's fixed cost dominates.
    targets = users >= RATIO_TARGETS_FROM
    print(f"    time {time_ratio:.1f}x the reference", verdict(time_ratio, TIME_RATIO) * targets)
    print(
        f"    memory {memory_ratio:.2f}x the reference",
        verdict(memory_ratio, MEMORY_RATIO) * targets,
    )

    floor = without_sqlmesh(source, folder, env)
    full = full_plan(users, source, folder, floor)
    seconds, peak, _ = run(sqlmesh(PROJECT, *PLAN, "prod", *PLAN_ARGS), full)
    note = verdict(seconds, NO_CHANGE_SECONDS) if users >= RATIO_TARGETS_FROM else ""
    report("plan prod, no change", seconds, peak, note)

    if users <= 100_000:
        print(f"  Python marts, each evaluated alone, DuckDB held to {MART_ENGINE_MEMORY}:")
        held = {**full, "THELOOK_DUCKDB_MEMORY": MART_ENGINE_MEMORY}
        for model in python_marts():
            evaluate = sqlmesh(PROJECT, "evaluate", model, "--execution-time", EXECUTION_TIME)
            report(f"  {model}", *run(evaluate, held)[:2])
        day_to_day(full, folder)


def without_sqlmesh(source: Path, folder: Path, env: dict[str, str]) -> tuple[float, float]:
    """Every model computed by plain DuckDB and pandas: its seconds and peak GiB."""
    script = [sys.executable, "benchmarks/without_sqlmesh.py"]
    rendered = folder / "rendered.json"
    run([*script, "render", str(AS_OF), str(rendered)], env)  # SQLMesh renders the SQL, untimed
    build = [*script, "build", str(rendered), str(source), str(AS_OF), str(folder / "floor.duckdb")]
    seconds, peak, output = run(build, env)
    report("every model without SQLMesh (the floor)", seconds, peak)
    slowest(model_seconds(output))
    return seconds, peak


def slowest(models: dict[str, float], count: int = 8) -> None:
    for model, model_time in sorted(models.items(), key=lambda item: -item[1])[:count]:
        print(f"    {model:<48} {model_time:>8.2f} s")


def full_plan(
    users: int, source: Path, folder: Path, floor: tuple[float, float] | None = None
) -> dict[str, str]:
    """`plan prod` of every model from empty, with a cold cache, against its targets; the
    gateway's environment, for what follows."""
    full = local_gateway(source, folder / "full.duckdb")
    seconds, peak, output = run(sqlmesh(PROJECT, *FIRST_PLAN, "prod", *PLAN_ARGS), full)
    target = FULL_PLAN_SECONDS.get(users)
    note = verdict(seconds, target) if target else ""
    report("plan prod from empty, every model (make run)", seconds, peak, note)
    models = model_seconds(output)
    built = sum(models.values())
    print(f"    models {built:.1f} s, SQLMesh's fixed cost {seconds - built:.1f} s")
    slowest(models)
    if floor:
        targets = users >= RATIO_TARGETS_FROM
        ratio = seconds / floor[0]
        print(f"    time {ratio:.1f}x the floor", verdict(ratio, FLOOR_RATIO) * targets)
        print(f"    peak {peak:.2f} GiB", verdict(peak, FULL_PLAN_GIB) * targets)
    return full


def python_marts() -> list[str]:
    return sorted(f"marts.{path.stem}" for path in (PROJECT / "models" / "marts").glob("*.py"))


def day_to_day(env: dict[str, str], folder: Path) -> None:
    seconds, peak, _ = run(sqlmesh(PROJECT, "plan", "prod", "--auto-apply", "--no-prompts"), env)
    report("plan prod, no change, every unit test", seconds, peak)
    checkout = folder / "checkout"
    checkout.mkdir()
    # The project's own package comes along: SQLMesh serializes project code into the models.
    project_files = ("config.yaml", "external_models.yaml", "models", "audits", "macros")
    for name in (*project_files, "linter", "thelook"):
        copy = shutil.copytree if (PROJECT / name).is_dir() else shutil.copy
        copy(PROJECT / name, checkout / name)
    shutil.copytree(PROJECT / "tests" / "models", checkout / "tests" / "models")
    changed = checkout / CHANGED_MODEL
    text = changed.read_text()
    assert CHANGED_LINE in text, f"{CHANGED_MODEL} no longer has the line this benchmark changes"
    changed.write_text(text.replace(CHANGED_LINE, f"{CHANGED_LINE}\n{ADDED_LINE}"))
    add_expected_column(checkout / CHANGED_TEST)
    in_checkout = {**env, "PYTHONPATH": str(checkout)}
    seconds, peak, _ = run(sqlmesh(checkout, *PLAN, "dev", *PLAN_ARGS), in_checkout, cwd=checkout)
    report(
        "plan dev, one new column in user_orders", seconds, peak, verdict(seconds, DEV_PLAN_SECONDS)
    )


def add_expected_column(path: Path) -> None:
    """The developer's other edit: the unit test expects the new column too."""
    from sqlmesh.utils.yaml import dump, load

    tests = load(path.read_text())
    for test in tests.values():
        for row in test["outputs"]["query"]["rows"]:
            row["kept_orders"] = row["total_orders"] - row["cancelled_orders"]
    path.write_text(dump(tests))


def main() -> None:
    for users in [int(arg) for arg in sys.argv[1:]] or [100_000, 1_000_000]:
        with tempfile.TemporaryDirectory() as folder:
            measure(users, Path(folder))


if __name__ == "__main__":
    main()
