"""The out-of-time backtest of the propensity model and the category affinities, on the faithful
source and on one with planted browsing (`thelook generate --browsing`).

Bars: on the faithful data ROC AUC >= 0.75 and not below the tenure baseline; with planted
browsing a clearly higher AUC, a top-decile lift well above 1, and the planted affine pairs at
the top of category_affinity.
Usage: python benchmarks/backtest.py [USERS]   (default 100,000; sources are generated first)
"""

import os
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import duckdb

from thelook.source.browsing import AFFINE

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
AS_OF = date(2026, 11, 1)
MODES = {"faithful": [], "browsing": ["--browsing"]}


def build(folder: Path, users: int, flags: list[str]) -> duckdb.DuckDBPyConnection:
    """Generate a source as of AS_OF, plan prod over it, and open the warehouse."""
    source, warehouse = folder / "thelook.duckdb", folder / "warehouse.duckdb"
    env = {
        **os.environ,
        "THELOOK_SOURCE": str(source),
        "THELOOK_WAREHOUSE": str(warehouse),
        "SQLMESH__DISABLE_ANONYMIZED_ANALYTICS": "1",
    }
    generate = [str(BIN / "thelook"), "generate", "--users", str(users), "--as-of", str(AS_OF)]
    subprocess.run([*generate, "--out", str(source), *flags], env=env, check=True, cwd=PROJECT)
    plan = [str(BIN / "sqlmesh"), "plan", "prod", "--auto-apply", "--no-prompts"]
    execution_time = str(AS_OF + timedelta(days=1))
    result = subprocess.run(
        [*plan, "--execution-time", execution_time],
        env=env,
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"plan failed:\n{result.stdout}{result.stderr}")
    return duckdb.connect(str(warehouse), read_only=True)


# Ordered pairs (department, A, B) with B planted as affine to A, or A to B: the same
# co-purchases raise the lift both ways.
PLANTED = {
    pair
    for department, affine in AFFINE.items()
    for a, targets in affine.items()
    for b in targets
    for pair in ((department, a, b), (department, b, a))
}


def planted_share_of_top_pairs(con: duckdb.DuckDBPyConnection) -> float:
    """Share of planted pairs among the len(PLANTED) pairs of highest lift."""
    pairs = con.execute(
        "SELECT department, category_a, category_b FROM marts.category_affinity "
        f"ORDER BY lift DESC LIMIT {len(PLANTED)}"
    ).fetchall()
    return sum(tuple(pair) in PLANTED for pair in pairs) / len(pairs)


def main() -> None:
    users = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(f"Backtest at {users:,} users, as_of {AS_OF}\n")
    print(
        "| source | ROC AUC | tenure baseline | average precision | top-decile lift | Brier "
        f"| base rate | planted pairs in top {len(PLANTED)} by lift |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    results = {}
    for mode, flags in MODES.items():
        with tempfile.TemporaryDirectory() as folder:
            con = build(Path(folder), users, flags)
            row = con.execute(
                "SELECT roc_auc, baseline_roc_auc, average_precision, top_decile_lift, "
                "brier_score, base_rate FROM marts.propensity_evaluation"
            ).fetchone()
            planted = planted_share_of_top_pairs(con)
            con.close()
        results[mode] = row
        auc, baseline, precision, lift, brier, base = row
        print(
            f"| {mode} | {auc:.3f} | {baseline:.3f} | {precision:.3f} | {lift:.2f} | "
            f"{brier:.4f} | {base:.2%} | {planted:.0%} |"
        )
    faithful, browsing = results["faithful"], results["browsing"]
    print()
    faithful_met = faithful[0] >= 0.75 and faithful[0] >= faithful[1]
    print(f"faithful: ROC AUC >= 0.75 and >= the tenure baseline: {faithful_met}")
    print(
        f"browsing: ROC AUC {browsing[0] - faithful[0]:+.3f} over faithful, "
        f"top-decile lift {browsing[3]:.2f}"
    )


if __name__ == "__main__":
    main()
