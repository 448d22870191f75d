//! The scorecard as a trend (SPEC §6): the twelve periods of the same kind that end with the
//! reported one, scored for the agency and every department from the same case table and
//! criteria, with each department's rank now, its rank in the previous period and the change of
//! points (↑ ↓ =).
//!
//! The figures of the earlier periods come from `figures::scorecard_figures` (the same queries,
//! one pass over the cases per period, no re-reading of inputs and no recomputed deadlines) and
//! are scored by `scorecard::evaluate`, the function that scores the reported period: a point of
//! the trend is the scorecard a separate `report` run for that period gives. The reported period
//! itself is the run's own scorecard.

use serde::Serialize;

use super::{Points, ScorecardReport, evaluate, round3};
use crate::calendar::period::Period;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::figures::{self, PeriodFigures};
use crate::normalize::CaseTable;
use crate::render::json::PeriodJson;

/// Periods in a trend, the reported one included.
pub const PERIODS: usize = 12;

const EPS: f64 = 1e-9;

/// One period's score of the agency or a department; `points` is None when there is no data
/// ("chưa có số liệu"): a period that ends before the first case of the register, or a
/// department that had no case to handle in that period.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub points: Option<f64>,
    pub max_points: f64,
    pub rating: Option<String>,
    /// The position of the rating among the criteria file's bands (0 = best), for colours.
    pub band: Option<usize>,
}

/// How a department moved against the previous period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A better (smaller) rank than in the previous period.
    Up,
    /// A worse rank.
    Down,
    /// The same rank.
    Same,
    /// Not ranked in the previous period.
    New,
}

/// A department's line and standing.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentTrend {
    pub key: String,
    /// One point per period, oldest first (the last is the reported period).
    pub points: Vec<Point>,
    /// Rank among the departments of the reported period (1 = best; ties share a rank).
    pub rank: u32,
    /// Rank among the departments scored in the previous period; None when it was not scored.
    pub previous_rank: Option<u32>,
    /// Points now minus points in the previous period; None when it was not scored.
    pub points_change: Option<f64>,
    pub status: Status,
}

/// The trend of the agency and of every department of the reported period.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// Oldest first; the last is the reported period.
    pub periods: Vec<Period>,
    pub agency: Vec<Point>,
    /// Points now minus points in the previous period (None when it had no data).
    pub agency_change: Option<f64>,
    /// In the order of the scorecard's departments.
    pub departments: Vec<DepartmentTrend>,
}

/// The twelve periods of the same kind ending with `period`, oldest first.
pub fn periods(period: &Period) -> Vec<Period> {
    let mut v = Vec::with_capacity(PERIODS);
    let mut p = period.clone();
    for i in 0..PERIODS {
        if i > 0 {
            p = p.previous();
        }
        v.push(p.clone());
    }
    v.reverse();
    v
}

fn share(points: f64, max: f64) -> f64 {
    if max > 0.0 { points / max } else { 1.0 }
}

/// Competition ranks ("1, 2, 2, 4") by share of the maximum, best first, for `(key, points, max)`.
pub fn ranks(scores: &[(&str, f64, f64)]) -> Vec<u32> {
    scores
        .iter()
        .map(|(_, p, m)| {
            let mine = round3(share(*p, *m) * 1000.0);
            1 + scores
                .iter()
                .filter(|(_, q, n)| round3(share(*q, *n) * 1000.0) > mine + EPS)
                .count() as u32
        })
        .collect()
}

fn band_of(criteria: &super::Criteria, rating: &str) -> Option<usize> {
    criteria.ratings.iter().position(|r| r.label == rating)
}

fn point(criteria: &super::Criteria, points: f64, max: f64, rating: &str) -> Point {
    Point {
        points: Some(points),
        max_points: max,
        rating: Some(rating.to_string()),
        band: band_of(criteria, rating),
    }
}

