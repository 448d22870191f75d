//! summary.json of a consolidation: the schema of `report` (SPEC §7) with `agency` = the
//! consolidating body, `by_unit` in place of `by_department`, and `units` — so that a body above
//! can consolidate this folder in turn.

use serde::Serialize;
use serde_json::Value;

use crate::calendar::period::Period;
use crate::figures::{Figures, Group};
use crate::render::json::{AgencyJson, PeriodJson, SCHEMA};

use super::data::{CompareCounts, Consolidation, FormsValues, Status};
use super::units::UnitsFile;
use super::words::Words;

#[derive(Serialize)]
struct SourceJson<'a> {
    unit: &'a str,
    kind: &'a str,
    file: String,
    sha256: &'a str,
    period: &'a str,
    tool_version: Option<&'a str>,
    as_of: Option<&'a str>,
}

#[derive(Serialize)]
struct InputJson<'a> {
    units_expected: usize,
    units_reported: usize,
    sources: Vec<SourceJson<'a>>,
}

#[derive(Serialize)]
struct UnitGroupJson<'a> {
    key: &'a str,
    label: &'a str,
    group: &'a str,
    #[serde(flatten)]
    figures: &'a Figures,
}

#[derive(Serialize)]
struct CompareEntryJson {
    period: PeriodJson,
    received: Option<u64>,
    on_time_rate: Option<f64>,
    resolved: Option<u64>,
    resolved_on_time: Option<u64>,
}

impl CompareEntryJson {
    fn new(p: &Period, c: Option<&CompareCounts>) -> Self {
        CompareEntryJson {
            period: PeriodJson::new(p),
            received: c.map(|c| c.received),
            on_time_rate: c.and_then(CompareCounts::on_time_rate),
            resolved: c.map(|c| c.resolved),
            resolved_on_time: c.map(|c| c.resolved_on_time),
        }
    }
}

#[derive(Serialize)]
struct CompareJson {
    previous: CompareEntryJson,
    same_period_last_year: CompareEntryJson,
}

#[derive(Serialize)]
struct UnitScoreJson<'a> {
    key: &'a str,
    points: f64,
    max_points: f64,
    rating: &'a str,
    rank: Option<u32>,
    criteria_sha256: Option<&'a str>,
}

#[derive(Serialize)]
struct ScorecardJson<'a> {
    ranked: bool,
    note: &'a str,
    by_unit: Vec<UnitScoreJson<'a>>,
}

#[derive(Serialize)]
struct UnitJson<'a> {
    code: &'a str,
    name: &'a str,
    group: &'a str,
    status: &'static str,
    /// The file its figures came from.
    source: Option<String>,
    totals: Option<&'a Figures>,
}

#[derive(Serialize)]
struct GroupJson<'a> {
    code: &'a str,
    name: &'a str,
    totals: &'a Figures,
}

#[derive(Serialize)]
struct Out<'a> {
    schema: &'static str,
    period: PeriodJson,
    input: InputJson<'a>,
    totals: &'a Figures,
    by_kind: &'a [Group],
    by_channel: &'a [Group],
    by_unit: Vec<UnitGroupJson<'a>>,
    by_category: &'a [Group],
    compare: CompareJson,
    scorecard: ScorecardJson<'a>,
    agency: AgencyJson,
    forms: Option<Value>,
    units: Vec<UnitJson<'a>>,
    groups: Vec<GroupJson<'a>>,
}

fn status_code(s: Status) -> &'static str {
    match s {
        Status::Reported => "reported",
        Status::FormsOnly => "forms_only",
        Status::Missing => "missing",
    }
}

/// `forms` as `report` writes it: by form code and column number.
pub fn forms_value(f: &FormsValues) -> Value {
    let mut out = serde_json::Map::new();
    for (code, values) in f {
        let mut cols = serde_json::Map::new();
        for (i, v) in values.iter().enumerate() {
            cols.insert((i + 1).to_string(), (*v).into());
        }
        out.insert(code.clone(), cols.into());
    }
    out.into()
}

pub fn bytes(c: &Consolidation, units: &UnitsFile, period: &Period, words: &Words) -> Vec<u8> {
    let sources = c
        .sources
        .iter()
        .map(|s| SourceJson {
            unit: &s.unit,
            kind: words.kind(s.kind),
            file: s.file.display().to_string(),
            sha256: &s.sha256,
            period: &s.period_label,
            tool_version: s.tool_version.as_deref(),
            as_of: s.as_of.as_deref(),
        })
        .collect();
    let by_unit = c
        .units()
        .filter_map(|u| {
            u.data.as_ref().map(|d| UnitGroupJson {
                key: &u.code,
                label: &u.name,
                group: &u.group,
                figures: &d.totals,
            })
        })
        .collect();
    let by_score = c
        .units()
        .filter_map(|u| {
            u.score.as_ref().map(|s| UnitScoreJson {
                key: &u.code,
                points: s.points,
                max_points: s.max_points,
                rating: &s.rating,
                rank: u.rank,
                criteria_sha256: s.criteria_sha256.as_deref(),
            })
        })
        .collect();
    let out = Out {
        schema: SCHEMA,
        period: PeriodJson::new(period),
        input: InputJson {
            units_expected: c.expected(),
            units_reported: c.reported(),
            sources,
        },
        totals: &c.total.totals,
        by_kind: &c.total.by_kind,
        by_channel: &c.total.by_channel,
        by_unit,
        by_category: &c.total.by_category,
        compare: CompareJson {
            previous: CompareEntryJson::new(&period.previous(), c.total.previous.as_ref()),
            same_period_last_year: CompareEntryJson::new(
                &period.same_period_last_year(),
                c.total.last_year.as_ref(),
            ),
        },
        scorecard: ScorecardJson {
            ranked: c.ranked,
            note: if c.ranked {
                &words.text.ranked
            } else {
                &words.text.not_ranked
            },
            by_unit: by_score,
        },
        agency: AgencyJson {
            code: Some(units.body.code.clone()),
            name: units.body.name.clone(),
        },
        forms: c.total_forms.as_ref().map(forms_value),
        units: c
            .units()
            .map(|u| UnitJson {
                code: &u.code,
                name: &u.name,
                group: &u.group,
                status: status_code(u.status),
                source: u.source.map(|i| c.sources[i].file.display().to_string()),
                totals: u.data.as_ref().map(|d| &d.totals),
            })
            .collect(),
        groups: c
            .groups
            .iter()
            .map(|g| GroupJson {
                code: &g.code,
                name: &g.name,
                totals: &g.data.totals,
            })
            .collect(),
    };
    crate::render::json::to_bytes(&out)
}
