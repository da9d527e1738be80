"""ZetaSQL, the front end of BigQuery's SQL, run offline with BigQuery's language options over a
catalogue of the tables a statement may read.

The analyzer is WebAssembly run by wasmtime. Compiling the module takes about 20 s, so the
compiled code is cached on disk (in the project's ignored `.cache/`) and later starts take
under a second.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlglot import exp

FEATURES = Path(__file__).with_name("language_features.txt")

# BigQuery's scalar types, as ZetaSQL names their kinds.
_KINDS = {
    "INT64": "TYPE_INT64",
    "FLOAT64": "TYPE_DOUBLE",
    "NUMERIC": "TYPE_NUMERIC",
    "BIGNUMERIC": "TYPE_BIGNUMERIC",
    "BOOL": "TYPE_BOOL",
    "STRING": "TYPE_STRING",
    "BYTES": "TYPE_BYTES",
    "DATE": "TYPE_DATE",
    "DATETIME": "TYPE_DATETIME",
    "TIME": "TYPE_TIME",
    "TIMESTAMP": "TYPE_TIMESTAMP",
    "GEOGRAPHY": "TYPE_GEOGRAPHY",
    "JSON": "TYPE_JSON",
    "INTERVAL": "TYPE_INTERVAL",
}
_NAMES = {kind: name for name, kind in _KINDS.items()}

# A table's path (project, dataset, table) and its columns' types.
Tables = Mapping[tuple[str, str, str], Mapping[str, exp.DataType]]


class AnalysisError(Exception):
    """ZetaSQL rejected a statement; the message is the analyzer's own."""


@dataclass(frozen=True)
class OutputColumn:
    name: str
    type: str  # as BigQuery writes it: INT64, ARRAY<STRING>, ...


def has_bigquery_type(data_type: exp.DataType) -> bool:
    """Whether BigQuery can create a column of this type (sqlglot's NULL and UNKNOWN it cannot)."""
    return bigquery_type(data_type).removeprefix("ARRAY<").removesuffix(">") in _KINDS


def bigquery_type(data_type: exp.DataType) -> str:
    """A sqlglot type as BigQuery names it, without precision: NUMERIC(38, 9) is NUMERIC."""
    if data_type.is_type(exp.DataType.Type.ARRAY):
        return f"ARRAY<{bigquery_type(data_type.expressions[0])}>"
    bare = exp.DataType(this=data_type.this)
    return bare.sql(dialect="bigquery")


class BigQueryAnalyzer:
    """Analyses statements one at a time against a fixed catalogue of tables."""

    def __init__(self, tables: Tables, cache: Path) -> None:
        _cache_compiled_module(cache)
        _load_projects_without_forking()
        from zetasql.core.local_service import ZetaSqlLocalService
        from zetasql.types import AnalyzerOptions as Options
        from zetasql.types import (
            LanguageFeature,
            LanguageOptions,
            ProductMode,
            ResolvedNodeKind,
            SimpleCatalog,
            ZetaSQLBuiltinFunctionOptions,
        )
        from zetasql.wasi._pb2.zetasql.local_service import local_service_pb2

        features, statements = _language()
        language = LanguageOptions(
            product_mode=ProductMode.PRODUCT_EXTERNAL,
            enabled_language_features=[LanguageFeature[name] for name in features],
            supported_statement_kinds=[ResolvedNodeKind[f"RESOLVED_{s}"] for s in statements],
        )
        catalog = SimpleCatalog(
            name="bigquery",
            catalog=_catalogs(tables),
            builtin_function_options=ZetaSQLBuiltinFunctionOptions(language_options=language),
        )
        # Query parameters (@cutoff, @batch) take the type their use implies, as BigQuery's
        # dry run would ask of the caller.
        options = Options(language_options=language, allow_undeclared_parameters=True)
        self._service = ZetaSqlLocalService.get_instance()
        # The catalogue and options are sent once; each statement then costs a few milliseconds.
        registered = self._service.register_catalog(simple_catalog=catalog)
        self._request = local_service_pb2.AnalyzeRequest(
            options=options.to_proto(), registered_catalog_id=registered.registered_id
        )
        self._response = local_service_pb2.AnalyzeResponse

    def analyze(self, sql: str) -> list[OutputColumn]:
        """The statement's output columns, or AnalysisError with the analyzer's message."""
        from zetasql.core.exceptions import ZetaSQLError
        from zetasql.types import AnalyzeResponse, parse_proto

        request = type(self._request)()
        request.CopyFrom(self._request)
        request.sql_statement = sql
        try:
            raw = self._service.wasm_client.call_grpc_func(
                "ZetaSqlLocalService_Analyze", request, self._response
            )
        except ZetaSQLError as error:
            raise AnalysisError(str(error).removeprefix("[INVALID_ARGUMENT] ")) from None
        statement = parse_proto(raw).as_type(AnalyzeResponse).resolved_statement
        return [
            OutputColumn(column.name, _type_name(column.column.type))
            for column in getattr(statement, "output_column_list", None) or []
        ]


