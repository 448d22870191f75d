//! The wording of the PDF report: `report-templates/bao-cao.toml`, compiled in. The config does not
//! override it (yet): editing the wording means editing that file and rebuilding.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The shipped wording.
pub const SHIPPED: &str = include_str!("../../../report-templates/bao-cao.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Templates {
    pub document: Document,
    pub change: Change,
    pub receipt: Receipt,
    pub handling: Handling,
    pub scorecard: ScorecardText,
    pub issues: Issues,
    pub targets: Targets,
    pub columns: Columns,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// File name of the PDF and the DOCX, without the extension.
    pub file: String,
    pub info_title: String,
    pub national_name: String,
    pub motto: String,
    pub number: String,
    pub place_date: String,
    pub doc_type: String,
    pub summary: String,
    pub intro: String,
    pub closing: String,
    pub recipients_title: String,
    pub table_prefix: String,
    pub chart_prefix: String,
    pub total_row: String,
    pub cases: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub previous: String,
    pub last_year: String,
    pub increase: String,
    pub decrease: String,
    pub equal: String,
    pub increase_from_zero: String,
    pub rate_increase: String,
    pub rate_decrease: String,
    pub rate_equal: String,
    pub rate_no_base: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    pub title: String,
    pub volume_title: String,
    pub volume: String,
    pub by_kind: String,
    pub data_note: String,
    pub kind_table: String,
    pub channel_title: String,
    pub by_channel: String,
    pub channel_table: String,
    pub channel_chart: String,
    pub monthly_title: String,
    pub monthly: String,
    pub monthly_chart: String,
    pub monthly_received: String,
    pub monthly_resolved: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handling {
    pub title: String,
    pub result_title: String,
    pub result: String,
    pub result_none: String,
    pub pending: String,
    pub pending_in_time: String,
    pub pending_zero: String,
    pub time_title: String,
    pub response: String,
    pub response_none: String,
    pub resolution_time: String,
    pub assigned: String,
    pub satisfaction: String,
    pub satisfaction_none: String,
    pub department_title: String,
    pub department: String,
    pub department_table: String,
    pub department_chart: String,
    pub department_chart_to_handle: String,
    pub department_chart_overdue: String,
    pub overdue_title: String,
    pub overdue_intro: String,
    pub overdue_table: String,
    pub overdue_more: String,
    pub overdue_none: String,
    pub privacy_note: String,
    pub other_group: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScorecardText {
    pub title: String,
    pub missing: String,
    pub summary: String,
    pub notice: String,
    pub lost_intro: String,
    pub lost_item: String,
    pub lost_cases: String,
    pub no_lost: String,
    pub criteria_table: String,
    pub departments: String,
    pub departments_all_full: String,
    pub departments_none: String,
    pub departments_table: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issues {
    pub title: String,
    pub problems_title: String,
    pub overdue: String,
    pub late: String,
    pub late_within_target: String,
    pub response_late: String,
    pub satisfaction: String,
    pub data_quality: String,
    pub scorecard: String,
    pub none: String,
    pub proposals_title: String,
    pub propose_overdue: String,
    pub propose_late: String,
    pub propose_satisfaction: String,
    pub propose_data: String,
    pub propose_scorecard: String,
    pub propose_always: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    pub on_time_rate: f64,
    pub satisfaction_rate: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub kind: String,
    pub channel: String,
    pub department: String,
    pub received: String,
    pub to_handle: String,
    pub resolved: String,
    pub on_time: String,
    pub late: String,
    pub overdue: String,
    pub on_time_rate: String,
    pub number: String,
    pub case_id: String,
    pub received_date: String,
    pub deadline: String,
    pub days_overdue: String,
    pub criterion: String,
    pub points: String,
    pub max_points: String,
    pub note: String,
    pub unit: String,
    pub points_share: String,
    pub rating: String,
}

const KIND: crate::templates::Kind = crate::templates::Kind {
    vi: "tệp câu chữ báo cáo",
    en: "report wording",
};

impl Templates {
    /// The compiled-in `report-templates/bao-cao.toml` (checked by the tests).
    pub fn shipped() -> Templates {
        toml::from_str(SHIPPED).expect("report-templates/bao-cao.toml parses (checked by tests)")
    }

    /// The wording of the report: the edited copy `[templates] report_file` names, else the
    /// shipped file. An unknown key or a placeholder not filled at its key is an error naming the
    /// file and line.
    pub fn load(cfg: &crate::config::Config) -> crate::error::Result<Templates> {
        let src = crate::templates::Source::read(
            cfg.templates.report_file.as_deref(),
            "report-templates/bao-cao.toml",
            SHIPPED,
            KIND,
        )?;
        let t: Templates = src.parse(KIND)?;
        src.check_placeholders(KIND, SHIPPED)?;
        Ok(t)
    }
}

/// The values a template may use, by placeholder name.
#[derive(Debug, Default, Clone)]
pub struct Vars(BTreeMap<&'static str, String>);

impl Vars {
    pub fn new() -> Vars {
        Vars::default()
    }

    pub fn set(&mut self, key: &'static str, value: impl Into<String>) -> &mut Self {
        self.0.insert(key, value.into());
        self
    }

    pub fn with(&self, key: &'static str, value: impl Into<String>) -> Vars {
        let mut v = self.clone();
        v.set(key, value);
        v
    }

    /// Replaces every `{name}` whose name is set; other braces are left as they are.
    pub fn fill(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) if self.0.contains_key(&after[..close]) => {
                    out.push_str(&self.0[&after[..close]]);
                    rest = &after[close + 1..];
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// Every placeholder the renderer fills (docs/OUTPUTS.md lists them with their meaning); the
/// tests check the shipped templates against it.
#[cfg_attr(not(test), allow(dead_code))]
pub const PLACEHOLDERS: &[&str] = &[
    // document
    "period_slug",
    "period_title",
    "period_label",
    "start",
    "end",
    "agency_short",
    "number_prefix",
    "place",
    "dd",
    "mm",
    "yyyy",
    "n",
    // comparisons
    "pct",
    "ref",
    "diff",
    "points",
    "value",
    // figures
    "received",
    "carried_over",
    "to_handle",
    "resolved",
    "resolved_on_time",
    "resolved_late",
    "pending",
    "pending_overdue",
    "on_time_rate",
    "resolved_share",
    "responded",
    "response_on_time",
    "response_late",
    "response_mean",
    "resolution_mean",
    "resolution_wd_mean",
    "resolution_wd_median",
    "resolution_wd_p90",
    "rated",
    "satisfied",
    "satisfaction_rate",
    "assigned_count",
    "assigned_within",
    "assigned_rate",
    "change_previous",
    "change_last_year",
    "previous_received",
    "last_year_received",
    "rate_change_previous",
    "rate_change_last_year",
    // lists
    "kind_list",
    "channel_list",
    "department_list",
    "overdue_departments",
    "overdue_department_names",
    "more",
    "min_cell",
    // input accounting
    "files",
    "rows_read",
    "accepted",
    "rejected",
    "duplicates",
    "skipped",
    // scorecard
    "table",
    "max_points",
    "share",
    "rating",
    "notice",
    "title",
    "note",
    "cases",
    "worst_list",
    "lost_count",
    "worst_department",
    // targets
    "target_on_time_rate",
    "target_satisfaction_rate",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_templates_parse_and_use_known_placeholders() {
        let t = Templates::shipped();
        assert_eq!(t.receipt.title, "I. TÌNH HÌNH TIẾP NHẬN");
        let mut unknown = Vec::new();
        for line in SHIPPED.lines().filter(|l| !l.trim_start().starts_with('#')) {
            let mut rest = line;
            while let Some(open) = rest.find('{') {
                let after = &rest[open + 1..];
                let Some(close) = after.find('}') else { break };
                let name = &after[..close];
                if !PLACEHOLDERS.contains(&name) {
                    unknown.push(name.to_string());
                }
                rest = &after[close + 1..];
            }
        }
        assert!(unknown.is_empty(), "unknown placeholders: {unknown:?}");
    }

    #[test]
    fn fill_replaces_known_names_only() {
        let mut v = Vars::new();
        v.set("received", "1.234").set("pct", "12,5%");
        assert_eq!(
            v.fill("tiếp nhận {received} vụ việc, {pct}, {unknown} {"),
            "tiếp nhận 1.234 vụ việc, 12,5%, {unknown} {"
        );
    }
}
