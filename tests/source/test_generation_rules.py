"""The generation rules the models rely on hold on every row."""

import pytest


def count(con, sql: str) -> int:
    return con.execute(sql).fetchone()[0]


def test_status_decides_which_timestamps_are_set(small):
    expected = {  # status: (shipped, delivered, returned)
        "Returned": (True, True, True),
        "Complete": (True, True, False),
        "Shipped": (True, False, False),
        "Processing": (False, False, False),
        "Cancelled": (False, False, False),
    }
    for table in ("orders", "order_items"):
        seen = small.execute(
            f"SELECT DISTINCT status, shipped_at IS NOT NULL, delivered_at IS NOT NULL, "
            f"returned_at IS NOT NULL FROM {table}"
        ).fetchall()
        assert {status: flags for status, *flags in seen} == {
            status: list(flags) for status, flags in expected.items()
        }, table
        assert len(seen) == len(expected), table


def test_fulfilment_times_are_ordered(small):
    assert (
        count(
            small,
            "SELECT count(*) FROM orders WHERE shipped_at < created_at "
            "OR delivered_at < shipped_at OR returned_at < delivered_at",
        )
        == 0
    )


def test_items_copy_their_orders_status_times_user_and_gender(small):
    assert (
        count(
            small,
            """
        SELECT count(*) FROM order_items i JOIN orders o USING (order_id)
        JOIN users u ON u.id = o.user_id
        JOIN products p ON p.id = i.product_id
        WHERE i.status <> o.status OR i.user_id <> o.user_id
           OR i.shipped_at IS DISTINCT FROM o.shipped_at
           OR i.delivered_at IS DISTINCT FROM o.delivered_at
           OR i.returned_at IS DISTINCT FROM o.returned_at
           OR o.gender <> u.gender
           OR p.department <> CASE o.gender WHEN 'M' THEN 'Men' ELSE 'Women' END
        """,
        )
        == 0
    )


def test_order_sizes_match_their_items(small):
    assert (
        count(
            small,
            "SELECT count(*) FROM orders o LEFT JOIN (SELECT order_id, count(*) n FROM order_items "
            "GROUP BY order_id) i USING (order_id) WHERE i.n IS DISTINCT FROM o.num_of_item",
        )
        == 0
    )


def test_sale_price_is_the_products_retail_price(small):
    assert (
        count(
            small,
            "SELECT count(*) FROM order_items i JOIN products p ON p.id = i.product_id "
            "WHERE i.sale_price <> p.retail_price",
        )
        == 0
    )
    assert (
        count(
            small,
            "SELECT count(*) FROM order_items WHERE product_id NOT IN (SELECT id FROM products)",
        )
        == 0
    )


def test_orders_come_after_sign_up_and_before_the_snapshot(small):
    assert (
        count(
            small,
            "SELECT count(*) FROM orders o JOIN users u ON u.id = o.user_id "
            "WHERE o.created_at < u.created_at OR o.created_at > TIMESTAMPTZ '2026-11-01 00:00:00+00'",
        )
        == 0
    )


def test_sign_ups_happen_before_seven_in_the_evening(small):
    assert count(small, "SELECT count(*) FROM users WHERE hour(created_at) >= 19") == 0
    assert count(small, "SELECT count(*) FROM users WHERE age NOT BETWEEN 12 AND 70") == 0


def test_every_order_item_has_its_own_purchasing_session(small):
    """One session per item: it walks the funnel for that product and ends in a purchase."""
    sessions = small.execute(
        """
        SELECT count(*), count(DISTINCT user_id),
               count(*) FILTER (WHERE list_last(types) = 'purchase')
        FROM (
          SELECT session_id, any_value(user_id) AS user_id,
                 list(event_type ORDER BY sequence_number) AS types
          FROM events WHERE user_id IS NOT NULL GROUP BY session_id
        )
        """
    ).fetchone()
    items, buyers = small.execute(
        "SELECT count(*), count(DISTINCT user_id) FROM order_items"
    ).fetchone()
    assert sessions == (items, buyers, items)


def test_session_walks_follow_the_live_patterns(small):
    walks = {
        tuple(types): n
        for types, n in small.execute(
            """
            SELECT types, count(*) FROM (
              SELECT list(event_type ORDER BY sequence_number) AS types
              FROM events GROUP BY session_id
            ) GROUP BY types
            """
        ).fetchall()
    }
    member_walks = {
        ("home", "department", "product", "cart", "purchase"),
        *(("department", "product", "cart") * n + ("purchase",) for n in (2, 3, 4)),
    }
    anonymous_walks = {
        ("product", "cart", "cancel"),
        ("department", "product", "cart"),
        ("product",),
        ("department", "product"),
    }
    assert set(walks) == member_walks | anonymous_walks


