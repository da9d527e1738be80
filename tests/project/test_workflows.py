"""The GitHub workflows are checked against the workflow schema here, not first on the host."""

import shutil
import subprocess
import sys
from pathlib import Path

from tests.project.conftest import PROJECT

CHECK = [
    str(Path(sys.executable).parent / "check-jsonschema"),
    "--builtin-schema",
    "vendor.github-workflows",
]
WORKFLOWS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))


def test_the_workflows_are_valid():
    assert [w.name for w in WORKFLOWS] == ["sqlmesh-bot.yml", "test.yml"]
    result = subprocess.run([*CHECK, *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_workflow_is_caught(tmp_path):
    broken = tmp_path / "test.yml"
    shutil.copy(PROJECT / ".github" / "workflows" / "test.yml", broken)
    broken.write_text(broken.read_text().replace("runs-on: ubuntu-latest", "run-on: ubuntu-latest"))
    result = subprocess.run([*CHECK, str(broken)], capture_output=True, text=True)
    assert result.returncode != 0
    assert "run-on" in result.stdout + result.stderr


def test_the_bot_runs_on_bigquery_and_posts_the_review():
    bot = (PROJECT / ".github" / "workflows" / "sqlmesh-bot.yml").read_text()
    assert "SQLMESH_GATEWAY: bigquery" in bot
    assert "sqlmesh_cicd --paths ${{ github.workspace }}" in bot and "run-all" in bot
    assert "google-github-actions/auth@v2" in bot and "workload_identity_provider" in bot
    assert 'thelook review "pr_${{ github.event.pull_request.number }}"' in bot
