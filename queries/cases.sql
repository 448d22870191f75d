-- The cases behind the overdue figures of a period: each case counted in `pending_overdue`
-- (still pending at the period end, deadline passed) or in `resolved_late` (resolved in the
-- period after its deadline). Same tables as figures.sql. No personal data is selected.
SELECT
  id, kind, channel, department, category, received_date, deadline_date, resolved_date,
  CASE
    WHEN resolved_date >= period_start AND resolved_date <= period_end THEN 'resolved_late'
    ELSE 'pending_overdue'
  END AS reason
FROM cases CROSS JOIN period
WHERE deadline_at IS NOT NULL
  AND (
    (resolved_date >= period_start AND resolved_date <= period_end AND resolved_at > deadline_at)
    OR (received_date <= period_end AND (resolved_date IS NULL OR resolved_date > period_end)
        AND deadline_at < period_end_instant)
  )
ORDER BY id
