AUDIT (
  name enough_to_judge,
  dialect bigquery,
  blocking FALSE
);

/* A warning, not a stop: the evaluation rows were too few to tell whether the model is worse
   than its baseline (thelook/business/quality_gate.py), and the model serves. @verdict is the
   gate's verdict for it, passed from that one vocabulary. */
SELECT
  *
FROM @this_model
WHERE
  gate = @verdict