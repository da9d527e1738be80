/* One row per build: the days the source's orders and events cover, beside as_of. Every model
   measured to as_of depends on it, so its audit stops a plan on a source that does not cover
   as_of before anything measured to as_of is built. */
MODEL (
  name intermediate.source_coverage,
  kind FULL,
  grain as_of,
  owner analytics,
  description 'The first and last day of the orders of the source and the last day of its events, beside as_of and the earliest last day the source may have (as_of less THELOOK_SOURCE_LAG_DAYS). Rebuilt for every as_of; its blocking audit source_covers_as_of stops the plan, in one line naming the days and the fixes, when the source ends too early or starts after as_of.',
  audits (not_null(columns := (as_of, fresh_since)), source_covers_as_of())
);

SELECT
  days.as_of AS as_of, /* The day the build measures to. */
  days.fresh_since AS fresh_since, /* as_of less the allowed lag: the source's last order and event must fall on or after it. */
  orders.first_order_date AS first_order_date, /* The day of the source's first order (UTC); NULL when it has none. */
  orders.last_order_date AS last_order_date, /* The day of its last order. */
  events.last_event_date AS last_event_date /* The day of its last event. */
FROM intermediate.as_of AS days
CROSS JOIN (
  SELECT
    MIN(DATE(ordered_at)) AS first_order_date,
    MAX(DATE(ordered_at)) AS last_order_date
  FROM staging.stg_orders
) AS orders
CROSS JOIN (
  SELECT
    MAX(DATE(event_at)) AS last_event_date
  FROM staging.stg_events
) AS events