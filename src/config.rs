//! The TOML configuration (SPEC §3.4). Every key is optional; an unknown key is an error that
//! names it. Built-in defaults stand for every missing key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub input: InputConfig,
    /// Extra header names per field of SPEC §3.2 (`received_at = ["OPEN_DT"]`).
    pub columns: BTreeMap<String, Vec<String>>,
    pub defaults: DefaultsConfig,
    pub deadlines: DeadlinesConfig,
    pub vocab: VocabConfig,
    pub period: PeriodConfig,
    pub privacy: PrivacyConfig,
    /// Extra or corrected holiday tables per year: `[holidays.2027] off = [...]`, `work = [...]`.
    pub holidays: BTreeMap<String, HolidayYearConfig>,
    pub agency: AgencyConfig,
    pub scorecard: ScorecardConfig,
    pub forms: FormsConfig,
    pub templates: TemplatesConfig,
}

/// Edited copies of the wording files (docs/CONFIG.md, "Sửa câu chữ"): each replaces the shipped
/// file whole; an unknown key or a placeholder the renderer does not fill there is an error naming
/// the file and line, in `validate` as in `report`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct TemplatesConfig {
    /// An edited copy of `report-templates/bao-cao.toml` (the PDF and DOCX report).
    pub report_file: Option<PathBuf>,
    /// An edited copy of `report-templates/bang-tinh.toml` (the workbook).
    pub workbook_file: Option<PathBuf>,
}

/// The Inspectorate's forms (TT 01/2024/TT-TTCP; docs/FORMS.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct FormsConfig {
    /// Write the forms workbook with the xlsx output (default true).
    pub enabled: bool,
    /// A layouts file replacing the shipped `report-templates/bieu-mau-tt01-2024.toml`.
    pub layouts_file: Option<PathBuf>,
}

