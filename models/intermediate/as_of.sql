/* One row: the day every model measures to, and the days derived from it. */
MODEL (
  name intermediate.as_of,
  kind FULL,
  grain as_of,
  owner analytics,
  description 'The day the build measures to (as_of): THELOOK_AS_OF when pinned, else the last day of the daily interval SQLMesh processes (a run on the 25th measures to the close of the 24th), and the days derived from it. Every dated model reads its days from this one row: an environment that reuses the copy of prod measures everything it builds to the day of prod, and a pinned environment rebuilds everything from its own.',
  audits (
    not_null(
      columns := (
        as_of,
        fresh_since,
        last_labelled_cutoff,
        last_value_labelled_cutoff,
        engagement_window_start,
        month_before
      )
    )
  )
);

SELECT
  @run_as_of() AS as_of, /* The day every model measures to: what was known at the end of it. */
  @run_cutoff_dates() AS cutoff_dates, /* The cutoffs of the 30-day models, earliest first: train on the first, judge on the second, score at as_of. */
  @run_feature_cutoff_dates() AS feature_cutoff_dates, /* Every cutoff intermediate.user_features describes users at: the 30-day and the 180-day models'. */
  @run_last_labelled_cutoff() AS last_labelled_cutoff, /* The latest cutoff whose next 30 days have all happened by as_of. */
  @run_last_value_labelled_cutoff() AS last_value_labelled_cutoff, /* The latest cutoff whose next 180 days have all happened by as_of. */
  @run_engagement_window_start() AS engagement_window_start, /* The first day of the engagement window segments count sessions over. */
  @run_month_before() AS month_before, /* as_of less MIGRATION_DAYS (thelook/business/segment_grid.py): the day segment migration compares as_of with. */
  @run_source_fresh_since() AS fresh_since /* as_of less the allowed lag (THELOOK_SOURCE_LAG_DAYS): the source's last order and event must fall on or after it. */