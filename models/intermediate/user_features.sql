/* One row per user and cutoff: what was known about the user at the end of the cutoff day. */
MODEL (
  name intermediate.user_features,
  kind FULL,
  clustered_by (cutoff_date, user_id),
  grain (user_id, cutoff_date),
  owner analytics,
  depends_on [intermediate.source_coverage],
  description 'Point-in-time features of every user who had signed up by each cutoff (as_of - 360, as_of - 180, as_of - 60, as_of - 30 and as_of days: the cutoffs of the value model and of the propensity model), computed only from rows created on or before the cutoff day (UTC); a return counts only once its date has passed. The labels, from the purchases of the days after the cutoff as known at as_of (a purchased item, known by as_of, of an order placed in them): whether the user made one in the 30 days after the cutoff, and the orders and net revenue of the 180 days after it, each NULL where those days run past as_of.',
  audits (
    not_null(columns := (user_id, cutoff_date, tenure_days, orders_so_far, sessions_so_far)),
    unique_combination_of_columns(columns := (user_id, cutoff_date)),
    accepted_range(column := tenure_days, min_v := 0),
    accepted_range(column := days_since_last_order, min_v := 0),
    accepted_range(column := days_since_last_event, min_v := 0),
    forall(
      criteria := (
        items_returned_so_far <= items_so_far,
        orders_last_90d <= orders_so_far,
        sessions_last_7d <= sessions_last_30d,
        sessions_last_30d <= sessions_last_90d,
        sessions_last_90d <= sessions_so_far,
        (
          purchased_next_30d IS NULL
        ) = (
          cutoff_date > @last_labelled_cutoff()
        ),
        (
          net_revenue_next_180d IS NULL
        ) = (
          cutoff_date > @last_value_labelled_cutoff()
        ),
        net_revenue_so_far <= spend_so_far
      )
    )
  )
);

