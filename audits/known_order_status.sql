AUDIT (
  name known_order_status,
  dialect bigquery
);

/* Rows whose order status is missing or outside theLook's vocabulary; every revenue and
   purchase definition downstream is a test on these five values. */
SELECT
  *
FROM @this_model
WHERE
  @column IS NULL
  OR NOT @column IN ('Complete', 'Shipped', 'Processing', 'Returned', 'Cancelled')