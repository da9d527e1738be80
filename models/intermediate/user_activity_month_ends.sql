/* One row per month end and user: what segments are computed from, as known at the end of the month. */
MODEL (
  name intermediate.user_activity_month_ends,
  kind INCREMENTAL_BY_TIME_RANGE (
    time_column month_end
  ),
  cron '@monthly',
  start '2024-01-01',
  partitioned_by month_end,
  clustered_by user_id,
  grain (user_id, month_end),
  owner analytics,
  depends_on [intermediate.source_coverage],
  description 'Every user signed up by the end of each month of the interval being built, with the orders, net revenue, recency and web sessions customer segments are computed from, as known at the end of that month (@user_activity_at, macros/user_activity.py: the rows intermediate.user_activity_at holds for as_of, at another day). A month whose end is after as_of is not closed and has no rows. Each month is computed once, when it closes; the source as known at a month end does not change when the source is regenerated later, so a restated month gives the same rows.',
  audits (
    not_null(columns := (month_end, user_id, is_buyer, net_revenue, engagement_sessions)),
    unique_combination_of_columns(columns := (user_id, month_end)),
    accepted_range(column := net_revenue, min_v := 0),
    accepted_range(column := days_since_last_order, min_v := 0),
    forall(
      criteria := (
        is_buyer = (
          purchased_orders > 0
        ),
        month_end <= (
          SELECT
            days.as_of
          FROM intermediate.as_of AS days
        )
      )
    )
  )
);

WITH days AS (
  SELECT
    month_end AS known_at
  FROM UNNEST(@month_ends(@start_ds, @end_ds)) AS month_end
  WHERE
    month_end <= @as_of()
)
SELECT
  activity.known_at::DATE AS month_end, /* The last day of the month, end of day UTC: what the row is known at. */
  activity.user_id::INT64 AS user_id, /* The user, signed up by then. */
  activity.is_buyer::BOOL AS is_buyer, /* At least one purchased order by then. */
  activity.purchased_orders::INT64 AS purchased_orders, /* Orders placed by then and not cancelled. */
  activity.net_revenue::FLOAT64 AS net_revenue, /* Net revenue of the items bought by then, less those returned by then, US dollars. */
  activity.first_order_at::TIMESTAMP AS first_order_at, /* First purchased order; NULL if none. */
  activity.last_order_at::TIMESTAMP AS last_order_at, /* Latest purchased order; NULL if none. */
  activity.days_since_last_order::INT64 AS days_since_last_order, /* Days from the date of last_order_at to month_end; NULL if none. */
  activity.has_events::BOOL AS has_events, /* A web event by then. */
  activity.engagement_sessions::INT64 AS engagement_sessions /* Distinct sessions with an event in the ENGAGEMENT_WINDOW_DAYS days up to month_end. */
FROM @user_activity_at(days) AS activity