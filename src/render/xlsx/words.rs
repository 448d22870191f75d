//! The wording of the workbook: `report-templates/bang-tinh.toml`, compiled in, or the edited
//! copy `[templates] workbook_file` names, loaded once per run by [`install`] before anything is
//! rendered ([`w`] reads it). Figure names follow `docs/FIGURES.md`; the column and sheet names are the
//! contract of `docs/OUTPUTS.md`.
//!
//! This file holds no wording, only its shape and the helpers that fill the `{…}` placeholders.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// The shipped wording.
pub const SHIPPED: &str = include_str!("../../../report-templates/bang-tinh.toml");

static WORDS: OnceLock<Words> = OnceLock::new();

/// The workbook's wording: the one installed for this run, else the shipped file.
pub fn w() -> &'static Words {
    WORDS.get_or_init(|| {
        toml::from_str(SHIPPED).expect("report-templates/bang-tinh.toml parses (checked by tests)")
    })
}

const KIND: crate::templates::Kind = crate::templates::Kind {
    vi: "tệp câu chữ bảng tính",
    en: "workbook wording",
};

/// Reads the wording `[templates] workbook_file` names (else the shipped file), checks its keys
/// and placeholders against the shipped file, and makes it the run's wording. A run reads one
/// config, so the first installed wording stays.
pub fn install(cfg: &crate::config::Config) -> crate::error::Result<()> {
    let src = crate::templates::Source::read(
        cfg.templates.workbook_file.as_deref(),
        "report-templates/bang-tinh.toml",
        SHIPPED,
        KIND,
    )?;
    let words: Words = src.parse(KIND)?;
    src.check_placeholders(KIND, SHIPPED)?;
    let _ = WORDS.set(words);
    Ok(())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub sheets: Sheets,
    pub document: Document,
    pub titles: Titles,
    pub labels: Labels,
    pub summary: Summary,
    pub headers: Headers,
    pub compare: Compare,
    pub monthly: Monthly,
    pub accounting: Accounting,
    pub breakdown: Breakdown,
    pub times: Times,
    pub charts: Charts,
    pub scorecard: Scorecard,
    pub late: Late,
    pub errors: Errors,
    pub notes: Notes,
    pub print: Print,
    /// Display names of the register fields (SPEC §3.2), for the field column of the errors sheet.
    pub fields: BTreeMap<String, String>,
}

/// Sheet names, in workbook order (SPEC §7). Excel limits them to 31 characters.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sheets {
    pub summary: String,
    pub channel: String,
    pub department: String,
    pub category: String,
    pub kind: String,
    pub times: String,
    pub scorecard: String,
    pub late: String,
    pub errors: String,
}

impl Sheets {
    /// Every sheet name, in workbook order.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn all(&self) -> [&str; 9] {
        [
            &self.summary,
            &self.channel,
            &self.department,
            &self.category,
            &self.kind,
            &self.times,
            &self.scorecard,
            &self.late,
            &self.errors,
        ]
    }
}

