/* One row per user, cutoff and category of the user's department not bought by the cutoff. */
MODEL (
  name intermediate.unbought_categories,
  kind FULL,
  clustered_by (cutoff_date, user_id),
  grain (user_id, cutoff_date, category),
  owner analytics,
  depends_on [intermediate.source_coverage],
  description 'The categories a cross-sell could offer each user at each cutoff of intermediate.user_features (at the two earlier cutoffs, which only train and judge models, every user up to 250,000 users and a fixed hash sample of about that many beyond): every category of the department matching the gender of the user that the user had not bought by the cutoff, with what was known then about the user and the category (views, popularity, affinity with what the user bought). For cutoffs whose next 30 days end by as_of, what happened next: whether the user bought the category, and anything at all, in those 30 days.',
  audits (
    not_null(columns := (user_id, cutoff_date, category, department, category_share)),
    unique_combination_of_columns(columns := (user_id, cutoff_date, category)),
    accepted_range(column := category_share, min_v := 0, max_v := 1),
    forall(
      criteria := (
        product_views_last_30d <= product_views,
        (
          bought_next_30d IS NULL
        ) = (
          cutoff_date > @last_labelled_cutoff()
        ),
        NOT bought_next_30d OR bought_anything_next_30d
      )
    )
  )
);

WITH cutoffs AS (
  SELECT
    cutoff_date
  FROM intermediate.as_of AS days
  CROSS JOIN UNNEST(days.cutoff_dates) AS cutoff_date
), categories AS (
  SELECT DISTINCT
    department,
    category
  FROM staging.stg_products
), known_users AS (
  /* The users signed up by each cutoff, and whether they bought anything in the 30 days after. */
  SELECT
    features.cutoff_date,
    features.user_id,
    @department_of(features.gender) AS department,
    features.purchased_next_30d
  FROM intermediate.user_features AS features
  INNER JOIN cutoffs
    ON cutoffs.cutoff_date = features.cutoff_date
  WHERE
    features.cutoff_date = @as_of() OR @in_backtest(features.user_id)
), activity AS (
  /* The rows of the users listed at each cutoff: the others would only be dropped by the join. */
  SELECT
    cutoff_date,
    user_id,
    department,
    category,
    items_bought,
    product_views,
    product_views_last_30d
  FROM intermediate.user_category_activity
  WHERE
    cutoff_date = @as_of() OR @in_backtest(user_id)
), bought AS (
  SELECT
    cutoff_date,
    user_id,
    department,
    category,
    items_bought
  FROM activity
  WHERE
    items_bought > 0
), popularity AS (
  /* Each category's share of its department's items bought by each cutoff, by every user. */
  SELECT
    categories.department,
    categories.category,
    cutoffs.cutoff_date,
    SAFE_DIVIDE(
      COALESCE(sold.items_bought, 0),
      SUM(sold.items_bought) OVER (PARTITION BY categories.department, cutoffs.cutoff_date)
    ) AS category_share
  FROM categories
  CROSS JOIN cutoffs
  LEFT JOIN (
    SELECT
      cutoff_date,
      department,
      category,
      SUM(items_bought) AS items_bought
    FROM intermediate.user_category_activity
    WHERE
      items_bought > 0
    GROUP BY
      cutoff_date,
      department,
      category
  ) AS sold
    ON sold.department = categories.department
    AND sold.category = categories.category
    AND sold.cutoff_date = cutoffs.cutoff_date
), user_affinity AS (
  SELECT
    bought.cutoff_date,
    bought.user_id,
    pairs.category_b AS category,
    MAX(pairs.lift) AS max_affinity_lift
  FROM bought
  INNER JOIN intermediate.category_pairs AS pairs
    ON pairs.cutoff_date = bought.cutoff_date
    AND pairs.department = bought.department
    AND pairs.category_a = bought.category
  GROUP BY
    bought.cutoff_date,
    bought.user_id,
    pairs.category_b
), user_history AS (
  SELECT
    cutoff_date,
    user_id,
    SUM(items_bought) AS items_bought,
    COUNT(*) AS categories_bought
  FROM bought
  GROUP BY
    cutoff_date,
    user_id
), next_purchases AS (
  SELECT
    cutoffs.cutoff_date,
    items.user_id,
    products.category,
    SUM(@item_net_revenue_at(items, @as_of())) AS revenue
  FROM intermediate.order_items_enriched AS items
  INNER JOIN staging.stg_products AS products
    ON products.product_id = items.product_id
  INNER JOIN cutoffs
    ON @purchased_after(items, cutoffs.cutoff_date, @horizon_days())
  WHERE
    cutoffs.cutoff_date <= @last_labelled_cutoff()
    AND @in_backtest(items.user_id) /* the labelled cutoffs list the backtest's users only */
  GROUP BY
    cutoffs.cutoff_date,
    items.user_id,
    products.category
)
SELECT
  users.user_id AS user_id, /* The user. */
  users.cutoff_date AS cutoff_date, /* The day it is known at, end of day UTC. */
  categories.category AS category, /* A category the user had not bought. */
  users.department AS department, /* The user's department: Men for M, Women for F. */
  COALESCE(activity.product_views, 0) AS product_views, /* The user's product views of the category by the cutoff. */
  COALESCE(activity.product_views_last_30d, 0) AS product_views_last_30d, /* Of them, in the last 30 days. */
  COALESCE(popularity.category_share, 0) AS category_share, /* The category's share of the department's items bought by the cutoff. */
  affinity.max_affinity_lift AS max_affinity_lift, /* Highest lift towards it from a category the user bought; NULL if the user bought nothing. */
  COALESCE(history.items_bought, 0) AS items_bought, /* Items the user had bought by the cutoff. */
  COALESCE(history.categories_bought, 0) AS categories_bought, /* Categories the user had bought by the cutoff. */
  @outcome_next_30d(users.cutoff_date, NOT next_purchases.user_id IS NULL) AS bought_next_30d, /* Bought an item of it, its order not cancelled, in the 30 days after the cutoff; NULL where they pass as_of. */
  users.purchased_next_30d AS bought_anything_next_30d, /* Bought anything in those 30 days: intermediate.user_features.purchased_next_30d. */
  @outcome_next_30d(users.cutoff_date, COALESCE(next_purchases.revenue, 0)) AS revenue_next_30d /* Net revenue of the items of it bought in those 30 days: sale price less items returned by as_of, US dollars. */
FROM known_users AS users
INNER JOIN categories
  ON categories.department = users.department
/* What the user had bought and viewed of the category: one join answers both. */
LEFT JOIN activity
  ON activity.user_id = users.user_id
  AND activity.cutoff_date = users.cutoff_date
  AND activity.category = categories.category
LEFT JOIN popularity
  ON popularity.department = users.department
  AND popularity.category = categories.category
  AND popularity.cutoff_date = users.cutoff_date
LEFT JOIN user_affinity AS affinity
  ON affinity.user_id = users.user_id
  AND affinity.cutoff_date = users.cutoff_date
  AND affinity.category = categories.category
LEFT JOIN user_history AS history
  ON history.user_id = users.user_id AND history.cutoff_date = users.cutoff_date
LEFT JOIN next_purchases
  ON next_purchases.user_id = users.user_id
  AND next_purchases.cutoff_date = users.cutoff_date
  AND next_purchases.category = categories.category
WHERE
  COALESCE(activity.items_bought, 0) = 0