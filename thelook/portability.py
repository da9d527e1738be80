"""BigQuery SQL that DuckDB evaluates differently or cannot run.

Models are written in BigQuery SQL and unit-tested on DuckDB through sqlglot. For the constructs
below that translation changes the answer or fails, so a test that passes locally would not
vouch for production. Each finding says what differs and what to write instead.
"""

from collections.abc import Iterator

from sqlglot import exp

WEEK_UNITS = {"WEEK", "ISOWEEK"}
TRUNCATIONS = (exp.DateTrunc, exp.TimestampTrunc, exp.DatetimeTrunc)
APPROXIMATE = (exp.ApproxDistinct, exp.ApproxQuantiles, exp.ApproxTopK)
DATE_ARITHMETIC = (exp.DateAdd, exp.DateSub)


def engine_dependent_constructs(query: exp.Expression) -> Iterator[str]:
    """One message for each construct in `query` whose result depends on the engine."""
    for node in query.walk():
        if isinstance(node, TRUNCATIONS) and _unit(node) in WEEK_UNITS:
            yield (
                f"{node.sql('bigquery')}: BigQuery weeks start on Sunday (or the day named), "
                "DuckDB's always on Monday; truncate to a day and subtract the weekday explicitly"
            )
        elif isinstance(node, exp.Extract) and node.name.upper() == "DAYOFWEEK":
            yield (
                f"{node.sql('bigquery')}: BigQuery numbers days 1 (Sunday) to 7, DuckDB 0 to 6; "
                "compare FORMAT_DATE('%A', ...) or map the value explicitly"
            )
        elif isinstance(node, exp.IgnoreNulls) and isinstance(node.this, exp.ArrayAgg):
            yield (
                f"{node.sql('bigquery')}: DuckDB keeps the NULLs that IGNORE NULLS drops; "
                "filter them with a WHERE or an IF before aggregating"
            )
        elif isinstance(node, exp.ArrayAgg) and node.find(exp.Limit):
            yield (
                f"{node.sql('bigquery')}: DuckDB cannot run ARRAY_AGG with LIMIT; "
                "number the rows with ROW_NUMBER() and filter instead"
            )
        elif isinstance(node, exp.FarmFingerprint):
            yield (
                f"{node.sql('bigquery')}: DuckDB has no FARM_FINGERPRINT; "
                "hash with a function both engines share, or keep the natural key"
            )
        elif isinstance(node, APPROXIMATE):
            yield (
                f"{node.sql('bigquery')}: approximate aggregates use different algorithms on "
                "each engine and give different numbers; use the exact aggregate"
            )
        elif isinstance(node, DATE_ARITHMETIC) and not _cast_to_date(node.parent):
            yield (
                f"{node.sql('bigquery')}: on a DATE, BigQuery returns a DATE and DuckDB a "
                "TIMESTAMP; wrap it in CAST(... AS DATE) (or use TIMESTAMP_ADD on timestamps)"
            )


def _unit(node: exp.Expression) -> str:
    unit = node.args.get("unit")
    if isinstance(unit, exp.WeekStart):  # WEEK(MONDAY)
        return "WEEK"
    return unit.name.upper() if unit is not None else ""


def _cast_to_date(node: exp.Expression | None) -> bool:
    return isinstance(node, exp.Cast) and node.to.is_type(exp.DataType.Type.DATE)
