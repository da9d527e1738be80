/* One row per web event. The visitor's IP address and location are personal data no model
   uses: they are not selected. */
MODEL (
  name staging.stg_events,
  kind VIEW,
  grain event_id,
  owner analytics,
  description 'Web events up to the end of as_of; product views carry the product they show.',
  audits (
    not_null(columns := (event_id, session_id)),
    unique_values(columns := (
      event_id
    )),
    known_event_type(column := event_type)
  )
);

SELECT
  id::INT64 AS event_id, /* The event's id. */
  user_id::INT64 AS user_id, /* The signed-in user; NULL for anonymous traffic. */
  session_id AS session_id, /* The web session the event belongs to. */
  created_at::TIMESTAMP AS event_at, /* When the event happened, UTC. */
  event_type AS event_type, /* home, department, product, cart, purchase or cancel. */
  IF(
    event_type = 'product' AND REGEXP_CONTAINS(uri, '^/product/[0-9]+$'),
    REGEXP_EXTRACT(uri, '^/product/([0-9]+)$')::INT64,
    NULL
  ) AS viewed_product_id /* A product view is a 'product' event on /product/<id>, and this is its <id>; NULL on every other event. */
FROM `bigquery-public-data`.thelook_ecommerce.events
WHERE
  @known_by(created_at, @as_of())