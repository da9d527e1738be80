/* One row per order item, with its order, its product and what it earned. */
MODEL (
  name intermediate.order_items_enriched,
  kind FULL,
  partitioned_by TIMESTAMP_TRUNC(ordered_at, MONTH),
  clustered_by (product_id, user_id),
  grain order_item_id,
  owner analytics,
  depends_on [intermediate.source_coverage],
  description 'One row per order item. The one place that defines a purchased, returned and kept item and what each contributes to gross revenue, returned revenue and net profit; every model sums these columns.',
  audits (
    not_null(columns := (order_item_id, order_id, user_id, product_id)),
    unique_values(columns := (
      order_item_id
    )),
    foreign_key(column := order_id, parent := staging.stg_orders, parent_column := order_id),
    foreign_key(column := product_id, parent := staging.stg_products, parent_column := product_id),
    accepted_range(column := gross_revenue, min_v := 0),
    accepted_range(column := returned_revenue, min_v := 0),
    forall(
      criteria := (returned_revenue <= gross_revenue, NOT (
          is_kept AND NOT is_purchased
      ))
    ),
    forall_non_blocking(criteria := (
      created_at >= ordered_at
    ))
  )
);

WITH items AS (
  SELECT
    items.order_item_id,
    items.order_id,
    items.user_id,
    items.product_id,
    items.status,
    orders.ordered_at,
    items.created_at,
    items.returned_at,
    items.sale_price,
    products.cost AS product_cost,
    @is_purchased(items.status) AS is_purchased,
    @is_purchased(items.status) AND @returned_by(items, @as_of()) AS is_returned,
    @is_purchased(items.status) AND NOT @returned_by(items, @as_of()) AS is_kept
  FROM staging.stg_order_items AS items
  INNER JOIN staging.stg_orders AS orders
    ON orders.order_id = items.order_id
  INNER JOIN staging.stg_products AS products
    ON products.product_id = items.product_id
)
SELECT
  order_item_id AS order_item_id, /* The item's id. */
  order_id AS order_id, /* The order it belongs to. */
  user_id AS user_id, /* The user who bought it. */
  product_id AS product_id, /* The product bought. */
  status AS status, /* The order's status. */
  ordered_at AS ordered_at, /* When its order was placed. */
  created_at AS created_at, /* When the item was put in the basket; before ordered_at for many items, as in the source. */
  returned_at AS returned_at, /* When the item was returned; NULL unless it was. */
  sale_price AS sale_price, /* Price paid, US dollars. */
  product_cost AS product_cost, /* What the unit cost theLook, US dollars. */
  is_purchased AS is_purchased, /* A purchased item is one whose status is not Cancelled. */
  is_returned AS is_returned, /* A returned item is a purchased item returned by the end of as_of (@returned_by, macros/known_at.py). */
  is_kept AS is_kept, /* A kept item is a purchased item not returned by the end of as_of. */
  IF(is_purchased, sale_price, 0) AS gross_revenue, /* The item's part of gross revenue: its sale price if purchased. */
  IF(is_returned, sale_price, 0) AS returned_revenue, /* The item's part of returned revenue: its sale price if returned. */
  IF(is_kept, sale_price - product_cost, 0) AS net_profit /* The item's part of net profit: sale price less product cost if kept. */
FROM items