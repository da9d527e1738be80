/* One row per user, cutoff and category the user had bought or viewed by the cutoff. */
MODEL (
  name intermediate.user_category_activity,
  kind FULL,
  clustered_by (cutoff_date, user_id),
  grain (user_id, cutoff_date, category),
  owner analytics,
  depends_on [intermediate.source_coverage],
  description 'What each user had bought and viewed of each category by each cutoff of intermediate.user_features (as_of - 60, as_of - 30 and as_of), from rows created on or before the cutoff day (UTC). An item counts as bought when its order is not cancelled.',
  audits (
    not_null(columns := (user_id, cutoff_date, category, department)),
    unique_combination_of_columns(columns := (user_id, cutoff_date, category)),
    accepted_values(column := department, is_in := ('Men', 'Women')),
    forall(
      criteria := (items_bought > 0 OR product_views > 0, product_views_last_30d <= product_views)
    )
  )
);

WITH cutoffs AS (
  SELECT
    cutoff_date
  FROM intermediate.as_of AS days
  CROSS JOIN UNNEST(days.cutoff_dates) AS cutoff_date
), bought AS (
  SELECT
    cutoffs.cutoff_date,
    items.user_id,
    products.category,
    ANY_VALUE(products.department) AS department,
    COUNT(*) AS items_bought
  FROM intermediate.order_items_enriched AS items
  INNER JOIN staging.stg_products AS products
    ON products.product_id = items.product_id
  INNER JOIN cutoffs
    ON @item_known_by(items, cutoffs.cutoff_date)
  WHERE
    items.is_purchased
  GROUP BY
    cutoffs.cutoff_date,
    items.user_id,
    products.category
), viewed AS (
  SELECT
    cutoffs.cutoff_date,
    events.user_id,
    products.category,
    ANY_VALUE(products.department) AS department,
    COUNT(*) AS product_views,
    COUNTIF(DATE_DIFF(cutoffs.cutoff_date, DATE(events.event_at), DAY) < 30) AS product_views_last_30d
  FROM staging.stg_events AS events
  INNER JOIN staging.stg_products AS products
    ON products.product_id = events.viewed_product_id
  INNER JOIN cutoffs
    ON @known_by(events.event_at, cutoffs.cutoff_date)
  WHERE
    NOT events.user_id IS NULL
  GROUP BY
    cutoffs.cutoff_date,
    events.user_id,
    products.category
)
SELECT
  COALESCE(bought.user_id, viewed.user_id) AS user_id, /* The user. */
  COALESCE(bought.cutoff_date, viewed.cutoff_date) AS cutoff_date, /* The day it is known at, end of day UTC. */
  COALESCE(bought.category, viewed.category) AS category, /* The category. */
  COALESCE(bought.department, viewed.department) AS department, /* Its department, Men or Women. */
  COALESCE(bought.items_bought, 0) AS items_bought, /* Items of the category in orders not cancelled, by the cutoff. */
  COALESCE(viewed.product_views, 0) AS product_views, /* Product views of the category by the cutoff. */
  COALESCE(viewed.product_views_last_30d, 0) AS product_views_last_30d /* Of them, in the 30 days up to the cutoff. */
FROM bought
FULL OUTER JOIN viewed
  ON viewed.user_id = bought.user_id
  AND viewed.cutoff_date = bought.cutoff_date
  AND viewed.category = bought.category