//! summary.json, schema `pakn-report/summary/v1` (SPEC §7). The schema is the `Summary` struct:
//! its fields are the keys, in their order, so the compiler checks every key the file has. Keys
//! are only ever added within v1.

use serde::Serialize;

use crate::calendar::period::Period;
use crate::figures::{Figures, Group, PeriodFigures};
use crate::normalize::accounting::InputSummary;
use crate::scorecard::ScorecardSummary;

pub const SCHEMA: &str = "pakn-report/summary/v1";

/// A period as summary.json and the manifest write it.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodJson {
    pub label: String,
    pub start: String,
    pub end: String,
    pub mode: &'static str,
}

impl PeriodJson {
    pub fn new(p: &Period) -> PeriodJson {
        PeriodJson {
            label: p.label.clone(),
            start: p.start.format("%Y-%m-%d").to_string(),
            end: p.end.format("%Y-%m-%d").to_string(),
            mode: p.mode.as_str(),
        }
    }
}

/// One entry of `compare`: another period's received count and on-time rate.
#[derive(Debug, Clone, Serialize)]
pub struct CompareEntry {
    pub period: PeriodJson,
    pub received: u64,
    pub on_time_rate: Option<f64>,
    /// The counts behind `on_time_rate`, so that a consolidation can recompute it (SPEC §11).
    pub resolved: u64,
    pub resolved_on_time: u64,
}

impl CompareEntry {
    fn new(p: &Period, f: &Figures) -> CompareEntry {
        CompareEntry {
            period: PeriodJson::new(p),
            received: f.received,
            on_time_rate: f.on_time_rate,
            resolved: f.resolved,
            resolved_on_time: f.resolved_on_time,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Compare {
    pub previous: CompareEntry,
    pub same_period_last_year: CompareEntry,
}

/// The whole of summary.json.
#[derive(Debug, Clone, Serialize)]
pub struct Summary<'a> {
    pub schema: &'static str,
    pub period: PeriodJson,
    pub input: InputSummary<'a>,
    pub totals: &'a Figures,
    pub by_kind: &'a [Group],
    pub by_channel: &'a [Group],
    pub by_department: &'a [Group],
    pub by_category: &'a [Group],
    pub compare: Compare,
    pub scorecard: ScorecardSummary<'a>,
    /// The reporting unit, `[agency] code` and name (SPEC §7, for consolidation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<AgencyJson>,
    /// Every column of the six TT 01/2024 forms, by form code and column number (null: empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forms: Option<serde_json::Value>,
}

/// `agency` of summary.json: the unit's code (from the config's `[agency] code`) and name.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct AgencyJson {
    pub code: Option<String>,
    pub name: String,
}

/// `forms` of summary.json: `{"01/XLD": {"1": 12, "2": null, …}, …}` in form and column order.
pub fn forms_json(forms: &[crate::forms::FilledForm]) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    for f in forms {
        let mut cols = serde_json::Map::new();
        for (i, v) in f.values.iter().enumerate() {
            cols.insert((i + 1).to_string(), v.number().into());
        }
        out.insert(f.form.code.clone(), cols.into());
    }
    out.into()
}

impl<'a> Summary<'a> {
    pub fn new(
        period: &Period,
        input: InputSummary<'a>,
        figures: &'a PeriodFigures,
        previous: (&Period, &Figures),
        last_year: (&Period, &Figures),
        scorecard: ScorecardSummary<'a>,
    ) -> Summary<'a> {
        Summary {
            schema: SCHEMA,
            period: PeriodJson::new(period),
            input,
            totals: &figures.totals,
            by_kind: &figures.by_kind,
            by_channel: &figures.by_channel,
            by_department: &figures.by_department,
            by_category: &figures.by_category,
            compare: Compare {
                previous: CompareEntry::new(previous.0, previous.1),
                same_period_last_year: CompareEntry::new(last_year.0, last_year.1),
            },
            scorecard,
            agency: None,
            forms: None,
        }
    }
}

/// Pretty JSON with a final newline.
pub fn to_bytes<T: Serialize>(v: &T) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}
