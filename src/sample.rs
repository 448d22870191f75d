//! Synthetic case register for `pakn-report sample` (SPEC §2; input shapes of §3; privacy §8).
//!
//! Generates a realistic register of Ban Quản lý Khu kinh tế Hải Phòng — phản ánh, kiến nghị,
//! khiếu nại, tố cáo — in two styles:
//! - [`SampleStyle::Register`]: the Office's own export (title rows, STT column, total row);
//! - [`SampleStyle::FacebookInbox`]: the Facebook page's inbox export (BOM, `;`, other header
//!   spellings, NFD text, odd spacing and case, multi-line content).
//!
//! Every value is drawn from a small built-in PRNG (SplitMix64 seeding xoshiro256**) using only
//! integer and basic IEEE arithmetic, so a seed gives the same bytes on every platform and version.
//! Dates are handled as day numbers (days since 1970-01-01) and formatted by hand: no per-row
//! allocation on the hot path, about a second per million CSV rows in release mode.
//!
//! Personal data is obviously synthetic: names "Nguyễn Văn Mẫu 0123", phones in the unallocated
//! "0900 000 xxx" range, addresses "Số 12, đường Mẫu, KCN Thử nghiệm, Hải Phòng", e-mails at
//! `example.vn`.
//!
//! Model (approximating the law's deadlines of SPEC §4.3 with Sat/Sun as the only rest days):
//! PAKN are mostly resolved within 10 working days; khiếu nại are accepted (thụ lý) within
//! 10 working days (7 from 01/7/2026) and resolved within 30/45 days of it; tố cáo are accepted
//! within 7 working days and resolved within 30/60/90 days. Two departments (Tài nguyên và Môi
//! trường, Quy hoạch và Xây dựng) are slow: more late cases, more stuck open cases, lower
//! satisfaction. Cases received in the three weeks before `as_of` are mostly still open. No event
//! date (receipt, assignment, thụ lý, reply, completion) is after `as_of` or before `from`; the
//! recorded deadline "Hạn xử lý" of a recent case can lie after `as_of`, as deadlines do.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};

// ------------------------------------------------------------------------------------------------
// Public interface
// ------------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleStyle {
    /// The Office's own register export (title rows, STT, total row; comma CSV or xlsx).
    Register,
    /// The Facebook page's inbox export (UTF-8 BOM, `;`, NFD text, other header names).
    FacebookInbox,
}

#[derive(Debug, Clone)]
pub struct SampleOptions {
    pub cases: usize,
    pub seed: u64,
    /// Receipt dates fall in [from, to] (and never after `as_of`).
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub style: SampleStyle,
    /// Extra deliberately bad rows mixed in (blank id, 31/02, unknown kind, completion before
    /// receipt, closed without completion, duplicate id — in that rotation); 0 for the benchmark.
    pub bad_rows: usize,
    /// E.g. "BQL" -> ids like "BQL-2026-000123". Empty: "BQL" (Register) or "FB" (FacebookInbox).
    pub id_prefix: String,
    /// "Today" of the export: cases received near it are more often still open.
    pub as_of: NaiveDate,
}

#[derive(Debug, Clone, Default)]
pub struct SampleReport {
    /// Rows below the header row: cases + bad rows + blank rows + the total row (Register).
    /// This is what the report tool counts as "rows read" for the file (SPEC §3.6, §5).
    pub rows_written: usize,
    /// Well-formed cases written (bad rows excluded).
    pub cases: usize,
    /// Deliberately bad rows written.
    pub bad_rows: usize,
}

/// Writes the register to `out`; the format follows the extension (.csv or .xlsx).
///
/// The file is written under a temporary name next to `out` and renamed into place on success.
pub fn write_sample(opts: &SampleOptions, out: &Path) -> Result<SampleReport> {
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    let xlsx = match ext.as_str() {
        "csv" => false,
        "xlsx" => true,
        _ => {
            return Err(Error::Usage(format!(
                "{}: tệp mẫu phải có đuôi .csv hoặc .xlsx (the sample file must end in .csv or .xlsx)",
                out.display()
            )));
        }
    };
    let mut generator = Generator::new(opts)?;
    if xlsx {
        let rows = generator.rows_below_header() + generator.first_data_row() as usize;
        if rows > XLSX_MAX_ROWS {
            return Err(Error::Usage(format!(
                "{}: {rows} dòng vượt giới hạn {XLSX_MAX_ROWS} dòng của Excel, hãy dùng .csv \
                 ({rows} rows exceed Excel's {XLSX_MAX_ROWS}-row limit; use .csv)",
                out.display()
            )));
        }
    }
    let tmp = temp_path(out);
    let result = if xlsx {
        write_xlsx(&mut generator, &tmp, out)
    } else {
        write_csv(&mut generator, &tmp, out)
    };
    match result {
        Ok(()) => {
            std::fs::rename(&tmp, out).map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                Error::file(out, format!("không ghi được tệp (cannot write file): {e}"))
            })?;
            Ok(SampleReport {
                rows_written: generator.rows_written,
                cases: generator.cases_written,
                bad_rows: generator.bad_written,
            })
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

// ------------------------------------------------------------------------------------------------
// PRNG: SplitMix64 seeding xoshiro256** (Blackman & Vigna). Integer-only, stable forever.
// ------------------------------------------------------------------------------------------------

struct Rng {
    s: [u64; 4],
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    fn new(seed: u64) -> Self {
        let mut sm = seed;
        let s = [
            splitmix64(&mut sm),
            splitmix64(&mut sm),
            splitmix64(&mut sm),
            splitmix64(&mut sm),
        ];
        Rng { s }
    }

    fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in [0, n) (Lemire's multiply-high; the tiny bias is irrelevant here). n > 0.
    fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform integer in [lo, hi] (inclusive).
    fn range(&mut self, lo: i32, hi: i32) -> i32 {
        debug_assert!(lo <= hi);
        lo + self.below((hi - lo + 1) as u64) as i32
    }

    /// Uniform in [0, 1) with 53 bits.
    fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// Index drawn with integer weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| w as u64).sum();
        let mut x = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if x < w as u64 {
                return i;
            }
            x -= w as u64;
        }
        weights.len() - 1
    }

    /// A value drawn from `(value, weight)` pairs.
    fn pick<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u64 = items.iter().map(|&(_, w)| w as u64).sum();
        let mut x = self.below(total);
        for &(v, w) in items {
            if x < w as u64 {
                return v;
            }
            x -= w as u64;
        }
        items[items.len() - 1].0
    }
}

// ------------------------------------------------------------------------------------------------
// Day numbers (days since 1970-01-01), Howard Hinnant's civil-date algorithms.
// ------------------------------------------------------------------------------------------------

fn day_of(d: NaiveDate) -> i32 {
    days_from_civil(d.year(), d.month(), d.day())
}

fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = y as i64 - (m <= 2) as i64;
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) as i32
}

fn civil(z: i32) -> (i32, u32, u32) {
    let z = z as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + (m <= 2) as i64;
    (y as i32, m, d)
}

/// 0 = Monday … 6 = Sunday.
fn weekday(z: i32) -> i32 {
    (z + 3).rem_euclid(7)
}

fn is_weekend(z: i32) -> bool {
    weekday(z) >= 5
}

/// The n-th working day (Mon–Fri) after `z`; `z` itself when n = 0.
fn add_wd(z: i32, n: i32) -> i32 {
    let mut d = z;
    let mut left = n;
    while left > 0 {
        d += 1;
        if !is_weekend(d) {
            left -= 1;
        }
    }
    d
}

/// The same day, or the next Monday when it is a Saturday or Sunday.
fn roll(z: i32) -> i32 {
    match weekday(z) {
        5 => z + 2,
        6 => z + 1,
        _ => z,
    }
}

/// Mùng 1 Tết (Vietnamese lunar new year, UTC+7) for the years around the product's use.
fn tet_day(year: i32) -> Option<i32> {
    const TET: [(u32, u32); 16] = [
        (1, 25), // 2020
        (2, 12),
        (2, 1),
        (1, 22),
        (2, 10),
        (1, 29), // 2025
        (2, 17), // 2026
        (2, 6),
        (1, 26),
        (2, 13),
        (2, 3), // 2030
        (1, 23),
        (2, 11),
        (1, 31),
        (2, 19),
        (2, 8), // 2035
    ];
    let i = year.checked_sub(2020)?;
    let &(m, d) = TET.get(usize::try_from(i).ok()?)?;
    Some(days_from_civil(year, m, d))
}

/// Relative volume of a calendar day before the weekday/weekend factor: month profile, a dip
/// around Tết and on fixed-date holidays, and growth of about 10 % a year from `from_day`.
fn season(z: i32, from_day: i32) -> f64 {
    const MONTH: [f64; 12] = [
        0.95, 0.85, 1.05, 1.05, 1.0, 1.0, 1.05, 1.05, 1.0, 1.05, 1.05, 1.0,
    ];
    let (y, m, d) = civil(z);
    let mut w = MONTH[(m - 1) as usize];
    if let Some(tet) = tet_day(y) {
        let delta = z - tet;
        if (-2..=5).contains(&delta) {
            w *= 0.25;
        } else if (-10..=10).contains(&delta) {
            w *= 0.6;
        }
    }
    // Fixed-date public holidays (1/1, 30/4, 1/5, 1/9, 2/9): the hotline and the page still
    // take some cases.
    if matches!((m, d), (1, 1) | (4, 30) | (5, 1) | (9, 1) | (9, 2)) {
        w *= 0.3;
    }
    w * (1.0 + 0.1 * (z - from_day) as f64 / 365.0)
}

// ------------------------------------------------------------------------------------------------
// Vocabularies (all NFC)
// ------------------------------------------------------------------------------------------------

/// Channel groups of the Register style: (share %, weekend factor, spellings with weights).
type Variants = &'static [(&'static str, u32)];
const CHANNELS: [(f64, f64, Variants); 7] = [
    // hotline
    (
        35.0,
        0.12,
        &[("Đường dây nóng", 60), ("Hotline", 25), ("Điện thoại", 15)],
    ),
    // facebook
    (25.0, 0.7, &[("Facebook", 70), ("Fanpage", 30)]),
    // in person
    (12.0, 0.02, &[("Trực tiếp", 65), ("Tiếp công dân", 35)]),
    // letter
    (
        10.0,
        0.03,
        &[("Đơn thư", 50), ("Bưu điện", 20), ("Văn bản", 30)],
    ),
    // e-mail
    (6.0, 0.45, &[("Email", 70), ("Thư điện tử", 30)]),
    // portal
    (
        7.0,
        0.45,
        &[("Cổng thông tin điện tử", 50), ("Cổng dịch vụ công", 50)],
    ),
    // transferred
    (
        5.0,
        0.02,
        &[
            ("UBND chuyển", 40),
            ("Thanh tra chuyển", 25),
            ("Cơ quan khác chuyển đến", 35),
        ],
    ),
];
const G_HOTLINE: usize = 0;
const G_FACEBOOK: usize = 1;
const G_IN_PERSON: usize = 2;
const G_EMAIL: usize = 4;
const G_PORTAL: usize = 5;

