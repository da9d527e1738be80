"""Production has one door: every local make target names the local gateway itself, so an
exported SQLMESH_GATEWAY (bigquery, say) never sends a laptop's plan to a shared prod."""

import os
import re
import subprocess

import pytest

from tests.project.conftest import PROJECT

# Commands that choose no gateway: generating the local source and the offline BigQuery check.
GATEWAY_FREE = re.compile(r"/thelook (generate|bigquery-check)\b")


def dry_run(*targets: str) -> list[str]:
    """The SQLMesh and thelook commands `make -n` would run, with SQLMESH_GATEWAY=bigquery."""
    env = {**os.environ, "SQLMESH_GATEWAY": "bigquery", "BIGQUERY_PROJECT": "a-shared-project"}
    result = subprocess.run(
        ["make", "-n", "-B", *targets], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return [
        line
        for line in result.stdout.splitlines()
        if re.search(r"/(sqlmesh|thelook) ", line) and not GATEWAY_FREE.search(line)
    ]


@pytest.mark.parametrize("target", ["run", "test", "dashboard", "review ENV=dev"])
def test_every_local_target_names_the_local_gateway(target):
    commands = dry_run(*target.split())
    assert commands, target
    assert [line for line in commands if "--gateway local" not in line] == []


def test_the_tests_run_on_the_local_gateway():
    (pytest_line,) = [
        line for line in subprocess.run(
            ["make", "-n", "-B", "test"], cwd=PROJECT, capture_output=True, text=True
        ).stdout.splitlines() if "/pytest" in line
    ]  # fmt: skip
    assert pytest_line.startswith("SQLMESH_GATEWAY=local ")
