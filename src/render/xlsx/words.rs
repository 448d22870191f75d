//! Every piece of workbook wording that is not data, in one place, so that it can move to
//! `report-templates/` later without touching the layout code. Figure names follow
//! `docs/FIGURES.md`; the column and sheet names are the contract of `docs/OUTPUTS.md`.

/// Sheet names, in workbook order (SPEC §7). Excel limits them to 31 characters.
pub const SHEET_SUMMARY: &str = "Tổng hợp";
pub const SHEET_CHANNEL: &str = "Theo kênh";
pub const SHEET_DEPARTMENT: &str = "Theo đơn vị";
pub const SHEET_CATEGORY: &str = "Theo lĩnh vực";
pub const SHEET_KIND: &str = "Theo loại";
pub const SHEET_TIMES: &str = "Thời gian xử lý";
pub const SHEET_SCORECARD: &str = "Chấm điểm";
pub const SHEET_LATE: &str = "Quá hạn";
pub const SHEET_ERRORS: &str = "Dữ liệu lỗi";

// --- Titles -----------------------------------------------------------------------------------

pub const REPORT_TITLE: &str =
    "BÁO CÁO KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ, KHIẾU NẠI, TỐ CÁO";
/// "Số liệu tính từ ngày 15/4/2026 đến ngày 14/5/2026"
pub fn data_span(start: &str, end: &str) -> String {
    format!("Số liệu tính từ ngày {start} đến ngày {end}")
}
pub fn made_on(date: &str) -> String {
    format!("Ngày lập báo cáo: {date}")
}
pub const DOC_SUBJECT: &str = "Thống kê tiếp nhận, xử lý phản ánh, kiến nghị, khiếu nại, tố cáo";
pub const DOC_KEYWORDS: &str = "PAKN, KNTC, báo cáo thống kê";
pub const DOC_COMMENT: &str = "Tạo bởi pakn-report";
pub fn doc_title(period_label: &str) -> String {
    format!("Báo cáo PAKN, KNTC — {period_label}")
}

pub const TITLE_CHANNEL: &str = "SỐ LIỆU THEO KÊNH TIẾP NHẬN";
pub const TITLE_DEPARTMENT: &str = "SỐ LIỆU THEO ĐƠN VỊ XỬ LÝ";
pub const TITLE_CATEGORY: &str = "SỐ LIỆU THEO LĨNH VỰC";
pub const TITLE_KIND: &str = "SỐ LIỆU THEO LOẠI ĐƠN";
pub const TITLE_TIMES: &str = "THỜI GIAN PHẢN HỒI VÀ GIẢI QUYẾT";
pub const TITLE_SCORECARD: &str = "CHẤM ĐIỂM CÔNG SỞ THÂN THIỆN";
pub const TITLE_LATE: &str = "DANH SÁCH VỤ VIỆC QUÁ HẠN";
pub const TITLE_ERRORS: &str = "DỮ LIỆU LỖI: DÒNG BỊ LOẠI, DÒNG TRÙNG, CẢNH BÁO";
/// "SỐ LIỆU THEO KÊNH TIẾP NHẬN — THÁNG 5/2026"
pub fn sheet_title(title: &str, period_label: &str) -> String {
    format!("{title} — {}", period_label.to_uppercase())
}

// --- Tổng hợp ---------------------------------------------------------------------------------

pub const SECTION_HEADLINE: &str = "I. SỐ LIỆU CHÍNH";
pub const SECTION_COMPARE: &str = "II. SO SÁNH VỚI KỲ TRƯỚC VÀ CÙNG KỲ NĂM TRƯỚC";
pub const SECTION_MONTHLY: &str = "III. DIỄN BIẾN 12 THÁNG";
pub const SECTION_ACCOUNTING: &str = "IV. ĐỐI SOÁT SỐ DÒNG DỮ LIỆU ĐẦU VÀO";
pub const SECTION_HASHES: &str = "Mã kiểm tra SHA-256 của tệp đầu vào";

pub const COL_INDICATOR: &str = "Chỉ tiêu";
pub const COL_VALUE: &str = "Số liệu";