/// The Facebook inbox has one channel group with its own spellings.
const FB_CHANNEL: (f64, f64, Variants) = (
    100.0,
    0.7,
    &[
        ("Facebook", 40),
        ("Fanpage", 25),
        ("Trang Facebook", 15),
        ("Messenger", 20),
    ],
);

/// Values no vocabulary knows: the report tool counts them as `other` and warns.
const UNKNOWN_CHANNELS: [(&str, u32); 3] = [("Zalo", 60), ("Zalo OA", 25), ("Tin nhắn Zalo", 15)];

const K_PA: usize = 0;
const K_KN: usize = 1;
const K_KNAI: usize = 2;
const K_TC: usize = 3;
const KIND_WEIGHTS: [u32; 4] = [50, 32, 12, 6];

const DEPARTMENTS: [&str; 8] = [
    "Văn phòng",
    "Phòng Quản lý Đầu tư",
    "Phòng Quản lý Doanh nghiệp",
    "Phòng Quản lý Lao động",
    "Phòng Quản lý Tài nguyên và Môi trường",
    "Phòng Quản lý Quy hoạch và Xây dựng",
    "Phòng Kế hoạch - Tổng hợp",
    "Trung tâm Dịch vụ hỗ trợ doanh nghiệp",
];
/// Spelling variants clerks use (written for about 4 % of the rows of each department).
const DEPARTMENT_VARIANTS: [[&str; 2]; 8] = [
    ["VP", "Văn phòng Ban"],
    ["P. Quản lý Đầu tư", "P. QLĐT"],
    ["P. Quản lý Doanh nghiệp", "P. QLDN"],
    ["P. Quản lý Lao động", "Phòng QL Lao động"],
    ["P. Quản lý Tài nguyên và Môi trường", "Phòng QL TN&MT"],
    ["P. Quản lý Quy hoạch và Xây dựng", "P. QH-XD"],
    ["P. Kế hoạch - Tổng hợp", "Phòng KH-TH"],
    ["TT Dịch vụ hỗ trợ doanh nghiệp", "Trung tâm DVHTDN"],
];
/// Probability that a main-line resolution is late, per department (two slow ones).
const LATE_P: [f64; 8] = [0.06, 0.07, 0.05, 0.08, 0.26, 0.21, 0.06, 0.04];
/// Probability that a case is stuck open (older overdue backlog), per department.
const STUCK_P: [f64; 8] = [0.004, 0.006, 0.004, 0.008, 0.035, 0.025, 0.005, 0.003];
const SLOW: [bool; 8] = [false, false, false, false, true, true, false, false];

/// (name, weight, departments with weights, content templates)
type Category = (
    &'static str,
    u32,
    &'static [(usize, u32)],
    &'static [&'static str],
);
const CATEGORIES: [Category; 10] = [
    (
        "Đầu tư",
        10,
        &[(1, 80), (7, 10), (6, 10)],
        &[
            "Đề nghị hướng dẫn thủ tục điều chỉnh giấy chứng nhận đăng ký đầu tư của dự án mẫu.",
            "Phản ánh dự án chậm triển khai, để đất trống nhiều năm trong KCN Thử nghiệm.",
            "Kiến nghị rút ngắn thời gian thẩm định hồ sơ dự án đầu tư mở rộng.",
        ],
    ),
    (
        "Doanh nghiệp",
        9,
        &[(2, 70), (7, 25), (0, 5)],
        &[
            "Doanh nghiệp mẫu đề nghị giải đáp quy định về báo cáo tình hình hoạt động.",
            "Phản ánh doanh nghiệp ngừng hoạt động nhưng chưa thanh toán công nợ cho nhà cung cấp.",
            "Đề nghị hỗ trợ kết nối doanh nghiệp trong KCN với nhà cung cấp địa phương.",
        ],
    ),
    (
        "Lao động",
        18,
        &[(3, 90), (2, 5), (0, 5)],
        &[
            "Người lao động phản ánh công ty mẫu chậm trả lương tháng trước.",
            "Khiếu nại việc công ty chấm dứt hợp đồng lao động không đúng quy định.",
            "Phản ánh công ty không đóng bảo hiểm xã hội cho người lao động.",
            "Đề nghị làm rõ chế độ làm thêm giờ tại nhà máy mẫu.",
        ],
    ),
    (
        "Môi trường",
        15,
        &[(4, 92), (5, 8)],
        &[
            "Phản ánh khói bụi và mùi hôi từ nhà máy trong KCN Thử nghiệm.",
            "Phản ánh nước thải chưa qua xử lý chảy ra kênh thoát nước chung.",
            "Phản ánh tiếng ồn từ xưởng sản xuất vào ban đêm, ảnh hưởng khu dân cư.",
        ],
    ),
    (
        "Xây dựng",
        9,
        &[(5, 90), (4, 5), (1, 5)],
        &[
            "Phản ánh công trình nhà xưởng xây dựng sai giấy phép trong KCN Thử nghiệm.",
            "Đề nghị kiểm tra công trình có dấu hiệu mất an toàn khi thi công.",
            "Kiến nghị hướng dẫn thủ tục cấp phép xây dựng nhà xưởng mở rộng.",
        ],
    ),
    (
        "Đất đai",
        7,
        &[(4, 55), (5, 45)],
        &[
            "Kiến nghị về tiến độ bồi thường, giải phóng mặt bằng dự án mẫu.",
            "Khiếu nại về giá đất bồi thường khi thu hồi đất làm KCN.",
            "Phản ánh doanh nghiệp lấn chiếm đất hành lang đường nội bộ.",
        ],
    ),
    (
        "Thủ tục hành chính",
        11,
        &[(0, 45), (7, 40), (6, 15)],
        &[
            "Phản ánh thời gian giải quyết hồ sơ cấp giấy phép lao động kéo dài.",
            "Đề nghị hướng dẫn nộp hồ sơ trực tuyến trên cổng dịch vụ công.",
            "Phản ánh cán bộ tiếp nhận hồ sơ hướng dẫn chưa rõ ràng.",
        ],
    ),
    (
        "Hạ tầng khu công nghiệp",
        11,
        &[(5, 55), (6, 35), (1, 10)],
        &[
            "Phản ánh đường nội bộ KCN Thử nghiệm xuống cấp, nhiều ổ gà.",
            "Phản ánh hệ thống chiếu sáng trong KCN không hoạt động.",
            "Kiến nghị bổ sung tuyến xe buýt đưa đón công nhân.",
        ],
    ),
    (
        "Xuất nhập khẩu",
        5,
        &[(2, 60), (1, 30), (7, 10)],
        &[
            "Đề nghị hướng dẫn thủ tục xác nhận xuất xứ hàng hóa.",
            "Phản ánh vướng mắc thủ tục nhập khẩu máy móc cho dự án mẫu.",
        ],
    ),
    (
        "An ninh trật tự",
        5,
        &[(0, 70), (3, 30)],
        &[
            "Phản ánh tình trạng mất trộm tài sản của công nhân tại khu nhà trọ.",
            "Phản ánh tụ tập gây mất trật tự trước cổng nhà máy.",
            "Tố cáo hành vi thu tiền trái phép tại khu vực chợ công nhân (nội dung mẫu).",
        ],
    ),
];

const FAMILY: [(&str, u32); 12] = [
    ("Nguyễn", 30),
    ("Trần", 12),
    ("Lê", 10),
    ("Phạm", 8),
    ("Hoàng", 6),
    ("Vũ", 5),
    ("Đặng", 4),
    ("Bùi", 4),
    ("Đỗ", 4),
    ("Ngô", 3),
    ("Dương", 2),
    ("Lý", 2),
];
const MIDDLE: [&str; 8] = ["Văn", "Thị", "Minh", "Đức", "Thanh", "Hữu", "Ngọc", "Quang"];

const OPEN_NEW: &str = "Mới tiếp nhận";
const OPEN_ONGOING: &str = "Đang xử lý";
const SATISFACTION: [&str; 4] = ["Rất hài lòng", "Hài lòng", "Bình thường", "Không hài lòng"];
/// 01/7/2026: thụ lý khiếu nại within 7 instead of 10 working days (NĐ 155/2026).
fn knai_limit_change() -> i32 {
    days_from_civil(2026, 7, 1)
}

const REGISTER_TITLE: [&str; 2] = [
    "BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG",
    "SỔ THEO DÕI TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ, KHIẾU NẠI, TỐ CÁO",
];
const REGISTER_HEADER: [&str; 23] = [
    "STT",
    "Mã hồ sơ",
    "Ngày tiếp nhận",
    "Kênh tiếp nhận",
    "Loại đơn",
    "Lĩnh vực",
    "Đơn vị xử lý",
    "Ngày giao",
    "Ngày thụ lý",
    "Hạn xử lý",
    "Ngày phản hồi",
    "Ngày hoàn thành",
    "Trạng thái",
    "Mức độ phức tạp",
    "Mức độ hài lòng",
    "Thẩm quyền",
    "Lần giải quyết",
    "Kết quả giải quyết",
    "Số người đứng tên",
    "Họ tên",
    "Số điện thoại",
    "Địa chỉ",
    "Nội dung",
];
const REGISTER_WIDTHS: [f64; 23] = [
    7.0, 17.0, 16.0, 20.0, 13.0, 22.0, 34.0, 11.0, 11.0, 11.0, 13.0, 15.0, 14.0, 15.0, 15.0, 20.0,
    13.0, 24.0, 12.0, 24.0, 14.0, 40.0, 60.0,
];
const FB_HEADER: [&str; 16] = [
    "Mã PAKN",
    "Thời gian tiếp nhận",
    "Nguồn tiếp nhận",
    "Phân loại",
    "Nhóm lĩnh vực",
    "Đơn vị được giao",
    "Ngày chuyển xử lý",
    "Hạn trả lời",
    "Ngày trả lời",
    "Ngày kết thúc",
    "Tình trạng",
    "Đánh giá",
    "Lần khiếu nại",
    "Kết luận giải quyết",
    "Người gửi",
    "Nội dung",
];
const FB_WIDTHS: [f64; 16] = [
    16.0, 20.0, 16.0, 12.0, 22.0, 34.0, 16.0, 12.0, 12.0, 13.0, 14.0, 9.0, 13.0, 24.0, 24.0, 60.0,
];

const XLSX_MAX_ROWS: usize = 1_048_576;
const UNKNOWN_KIND: &str = "Góp ý khác";

