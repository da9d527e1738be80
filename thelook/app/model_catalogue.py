"""The model catalogue, read from the SQLMesh project itself so that it cannot drift from the
code: descriptions, kinds, grains, owners, columns, audits, unit tests, lineage.

The project is loaded against an in-memory DuckDB, so reading it never touches the warehouse.
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlmesh import Context
from sqlmesh.core.config import DuckDBConnectionConfig
from sqlmesh.core.lineage import column_dependencies
from sqlmesh.utils.yaml import load as load_yaml

from thelook.preflight import load_config


def load_project(project: Path) -> Context:
    """The project's models, parsed, with no warehouse behind them."""
    config = load_config(project)
    local = config.gateways[config.default_gateway_name]
    local.connection = DuckDBConnectionConfig()
    local.state_connection = DuckDBConnectionConfig()
    return Context(paths=project, config=config)


@dataclass(frozen=True)
class ModelCard:
    name: str
    kind: str
    language: str
    description: str
    grain: list[str]
    owner: str
    columns: pd.DataFrame  # column, type, description
    audits: list[str]
    tests: list[str]
    parents: list[str]
    children: list[str]


def model_names(context: Context) -> list[str]:
    """Every model of the project, in the order data flows: staging, intermediate, marts."""
    order = {"staging": 0, "intermediate": 1, "marts": 2}
    names = [m.name for m in context.models.values() if not m.kind.is_external]
    return sorted(names, key=lambda name: (order.get(name.split(".")[0], 3), name))


def card(context: Context, project: Path, name: str) -> ModelCard:
    model = context.get_model(name)
    columns = pd.DataFrame(
        [
            (column, str(kind.sql(dialect="bigquery")), model.column_descriptions.get(column, ""))
            for column, kind in model.columns_to_types.items()
        ],
        columns=["column", "type", "description"],
    )
    return ModelCard(
        name=name,
        kind=model.kind.name.value,
        language="SQL" if model.is_sql else "Python",
        description=model.description or "",
        grain=[column.sql() for column in model.grains],
        owner=model.owner or "",
        columns=columns,
        audits=[audit for audit, _ in model.audits],
        tests=unit_tests(project, name),
        parents=[_short(context, parent) for parent in model.depends_on],
        children=sorted(
            _short(context, fqn)
            for fqn, upstream in context.dag.graph.items()
            if model.fqn in upstream
        ),
    )


def unit_tests(project: Path, name: str) -> list[str]:
    """The names of the YAML unit tests of `name` in tests/models."""
    found = []
    for path in sorted((project / "tests" / "models").glob("*.yaml")):
        for test, body in load_yaml(path, render_jinja=False).items():
            if body.get("model") == name:
                found.append(test)
    return found


def lineage_dot(model: ModelCard) -> str:
    """The model with its parents and children, as a Graphviz graph."""
    edges = [(parent, model.name) for parent in model.parents]
    edges += [(model.name, child) for child in model.children]
    lines = ['digraph { rankdir="LR"; node [shape=box, fontname="sans-serif"];']
    lines.append(f'"{model.name}" [style=filled, fillcolor="#dbe9ff"];')
    lines += [f'"{a}" -> "{b}";' for a, b in edges]
    return "\n".join([*lines, "}"])


def upstream_columns(context: Context, name: str, column: str) -> pd.DataFrame:
    """Every column `column` of `name` is computed from, through SQL models, up to the source
    tables or a Python model (whose lineage is its code): one row per (model, column, depth)."""
    rows, frontier, seen = [], [(name, column, 0)], set()
    while frontier:
        model_name, model_column, depth = frontier.pop(0)
        model = context.get_model(model_name)
        if model is None or not model.is_sql or (model_name, model_column) in seen:
            continue
        seen.add((model_name, model_column))
        for parent, parent_columns in column_dependencies(
            context, model_name, model_column
        ).items():
            short = _short(context, parent)
            for parent_column in sorted(parent_columns):
                rows.append((short, parent_column, depth + 1))
                frontier.append((short, parent_column, depth + 1))
    return pd.DataFrame(rows, columns=["model", "column", "steps up"]).drop_duplicates()


def _short(context: Context, fqn: str) -> str:
    """`schema.name` for a model, the three-part name for a source table."""
    model = context.get_model(fqn)
    if model is not None and not model.kind.is_external:
        return model.name
    return fqn.replace('"', "")
