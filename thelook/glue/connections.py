"""Connection settings read from the environment, checked before anything connects.

config.yaml reads THELOOK_DUCKDB_MEMORY and BIGQUERY_MAXIMUM_BYTES_BILLED. A bad value would
otherwise surface as a DuckDB traceback mid-plan, or (an empty cap) silently lift BigQuery's cost
limit. macros/environment.py runs these checks as SQLMesh loads the project; `thelook check`
runs them too.
"""

import os

DUCKDB_MEMORY = "THELOOK_DUCKDB_MEMORY"
BYTES_BILLED = "BIGQUERY_MAXIMUM_BYTES_BILLED"


class SettingError(ValueError):
    """A connection setting cannot be used: the message says why and what to set."""

    pass  # a body SQLMesh keeps when it serializes the class without its docstring


def check_duckdb_memory(text: str | None) -> None:
    """DuckDB's own parser decides: an in-memory connection is opened with the limit."""
    if text is None:
        return
    import duckdb

    try:
        duckdb.connect(config={"memory_limit": text}).close()
    except duckdb.Error:
        raise SettingError(
            f"{DUCKDB_MEMORY}={text!r} is not a memory size DuckDB understands: set it as e.g. "
            "8GB or 500MB, or unset it for the default 8GB."
        ) from None


def check_bytes_billed(text: str | None) -> None:
    """Unset keeps the project's cap; set, it must be a positive whole number of bytes."""
    if text is None:
        return
    if not text.isdigit() or int(text) == 0:
        raise SettingError(
            f"{BYTES_BILLED}={text!r} would lift BigQuery's cost cap: set a positive whole "
            "number of bytes (e.g. 50000000000 for 50 GB), or unset it for that default."
        )


def check_connection_settings() -> None:
    """Both checks, on the process environment."""
    check_duckdb_memory(os.environ.get(DUCKDB_MEMORY))
    check_bytes_billed(os.environ.get(BYTES_BILLED))


def check_connection_settings_on_load() -> None:
    """The checks as the project loads: a bad value is SQLMesh's one-line config error."""
    from sqlmesh.utils.errors import ConfigError

    try:
        check_connection_settings()
    except SettingError as error:
        raise ConfigError(str(error)) from None
