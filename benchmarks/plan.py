"""`sqlmesh plan prod` from an empty warehouse: wall time, peak memory and time per model.

Targets on 2 cores: 100k users under 60 s and 3 GB; 1M users under 10 minutes and 12 GB.
Usage: python benchmarks/plan.py [USERS ...]   (each source is generated first, untimed)
"""

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TARGETS = {100_000: (60, 3.0), 1_000_000: (600, 12.0)}  # users: (seconds, GiB)
# SQLMesh prints "[1/1] <model> [<what it did>] <seconds>s" once a model is built.
MODEL_LINE = re.compile(r"\[\d+/\d+\]\s+(\S+)\s+\[[^\]]*\]\s+([\d.]+)s")


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak resident GiB and output of one command in a child process."""
    started = time.perf_counter()
    child = subprocess.Popen(
        args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=PROJECT
    )
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(args)} failed:\n{output}")
    return time.perf_counter() - started, usage.ru_maxrss / 2**20, output


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or list(TARGETS)
    for users in sizes:
        with tempfile.TemporaryDirectory() as folder:
            source, warehouse = Path(folder) / "thelook.duckdb", Path(folder) / "warehouse.duckdb"
            env = {
                **os.environ,
                "THELOOK_SOURCE": str(source),
                "THELOOK_WAREHOUSE": str(warehouse),
                "SQLMESH__DISABLE_ANONYMIZED_ANALYTICS": "1",
                "COLUMNS": "200",
            }
            run(
                [str(BIN / "thelook"), "generate", "--users", str(users), "--out", str(source)], env
            )
            seconds, peak, output = run(
                [str(BIN / "sqlmesh"), "plan", "prod", "--auto-apply", "--no-prompts"], env
            )
        limit = TARGETS.get(users)
        verdict = (
            (
                f"{'met' if seconds < limit[0] and peak < limit[1] else 'MISSED'} "
                f"(< {limit[0]} s, < {limit[1]:g} GiB)"
            )
            if limit
            else ""
        )
        print(f"\n{users:,} users: plan prod {seconds:.1f} s, peak {peak:.2f} GiB  {verdict}")
        for model, model_seconds in MODEL_LINE.findall(output):
            print(f"  {model:<40} {float(model_seconds):>7.2f} s")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
