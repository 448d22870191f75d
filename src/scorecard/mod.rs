//! Stage 5 — the "Công sở thân thiện" scorecard (SPEC §6).
//!
//! The criteria and their points are data: `report-templates/cong-so-than-thien.toml` (a sample until
//! the table of QĐ 1413/QĐ-UBND is entered) or the file named by `scorecard.criteria_file`. Each
//! criterion reads a figure of SPEC §5, a ratio of two figures, or a value declared by the Office in
//! `[scorecard.manual]`, and gives points by bands. The scorecard is computed for the agency and
//! for each department; every criterion that loses points lists the case numbers behind the loss.
//! The file format is documented in `docs/SCORECARD.md`.

mod criteria;
pub mod trend;

use std::collections::BTreeMap;

use serde::Serialize;

pub use criteria::*;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::figures::{CaseRef, Figures, PeriodFigures};

/// The shipped sample criteria file.
pub const SHIPPED: &str = include_str!("../../report-templates/cong-so-than-thien.toml");
/// The name of the shipped file in messages.
pub const SHIPPED_NAME: &str = "report-templates/cong-so-than-thien.toml";

impl Criteria {
    /// The shipped file, or `scorecard.criteria_file` when the config names one.
    pub fn load(cfg: &Config) -> Result<Criteria> {
        let src = crate::templates::Source::read(
            cfg.scorecard.criteria_file.as_deref(),
            SHIPPED_NAME,
            SHIPPED,
            crate::templates::Kind {
                vi: "tệp tiêu chí chấm điểm",
                en: "criteria file",
            },
        )?;
        Criteria::parse(&src.text, &src.name).map_err(Error::Runtime)
    }
}

/// The result of one criterion.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CriterionResult {
    pub id: String,
    pub title: String,
    /// The value read (a rate as a fraction; a manual yes/no as 1/0); None when undefined.
    pub value: Option<f64>,
    pub points: f64,
    pub max_points: f64,
    /// Case numbers behind lost points (empty when full points).
    pub cases: Vec<String>,
    /// How the points were given, e.g. "đạt mức ≥ 95%", "không có vụ việc … — đủ điểm".
    pub note: String,
    /// What kind of value `value` is, so renderers can format it.
    pub unit: ValueUnit,
}

/// The kind of a criterion's value.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ValueUnit {
    /// A fraction shown as a percentage (rates and ratios).
    Rate,
    /// A manual yes/no declaration (1 = yes, 0 = no).
    YesNo,
    /// Any other number (a count, days).
    Number,
}

/// The agency's scorecard.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Scorecard {
    pub points: f64,
    pub max_points: f64,
    pub rating: String,
    pub criteria: Vec<CriterionResult>,
}

/// One department's scorecard (criteria with `applies_to_departments = true` only).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DepartmentScore {
    pub key: String,
    pub points: f64,
    pub max_points: f64,
    pub rating: String,
    pub criteria: Vec<CriterionResult>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScorecardReport {
    /// Title of the scoring table (the criteria file's `title`).
    pub table: String,
    /// The file's `notice` (e.g. "MẪU — thay bằng bảng điểm của QĐ 1413/QĐ-UBND khi có"); empty when none.
    pub notice: String,
    pub agency: Scorecard,
    pub by_department: Vec<DepartmentScore>,
}

impl ScorecardReport {
    /// Departments from the lowest share of their maximum to the highest (ties in Vietnamese
    /// alphabetical order of their names), for the
    /// "worst departments" paragraph leadership reads first.
    pub fn departments_worst_first(&self) -> Vec<&DepartmentScore> {
        let mut v: Vec<&DepartmentScore> = self.by_department.iter().collect();
        let share = |d: &DepartmentScore| {
            if d.max_points > 0.0 {
                d.points / d.max_points
            } else {
                1.0
            }
        };
        v.sort_by(|a, b| {
            share(a)
                .partial_cmp(&share(b))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| {
                    crate::text::collation_key(&a.key).cmp(&crate::text::collation_key(&b.key))
                })
        });
        v
    }
}

/// The value of a figure by its summary.json name: None when the name is unknown, Some(None) when
/// the figure is undefined (a rate or a statistic over no case).
pub fn figure_value(f: &Figures, name: &str) -> Option<Option<f64>> {
    crate::figures::registry::find(name).map(|fig| (fig.get)(f))
}

