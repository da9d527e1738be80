AUDIT (
  name baseline_elected,
  dialect bigquery,
  blocking FALSE
);

/* A warning, not a stop: the scoring model is worse than its baseline beyond noise, so the
   build serves the baseline's scores instead (thelook/business/quality_gate.py). The alert
   targets hear it as an audit failure; the plan's output names the metric, both values and the
   bound. @verdict is the gate's verdict for it, passed from that one vocabulary. */
SELECT
  *
FROM @this_model
WHERE
  gate = @verdict