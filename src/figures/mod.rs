//! Stage 4 — figures (SPEC §5). The definitions live in `queries/figures.sql`, run through
//! polars' SQL engine over the case table; this module fills in the period, runs the query per
//! grouping and reads the result into typed structs.

pub mod flags;
pub mod hist;
pub mod registry;

use polars::prelude::*;
use polars::sql::SQLContext;
use serde::{Deserialize, Serialize};

use crate::calendar::period::Period;
use crate::error::{Error, Result};
use crate::normalize::columns as col;
use crate::normalize::{CaseTable, Vocabulary};
use crate::text::collation_key;

/// The figure definitions an analyst reads.
pub const FIGURES_SQL: &str = include_str!("../../queries/figures.sql");
/// The case lists behind figures (overdue cases, late cases).
pub const CASES_SQL: &str = include_str!("../../queries/cases.sql");

/// count, mean, median, p90 (linear interpolation, Excel PERCENTILE.INC) and max of a duration.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Stats {
    pub count: u64,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub p90: Option<f64>,
    pub max: Option<f64>,
    /// The mergeable histogram of the values (SPEC §7, §11): `[[value rounded to 0.01, count],
    /// …]`, sorted; filled by [`hist::attach`] for the totals and the kind, channel and category
    /// breakdowns, absent elsewhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hist: Option<Vec<(f64, u64)>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Satisfaction {
    pub rated: u64,
    pub satisfied: u64,
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Assigned {
    pub count: u64,
    pub within: u64,
    pub rate: Option<f64>,
}

/// Every figure of SPEC §5 for one group (or the whole agency).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Figures {
    pub carried_over: u64,
    pub received: u64,
    pub to_handle: u64,
    pub resolved: u64,
    pub resolved_on_time: u64,
    pub resolved_late: u64,
    pub pending: u64,
    pub pending_overdue: u64,
    pub on_time_rate: Option<f64>,
    pub responded: u64,
    pub response_on_time: u64,
    pub response_days: Stats,
    pub resolution_days: Stats,
    pub resolution_working_days: Stats,
    pub satisfaction: Satisfaction,
    pub assigned_within_1wd: Assigned,
}

/// Figures derived from the others, for the report's wording (not in summary.json: a reader
/// computes them from the figures there).
impl Figures {
    /// Đã giải quyết / tổng số phải xử lý (None when nothing was to handle).
    pub fn resolved_share(&self) -> Option<f64> {
        ratio(self.resolved, self.to_handle)
    }

    /// Replies given after their term: đã phản hồi − phản hồi đúng hạn.
    pub fn response_late(&self) -> u64 {
        self.responded.saturating_sub(self.response_on_time)
    }

    /// This group's share of a total (e.g. its received cases among all received).
    pub fn share_of(part: u64, total: u64) -> Option<f64> {
        ratio(part, total)
    }
}

/// One row of a breakdown: the normalised key, its label, its figures.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Group {
    pub key: String,
    pub label: String,
    #[serde(flatten)]
    pub figures: Figures,
}

/// The figures of one period.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodFigures {
    pub totals: Figures,
    pub by_kind: Vec<Group>,
    pub by_channel: Vec<Group>,
    pub by_department: Vec<Group>,
    pub by_category: Vec<Group>,
}

/// The grouping dimensions of the report.
pub const DIMENSIONS: &[&str] = &["kind", "channel", "department", "category"];

fn ratio(a: u64, b: u64) -> Option<f64> {
    if b == 0 {
        None
    } else {
        Some(a as f64 / b as f64)
    }
}

/// Fills the grouping placeholder of a query.
pub fn bind(sql: &str, group: &str) -> String {
    sql.replace("{group}", group)
}

