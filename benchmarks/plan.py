"""`sqlmesh plan prod` from an empty warehouse: wall time, peak memory and time per model.

Targets on 2 cores: 100k users under 60 s and 3 GB; 1M users under 10 minutes and 12 GB.
Usage: python benchmarks/plan.py [USERS ...]   (each source is generated first, untimed)
"""

import sys
import tempfile
from pathlib import Path

from measure import BIN, local_gateway, model_seconds, run

TARGETS = {100_000: (60, 3.0), 1_000_000: (600, 12.0)}  # users: (seconds, GiB)


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or list(TARGETS)
    for users in sizes:
        with tempfile.TemporaryDirectory() as folder:
            source, warehouse = Path(folder) / "thelook.duckdb", Path(folder) / "warehouse.duckdb"
            env = local_gateway(source, warehouse)
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
        for model, seconds in model_seconds(output).items():
            print(f"  {model:<40} {seconds:>7.2f} s")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
