"""A mart's columns, declared once as name: (BigQuery type, description)."""

Columns = dict[str, tuple[str, str]]


def declared(columns: Columns) -> dict[str, dict[str, str]]:
    """The `columns` and `column_descriptions` arguments of SQLMesh's @model."""
    return {
        "columns": {name: kind for name, (kind, _) in columns.items()},
        "column_descriptions": {name: text for name, (_, text) in columns.items()},
    }
