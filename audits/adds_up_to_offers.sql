AUDIT (
  name adds_up_to_offers,
  dialect bigquery
);

/* A strategy table that does not add up to the offers it summarises: its targeted users must
   count every offer once, and its expected revenue must sum to theirs. */
SELECT
  *
FROM (
  SELECT
    SUM(targeted_users) AS targeted_users,
    SUM(expected_revenue) AS expected_revenue
  FROM @this_model
) AS strategies
CROSS JOIN (
  SELECT
    COUNT(*) AS offers,
    COALESCE(SUM(expected_revenue), 0) AS expected_revenue
  FROM marts.cross_sell_opportunities
) AS offers
WHERE
  COALESCE(strategies.targeted_users, 0) <> offers.offers
  OR ABS(COALESCE(strategies.expected_revenue, 0) - offers.expected_revenue) > 1e-6 * (
    1 + offers.expected_revenue
  )