pub const H_CARRIED_OVER: &str = "Kỳ trước chuyển sang";
pub const H_RECEIVED: &str = "Tiếp nhận trong kỳ";
pub const H_TO_HANDLE: &str = "Tổng số phải xử lý";
pub const H_RESOLVED: &str = "Đã giải quyết";
pub const H_ON_TIME: &str = "Đúng hạn";
pub const H_LATE: &str = "Quá hạn (giải quyết muộn)";
pub const H_PENDING: &str = "Chuyển kỳ sau";
pub const H_PENDING_OVERDUE: &str = "Trong đó quá hạn";
pub const H_ON_TIME_RATE: &str = "Tỷ lệ giải quyết đúng hạn";
pub const H_RESPONDED: &str = "Đã phản hồi";
pub const H_RESPONSE_ON_TIME: &str = "Phản hồi đúng hạn";
pub const H_RATED: &str = "Số vụ việc được đánh giá mức độ hài lòng";
pub const H_SATISFIED: &str = "Hài lòng";
pub const H_SATISFACTION_RATE: &str = "Tỷ lệ hài lòng";
pub const H_ASSIGNED: &str = "Số vụ việc tiếp nhận có ngày giao xử lý";
pub const H_ASSIGNED_WITHIN: &str = "Giao xử lý trong 1 ngày làm việc";
pub const H_ASSIGNED_RATE: &str = "Tỷ lệ giao xử lý trong 1 ngày làm việc";
pub const H_RESPONSE_MEAN: &str = "Thời gian phản hồi trung bình (ngày)";
pub const H_RESOLUTION_MEAN: &str = "Thời gian giải quyết trung bình (ngày)";
pub const H_RESOLUTION_WD_MEAN: &str = "Thời gian giải quyết trung bình (ngày làm việc)";

pub const CMP_COL_WHAT: &str = "Kỳ so sánh";
pub const CMP_COL_FROM: &str = "Từ ngày";
pub const CMP_COL_TO: &str = "Đến ngày";
pub const CMP_THIS: &str = "Kỳ này";
pub const CMP_PREVIOUS: &str = "Kỳ trước";
pub const CMP_LAST_YEAR: &str = "Cùng kỳ năm trước";
pub const CMP_DIFF_PREVIOUS: &str = "Tăng (+) / giảm (−) so với kỳ trước";
pub const CMP_DIFF_PREVIOUS_PCT: &str = "Tăng / giảm so với kỳ trước (%)";
pub const CMP_DIFF_LAST_YEAR: &str = "Tăng (+) / giảm (−) so với cùng kỳ năm trước";
pub const CMP_DIFF_LAST_YEAR_PCT: &str = "Tăng / giảm so với cùng kỳ năm trước (%)";
pub const CMP_NOTE: &str = "Tăng/giảm của tỷ lệ tính bằng điểm phần trăm; tăng/giảm (%) là mức thay đổi so với số của kỳ đem so sánh; để trống khi kỳ đó không có số liệu.";
/// "Kỳ trước (Tháng 4/2026)"
pub fn period_named(what: &str, label: &str) -> String {
    format!("{what} ({label})")
}

pub const MONTH_COL: &str = "Tháng";
pub const MONTH_RESOLVED: &str = "Đã giải quyết trong tháng";
pub const MONTH_NOTE_CUTOFF: &str =
    "Tháng tính theo kỳ chốt số liệu: từ ngày 15 tháng trước đến ngày 14 tháng báo cáo.";
pub const MONTH_NOTE_CALENDAR: &str = "Tháng tính theo tháng dương lịch.";
pub const CHART_MONTHLY: &str = "Tiếp nhận và giải quyết theo tháng";

pub const ACC_FILE: &str = "Tệp dữ liệu";
pub const ACC_READ: &str = "Số dòng đọc";
pub const ACC_ACCEPTED: &str = "Hợp lệ";
pub const ACC_REJECTED: &str = "Bị loại";
pub const ACC_DUPLICATES: &str = "Trùng";
pub const ACC_SKIPPED: &str = "Bỏ qua";
pub const ACC_CHECK: &str = "Đối soát";
pub const ACC_OK: &str = "Khớp";
pub const ACC_BROKEN: &str = "Sai lệch";
pub const ACC_NO_FILE: &str = "(không có tệp đầu vào)";
/// The identity of SPEC §3.6 as a sentence, numbers already formatted.
pub fn accounting_sentence(
    read: &str,
    acc: &str,
    rej: &str,
    dup: &str,
    skip: &str,
    ok: bool,
) -> String {
    format!(
        "Số dòng đọc {read} = Hợp lệ {acc} + Bị loại {rej} + Trùng {dup} + Bỏ qua {skip} — {}.",
        if ok {
            "khớp"
        } else {
            "SAI LỆCH, cần kiểm tra"
        }
    )
}
pub const ACC_NOTE: &str = "Bỏ qua: dòng trống và dòng tổng cộng. Danh sách dòng bị loại, dòng trùng và cảnh báo ở sheet Dữ liệu lỗi.";

pub const TOTAL: &str = "Tổng cộng";

// --- Breakdowns -------------------------------------------------------------------------------

pub const DIM_CHANNEL: &str = "Kênh tiếp nhận";
pub const DIM_DEPARTMENT: &str = "Đơn vị xử lý";
pub const DIM_CATEGORY: &str = "Lĩnh vực";
pub const DIM_KIND: &str = "Loại đơn";

