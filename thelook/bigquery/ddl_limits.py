"""BigQuery's limits on a table's partitioning and clustering that the analyzer does not check
(https://cloud.google.com/bigquery/docs/clustered-tables, .../partitioned-tables)."""

from collections.abc import Iterator, Mapping

from sqlglot import exp

from thelook.bigquery.analyzer import bigquery_type

MAX_CLUSTERING_COLUMNS = 4
CLUSTERABLE_TYPES = frozenset(
    {"BIGNUMERIC", "BOOL", "DATE", "DATETIME", "GEOGRAPHY", "INT64", "NUMERIC", "STRING"}
    | {"TIMESTAMP"}
)
TIME_TYPES = frozenset({"DATE", "DATETIME", "TIMESTAMP"})
TIME_UNITS = frozenset({"DAY", "HOUR", "MONTH", "YEAR"})


def ddl_problems(create: exp.Create, columns: Mapping[str, exp.DataType]) -> Iterator[str]:
    """What BigQuery would refuse in the CREATE statement's CLUSTER BY and PARTITION BY."""
    types = {name.lower(): bigquery_type(data_type) for name, data_type in columns.items()}
    clustered = create.find(exp.Cluster)
    if clustered:
        keys = clustered.expressions
        if len(keys) > MAX_CLUSTERING_COLUMNS:
            yield f"CLUSTER BY has {len(keys)} columns; BigQuery allows {MAX_CLUSTERING_COLUMNS}"
        for key in keys:
            if not isinstance(key, exp.Column):
                yield f"CLUSTER BY {key.sql('bigquery')} is not a column"
            elif types.get(key.name.lower()) not in CLUSTERABLE_TYPES:
                kind = types.get(key.name.lower(), "an unknown type")
                yield f"CLUSTER BY {key.name} is {kind}, which BigQuery cannot cluster on"
    partitioned = create.find(exp.PartitionedByProperty)
    if partitioned:
        yield from _partition_problems(partitioned.this, types)


def _partition_problems(expression: exp.Expression, types: Mapping[str, str]) -> Iterator[str]:
    keys = expression.expressions if isinstance(expression, exp.Schema) else [expression]
    if len(keys) != 1:
        yield f"PARTITION BY has {len(keys)} expressions; BigQuery allows one"
        return
    (key,) = keys
    text = key.sql("bigquery")
    columns = list(key.find_all(exp.Column))
    column_type = types.get(columns[0].name.lower()) if len(columns) == 1 else None
    if isinstance(key, exp.Column):
        allowed = column_type in TIME_TYPES
    elif isinstance(key, exp.Date | exp.TsOrDsToDate) or key.name.upper() == "DATE":
        allowed = column_type in {"TIMESTAMP", "DATETIME"}
    elif isinstance(key, exp.TimestampTrunc | exp.DatetimeTrunc | exp.DateTrunc):
        unit = key.args.get("unit")
        allowed = column_type in TIME_TYPES and unit is not None and unit.name.upper() in TIME_UNITS
    elif isinstance(key, exp.Anonymous) and key.name.upper() == "RANGE_BUCKET":
        allowed = column_type == "INT64"
    else:
        allowed = False
    if not allowed:
        yield (
            f"PARTITION BY {text}: BigQuery partitions by a DATE, DATETIME or TIMESTAMP column, "
            "its DATE() or DAY/HOUR/MONTH/YEAR truncation, or RANGE_BUCKET of an INT64 column"
        )