/// Why a figure is undefined, in words for the note.
fn undefined_reason(figure: &str) -> String {
    let group = figure.split('.').next().unwrap_or(figure);
    match group {
        "on_time_rate" | "resolution_days" | "resolution_working_days" => {
            "không có vụ việc được giải quyết trong kỳ".into()
        }
        "response_days" => "không có vụ việc được trả lời trong kỳ".into(),
        "satisfaction" => "không có vụ việc được đánh giá mức độ hài lòng".into(),
        "assigned_within_1wd" => "không có vụ việc có ngày giao xử lý".into(),
        _ => format!("không có số liệu {figure}"),
    }
}

/// A number in Vietnamese style: decimal comma, at most 3 decimals (2 for percentages).
fn fmt_vi(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    let s = if s == "-0" { "0".to_string() } else { s };
    s.replace('.', ",")
}

fn is_percent_source(s: &Source) -> bool {
    match s {
        Source::Figure(f) => is_rate(f),
        Source::Ratio(..) => true,
        Source::Manual(_) => false,
    }
}

/// A threshold or value as shown in a note: rates and ratios as percentages.
fn fmt_value(s: &Source, v: f64) -> String {
    if is_percent_source(s) {
        format!("{}%", fmt_vi(v * 100.0, 2))
    } else {
        fmt_vi(v, 3)
    }
}

fn fmt_points(p: f64) -> String {
    fmt_vi(p, 3)
}

/// A manual value read from `[scorecard.manual]`: yes → 1, no → 0, or a number.
fn manual_number(key: &str, crit: &Criterion, v: &toml::Value) -> std::result::Result<f64, String> {
    let bad = |what: &str| {
        format!(
            "cấu hình [scorecard.manual] {key}: {what} (tiêu chí '{}': {})",
            crit.id, crit.title
        )
    };
    let x = match v {
        toml::Value::Boolean(b) => {
            if *b {
                1.0
            } else {
                0.0
            }
        }
        toml::Value::Integer(i) => *i as f64,
        toml::Value::Float(f) if f.is_finite() => *f,
        toml::Value::String(s) => {
            let t = crate::text::fold(s);
            match t.as_str() {
                "co" | "yes" | "true" | "da" | "dacongkhai" | "x" => 1.0,
                "khong" | "no" | "false" | "chua" | "chuacongkhai" => 0.0,
                _ => match s.trim().replace(',', ".").parse::<f64>() {
                    Ok(f) if f.is_finite() => f,
                    _ => {
                        return Err(bad(&format!(
                            "giá trị \"{s}\" không hiểu được; ghi true / false (có / không) hoặc một số"
                        )));
                    }
                },
            }
        }
        _ => return Err(bad("giá trị phải là true / false hoặc một số")),
    };
    if matches!(crit.scoring, Scoring::YesNo { .. }) && x != 0.0 && x != 1.0 {
        return Err(bad(&format!(
            "tiêu chí có/không chỉ nhận true / false (hoặc 1 / 0), không nhận {}",
            fmt_vi(x, 3)
        )));
    }
    Ok(x)
}

/// The value of a criterion: Ok(value) or Err(reason it is undefined).
fn criterion_value(
    c: &Criterion,
    f: &Figures,
    manual: &BTreeMap<String, f64>,
) -> std::result::Result<f64, String> {
    match &c.source {
        Source::Figure(name) => figure_value(f, name)
            .flatten()
            .ok_or_else(|| undefined_reason(name)),
        Source::Ratio(num, den) => {
            let d = figure_value(f, den).flatten();
            let n = figure_value(f, num).flatten();
            match (n, d) {
                (_, None) => Err(undefined_reason(den)),
                (_, Some(d)) if d == 0.0 => Err(format!("không có vụ việc ({den} = 0)")),
                (None, _) => Err(undefined_reason(num)),
                (Some(n), Some(d)) => Ok(n / d),
            }
        }
        Source::Manual(key) => manual
            .get(key)
            .copied()
            .ok_or_else(|| format!("chưa khai báo trong cấu hình [scorecard.manual] {key}")),
    }
}

