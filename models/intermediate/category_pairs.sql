/* One row per cutoff and ordered pair of categories of a department bought by the same customer. */
MODEL (
  name intermediate.category_pairs,
  kind FULL,
  clustered_by (cutoff_date, department),
  grain (cutoff_date, department, category_a, category_b),
  owner analytics,
  description 'Which categories the buyers of a category also bought, as known at each cutoff of intermediate.user_features: for every ordered pair (A, B) of distinct categories of one department that some customer had bought both of, the customers of the department, the buyers of each, of both, and the one definition of support, confidence and lift. marts.category_affinity shows the pairs at as_of; intermediate.unbought_categories reads the highest lift of each user towards a category.',
  audits (
    not_null(columns := (cutoff_date, department, category_a, category_b, lift)),
    unique_combination_of_columns(columns := (cutoff_date, department, category_a, category_b)),
    accepted_range(column := buyers_both, min_v := 1),
    accepted_range(column := support, min_v := 0, max_v := 1),
    accepted_range(column := confidence, min_v := 0, max_v := 1),
    forall(
      criteria := (
        category_a <> category_b,
        buyers_both <= LEAST(buyers_a, buyers_b),
        GREATEST(buyers_a, buyers_b) <= customers
      )
    )
  )
);

WITH bought AS (
  SELECT
    cutoff_date,
    user_id,
    department,
    category
  FROM intermediate.user_category_activity
  WHERE
    items_bought > 0
), customers AS (
  SELECT
    cutoff_date,
    department,
    COUNT(DISTINCT user_id) AS customers
  FROM bought
  GROUP BY
    cutoff_date,
    department
), buyers AS (
  SELECT
    cutoff_date,
    department,
    category,
    COUNT(*) AS buyers
  FROM bought
  GROUP BY
    cutoff_date,
    department,
    category
), pairs AS (
  SELECT
    a.cutoff_date,
    a.department,
    a.category AS category_a,
    b.category AS category_b,
    COUNT(*) AS buyers_both
  FROM bought AS a
  INNER JOIN bought AS b
    ON b.user_id = a.user_id
    AND b.cutoff_date = a.cutoff_date
    AND b.department = a.department
    AND b.category <> a.category
  GROUP BY
    a.cutoff_date,
    a.department,
    a.category,
    b.category
)
SELECT
  pairs.cutoff_date AS cutoff_date, /* The day the purchases are known at, end of day UTC. */
  pairs.department AS department, /* Men or Women: both categories belong to it. */
  pairs.category_a AS category_a, /* The category of the rule A -> B (bought in any order in time). */
  pairs.category_b AS category_b, /* The category the rule recommends. */
  customers.customers AS customers, /* Customers of the department: users with an item of it bought. */
  buyers_a.buyers AS buyers_a, /* Customers who bought category A. */
  buyers_b.buyers AS buyers_b, /* Customers who bought category B. */
  pairs.buyers_both AS buyers_both, /* Customers who bought both. */
  pairs.buyers_both / customers.customers AS support, /* buyers_both / customers. */
  pairs.buyers_both / buyers_a.buyers AS confidence, /* buyers_both / buyers_a: the chance a buyer of A also bought B. */
  pairs.buyers_both * customers.customers / (
    buyers_a.buyers * buyers_b.buyers
  ) AS lift /* confidence / (buyers_b / customers), computed as buyers_both * customers / (buyers_a * buyers_b) in one division: above 1, the buyers of A favour B. */
FROM pairs
INNER JOIN customers
  ON customers.cutoff_date = pairs.cutoff_date
  AND customers.department = pairs.department
INNER JOIN buyers AS buyers_a
  ON buyers_a.cutoff_date = pairs.cutoff_date
  AND buyers_a.department = pairs.department
  AND buyers_a.category = pairs.category_a
INNER JOIN buyers AS buyers_b
  ON buyers_b.cutoff_date = pairs.cutoff_date
  AND buyers_b.department = pairs.department
  AND buyers_b.category = pairs.category_b