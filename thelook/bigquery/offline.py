"""The project on its `bigquery` gateway with no credentials and no network."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlmesh import Context
from sqlmesh.core.config import DuckDBConnectionConfig

from thelook.preflight import load_config

# The Google Cloud project names render under; no such project is ever reached.
OFFLINE_PROJECT = "thelook-offline"

_OFFLINE_ENVIRONMENT = {
    "BIGQUERY_PROJECT": OFFLINE_PROJECT,
    "BIGQUERY_AUTH_METHOD": "oauth-secrets",
    "BIGQUERY_TOKEN": "not-a-real-token",
    # google-cloud-bigquery sends any request here: a closed local port, so nothing leaves.
    "BIGQUERY_EMULATOR_HOST": "http://127.0.0.1:1",
    "BIGQUERY_LOCATION": "EU",
    "BIGQUERY_MAXIMUM_BYTES_BILLED": "1000000000",
}


@contextmanager
def offline_environment(**extra: str) -> Iterator[None]:
    """Set the variables that define the `bigquery` gateway offline, and restore them after."""
    changes = {**_OFFLINE_ENVIRONMENT, **extra}
    saved = {name: os.environ.get(name) for name in changes}
    os.environ.update(changes)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def offline_context(project: Path) -> Context:
    """The project loaded on the `bigquery` gateway, its state and the local gateways in memory:
    loading touches no warehouse file, and a command that would run a BigQuery query fails at
    the closed port instead of reaching Google."""
    with offline_environment():
        config = load_config(project)
        for name, gateway in config.gateways.items():
            if name != "bigquery":
                gateway.connection = DuckDBConnectionConfig()
            gateway.state_connection = DuckDBConnectionConfig()
        return Context(paths=project, config=config, gateway="bigquery")
