AUDIT (
  name stable_features,
  dialect bigquery,
  blocking FALSE
);

/* A warning, not a stop: a scoring feature's population stability index from the model's
   training cutoff to as_of is above 0.25 (thelook/business/drift.py), so the users scored now
   differ from those the model learned on. */
SELECT
  *
FROM @this_model
WHERE
  drifted