/* One row per user who placed at least one order. */
MODEL (
  name intermediate.user_orders,
  kind FULL,
  clustered_by user_id,
  grain user_id,
  owner analytics,
  depends_on [intermediate.source_coverage],
  description 'Order and item totals per user, over every user with at least one order (any status).',
  audits (
    not_null(columns := (
      user_id
    )),
    unique_values(columns := (
      user_id
    )),
    accepted_range(column := total_orders, min_v := 1),
    accepted_range(column := gross_revenue, min_v := 0),
    accepted_range(column := returned_revenue, min_v := 0),
    forall(
      criteria := (
        purchased_orders + cancelled_orders = total_orders,
        returned_revenue <= gross_revenue,
        distinct_products_purchased <= items_purchased
      )
    )
  )
);

WITH orders AS (
  SELECT
    user_id,
    COUNT(*) AS total_orders,
    COUNTIF(@is_purchased(status)) AS purchased_orders,
    COUNTIF(NOT @is_purchased(status)) AS cancelled_orders,
    MIN(IF(@is_purchased(status), ordered_at, NULL)) AS first_order_at,
    MAX(IF(@is_purchased(status), ordered_at, NULL)) AS last_order_at
  FROM staging.stg_orders
  GROUP BY
    user_id
), items AS (
  SELECT
    user_id,
    COUNTIF(is_purchased) AS items_purchased,
    COUNT(DISTINCT IF(is_purchased, product_id, NULL)) AS distinct_products_purchased,
    SUM(gross_revenue) AS gross_revenue,
    SUM(returned_revenue) AS returned_revenue,
    SUM(net_profit) AS net_profit
  FROM intermediate.order_items_enriched
  GROUP BY
    user_id
)
SELECT
  orders.user_id AS user_id, /* The user. */
  orders.total_orders AS total_orders, /* Orders placed, any status. */
  orders.purchased_orders AS purchased_orders, /* Purchased orders: orders not cancelled. */
  orders.cancelled_orders AS cancelled_orders, /* Orders cancelled. */
  COALESCE(items.items_purchased, 0) AS items_purchased, /* Purchased items. */
  COALESCE(items.distinct_products_purchased, 0) AS distinct_products_purchased, /* Distinct products among purchased items. */
  COALESCE(items.gross_revenue, 0) AS gross_revenue, /* Sale price of purchased items, US dollars. */
  COALESCE(items.returned_revenue, 0) AS returned_revenue, /* Sale price of returned items, US dollars. */
  COALESCE(items.net_profit, 0) AS net_profit, /* Sale price less cost of kept items, US dollars. */
  orders.first_order_at AS first_order_at, /* First order not cancelled; NULL if all were. */
  orders.last_order_at AS last_order_at /* Latest order not cancelled; NULL if all were. */
FROM orders
LEFT JOIN items
  ON items.user_id = orders.user_id