def _language() -> tuple[list[str], list[str]]:
    """BigQuery's LanguageFeature names and statement kinds, from the shipped list."""
    features, statements = [], []
    for line in FEATURES.read_text().splitlines():
        if line.startswith("# stmt "):
            statements.append(line.removeprefix("# stmt ").strip())
        elif line.strip() and not line.startswith("#"):
            features.append(line.strip())
    return features, statements


def _catalogs(tables: Tables) -> list:
    """Nested catalogues, project > dataset > table, so that `project`.dataset.table and
    dataset-qualified names resolve as BigQuery resolves them."""
    from zetasql.types import SimpleCatalog, SimpleColumn, SimpleTable

    projects: dict[str, dict[str, list]] = {}
    for (project, dataset, name), columns in tables.items():
        table = SimpleTable(
            name=name,
            column=[
                SimpleColumn(name=column, type=_zetasql_type(data_type))
                for column, data_type in columns.items()
                if has_bigquery_type(data_type)  # the check reports the others
            ],
        )
        projects.setdefault(project, {}).setdefault(dataset, []).append(table)
    return [
        SimpleCatalog(
            name=project,
            catalog=[SimpleCatalog(name=d, table=tables) for d, tables in datasets.items()],
        )
        for project, datasets in projects.items()
    ]


def _zetasql_type(data_type: exp.DataType):
    from zetasql.types import ArrayType, Type, TypeKind

    if data_type.is_type(exp.DataType.Type.ARRAY):
        element = _zetasql_type(data_type.expressions[0])
        return Type(type_kind=TypeKind.TYPE_ARRAY, array_type=ArrayType(element_type=element))
    return Type(type_kind=TypeKind[_KINDS[bigquery_type(data_type)]])


def _type_name(zetasql_type) -> str:
    kind = zetasql_type.type_kind.name
    if kind == "TYPE_ARRAY":
        return f"ARRAY<{_type_name(zetasql_type.array_type.element_type)}>"
    if kind == "TYPE_STRUCT":
        fields = ", ".join(
            f"{f.field_name} {_type_name(f.field_type)}" for f in zetasql_type.struct_type.field
        )
        return f"STRUCT<{fields}>"
    return _NAMES.get(kind, kind.removeprefix("TYPE_"))


def _load_projects_without_forking() -> None:
    """SQLMesh loads a project in forked worker processes, and a fork of a process running
    wasmtime crashes: from here on this process loads projects in itself."""
    from sqlmesh.core import constants

    constants.MAX_FORK_WORKERS = 1


def _cache_compiled_module(directory: Path) -> None:
    """Have wasmtime keep the compiled analyzer in `directory`, across processes."""
    import wasmtime
    import zetasql.core.wasm_client as wasm_client

    directory.mkdir(parents=True, exist_ok=True)
    settings = directory / "wasmtime.toml"
    settings.write_text(f'[cache]\ndirectory = "{directory.resolve()}"\n')

    class CachedConfig(wasmtime.Config):
        def __init__(self) -> None:
            super().__init__()
            self.cache = str(settings)

    wasm_client.Config = CachedConfig