fn score(
    c: &Criterion,
    f: &Figures,
    manual: &BTreeMap<String, f64>,
    late: &[&CaseRef],
) -> CriterionResult {
    let (value, points, note) = match criterion_value(c, f, manual) {
        Err(reason) => {
            let (p, what) = match c.when_undefined {
                Undefined::Full => (c.max_points, "đủ điểm".to_string()),
                Undefined::Zero => (0.0, "0 điểm".to_string()),
                Undefined::Points(p) => (p, format!("{} điểm", fmt_points(p))),
            };
            (None, p, format!("{reason} — {what}"))
        }
        Ok(v) => match &c.scoring {
            Scoring::YesNo { yes, no } => {
                if v >= 0.5 {
                    (Some(1.0), *yes, "đã khai báo: có".to_string())
                } else {
                    (Some(0.0), *no, "đã khai báo: không".to_string())
                }
            }
            Scoring::Bands { compare, bands } => {
                match bands.iter().find(|b| compare.meets(v, b.at)) {
                    Some(b) => (
                        Some(v),
                        b.points,
                        format!(
                            "đạt mức {} {}",
                            compare.symbol(),
                            fmt_value(&c.source, b.at)
                        ),
                    ),
                    None => {
                        let worst = bands.last().expect("checked non-empty");
                        (
                            Some(v),
                            0.0,
                            format!(
                                "chưa đạt mức thấp nhất ({} {})",
                                compare.symbol(),
                                fmt_value(&c.source, worst.at)
                            ),
                        )
                    }
                }
            }
        },
    };
    let cases = if points < c.max_points - EPS {
        late.iter()
            .filter(|k| c.lost_cases.includes(&k.reason))
            .map(|k| k.id.clone())
            .collect()
    } else {
        Vec::new()
    };
    let unit = match (&c.scoring, is_percent_source(&c.source)) {
        (Scoring::YesNo { .. }, _) => ValueUnit::YesNo,
        (_, true) => ValueUnit::Rate,
        _ => ValueUnit::Number,
    };
    CriterionResult {
        id: c.id.clone(),
        title: c.title.clone(),
        value,
        points,
        max_points: c.max_points,
        cases,
        note,
        unit,
    }
}

fn total(results: &[CriterionResult]) -> (f64, f64) {
    (
        round3(results.iter().map(|r| r.points).sum()),
        round3(results.iter().map(|r| r.max_points).sum()),
    )
}

/// Agency scorecard, and one per department in `figures.by_department` (criteria with
/// `applies_to_departments = true` only; manual criteria are agency-wide).
///
/// Fails when `[scorecard.manual]` holds a key that no criterion reads (a typo would otherwise go
/// unnoticed) or a value that its criterion cannot use.
pub fn evaluate(
    criteria: &Criteria,
    figures: &PeriodFigures,
    late: &[CaseRef],
    manual: &BTreeMap<String, toml::Value>,
) -> std::result::Result<ScorecardReport, String> {
    // The manual values, checked against the criteria that read them.
    let mut values: BTreeMap<String, f64> = BTreeMap::new();
    for (key, v) in manual {
        let readers: Vec<&Criterion> = criteria
            .criteria
            .iter()
            .filter(|c| matches!(&c.source, Source::Manual(k) if k == key))
            .collect();
        if readers.is_empty() {
            let known: Vec<&str> = criteria
                .criteria
                .iter()
                .filter_map(|c| match &c.source {
                    Source::Manual(k) => Some(k.as_str()),
                    _ => None,
                })
                .collect();
            return Err(format!(
                "cấu hình [scorecard.manual]: khóa '{key}' không ứng với tiêu chí nào của {} (unknown manual key); các khóa hợp lệ: {}",
                criteria.name,
                if known.is_empty() {
                    "(không có)".to_string()
                } else {
                    known.join(", ")
                }
            ));
        }
        let mut x = 0.0;
        for c in readers {
            x = manual_number(key, c, v)?;
        }
        values.insert(key.clone(), x);
    }

    let all: Vec<&CaseRef> = late.iter().collect();
    let agency_results: Vec<CriterionResult> = criteria
        .criteria
        .iter()
        .map(|c| score(c, &figures.totals, &values, &all))
        .collect();
    let (points, max_points) = total(&agency_results);
    let agency = Scorecard {
        points,
        max_points,
        rating: criteria.rating(points, max_points),
        criteria: agency_results,
    };

    let by_department = figures
        .by_department
        .iter()
        .map(|g| {
            let cases: Vec<&CaseRef> = late.iter().filter(|k| k.department == g.key).collect();
            let results: Vec<CriterionResult> = criteria
                .criteria
                .iter()
                .filter(|c| c.applies_to_departments)
                .map(|c| score(c, &g.figures, &values, &cases))
                .collect();
            let (points, max_points) = total(&results);
            DepartmentScore {
                key: g.key.clone(),
                points,
                max_points,
                rating: criteria.rating(points, max_points),
                criteria: results,
            }
        })
        .collect();

    Ok(ScorecardReport {
        table: criteria.title.clone(),
        notice: criteria.notice.clone(),
        agency,
        by_department,
    })
}