/// Document properties; `title` has `{period_label}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// File name of the workbook, without the extension; `{period_slug}`.
    pub file: String,
    pub title: String,
    pub subject: String,
    pub keywords: String,
    pub comment: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Titles {
    pub report: String,
    /// `{start}`, `{end}`.
    pub data_span: String,
    /// `{date}`.
    pub made_on: String,
    /// `{title}`, `{period_label}` (upper-cased).
    pub sheet: String,
    pub channel: String,
    pub department: String,
    pub category: String,
    pub kind: String,
    pub times: String,
    pub scorecard: String,
    pub late: String,
    pub errors: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub total: String,
    pub yes: String,
    pub no: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    pub headline: String,
    pub compare: String,
    pub monthly: String,
    pub accounting: String,
    pub hashes: String,
    pub col_indicator: String,
    pub col_value: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headers {
    pub carried_over: String,
    pub received: String,
    pub to_handle: String,
    pub resolved: String,
    pub on_time: String,
    pub late: String,
    pub pending: String,
    pub pending_overdue: String,
    pub on_time_rate: String,
    pub responded: String,
    pub response_on_time: String,
    pub rated: String,
    pub satisfied: String,
    pub satisfaction_rate: String,
    pub assigned: String,
    pub assigned_within: String,
    pub assigned_rate: String,
    pub response_mean: String,
    pub resolution_mean: String,
    pub resolution_wd_mean: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Compare {
    pub col_what: String,
    pub col_from: String,
    pub col_to: String,
    pub this: String,
    pub previous: String,
    pub last_year: String,
    /// `{what}`, `{label}`.
    pub period_named: String,
    pub diff_previous: String,
    pub diff_previous_pct: String,
    pub diff_last_year: String,
    pub diff_last_year_pct: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Monthly {
    pub month: String,
    pub resolved: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accounting {
    pub file: String,
    pub read: String,
    pub accepted: String,
    pub rejected: String,
    pub duplicates: String,
    pub skipped: String,
    pub check: String,
    pub ok: String,
    pub broken: String,
    pub no_file: String,
    /// `{read}`, `{accepted}`, `{rejected}`, `{duplicates}`, `{skipped}`, `{check}`.
    pub sentence: String,
    pub sentence_ok: String,
    pub sentence_broken: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    pub dim_channel: String,
    pub dim_department: String,
    pub dim_category: String,
    pub dim_kind: String,
    pub group_resolved: String,
    pub group_pending: String,
    pub group_response: String,
    pub group_response_days: String,
    pub group_resolution_days: String,
    pub group_resolution_wd: String,
    pub group_satisfaction: String,
    pub group_assigned: String,
    pub late: String,
    pub on_time_rate: String,
    pub pending: String,
    pub rated: String,
    pub satisfaction_rate: String,
    pub assigned: String,
    pub assigned_within: String,
    pub assigned_rate: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Times {
    pub count: String,
    pub mean: String,
    pub median: String,
    pub p90: String,
    pub max: String,
    pub all: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Charts {
    pub monthly: String,
    pub channel: String,
    pub department: String,
    pub series_received: String,
    pub series_resolved: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scorecard {
    pub none: String,
    pub agency: String,
    pub points: String,
    pub max: String,
    pub share: String,
    pub rating: String,
    pub section_criteria: String,
    pub section_departments: String,
    pub section_department_detail: String,
    pub section_cases: String,
    pub stt: String,
    pub id: String,
    pub title: String,
    pub value: String,
    pub criterion_points: String,
    pub note: String,
    pub lost_count: String,
    pub lost_ids: String,
    pub department: String,
    pub scope: String,
    pub case: String,
    pub none_rows: String,
    /// `{n}`.
    pub more_cases: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Late {
    pub stt: String,
    pub id: String,
    pub received: String,
    pub kind: String,
    pub channel: String,
    pub department: String,
    pub category: String,
    pub deadline: String,
    pub resolved: String,
    pub days: String,
    pub reason: String,
    pub pending: String,
    pub resolved_late: String,
    /// What a denunciation case shows for a department or category with few such cases (SPEC §8).
    pub other: String,
    /// `{total}`, `{pending}`, `{late}`.
    pub summary: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Errors {
    pub stt: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub file: String,
    pub row: String,
    pub field: String,
    pub value: String,
    pub reason: String,
    /// The stable code of the reason (rejects and duplicates; blank for warnings).
    pub code: String,
    pub count: String,
    pub reject: String,
    pub duplicate: String,
    pub warning: String,
    /// `{rejects}`, `{duplicates}`, `{warnings}`, `{warning_rows}`.
    pub summary: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notes {
    pub compare: String,
    pub monthly_cutoff: String,
    pub monthly_calendar: String,
    pub accounting: String,
    pub breakdown: String,
    pub late: String,
    pub errors: String,
    pub times: Vec<String>,
    /// `{min_cell}`.
    pub late_privacy: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Print {
    /// Page footer, in Excel's header/footer codes: "&P/&N" is page/pages.
    pub footer: String,
}

/// Replaces every `{name}` of `vars` in `template`, in one pass (a value is never re-read);
/// other braces are left as they are.
fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .find('}')
            .and_then(|close| vars.iter().find(|(k, _)| *k == &after[..close]));
        match value {
            Some((k, v)) => {
                out.push_str(v);
                rest = &after[k.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

impl Words {
    /// The data span under every sheet title (`titles.data_span`).
    pub fn data_span(&self, start: &str, end: &str) -> String {
        fill(&self.titles.data_span, &[("start", start), ("end", end)])
    }

    pub fn made_on(&self, date: &str) -> String {
        fill(&self.titles.made_on, &[("date", date)])
    }

    pub fn doc_title(&self, period_label: &str) -> String {
        fill(&self.document.title, &[("period_label", period_label)])
    }

    /// A sheet title followed by the upper-cased period label (`titles.sheet`).
    pub fn sheet_title(&self, title: &str, period_label: &str) -> String {
        fill(
            &self.titles.sheet,
            &[
                ("title", title),
                ("period_label", &period_label.to_uppercase()),
            ],
        )
    }

    /// A compared period with its label (`compare.period_named`).
    pub fn period_named(&self, what: &str, label: &str) -> String {
        fill(
            &self.compare.period_named,
            &[("what", what), ("label", label)],
        )
    }

    /// The identity of SPEC §3.6 as a sentence, numbers already formatted.
    pub fn accounting_sentence(
        &self,
        read: &str,
        acc: &str,
        rej: &str,
        dup: &str,
        skip: &str,
        ok: bool,
    ) -> String {
        let a = &self.accounting;
        let check = if ok {
            &a.sentence_ok
        } else {
            &a.sentence_broken
        };
        fill(
            &a.sentence,
            &[
                ("read", read),
                ("accepted", acc),
                ("rejected", rej),
                ("duplicates", dup),
                ("skipped", skip),
                ("check", check),
            ],
        )
    }

    /// Shown after the first case numbers when a criterion lost points on many cases.
    pub fn more_cases(&self, n: usize) -> String {
        fill(&self.scorecard.more_cases, &[("n", &n.to_string())])
    }

    pub fn late_summary(&self, pending: usize, late: usize) -> String {
        fill(
            &self.late.summary,
            &[
                ("total", &(pending + late).to_string()),
                ("pending", &pending.to_string()),
                ("late", &late.to_string()),
            ],
        )
    }

    pub fn late_privacy_note(&self, min_cell: u32) -> String {
        fill(
            &self.notes.late_privacy,
            &[("min_cell", &min_cell.to_string())],
        )
    }

    pub fn errors_summary(
        &self,
        rejects: usize,
        duplicates: usize,
        warnings: usize,
        warning_rows: u64,
    ) -> String {
        fill(
            &self.errors.summary,
            &[
                ("rejects", &rejects.to_string()),
                ("duplicates", &duplicates.to_string()),
                ("warnings", &warnings.to_string()),
                ("warning_rows", &warning_rows.to_string()),
            ],
        )
    }

    /// The display name of a register field (SPEC §3.2); unknown fields keep their own name.
    pub fn field_label<'a>(&'a self, field: &'a str) -> &'a str {
        self.fields.get(field).map_or(field, String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every placeholder the helpers above fill.
    const PLACEHOLDERS: &[&str] = &[
        "period_slug",
        "start",
        "end",
        "date",
        "period_label",
        "title",
        "what",
        "label",
        "read",
        "accepted",
        "rejected",
        "duplicates",
        "skipped",
        "check",
        "n",
        "total",
        "pending",
        "late",
        "min_cell",
        "rejects",
        "warnings",
        "warning_rows",
    ];

    #[test]
    fn shipped_words_parse_and_sheet_names_are_valid() {
        let w: Words = toml::from_str(SHIPPED).expect("bang-tinh.toml parses");
        let names = w.sheets.all();
        for name in names {
            assert!(!name.trim().is_empty(), "empty sheet name");
            assert!(
                name.chars().count() <= 31,
                "sheet name longer than 31 characters: {name:?}"
            );
            assert!(
                !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
                "sheet name with a character Excel forbids: {name:?}"
            );
            assert!(!name.starts_with('\'') && !name.ends_with('\''), "{name:?}");
        }
        let mut unique = names.map(str::to_lowercase).to_vec();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "duplicate sheet names");
        assert_eq!(w.notes.times.len(), 4);
    }

    #[test]
    fn shipped_words_use_known_placeholders() {
        let mut unknown = Vec::new();
        for line in SHIPPED.lines().filter(|l| !l.trim_start().starts_with('#')) {
            let mut rest = line;
            while let Some(open) = rest.find('{') {
                let after = &rest[open + 1..];
                let Some(close) = after.find('}') else { break };
                if !PLACEHOLDERS.contains(&&after[..close]) {
                    unknown.push(after[..close].to_string());
                }
                rest = &after[close + 1..];
            }
        }
        assert!(unknown.is_empty(), "unknown placeholders: {unknown:?}");
    }

    #[test]
    fn fill_replaces_known_names_once() {
        assert_eq!(
            fill("{a} + {b} = {c} {", &[("a", "{b}"), ("b", "2")]),
            "{b} + 2 = {c} {"
        );
    }
}