/// Scores the twelve periods ending with `period`. `now` is the reported period's scorecard (the
/// last point); the eleven before it are computed from `cases`.
pub fn compute(
    criteria: &super::Criteria,
    cases: &CaseTable,
    period: &Period,
    now: &ScorecardReport,
    cfg: &Config,
) -> Result<Trend> {
    let periods = periods(period);
    let earlier = &periods[..PERIODS - 1];
    let first = figures::first_received(cases)?;
    // Periods that end before the first case have no data: their figures are not computed.
    let with_data: Vec<Period> = earlier
        .iter()
        .filter(|p| first.is_some_and(|f| p.end >= f))
        .cloned()
        .collect();
    let figs: Vec<PeriodFigures> = figures::scorecard_figures(cases, &with_data)?;
    let mut scored: Vec<Option<ScorecardReport>> = Vec::with_capacity(PERIODS);
    let mut it = figs.iter();
    for p in earlier {
        if first.is_some_and(|f| p.end >= f) {
            let f = it.next().expect("one result per period with data");
            scored.push(Some(
                evaluate(criteria, f, &[], &cfg.scorecard.manual).map_err(Error::Runtime)?,
            ));
        } else {
            scored.push(None);
        }
    }
    Ok(assemble(criteria, periods, scored, now))
}

/// The trend from the eleven earlier scorecards (None: no data) and the reported one.
pub fn assemble(
    criteria: &super::Criteria,
    periods: Vec<Period>,
    earlier: Vec<Option<ScorecardReport>>,
    now: &ScorecardReport,
) -> Trend {
    let max = criteria.max_points();
    let none = |max_points: f64| Point {
        points: None,
        max_points,
        rating: None,
        band: None,
    };
    let all: Vec<Option<&ScorecardReport>> = earlier
        .iter()
        .map(|s| s.as_ref())
        .chain(std::iter::once(Some(now)))
        .collect();
    let agency: Vec<Point> = all
        .iter()
        .map(|s| match s {
            Some(s) => point(
                criteria,
                s.agency.points,
                s.agency.max_points,
                &s.agency.rating,
            ),
            None => none(max),
        })
        .collect();
    let change = |pts: &[Point]| -> Option<f64> {
        let n = pts.len();
        match (pts.get(n.wrapping_sub(1)), pts.get(n.wrapping_sub(2))) {
            (Some(a), Some(b)) => match (a.points, b.points) {
                (Some(x), Some(y)) => Some(round3(x - y)),
                _ => None,
            },
            _ => None,
        }
    };
    let agency_change = change(&agency);

    let dept_max = now
        .by_department
        .first()
        .map(|d| d.max_points)
        .unwrap_or_else(|| {
            round3(
                criteria
                    .criteria
                    .iter()
                    .filter(|c| c.applies_to_departments)
                    .map(|c| c.max_points)
                    .sum(),
            )
        });
    let rank_now = ranks(
        &now.by_department
            .iter()
            .map(|d| (d.key.as_str(), d.points, d.max_points))
            .collect::<Vec<_>>(),
    );
    let previous = all.get(PERIODS.wrapping_sub(2)).copied().flatten();
    let rank_before: Vec<(&str, u32)> = match previous {
        Some(p) => {
            let s: Vec<(&str, f64, f64)> = p
                .by_department
                .iter()
                .map(|d| (d.key.as_str(), d.points, d.max_points))
                .collect();
            s.iter().map(|x| x.0).zip(ranks(&s)).collect()
        }
        None => Vec::new(),
    };
    let departments = now
        .by_department
        .iter()
        .zip(rank_now)
        .map(|(d, rank)| {
            let points: Vec<Point> = all
                .iter()
                .map(|s| {
                    s.and_then(|s| s.by_department.iter().find(|x| x.key == d.key))
                        .map(|x| point(criteria, x.points, x.max_points, &x.rating))
                        .unwrap_or_else(|| none(dept_max))
                })
                .collect();
            let previous_rank = rank_before
                .iter()
                .find(|(k, _)| *k == d.key)
                .map(|(_, r)| *r);
            let status = match previous_rank {
                None => Status::New,
                Some(r) if rank < r => Status::Up,
                Some(r) if rank > r => Status::Down,
                Some(_) => Status::Same,
            };
            DepartmentTrend {
                key: d.key.clone(),
                points_change: change(&points),
                points,
                rank,
                previous_rank,
                status,
            }
        })
        .collect();
    Trend {
        periods,
        agency,
        agency_change,
        departments,
    }
}

