"""Check a gateway before SQLMesh connects to it, and say in one line what to set if it fails.

SQLMesh reports a missing credential or an unreachable state database with a stack trace; this
reads the same config.yaml without connecting anything and names what is missing and how to set
it. `thelook check` runs it, and `thelook review` runs it first.
"""

import os
from pathlib import Path

from sqlmesh.core.config import Config
from sqlmesh.core.config.loader import load_configs

from thelook.glue.connections import SettingError, check_connection_settings

# Environment variables whose values never reach a message: passwords, tokens, webhooks, keys
# (a name ending in KEY; a key *file* is a path, and the message names it).
SECRET_WORDS = ("PASSWORD", "TOKEN", "SECRET", "WEBHOOK")


class PreflightError(Exception):
    """A gateway cannot work as configured; the message says what to set, and holds no secret."""

    def __init__(self, message: str) -> None:
        super().__init__(redact(message))


def redact(message: str) -> str:
    """`message` with the value of every secret-bearing environment variable masked."""
    for name, value in os.environ.items():
        secret = any(word in name.upper() for word in SECRET_WORDS) or name.upper().endswith("KEY")
        if value and len(value) >= 4 and secret:
            message = message.replace(value, f"<{name}>")
    return message


def check(project: Path, gateway: str | None = None) -> str:
    """The name of the checked gateway, or PreflightError naming the first problem found."""
    try:
        check_connection_settings()
    except SettingError as error:
        raise PreflightError(str(error)) from None
    config = load_config(project)
    name = gateway or config.default_gateway_name
    if name not in config.gateways:
        if name == "bigquery":
            raise PreflightError(
                "the bigquery gateway needs BIGQUERY_PROJECT: export BIGQUERY_PROJECT=<your GCP "
                "project> (README: Deploying to BigQuery)"
            )
        raise PreflightError(
            f"unknown gateway '{name}': choose one of {', '.join(sorted(config.gateways))} "
            "with --gateway or SQLMESH_GATEWAY"
        )
    settings = config.gateways[name]
    connection = settings.connection
    if connection.type_ == "duckdb":
        _check_local_source(connection)
    elif connection.type_ == "bigquery":
        _check_bigquery_credentials(connection)
    if settings.state_connection is not None and settings.state_connection.type_ == "postgres":
        _check_postgres(settings.state_connection)
    return name


def load_config(project: Path) -> Config:
    """The project's SQLMesh config, read without connecting anything."""
    try:
        (config,) = load_configs("config", Config, project).values()
    except Exception as error:  # SQLMesh raises several kinds for an unreadable config
        reason = " ".join(str(error).split())
        raise PreflightError(f"cannot read the SQLMesh config in {project}: {reason}") from None
    return config


def _check_local_source(connection) -> None:
    source = connection.catalogs.get("bigquery-public-data")
    path = Path(getattr(source, "path", "") or "")
    if not path.is_file():
        raise PreflightError(
            f"the local theLook source {path} does not exist: run `make run`, or "
            f"`thelook generate --out {path}` (THELOOK_SOURCE points elsewhere)"
        )


def _check_bigquery_credentials(connection) -> None:
    method = str(
        connection.method.value if hasattr(connection.method, "value") else connection.method
    )
    if method in ("service-account", "service_account"):
        if not connection.keyfile or not Path(connection.keyfile).is_file():
            raise PreflightError(
                f"BIGQUERY_AUTH_METHOD is service-account but the key file "
                f"'{connection.keyfile or ''}' does not exist: set BIGQUERY_KEYFILE to its path"
            )
    elif method == "oauth-secrets":
        if not connection.token:
            raise PreflightError(
                "BIGQUERY_AUTH_METHOD is oauth-secrets but BIGQUERY_TOKEN is not set: "
                "export BIGQUERY_TOKEN=$(gcloud auth print-access-token)"
            )
    elif method == "oauth":
        import google.auth
        from google.auth.exceptions import DefaultCredentialsError

        try:
            google.auth.default()
        except DefaultCredentialsError:
            raise PreflightError(
                "no Google credentials found for BIGQUERY_AUTH_METHOD=oauth: run `gcloud auth "
                "application-default login`, or set BIGQUERY_AUTH_METHOD=service-account and "
                "BIGQUERY_KEYFILE"
            ) from None


def _check_postgres(state) -> None:
    import psycopg2

    try:
        psycopg2.connect(
            host=state.host,
            port=state.port,
            user=state.user,
            password=state.password,
            dbname=state.database,
            sslmode=state.sslmode or "prefer",
            connect_timeout=5,
        ).close()
    except psycopg2.OperationalError as error:
        reason = " ".join(str(error).split())
        raise PreflightError(
            f"cannot reach the SQLMesh state database {state.user}@{state.host}:{state.port}/"
            f"{state.database} ({reason}): set SQLMESH_STATE_HOST, SQLMESH_STATE_PORT, "
            "SQLMESH_STATE_USER, SQLMESH_STATE_PASSWORD, SQLMESH_STATE_DATABASE and "
            "SQLMESH_STATE_SSLMODE"
        ) from None
