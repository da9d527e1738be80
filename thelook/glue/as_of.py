"""`as_of`: the one date every model measures time to.

By default it is the last day the plan processes, so a daily run measures to yesterday's close.
Setting THELOOK_AS_OF=YYYY-MM-DD (the SQLMesh variable `as_of`, read in config.yaml) pins it,
and a plan in its own environment then rebuilds every date-dependent model as of that day.
"""

import re
from datetime import date, datetime
from typing import Any

PINNED = "THELOOK_AS_OF"
ISO_DATE = r"\d{4}-\d{2}-\d{2}"


class AsOfError(ValueError):
    """THELOOK_AS_OF cannot be used: the message says why and what to set instead."""

    pass  # a body SQLMesh keeps when it serializes the class without its docstring


def resolve_as_of(pinned: str | None, last_day: date) -> date:
    """The pinned date when one is set, else `last_day`; a pin that is not a date, or that is
    after the last day the plan processes, is refused."""
    if not pinned:
        return last_day
    try:
        if not re.fullmatch(ISO_DATE, pinned):
            raise ValueError
        day = date.fromisoformat(pinned)
    except ValueError:
        raise AsOfError(
            f"{PINNED}={pinned!r} is not a date: set it as YYYY-MM-DD (e.g. 2026-10-01), "
            "or unset it to measure to the plan's last day."
        ) from None
    if day > last_day:
        raise AsOfError(
            f"{PINNED}={pinned} is after the last day this plan processes ({last_day}): "
            "pin a day on or before it."
        )
    return day


def as_of(context: Any, end: datetime) -> date:
    """as_of for a Python model, from its execution context and the end of its interval."""
    return resolve_as_of(context.var("as_of"), end.date())
