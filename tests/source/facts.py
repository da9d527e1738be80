"""The real dataset's schema as the facts file states it, kept here as the tests' oracle."""

# The schema table copied verbatim from the facts file, long lines and all.
SCHEMA_TABLE = """
| users | id INT64, first_name STRING, last_name STRING, email STRING, age INT64, gender STRING, state STRING, street_address STRING, postal_code STRING, city STRING, country STRING, latitude FLOAT64, longitude FLOAT64, traffic_source STRING, created_at TIMESTAMP, user_geom GEOGRAPHY |
| orders | order_id INT64, user_id INT64, status STRING, gender STRING, created_at TIMESTAMP, returned_at TIMESTAMP, shipped_at TIMESTAMP, delivered_at TIMESTAMP, num_of_item INT64 |
| order_items | id INT64, order_id INT64, user_id INT64, product_id INT64, inventory_item_id INT64, status STRING, created_at TIMESTAMP, shipped_at TIMESTAMP, delivered_at TIMESTAMP, returned_at TIMESTAMP, sale_price FLOAT64 |
| products | id INT64, cost FLOAT64, category STRING, name STRING, brand STRING, retail_price FLOAT64, department STRING, sku STRING, distribution_center_id INT64 |
| events | id INT64, user_id INT64, sequence_number INT64, session_id STRING, created_at TIMESTAMP, ip_address STRING, city STRING, state STRING, postal_code STRING, browser STRING, traffic_source STRING, uri STRING, event_type STRING |
| inventory_items | id INT64, product_id INT64, created_at TIMESTAMP, sold_at TIMESTAMP, cost FLOAT64, product_category STRING, product_name STRING, product_brand STRING, product_retail_price FLOAT64, product_department STRING, product_sku STRING, product_distribution_center_id INT64 |
| distribution_centers | id INT64, name STRING, latitude FLOAT64, longitude FLOAT64, distribution_center_geom GEOGRAPHY |
"""


def schema() -> dict[str, list[tuple[str, str]]]:
    tables = {}
    for line in SCHEMA_TABLE.strip().splitlines():
        _, table, columns, _ = (cell.strip() for cell in line.split("|"))
        tables[table] = [tuple(column.split()) for column in columns.split(", ")]
    return tables


# Live row counts at 100,000 users (one snapshot, Oct 2026).
LIVE_COUNTS = {
    "users": 100_000,
    "products": 29_120,
    "orders": 124_885,
    "order_items": 181_070,
    "events": 2_423_614,
    "inventory_items": 488_895,
    "distribution_centers": 10,
}

STATUSES = {"Complete", "Shipped", "Processing", "Returned", "Cancelled"}
EVENT_TYPES = {"home", "department", "product", "cart", "purchase", "cancel"}
USER_TRAFFIC_SOURCES = {"Search", "Organic", "Facebook", "Email", "Display"}
EVENT_TRAFFIC_SOURCES = {"Email", "Adwords", "Facebook", "YouTube", "Organic"}
BROWSERS = {"Chrome", "Firefox", "Safari", "IE", "Other"}
# fmt: off
CATEGORIES = {
    "Accessories", "Active", "Blazers & Jackets", "Clothing Sets", "Dresses",
    "Fashion Hoodies & Sweatshirts", "Intimates", "Jeans", "Jumpsuits & Rompers", "Leggings",
    "Maternity", "Outerwear & Coats", "Pants", "Pants & Capris", "Plus", "Shorts", "Skirts",
    "Sleep & Lounge", "Socks", "Socks & Hosiery", "Suits", "Suits & Sport Coats", "Sweaters",
    "Swim", "Tops & Tees", "Underwear",
}
DISTRIBUTION_CENTERS = {
    "Memphis TN", "Chicago IL", "Houston TX", "Los Angeles CA", "New Orleans LA",
    "Port Authority of New York/New Jersey NY/NJ", "Philadelphia PA", "Mobile AL",
    "Charleston SC", "Savannah GA",
}
# fmt: on
