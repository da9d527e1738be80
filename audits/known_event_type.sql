AUDIT (
  name known_event_type,
  dialect bigquery
);

/* Rows whose event type is missing or outside theLook's vocabulary; product views and
   sessions are read from these values. */
SELECT
  *
FROM @this_model
WHERE
  @column IS NULL
  OR NOT @column IN ('home', 'department', 'product', 'cart', 'purchase', 'cancel')