"""Bad gateways, environments, credentials and state end in one line that says what to set, and
change nothing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.project.conftest import PROJECT

THELOOK = str(Path(sys.executable).parent / "thelook")
NOT_SET = (
    "BIGQUERY_PROJECT",
    "BIGQUERY_AUTH_METHOD",
    "BIGQUERY_KEYFILE",
    "BIGQUERY_TOKEN",
    "SQLMESH_GATEWAY",
    "GOOGLE_APPLICATION_CREDENTIALS",
)


# A BigQuery gateway whose credential is a token, so no Google login is looked for; the state
# password holds the characters that once broke the YAML config.
SECRET_PASSWORD = 'pa"ss\\word:#1'
BIGQUERY_BY_TOKEN = {
    "BIGQUERY_PROJECT": "p",
    "BIGQUERY_AUTH_METHOD": "oauth-secrets",
    "BIGQUERY_TOKEN": "ya29.secret-token-value",
    "SQLMESH_STATE_PASSWORD": SECRET_PASSWORD,
}


def thelook(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in NOT_SET}
    base |= {
        "SQLMESH__DISABLE_ANONYMIZED_ANALYTICS": "1",
        "NO_GCE_CHECK": "true",
        "HOME": env.pop("HOME", base.get("HOME", "/root")),
    }
    return subprocess.run(
        [THELOOK, *args, "--paths", str(PROJECT)],
        env=base | env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT,
    )


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (
            ["check", "--gateway", "nope"],
            {},
            "unknown gateway 'nope': choose one of local with --gateway",
        ),
        (["check", "--gateway", "bigquery"], {}, "the bigquery gateway needs BIGQUERY_PROJECT"),
        (["check"], {"SQLMESH_GATEWAY": "bigquery"}, "the bigquery gateway needs BIGQUERY_PROJECT"),
        (
            ["check", "--gateway", "bigquery"],
            {"BIGQUERY_PROJECT": "p"},
            "no Google credentials found for BIGQUERY_AUTH_METHOD=oauth: run `gcloud auth",
        ),
        (
            ["check", "--gateway", "bigquery"],
            {
                "BIGQUERY_PROJECT": "p",
                "BIGQUERY_AUTH_METHOD": "service-account",
                "BIGQUERY_KEYFILE": "/nowhere/key.json",
            },
            "the key file '/nowhere/key.json' does not exist: set BIGQUERY_KEYFILE",
        ),
        (
            ["check", "--gateway", "bigquery"],
            {**BIGQUERY_BY_TOKEN, "SQLMESH_STATE_PORT": "1"},
            "cannot reach the SQLMesh state database sqlmesh@127.0.0.1:1/sqlmesh_state",
        ),
        (
            ["check"],
            {"THELOOK_DUCKDB_MEMORY": "lots"},
            "THELOOK_DUCKDB_MEMORY='lots' is not a memory size DuckDB understands",
        ),
        (
            ["check", "--gateway", "bigquery"],
            {**BIGQUERY_BY_TOKEN, "BIGQUERY_MAXIMUM_BYTES_BILLED": ""},
            "BIGQUERY_MAXIMUM_BYTES_BILLED='' would lift BigQuery's cost cap",
        ),
        (
            ["check"],
            {"THELOOK_SOURCE": "/nowhere/thelook.duckdb"},
            "the local theLook source /nowhere/thelook.duckdb does not exist: run `make run`",
        ),
        (["review", "dev", "--gateway", "nope"], {}, "unknown gateway 'nope'"),
    ],
)
def test_one_clear_line_and_nothing_written(small_source, tmp_path, args, env, message):
    warehouse = tmp_path / "warehouse.duckdb"
    env = {
        "HOME": str(tmp_path),
        "THELOOK_SOURCE": str(small_source),
        "THELOOK_WAREHOUSE": str(warehouse),
        **env,
    }
    result = thelook(*args, **env)
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not warehouse.exists()


def test_review_of_an_unknown_environment(prod):
    result = thelook(
        "review", "nope", THELOOK_SOURCE=str(prod.source), THELOOK_WAREHOUSE=str(prod.path)
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "thelook review: no environment named 'nope' (known: prod); "
        "create it with `sqlmesh plan nope`"
    )


def test_a_reachable_gateway_is_ready(prod):
    result = thelook("check", THELOOK_SOURCE=str(prod.source), THELOOK_WAREHOUSE=str(prod.path))
    assert (result.returncode, result.stdout.strip()) == (0, "gateway local: ready")


def test_a_state_password_of_any_characters_loads_and_is_never_printed(tmp_path):
    result = thelook("check", "--gateway", "bigquery", **BIGQUERY_BY_TOKEN, SQLMESH_STATE_PORT="1")
    assert result.returncode == 1
    assert "cannot reach the SQLMesh state database" in result.stderr
    for secret in (SECRET_PASSWORD, BIGQUERY_BY_TOKEN["BIGQUERY_TOKEN"]):
        assert secret not in result.stdout + result.stderr