/// The one-row `period` table the queries join: period_start, period_end (dates) and
/// period_end_instant (the last millisecond of the last day).
pub fn period_table(period: &Period) -> Result<DataFrame> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    let days = |d: chrono::NaiveDate| (d - epoch).num_days() as i32;
    let end_ms = (days(period.end) as i64 + 1) * 86_400_000 - 1;
    let cols = vec![
        Series::new("period_start".into(), [days(period.start)])
            .cast(&DataType::Date)?
            .into_column(),
        Series::new("period_end".into(), [days(period.end)])
            .cast(&DataType::Date)?
            .into_column(),
        Series::new("period_end_instant".into(), [end_ms])
            .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))?
            .into_column(),
    ];
    Ok(DataFrame::new(1, cols)?)
}

fn context(cases: &CaseTable, period: &Period) -> Result<SQLContext> {
    let ctx = SQLContext::new();
    ctx.register("cases", cases.df.clone().lazy());
    ctx.register("period", period_table(period)?.lazy());
    Ok(ctx)
}

/// The cases that can count in a figure of the period: received by its end and not resolved
/// before its start, or resolved within it. Every figure of `queries/figures.sql` and every case
/// of `queries/cases.sql` needs one of the flags is_carried, is_received, is_resolved or
/// is_pending, and each of them implies this test, so the queries give the same result on these
/// rows as on the whole table; on a multi-year history they are a small part of it. (This relies
/// on the input rule that a case resolved before it was received is rejected, SPEC §3.5: such a
/// case could be "resolved in the period" without being received by its end.)
///
/// Only the columns named in `texts` (the queries and grouping columns that will run on the
/// result) are kept: the others would be filtered for nothing.
pub fn in_play(
    cases: &CaseTable,
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
    texts: &[&str],
) -> Result<CaseTable> {
    filtered(cases, start, end, texts, |rec, res, start, end| {
        let open_at_start = match res {
            None => true,
            Some(r) => r >= start,
        };
        let resolved_in = res.is_some_and(|r| r >= start && r <= end);
        rec.is_some_and(|d| d <= end) && open_at_start || resolved_in
    })
}

/// The cases received or resolved from `start` to `end`: those that can count in the received,
/// resolved and resolved-on-time figures of a period within these days (each of them needs
/// is_received or is_resolved). The other figures are not meaningful on this table.
fn in_flow(
    cases: &CaseTable,
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
    texts: &[&str],
) -> Result<CaseTable> {
    filtered(cases, start, end, texts, |rec, res, start, end| {
        rec.is_some_and(|d| d >= start && d <= end) || res.is_some_and(|r| r >= start && r <= end)
    })
}

/// The rows whose receipt and resolution days (days since 1970-01-01) pass `keep`, with the
/// columns named in `texts`.
fn filtered(
    cases: &CaseTable,
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
    texts: &[&str],
    keep: impl Fn(Option<i32>, Option<i32>, i32, i32) -> bool,
) -> Result<CaseTable> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    let start = (start - epoch).num_days() as i32;
    let end = (end - epoch).num_days() as i32;
    let df = &cases.df;
    let received = df.column(col::RECEIVED_DATE)?.date()?.physical();
    let resolved = df.column(col::RESOLVED_DATE)?.date()?.physical();
    let mask: BooleanChunked = received
        .iter()
        .zip(resolved.iter())
        .map(|(rec, res)| Some(keep(rec, res, start, end)))
        .collect();
    let named: Vec<PlSmallStr> = df
        .get_column_names()
        .into_iter()
        .filter(|c| texts.iter().any(|t| names_column(t, c)))
        .cloned()
        .collect();
    let df = df.select(named)?;
    if mask.all() {
        return Ok(CaseTable { df });
    }
    Ok(CaseTable {
        df: df.filter(&mask)?,
    })
}

/// True when `text` holds `column` as a whole word.
fn names_column(text: &str, column: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    text.match_indices(column).any(|(i, m)| {
        !word(text[..i].chars().next_back()) && !word(text[i + m.len()..].chars().next())
    })
}

