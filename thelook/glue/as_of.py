"""`as_of`: the one date every model measures time to, and the days derived from it.

By default it is the last whole day before the run: the last daily interval the plan processes,
so a run on the 25th measures to the close of the 24th. Setting THELOOK_AS_OF=YYYY-MM-DD (the
SQLMesh variable `as_of`, read in config.yaml) pins it, and a plan in its own environment then
rebuilds every date-dependent model as of that day. The model intermediate.as_of computes it
once per build (macros/as_of.py); SQL models read it with the `@as_of()` macro, Python models
with `as_of` below, so no model derives a day of its own from its run.
"""

import os
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd

from thelook.glue.fetch import fetch

PINNED = "THELOOK_AS_OF"
# The one-row model every dated model reads its days from.
AS_OF_MODEL = "intermediate.as_of"
AS_OF_QUERY = f"SELECT days.as_of FROM {AS_OF_MODEL} AS days"
# The scoring models look this many days past a cutoff for what happened next, and keep three
# cutoffs this far apart: models train on as_of - 2 * HORIZON_DAYS (or - HORIZON_DAYS, whose
# outcomes are complete at as_of) and are judged on, or applied to, the next one. It is part of
# what the scores mean, not a knob: the label columns are named for it (purchased_next_30d,
# bought_next_30d, revenue_next_30d), and changing it is a new model, with new names.
HORIZON_DAYS = 30
# The customer value model looks this many days ahead, at cutoffs this far apart (a half-year:
# long enough for theLook's repeat buyers to come back, short enough to judge within a year of
# history). Part of what the value means, as HORIZON_DAYS is: the labels are named for it
# (orders_next_180d, net_revenue_next_180d).
VALUE_HORIZON_DAYS = 180
ISO_DATE = r"\d{4}-\d{2}-\d{2}"


class AsOfError(ValueError):
    """THELOOK_AS_OF cannot be used: the message says why and what to set instead."""

    pass  # a body SQLMesh keeps when it serializes the class without its docstring


def resolve_as_of(pinned: str | None, run_day: date) -> date:
    """The pinned date when one is set, else the day before `run_day` (the day of the run's
    execution time); a pin that is not a date, or that is not yet over, is refused."""
    last_day = run_day - timedelta(days=1)
    if not pinned:
        return last_day
    try:
        if not re.fullmatch(ISO_DATE, pinned):
            raise ValueError
        day = date.fromisoformat(pinned)
    except ValueError:
        raise AsOfError(
            f"{PINNED}={pinned!r} is not a date: set it as YYYY-MM-DD (e.g. 2026-10-01), "
            "or unset it to measure to the last day before the run."
        ) from None
    if day > last_day:
        raise AsOfError(
            f"{PINNED}={pinned} is not over yet: pin a day on or before {last_day}, "
            "the last whole day before this run."
        )
    return day


def as_of(context: Any) -> date:
    """as_of for a Python model, read from intermediate.as_of (which the model must list in its
    depends_on)."""
    day = fetch(context, AS_OF_QUERY)["as_of"]
    if len(day) != 1:
        raise AsOfError(f"{AS_OF_MODEL} holds {len(day)} rows, not one: plan it again.")
    return pd.Timestamp(day.iloc[0]).date()


def check_pinned_as_of() -> None:
    """Refuse a THELOOK_AS_OF that is not a date or not over yet, as the project loads: the
    message is then SQLMesh's one line, and nothing is planned. A run with an earlier
    execution time is checked again against it when the models run."""
    from sqlmesh.utils.errors import ConfigError

    try:
        resolve_as_of(os.environ.get(PINNED), datetime.now(UTC).date())
    except AsOfError as error:
        raise ConfigError(str(error)) from None


def cutoffs(day: date, horizon_days: int = HORIZON_DAYS) -> tuple[date, date, date]:
    """The cutoffs of the point-in-time models for as_of `day`, earliest first: a model trains
    on the first and is judged on the second, and the one trained on the second scores the
    third, as_of; each `horizon_days` apart."""
    return tuple(day - timedelta(days=back * horizon_days) for back in (2, 1, 0))


def value_cutoffs(day: date) -> tuple[date, date, date]:
    """The cutoffs of the customer value model, VALUE_HORIZON_DAYS apart."""
    return cutoffs(day, VALUE_HORIZON_DAYS)


def feature_cutoffs(day: date) -> tuple[date, ...]:
    """Every cutoff intermediate.user_features describes users at: the propensity model's and the
    value model's."""
    return tuple(sorted({*cutoffs(day), *value_cutoffs(day)}))
