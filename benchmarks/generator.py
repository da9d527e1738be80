"""Time and peak memory of `thelook generate` at 100,000 and 1,000,000 users.

Targets: 100k users under 30 s and 2 GB; 1M users under 5 minutes and 12 GB (2 cores).
Usage: python benchmarks/generator.py [USERS ...]
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {100_000: (30, 2.0), 1_000_000: (300, 12.0)}  # users: (seconds, GiB)


def measure(users: int, out: Path) -> tuple[float, float]:
    """Wall seconds and peak resident GiB of one generation, in a child process of its own."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "thelook.cli",
            "generate",
            "--users",
            str(users),
            "--as-of",
            "2026-11-01",
            "--out",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"generation of {users:,} users failed")
    return elapsed, usage.ru_maxrss / 2**20  # ru_maxrss is in KiB on Linux


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or list(TARGETS)
    print(f"{'users':>10} {'seconds':>8} {'peak GiB':>9} {'file MiB':>9}  target")
    with tempfile.TemporaryDirectory() as folder:
        for users in sizes:
            out = Path(folder) / f"thelook-{users}.duckdb"
            seconds, peak = measure(users, out)
            limit = TARGETS.get(users)
            verdict = (
                f"{'met' if seconds < limit[0] and peak < limit[1] else 'MISSED'} "
                f"(< {limit[0]} s, < {limit[1]:g} GiB)"
                if limit
                else "-"
            )
            size = out.stat().st_size / 2**20
            print(f"{users:>10,} {seconds:>8.1f} {peak:>9.2f} {size:>9.0f}  {verdict}", flush=True)
            out.unlink()


if __name__ == "__main__":
    main()
