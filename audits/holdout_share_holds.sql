AUDIT (
  name holdout_share_holds,
  dialect bigquery
);

/* A campaign whose holdout strays from its target share beyond the sampling noise: a
   sample-ratio test, chi-square with one degree of freedom above 10.83 (p < 0.001). A split by a
   salted hash strays that far once in a thousand campaigns; more often, the split is broken. */
SELECT
  *
FROM (
  SELECT
    campaign,
    COUNT(*) AS users,
    COUNTIF(assigned_group = 'holdout') AS held_out,
    MAX(holdout_share) AS holdout_share
  FROM @this_model
  GROUP BY
    campaign
) AS `groups`
WHERE
  POWER(`groups`.held_out - `groups`.users * `groups`.holdout_share, 2) / (
    `groups`.users * `groups`.holdout_share
  ) + POWER(
    `groups`.users - `groups`.held_out - `groups`.users * (
      1 - `groups`.holdout_share
    ),
    2
  ) / (
    `groups`.users * (
      1 - `groups`.holdout_share
    )
  ) > 10.83