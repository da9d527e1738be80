AUDIT (
  name foreign_key,
  dialect bigquery
);

/* Rows whose key names no row of the parent: a reference to something that does not exist.
   The parent must be a model this one depends on, or a source table. */
SELECT
  *
FROM @this_model AS child
WHERE
  NOT child.@column IS NULL
  AND NOT EXISTS(
    SELECT
      1
    FROM @parent AS parent
    WHERE
      parent.@parent_column = child.@column
  )