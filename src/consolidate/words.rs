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
