AUDIT (
  name no_worse_than_baseline,
  dialect bigquery
);

/* The quality gate of a scoring model (thelook/business/quality_gate.py): stops the plan, in one
   line naming the metric, the model's value and the baseline's, when the model is worse than its
   baseline by more than the margin, beyond noise. Prod then keeps the scores it had. ERROR is in
   the filter, not the projection, so the engine cannot prune it away. */
SELECT
  *
FROM @this_model
WHERE
  CASE
    WHEN gate = 'worse than baseline'
    THEN ERROR(
      CONCAT(
        'the scoring model is worse than its baseline beyond noise: ',
        gate_metric,
        ' ',
        ROUND(gate_value, 4)::STRING,
        ' against ',
        ROUND(gate_baseline, 4)::STRING,
        ' for the baseline (95% upper bound of the difference ',
        ROUND(gate_difference_upper_bound, 4)::STRING,
        ', below the margin of -',
        gate_margin::STRING,
        '); prod keeps the scores it had'
      )
    )
    ELSE FALSE
  END