/// Runs a query of `queries/` for a period.
pub fn run_query(cases: &CaseTable, sql: &str, period: &Period, group: &str) -> Result<DataFrame> {
    let mut ctx = context(cases, period)?;
    let q = bind(sql, group);
    ctx.execute(&q)
        .and_then(|lf| lf.collect())
        .map_err(|e| Error::Runtime(format!("truy vấn số liệu lỗi (query failed): {e}")))
}

/// Runs several queries of `queries/` as one plan (polars runs the parts side by side):
/// `(cases, period, group)` per query, results in the same order.
pub fn run_queries(sql: &str, jobs: &[(&CaseTable, &Period, &str)]) -> Result<Vec<DataFrame>> {
    let fail = |e: PolarsError| Error::Runtime(format!("truy vấn số liệu lỗi (query failed): {e}"));
    let mut plans = Vec::with_capacity(jobs.len());
    let mut opt = None;
    for (cases, period, group) in jobs {
        let mut ctx = context(cases, period)?;
        let lf = ctx.execute(&bind(sql, group)).map_err(fail)?;
        opt.get_or_insert(lf.get_current_optimizations());
        plans.push(lf.logical_plan);
    }
    let Some(opt) = opt else {
        return Ok(Vec::new());
    };
    LazyFrame::collect_all_with_engine(plans, Engine::Auto, opt).map_err(fail)
}

struct Reader<'a> {
    df: &'a DataFrame,
}

impl Reader<'_> {
    fn f(&self, name: &str, i: usize) -> Result<Option<f64>> {
        let c = self.df.column(name)?.cast(&DataType::Float64)?;
        Ok(c.f64()?.get(i).filter(|v| v.is_finite()))
    }
    fn n(&self, name: &str, i: usize) -> Result<u64> {
        Ok(self.f(name, i)?.unwrap_or(0.0).round() as u64)
    }
    fn stats(&self, prefix: &str, i: usize) -> Result<Stats> {
        // Rounded to 6 decimals: the engine's summation order leaves noise in the last digits.
        let r = |v: Option<f64>| v.map(|v| (v * 1e6).round() / 1e6);
        Ok(Stats {
            count: self.n(&format!("{prefix}_count"), i)?,
            mean: r(self.f(&format!("{prefix}_mean"), i)?),
            median: r(self.f(&format!("{prefix}_median"), i)?),
            p90: r(self.f(&format!("{prefix}_p90"), i)?),
            max: r(self.f(&format!("{prefix}_max"), i)?),
            hist: None,
        })
    }
    fn figures(&self, i: usize) -> Result<Figures> {
        let resolved = self.n("resolved", i)?;
        let on_time = self.n("resolved_on_time", i)?;
        let rated = self.n("satisfaction_rated", i)?;
        let satisfied = self.n("satisfaction_satisfied", i)?;
        let assigned = self.n("assigned_count", i)?;
        let within = self.n("assigned_within", i)?;
        Ok(Figures {
            carried_over: self.n("carried_over", i)?,
            received: self.n("received", i)?,
            to_handle: self.n("to_handle", i)?,
            resolved,
            resolved_on_time: on_time,
            resolved_late: self.n("resolved_late", i)?,
            pending: self.n("pending", i)?,
            pending_overdue: self.n("pending_overdue", i)?,
            on_time_rate: ratio(on_time, resolved),
            responded: self.n("responded", i)?,
            response_on_time: self.n("response_on_time", i)?,
            response_days: self.stats("response_days", i)?,
            resolution_days: self.stats("resolution_days", i)?,
            resolution_working_days: self.stats("resolution_working_days", i)?,
            satisfaction: Satisfaction {
                rated,
                satisfied,
                rate: ratio(satisfied, rated),
            },
            assigned_within_1wd: Assigned {
                count: assigned,
                within,
                rate: ratio(within, assigned),
            },
        })
    }
}

