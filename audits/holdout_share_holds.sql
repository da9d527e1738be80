AUDIT (
  name holdout_share_holds,
  dialect bigquery
);

/* A campaign whose holdout strays from its target share beyond the sampling noise: a
   sample-ratio test, chi-square with one degree of freedom above 10.83 (p < 0.001). A split by a
   salted hash strays that far once in a thousand campaigns; more often, the split is broken. The
   test holds where each group expects at least 5 customers; a smaller audience is not judged. */
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
) AS shares
WHERE
  shares.users * shares.holdout_share >= 5
  AND shares.users * (
    1 - shares.holdout_share
  ) >= 5
  AND POWER(shares.held_out - shares.users * shares.holdout_share, 2) / (
    shares.users * shares.holdout_share
  ) + POWER(shares.users - shares.held_out - shares.users * (
    1 - shares.holdout_share
  ), 2) / (
    shares.users * (
      1 - shares.holdout_share
    )
  ) > 10.83