pub const G_RESOLVED: &str = "Giải quyết trong kỳ";
pub const G_PENDING: &str = "Chuyển kỳ sau";
pub const G_RESPONSE: &str = "Phản hồi người gửi";
pub const G_RESPONSE_DAYS: &str = "Thời gian phản hồi (ngày)";
pub const G_RESOLUTION_DAYS: &str = "Thời gian giải quyết (ngày)";
pub const G_RESOLUTION_WD: &str = "Thời gian giải quyết (ngày làm việc)";
pub const G_SATISFACTION: &str = "Mức độ hài lòng";
pub const G_ASSIGNED: &str = "Giao xử lý trong 1 ngày làm việc";

pub const C_LATE: &str = "Quá hạn";
pub const C_ON_TIME_RATE: &str = "Tỷ lệ đúng hạn";
pub const C_PENDING: &str = "Chuyển kỳ sau";
pub const C_RATED: &str = "Được đánh giá";
pub const C_SATISFACTION_RATE: &str = "Tỷ lệ hài lòng";
pub const C_ASSIGNED: &str = "Có ngày giao";
pub const C_ASSIGNED_WITHIN: &str = "Giao trong 1 ngày";
pub const C_ASSIGNED_RATE: &str = "Tỷ lệ giao trong 1 ngày";
pub const C_COUNT: &str = "Số vụ việc";
pub const C_MEAN: &str = "Trung bình";
pub const C_MEDIAN: &str = "Trung vị";
pub const C_P90: &str = "P90";
pub const C_MAX: &str = "Tối đa";

pub const CHART_CHANNEL: &str = "Số vụ việc tiếp nhận trong kỳ theo kênh";
pub const CHART_DEPARTMENT: &str = "Số vụ việc tiếp nhận trong kỳ theo đơn vị xử lý";
pub const CHART_SERIES_RECEIVED: &str = "Tiếp nhận";
pub const CHART_SERIES_RESOLVED: &str = "Đã giải quyết";

pub const NOTE_BREAKDOWN: &str = "Tỷ lệ để trống khi mẫu số bằng 0; thời gian để trống khi không có vụ việc. Dòng Tổng cộng là số của toàn cơ quan: các cột số vụ việc bằng tổng các dòng trên; tỷ lệ và thời gian tính trên toàn bộ vụ việc.";

pub const TIMES_ALL: &str = "Toàn cơ quan";
pub const NOTE_TIMES: &[&str] = &[
    "Thời gian phản hồi: từ ngày tiếp nhận đến ngày phản hồi, tính trên vụ việc tiếp nhận trong kỳ đã phản hồi trong kỳ.",
    "Thời gian giải quyết: từ ngày tiếp nhận đến ngày hoàn thành, tính trên vụ việc giải quyết trong kỳ; có lẻ ngày khi sổ ghi cả giờ.",
    "Ngày làm việc: không tính thứ Bảy, Chủ nhật, ngày lễ, Tết và ngày nghỉ bù; ngày tiếp nhận không tính, ngày hoàn thành có tính.",
    "P90: 90% số vụ việc có thời gian không quá giá trị này (nội suy tuyến tính, như hàm PERCENTILE.INC của Excel).",
];

// --- Chấm điểm --------------------------------------------------------------------------------

pub const SC_NONE: &str = "Chưa có kết quả chấm điểm cho kỳ này (bảng điểm chưa được tính).";
pub const SC_AGENCY: &str = "Kết quả của cơ quan";
pub const SC_POINTS: &str = "Điểm đạt được";
pub const SC_MAX: &str = "Điểm tối đa";
pub const SC_SHARE: &str = "Tỷ lệ điểm";
pub const SC_RATING: &str = "Xếp loại";
pub const SC_SECTION_CRITERIA: &str = "1. Điểm theo tiêu chí (toàn cơ quan)";
pub const SC_SECTION_DEPTS: &str = "2. Điểm theo đơn vị";
pub const SC_SECTION_DEPT_DETAIL: &str = "3. Điểm theo tiêu chí của từng đơn vị";
pub const SC_SECTION_CASES: &str = "4. Vụ việc làm mất điểm";
pub const SC_STT: &str = "STT";
pub const SC_ID: &str = "Mã tiêu chí";
pub const SC_TITLE: &str = "Tiêu chí";
pub const SC_VALUE: &str = "Giá trị";
pub const SC_CRIT_POINTS: &str = "Điểm";
pub const SC_NOTE: &str = "Cách tính điểm";
pub const SC_LOST_COUNT: &str = "Số vụ việc làm mất điểm";
pub const SC_LOST_IDS: &str = "Mã số vụ việc làm mất điểm";
pub const SC_DEPT: &str = "Đơn vị";
pub const SC_SCOPE: &str = "Phạm vi";
pub const SC_CASE: &str = "Mã số vụ việc";
pub const SC_NONE_ROWS: &str = "(không có)";
/// Shown after the first case numbers when a criterion lost points on many cases.
pub fn more_cases(n: usize) -> String {
    format!("… và {n} vụ việc khác (xem mục 4)")
}

