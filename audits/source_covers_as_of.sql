AUDIT (
  name source_covers_as_of,
  dialect bigquery
);

/* Stops the plan, with one line saying what to do, when the source does not cover as_of: its
   last order or event falls before as_of less the allowed lag, or it holds none by as_of
   (staging reads only what was known by then).
   Models measured to such an as_of would train and be judged on windows with no outcomes.
   ERROR is in the filter, not the projection, so the engine cannot prune it away. */
SELECT
  *
FROM @this_model
WHERE
  CASE
    WHEN last_order_date IS NULL OR last_event_date IS NULL
    THEN ERROR(
      CONCAT(
        'the source holds no orders or no events on or before as_of ',
        as_of::STRING,
        ': pin THELOOK_AS_OF to a day the source covers, or regenerate the source (thelook generate --out <file>) or point THELOOK_SOURCE at a full one'
      )
    )
    WHEN LEAST(last_order_date, last_event_date) < fresh_since
    THEN ERROR(
      CONCAT(
        'the source is stale: its last order is on ',
        last_order_date::STRING,
        ' and its last event on ',
        last_event_date::STRING,
        ', but as_of is ',
        as_of::STRING,
        '. Pin THELOOK_AS_OF=',
        LEAST(last_order_date, last_event_date)::STRING,
        ' (or earlier) to measure to what it holds, or regenerate the source (thelook generate --out <file>) or refresh it'
      )
    )
    ELSE FALSE
  END