WITH cutoffs AS (
  SELECT
    cutoff_date
  FROM intermediate.as_of AS days
  CROSS JOIN UNNEST(days.feature_cutoff_dates) AS cutoff_date
), known_users AS (
  SELECT
    cutoffs.cutoff_date,
    users.user_id,
    users.signed_up_at,
    users.age,
    users.gender,
    users.country,
    users.traffic_source
  FROM staging.stg_users AS users
  INNER JOIN cutoffs
    ON @known_by(users.signed_up_at, cutoffs.cutoff_date)
), known_orders AS (
  SELECT
    cutoffs.cutoff_date,
    orders.user_id,
    COUNT(*) AS orders_so_far,
    COUNTIF(DATE_DIFF(cutoffs.cutoff_date, DATE(orders.ordered_at), DAY) < 90) AS orders_last_90d,
    MAX(orders.ordered_at) AS last_ordered_at,
    MIN(orders.ordered_at) AS first_ordered_at
  FROM staging.stg_orders AS orders
  INNER JOIN cutoffs
    ON @known_by(orders.ordered_at, cutoffs.cutoff_date)
  GROUP BY
    cutoffs.cutoff_date,
    orders.user_id
), known_items AS (
  SELECT
    cutoffs.cutoff_date,
    items.user_id,
    COUNT(*) AS items_so_far,
    SUM(items.sale_price) AS spend_so_far,
    SUM(IF(items.is_purchased, @item_net_revenue_at(items, cutoffs.cutoff_date), 0)) AS net_revenue_so_far,
    COUNTIF(@known_by(items.returned_at, cutoffs.cutoff_date)) AS items_returned_so_far,
    COUNT(DISTINCT products.category) AS categories_bought_so_far
  FROM intermediate.order_items_enriched AS items
  INNER JOIN staging.stg_products AS products
    ON products.product_id = items.product_id
  INNER JOIN cutoffs
    ON @item_known_by(items, cutoffs.cutoff_date)
  GROUP BY
    cutoffs.cutoff_date,
    items.user_id
), known_events AS (
  SELECT
    cutoffs.cutoff_date,
    events.user_id,
    COUNT(DISTINCT events.session_id) AS sessions_so_far,
    COUNT(
      DISTINCT IF(
        DATE_DIFF(cutoffs.cutoff_date, DATE(events.event_at), DAY) < 7,
        events.session_id,
        NULL
      )
    ) AS sessions_last_7d,
    COUNT(
      DISTINCT IF(
        DATE_DIFF(cutoffs.cutoff_date, DATE(events.event_at), DAY) < 30,
        events.session_id,
        NULL
      )
    ) AS sessions_last_30d,
    COUNT(
      DISTINCT IF(
        DATE_DIFF(cutoffs.cutoff_date, DATE(events.event_at), DAY) < 90,
        events.session_id,
        NULL
      )
    ) AS sessions_last_90d,
    COUNTIF(
      NOT events.viewed_product_id IS NULL
      AND DATE_DIFF(cutoffs.cutoff_date, DATE(events.event_at), DAY) < 30
    ) AS product_views_last_30d,
    COUNTIF(
      events.event_type = 'cart'
      AND DATE_DIFF(cutoffs.cutoff_date, DATE(events.event_at), DAY) < 30
    ) AS cart_events_last_30d,
    COUNT(
      DISTINCT IF(
        DATE_DIFF(cutoffs.cutoff_date, DATE(events.event_at), DAY) < 30,
        products.category,
        NULL
      )
    ) AS categories_viewed_last_30d,
    MAX(events.event_at) AS last_event_at
  FROM staging.stg_events AS events
  LEFT JOIN staging.stg_products AS products
    ON products.product_id = events.viewed_product_id
  INNER JOIN cutoffs
    ON @known_by(events.event_at, cutoffs.cutoff_date)
  WHERE
    NOT events.user_id IS NULL
  GROUP BY
    cutoffs.cutoff_date,
    events.user_id
), next_purchases AS (
  SELECT DISTINCT
    cutoffs.cutoff_date,
    items.user_id
  FROM intermediate.order_items_enriched AS items
  INNER JOIN cutoffs
    ON @purchased_after(items, cutoffs.cutoff_date, @horizon_days())
), next_half_year AS (
  SELECT
    cutoffs.cutoff_date,
    items.user_id,
    COUNT(DISTINCT items.order_id) AS orders,
    SUM(@item_net_revenue_at(items, @as_of())) AS net_revenue
  FROM intermediate.order_items_enriched AS items
  INNER JOIN cutoffs
    ON @purchased_after(items, cutoffs.cutoff_date, @value_horizon_days())
  GROUP BY
    cutoffs.cutoff_date,
    items.user_id
)
SELECT
  users.user_id AS user_id, /* The user. */
  users.cutoff_date AS cutoff_date, /* The day the features are known at, end of day UTC. */
  DATE_DIFF(users.cutoff_date, DATE(users.signed_up_at), DAY) AS tenure_days, /* Days since sign-up. */
  users.age AS age, /* Personal data: age at sign-up. */
  users.gender AS gender, /* Personal data: gender, M or F. */
  users.country AS country, /* Personal data: country. */
  users.traffic_source AS traffic_source, /* Channel the user signed up through. */
  COALESCE(orders.orders_so_far, 0) AS orders_so_far, /* Orders placed, any status. */
  COALESCE(orders.orders_last_90d, 0) AS orders_last_90d, /* Orders placed in the 90 days up to the cutoff. */
  DATE_DIFF(users.cutoff_date, DATE(orders.last_ordered_at), DAY) AS days_since_last_order, /* NULL if no order yet. */
  DATE_DIFF(users.cutoff_date, DATE(orders.first_ordered_at), DAY) AS days_since_first_order, /* NULL if no order yet. */
  COALESCE(items.items_so_far, 0) AS items_so_far, /* Items put in an order by the cutoff. */
  COALESCE(items.spend_so_far, 0) AS spend_so_far, /* Their sale price, US dollars. */
  COALESCE(items.net_revenue_so_far, 0) AS net_revenue_so_far, /* Net revenue of the purchased ones, as known at the cutoff (a return counts once it happened), US dollars. */
  COALESCE(items.items_returned_so_far, 0) AS items_returned_so_far, /* Items returned by the cutoff. */
  COALESCE(items.categories_bought_so_far, 0) AS categories_bought_so_far, /* Distinct categories ordered. */
  COALESCE(events.sessions_so_far, 0) AS sessions_so_far, /* Web sessions with an event by the cutoff. */
  COALESCE(events.sessions_last_7d, 0) AS sessions_last_7d, /* Sessions in the 7 days up to the cutoff. */
  COALESCE(events.sessions_last_30d, 0) AS sessions_last_30d, /* Sessions in the 30 days up to the cutoff. */
  COALESCE(events.sessions_last_90d, 0) AS sessions_last_90d, /* Sessions in the 90 days up to the cutoff. */
  COALESCE(events.product_views_last_30d, 0) AS product_views_last_30d, /* Product views in the last 30 days. */
  COALESCE(events.cart_events_last_30d, 0) AS cart_events_last_30d, /* Cart events in the last 30 days. */
  COALESCE(events.categories_viewed_last_30d, 0) AS categories_viewed_last_30d, /* Distinct categories viewed in the last 30 days. */
  DATE_DIFF(users.cutoff_date, DATE(events.last_event_at), DAY) AS days_since_last_event, /* NULL if no event yet. */
  @outcome_next_30d(users.cutoff_date, NOT next_purchases.user_id IS NULL) AS purchased_next_30d, /* A purchased item, known by as_of, of an order placed in the 30 days after the cutoff; NULL where they pass as_of. */
  @outcome_next_180d(users.cutoff_date, COALESCE(next_half_year.orders, 0)) AS orders_next_180d, /* Orders of purchased items, known by as_of, placed in the 180 days after the cutoff; NULL where they pass as_of. */
  @outcome_next_180d(users.cutoff_date, COALESCE(next_half_year.net_revenue, 0)) AS net_revenue_next_180d /* Net revenue of their items, as known at as_of, US dollars; NULL where the 180 days pass as_of. */
FROM known_users AS users
LEFT JOIN known_orders AS orders
  ON orders.user_id = users.user_id AND orders.cutoff_date = users.cutoff_date
LEFT JOIN known_items AS items
  ON items.user_id = users.user_id AND items.cutoff_date = users.cutoff_date
LEFT JOIN known_events AS events
  ON events.user_id = users.user_id AND events.cutoff_date = users.cutoff_date
LEFT JOIN next_purchases
  ON next_purchases.user_id = users.user_id
  AND next_purchases.cutoff_date = users.cutoff_date
LEFT JOIN next_half_year
  ON next_half_year.user_id = users.user_id
  AND next_half_year.cutoff_date = users.cutoff_date