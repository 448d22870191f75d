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
