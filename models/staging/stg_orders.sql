/* One row per order. Every order's user must be in users: an order of a missing user would
   leave customer_metrics while product_performance kept its revenue. The live data never has
   one; an export that lost some users does. */
MODEL (
  name staging.stg_orders,
  kind VIEW,
  grain order_id,
  owner analytics,
  description 'Orders placed by the end of as_of, with their status and fulfilment times as they stood then.',
  audits (
    not_null(columns := (order_id, user_id)),
    unique_values(columns := (
      order_id
    )),
    known_order_status(column := status),
    foreign_key(
      column := user_id,
      parent := `bigquery-public-data`.thelook_ecommerce.users,
      parent_column := id
    )
  )
);

SELECT
  order_id::INT64 AS order_id, /* The order's id. */
  user_id::INT64 AS user_id, /* The user who placed the order. */
  @status_at(status, shipped_at, delivered_at, returned_at, @as_of()) AS status, /* Complete, Shipped, Processing, Returned or Cancelled, as it stood at the end of as_of. */
  created_at::TIMESTAMP AS ordered_at, /* When the order was placed, UTC. */
  @as_known_by(shipped_at, @as_of())::TIMESTAMP AS shipped_at, /* When it shipped; NULL if not by as_of. */
  @as_known_by(delivered_at, @as_of())::TIMESTAMP AS delivered_at, /* When it was delivered; NULL if not by as_of. */
  @as_known_by(returned_at, @as_of())::TIMESTAMP AS returned_at, /* When it was returned; NULL unless returned by as_of. */
  num_of_item::INT64 AS item_count /* Number of items in the order. */
FROM `bigquery-public-data`.thelook_ecommerce.orders
WHERE
  @known_by(created_at, @as_of())