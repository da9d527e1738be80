/* One row per user and day (as_of, and the day segment migration compares it with): what segments are computed from, as known at the end of that day. */
MODEL (
  name intermediate.user_activity_at,
  kind FULL,
  clustered_by (known_at, user_id),
  grain (user_id, known_at),
  owner analytics,
  depends_on [intermediate.source_coverage],
  description 'Every user signed up by the end of as_of, and of month_before (as_of - MIGRATION_DAYS), with the orders, net revenue, recency and web sessions customer segments are computed from, each as known at the end of that day (@user_activity_at, macros/user_activity.py). At as_of the rows equal customer_metrics; at month_before they are the segments of a month ago.',
  audits (
    not_null(columns := (known_at, user_id, is_buyer, net_revenue, engagement_sessions)),
    unique_combination_of_columns(columns := (user_id, known_at)),
    accepted_range(column := net_revenue, min_v := 0),
    accepted_range(column := days_since_last_order, min_v := 0),
    forall(
      criteria := (
        is_buyer = (
          purchased_orders > 0
        ),
        (
          NOT last_order_at IS NULL
        ) = is_buyer
      )
    )
  )
);

WITH days AS (
  SELECT
    as_of AS known_at
  FROM intermediate.as_of
  UNION ALL
  SELECT
    month_before AS known_at
  FROM intermediate.as_of
)
SELECT
  activity.known_at::DATE AS known_at, /* The day the row is known at, end of day UTC: as_of or month_before. */
  activity.user_id::INT64 AS user_id, /* The user, signed up by then. */
  activity.is_buyer::BOOL AS is_buyer, /* At least one purchased order by then. */
  activity.purchased_orders::INT64 AS purchased_orders, /* Orders placed by then and not cancelled. */
  activity.net_revenue::FLOAT64 AS net_revenue, /* Net revenue of the items bought by then, less those returned by then, US dollars. */
  activity.first_order_at::TIMESTAMP AS first_order_at, /* First purchased order; NULL if none. */
  activity.last_order_at::TIMESTAMP AS last_order_at, /* Latest purchased order; NULL if none. */
  activity.days_since_last_order::INT64 AS days_since_last_order, /* Days from the date of last_order_at to known_at; NULL if none. */
  activity.has_events::BOOL AS has_events, /* A web event by then. */
  activity.engagement_sessions::INT64 AS engagement_sessions /* Distinct sessions with an event in the ENGAGEMENT_WINDOW_DAYS days up to known_at. */
FROM @user_activity_at(days) AS activity