/// Figures per value of one column (or 'total').
fn grouped(cases: &CaseTable, period: &Period, group: &str) -> Result<Vec<(String, Figures)>> {
    read_groups(&run_query(cases, FIGURES_SQL, period, group)?)
}

/// The rows of a result of `queries/figures.sql`.
fn read_groups(df: &DataFrame) -> Result<Vec<(String, Figures)>> {
    let keys = df.column("key")?.cast(&DataType::String)?;
    let keys = keys.str()?;
    let r = Reader { df };
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        out.push((keys.get(i).unwrap_or("").to_string(), r.figures(i)?));
    }
    Ok(out)
}

/// Every figure of a period: totals and the four breakdowns.
pub fn compute(cases: &CaseTable, vocab: &Vocabulary, period: &Period) -> Result<PeriodFigures> {
    let mut texts = vec![FIGURES_SQL];
    texts.extend(DIMENSIONS);
    let cases = &in_play(cases, period.start, period.end, &texts)?;
    // The total and the four breakdowns as one plan.
    let mut results = if cases.is_empty() {
        Vec::new()
    } else {
        let mut jobs = vec![(cases, period, "'total'")];
        jobs.extend(DIMENSIONS.iter().map(|dim| (cases, period, *dim)));
        run_queries(FIGURES_SQL, &jobs)?
            .iter()
            .map(read_groups)
            .collect::<Result<Vec<_>>>()?
    }
    .into_iter();
    let totals = results
        .next()
        .and_then(|rows| rows.into_iter().next())
        .map(|(_, f)| f)
        .unwrap_or_default();
    let mut by = Vec::new();
    for dim in DIMENSIONS {
        let rows = results.next().unwrap_or_default();
        let groups = match *dim {
            // Coded dimensions list every code, in the vocabulary's order.
            "kind" | "channel" => {
                let codes = if *dim == "kind" {
                    &vocab.kind
                } else {
                    &vocab.channel
                };
                codes
                    .codes
                    .iter()
                    .map(|(code, label)| Group {
                        key: code.clone(),
                        label: label.clone(),
                        figures: rows
                            .iter()
                            .find(|(k, _)| k == code)
                            .map(|(_, f)| f.clone())
                            .unwrap_or_default(),
                    })
                    .collect()
            }
            _ => free_groups(rows),
        };
        by.push(groups);
    }
    let mut by = by.into_iter();
    Ok(PeriodFigures {
        totals,
        by_kind: by.next().unwrap_or_default(),
        by_channel: by.next().unwrap_or_default(),
        by_department: by.next().unwrap_or_default(),
        by_category: by.next().unwrap_or_default(),
    })
}

/// The groups of a free dimension (department, category) with work in the period, in Vietnamese
/// order.
fn free_groups(rows: Vec<(String, Figures)>) -> Vec<Group> {
    let mut g: Vec<Group> = rows
        .into_iter()
        .filter(|(_, f)| f.to_handle > 0 || f.responded > 0)
        .map(|(k, f)| Group {
            label: k.clone(),
            key: k,
            figures: f,
        })
        .collect();
    // Ties of the collation (case variants) are broken by the key itself.
    g.sort_by(|a, b| {
        collation_key(&a.key)
            .cmp(&collation_key(&b.key))
            .then_with(|| a.key.cmp(&b.key))
    });
    g
}

