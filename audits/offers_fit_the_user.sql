AUDIT (
  name offers_fit_the_user,
  dialect bigquery
);

/* Offers a cross-sell must not make: a category the user had bought by the offer's as_of, or
   one outside the department of the user's gender. */
SELECT
  offers.*
FROM @this_model AS offers
INNER JOIN staging.stg_users AS users
  ON users.user_id = offers.user_id
LEFT JOIN intermediate.user_category_activity AS activity
  ON activity.user_id = offers.user_id
  AND activity.cutoff_date = offers.as_of
  AND activity.category = offers.category
  AND activity.department = offers.department
WHERE
  activity.items_bought > 0 OR offers.department <> @department_of(users.gender)