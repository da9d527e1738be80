AUDIT (
  name source_covers_as_of,
  dialect bigquery
);

/* Stops the plan, with one line saying what to do, when the source does not cover as_of: its
   last `what` (an order, an event) falls before as_of less the allowed lag, or its first one
   after as_of. Models measured to such an as_of would train on windows with no outcomes.
   ERROR is in the filter, not the projection, so the engine cannot prune it away. */
SELECT
  first_day,
  last_day
FROM (
  SELECT
    MIN(DATE(@column)) AS first_day,
    MAX(DATE(@column)) AS last_day
  FROM @this_model
) AS span
WHERE
  CASE
    WHEN last_day IS NULL
    THEN ERROR(
      CONCAT(
        'the source holds no ',
        @what,
        ': regenerate it (thelook generate) or point THELOOK_SOURCE at one'
      )
    )
    WHEN last_day < @source_fresh_since()
    THEN ERROR(
      CONCAT(
        'the source is stale: its last ',
        @what,
        ' is on ',
        last_day::STRING,
        ' but as_of is ',
        @as_of()::STRING,
        '. Pin THELOOK_AS_OF=',
        last_day::STRING,
        ' (or earlier), or regenerate the source (thelook generate --out <file>) or refresh it'
      )
    )
    WHEN first_day > @as_of()
    THEN ERROR(
      CONCAT(
        'as_of ',
        @as_of()::STRING,
        ' is before the first ',
        @what,
        ' on ',
        first_day::STRING,
        ': pin THELOOK_AS_OF to a later day'
      )
    )
    ELSE FALSE
  END