// --- Quá hạn ----------------------------------------------------------------------------------

pub const LATE_STT: &str = "STT";
pub const LATE_ID: &str = "Mã số";
pub const LATE_RECEIVED: &str = "Ngày tiếp nhận";
pub const LATE_KIND: &str = "Loại đơn";
pub const LATE_CHANNEL: &str = "Kênh tiếp nhận";
pub const LATE_DEPARTMENT: &str = "Đơn vị xử lý";
pub const LATE_CATEGORY: &str = "Lĩnh vực";
pub const LATE_DEADLINE: &str = "Hạn giải quyết";
pub const LATE_RESOLVED: &str = "Ngày giải quyết";
pub const LATE_DAYS: &str = "Số ngày quá hạn";
pub const LATE_REASON: &str = "Tình trạng";
pub const LATE_PENDING: &str = "Chưa giải quyết, quá hạn";
pub const LATE_RESOLVED_LATE: &str = "Giải quyết quá hạn";
pub fn late_summary(pending: usize, late: usize) -> String {
    format!(
        "Tổng số {} vụ việc: {pending} vụ việc chưa giải quyết đã quá hạn (tính đến hết ngày cuối kỳ), {late} vụ việc giải quyết quá hạn trong kỳ.",
        pending + late
    )
}
/// What a tố cáo case shows for a department or category with few tố cáo cases (SPEC §8).
pub const LATE_OTHER: &str = "Khác";
pub fn late_privacy_note(min_cell: u32) -> String {
    format!(
        "Để bảo vệ người tố cáo, với vụ việc tố cáo, đơn vị xử lý và lĩnh vực có dưới {min_cell} vụ việc tố cáo trong danh sách được ghi là \"Khác\"."
    )
}
pub const LATE_NOTE: &str = "Số ngày quá hạn: số ngày từ hạn giải quyết đến ngày giải quyết, hoặc đến ngày cuối kỳ với vụ việc chưa giải quyết. Danh sách không chứa thông tin cá nhân của người gửi.";

// --- Dữ liệu lỗi ------------------------------------------------------------------------------

pub const ERR_STT: &str = "STT";
pub const ERR_TYPE: &str = "Loại";
pub const ERR_FILE: &str = "Tệp";
pub const ERR_ROW: &str = "Dòng";
pub const ERR_FIELD: &str = "Trường";
pub const ERR_VALUE: &str = "Giá trị";
pub const ERR_REASON: &str = "Lý do";
pub const ERR_COUNT: &str = "Số dòng";
pub const ERR_REJECT: &str = "Bị loại";
pub const ERR_DUPLICATE: &str = "Trùng";
pub const ERR_WARNING: &str = "Cảnh báo";
pub fn errors_summary(
    rejects: usize,
    duplicates: usize,
    warnings: usize,
    warning_rows: u64,
) -> String {
    format!(
        "Bị loại: {rejects} dòng (không được tính vào số liệu); trùng: {duplicates} dòng (giữ bản ghi đọc trước); cảnh báo: {warnings} loại, {warning_rows} dòng (vẫn được tính)."
    )
}
pub const ERR_NOTE: &str = "Dòng: số thứ tự dòng trong tệp (như Excel hiển thị). Với cảnh báo, dòng là dòng đầu tiên gặp lỗi đó và cột Số dòng là số dòng cùng lỗi. Cột Giá trị chỉ ghi giá trị của trường bị lỗi, không bao giờ ghi thông tin cá nhân.";

/// Vietnamese names of the register fields (SPEC §3.2), for the Trường column.
pub fn field_label(field: &str) -> &str {
    match field {
        "id" => "Mã số",
        "received_at" => "Ngày tiếp nhận",
        "channel" => "Kênh tiếp nhận",
        "kind" => "Loại đơn",
        "category" => "Lĩnh vực",
        "department" => "Đơn vị xử lý",
        "assigned_at" => "Ngày giao",
        "accepted_at" => "Ngày thụ lý",
        "due_at" => "Hạn xử lý",
        "responded_at" => "Ngày phản hồi",
        "resolved_at" => "Ngày hoàn thành",
        "status" => "Trạng thái",
        "complexity" => "Mức độ phức tạp",
        "satisfaction" => "Mức độ hài lòng",
        other => other,
    }
}

// --- Print ------------------------------------------------------------------------------------

/// Page footer: "Trang 1/3".
pub const FOOTER_PAGE: &str = "Trang &P/&N";