def test_sessions_are_consistent(small):
    """Sequence numbers run 1..n, and a session has one user, ip, browser, channel and product."""
    assert (
        count(
            small,
            """
        SELECT count(*) FROM (
          SELECT session_id FROM events GROUP BY session_id
          HAVING min(sequence_number) <> 1 OR max(sequence_number) <> count(*)
              OR count(DISTINCT sequence_number) <> count(*)
              OR count(DISTINCT coalesce(user_id, -1)) <> 1 OR count(DISTINCT ip_address) <> 1
              OR count(DISTINCT browser) <> 1 OR count(DISTINCT traffic_source) <> 1
              OR count(DISTINCT uri) FILTER (WHERE event_type = 'product') <> 1
              OR max(created_at) FILTER (WHERE sequence_number = 1) <> min(created_at)
        )
        """,
        )
        == 0
    )


def test_cancel_is_anonymous_and_purchase_is_registered(small):
    assert (
        count(
            small, "SELECT count(*) FROM events WHERE event_type = 'cancel' AND user_id IS NOT NULL"
        )
        == 0
    )
    assert (
        count(
            small, "SELECT count(*) FROM events WHERE event_type = 'purchase' AND user_id IS NULL"
        )
        == 0
    )


def test_members_view_the_product_of_the_item_they_buy(small):
    assert (
        count(
            small,
            """
        SELECT count(*) FROM order_items i
        WHERE NOT EXISTS (
          SELECT 1 FROM events e
          WHERE e.user_id = i.user_id AND e.event_type = 'product'
            AND e.uri = '/product/' || i.product_id
            AND e.created_at <= i.created_at
        )
        """,
        )
        == 0
    )


def test_items_are_created_at_their_sessions_purchase(small):
    unmatched = count(
        small,
        """
        SELECT count(*) FROM order_items i
        WHERE NOT EXISTS (
          SELECT 1 FROM events e
          WHERE e.user_id = i.user_id AND e.event_type = 'purchase' AND e.created_at = i.created_at
        )
        """,
    )
    assert unmatched == 0


def test_each_sold_unit_is_its_items_inventory(small):
    assert (
        count(
            small,
            """
        SELECT count(*) FROM order_items i JOIN inventory_items v ON v.id = i.inventory_item_id
        WHERE v.product_id <> i.product_id OR v.sold_at <> i.created_at
           OR v.created_at > v.sold_at
        """,
        )
        == 0
    )
    sold, items = small.execute(
        "SELECT (SELECT count(*) FROM inventory_items WHERE sold_at IS NOT NULL), "
        "(SELECT count(*) FROM order_items)"
    ).fetchone()
    assert sold == items


def test_inventory_copies_the_product(small):
    assert (
        count(
            small,
            """
        SELECT count(*) FROM inventory_items v JOIN products p ON p.id = v.product_id
        WHERE v.cost <> p.cost OR v.product_category <> p.category
           OR v.product_name IS DISTINCT FROM p.name OR v.product_brand <> p.brand
           OR v.product_retail_price <> p.retail_price OR v.product_department <> p.department
           OR v.product_sku <> p.sku
           OR v.product_distribution_center_id <> p.distribution_center_id
        """,
        )
        == 0
    )


def test_products_are_priced_and_costed(small):
    assert (
        count(
            small,
            "SELECT count(*) FROM products WHERE retail_price <= 0 OR cost <= 0 "
            "OR cost >= retail_price",
        )
        == 0
    )
    assert count(small, "SELECT count(*) FROM products WHERE name IS NULL") == 2
    assert count(small, "SELECT count(DISTINCT id) FROM products") == 29_120


def test_the_live_quirks_are_present(default):
    """Anonymous traffic, items before their order or after it shipped, future timestamps."""
    quirks = default.execute(
        """
        SELECT
          (SELECT avg((user_id IS NULL)::INT) FROM events),
          (SELECT count(*) FROM order_items i JOIN orders o USING (order_id)
           WHERE i.created_at < o.created_at),
          (SELECT count(*) FROM order_items i JOIN orders o USING (order_id)
           WHERE i.created_at > o.shipped_at),
          (SELECT max(delivered_at) FROM orders) > TIMESTAMPTZ '2026-11-08 00:00:00+00',
          (SELECT max(created_at) FROM order_items) > TIMESTAMPTZ '2026-11-02 00:00:00+00',
          (SELECT count(DISTINCT session_id) FROM events WHERE user_id IS NULL),
          (SELECT count(DISTINCT email) < count(*) FROM users)
        """
    ).fetchone()
    anonymous_share, before_order, after_shipping, late_delivery, late_item, anon_sessions, dup = (
        quirks
    )
    assert anonymous_share == pytest.approx(0.46, abs=0.01)
    assert before_order == pytest.approx(100_000, rel=0.15)
    assert after_shipping > 20_000
    assert late_delivery and late_item and dup
    assert anon_sessions == 500_000


def test_row_counts_are_within_three_percent_of_live(default):
    from tests.source.facts import LIVE_COUNTS

    for table, live in LIVE_COUNTS.items():
        generated = count(default, f"SELECT count(*) FROM {table}")
        assert generated == pytest.approx(live, rel=0.03), table
