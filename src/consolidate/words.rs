//! The wording of the consolidated outputs: `report-templates/tong-hop.toml`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::Result;
use crate::templates::{Kind, Source};

use super::data::{SourceKind, Status};

const SHIPPED: &str = include_str!("../../report-templates/tong-hop.toml");
const SHIPPED_NAME: &str = "report-templates/tong-hop.toml";
const KIND: Kind = Kind {
    vi: "tệp lời văn tổng hợp",
    en: "consolidation wording",
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Files {
    pub workbook: String,
    pub forms: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusWords {
    pub reported: String,
    pub forms_only: String,
    pub missing: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindWords {
    pub report: String,
    pub consolidated: String,
    pub forms_workbook: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sheets {
    pub summary: String,
    pub units: String,
    pub channel: String,
    pub kind: String,
    pub category: String,
    pub durations: String,
    pub sources: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub title: String,
    pub period: String,
    pub span: String,
    pub made_on: String,
    pub reported: String,
    pub expected: String,
    pub missing_title: String,
    pub none_missing: String,
    pub forms_only_note: String,
    pub not_ranked: String,
    pub ranked: String,
    pub total_row: String,
    pub figures_title: String,
    pub forms_checks_title: String,
    pub forms_checks_intro: String,
    pub forms_checks_headers: Vec<String>,
    pub forms_checks_all_hold: String,
    pub forms_checks_violated: String,
    pub forms_missing_note: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headers {
    pub summary: Vec<String>,
    pub units: Vec<String>,
    pub breakdown: Vec<String>,
    pub durations: Vec<String>,
    pub sources: Vec<String>,
}

/// The consolidated report (PDF and DOCX): the `[report]` wording.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportWords {
    pub file: String,
    pub info_title: String,
    pub number_prefix: String,
    pub signer_authority: String,
    pub signer_title: String,
    pub recipients: Vec<String>,
    pub summary: String,
    pub intro: String,
    pub closing: String,
    pub receipt_title: String,
    pub units_title: String,
    pub units: String,
    pub units_all: String,
    pub missing: String,
    pub forms_only: String,
    pub volume_title: String,
    pub volume: String,
    pub volume_change: String,
    pub volume_change_both: String,
    pub by_kind: String,
    pub kind_table: String,
    pub channel_title: String,
    pub by_channel: String,
    pub channel_table: String,
    pub units_section: String,
    pub units_intro: String,
    pub units_table: String,
    pub units_headers: Vec<String>,
    pub best_worst: String,
    pub most_overdue: String,
    pub handling_title: String,
    pub result_title: String,
    pub result: String,
    pub result_change: String,
    pub pending: String,
    pub time_title: String,
    pub time: String,
    pub response: String,
    pub satisfaction: String,
    pub scorecard_title: String,
    pub scorecard_none: String,
    pub scorecard_table: String,
    pub scorecard_headers: Vec<String>,
    pub scorecard_best_worst: String,
    pub issues_title: String,
    pub problems_title: String,
    pub problem_missing: String,
    pub problem_overdue: String,
    pub problem_late: String,
    pub others: String,
    pub problem_late_within: String,
    pub problem_none: String,
    pub proposals_title: String,
    pub propose_missing: String,
    pub propose_overdue: String,
    pub propose_late: String,
    pub propose_always: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub files: Files,
    pub status: StatusWords,
    pub kind: KindWords,
    pub sheets: Sheets,
    pub text: Text,
    pub headers: Headers,
    pub durations: BTreeMap<String, String>,
    pub report: ReportWords,
}

impl Words {
    pub fn load() -> Result<Words> {
        let src = Source::read(None, SHIPPED_NAME, SHIPPED, KIND)?;
        let w: Words = src.parse(KIND)?;
        let lens = [
            ("headers.summary", w.headers.summary.len(), 4),
            ("headers.units", w.headers.units.len(), 17),
            ("headers.breakdown", w.headers.breakdown.len(), 11),
            ("headers.durations", w.headers.durations.len(), 7),
            ("headers.sources", w.headers.sources.len(), 8),
            ("report.units_headers", w.report.units_headers.len(), 9),
            (
                "report.scorecard_headers",
                w.report.scorecard_headers.len(),
                6,
            ),
            (
                "text.forms_checks_headers",
                w.text.forms_checks_headers.len(),
                4,
            ),
        ];
        for (key, got, want) in lens {
            if got != want {
                return Err(src.error(
                    KIND,
                    &format!(
                        "{key} cần đúng {want} tiêu đề, có {got} (needs exactly {want} headers)"
                    ),
                ));
            }
        }
        for stat in crate::figures::hist::STATISTICS {
            if !w.durations.contains_key(stat) {
                return Err(src.error(KIND, &format!("thiếu durations.{stat} (missing)")));
            }
        }
        Ok(w)
    }

    pub fn status(&self, s: Status) -> &str {
        match s {
            Status::Reported => &self.status.reported,
            Status::FormsOnly => &self.status.forms_only,
            Status::Missing => &self.status.missing,
        }
    }

    pub fn kind(&self, k: SourceKind) -> &str {
        match k {
            SourceKind::Report => &self.kind.report,
            SourceKind::Consolidated => &self.kind.consolidated,
            SourceKind::FormsWorkbook => &self.kind.forms_workbook,
        }
    }

    pub fn file(pattern: &str, slug: &str) -> String {
        pattern.replace("{slug}", slug)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shipped_wording_loads() {
        let w = super::Words::load().unwrap();
        assert_eq!(w.status.missing, "Chưa báo cáo");
    }
}
