"""How many users the backtest needs: the evaluation marts built with the backtest's sample at
each size, on the same source, beside the noise of their figures.

The backtest (models trained at as_of - 60 and as_of - 360 and judged a cutoff later) covers
every user up to BACKTEST_USERS and a fixed hash sample of about that many beyond
(thelook/glue/samples.py). Each size is planned in a copy of the project with that constant set;
what it prints is each evaluation's figures and, for the hit rates, their 95% half-width.

Usage: python benchmarks/backtest_sample.py USERS SIZE [SIZE ...]
       (e.g. 1000000 1000000 250000: a million users, judged on all of them and on a quarter)
"""

import math
import re
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb
from measure import BIN, PROJECT, local_gateway, run
from scale import AS_OF, EXECUTION_TIME

PROJECT_FILES = ("config.yaml", "external_models.yaml", "models", "audits", "macros", "linter")
FIGURES = {
    "cross_sell_evaluation": (
        "users_offered",
        "users_who_bought_new_category",
        "hit_rate_at_3",
        "baseline_hit_rate_at_3",
    ),
    "propensity_evaluation": ("evaluation_rows", "roc_auc", "baseline_roc_auc"),
    "customer_value_evaluation": ("users", "rank_correlation", "tenure_rank_correlation"),
}


def checkout(folder: Path, size: int) -> Path:
    """A copy of the project whose backtest covers `size` users."""
    folder.mkdir()
    for name in (*PROJECT_FILES, "thelook"):
        copy = shutil.copytree if (PROJECT / name).is_dir() else shutil.copy
        copy(PROJECT / name, folder / name)
    shutil.copytree(PROJECT / "tests" / "models", folder / "tests" / "models")
    samples = folder / "thelook" / "glue" / "samples.py"
    text, count = re.subn(
        r"BACKTEST_USERS = [\d_]+", f"BACKTEST_USERS = {size}", samples.read_text()
    )
    assert count == 1, "thelook/glue/samples.py no longer sets BACKTEST_USERS"
    samples.write_text(text)
    return folder


def main() -> None:
    users, *sizes = (int(arg) for arg in sys.argv[1:])
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        source = folder / "thelook.duckdb"
        generate = [str(BIN / "thelook"), "generate", "--users", str(users), "--as-of", str(AS_OF)]
        run([*generate, "--out", str(source)], local_gateway(source, folder / "none.duckdb"))
        for size in sizes:
            project = checkout(folder / f"project-{size}", size)
            warehouse = folder / f"warehouse-{size}.duckdb"
            env = {**local_gateway(source, warehouse), "PYTHONPATH": str(project)}
            plan = [str(BIN / "sqlmesh"), "--gateway", "local", "--paths", str(project), "plan"]
            flags = ["prod", "--auto-apply", "--no-prompts", "--execution-time", EXECUTION_TIME]
            seconds, peak, _ = run([*plan, *flags], env, cwd=project)
            print(
                f"\nbacktest of {size:,} users at {users:,}: plan {seconds:.0f} s, {peak:.2f} GiB"
            )
            with duckdb.connect() as con:
                # The marts are views in the catalog the gateway names its warehouse by.
                con.execute(f"ATTACH '{warehouse}' AS warehouse (READ_ONLY)")
                for mart, columns in FIGURES.items():
                    select = f"SELECT {', '.join(columns)} FROM warehouse.marts.{mart}"
                    row = con.sql(select).df().iloc[0]
                    print(f"  {mart}: " + ", ".join(f"{k} {row[k]:,.4g}" for k in columns))
                    if mart == "cross_sell_evaluation":
                        buyers, rate = row["users_who_bought_new_category"], row["hit_rate_at_3"]
                        half = 1.96 * math.sqrt(rate * (1 - rate) / buyers)
                        print(f"    hit rate at 3: 95% half-width {half:.4f}")


if __name__ == "__main__":
    main()
