/* One row per product in the catalogue. */
MODEL (
  name staging.stg_products,
  kind VIEW,
  grain product_id,
  owner analytics,
  description 'The product catalogue with prices and costs.',
  audits (
    not_null(columns := (product_id, retail_price, cost, department)),
    unique_values(columns := (
      product_id
    )),
    accepted_range(column := retail_price, min_v := 0),
    accepted_range(column := cost, min_v := 0),
    accepted_values(column := department, is_in := ('Men', 'Women')),
    not_null_non_blocking(columns := (
      product_name
    ))
  )
);

SELECT
  id::INT64 AS product_id, /* The product's id. */
  name AS product_name, /* Display name; NULL for a couple of products in the source. */
  brand AS brand, /* Brand. */
  category AS category, /* One of 26 categories. */
  department AS department, /* Men or Women. */
  retail_price::FLOAT64 AS retail_price, /* List price in US dollars; items sell at this price. */
  cost::FLOAT64 AS cost, /* What a unit costs theLook, in US dollars. */
  sku AS sku, /* Stock keeping unit. */
  distribution_center_id::INT64 AS distribution_center_id /* Where the product ships from. */
FROM `bigquery-public-data`.thelook_ecommerce.products