impl Default for FormsConfig {
    fn default() -> Self {
        FormsConfig {
            enabled: true,
            layouts_file: None,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct InputConfig {
    /// strftime-style format used for every date column (e.g. a US export).
    pub date_format: Option<String>,
    /// The xlsx/xls sheet to read (default: the first).
    pub sheet: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct DefaultsConfig {
    /// Kind given to every row when the export has no kind column (or a blank kind).
    pub kind: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeadlinesConfig {
    /// When false, a case without `due_at` has no deadline (never overdue).
    pub compute_missing: bool,
    /// Working days for the reply owed to the sender (Luật Tiếp công dân Điều 28). When set it
    /// overrides the rules file's `response_working_days`, whatever its value.
    pub response_working_days: Option<u32>,
    /// A rule file replacing the shipped `report-templates/deadlines.toml`.
    pub rules_file: Option<PathBuf>,
}

impl Default for DeadlinesConfig {
    fn default() -> Self {
        DeadlinesConfig {
            compute_missing: true,
            response_working_days: None,
            rules_file: None,
        }
    }
}

/// Extra synonyms: `code = [values]` (kind, channel, status, complexity, satisfaction) or
/// `"Canonical name" = [variants]` (department, category).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct VocabConfig {
    pub kind: BTreeMap<String, Vec<String>>,
    pub channel: BTreeMap<String, Vec<String>>,
    pub status: BTreeMap<String, Vec<String>>,
    pub complexity: BTreeMap<String, Vec<String>>,
    pub satisfaction: BTreeMap<String, Vec<String>>,
    pub signatories: BTreeMap<String, Vec<String>>,
    pub competence: BTreeMap<String, Vec<String>>,
    pub outcome: BTreeMap<String, Vec<String>>,
    pub attempt: BTreeMap<String, Vec<String>>,
    pub department: BTreeMap<String, Vec<String>>,
    pub category: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct PeriodConfig {
    /// "cutoff" (default, 15th → 14th) or "calendar".
    pub mode: Option<crate::calendar::period::Mode>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct PrivacyConfig {
    /// Tố cáo breakdown cells below this count are merged into "Khác" in outputs sent onward.
    pub min_cell: u32,
}

impl Default for PrivacyConfig {
    fn default() -> Self {
        PrivacyConfig { min_cell: 3 }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct HolidayYearConfig {
    /// Days off (holidays, nghỉ bù, swapped weekdays), "YYYY-MM-DD".
    pub off: Vec<String>,
    /// Weekend days worked (làm bù), "YYYY-MM-DD".
    pub work: Vec<String>,
    /// Where the schedule comes from.
    pub source: Option<String>,
    /// When true the table replaces the shipped one of that year instead of adding to it.
    pub replace: bool,
}

/// Wording of the report header, number prefix, signer and recipients (PDF, workbook).
/// Missing keys take the values of `report-templates/agency.toml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct AgencyConfig {
    pub parent: Option<String>,
    /// The unit's code in the receiving body's units file (SPEC §11); written to summary.json.
    pub code: Option<String>,
    pub name: Option<String>,
    pub short_name: Option<String>,
    pub number_prefix: Option<String>,
    pub place: Option<String>,
    pub signer_authority: Option<String>,
    pub signer_title: Option<String>,
    pub signer_name: Option<String>,
    pub recipients: Option<Vec<String>>,
    pub font_file: Option<PathBuf>,
    pub font_bold_file: Option<PathBuf>,
    pub font_italic_file: Option<PathBuf>,
    pub font_bold_italic_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScorecardConfig {
    /// A criteria file replacing the shipped `report-templates/cong-so-than-thien.toml`.
    pub criteria_file: Option<PathBuf>,
    /// Values of manual criteria: `hotline_published = true`, `some_count = 3`.
    pub manual: BTreeMap<String, toml::Value>,
}

/// A TOML error as one line: "dòng L, cột C: message".
pub fn toml_error_line(text: &str, e: &toml::de::Error) -> String {
    let msg = e.message().split_whitespace().collect::<Vec<_>>().join(" ");
    match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let col = before
                .rsplit('\n')
                .next()
                .map(|l| l.chars().count())
                .unwrap_or(0)
                + 1;
            format!("dòng {line}, cột {col} (line {line}, column {col}): {msg}")
        }
        None => msg,
    }
}

/// The fields of SPEC §3.2 that a `[columns]` entry may name.
pub const FIELD_NAMES: &[&str] = &[
    "id",
    "received_at",
    "channel",
    "kind",
    "category",
    "department",
    "assigned_at",
    "accepted_at",
    "due_at",
    "responded_at",
    "resolved_at",
    "status",
    "complexity",
    "satisfaction",
    "signatories",
    "competence",
    "outcome",
    "attempt",
    "matter",
    "personal",
];

impl Config {
    /// Reads a config file, or returns the built-in defaults when `path` is None.
    pub fn load(path: Option<&Path>) -> Result<(Config, String)> {
        let Some(path) = path else {
            return Ok((Config::default(), String::new()));
        };
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::file(
                path,
                format!("không đọc được tệp cấu hình (cannot read config): {e}"),
            )
        })?;
        let cfg = Self::parse(&text).map_err(|m| Error::file(path, m))?;
        Ok((cfg, text))
    }

    pub fn parse(text: &str) -> std::result::Result<Config, String> {
        let cfg: Config = toml::from_str(text).map_err(|e| {
            format!(
                "cấu hình không hợp lệ (invalid config): {}",
                toml_error_line(text, &e)
            )
        })?;
        check_ranges(text, &cfg)?;
        for key in cfg.columns.keys() {
            if !FIELD_NAMES.contains(&key.as_str()) {
                return Err(format!(
                    "cấu hình không hợp lệ (invalid config): [columns] có khóa lạ '{key}' (unknown field); các trường hợp lệ: {}",
                    FIELD_NAMES.join(", ")
                ));
            }
        }
        Ok(cfg)
    }
}

/// Allowed values of the numeric keys (docs/CONFIG.md).
pub const RESPONSE_WORKING_DAYS: std::ops::RangeInclusive<u32> = 1..=60;
pub const MIN_CELL: std::ops::RangeInclusive<u32> = 0..=100;
pub const HOLIDAY_YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// The line of `key` in the `[section]` table of a config text (1-based; 0 when not found).
fn key_line(text: &str, section: &str, key: &str) -> usize {
    let mut table = String::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix('[') {
            table = h
                .trim_end_matches(']')
                .trim()
                .trim_matches('"')
                .replace(['"', ' '], "");
            continue;
        }
        let name = t.split('=').next().unwrap_or("").trim().trim_matches('"');
        if table == section && name == key && t.contains('=') {
            return i + 1;
        }
        // A dotted key at the top: `deadlines.response_working_days = 5`.
        if table.is_empty() && name == format!("{section}.{key}") {
            return i + 1;
        }
    }
    0
}

/// Every value with a limited range is checked at load: the message names the key, its line and
/// the allowed values (a value out of range used to surface as an internal error in the run).
fn check_ranges(text: &str, cfg: &Config) -> std::result::Result<(), String> {
    let bad = |section: &str, key: &str, shown: &str, allowed: &str| {
        let line = key_line(text, section, key);
        let at = if line > 0 {
            format!("dòng {line} (line {line}): ")
        } else {
            String::new()
        };
        format!(
            "cấu hình không hợp lệ (invalid config): {at}[{section}] {key} = {shown} ngoài khoảng cho phép {allowed} (out of the allowed range {allowed})"
        )
    };
    let d = &cfg.deadlines;
    if let Some(n) = d.response_working_days
        && !RESPONSE_WORKING_DAYS.contains(&n)
    {
        return Err(bad(
            "deadlines",
            "response_working_days",
            &n.to_string(),
            &format!(
                "{}–{} ngày làm việc",
                RESPONSE_WORKING_DAYS.start(),
                RESPONSE_WORKING_DAYS.end()
            ),
        ));
    }
    if !MIN_CELL.contains(&cfg.privacy.min_cell) {
        return Err(bad(
            "privacy",
            "min_cell",
            &cfg.privacy.min_cell.to_string(),
            &format!("{}–{}", MIN_CELL.start(), MIN_CELL.end()),
        ));
    }
    for year in cfg.holidays.keys() {
        if !year
            .parse::<i32>()
            .is_ok_and(|y| HOLIDAY_YEARS.contains(&y))
        {
            let line = text
                .lines()
                .position(|l| l.trim().replace(['"', ' '], "") == format!("[holidays.{year}]"))
                .map_or(0, |i| i + 1);
            return Err(format!(
                "cấu hình không hợp lệ (invalid config): dòng {line} (line {line}): [holidays.{year}] — năm phải từ {} đến {} (the year must be {}–{})",
                HOLIDAY_YEARS.start(),
                HOLIDAY_YEARS.end(),
                HOLIDAY_YEARS.start(),
                HOLIDAY_YEARS.end()
            ));
        }
    }
    if let Some(fmt) = &cfg.input.date_format
        && let Err(why) = check_date_format(fmt)
    {
        let line = key_line(text, "input", "date_format");
        return Err(format!(
            "cấu hình không hợp lệ (invalid config): dòng {line} (line {line}): [input] date_format = \"{fmt}\" {why}"
        ));
    }
    Ok(())
}

/// A date format must be valid strftime and able to read back a date it writes itself
/// (2026-05-14 09:30:45): otherwise every row would be rejected and the run end with an empty
/// report.
pub fn check_date_format(fmt: &str) -> std::result::Result<(), String> {
    use chrono::format::{Item, StrftimeItems};
    if fmt.trim().is_empty() {
        return Err("để trống (is empty); bỏ khóa này để dùng cách đọc ngày mặc định".to_string());
    }
    if StrftimeItems::new(fmt).any(|i| matches!(i, Item::Error)) {
        return Err(
            "có mã định dạng không hợp lệ (invalid strftime specifier); ví dụ hợp lệ: \"%m/%d/%Y %I:%M:%S %p\""
                .to_string(),
        );
    }
    let sample = chrono::NaiveDate::from_ymd_opt(2026, 5, 14)
        .and_then(|d| d.and_hms_opt(9, 30, 45))
        .expect("valid sample date");
    let written = sample.format(fmt).to_string();
    match crate::normalize::dates::parse_text(&written, Some(fmt)) {
        Ok(st) if st.date == sample.date() => Ok(()),
        _ => Err(format!(
            "không đọc lại được chính ngày nó viết ra (cannot read back its own output '{written}' as 14/05/2026): định dạng cần có ngày, tháng và năm"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_is_named() {
        let err = Config::parse("[input]\ndate_fromat = \"%d\"\n").unwrap_err();
        assert!(err.contains("date_fromat"), "{err}");
        let err = Config::parse("[columns]\nrecieved_at = [\"X\"]\n").unwrap_err();
        assert!(err.contains("recieved_at"), "{err}");
    }

    #[test]
    fn out_of_range_values_name_key_line_and_range() {
        let err = Config::parse(
            "[agency]\nname = \"X\"\n[deadlines]\nresponse_working_days = 100000000\n",
        )
        .unwrap_err();
        assert!(
            err.contains("dòng 4") && err.contains("response_working_days") && err.contains("1–60"),
            "{err}"
        );
        let err = Config::parse("[privacy]\nmin_cell = 5000\n").unwrap_err();
        assert!(err.contains("dòng 2") && err.contains("0–100"), "{err}");
        let err = Config::parse("[holidays.1700]\noff = []\n").unwrap_err();
        assert!(err.contains("dòng 1") && err.contains("1900"), "{err}");
    }

    #[test]
    fn date_format_must_read_its_own_output() {
        for bad in ["%Q%Q", "", "%H:%M", "%Y"] {
            let err = Config::parse(&format!("[input]\ndate_format = \"{bad}\"\n")).unwrap_err();
            assert!(
                err.contains("dòng 2") && err.contains("date_format"),
                "{bad}: {err}"
            );
        }
        for good in ["%m/%d/%Y %I:%M:%S %p", "%d.%m.%Y", "%Y%m%d"] {
            Config::parse(&format!("[input]\ndate_format = \"{good}\"\n")).unwrap();
        }
    }

    #[test]
    fn spec_example_parses() {
        let cfg = Config::parse(
            r#"
[input]
date_format = "%m/%d/%Y %I:%M:%S %p"
sheet = "Sổ theo dõi"
[columns]
id = ["CASE_ENQUIRY_ID"]
received_at = ["OPEN_DT"]
[defaults]
kind = "phan_anh"
[deadlines]
compute_missing = false
[vocab.channel]
hotline = ["Constituent Call"]
[vocab.department]
"Phòng Quản lý Đầu tư" = ["P. QLĐT"]
[period]
mode = "calendar"
[privacy]
min_cell = 3
[holidays.2027]
off = ["2027-02-08"]
"#,
        )
        .unwrap();
        assert_eq!(cfg.columns["received_at"], vec!["OPEN_DT".to_string()]);
        assert!(!cfg.deadlines.compute_missing);
        assert_eq!(
            cfg.deadlines.response_working_days, None,
            "unset: the rules file decides"
        );
        assert_eq!(cfg.holidays["2027"].off, vec!["2027-02-08".to_string()]);
    }
}
