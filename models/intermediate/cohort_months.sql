/* One row per acquisition cohort and month since it, from the cohort's month to as_of's. */
MODEL (
  name intermediate.cohort_months,
  kind FULL,
  grain (cohort_month, months_since_first_order),
  owner analytics,
  depends_on [intermediate.source_coverage],
  description 'Customers grouped by the month (UTC) of their first order that was not cancelled, on or before as_of, and followed month by month up to the month of as_of: how many of each cohort placed an order that was not cancelled in each month, and the net revenue of their items ordered in it, as known at as_of. A month with no order has its row, with zeros.',
  audits (
    not_null(
      columns := (cohort_month, months_since_first_order, customers, active_customers, net_revenue)
    ),
    unique_combination_of_columns(columns := (cohort_month, months_since_first_order)),
    accepted_range(column := months_since_first_order, min_v := 0),
    forall(
      criteria := (
        active_customers <= customers,
        months_since_first_order > 0 OR active_customers = customers,
        net_revenue >= 0
      )
    )
  )
);

WITH kept_orders AS (
  SELECT
    user_id,
    DATE_TRUNC(DATE(ordered_at), MONTH) AS order_month
  FROM staging.stg_orders
  WHERE
    @is_purchased(status) AND @known_by(ordered_at, @as_of())
), cohorts AS (
  SELECT
    user_id,
    MIN(order_month) AS cohort_month
  FROM kept_orders
  GROUP BY
    user_id
), cohort_sizes AS (
  SELECT
    cohort_month,
    COUNT(*) AS customers
  FROM cohorts
  GROUP BY
    cohort_month
), months AS (
  SELECT
    cohort_sizes.cohort_month,
    cohort_sizes.customers,
    month
  FROM cohort_sizes
  CROSS JOIN UNNEST(GENERATE_DATE_ARRAY(cohort_sizes.cohort_month, DATE_TRUNC(@as_of(), MONTH), INTERVAL '1' MONTH)) AS month
), active AS (
  SELECT
    cohorts.cohort_month,
    kept_orders.order_month AS month,
    COUNT(DISTINCT kept_orders.user_id) AS active_customers
  FROM kept_orders
  INNER JOIN cohorts
    ON cohorts.user_id = kept_orders.user_id
  GROUP BY
    cohorts.cohort_month,
    kept_orders.order_month
), revenue AS (
  SELECT
    cohorts.cohort_month,
    DATE_TRUNC(DATE(items.ordered_at), MONTH) AS month,
    SUM(@item_net_revenue_at(items, @as_of())) AS net_revenue
  FROM intermediate.order_items_enriched AS items
  INNER JOIN cohorts
    ON cohorts.user_id = items.user_id
  WHERE
    items.is_purchased AND @item_known_by(items, @as_of())
  GROUP BY
    cohorts.cohort_month,
    DATE_TRUNC(DATE(items.ordered_at), MONTH)
)
SELECT
  months.cohort_month AS cohort_month, /* The cohort: the month (first day, UTC) of its customers' first order that was not cancelled. */
  DATE_DIFF(months.month, months.cohort_month, MONTH) AS months_since_first_order, /* 0 for the cohort's own month. */
  months.customers AS customers, /* Customers in the cohort. */
  COALESCE(active.active_customers, 0) AS active_customers, /* Of them, those with an order not cancelled placed in the month. */
  COALESCE(revenue.net_revenue, 0) AS net_revenue /* Net revenue of the cohort's items ordered in the month, as known at as_of, US dollars. */
FROM months
LEFT JOIN active
  ON active.cohort_month = months.cohort_month AND active.month = months.month
LEFT JOIN revenue
  ON revenue.cohort_month = months.cohort_month AND revenue.month = months.month