-- Figures of one reporting period, per group (SPEC §5). Read by pakn-report through polars' SQL
-- engine; see docs/FIGURES.md for each definition and its legal basis.
--
-- Table `cases`: the normalised case table with its deadline columns (docs/FIGURES.md lists
-- them). Table `period`: one row — period_start and period_end (DATE, the first and last day)
-- and period_end_instant (TIMESTAMP, 23:59:59.999 of the last day). One placeholder is filled in
-- before the query runs:
--   {group}       the grouping column: kind, channel, department, category, or 'total'
--
-- `explain` and `remind` read this file too (src/figures/flags.rs): they run the CTE `c` and the
-- condition of each `SUM(CASE WHEN <condition> THEN 1 ELSE 0 END) AS <figure>` line per case, so
-- that a figure's case list is the set its sum counts. Keep each such sum on one line.
--
-- A case "in" a day means its timestamp falls on that day; dates compare as whole days.
-- A deadline without a time ends at 24:00 of its day: `deadline_at` holds the last on-time
-- instant, so "resolved_at <= deadline_at" is on time, and a case due on the period's last day is
-- not yet overdue at the period end. A case with no deadline counts as on time and never overdue.
WITH c AS (
  SELECT
    {group} AS key,
    received_date < period_start AND (resolved_date IS NULL OR resolved_date >= period_start) AS is_carried,
    received_date >= period_start AND received_date <= period_end AS is_received,
    resolved_date >= period_start AND resolved_date <= period_end AS is_resolved,
    received_date <= period_end AND (resolved_date IS NULL OR resolved_date > period_end) AS is_pending,
    deadline_at IS NULL OR resolved_at <= deadline_at AS met_deadline,
    deadline_at IS NOT NULL AND deadline_at < period_end_instant AS due_before_end,
    responded_date >= period_start AND responded_date <= period_end AS responded_in_period,
    responded_date <= response_deadline AS responded_in_time,
    response_days,
    resolution_days,
    resolution_working_days,
    satisfied,
    assigned_date,
    assigned_within_1wd
  FROM cases CROSS JOIN period
)
SELECT
  key,
  SUM(CASE WHEN is_carried THEN 1 ELSE 0 END) AS carried_over,
  SUM(CASE WHEN is_received THEN 1 ELSE 0 END) AS received,
  SUM(CASE WHEN is_carried OR is_received THEN 1 ELSE 0 END) AS to_handle,
  SUM(CASE WHEN is_resolved THEN 1 ELSE 0 END) AS resolved,
  SUM(CASE WHEN is_resolved AND met_deadline THEN 1 ELSE 0 END) AS resolved_on_time,
  SUM(CASE WHEN is_resolved AND NOT met_deadline THEN 1 ELSE 0 END) AS resolved_late,
  SUM(CASE WHEN is_pending THEN 1 ELSE 0 END) AS pending,
  SUM(CASE WHEN is_pending AND due_before_end THEN 1 ELSE 0 END) AS pending_overdue,
  SUM(CASE WHEN is_received AND responded_in_period THEN 1 ELSE 0 END) AS responded,
  SUM(CASE WHEN is_received AND responded_in_period AND responded_in_time THEN 1 ELSE 0 END) AS response_on_time,
  -- response_days: over the cases counted in `responded`
  COUNT(CASE WHEN is_received AND responded_in_period THEN response_days END) AS response_days_count,
  AVG(CASE WHEN is_received AND responded_in_period THEN response_days END) AS response_days_mean,
  MEDIAN(CASE WHEN is_received AND responded_in_period THEN response_days END) AS response_days_median,
  QUANTILE_CONT(CASE WHEN is_received AND responded_in_period THEN response_days END, 0.9) AS response_days_p90,
  MAX(CASE WHEN is_received AND responded_in_period THEN response_days END) AS response_days_max,
  -- resolution_days and resolution_working_days: over the cases counted in `resolved`
  COUNT(CASE WHEN is_resolved THEN resolution_days END) AS resolution_days_count,
  AVG(CASE WHEN is_resolved THEN resolution_days END) AS resolution_days_mean,
  MEDIAN(CASE WHEN is_resolved THEN resolution_days END) AS resolution_days_median,
  QUANTILE_CONT(CASE WHEN is_resolved THEN resolution_days END, 0.9) AS resolution_days_p90,
  MAX(CASE WHEN is_resolved THEN resolution_days END) AS resolution_days_max,
  COUNT(CASE WHEN is_resolved THEN resolution_working_days END) AS resolution_working_days_count,
  AVG(CASE WHEN is_resolved THEN CAST(resolution_working_days AS DOUBLE) END) AS resolution_working_days_mean,
  MEDIAN(CASE WHEN is_resolved THEN CAST(resolution_working_days AS DOUBLE) END) AS resolution_working_days_median,
  QUANTILE_CONT(CASE WHEN is_resolved THEN CAST(resolution_working_days AS DOUBLE) END, 0.9) AS resolution_working_days_p90,
  MAX(CASE WHEN is_resolved THEN CAST(resolution_working_days AS DOUBLE) END) AS resolution_working_days_max,
  -- satisfaction: over the resolved cases that carry a rating
  SUM(CASE WHEN is_resolved AND satisfied IS NOT NULL THEN 1 ELSE 0 END) AS satisfaction_rated,
  SUM(CASE WHEN is_resolved AND satisfied THEN 1 ELSE 0 END) AS satisfaction_satisfied,
  -- assigned_within_1wd: over the received cases with an assignment date
  SUM(CASE WHEN is_received AND assigned_date IS NOT NULL THEN 1 ELSE 0 END) AS assigned_count,
  SUM(CASE WHEN is_received AND assigned_within_1wd THEN 1 ELSE 0 END) AS assigned_within
FROM c
GROUP BY key
