"""The GitHub workflows: valid against the workflow schema, every action pinned to a commit,
least privilege everywhere, secrets only where used, and prod behind a GitHub Environment."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmesh.utils.yaml import dump
from sqlmesh.utils.yaml import load as load_yaml

from tests.project.conftest import PROJECT

CHECK = [
    str(Path(sys.executable).parent / "check-jsonschema"),
    "--builtin-schema",
    "vendor.github-workflows",
]
FOLDER = PROJECT / ".github" / "workflows"
WORKFLOWS = sorted(FOLDER.glob("*.yml"))
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*\s*$")


def load(name: str) -> dict:
    return load_yaml((FOLDER / name).read_text(), render_jinja=False)


def steps(workflow: dict):
    for job_name, job in workflow["jobs"].items():
        for step in job["steps"]:
            yield job_name, step


def test_the_workflows_are_valid():
    assert [w.name for w in WORKFLOWS] == ["daily.yml", "sqlmesh-bot.yml", "test.yml"]
    result = subprocess.run([*CHECK, *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_workflow_is_caught(tmp_path):
    broken = tmp_path / "test.yml"
    shutil.copy(FOLDER / "test.yml", broken)
    broken.write_text(broken.read_text().replace("runs-on: ubuntu-latest", "run-on: ubuntu-latest"))
    result = subprocess.run([*CHECK, str(broken)], capture_output=True, text=True)
    assert result.returncode != 0
    assert "run-on" in result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_tag(path):
    uses = [line for line in path.read_text().splitlines() if re.match(r"^\s*(-\s*)?uses:", line)]
    assert uses
    assert [line for line in uses if not PINNED.match(line)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_no_persisted_credentials(path):
    workflow = load(path.name)
    assert workflow["permissions"] == {}, "the workflow grants nothing by default"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, name
        assert job["permissions"].get("contents") == "read", name
        assert set(job["permissions"].values()) <= {"read", "write"}
    checkouts = [s for _, s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_secrets_reach_only_the_steps_that_use_them(path):
    workflow = load(path.name)
    assert "secrets." not in dump(workflow.get("env", {}))
    for name, job in workflow["jobs"].items():
        assert "secrets." not in dump(job.get("env", {})), name
        for _, step in steps({"jobs": {name: job}}):
            if "run" in step and step["run"].startswith("make "):
                assert "env" not in step, f"{name}: the install step sees no secret"


def test_prod_is_deployed_behind_a_github_environment_on_merge():
    bot = load("sqlmesh-bot.yml")
    deploy = bot["jobs"]["deploy-to-prod"]
    assert deploy["environment"] == "production"
    assert "merged == true" in deploy["if"]
    assert any("deploy-production" in s.get("run", "") for _, s in steps({"jobs": {"d": deploy}}))
    pull_request = bot["jobs"]["pull-request-environment"]
    assert "environment" not in pull_request
    runs = " ".join(s.get("run", "") for _, s in steps({"jobs": {"p": pull_request}}))
    assert "deploy-production" not in runs and "run-all" not in runs
    assert 'thelook review --gateway bigquery "pr_$PULL_REQUEST"' in runs


def test_a_daily_scheduled_run_of_prod_on_bigquery():
    daily = load("daily.yml")
    (schedule,) = daily["on"]["schedule"]
    minute, hour, *every_day = schedule["cron"].split()
    assert every_day == ["*", "*", "*"] and minute.isdigit() and hour.isdigit()
    runs = [s.get("run", "") for _, s in steps(daily)]
    assert ".venv/bin/sqlmesh --gateway bigquery run" in runs
    step = next(s for _, s in steps(daily) if s.get("run", "").endswith("run"))
    assert "SLACK_WEBHOOK_URL" in step["env"]
