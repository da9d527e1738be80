"""The generated tables have the live tables' columns, in order, with the live types."""

from pathlib import Path

from sqlmesh.utils.yaml import load as load_yaml

from tests.source.facts import schema
from thelook.source.schema import DUCKDB_TYPES, TABLES

PROJECT = Path(__file__).resolve().parents[2]


def test_package_schema_matches_the_facts():
    assert {table: list(columns.items()) for table, columns in TABLES.items()} == schema()


def test_generated_columns_and_types_match_the_facts(small):
    for table, columns in schema().items():
        stored = small.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'thelook_ecommerce' AND table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
        expected = [(name, DUCKDB_TYPES[bq_type]) for name, bq_type in columns]
        expected = [
            (n, "TIMESTAMP WITH TIME ZONE" if t == "TIMESTAMPTZ" else t) for n, t in expected
        ]
        assert stored == expected, table


def test_external_models_declare_the_facts_types():
    declared = load_yaml(PROJECT / "external_models.yaml")
    by_table = {entry["name"].rsplit(".", 1)[1]: entry["columns"] for entry in declared}
    assert {table: list(columns.items()) for table, columns in by_table.items()} == schema()


def test_geography_is_point_wkt(small):
    for table, column in (
        ("users", "user_geom"),
        ("distribution_centers", "distribution_center_geom"),
    ):
        bad = small.execute(
            f"SELECT count(*) FROM {table} "
            rf"WHERE NOT regexp_full_match({column}, 'POINT\(-?[0-9.]+ -?[0-9.]+\)')"
        ).fetchone()[0]
        assert bad == 0, table
