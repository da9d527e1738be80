"""Every categorical column uses exactly the live dataset's vocabulary."""

import pytest

from tests.source import facts


def distinct(con, sql: str) -> set:
    return {row[0] for row in con.execute(sql).fetchall()}


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT DISTINCT status FROM orders", facts.STATUSES),
        ("SELECT DISTINCT status FROM order_items", facts.STATUSES),
        ("SELECT DISTINCT gender FROM users", {"M", "F"}),
        ("SELECT DISTINCT gender FROM orders", {"M", "F"}),
        ("SELECT DISTINCT department FROM products", {"Men", "Women"}),
        ("SELECT DISTINCT event_type FROM events", facts.EVENT_TYPES),
        ("SELECT DISTINCT traffic_source FROM users", facts.USER_TRAFFIC_SOURCES),
        ("SELECT DISTINCT traffic_source FROM events", facts.EVENT_TRAFFIC_SOURCES),
        ("SELECT DISTINCT browser FROM events", facts.BROWSERS),
        ("SELECT DISTINCT category FROM products", facts.CATEGORIES),
        ("SELECT DISTINCT name FROM distribution_centers", facts.DISTRIBUTION_CENTERS),
    ],
)
def test_vocabulary(small, sql, expected):
    assert distinct(small, sql) == expected


def test_uris_follow_the_live_patterns(small):
    patterns = {
        "home": r"/home",
        "cart": r"/cart",
        "purchase": r"/purchase",
        "cancel": r"/cancel",
        "product": r"/product/[0-9]+",
        # Live brands may hold a slash ("Pulse/Iceburg"); a NULL brand leaves the slug empty.
        "department": r"/department/(men|women)/category/[^/A-Z ]+/brand/[^A-Z ]*",
    }
    for event_type, pattern in patterns.items():
        bad = small.execute(
            "SELECT count(*) FROM events WHERE event_type = ? AND NOT regexp_full_match(uri, ?)",
            [event_type, pattern],
        ).fetchone()[0]
        assert bad == 0, event_type


def test_department_pages_name_the_products_category_and_brand(small):
    mismatched = small.execute(
        """
        WITH views AS (
          SELECT session_id, uri, event_type FROM events WHERE event_type IN ('department', 'product')
        )
        SELECT count(*)
        FROM views AS d
        JOIN views AS p ON p.session_id = d.session_id AND p.event_type = 'product'
        JOIN products ON products.id = CAST(split_part(p.uri, '/', 3) AS BIGINT)
        WHERE d.event_type = 'department'
          AND d.uri <> '/department/' || lower(products.department)
                    || '/category/' || replace(lower(products.category), ' ', '')
                    || '/brand/' || replace(lower(products.brand), ' ', '')
        """
    ).fetchone()[0]
    assert mismatched == 0


def test_countries_are_weighted_by_population(default):
    shares = dict(
        default.execute(
            "SELECT country, count(*) / sum(count(*)) OVER () FROM users GROUP BY country"
        ).fetchall()
    )
    assert shares["China"] == pytest.approx(0.34, abs=0.01)
    assert shares["United States"] == pytest.approx(0.225, abs=0.01)
    assert shares["Brasil"] == pytest.approx(0.146, abs=0.01)
    assert {"España", "Deutschland"} <= set(shares)