impl Trend {
    /// Departments by rank, best first (ties in Vietnamese alphabetical order).
    pub fn ranked(&self) -> Vec<&DepartmentTrend> {
        let mut v: Vec<&DepartmentTrend> = self.departments.iter().collect();
        v.sort_by(|a, b| {
            a.rank.cmp(&b.rank).then_with(|| {
                crate::text::collation_key(&a.key).cmp(&crate::text::collation_key(&b.key))
            })
        });
        v
    }

    /// The `n` departments with the worst rank now (the last of `ranked`).
    pub fn worst(&self, n: usize) -> Vec<&DepartmentTrend> {
        let r = self.ranked();
        let k = r.len().saturating_sub(n);
        r[k..].iter().rev().copied().collect()
    }

    pub fn department(&self, key: &str) -> Option<&DepartmentTrend> {
        self.departments.iter().find(|d| d.key == key)
    }
}

/// A change of points as printed: "+2,5", "−5", "0"; "—" when unknown.
pub fn fmt_change(c: Option<f64>) -> String {
    match c {
        None => "—".into(),
        Some(x) if x.abs() < EPS => "0".into(),
        Some(x) => {
            let s = super::fmt_points(x.abs());
            if x > 0.0 {
                format!("+{s}")
            } else {
                format!("−{s}")
            }
        }
    }
}

// ------------------------------------------------------------------------------------------------
// summary.json

/// One point of `scorecard.trend` (SPEC §6): points and rating are null when there is no data.
#[derive(Debug, Clone, Serialize)]
pub struct PointSummary<'a> {
    pub period: PeriodJson,
    pub points: Option<Points>,
    pub max_points: Points,
    pub rating: Option<&'a str>,
}

pub fn points_summary<'a>(periods: &[Period], pts: &'a [Point]) -> Vec<PointSummary<'a>> {
    periods
        .iter()
        .zip(pts)
        .map(|(p, x)| PointSummary {
            period: PeriodJson::new(p),
            points: x.points.map(Points),
            max_points: Points(x.max_points),
            rating: x.rating.as_deref(),
        })
        .collect()
}

/// What a department of `scorecard.by_department` gains from the trend.
#[derive(Debug, Clone, Serialize)]
pub struct DepartmentTrendSummary<'a> {
    pub rank: u32,
    pub previous_rank: Option<u32>,
    pub points_change: Option<Points>,
    pub status: Status,
    pub trend: Vec<PointSummary<'a>>,
}

impl<'a> DepartmentTrendSummary<'a> {
    pub fn new(t: &'a Trend, d: &'a DepartmentTrend) -> Self {
        DepartmentTrendSummary {
            rank: d.rank,
            previous_rank: d.previous_rank,
            points_change: d.points_change.map(Points),
            status: d.status,
            trend: points_summary(&t.periods, &d.points),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_share_ties() {
        let s = [
            ("A", 80.0, 100.0),
            ("B", 90.0, 100.0),
            ("C", 80.0, 100.0),
            ("D", 70.0, 100.0),
        ];
        assert_eq!(ranks(&s), vec![2, 1, 2, 4]);
        assert_eq!(ranks(&[]), Vec::<u32>::new());
    }

    #[test]
    fn changes_are_signed() {
        assert_eq!(fmt_change(Some(2.5)), "+2,5");
        assert_eq!(fmt_change(Some(-5.0)), "−5");
        assert_eq!(fmt_change(Some(0.0)), "0");
        assert_eq!(fmt_change(None), "—");
    }

    #[test]
    fn twelve_months_end_with_the_period() {
        use crate::calendar::period::{Mode, Span};
        let p = Period::new(
            Span::Month {
                year: 2026,
                month: 5,
            },
            Mode::Calendar,
        );
        let v = periods(&p);
        assert_eq!(v.len(), 12);
        assert_eq!(v[11], p);
        assert_eq!(
            v[0].start,
            chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
        );
    }
}
