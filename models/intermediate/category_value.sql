/* One row per cutoff and category: what a purchased item of it earned, as known at the cutoff. */
MODEL (
  name intermediate.category_value,
  kind FULL,
  grain (cutoff_date, department, category),
  owner analytics,
  depends_on [intermediate.source_coverage],
  description 'The mean net revenue and net profit of a purchased item of each category of a department, over the items ordered and created by each cutoff of intermediate.user_features, a return counting once it had happened. The cross-sell marts value an offer with it: at as_of for the offers made, at as_of - 30 for the offers judged.',
  audits (
    not_null(columns := (cutoff_date, department, category, net_revenue_per_item)),
    unique_combination_of_columns(columns := (cutoff_date, department, category)),
    accepted_range(column := net_revenue_per_item, min_v := 0),
    forall(criteria := (
      net_profit_per_item <= net_revenue_per_item
    ))
  )
);

WITH cutoffs AS (
  SELECT
    cutoff_date
  FROM intermediate.as_of AS days
  CROSS JOIN UNNEST(days.cutoff_dates) AS cutoff_date
)
SELECT
  cutoffs.cutoff_date AS cutoff_date, /* The day it is known at, end of day UTC. */
  products.department AS department, /* Men or Women. */
  products.category AS category, /* The category. */
  AVG(@item_net_revenue_at(items, cutoffs.cutoff_date)) AS net_revenue_per_item, /* Mean net revenue of a purchased item: its sale price, 0 if returned by the cutoff; US dollars. */
  AVG(@item_net_profit_at(items, cutoffs.cutoff_date)) AS net_profit_per_item /* Mean net profit: sale price less product cost, 0 if returned by the cutoff; US dollars. */
FROM intermediate.order_items_enriched AS items
INNER JOIN staging.stg_products AS products
  ON products.product_id = items.product_id
INNER JOIN cutoffs
  ON @item_known_by(items, cutoffs.cutoff_date)
WHERE
  items.is_purchased
GROUP BY
  cutoffs.cutoff_date,
  products.department,
  products.category