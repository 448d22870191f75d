-- Per-case flags for the Inspectorate's statistical forms (TT 01/2024/TT-TTCP: 01–04/XLD,
-- 01/KQGQ, 03/KQGQ). Read by pakn-report through polars' SQL engine. Each column of a form in
-- report-templates/bieu-mau-tt01-2024.toml counts the cases for which a boolean expression over
-- these flags is true; docs/FORMS.md explains every flag and every column.
--
-- Table `cases`: the normalised case table with its deadline columns, plus `noi_dung`, the
-- content group of the case's category (the [content] table of the layout file). Table
-- `period`: one row — period_start, period_end (DATE) and period_end_instant.
--
-- Two different "open" notions are used, as the forms use them:
--   xử lý đơn  (the XLD forms): a đơn is handled ("đã xử lý") on the first of the days it was
--              assigned, accepted (thụ lý), answered or closed — the day the Office decided what to
--              do with it;
--   giải quyết (the KQGQ forms): a case is settled on its resolved_at (the figures of SPEC §5).
-- Every flag is TRUE or FALSE, never NULL, so that NOT and OR behave as a reader expects.
-- Only the cases in play in the period are kept: those the XLD forms count (carried over or
-- received, `don_phai_xu_ly`) and those the KQGQ forms count (`gq_phai_giai_quyet`). A column
-- of the layouts file counts among these.
WITH c AS (
  SELECT
    *,
    LEAST(assigned_date, accepted_date, responded_date, resolved_date) AS xu_ly_date
  FROM cases CROSS JOIN period
),
f AS (
  SELECT
    id,
    received_at,
    -- the vụ việc: the "Số vụ việc" column, else the case itself (compared in upper case)
    UPPER(COALESCE(matter, id)) AS vu_viec,
    noi_dung,
    -- kind
    kind = 'khieu_nai' AS khieu_nai,
    kind = 'to_cao' AS to_cao,
    kind = 'phan_anh' OR kind = 'kien_nghi' AS kien_nghi_phan_anh,
    -- xử lý đơn: carried over = received before the period and not handled before it
    received_date < period_start AND (xu_ly_date IS NULL OR xu_ly_date >= period_start) AS don_ky_truoc,
    received_date >= period_start AND received_date <= period_end AS don_trong_ky,
    COALESCE(xu_ly_date <= period_end, FALSE) AS xu_ly_truoc_cuoi_ky,
    -- lưu đơn (archived) is the register's mark of a đơn không đủ điều kiện xử lý
    COALESCE(status, '') <> 'archived' AS du_dieu_kien_xu_ly,
    -- competence: the optional column wins; otherwise the status tells (chuyển đơn, hướng dẫn)
    CASE WHEN competence IS NOT NULL THEN competence = 'within'
         ELSE COALESCE(status, '') NOT IN ('transferred_out', 'guided') END AS thuoc_tham_quyen,
    COALESCE(status = 'guided', FALSE) AS huong_dan,
    COALESCE(status = 'transferred_out', FALSE) AS chuyen_don,
    COALESCE(status = 'withdrawn', FALSE) AS rut_don,
    -- optional columns; a blank value is the common case (one signer, first time)
    COALESCE(signatories, 'one') = 'many' AS nhieu_nguoi,
    COALESCE(signatories, 'one') = 'one' AS mot_nguoi,
    COALESCE(signatories, 'one') = 'other' AS don_khac,
    -- attempt: the how-many-th time this matter comes (lần đầu; lần hai / tố cáo tiếp; nhiều lần)
    COALESCE(attempt, 'first') = 'first' AS lan_dau,
    COALESCE(attempt, 'first') = 'second' AS lan_hai,
    COALESCE(attempt, 'first') = 'more' AS nhieu_lan,
    COALESCE(outcome = 'right', FALSE) AS ket_qua_dung,
    COALESCE(outcome = 'wrong', FALSE) AS ket_qua_sai,
    COALESCE(outcome = 'partly', FALSE) AS ket_qua_mot_phan,
    COALESCE(outcome = 'upheld', FALSE) AS cong_nhan_qd_lan_dau,
    COALESCE(outcome = 'overturned', FALSE) AS huy_sua_qd_lan_dau,
    -- giải quyết: carried over, received, settled (the definitions of SPEC §5)
    received_date < period_start AND (resolved_date IS NULL OR resolved_date >= period_start) AS gq_ky_truoc,
    COALESCE(resolved_date >= period_start AND resolved_date <= period_end, FALSE) AS da_giai_quyet_trong_ky,
    COALESCE(resolved_date <= period_end, FALSE) AS da_giai_quyet_truoc_cuoi_ky,
    deadline_at IS NULL OR COALESCE(resolved_at <= deadline_at, FALSE) AS dung_han
  FROM c
),
g AS (
SELECT
  *,
  -- the đơn the XLD forms count: carried over or received in the period
  don_ky_truoc OR don_trong_ky AS don_phai_xu_ly,
  (don_ky_truoc OR don_trong_ky) AND xu_ly_truoc_cuoi_ky AS da_xu_ly,
  (don_ky_truoc OR don_trong_ky) AND xu_ly_truoc_cuoi_ky AND du_dieu_kien_xu_ly AS don_du_dieu_kien,
  -- the cases the KQGQ forms count: within competence, not archived, handled (the Office has
  -- decided to settle it) by the end of the period, and carried over or received
  thuoc_tham_quyen AND du_dieu_kien_xu_ly AND xu_ly_truoc_cuoi_ky AND (gq_ky_truoc OR don_trong_ky) AS gq_phai_giai_quyet
FROM f
)
SELECT * FROM g WHERE don_phai_xu_ly OR gq_phai_giai_quyet
