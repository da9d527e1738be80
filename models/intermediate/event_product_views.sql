/* One row per session and product it viewed. */
MODEL (
  name intermediate.event_product_views,
  kind FULL,
  partitioned_by TIMESTAMP_TRUNC(first_viewed_at, MONTH),
  clustered_by (product_id, user_id),
  grain (session_id, product_id),
  owner analytics,
  depends_on [intermediate.source_coverage],
  description 'Product views gathered per web session and product, anonymous sessions included. A session belongs to one user or to none, so summing rows per product or per user and product counts views, and counting rows counts viewing sessions.',
  audits (
    not_null(columns := (session_id, product_id, first_viewed_at, last_viewed_at)),
    unique_combination_of_columns(columns := (session_id, product_id)),
    accepted_range(column := view_count, min_v := 1),
    forall(criteria := (
      first_viewed_at <= last_viewed_at
    ))
  )
);

SELECT
  session_id AS session_id, /* The web session. */
  viewed_product_id AS product_id, /* The product viewed. */
  ANY_VALUE(user_id) AS user_id, /* The session's user; NULL for anonymous sessions. */
  COUNT(*) AS view_count, /* Product views of it in the session. */
  MIN(event_at) AS first_viewed_at, /* First view in the session. */
  MAX(event_at) AS last_viewed_at /* Latest view in the session. */
FROM staging.stg_events
WHERE
  NOT viewed_product_id IS NULL
GROUP BY
  session_id,
  viewed_product_id