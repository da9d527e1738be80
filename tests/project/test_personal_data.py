"""Personal data stays in its place: no model selects a personal identifier, and every personal
column a model keeps says so in its description (the BigQuery docs show how to put policy tags
on them)."""

import pytest

from tests.project.conftest import PROJECT
from thelook.app.model_catalogue import load_project

# What identifies a person on its own: never selected by any model, staging included.
IDENTIFIERS = {
    "first_name",
    "last_name",
    "email",
    "street_address",
    "latitude",
    "longitude",
    "user_geom",
    "ip_address",
}
# What describes a person: kept only where a model uses it, and marked.
PERSONAL = {"age", "gender", "city", "state", "postal_code", "country"}
MARK = "Personal data"


@pytest.fixture(scope="module")
def columns() -> dict[str, dict[str, str]]:
    """Each model's columns and their descriptions, as SQLMesh reads them."""
    context = load_project(PROJECT)
    return {
        model.name: {
            name: (model.column_descriptions or {}).get(name, "")
            for name in model.columns_to_types or {}
        }
        for model in context.models.values()
        if model.kind.name != "EXTERNAL"
    }


def test_no_model_selects_a_personal_identifier(columns):
    found = {
        f"{model}.{column}"
        for model, cols in columns.items()
        for column in cols
        if column in IDENTIFIERS
    }
    assert found == set()


def test_every_personal_column_is_marked(columns):
    unmarked = {
        f"{model}.{column}"
        for model, cols in columns.items()
        for column, description in cols.items()
        if column in PERSONAL and MARK not in description
    }
    assert unmarked == set()


def test_the_checks_read_real_columns(columns):
    # The users staging model keeps, marked, the personal columns the scoring models use.
    users = columns["staging.stg_users"]
    assert {"age", "gender", "country"} <= set(users)
    assert all(MARK in users[name] for name in ("age", "gender", "country"))
