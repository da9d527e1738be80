"""The models' unit tests (tests/models/*.yaml) pass: SQLMesh's own `sqlmesh test`, run here so
that it shares the test workers with everything else."""

import subprocess

from tests.project.conftest import PROJECT, SQLMESH


def test_every_model_unit_test_passes():
    result = subprocess.run(
        [SQLMESH, "--gateway", "local", "test"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=PROJECT,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Successfully Ran" in output, output
