/* One row per item of an order. */
MODEL (
  name staging.stg_order_items,
  kind VIEW,
  grain order_item_id,
  owner analytics,
  description 'Order items put in a basket by the end of as_of, with the price paid; status and fulfilment times are copied from the order, as they stood at the end of as_of.',
  audits (
    not_null(columns := (order_item_id, order_id, user_id, product_id, sale_price)),
    unique_values(columns := (
      order_item_id
    )),
    known_order_status(column := status),
    accepted_range(column := sale_price, min_v := 0),
    foreign_key(
      column := order_id,
      parent := `bigquery-public-data`.thelook_ecommerce.orders,
      parent_column := order_id
    ),
    foreign_key(
      column := product_id,
      parent := `bigquery-public-data`.thelook_ecommerce.products,
      parent_column := id
    ),
    foreign_key(
      column := user_id,
      parent := `bigquery-public-data`.thelook_ecommerce.users,
      parent_column := id
    )
  )
);

SELECT
  id::INT64 AS order_item_id, /* The item's id. */
  order_id::INT64 AS order_id, /* The order the item belongs to. */
  user_id::INT64 AS user_id, /* The user who bought it. */
  product_id::INT64 AS product_id, /* The product bought. */
  inventory_item_id::INT64 AS inventory_item_id, /* The stock unit that was sold. */
  @status_at(status, shipped_at, delivered_at, returned_at, @as_of()) AS status, /* The order's status, copied onto each item, as it stood at the end of as_of. */
  created_at::TIMESTAMP AS created_at, /* When the item was put in the basket; often before the order, as in the source. */
  @as_known_by(shipped_at, @as_of())::TIMESTAMP AS shipped_at, /* When it shipped; NULL if not by as_of. */
  @as_known_by(delivered_at, @as_of())::TIMESTAMP AS delivered_at, /* When it was delivered; NULL if not by as_of. */
  @as_known_by(returned_at, @as_of())::TIMESTAMP AS returned_at, /* When it was returned; NULL unless returned by as_of. */
  sale_price::FLOAT64 AS sale_price /* Price paid, in US dollars. */
FROM `bigquery-public-data`.thelook_ecommerce.order_items
WHERE
  @known_by(created_at, @as_of())