AUDIT (
  name groups_balanced,
  dialect bigquery,
  blocking FALSE
);

/* A warning, not a stop: a campaign whose treated and held-out customers differed at the start in past net revenue,
   orders or tenure: the standardised difference of a measure, (treated mean - held-out mean) /
   sqrt((treated variance + held-out variance) / 2), beyond 0.1 and beyond what chance gives
   groups of their sizes (3.29 standard errors, sqrt(1 / treated + 1 / held out): p < 0.001). */
WITH measures AS (
  SELECT
    campaign,
    assigned_group,
    'pre_start_net_revenue' AS measure,
    pre_start_net_revenue AS value
  FROM @this_model
  UNION ALL
  SELECT
    campaign,
    assigned_group,
    'pre_start_orders' AS measure,
    pre_start_orders::FLOAT64 AS value
  FROM @this_model
  UNION ALL
  SELECT
    campaign,
    assigned_group,
    'tenure_days' AS measure,
    tenure_days::FLOAT64 AS value
  FROM @this_model
), balance AS (
  SELECT
    campaign,
    measure,
    SAFE_DIVIDE(
      AVG(IF(assigned_group = 'treatment', value, NULL)) - AVG(IF(assigned_group = 'holdout', value, NULL)),
      SQRT(
        (
          VAR_SAMP(IF(assigned_group = 'treatment', value, NULL)) + VAR_SAMP(IF(assigned_group = 'holdout', value, NULL))
        ) / 2
      )
    ) AS standardized_difference,
    SQRT(
      1 / COUNTIF(assigned_group = 'treatment') + 1 / COUNTIF(assigned_group = 'holdout')
    ) AS standard_error
  FROM measures
  GROUP BY
    campaign,
    measure
  HAVING
    COUNTIF(assigned_group = 'treatment') > 1
    AND COUNTIF(assigned_group = 'holdout') > 1
)
SELECT
  campaign,
  measure,
  standardized_difference,
  standard_error
FROM balance
WHERE
  ABS(standardized_difference) > GREATEST(0.1, 3.29 * standard_error)