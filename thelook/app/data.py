"""The dashboard's one way to the warehouse: the marts of an environment, on the gateway in use.

Locally the DuckDB warehouse is opened read-only for each query and closed at once, so a
dashboard never holds the file a plan needs. On BigQuery the gateway's own settings are used,
with its bytes-billed cap. Queries are BigQuery SQL naming models (`marts.customer_metrics`);
each name is pointed at the environment's view and the query is transpiled for the engine.
"""

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd
from sqlglot import exp, parse_one

from thelook.preflight import PreflightError, load_config

PROJECT = Path(os.environ.get("THELOOK_PROJECT", Path(__file__).resolve().parents[2]))
ENVIRONMENT = "THELOOK_DASHBOARD_ENV"  # the environment the dashboard shows; prod by default
GATEWAY = "SQLMESH_GATEWAY"
ENVIRONMENTS = "SELECT name FROM sqlmesh._environments"  # SQLMesh's state: what exists


class DashboardError(Exception):
    """Something the reader can act on: the message says what to run."""


@dataclass(frozen=True)
class Source:
    gateway: str
    environment: str
    engine: str  # "duckdb" or "bigquery"
    warehouse: Path | None  # the DuckDB file, locally
    project: str | None  # the GCP project, on BigQuery
    raw: Path | None = None  # locally, the theLook source file the staging views read


@cache
def source() -> Source:
    """Where the dashboard reads, from the project's config and the environment variables; an
    environment that does not exist is refused, not shown as prod under its name."""
    where = _configured_source()
    known = environments(where)
    if known is not None and where.environment not in known:
        raise DashboardError(
            f"no environment named '{where.environment}' (known: {', '.join(known) or 'none'}); "
            f"create it with `sqlmesh plan {where.environment}`, or show one of those"
        )
    return where


def environments(where: Source) -> list[str] | None:
    """The environments in SQLMesh's state for the gateway, sorted; None when there is no state
    to read yet (a warehouse not built)."""
    if where.engine == "duckdb":
        if not where.warehouse.exists():
            return None
        try:
            with duckdb.connect(str(where.warehouse), read_only=True) as con:
                rows = con.execute(ENVIRONMENTS).fetchall()
        except duckdb.IOException:  # a plan is writing: the environment is checked per page
            return None
        except duckdb.CatalogException:  # a warehouse no plan has finished in
            return []
        return sorted(name for (name,) in rows)
    try:
        return sorted(_state_adapter(where.gateway).fetchdf(ENVIRONMENTS)["name"])
    except Exception:  # an unreachable or unset state database, in any of its drivers' words
        raise DashboardError(
            f"cannot read SQLMesh's state for the {where.gateway} gateway: run "
            f"`thelook check --gateway {where.gateway}` to see what to set"
        ) from None


@cache
def _state_adapter(gateway: str):
    """SQLMesh's adapter to the gateway's state database (PostgreSQL on the bigquery gateway)."""
    settings = load_config(PROJECT).gateways[gateway]
    return (settings.state_connection or settings.connection).create_engine_adapter()


def _configured_source() -> Source:
    try:
        config = load_config(PROJECT)
    except PreflightError as error:
        raise DashboardError(str(error)) from None
    gateway = os.environ.get(GATEWAY) or config.default_gateway_name
    if gateway not in config.gateways:
        raise DashboardError(
            f"unknown gateway '{gateway}': set SQLMESH_GATEWAY to one of "
            f"{', '.join(sorted(config.gateways))}"
        )
    connection = config.gateways[gateway].connection
    environment = os.environ.get(ENVIRONMENT) or "prod"
    if connection.type_ == "duckdb":
        path = Path(connection.catalogs["warehouse"])
        raw = PROJECT / Path(connection.catalogs["bigquery-public-data"].path)
        return Source(gateway, environment, "duckdb", PROJECT / path, None, raw)
    return Source(gateway, environment, "bigquery", None, connection.project)


def schema_of(schema: str, environment: str) -> str:
    """Where SQLMesh puts a model schema's views for an environment."""
    return schema if environment == "prod" else f"{schema}__{environment}"


def query(sql: str) -> pd.DataFrame:
    """The result of `sql` (BigQuery SQL over model names) in the dashboard's environment."""
    where = source()
    statement = parse_one(sql, dialect="bigquery")
    if where.engine == "duckdb":
        return _duckdb(where, statement)
    return _bigquery(where, statement)


def _point(statement: exp.Expression, where: Source, built: set[str] | None) -> exp.Expression:
    """`statement` reading each model from the environment: its own view where the environment
    changed the model, prod's otherwise (SQLMesh builds views only for what changed). `built`
    holds the environment's views as schema.name; None for prod."""
    pointed = statement.copy()
    for table in pointed.find_all(exp.Table):
        if not table.db:  # a CTE, not a model
            continue
        schema = schema_of(table.db, where.environment)
        if built is None or f"{schema}.{table.name}" in built:
            table.set("db", exp.to_identifier(schema))
        table.set("catalog", exp.to_identifier(where.project or "warehouse"))
    return pointed


