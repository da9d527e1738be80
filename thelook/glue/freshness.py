"""How stale the source may be: the days its last order and event may fall before as_of.

The live dataset is regenerated every day, and a source generated with `thelook generate` ends
on its --as-of day, so both normally reach as_of. A small shop (or a slice of real rows) may have
no order on the last few days: the allowance is the SQLMesh variable `source_lag_days`, read in
config.yaml from THELOOK_SOURCE_LAG_DAYS. The audit `source_covers_as_of` of
intermediate.source_coverage, which every model measured to as_of waits for, enforces it.
"""

import os
from typing import Any

VARIABLE = "THELOOK_SOURCE_LAG_DAYS"
DEFAULT_SOURCE_LAG_DAYS = 3


class SourceLagError(ValueError):
    """THELOOK_SOURCE_LAG_DAYS cannot be used: the message says why and what to set."""

    pass  # a body SQLMesh keeps when it serializes the class without its docstring


def parse_source_lag(text: str | None) -> int:
    """The allowed lag in whole days, 0 or more; unset or empty means the default."""
    if text is None or text == "":
        return DEFAULT_SOURCE_LAG_DAYS
    if not text.isdigit():
        raise SourceLagError(
            f"{VARIABLE}={text!r} is not a number of days: set a whole number such as "
            f"{DEFAULT_SOURCE_LAG_DAYS}, or unset it for the default {DEFAULT_SOURCE_LAG_DAYS}."
        )
    return int(text)


def source_lag_days(context: Any) -> int:
    """The allowance, from a SQLMesh evaluation context."""
    return parse_source_lag(context.var("source_lag_days"))


def check_source_lag() -> None:
    """Refuse a bad THELOOK_SOURCE_LAG_DAYS as the project loads, in SQLMesh's one line."""
    from sqlmesh.utils.errors import ConfigError

    try:
        parse_source_lag(os.environ.get(VARIABLE))
    except SourceLagError as error:
        raise ConfigError(str(error)) from None
