AUDIT (
  name covers_parent,
  dialect bigquery
);

/* Rows of the parent with no row here: a mart that promises one row per parent row lost one. */
SELECT
  parent.*
FROM @parent AS parent
WHERE
  NOT EXISTS(
    SELECT
      1
    FROM @this_model AS child
    WHERE
      child.@column = parent.@parent_column
  )