"""BigQuery without a Google account: the project opened on its `bigquery` gateway offline, and
every statement it would send checked by ZetaSQL, BigQuery's own analyzer."""