/// Points as summary.json writes them: rounded to 3 decimals, a whole number as an integer (20,
/// not 20.0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Points(pub f64);

impl Serialize for Points {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let r = round3(self.0);
        if r.fract() == 0.0 && r.abs() < 1e15 {
            s.serialize_i64(r as i64)
        } else {
            s.serialize_f64(r)
        }
    }
}

/// One criterion in summary.json.
#[derive(Debug, Clone, Serialize)]
pub struct CriterionSummary<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub value: Option<f64>,
    pub points: Points,
    pub max_points: Points,
    pub unit: &'a ValueUnit,
    pub note: &'a str,
    pub cases: &'a [String],
}

impl<'a> CriterionSummary<'a> {
    fn new(r: &'a CriterionResult) -> Self {
        CriterionSummary {
            id: &r.id,
            title: &r.title,
            value: r.value,
            points: Points(r.points),
            max_points: Points(r.max_points),
            unit: &r.unit,
            note: &r.note,
            cases: &r.cases,
        }
    }
}

/// One department's score in summary.json.
#[derive(Debug, Clone, Serialize)]
pub struct DepartmentSummary<'a> {
    pub key: &'a str,
    pub points: Points,
    pub max_points: Points,
    pub rating: &'a str,
    pub criteria: Vec<CriterionSummary<'a>>,
    /// rank, previous_rank, points_change, status and trend (SPEC §6), when the trend is computed.
    #[serde(flatten)]
    pub standing: Option<trend::DepartmentTrendSummary<'a>>,
}

/// The `scorecard` object of summary.json (SPEC §7), with "table", "notice", "unit", "note" and
/// "cases" per criterion, and "rating" and "criteria" per department added.
#[derive(Debug, Clone, Serialize)]
pub struct ScorecardSummary<'a> {
    pub table: &'a str,
    pub notice: &'a str,
    pub points: Points,
    pub max_points: Points,
    pub rating: &'a str,
    pub criteria: Vec<CriterionSummary<'a>>,
    /// The agency's points against the previous period (SPEC §6), when the trend is computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_change: Option<Option<Points>>,
    /// The agency's twelve periods (SPEC §6), when the trend is computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<Vec<trend::PointSummary<'a>>>,
    pub by_department: Vec<DepartmentSummary<'a>>,
    /// SHA-256 of the criteria file the points came from (SPEC §7): a consolidation ranks units
    /// only when they scored against the same file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criteria_sha256: Option<String>,
}

impl<'a> ScorecardSummary<'a> {
    pub fn new(r: &'a ScorecardReport) -> Self {
        ScorecardSummary {
            table: &r.table,
            notice: &r.notice,
            points: Points(r.agency.points),
            max_points: Points(r.agency.max_points),
            rating: &r.agency.rating,
            criteria: r
                .agency
                .criteria
                .iter()
                .map(CriterionSummary::new)
                .collect(),
            by_department: r
                .by_department
                .iter()
                .map(|d| DepartmentSummary {
                    key: &d.key,
                    points: Points(d.points),
                    max_points: Points(d.max_points),
                    rating: &d.rating,
                    criteria: d.criteria.iter().map(CriterionSummary::new).collect(),
                    standing: None,
                })
                .collect(),
            points_change: None,
            trend: None,
            criteria_sha256: None,
        }
    }

    /// Adds the trend: the agency's twelve periods and change of points, and each department's
    /// rank, previous rank, change of points, status and twelve periods.
    pub fn with_trend(mut self, t: &'a trend::Trend) -> Self {
        self.points_change = Some(t.agency_change.map(Points));
        self.trend = Some(trend::points_summary(&t.periods, &t.agency));
        for d in &mut self.by_department {
            d.standing = t
                .department(d.key)
                .map(|x| trend::DepartmentTrendSummary::new(t, x));
        }
        self
    }
}

#[cfg(test)]
mod tests;