def _duckdb(where: Source, statement: exp.Expression) -> pd.DataFrame:
    if not where.warehouse.exists():
        raise DashboardError(
            f"there is no warehouse at {where.warehouse} yet: run `make run` to build it"
        )
    try:
        with duckdb.connect() as con:
            con.execute("SET TimeZone = 'UTC'")
            con.execute(f"ATTACH '{where.warehouse}' AS warehouse (READ_ONLY)")
            # Staging models are views over the source, under the name the gateway gives it.
            if where.raw and where.raw.exists():
                con.execute(f"ATTACH '{where.raw}' AS \"bigquery-public-data\" (READ_ONLY)")
            built = None
            if where.environment != "prod":
                built = {
                    f"{schema}.{name}"
                    for schema, name in con.execute(
                        "SELECT table_schema, table_name FROM information_schema.tables "
                        "WHERE table_catalog = 'warehouse'"
                    ).fetchall()
                }
            return con.execute(_point(statement, where, built).sql(dialect="duckdb")).df()
    except duckdb.IOException:
        raise DashboardError(
            "the warehouse is being written by a plan: refresh the page when it is done"
        ) from None
    except (duckdb.CatalogException, duckdb.BinderException) as error:
        raise DashboardError(_missing(where, str(error))) from None


def _bigquery(where: Source, statement: exp.Expression) -> pd.DataFrame:
    from google.api_core.exceptions import BadRequest, NotFound

    adapter = _bigquery_adapter(where.gateway)
    built = None
    if where.environment != "prod":
        built = set()
        for schema in {schema_of(t.db, where.environment) for t in statement.find_all(exp.Table)}:
            try:
                names = adapter.fetchdf(
                    f"SELECT table_name FROM `{where.project}.{schema}`.INFORMATION_SCHEMA.TABLES"
                )
            except NotFound:  # the environment changed nothing in this schema
                continue
            built |= {f"{schema}.{name}" for name in names["table_name"]}
    try:
        return adapter.fetchdf(_point(statement, where, built).sql(dialect="bigquery"))
    except (NotFound, BadRequest) as error:
        raise DashboardError(_missing(where, str(error))) from None


@cache
def _bigquery_adapter(gateway: str):
    """SQLMesh's BigQuery adapter for the gateway: its credentials, location and bytes cap."""
    return load_config(PROJECT).gateways[gateway].connection.create_engine_adapter()


def _missing(where: Source, error: str) -> str:
    build = "make run" if where.environment == "prod" else f"sqlmesh plan {where.environment}"
    return (
        f"a model this page needs is missing or older than the dashboard in the environment "
        f"'{where.environment}' ({error.splitlines()[0]}): run `{build}`"
    )


class ReviewSides:
    """The two sides of the Review page: prod, and the dashboard's environment, which reads a
    model from its own view where that view selects from another table than prod's
    (thelook.business.review_measures.Sides)."""

    def __init__(self) -> None:
        self.where = source()
        self.changed = changed_models(self.where)

    def table(self, side: str, model: str) -> exp.Table:
        schema, name = model.split(".")
        environment = (
            self.where.environment if side == "after" and model in self.changed else "prod"
        )
        return exp.table_(
            name, db=schema_of(schema, environment), catalog=self.where.project or "warehouse"
        )

    def fetch(self, query: exp.Expression) -> pd.DataFrame:
        if self.where.engine == "duckdb":
            with duckdb.connect() as con:
                con.execute("SET TimeZone = 'UTC'")
                con.execute(f"ATTACH '{self.where.warehouse}' AS warehouse (READ_ONLY)")
                return con.execute(query.sql(dialect="duckdb")).df()
        return _bigquery_adapter(self.where.gateway).fetchdf(query.sql(dialect="bigquery"))


PHYSICAL_TABLE = re.compile(r"sqlmesh__\w+[`\"]?\.[`\"]?(\w+)")


def changed_models(where: Source) -> set[str]:
    """The models ("schema.name") the environment reads from other tables than prod does."""
    if where.environment == "prod":
        return set()
    suffix = f"__{where.environment}"
    if where.engine == "duckdb":
        with duckdb.connect(str(where.warehouse), read_only=True) as con:
            views = con.execute("SELECT schema_name, view_name, sql FROM duckdb_views()").fetchall()
    else:
        adapter = _bigquery_adapter(where.gateway)
        views = []
        for schema in ("staging", "intermediate", "marts"):
            for name in (schema, f"{schema}{suffix}"):
                try:
                    found = adapter.fetchdf(
                        "SELECT table_schema, table_name, view_definition "
                        f"FROM `{where.project}.{name}`.INFORMATION_SCHEMA.VIEWS"
                    )
                except Exception:  # the environment changed nothing in this schema
                    continue
                views += list(found.itertuples(index=False, name=None))
    tables = {
        (schema, name): match[1]
        for schema, name, sql in views
        if (match := PHYSICAL_TABLE.search(sql or ""))
    }
    return {
        f"{schema.removesuffix(suffix)}.{name}"
        for (schema, name), table in tables.items()
        if schema.endswith(suffix) and tables.get((schema.removesuffix(suffix), name)) != table
    }


# A campaign's list as it is handed over: the user id, the group and the offer, nothing else
# about the customer (docs/campaigns.md). The export command and the Campaigns page share it.
CAMPAIGN_LIST = ("user_id", "assigned_group", "department", "category")


def campaign_list_sql(campaign: str) -> str:
    """The query of `campaign`'s customers: CAMPAIGN_LIST's columns, by user id."""
    statement = (
        exp.select(*CAMPAIGN_LIST)
        .from_("marts.campaign_audiences")
        .where(exp.column("campaign").eq(exp.Literal.string(campaign)))
        .order_by("user_id")
    )
    return statement.sql(dialect="bigquery")


def campaign_list(campaign: str) -> pd.DataFrame:
    """The customers of `campaign`; empty for a campaign with none."""
    return query(campaign_list_sql(campaign))


def campaign_names() -> list[str]:
    """The campaigns with customers in marts.campaign_audiences."""
    names = query("SELECT DISTINCT campaign FROM marts.campaign_audiences ORDER BY campaign")
    return names["campaign"].tolist()
