"""Audit calls for Python models, spelled as briefly as in a SQL MODEL block.

SQLMesh takes a Python model's audit arguments as sqlglot expressions; a plain string would be
a literal, and the audit would silently check nothing.
"""

from sqlglot import exp, parse_one

Audit = tuple[str, dict[str, exp.Expr]]


def _columns(names: tuple[str, ...]) -> exp.Tuple:
    return exp.Tuple(expressions=[exp.column(name) for name in names])


def unique_key(*columns: str) -> list[Audit]:
    """The grain: every key column set, and no two rows with the same key."""
    unique = ("unique_values", {"columns": _columns(columns)})
    if len(columns) > 1:
        unique = ("unique_combination_of_columns", {"columns": _columns(columns)})
    return [("not_null", {"columns": _columns(columns)}), unique]


def not_null_columns(*columns: str) -> Audit:
    """Every row has each of `columns` set."""
    return ("not_null", {"columns": _columns(columns)})


def distinct_rows(*columns: str) -> Audit:
    """No two rows with the same values of `columns`, a missing value being one value: a grain
    whose columns may be NULL."""
    return ("unique_combination_of_columns", {"columns": _columns(columns)})


def foreign_key(column: str, parent: str, parent_column: str | None = None) -> Audit:
    """Every value of `column` names a row of `parent`, a model this one depends on."""
    return (
        "foreign_key",
        {
            "column": exp.column(column),
            "parent": exp.to_table(parent),
            "parent_column": exp.column(parent_column or column),
        },
    )


def at_least(column: str, minimum: float) -> Audit:
    """Every value of `column` at least `minimum`; NULL passes."""
    return _in_range(column, minimum, None)


def between(column: str, minimum: float, maximum: float) -> Audit:
    """Every value of `column` from `minimum` to `maximum`, both included; NULL passes."""
    return _in_range(column, minimum, maximum)


def _in_range(column: str, minimum: float, maximum: float | None) -> Audit:
    if minimum < 0 or (maximum is not None and maximum < 0):
        # accepted_range tests `@min_v IS NULL` in Python, where `-1 is None` prints a
        # SyntaxWarning into every build's output: the same check, spelled in SQL.
        upper = f" AND {column} <= {maximum}" if maximum is not None else ""
        return always(f"{column} >= {minimum}{upper}")
    bounds = {"min_v": exp.convert(minimum)}
    if maximum is not None:
        bounds["max_v"] = exp.convert(maximum)
    return ("accepted_range", {"column": exp.column(column), **bounds})


def always(*criteria: str, blocking: bool = True) -> Audit:
    """Every row meets each criterion, written in BigQuery SQL."""
    name = "forall" if blocking else "forall_non_blocking"
    return (
        name,
        {"criteria": exp.Tuple(expressions=[parse_one(c, dialect="bigquery") for c in criteria])},
    )


def one_of(column: str, values: tuple[str, ...]) -> Audit:
    """Every value of `column` is one of `values`; NULL is not."""
    return (
        "accepted_values",
        {
            "column": exp.column(column),
            "is_in": exp.Tuple(expressions=[exp.Literal.string(v) for v in values]),
        },
    )


def covers(column: str, parent: str, parent_column: str | None = None) -> Audit:
    """Every row of `parent` has its row here: the other direction of foreign_key."""
    return (
        "covers_parent",
        {
            "column": exp.column(column),
            "parent": exp.to_table(parent),
            "parent_column": exp.column(parent_column or column),
        },
    )


def shares_add_up(population: str) -> Audit:
    """A summary's users count every row of `population` once; its shares each sum to 1."""
    return ("shares_add_up", {"population": exp.to_table(population)})


def scored_by_the_model(model: str) -> Audit:
    """A warning, not a stop, when an evaluation row says its scores came from the baseline
    (too few labelled rows to train the classifier on)."""
    return (
        "accepted_values_non_blocking",
        {
            "column": exp.column("scored_by"),
            "is_in": exp.Tuple(expressions=[exp.Literal.string(model)]),
        },
    )
