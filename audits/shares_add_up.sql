AUDIT (
  name shares_add_up,
  dialect bigquery
);

/* A summary whose groups do not add up to the whole: their users must count every row of
   @population once, and the shares of users and of revenue must each sum to 1 (the revenue
   share is NULL throughout when there is no revenue at all). */
SELECT
  *
FROM (
  SELECT
    SUM(users) AS users,
    SUM(user_share) AS user_share,
    SUM(revenue_share) AS revenue_share,
    COUNT(revenue_share) AS groups_with_revenue_share
  FROM @this_model
) AS totals
WHERE
  totals.users <> (
    SELECT
      COUNT(*)
    FROM @population
  )
  OR ABS(totals.user_share - 1) > 1e-9
  OR (
    totals.groups_with_revenue_share > 0 AND ABS(totals.revenue_share - 1) > 1e-9
  )