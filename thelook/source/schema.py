"""The seven theLook tables: column names, order and BigQuery types, as in the public dataset."""

DATASET = "thelook_ecommerce"
# The public project's name; the local gateway attaches the generated file under this alias so
# that models name the same three-part tables on DuckDB and on BigQuery.
SOURCE_CATALOG = "bigquery-public-data"

TABLES: dict[str, dict[str, str]] = {
    "users": {
        "id": "INT64",
        "first_name": "STRING",
        "last_name": "STRING",
        "email": "STRING",
        "age": "INT64",
        "gender": "STRING",
        "state": "STRING",
        "street_address": "STRING",
        "postal_code": "STRING",
        "city": "STRING",
        "country": "STRING",
        "latitude": "FLOAT64",
        "longitude": "FLOAT64",
        "traffic_source": "STRING",
        "created_at": "TIMESTAMP",
        "user_geom": "GEOGRAPHY",
    },
    "orders": {
        "order_id": "INT64",
        "user_id": "INT64",
        "status": "STRING",
        "gender": "STRING",
        "created_at": "TIMESTAMP",
        "returned_at": "TIMESTAMP",
        "shipped_at": "TIMESTAMP",
        "delivered_at": "TIMESTAMP",
        "num_of_item": "INT64",
    },
    "order_items": {
        "id": "INT64",
        "order_id": "INT64",
        "user_id": "INT64",
        "product_id": "INT64",
        "inventory_item_id": "INT64",
        "status": "STRING",
        "created_at": "TIMESTAMP",
        "shipped_at": "TIMESTAMP",
        "delivered_at": "TIMESTAMP",
        "returned_at": "TIMESTAMP",
        "sale_price": "FLOAT64",
    },
    "products": {
        "id": "INT64",
        "cost": "FLOAT64",
        "category": "STRING",
        "name": "STRING",
        "brand": "STRING",
        "retail_price": "FLOAT64",
        "department": "STRING",
        "sku": "STRING",
        "distribution_center_id": "INT64",
    },
    "events": {
        "id": "INT64",
        "user_id": "INT64",
        "sequence_number": "INT64",
        "session_id": "STRING",
        "created_at": "TIMESTAMP",
        "ip_address": "STRING",
        "city": "STRING",
        "state": "STRING",
        "postal_code": "STRING",
        "browser": "STRING",
        "traffic_source": "STRING",
        "uri": "STRING",
        "event_type": "STRING",
    },
    "inventory_items": {
        "id": "INT64",
        "product_id": "INT64",
        "created_at": "TIMESTAMP",
        "sold_at": "TIMESTAMP",
        "cost": "FLOAT64",
        "product_category": "STRING",
        "product_name": "STRING",
        "product_brand": "STRING",
        "product_retail_price": "FLOAT64",
        "product_department": "STRING",
        "product_sku": "STRING",
        "product_distribution_center_id": "INT64",
    },
    "distribution_centers": {
        "id": "INT64",
        "name": "STRING",
        "latitude": "FLOAT64",
        "longitude": "FLOAT64",
        "distribution_center_geom": "GEOGRAPHY",
    },
}

# How each BigQuery type is stored locally. BigQuery's TIMESTAMP is an instant, as is DuckDB's
# TIMESTAMPTZ; GEOGRAPHY points are kept as their WKT text, which is what BigQuery prints.
DUCKDB_TYPES = {
    "INT64": "BIGINT",
    "FLOAT64": "DOUBLE",
    "STRING": "VARCHAR",
    "TIMESTAMP": "TIMESTAMPTZ",
    "GEOGRAPHY": "VARCHAR",
}


def create_table_sql(table: str) -> str:
    columns = ", ".join(
        f"{name} {DUCKDB_TYPES[bq_type]}" for name, bq_type in TABLES[table].items()
    )
    return f"CREATE TABLE {DATASET}.{table} ({columns})"