// ------------------------------------------------------------------------------------------------
// Case model
// ------------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bad {
    BlankId,
    UnreadableReceipt,
    UnknownKind,
    ResolvedBeforeReceipt,
    ClosedWithoutResolved,
    DuplicateId,
}
const BAD_ROTATION: [Bad; 6] = [
    Bad::BlankId,
    Bad::UnreadableReceipt,
    Bad::UnknownKind,
    Bad::ResolvedBeforeReceipt,
    Bad::ClosedWithoutResolved,
    Bad::DuplicateId,
];

/// A date in the register; `secs` is the time of day when `has_time`. `as_text`: an xlsx cell
/// typed by a clerk as "dd/mm/yyyy" text instead of a date cell.
#[derive(Debug, Clone, Copy)]
struct DateV {
    day: i32,
    secs: u32,
    has_time: bool,
    as_text: bool,
}

impl DateV {
    fn date(day: i32) -> Self {
        DateV {
            day,
            secs: 0,
            has_time: false,
            as_text: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Id {
    Blank,
    Seq { year: i32, n: u32 },
}

#[derive(Debug, Clone, Copy)]
enum Phone {
    None,
    /// "0900 000 123"
    Spaced(u32),
    /// "0900012345"
    Compact(u32),
}

#[derive(Debug, Clone, Copy)]
struct Person {
    company: bool,
    family: &'static str,
    middle: &'static str,
    num: u32,
    phone: Phone,
    house: u32,
    email: bool,
}

/// Text-mode bits for the Facebook inbox (a third NFD, a few odd spacing or case).
const M_NFD: u8 = 1;
const M_UPPER: u8 = 2;
const M_SPACED: u8 = 4;
/// Indexes into `Case::modes`.
const T_CHANNEL: usize = 0;
const T_KIND: usize = 1;
const T_CATEGORY: usize = 2;
const T_DEPT: usize = 3;
const T_STATUS: usize = 4;
const T_NAME: usize = 5;
const T_CONTENT: usize = 6;

#[derive(Debug, Clone, Copy)]
struct Case {
    stt: usize,
    id: Id,
    bad: Option<Bad>,
    received: DateV,
    channel: &'static str,
    kind: &'static str,
    category: &'static str,
    department: &'static str,
    assigned: Option<DateV>,
    accepted: Option<DateV>,
    due: Option<DateV>,
    responded: Option<DateV>,
    resolved: Option<DateV>,
    status: &'static str,
    complexity: &'static str,
    satisfaction: &'static str,
    /// 1–5 for the Facebook inbox, 0 = not rated.
    rating: u8,
    person: Person,
    content: &'static str,
    /// "Kính gửi Ban Quản lý;\n" prefix: an embedded `;` and newline (Facebook inbox).
    greeting: bool,
    modes: [u8; 7],
    /// The optional columns of the Inspectorate's forms (docs/FORMS.md).
    forms: FormFields,
}

/// Optional register columns read for the Inspectorate's forms. They are drawn from a stream of
/// their own (a hash of the seed and the row), so adding them left every other value as it was.
#[derive(Debug, Clone, Copy, Default)]
struct FormFields {
    competence: &'static str,
    attempt: &'static str,
    outcome: &'static str,
    signers: &'static str,
}

/// A uniform number in [0, 1) from the seed, the row and a draw number (SplitMix64 finaliser).
fn form_draw(seed: u64, stt: usize, k: u64) -> f64 {
    let mut z = seed
        .wrapping_add((stt as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(k.wrapping_mul(0xD1B5_4A32_D192_ED03));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// The form columns of a case, consistent with its kind and status: cases transferred or guided
/// are outside competence; every settled khiếu nại or tố cáo has an outcome (right / wrong /
/// partly for a first decision, upheld / overturned for a second complaint).
fn form_fields(seed: u64, stt: usize, kind_g: usize, status: &str, resolved: bool) -> FormFields {
    let d = |k| form_draw(seed, stt, k);
    let competence = match status {
        "Đã chuyển đơn" | "Hướng dẫn" => "Không thuộc thẩm quyền",
        "Lưu đơn" => "",
        _ if d(1) < 0.9 => "Thuộc thẩm quyền",
        _ => "",
    };
    let a = d(2);
    let attempt = match kind_g {
        K_TC if a < 0.82 => "Lần đầu",
        K_TC => "Tố cáo tiếp",
        K_KNAI if a < 0.78 => "Lần đầu",
        K_KNAI if a < 0.96 => "Lần 2",
        K_KNAI => "Nhiều lần",
        _ if a < 0.88 => "Lần đầu",
        _ if a < 0.97 => "2",
        _ => "Nhiều lần",
    };
    let settled = resolved && matches!(status, "Đã giải quyết" | "Hoàn thành" | "Đã trả lời" | "");
    let o = d(3);
    let outcome = match kind_g {
        K_KNAI if settled && attempt == "Lần đầu" => {
            if o < 0.25 {
                "Đúng"
            } else if o < 0.75 {
                "Sai"
            } else {
                "Đúng một phần"
            }
        }
        K_KNAI if settled => {
            if o < 0.7 {
                "Công nhận quyết định lần đầu"
            } else {
                "Hủy, sửa quyết định lần đầu"
            }
        }
        K_TC if settled => {
            if o < 0.3 {
                "Đúng"
            } else if o < 0.7 {
                "Sai"
            } else {
                "Có đúng có sai"
            }
        }
        _ => "",
    };
    let g = d(4);
    let signers = if g < 0.9 {
        "1"
    } else if g < 0.95 {
        "Nhiều người"
    } else if g < 0.98 {
        "5"
    } else {
        "Đơn khác"
    };
    FormFields {
        competence,
        attempt,
        outcome,
        signers,
    }
}

#[allow(clippy::large_enum_variant)]
enum Row {
    Blank,
    Case(Case),
}

// ------------------------------------------------------------------------------------------------
// Generator: yields rows in receipt order
// ------------------------------------------------------------------------------------------------

struct Generator {
    style: SampleStyle,
    prefix: String,
    rng: Rng,
    n: usize,
    n_bad: usize,
    from_day: i32,
    to_day: i32,
    as_of_day: i32,
    /// Cases per day of [from, to].
    counts: Vec<u32>,
    /// Channel-group weights given a weekday / a weekend day.
    ch_weekday: Vec<u32>,
    ch_weekend: Vec<u32>,
    groups: Vec<(f64, f64, Variants)>,
    day_idx: usize,
    cur_day: i32,
    slots: Vec<(u32, u8)>,
    slot_pos: usize,
    last_slot: (i32, u32, u8),
    case_i: usize,
    bad_k: usize,
    blank_at: Vec<usize>,
    blank_done: usize,
    stt: usize,
    id_year: i32,
    id_n: u32,
    last_id: Option<Id>,
    rows_written: usize,
    cases_written: usize,
    bad_written: usize,
    /// Seed of the form columns' own stream (`form_fields`).
    seed: u64,
}

impl Generator {
    fn new(opts: &SampleOptions) -> Result<Self> {
        let from_day = day_of(opts.from);
        let as_of_day = day_of(opts.as_of);
        let to_day = day_of(opts.to).min(as_of_day);
        if to_day < from_day {
            return Err(Error::Usage(format!(
                "khoảng ngày mẫu rỗng: từ {} đến {} (ngày xuất {}) (empty sample date range: --from must not be after --to or the export date)",
                opts.from.format("%d/%m/%Y"),
                opts.to.format("%d/%m/%Y"),
                opts.as_of.format("%d/%m/%Y"),
            )));
        }
        let mut rng = Rng::new(opts.seed);
        let groups: Vec<(f64, f64, Variants)> = match opts.style {
            SampleStyle::Register => CHANNELS.to_vec(),
            SampleStyle::FacebookInbox => vec![FB_CHANNEL],
        };
        let ndays = (to_day - from_day + 1) as usize;
        let season_w: Vec<f64> = (0..ndays)
            .map(|i| season(from_day + i as i32, from_day))
            .collect();
        let (mut w_wd, mut w_we) = (0.0, 0.0);
        for (i, w) in season_w.iter().enumerate() {
            if is_weekend(from_day + i as i32) {
                w_we += w;
            } else {
                w_wd += w;
            }
        }
        // Choose per-group weights p' so that the channel shares come out at their targets after
        // the weekend factor: share_g ∝ p'_g · (W_weekday + ω_g · W_weekend).
        let prime: Vec<f64> = groups
            .iter()
            .map(|&(p, omega, _)| p / (w_wd + omega * w_we))
            .collect();
        let sum_wd: f64 = prime.iter().sum();
        let sum_we: f64 = prime.iter().zip(&groups).map(|(p, g)| p * g.1).sum();
        let max_p = prime.iter().cloned().fold(0.0, f64::max);
        let ch_weekday = prime
            .iter()
            .map(|p| ((p / max_p) * 1e6) as u32 + 1)
            .collect();
        let ch_weekend = prime
            .iter()
            .zip(&groups)
            .map(|(p, g)| ((p * g.1 / max_p) * 1e6) as u32 + 1)
            .collect();
        let day_w: Vec<f64> = season_w
            .iter()
            .enumerate()
            .map(|(i, w)| {
                w * if is_weekend(from_day + i as i32) {
                    sum_we
                } else {
                    sum_wd
                }
            })
            .collect();
        let max_w = day_w.iter().cloned().fold(0.0, f64::max);
        let mut cumulative = Vec::with_capacity(ndays);
        let mut acc = 0u64;
        for w in &day_w {
            acc += ((w / max_w) * 1e6) as u64 + 1;
            cumulative.push(acc);
        }
        let mut counts = vec![0u32; ndays];
        for _ in 0..opts.cases {
            let x = rng.below(acc);
            let i = cumulative.partition_point(|&c| c <= x);
            counts[i] += 1;
        }
        let n = opts.cases;
        let blank_at = match opts.style {
            SampleStyle::FacebookInbox => vec![],
            SampleStyle::Register if n >= 6 => vec![n / 3, 2 * n / 3],
            SampleStyle::Register if n >= 2 => vec![n / 2],
            SampleStyle::Register => vec![],
        };
        let prefix = if opts.id_prefix.trim().is_empty() {
            match opts.style {
                SampleStyle::Register => "BQL".to_string(),
                SampleStyle::FacebookInbox => "FB".to_string(),
            }
        } else {
            opts.id_prefix.trim().to_string()
        };
        Ok(Generator {
            style: opts.style,
            prefix,
            rng,
            n,
            n_bad: opts.bad_rows,
            from_day,
            to_day,
            as_of_day,
            counts,
            ch_weekday,
            ch_weekend,
            groups,
            day_idx: 0,
            cur_day: from_day,
            slots: Vec::new(),
            slot_pos: 0,
            last_slot: (to_day, 9 * 3600, 0),
            case_i: 0,
            bad_k: 0,
            blank_at,
            blank_done: 0,
            stt: 0,
            id_year: i32::MIN,
            id_n: 0,
            last_id: None,
            rows_written: 0,
            cases_written: 0,
            bad_written: 0,
            seed: opts.seed,
        })
    }

    /// Rows the generator will produce below the header (including the Register total row).
    fn rows_below_header(&self) -> usize {
        let total_row = usize::from(self.style == SampleStyle::Register);
        self.n + self.n_bad + self.blank_at.len() + total_row
    }

    /// 0-based row of the first data row (below title rows and header).
    fn first_data_row(&self) -> u32 {
        match self.style {
            SampleStyle::Register => 5,
            SampleStyle::FacebookInbox => 1,
        }
    }

    fn bad_pos(&self, k: usize) -> usize {
        ((k as u64 + 1) * self.n as u64 / (self.n_bad as u64 + 1)) as usize
    }

    /// Makes sure a slot (receipt time and channel group) is available for the next case.
    fn ensure_slot(&mut self) -> Option<(i32, u32, u8)> {
        while self.slot_pos >= self.slots.len() {
            while self.day_idx < self.counts.len() && self.counts[self.day_idx] == 0 {
                self.day_idx += 1;
            }
            if self.day_idx >= self.counts.len() {
                return None;
            }
            let day = self.from_day + self.day_idx as i32;
            let k = self.counts[self.day_idx];
            self.day_idx += 1;
            self.cur_day = day;
            self.slots.clear();
            self.slot_pos = 0;
            let weekend = is_weekend(day);
            for _ in 0..k {
                let g = if weekend {
                    self.rng.weighted(&self.ch_weekend)
                } else {
                    self.rng.weighted(&self.ch_weekday)
                };
                let online = matches!(self.style, SampleStyle::FacebookInbox)
                    || matches!(g, G_FACEBOOK | G_EMAIL | G_PORTAL);
                let secs = receipt_time(&mut self.rng, online);
                self.slots.push((secs, g as u8));
            }
            self.slots.sort_unstable();
        }
        let (secs, g) = self.slots[self.slot_pos];
        Some((self.cur_day, secs, g))
    }

    fn next_id(&mut self, day: i32) -> Id {
        let year = civil(day).0;
        if year != self.id_year {
            self.id_year = year;
            self.id_n = 0;
        }
        self.id_n += 1;
        Id::Seq { year, n: self.id_n }
    }

    fn next_row(&mut self) -> Option<Row> {
        if self.blank_done < self.blank_at.len() && self.blank_at[self.blank_done] == self.case_i {
            self.blank_done += 1;
            self.rows_written += 1;
            return Some(Row::Blank);
        }
        if self.bad_k < self.n_bad && self.bad_pos(self.bad_k) == self.case_i {
            let bad = BAD_ROTATION[self.bad_k % BAD_ROTATION.len()];
            self.bad_k += 1;
            let slot = if self.case_i < self.n {
                self.ensure_slot().unwrap_or(self.last_slot)
            } else {
                self.last_slot
            };
            // A bad row draws its own channel group.
            let g = self.rng.weighted(&self.ch_weekday) as u8;
            let case = self.gen_case(slot.0, slot.1, g, Some(bad));
            self.rows_written += 1;
            self.bad_written += 1;
            return Some(Row::Case(case));
        }
        if self.case_i >= self.n {
            return None;
        }
        let slot = self.ensure_slot()?;
        self.slot_pos += 1;
        self.last_slot = slot;
        let case = self.gen_case(slot.0, slot.1, slot.2, None);
        self.case_i += 1;
        self.rows_written += 1;
        self.cases_written += 1;
        Some(Row::Case(case))
    }

    fn gen_case(&mut self, day: i32, secs: u32, group: u8, bad: Option<Bad>) -> Case {
        let fb = self.style == SampleStyle::FacebookInbox;
        let as_of = self.as_of_day;
        let rng = &mut self.rng;
        let group = group as usize;

        // Channel (a handful of unknown values in the Register style).
        let forced_unknown = !fb && bad.is_none() && self.n >= 20 && self.case_i == self.n / 2;
        let unknown = rng.chance(0.0006);
        let mut channel = rng.pick(self.groups[group].2);
        if !fb && bad.is_none() && (unknown || forced_unknown) {
            channel = rng.pick(&UNKNOWN_CHANNELS);
        }

        // Kind.
        let kind_g = rng.weighted(&KIND_WEIGHTS);
        let variant = rng.f64();
        let kind = match kind_g {
            K_PA => {
                if variant < 0.03 {
                    "PA"
                } else {
                    "Phản ánh"
                }
            }
            K_KN => {
                if variant < 0.03 {
                    "KN"
                } else {
                    "Kiến nghị"
                }
            }
            K_KNAI => {
                if variant < 0.3 {
                    "Đơn khiếu nại"
                } else {
                    "Khiếu nại"
                }
            }
            _ => {
                if variant < 0.3 {
                    "Đơn tố cáo"
                } else {
                    "Tố cáo"
                }
            }
        };

        // Category and department.
        let cat_weights: [u32; 10] = std::array::from_fn(|i| CATEGORIES[i].1);
        let cat = rng.weighted(&cat_weights);
        let (category, _, dept_choices, templates) = CATEGORIES[cat];
        let dept = rng.pick(dept_choices);
        let slow = SLOW[dept];
        let department_spelling = if rng.chance(0.04) {
            DEPARTMENT_VARIANTS[dept][rng.below(2) as usize]
        } else {
            DEPARTMENTS[dept]
        };

        // Complexity and resolution term (days from thụ lý).
        let (complexity, term) = match kind_g {
            K_KNAI => rng.pick(&[(("", 30), 55), (("Không", 30), 25), (("Phức tạp", 45), 20)]),
            K_TC => rng.pick(&[
                (("", 30), 55),
                (("Không", 30), 25),
                (("Phức tạp", 60), 15),
                (("Đặc biệt phức tạp", 90), 5),
            ]),
            _ => ("", 0),
        };
        let accept_limit = match kind_g {
            K_KNAI if day >= knai_limit_change() => 7,
            K_KNAI => 10,
            K_TC => 7,
            _ => 0,
        };

        // Timeline as planned, before cutting at `as_of`.
        let first_wd = roll(day);
        let assigned_day = match rng.weighted(&[55, 30, 15]) {
            0 => first_wd,
            1 => add_wd(day, 1),
            _ => add_wd(day, rng.range(2, 5)),
        };
        // 0 main line, 1 transferred out, 2 guided, 3 withdrawn, 4 archived.
        let closure = rng.weighted(&[87, 5, 4, 2, 2]);
        let late = rng.chance(LATE_P[dept]);
        let stuck = closure == 0 && rng.chance(STUCK_P[dept]);
        let mut accepted_day = None;
        let res_day = match closure {
            0 if kind_g == K_PA || kind_g == K_KN => {
                let u = if late {
                    12 + rng.range(0, 6) + rng.range(0, 12)
                } else {
                    rng.weighted(&[4, 8, 11, 12, 12, 11, 10, 9, 8, 8, 7]) as i32
                };
                add_wd(day, u)
            }
            0 => {
                let a = if rng.chance(0.04) {
                    accept_limit + rng.range(1, 5)
                } else {
                    rng.range(1, accept_limit)
                };
                let acc = add_wd(day, a);
                accepted_day = Some(acc);
                let legal = roll(acc + term);
                if late {
                    roll(legal + rng.range(1, 10) + rng.range(0, 25))
                } else {
                    roll(acc + rng.range(7, term))
                }
            }
            1 | 2 => add_wd(day, rng.range(0, 5)),
            3 => add_wd(day, rng.range(2, 20)),
            _ => add_wd(day, rng.range(0, 8)),
        };
        let response_wd = match rng.weighted(&[10, 80, 5, 5]) {
            0 => Some(0),
            1 => Some(rng.range(1, 6)),
            2 => Some(rng.range(11, 20)),
            _ => None,
        };
        let mut responded_day = response_wd.map(|r| add_wd(day, r));
        if closure != 0 {
            responded_day = Some(res_day);
        }

        let age = as_of - day;
        let recent_open = age <= 21 && rng.chance(0.92 - 0.02 * age as f64);
        let open = stuck || res_day > as_of || recent_open;
        let status_draw = rng.f64();
        let new_case = open && age <= 3 && rng.chance(0.6);
        let unassigned = new_case && rng.chance(0.7);

        let (status, resolved_day) = if open {
            (if new_case { OPEN_NEW } else { OPEN_ONGOING }, None)
        } else {
            let status = match closure {
                0 if kind_g == K_PA || kind_g == K_KN => {
                    if status_draw < 0.45 {
                        "Đã giải quyết"
                    } else if status_draw < 0.75 {
                        "Đã trả lời"
                    } else {
                        "Hoàn thành"
                    }
                }
                0 => {
                    if status_draw < 0.7 {
                        "Đã giải quyết"
                    } else {
                        "Hoàn thành"
                    }
                }
                1 => "Đã chuyển đơn",
                2 => "Hướng dẫn",
                3 => "Rút đơn",
                _ => "Lưu đơn",
            };
            // A clerk sometimes leaves the status blank; the completion date still tells.
            let status = if rng.chance(0.005) { "" } else { status };
            (status, Some(res_day))
        };

        // Cut every event at `as_of` and at the completion date.
        let cap = resolved_day.unwrap_or(as_of);
        let department = if unassigned { "" } else { department_spelling };
        let assigned = (!unassigned && assigned_day <= as_of).then(|| assigned_day.min(cap));
        let accepted = accepted_day.filter(|&d| d <= cap && !new_case);
        let responded = responded_day
            .map(|d| d.min(cap))
            .filter(|&d| d <= as_of && !new_case);

        // Recorded deadline in about 60 % of the rows (not yet for brand-new cases).
        let due = if rng.chance(0.6) && !new_case {
            let legal = match kind_g {
                K_PA | K_KN => add_wd(day, 10),
                _ => roll(accepted_day.unwrap_or_else(|| add_wd(day, accept_limit)) + term),
            };
            Some(if rng.chance(0.04) {
                legal + rng.range(3, 15)
            } else {
                legal
            })
        } else {
            None
        };

        // Satisfaction on about half of the main-line resolved cases.
        let (satisfaction, rating) = if resolved_day.is_some() && closure == 0 && rng.chance(0.5) {
            let weights: &[u32] = if slow || late {
                &[15, 35, 25, 25]
            } else {
                &[35, 45, 12, 8]
            };
            let s = rng.weighted(weights);
            let rating = match s {
                0 => 5,
                1 => 4,
                2 => 3,
                _ => 1 + rng.below(2) as u8,
            };
            (SATISFACTION[s], rating)
        } else {
            ("", 0)
        };

        // Personal data, clearly synthetic.
        let company = rng.chance(if kind_g == K_KN { 0.25 } else { 0.08 });
        let family = rng.pick(&FAMILY);
        let middle = MIDDLE[rng.below(MIDDLE.len() as u64) as usize];
        let num = rng.below(10_000) as u32;
        let phone_p = match group {
            G_HOTLINE => 0.95,
            G_IN_PERSON => 0.8,
            G_FACEBOOK => 0.3,
            _ => 0.4,
        };
        let phone = if rng.chance(phone_p) {
            if rng.chance(0.5) {
                Phone::Spaced(rng.below(1000) as u32)
            } else {
                Phone::Compact(rng.below(100_000) as u32)
            }
        } else {
            Phone::None
        };
        let house = if rng.chance(0.55) {
            rng.range(1, 199) as u32
        } else {
            0
        };
        let email = group == G_EMAIL || rng.chance(0.03);
        let content = templates[rng.below(templates.len() as u64) as usize];
        let greeting = fb && rng.chance(0.15);
        let mut modes = [0u8; 7];
        if fb {
            for m in &mut modes {
                let r = rng.f64();
                if r < 1.0 / 3.0 {
                    *m |= M_NFD;
                }
                let odd = rng.f64();
                if odd < 0.03 {
                    *m |= M_UPPER;
                } else if odd < 0.06 {
                    *m |= M_SPACED;
                }
            }
        }

        // Dates as written: time of day and text cells on a few (xlsx only).
        let other_time = |rng: &mut Rng, d: i32| -> DateV {
            let has_time = d > day && rng.chance(0.1);
            let secs = if has_time { work_time(rng) } else { 0 };
            let as_text = rng.chance(0.05);
            DateV {
                day: d,
                secs,
                has_time,
                as_text,
            }
        };
        let plain = |rng: &mut Rng, d: i32| -> DateV {
            let as_text = rng.chance(0.05);
            DateV {
                as_text,
                ..DateV::date(d)
            }
        };
        let received = DateV {
            day,
            secs,
            has_time: true,
            as_text: false,
        };
        let mut case = Case {
            stt: 0,
            id: Id::Blank,
            bad,
            received,
            channel,
            kind,
            category,
            department,
            assigned: assigned.map(|d| plain(rng, d)),
            accepted: accepted.map(|d| plain(rng, d)),
            due: due.map(|d| plain(rng, d)),
            responded: responded.map(|d| other_time(rng, d)),
            resolved: resolved_day.map(|d| other_time(rng, d)),
            status,
            complexity,
            satisfaction,
            rating,
            person: Person {
                company,
                family,
                middle,
                num,
                phone,
                house,
                email,
            },
            content,
            greeting,
            modes,
            forms: FormFields::default(),
        };

        // The defect of a bad row (exactly one each).
        match bad {
            None | Some(Bad::UnreadableReceipt | Bad::BlankId | Bad::DuplicateId) => {}
            Some(Bad::UnknownKind) => case.kind = UNKNOWN_KIND,
            Some(Bad::ResolvedBeforeReceipt) => {
                let k = (day - self.from_day).clamp(1, 10);
                let k = self.rng.range(1, k);
                case.status = "Đã giải quyết";
                case.resolved = Some(DateV::date(day - k));
                case.responded = None;
                case.assigned = None;
                case.accepted = None;
                case.satisfaction = "";
                case.rating = 0;
            }
            Some(Bad::ClosedWithoutResolved) => {
                case.status = "Đã giải quyết";
                case.resolved = None;
                case.satisfaction = "";
                case.rating = 0;
            }
        }
        case.id = match bad {
            Some(Bad::BlankId) => Id::Blank,
            Some(Bad::DuplicateId) => self.last_id.unwrap_or(Id::Blank),
            _ => self.next_id(day),
        };
        if case.id != Id::Blank {
            self.last_id = Some(case.id);
        }
        self.stt += 1;
        case.stt = self.stt;
        case.forms = form_fields(
            self.seed,
            self.stt,
            kind_g,
            case.status,
            case.resolved.is_some(),
        );
        case
    }
}

/// Receipt time of day: mostly office hours 07:30–17:00; online channels spread wider.
fn receipt_time(rng: &mut Rng, online: bool) -> u32 {
    let off_hours = if online { 0.30 } else { 0.06 };
    if rng.chance(off_hours) {
        if online {
            rng.range(6 * 3600, 23 * 3600 + 1800) as u32
        } else if rng.chance(0.5) {
            rng.range(6 * 3600 + 1800, 7 * 3600 + 1799) as u32
        } else {
            rng.range(17 * 3600, 19 * 3600) as u32
        }
    } else {
        work_time(rng)
    }
}

fn work_time(rng: &mut Rng) -> u32 {
    (match rng.weighted(&[55, 8, 37]) {
        0 => rng.range(7 * 3600 + 1800, 11 * 3600 + 1799),
        1 => rng.range(11 * 3600 + 1800, 13 * 3600 + 1799),
        _ => rng.range(13 * 3600 + 1800, 17 * 3600),
    }) as u32
}

// ------------------------------------------------------------------------------------------------
// Text formatting (allocation-free on the hot path)
// ------------------------------------------------------------------------------------------------

fn push_2(s: &mut String, n: u32) {
    s.push((b'0' + (n / 10 % 10) as u8) as char);
    s.push((b'0' + (n % 10) as u8) as char);
}

fn push_padded(s: &mut String, n: u64, width: usize) {
    let mut digits = [0u8; 20];
    let mut len = 0;
    let mut v = n;
    loop {
        digits[len] = b'0' + (v % 10) as u8;
        len += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for _ in len..width {
        s.push('0');
    }
    for i in (0..len).rev() {
        s.push(digits[i] as char);
    }
}

fn push_date(s: &mut String, day: i32) {
    let (y, m, d) = civil(day);
    push_2(s, d);
    s.push('/');
    push_2(s, m);
    s.push('/');
    push_padded(s, y.max(0) as u64, 4);
}

fn push_time(s: &mut String, secs: u32, with_seconds: bool) {
    push_2(s, secs / 3600);
    s.push(':');
    push_2(s, secs / 60 % 60);
    if with_seconds {
        s.push(':');
        push_2(s, secs % 60);
    }
}

fn push_id(s: &mut String, prefix: &str, id: Id) {
    if let Id::Seq { year, n } = id {
        s.push_str(prefix);
        s.push('-');
        push_padded(s, year.max(0) as u64, 4);
        s.push('-');
        push_padded(s, n as u64, 6);
    }
}

fn push_name(s: &mut String, p: &Person) {
    if p.company {
        s.push_str("Công ty TNHH Mẫu ");
    } else {
        s.push_str(p.family);
        s.push(' ');
        s.push_str(p.middle);
        s.push_str(" Mẫu ");
    }
    push_padded(s, p.num as u64, 4);
}

fn push_phone(s: &mut String, phone: Phone) {
    match phone {
        Phone::None => {}
        Phone::Spaced(n) => {
            s.push_str("0900 000 ");
            push_padded(s, n as u64, 3);
        }
        Phone::Compact(n) => {
            s.push_str("09000");
            push_padded(s, n as u64, 5);
        }
    }
}

fn push_address(s: &mut String, house: u32) {
    if house > 0 {
        s.push_str("Số ");
        push_padded(s, house as u64, 1);
        s.push_str(", đường Mẫu, KCN Thử nghiệm, Hải Phòng");
    }
}

fn push_content(s: &mut String, c: &Case, fb: bool) {
    if c.greeting {
        s.push_str("Kính gửi Ban Quản lý;\n");
    }
    s.push_str(c.content);
    if c.person.email {
        s.push_str(" Liên hệ: nguoidan");
        push_padded(s, c.person.num as u64, 4);
        s.push_str("@example.vn.");
    }
    if fb && !matches!(c.person.phone, Phone::None) {
        s.push_str(" SĐT: ");
        push_phone(s, c.person.phone);
        s.push('.');
    }
}

/// Writes `text` in a Facebook-inbox text mode: NFD, upper case, odd spacing.
fn push_text(s: &mut String, text: &str, mode: u8, scratch: &mut String) {
    if mode == 0 || text.is_empty() {
        s.push_str(text);
        return;
    }
    scratch.clear();
    if mode & M_UPPER != 0 {
        scratch.push_str(&text.to_uppercase());
    } else if mode & M_SPACED != 0 {
        scratch.push_str("  ");
        for ch in text.to_lowercase().chars() {
            if ch == ' ' {
                scratch.push_str("   ");
            } else {
                scratch.push(ch);
            }
        }
        scratch.push(' ');
    } else {
        scratch.push_str(text);
    }
    if mode & M_NFD != 0 {
        s.extend(scratch.nfd());
    } else {
        s.push_str(scratch);
    }
}

/// One CSV record built in a reused buffer.
struct Rec {
    buf: String,
    ends: Vec<usize>,
    scratch: String,
    scratch2: String,
}

impl Rec {
    fn new() -> Self {
        Rec {
            buf: String::with_capacity(1024),
            ends: Vec::with_capacity(32),
            scratch: String::with_capacity(512),
            scratch2: String::with_capacity(512),
        }
    }
    fn clear(&mut self) {
        self.buf.clear();
        self.ends.clear();
    }
    fn end(&mut self) {
        self.ends.push(self.buf.len());
    }
    fn str(&mut self, s: &str) {
        self.buf.push_str(s);
        self.end();
    }
    fn text(&mut self, s: &str, mode: u8) {
        push_text(&mut self.buf, s, mode, &mut self.scratch2);
        self.end();
    }
    fn date(&mut self, d: Option<DateV>) {
        if let Some(d) = d {
            push_date(&mut self.buf, d.day);
        }
        self.end();
    }
    fn fields(&self) -> impl Iterator<Item = &[u8]> {
        let bytes = self.buf.as_bytes();
        let mut start = 0;
        self.ends.iter().map(move |&e| {
            let f = &bytes[start..e];
            start = e;
            f
        })
    }
}

fn fill_register_csv(rec: &mut Rec, c: &Case, prefix: &str) {
    rec.clear();
    push_padded(&mut rec.buf, c.stt as u64, 1);
    rec.end();
    push_id(&mut rec.buf, prefix, c.id);
    rec.end();
    if c.bad == Some(Bad::UnreadableReceipt) {
        rec.buf.push_str("31/02/");
        push_padded(&mut rec.buf, civil(c.received.day).0.max(0) as u64, 4);
    } else {
        push_date(&mut rec.buf, c.received.day);
        rec.buf.push(' ');
        push_time(&mut rec.buf, c.received.secs, false);
    }
    rec.end();
    rec.str(c.channel);
    rec.str(c.kind);
    rec.str(c.category);
    rec.str(c.department);
    rec.date(c.assigned);
    rec.date(c.accepted);
    rec.date(c.due);
    rec.date(c.responded);
    rec.date(c.resolved);
    rec.str(c.status);
    rec.str(c.complexity);
    rec.str(c.satisfaction);
    rec.str(c.forms.competence);
    rec.str(c.forms.attempt);
    rec.str(c.forms.outcome);
    rec.str(c.forms.signers);
    push_name(&mut rec.buf, &c.person);
    rec.end();
    push_phone(&mut rec.buf, c.person.phone);
    rec.end();
    push_address(&mut rec.buf, c.person.house);
    rec.end();
    push_content(&mut rec.buf, c, false);
    rec.end();
}

fn fill_fb_csv(rec: &mut Rec, c: &Case, prefix: &str) {
    rec.clear();
    push_id(&mut rec.buf, prefix, c.id);
    rec.end();
    if c.bad == Some(Bad::UnreadableReceipt) {
        rec.buf.push_str("31/02/");
        push_padded(&mut rec.buf, civil(c.received.day).0.max(0) as u64, 4);
        rec.buf.push(' ');
    } else {
        push_date(&mut rec.buf, c.received.day);
        rec.buf.push(' ');
    }
    push_time(&mut rec.buf, c.received.secs, true);
    rec.end();
    rec.text(c.channel, c.modes[T_CHANNEL]);
    rec.text(c.kind, c.modes[T_KIND]);
    rec.text(c.category, c.modes[T_CATEGORY]);
    rec.text(c.department, c.modes[T_DEPT]);
    rec.date(c.assigned);
    rec.date(c.due);
    rec.date(c.responded);
    rec.date(c.resolved);
    rec.text(c.status, c.modes[T_STATUS]);
    if c.rating > 0 {
        push_padded(&mut rec.buf, c.rating as u64, 1);
    }
    rec.end();
    rec.str(c.forms.attempt);
    rec.str(c.forms.outcome);
    rec.scratch.clear();
    push_name(&mut rec.scratch, &c.person);
    let name = std::mem::take(&mut rec.scratch);
    rec.text(&name, c.modes[T_NAME]);
    rec.scratch = name;
    rec.scratch.clear();
    push_content(&mut rec.scratch, c, true);
    let content = std::mem::take(&mut rec.scratch);
    rec.text(&content, c.modes[T_CONTENT]);
    rec.scratch = content;
}

fn period_line(g: &Generator) -> String {
    let mut s = String::from("(Từ ngày ");
    push_date(&mut s, g.from_day);
    s.push_str(" đến ngày ");
    push_date(&mut s, g.to_day);
    s.push(')');
    s
}

fn temp_path(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    out.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

// ------------------------------------------------------------------------------------------------
// CSV
// ------------------------------------------------------------------------------------------------

fn write_csv(g: &mut Generator, tmp: &Path, out: &Path) -> Result<()> {
    let io_err = |e: &dyn std::fmt::Display| {
        Error::file(out, format!("không ghi được tệp (cannot write file): {e}"))
    };
    let file = File::create(tmp).map_err(|e| io_err(&e))?;
    let mut w = BufWriter::with_capacity(1 << 17, file);
    let fb = g.style == SampleStyle::FacebookInbox;
    if fb {
        w.write_all(b"\xEF\xBB\xBF").map_err(|e| io_err(&e))?;
    }
    let mut wtr = csv::WriterBuilder::new()
        .delimiter(if fb { b';' } else { b',' })
        .terminator(csv::Terminator::CRLF)
        .from_writer(w);
    let prefix = g.prefix.clone();
    let width = if fb {
        FB_HEADER.len()
    } else {
        REGISTER_HEADER.len()
    };
    let blank: Vec<&str> = vec![""; width];
    if fb {
        wtr.write_record(FB_HEADER).map_err(|e| io_err(&e))?;
    } else {
        let period = period_line(g);
        for title in [REGISTER_TITLE[0], REGISTER_TITLE[1], period.as_str()] {
            let mut row = blank.clone();
            row[0] = title;
            wtr.write_record(&row).map_err(|e| io_err(&e))?;
        }
        wtr.write_record(&blank).map_err(|e| io_err(&e))?;
        wtr.write_record(REGISTER_HEADER).map_err(|e| io_err(&e))?;
    }
    let mut rec = Rec::new();
    while let Some(row) = g.next_row() {
        match row {
            Row::Blank => wtr.write_record(&blank).map_err(|e| io_err(&e))?,
            Row::Case(c) => {
                if fb {
                    fill_fb_csv(&mut rec, &c, &prefix);
                } else {
                    fill_register_csv(&mut rec, &c, &prefix);
                }
                wtr.write_record(rec.fields()).map_err(|e| io_err(&e))?;
            }
        }
    }
    if !fb {
        let count = g.cases_written.to_string();
        let mut row = blank.clone();
        row[0] = "Tổng cộng";
        row[2] = &count;
        wtr.write_record(&row).map_err(|e| io_err(&e))?;
        g.rows_written += 1;
    }
    let w = wtr.into_inner().map_err(|e| io_err(&e.error()))?;
    w.into_inner().map_err(|e| io_err(&e.error()))?;
    Ok(())
}

// ------------------------------------------------------------------------------------------------
// XLSX
// ------------------------------------------------------------------------------------------------

/// Falls back to a normal worksheet when rust_xlsxwriter is built without its `constant_memory`
/// feature. Inherent methods win over trait methods in method resolution, so with the feature
/// enabled `workbook.add_worksheet_with_constant_memory()` calls the library's own method and this
/// trait is unused; without it, the file is the same but the whole sheet is held in memory.
#[allow(dead_code)]
trait ConstantMemoryFallback {
    fn add_worksheet_with_constant_memory(
        &mut self,
    ) -> std::result::Result<&mut Worksheet, XlsxError>;
}

#[allow(dead_code)]
impl ConstantMemoryFallback for Workbook {
    fn add_worksheet_with_constant_memory(
        &mut self,
    ) -> std::result::Result<&mut Worksheet, XlsxError> {
        Ok(self.add_worksheet())
    }
}

/// Days between 1899-12-30 (Excel's day 0) and 1970-01-01.
const EXCEL_EPOCH_OFFSET: f64 = 25_569.0;

fn excel_serial(day: i32, secs: u32) -> f64 {
    day as f64 + EXCEL_EPOCH_OFFSET + secs as f64 / 86_400.0
}

fn write_xlsx(g: &mut Generator, tmp: &Path, out: &Path) -> Result<()> {
    let xerr = |e: XlsxError| {
        Error::file(
            out,
            format!("không ghi được tệp Excel (cannot write the xlsx file): {e}"),
        )
    };
    let fb = g.style == SampleStyle::FacebookInbox;
    let (y, m, d) = civil(g.as_of_day);
    let created =
        ExcelDateTime::from_ymd(y.clamp(1900, 9999) as u16, m as u8, d as u8).map_err(xerr)?;
    let properties = DocProperties::new()
        .set_title("Sổ theo dõi PAKN — dữ liệu mẫu")
        .set_comment("Synthetic data generated by pakn-report sample; no real person.")
        .set_creation_datetime(&created);
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties);

    let title_fmt = Format::new().set_bold().set_font_size(13);
    let header_fmt = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let date_fmt = Format::new().set_num_format("dd/mm/yyyy");
    let datetime_fmt = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    let bold = Format::new().set_bold();

    let prefix = g.prefix.clone();
    let worksheet = workbook
        .add_worksheet_with_constant_memory()
        .map_err(xerr)?;
    worksheet
        .set_name(if fb {
            "Hộp thư Facebook"
        } else {
            "Sổ theo dõi"
        })
        .map_err(xerr)?;
    let (header, widths): (&[&str], &[f64]) = if fb {
        (&FB_HEADER, &FB_WIDTHS)
    } else {
        (&REGISTER_HEADER, &REGISTER_WIDTHS)
    };
    for (col, &w) in widths.iter().enumerate() {
        worksheet.set_column_width(col as u16, w).map_err(xerr)?;
    }
    let mut row: u32 = 0;
    if !fb {
        let period = period_line(g);
        for title in [REGISTER_TITLE[0], REGISTER_TITLE[1], period.as_str()] {
            worksheet
                .write_string_with_format(row, 0, title, &title_fmt)
                .map_err(xerr)?;
            row += 1;
        }
        row += 1; // blank row
    }
    for (col, h) in header.iter().enumerate() {
        worksheet
            .write_string_with_format(row, col as u16, *h, &header_fmt)
            .map_err(xerr)?;
    }
    worksheet.set_freeze_panes(row + 1, 0).map_err(xerr)?;
    row += 1;

    let mut s = String::with_capacity(512);
    let mut scratch = String::with_capacity(512);
    let mut scratch2 = String::with_capacity(512);
    while let Some(r) = g.next_row() {
        let c = match r {
            Row::Blank => {
                row += 1;
                continue;
            }
            Row::Case(c) => c,
        };
        // Text cell helper: skips empty strings.
        macro_rules! text {
            ($col:expr, $value:expr) => {{
                let v: &str = $value;
                if !v.is_empty() {
                    worksheet.write_string(row, $col, v).map_err(xerr)?;
                }
            }};
        }
        macro_rules! date {
            ($col:expr, $value:expr) => {{
                if let Some(d) = $value {
                    if d.as_text || fb {
                        s.clear();
                        push_date(&mut s, d.day);
                        worksheet.write_string(row, $col, &s).map_err(xerr)?;
                    } else if d.has_time {
                        worksheet
                            .write_number_with_format(
                                row,
                                $col,
                                excel_serial(d.day, d.secs - d.secs % 60),
                                &datetime_fmt,
                            )
                            .map_err(xerr)?;
                    } else {
                        worksheet
                            .write_number_with_format(row, $col, excel_serial(d.day, 0), &date_fmt)
                            .map_err(xerr)?;
                    }
                }
            }};
        }
        s.clear();
        push_id(&mut s, &prefix, c.id);
        let bad_receipt = c.bad == Some(Bad::UnreadableReceipt);
        if fb {
            text!(0, &s);
            s.clear();
            if bad_receipt {
                s.push_str("31/02/");
                push_padded(&mut s, civil(c.received.day).0.max(0) as u64, 4);
                s.push(' ');
            } else {
                push_date(&mut s, c.received.day);
                s.push(' ');
            }
            push_time(&mut s, c.received.secs, true);
            text!(1, &s);
            for (col, value, mode) in [
                (2u16, c.channel, c.modes[T_CHANNEL]),
                (3, c.kind, c.modes[T_KIND]),
                (4, c.category, c.modes[T_CATEGORY]),
                (5, c.department, c.modes[T_DEPT]),
            ] {
                s.clear();
                push_text(&mut s, value, mode, &mut scratch2);
                text!(col, &s);
            }
            date!(6, c.assigned);
            date!(7, c.due);
            date!(8, c.responded);
            date!(9, c.resolved);
            s.clear();
            push_text(&mut s, c.status, c.modes[T_STATUS], &mut scratch2);
            text!(10, &s);
            if c.rating > 0 {
                worksheet
                    .write_number(row, 11, c.rating as f64)
                    .map_err(xerr)?;
            }
            text!(12, c.forms.attempt);
            text!(13, c.forms.outcome);
            scratch.clear();
            push_name(&mut scratch, &c.person);
            s.clear();
            push_text(&mut s, &scratch, c.modes[T_NAME], &mut scratch2);
            text!(14, &s);
            scratch.clear();
            push_content(&mut scratch, &c, true);
            s.clear();
            push_text(&mut s, &scratch, c.modes[T_CONTENT], &mut scratch2);
            text!(15, &s);
        } else {
            worksheet.write_number(row, 0, c.stt as f64).map_err(xerr)?;
            text!(1, &s);
            if bad_receipt {
                s.clear();
                s.push_str("31/02/");
                push_padded(&mut s, civil(c.received.day).0.max(0) as u64, 4);
                text!(2, &s);
            } else {
                let r = c.received;
                worksheet
                    .write_number_with_format(
                        row,
                        2,
                        excel_serial(r.day, r.secs - r.secs % 60),
                        &datetime_fmt,
                    )
                    .map_err(xerr)?;
            }
            text!(3, c.channel);
            text!(4, c.kind);
            text!(5, c.category);
            text!(6, c.department);
            date!(7, c.assigned);
            date!(8, c.accepted);
            date!(9, c.due);
            date!(10, c.responded);
            date!(11, c.resolved);
            text!(12, c.status);
            text!(13, c.complexity);
            text!(14, c.satisfaction);
            text!(15, c.forms.competence);
            text!(16, c.forms.attempt);
            text!(17, c.forms.outcome);
            text!(18, c.forms.signers);
            s.clear();
            push_name(&mut s, &c.person);
            text!(19, &s);
            s.clear();
            push_phone(&mut s, c.person.phone);
            text!(20, &s);
            s.clear();
            push_address(&mut s, c.person.house);
            text!(21, &s);
            s.clear();
            push_content(&mut s, &c, false);
            text!(22, &s);
        }
        row += 1;
    }
    if !fb {
        worksheet
            .write_string_with_format(row, 0, "Tổng cộng", &bold)
            .map_err(xerr)?;
        worksheet
            .write_number_with_format(row, 2, g.cases_written as f64, &bold)
            .map_err(xerr)?;
        g.rows_written += 1;
    }
    workbook.save(tmp).map_err(xerr)?;
    Ok(())
}

// ------------------------------------------------------------------------------------------------
// Tests
// ------------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};
    use unicode_normalization::is_nfc;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn opts(cases: usize, seed: u64, style: SampleStyle, bad_rows: usize) -> SampleOptions {
        SampleOptions {
            cases,
            seed,
            from: date(2025, 1, 1),
            to: date(2026, 5, 31),
            style,
            bad_rows,
            id_prefix: match style {
                SampleStyle::Register => "BQL".into(),
                SampleStyle::FacebookInbox => "FB".into(),
            },
            as_of: date(2026, 5, 20),
        }
    }

    fn generate(o: &SampleOptions, ext: &str) -> (Vec<u8>, SampleReport) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("register.{ext}"));
        let report = write_sample(o, &path).unwrap();
        (std::fs::read(&path).unwrap(), report)
    }

    /// Rows of a Register CSV below the header row, plus the header.
    fn register_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let all: Vec<Vec<String>> = rdr
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        let h = all.iter().position(|r| r[0] == "STT").expect("header row");
        (all[h].clone(), all[h + 1..].to_vec())
    }

    fn parse_day(s: &str) -> Option<NaiveDate> {
        let d = s.get(..10)?;
        NaiveDate::parse_from_str(d, "%d/%m/%Y").ok()
    }

    fn channel_group(v: &str) -> &'static str {
        match v {
            "Đường dây nóng" | "Hotline" | "Điện thoại" => "hotline",
            "Facebook" | "Fanpage" | "Trang Facebook" | "Messenger" => "facebook",
            "Trực tiếp" | "Tiếp công dân" => "in_person",
            "Đơn thư" | "Bưu điện" | "Văn bản" => "letter",
            "Email" | "Thư điện tử" => "email",
            "Cổng thông tin điện tử" | "Cổng dịch vụ công" => "portal",
            "UBND chuyển" | "Thanh tra chuyển" | "Cơ quan khác chuyển đến" => {
                "transferred"
            }
            _ => "other",
        }
    }

    fn kind_group(v: &str) -> Option<&'static str> {
        match v {
            "Phản ánh" | "PA" => Some("phan_anh"),
            "Kiến nghị" | "KN" => Some("kien_nghi"),
            "Khiếu nại" | "Đơn khiếu nại" => Some("khieu_nai"),
            "Tố cáo" | "Đơn tố cáo" => Some("to_cao"),
            _ => None,
        }
    }

    const CLOSED: [&str; 7] = [
        "Đã giải quyết",
        "Đã trả lời",
        "Hoàn thành",
        "Đã chuyển đơn",
        "Hướng dẫn",
        "Rút đơn",
        "Lưu đơn",
    ];

    fn is_total_or_blank(r: &[String]) -> bool {
        r.iter().all(|f| f.is_empty()) || r[0] == "Tổng cộng"
    }

    #[test]
    fn prng_matches_reference_vectors() {
        // SplitMix64 reference (seed 1234567) and xoshiro256** from state {1, 2, 3, 4}.
        let mut sm = 1_234_567u64;
        assert_eq!(splitmix64(&mut sm), 6_457_827_717_110_365_317);
        assert_eq!(splitmix64(&mut sm), 3_203_168_211_198_807_973);
        let mut r = Rng { s: [1, 2, 3, 4] };
        assert_eq!(r.next_u64(), 11_520);
        assert_eq!(r.next_u64(), 0);
        assert_eq!(r.next_u64(), 1_509_978_240);
        assert_eq!(r.next_u64(), 1_215_971_899_390_074_240);
    }

    #[test]
    fn day_arithmetic_matches_chrono() {
        let mut d = date(2019, 12, 1);
        while d < date(2031, 3, 1) {
            let z = day_of(d);
            assert_eq!(civil(z), (d.year(), d.month(), d.day()));
            assert_eq!(weekday(z) as u32, d.weekday().num_days_from_monday());
            d = d.succ_opt().unwrap();
        }
        // Friday 15/5/2026 + 1 working day = Monday 18/5/2026; + 10 = Friday 29/5/2026.
        let fri = day_of(date(2026, 5, 15));
        assert_eq!(add_wd(fri, 1), day_of(date(2026, 5, 18)));
        assert_eq!(add_wd(fri, 10), day_of(date(2026, 5, 29)));
        assert_eq!(roll(day_of(date(2026, 5, 16))), day_of(date(2026, 5, 18)));
    }

    #[test]
    fn vocabulary_is_nfc() {
        let mut all: Vec<&str> = vec![];
        all.extend(REGISTER_TITLE);
        all.extend(REGISTER_HEADER);
        all.extend(FB_HEADER);
        all.extend(DEPARTMENTS);
        all.extend(DEPARTMENT_VARIANTS.iter().flatten());
        all.extend(MIDDLE);
        all.extend(SATISFACTION);
        for c in CATEGORIES {
            all.push(c.0);
            all.extend(c.3);
        }
        for g in CHANNELS.iter().chain([&FB_CHANNEL]) {
            all.extend(g.2.iter().map(|v| v.0));
        }
        all.extend(FAMILY.iter().map(|v| v.0));
        for s in all {
            assert!(is_nfc(s), "{s:?} is not NFC");
        }
    }

    #[test]
    fn same_seed_same_bytes_different_seed_differs() {
        for style in [SampleStyle::Register, SampleStyle::FacebookInbox] {
            let (a, ra) = generate(&opts(3000, 7, style, 6), "csv");
            let (b, _) = generate(&opts(3000, 7, style, 6), "csv");
            let (c, _) = generate(&opts(3000, 8, style, 6), "csv");
            assert_eq!(a, b, "{style:?}");
            assert_ne!(a, c, "{style:?}");
            assert_eq!(ra.cases, 3000);
            assert_eq!(ra.bad_rows, 6);
        }
    }

    #[test]
    fn shares_of_channels_and_kinds_near_targets() {
        let n = 20_000;
        let (bytes, report) = generate(&opts(n, 42, SampleStyle::Register, 0), "csv");
        let (header, rows) = register_rows(&bytes);
        assert_eq!(header, REGISTER_HEADER);
        assert_eq!(report.rows_written, rows.len());
        let mut ch: HashMap<&str, usize> = HashMap::new();
        let mut kd: HashMap<&str, usize> = HashMap::new();
        let mut cases = 0;
        for r in rows.iter().filter(|r| !is_total_or_blank(r)) {
            cases += 1;
            *ch.entry(channel_group(&r[3])).or_default() += 1;
            *kd.entry(kind_group(&r[4]).unwrap()).or_default() += 1;
        }
        assert_eq!(cases, n);
        let share =
            |m: &HashMap<&str, usize>, k: &str| 100.0 * *m.get(k).unwrap_or(&0) as f64 / n as f64;
        for (k, target) in [
            ("hotline", 35.0),
            ("facebook", 25.0),
            ("in_person", 12.0),
            ("letter", 10.0),
            ("email", 6.0),
            ("portal", 7.0),
            ("transferred", 5.0),
        ] {
            let s = share(&ch, k);
            assert!(
                (s - target).abs() < 2.0,
                "channel {k}: {s:.2} % vs {target} %"
            );
        }
        let other = *ch.get("other").unwrap_or(&0);
        assert!((1..=40).contains(&other), "unknown channel values: {other}");
        for (k, target) in [
            ("phan_anh", 50.0),
            ("kien_nghi", 32.0),
            ("khieu_nai", 12.0),
            ("to_cao", 6.0),
        ] {
            let s = share(&kd, k);
            assert!((s - target).abs() < 2.0, "kind {k}: {s:.2} % vs {target} %");
        }
    }

    #[test]
    fn dates_within_range_and_consistent_with_status() {
        let o = opts(20_000, 3, SampleStyle::Register, 0);
        let (bytes, _) = generate(&o, "csv");
        let (_, rows) = register_rows(&bytes);
        let mut open_recent = 0;
        let mut recent = 0;
        let mut late = 0;
        let mut resolved_pakn = 0;
        let mut late_by_dept: HashMap<String, (usize, usize)> = HashMap::new();
        for r in rows.iter().filter(|r| !is_total_or_blank(r)) {
            let received = parse_day(&r[2]).expect("receipt date");
            assert!(received >= o.from && received <= o.to && received <= o.as_of);
            // Event dates: never before `from`, never after `as_of`, never before receipt.
            for col in [7, 8, 10, 11] {
                if r[col].is_empty() {
                    continue;
                }
                let d = parse_day(&r[col]).unwrap();
                assert!(
                    d >= received,
                    "{} before receipt in {:?}",
                    REGISTER_HEADER[col],
                    r
                );
                assert!(
                    d <= o.as_of,
                    "{} after as_of in {:?}",
                    REGISTER_HEADER[col],
                    r
                );
            }
            if !r[9].is_empty() {
                let due = parse_day(&r[9]).unwrap();
                assert!(due > received && (due - received).num_days() <= 150);
            }
            let status = r[12].as_str();
            let resolved = parse_day(&r[11]);
            if CLOSED.contains(&status) {
                let res = resolved.unwrap_or_else(|| panic!("closed without completion: {r:?}"));
                assert!(res >= received);
            } else if status == OPEN_NEW || status == OPEN_ONGOING {
                assert!(resolved.is_none(), "open with completion: {r:?}");
            } else {
                assert_eq!(status, "", "unknown status");
                assert!(resolved.is_some());
            }
            assert!(r[20].is_empty() || r[20].starts_with("0900"));
            let age = (o.as_of - received).num_days();
            if age <= 21 {
                recent += 1;
                open_recent += usize::from(resolved.is_none());
            }
            if let (Some(res), Some("phan_anh" | "kien_nghi")) = (resolved, kind_group(&r[4]))
                && ["Đã giải quyết", "Đã trả lời", "Hoàn thành", ""].contains(&status)
            {
                resolved_pakn += 1;
                let deadline = add_wd(day_of(received), 10);
                let is_late = day_of(res) > deadline;
                late += usize::from(is_late);
                let e = late_by_dept.entry(r[6].clone()).or_default();
                e.0 += 1;
                e.1 += usize::from(is_late);
            }
        }
        assert!(recent > 100);
        assert!(
            open_recent * 2 > recent,
            "recent open {open_recent}/{recent}"
        );
        let late_rate = late as f64 / resolved_pakn as f64;
        assert!((0.07..=0.16).contains(&late_rate), "late rate {late_rate}");
        let rate = |d: &str| {
            let (n, l) = late_by_dept[d];
            l as f64 / n as f64
        };
        assert!(
            rate("Phòng Quản lý Tài nguyên và Môi trường") > 2.0 * rate("Phòng Quản lý Đầu tư")
        );
    }

    #[derive(Default, Debug, PartialEq)]
    struct Defects {
        blank_id: usize,
        bad_date: usize,
        unknown_kind: usize,
        resolved_before: usize,
        closed_no_resolved: usize,
        duplicate: usize,
        rows: usize,
    }

    fn defects(rows: &[Vec<String>]) -> Defects {
        let mut d = Defects::default();
        let mut seen = HashSet::new();
        for r in rows.iter().filter(|r| !is_total_or_blank(r)) {
            let mut any = false;
            let received = parse_day(&r[2]);
            if r[1].is_empty() {
                d.blank_id += 1;
                any = true;
            } else if !seen.insert(r[1].clone()) {
                d.duplicate += 1;
                any = true;
            }
            if received.is_none() {
                d.bad_date += 1;
                any = true;
            }
            if kind_group(&r[4]).is_none() {
                d.unknown_kind += 1;
                any = true;
            }
            if let (Some(rec), Some(res)) = (received, parse_day(&r[11]))
                && res < rec
            {
                d.resolved_before += 1;
                any = true;
            }
            if CLOSED.contains(&r[12].as_str()) && r[11].is_empty() {
                d.closed_no_resolved += 1;
                any = true;
            }
            d.rows += usize::from(any);
        }
        d
    }

    #[test]
    fn bad_rows_are_exactly_the_requested_number() {
        let (bytes, report) = generate(&opts(5000, 11, SampleStyle::Register, 12), "csv");
        let (_, rows) = register_rows(&bytes);
        let d = defects(&rows);
        assert_eq!(
            d,
            Defects {
                blank_id: 2,
                bad_date: 2,
                unknown_kind: 2,
                resolved_before: 2,
                closed_no_resolved: 2,
                duplicate: 2,
                rows: 12
            }
        );
        assert_eq!(report.bad_rows, 12);
        assert_eq!(report.cases, 5000);
        // 5000 cases + 12 bad + 2 blank rows + total row.
        assert_eq!(report.rows_written, 5015);
        assert_eq!(rows.len(), 5015);
        let blank = rows
            .iter()
            .filter(|r| r.iter().all(|f| f.is_empty()))
            .count();
        assert_eq!(blank, 2);
        let total = rows.last().unwrap();
        assert_eq!(
            (total[0].as_str(), total[1].as_str(), total[2].as_str()),
            ("Tổng cộng", "", "5000")
        );

        let (bytes, report) = generate(&opts(5000, 11, SampleStyle::Register, 0), "csv");
        let (_, rows) = register_rows(&bytes);
        assert_eq!(defects(&rows).rows, 0);
        assert_eq!(report.bad_rows, 0);
    }

    #[test]
    fn register_csv_layout() {
        let o = opts(50, 1, SampleStyle::Register, 0);
        let (bytes, _) = generate(&o, "csv");
        assert!(!bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes).unwrap();
        let mut lines = text.split("\r\n");
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG,")
        );
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("\"SỔ THEO DÕI TIẾP NHẬN, XỬ LÝ")
        );
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("(Từ ngày 01/01/2025 đến ngày 20/05/2026),")
        );
        assert_eq!(lines.next().unwrap(), ",".repeat(22));
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("STT,Mã hồ sơ,Ngày tiếp nhận,")
        );
        let first = lines.next().unwrap();
        assert!(first.starts_with("1,BQL-2025-000001,"), "{first}");
    }

    #[test]
    fn facebook_inbox_has_bom_semicolons_and_messy_text() {
        let (bytes, report) = generate(&opts(3000, 5, SampleStyle::FacebookInbox, 0), "csv");
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert!(text.starts_with(
            "Mã PAKN;Thời gian tiếp nhận;Nguồn tiếp nhận;Phân loại;Nhóm lĩnh vực;Đơn vị được giao;"
        ));
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.as_bytes());
        let headers = rdr.headers().unwrap().clone();
        assert_eq!(headers.iter().collect::<Vec<_>>(), FB_HEADER);
        let (mut nfd, mut texts, mut multiline, mut odd, mut rated) = (0, 0, 0, 0, 0);
        let mut n = 0;
        for r in rdr.records() {
            let r = r.unwrap();
            n += 1;
            assert!(r[0].starts_with("FB-20"));
            assert!(
                NaiveDate::parse_from_str(&r[1][..10], "%d/%m/%Y").is_ok() && r[1].len() == 19,
                "{}",
                &r[1]
            );
            let ch: String = r[2].nfc().collect::<String>();
            let ch = ch
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            assert!(
                ["facebook", "fanpage", "trang facebook", "messenger"].contains(&ch.as_str()),
                "{ch}"
            );
            for col in [3, 4, 5, 10, 14, 15] {
                let v = &r[col];
                if !v.is_ascii() {
                    texts += 1;
                    nfd += usize::from(!is_nfc(v));
                }
                odd += usize::from(v.starts_with("  ") || (v.len() > 3 && *v == v.to_uppercase()));
            }
            multiline += usize::from(r[15].contains('\n') && r[15].contains(';'));
            if !r[11].is_empty() {
                let v: u8 = r[11].parse().unwrap();
                assert!((1..=5).contains(&v));
                rated += 1;
            }
        }
        assert_eq!(n, report.rows_written);
        let nfd_share = nfd as f64 / texts as f64;
        assert!((0.25..0.42).contains(&nfd_share), "NFD share {nfd_share}");
        assert!(odd > 50, "odd spacing/case values: {odd}");
        assert!(multiline > 100, "multi-line contents: {multiline}");
        assert!(rated > 300);
        assert!(
            text.contains("\"Kính gửi Ban Quản lý;\r\n")
                || text.contains("\"Kính gửi Ban Quản lý;\n")
        );
    }

    #[test]
    fn xlsx_has_titles_header_dates_and_total_and_is_reproducible() {
        use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
        let o = opts(400, 9, SampleStyle::Register, 6);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("register.xlsx");
        let report = write_sample(&o, &path).unwrap();
        let again = dir.path().join("again.xlsx");
        write_sample(&o, &again).unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read(&again).unwrap()
        );

        let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
        let range = wb.worksheet_range_at(0).unwrap().unwrap();
        let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
        assert_eq!(
            cell(0, 0),
            Data::String("BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG".into())
        );
        assert_eq!(
            cell(2, 0),
            Data::String("(Từ ngày 01/01/2025 đến ngày 20/05/2026)".into())
        );
        assert_eq!(cell(3, 0), Data::Empty);
        for (c, h) in REGISTER_HEADER.iter().enumerate() {
            assert_eq!(cell(4, c as u32), Data::String(h.to_string()));
        }
        let (height, _) = range.get_size();
        let last = (height - 1) as u32;
        assert_eq!(cell(last, 0), Data::String("Tổng cộng".into()));
        assert_eq!(cell(last, 1), Data::Empty);
        assert_eq!(cell(last, 2).as_f64(), Some(400.0));
        assert_eq!(report.rows_written, height - 5);
        assert_eq!(report.rows_written, 400 + 6 + 2 + 1);
        // Receipt dates are date cells with a time of day; other dates mostly date cells.
        let (mut date_cells, mut text_dates) = (0, 0);
        for r in 5..last {
            if let Data::DateTime(dt) = cell(r, 2) {
                assert!(dt.is_datetime());
                let serial = dt.as_f64();
                assert!(serial.fract() > 0.0);
                let day = serial.floor() as i32 - 25_569;
                assert!(day >= day_of(o.from) && day <= day_of(o.as_of));
            }
            for c in 7..=11 {
                match cell(r, c) {
                    Data::DateTime(_) => date_cells += 1,
                    Data::String(s) => {
                        assert!(parse_day(&s).is_some());
                        text_dates += 1;
                    }
                    _ => {}
                }
            }
        }
        assert!(date_cells > 500);
        assert!(
            text_dates > 10 && text_dates * 8 < date_cells,
            "{text_dates} text / {date_cells}"
        );
    }

    #[test]
    fn facebook_xlsx_and_bad_extension() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fb.xlsx");
        let report = write_sample(&opts(100, 2, SampleStyle::FacebookInbox, 3), &path).unwrap();
        assert_eq!(report.rows_written, 103);
        let err = write_sample(
            &opts(10, 2, SampleStyle::Register, 0),
            &dir.path().join("x.txt"),
        );
        assert!(matches!(err, Err(Error::Usage(_))));
        let mut o = opts(10, 2, SampleStyle::Register, 0);
        o.from = date(2026, 6, 1);
        assert!(matches!(
            write_sample(&o, &dir.path().join("x.csv")),
            Err(Error::Usage(_))
        ));
        assert!(!dir.path().join("x.csv").exists());
    }

    #[test]
    fn tiny_and_empty_registers() {
        for (n, bad) in [(0, 0), (0, 6), (1, 0), (1, 7), (5, 1)] {
            let (bytes, report) = generate(&opts(n, 4, SampleStyle::Register, bad), "csv");
            let (_, rows) = register_rows(&bytes);
            assert_eq!(report.rows_written, rows.len());
            assert_eq!(report.cases, n);
            assert_eq!(report.bad_rows, bad);
            assert_eq!(defects(&rows).rows, bad, "n={n} bad={bad}");
        }
    }
}
