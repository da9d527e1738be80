/* One row per registered user with at least one event. */
MODEL (
  name intermediate.user_events,
  kind FULL,
  clustered_by user_id,
  grain user_id,
  owner analytics,
  depends_on [intermediate.source_coverage],
  description 'Web activity per registered user: events, sessions, first and last seen, products viewed, and the sessions of the engagement window that customer segments read. Anonymous events are left out.',
  audits (
    not_null(columns := (user_id, first_event_at, last_event_at)),
    unique_values(columns := (
      user_id
    )),
    accepted_range(column := total_sessions, min_v := 1),
    forall(
      criteria := (
        total_sessions <= total_events,
        engagement_sessions <= total_sessions,
        first_event_at <= last_event_at,
        products_viewed <= total_events
      )
    )
  )
);

SELECT
  user_id AS user_id, /* The user. */
  COUNT(*) AS total_events, /* Events with this user_id. */
  COUNT(DISTINCT session_id) AS total_sessions, /* Distinct sessions among them. */
  MIN(event_at) AS first_event_at, /* First event. */
  MAX(event_at) AS last_event_at, /* Latest event. */
  COUNT(DISTINCT viewed_product_id) AS products_viewed, /* Distinct products over the user's product views. */
  COUNT(DISTINCT IF(DATE(event_at) >= @engagement_window_start(), session_id, NULL)) AS engagement_sessions /* Distinct sessions with an event on or after as_of minus the engagement window (ENGAGEMENT_WINDOW_DAYS in thelook/business/segment_grid.py; UTC dates). */
FROM staging.stg_events
WHERE
  NOT user_id IS NULL
GROUP BY
  user_id