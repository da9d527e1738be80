AUDIT (
  name enough_to_judge,
  dialect bigquery,
  blocking FALSE
);

/* A warning, not a stop: the evaluation rows were too few to tell whether the model is worse
   than its baseline (thelook/business/quality_gate.py). */
SELECT
  *
FROM @this_model
WHERE
  gate = 'too few to tell'