/// The totals and the departments of several periods — what the scorecard reads — as one plan:
/// the cases that can count in any of them are taken once, then each period takes its own from
/// that smaller table (one pass per period). The other breakdowns are left empty. The figures are
/// those `compute` gives for the same period.
pub fn scorecard_figures(cases: &CaseTable, periods: &[Period]) -> Result<Vec<PeriodFigures>> {
    let texts = [FIGURES_SQL, col::DEPARTMENT];
    let empty = || PeriodFigures {
        totals: Figures::default(),
        by_kind: Vec::new(),
        by_channel: Vec::new(),
        by_department: Vec::new(),
        by_category: Vec::new(),
    };
    let (Some(first), Some(last)) = (
        periods.iter().map(|p| p.start).min(),
        periods.iter().map(|p| p.end).max(),
    ) else {
        return Ok(Vec::new());
    };
    if cases.is_empty() {
        return Ok(periods.iter().map(|_| empty()).collect());
    }
    let all = &in_play(cases, first, last, &texts)?;
    let tables = periods
        .iter()
        .map(|p| in_play(all, p.start, p.end, &texts))
        .collect::<Result<Vec<_>>>()?;
    let mut jobs: Vec<(&CaseTable, &Period, &str)> = Vec::new();
    for (t, p) in tables.iter().zip(periods) {
        if !t.is_empty() {
            jobs.push((t, p, "'total'"));
            jobs.push((t, p, col::DEPARTMENT));
        }
    }
    let mut results = run_queries(FIGURES_SQL, &jobs)?.into_iter();
    let mut out = Vec::with_capacity(periods.len());
    for t in &tables {
        if t.is_empty() {
            out.push(empty());
            continue;
        }
        let totals = read_groups(&results.next().unwrap_or_default())?
            .into_iter()
            .next()
            .map(|(_, f)| f)
            .unwrap_or_default();
        let departments = read_groups(&results.next().unwrap_or_default())?;
        out.push(PeriodFigures {
            totals,
            by_department: free_groups(departments),
            ..empty()
        });
    }
    Ok(out)
}

/// The first day a case of the table was received (None for an empty table).
pub fn first_received(cases: &CaseTable) -> Result<Option<chrono::NaiveDate>> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    let first = cases
        .df
        .column(col::RECEIVED_DATE)?
        .date()?
        .physical()
        .iter()
        .flatten()
        .min();
    Ok(first.map(|d| epoch + chrono::Duration::days(d as i64)))
}

/// The totals of a period.
#[allow(dead_code)] // the trend chart (`monthly`) needs only three of them and filters harder
pub fn totals(cases: &CaseTable, period: &Period) -> Result<Figures> {
    if cases.is_empty() {
        return Ok(Figures::default());
    }
    let cases = &in_play(cases, period.start, period.end, &[FIGURES_SQL])?;
    if cases.is_empty() {
        return Ok(Figures::default());
    }
    Ok(grouped(cases, period, "'total'")?
        .into_iter()
        .next()
        .map(|(_, f)| f)
        .unwrap_or_default())
}

/// One month of the trend chart.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MonthPoint {
    /// "5/2026"
    pub label: String,
    pub start: chrono::NaiveDate,
    pub end: chrono::NaiveDate,
    pub received: u64,
    pub resolved: u64,
    pub on_time_rate: Option<f64>,
}

