"""What the benchmarks share: one command's wall time and peak memory, and SQLMesh's model times."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# SQLMesh prints "[1/1] <model> [<what it did>] <seconds>s" once a model is built.
MODEL_LINE = re.compile(r"\[\d+/\d+\]\s+(\S+)\s+\[[^\]]*\]\s+([\d.]+)s")


def run(args: list[str], env: dict[str, str], cwd: Path = PROJECT) -> tuple[float, float, str]:
    """Wall seconds, peak resident GiB and output of one command in a child process."""
    started = time.perf_counter()
    child = subprocess.Popen(
        args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=cwd
    )
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(args)} failed:\n{output}")
    return time.perf_counter() - started, usage.ru_maxrss / 2**20, output


def model_seconds(output: str) -> dict[str, float]:
    """Each model's build time (its audits included) from a plan's output."""
    return {model: float(seconds) for model, seconds in MODEL_LINE.findall(output)}


def local_gateway(source: Path, warehouse: Path) -> dict[str, str]:
    """The environment that points the local gateway at these files, with its own cache."""
    return {
        **os.environ,
        "THELOOK_SOURCE": str(source),
        "THELOOK_WAREHOUSE": str(warehouse),
        "SQLMESH__CACHE_DIR": str(warehouse.with_suffix(".cache")),
        "SQLMESH__DISABLE_ANONYMIZED_ANALYTICS": "1",
        "COLUMNS": "200",
    }