/// Received and resolved in each of the 12 months up to the month holding `period.end`, with the
/// months of the period's mode (15th → 14th in cut-off mode).
pub fn monthly(cases: &CaseTable, period: &Period) -> Result<Vec<MonthPoint>> {
    use crate::calendar::period::Span;
    use chrono::Datelike;
    // The month holding the period end: in cut-off mode the 15th starts the next month.
    let (mut y, mut m) = (period.end.year(), period.end.month());
    if period.mode == crate::calendar::period::Mode::Cutoff && period.end.day() >= 15 {
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    let mut months = Vec::with_capacity(12);
    for _ in 0..12 {
        months.push(Period::new(Span::Month { year: y, month: m }, period.mode));
        (y, m) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
    }
    months.reverse();
    // Only received, resolved and the on-time rate are drawn: the cases received or resolved in
    // any of the months, once; each month then takes its own from that smaller table.
    let cases = &match (months.first(), months.last()) {
        (Some(first), Some(last)) if !cases.is_empty() => {
            in_flow(cases, first.start, last.end, &[FIGURES_SQL])?
        }
        _ => cases.clone(),
    };
    let tables = months
        .iter()
        .map(|p| in_flow(cases, p.start, p.end, &[FIGURES_SQL]))
        .collect::<Result<Vec<_>>>()?;
    // The months with cases, as one plan.
    let jobs: Vec<(&CaseTable, &Period, &str)> = tables
        .iter()
        .zip(&months)
        .filter(|(t, _)| !t.is_empty())
        .map(|(t, p)| (t, p, "'total'"))
        .collect();
    let mut results = run_queries(FIGURES_SQL, &jobs)?.into_iter();
    months
        .iter()
        .zip(&tables)
        .map(|(p, t)| {
            let f = if t.is_empty() {
                Figures::default()
            } else {
                let df = results.next().unwrap_or_default();
                read_groups(&df)?
                    .into_iter()
                    .next()
                    .map(|(_, f)| f)
                    .unwrap_or_default()
            };
            let (yy, mm) = match p.span {
                Span::Month { year, month } => (year, month),
                _ => (0, 0),
            };
            Ok(MonthPoint {
                label: format!("{mm}/{yy}"),
                start: p.start,
                end: p.end,
                received: f.received,
                resolved: f.resolved,
                on_time_rate: f.on_time_rate,
            })
        })
        .collect()
}

/// A case behind a figure, for the Quá hạn list and the scorecard.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CaseRef {
    pub id: String,
    pub kind: String,
    pub channel: String,
    pub department: String,
    pub category: String,
    pub received: chrono::NaiveDate,
    pub deadline: Option<chrono::NaiveDate>,
    pub resolved: Option<chrono::NaiveDate>,
    /// Days past the deadline at the resolution date, or at the period end when pending.
    pub days_overdue: i64,
    /// "pending_overdue" or "resolved_late".
    pub reason: String,
}

/// The overdue and late cases of a period (queries/cases.sql), in case-number order.
pub fn late_cases(cases: &CaseTable, period: &Period) -> Result<Vec<CaseRef>> {
    if cases.is_empty() {
        return Ok(Vec::new());
    }
    let cases = &in_play(cases, period.start, period.end, &[CASES_SQL])?;
    let df = run_query(cases, CASES_SQL, period, "'total'")?;
    let s = |n: &str| -> Result<StringChunked> {
        Ok(df.column(n)?.cast(&DataType::String)?.str()?.clone())
    };
    let (id, kind, channel, dept, cat, reason) = (
        s("id")?,
        s("kind")?,
        s("channel")?,
        s("department")?,
        s("category")?,
        s("reason")?,
    );
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    let date = |n: &str| -> Result<Vec<Option<chrono::NaiveDate>>> {
        Ok(df
            .column(n)?
            .date()?
            .physical()
            .iter()
            .map(|d| d.map(|d| epoch + chrono::Duration::days(d as i64)))
            .collect())
    };
    let (received, deadline, resolved) = (
        date("received_date")?,
        date("deadline_date")?,
        date("resolved_date")?,
    );
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let deadline_i = deadline[i];
        let reason_i = reason.get(i).unwrap_or("");
        // Late: days past the deadline when resolved; overdue: days past it at the period end.
        let upto = match (reason_i, resolved[i]) {
            ("resolved_late", Some(r)) => r,
            _ => period.end,
        };
        out.push(CaseRef {
            id: id.get(i).unwrap_or("").into(),
            kind: kind.get(i).unwrap_or("").into(),
            channel: channel.get(i).unwrap_or("").into(),
            department: dept.get(i).unwrap_or("").into(),
            category: cat.get(i).unwrap_or("").into(),
            received: received[i].unwrap_or(epoch),
            deadline: deadline_i,
            resolved: resolved[i],
            days_overdue: deadline_i
                .map(|d| (upto - d).num_days().max(0))
                .unwrap_or(0),
            reason: reason_i.into(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
