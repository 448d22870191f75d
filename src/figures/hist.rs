//! Mergeable duration statistics (SPEC §7, §11). Beside count, mean, median, p90 and max, each
//! duration statistic of the totals and of the kind, channel and category breakdowns carries a
//! histogram: every value rounded to 0.01 day, with the number of cases that have it. A receiving
//! body adds the histograms of its units and reads the median and p90 off the sum.
//!
//! Why 0.01 day: rounding is monotone, so the k-th smallest rounded value is the k-th smallest
//! value moved by at most 0.005; a percentile with linear interpolation between two neighbouring
//! ranks (Excel PERCENTILE.INC) therefore moves by at most 0.005 too. The median and p90 of a
//! consolidation are within 0.005 day (about 7 minutes) of the same figures computed on all units'
//! cases together. Whole-day durations (dates without a time, working days) are exact. The
//! histogram has at most one entry per distinct value, so it stays small: a month of a unit holds
//! a few hundred entries at most.
//!
//! The cases counted are those of the statistic in `queries/figures.sql`: the condition and the
//! value of each `COUNT(CASE WHEN <condition> THEN <value> END) AS <statistic>_count` line, so
//! the histogram always holds the cases its statistic counts.

use std::collections::BTreeMap;

use polars::prelude::*;

use crate::calendar::period::Period;
use crate::error::{Error, Result};
use crate::normalize::CaseTable;

use super::{FIGURES_SQL, Group, PeriodFigures, Stats};

/// The duration statistics of a figure set.
pub const STATISTICS: [&str; 3] = [
    "response_days",
    "resolution_days",
    "resolution_working_days",
];

/// The dimensions whose groups carry a histogram (SPEC §7): not the departments.
const HIST_DIMENSIONS: [&str; 3] = ["kind", "channel", "category"];

fn broken(what: &str) -> Error {
    Error::Runtime(format!(
        "queries/figures.sql: không tìm thấy {what} (the figure query has an unexpected shape: {what} not found)"
    ))
}

/// The CTE `c` of figures.sql, whole ("WITH c AS ( … )").
fn cte(sql: &str) -> Result<&str> {
    let start = sql
        .find("WITH c AS (")
        .ok_or_else(|| broken("WITH c AS ("))?;
    let end = start
        + sql[start..]
            .find("\n)\nSELECT")
            .ok_or_else(|| broken("the end of the CTE c"))?
        + 2;
    Ok(&sql[start..end])
}

/// The condition and the value a statistic counts: `COUNT(CASE WHEN <cond> THEN <value> END) AS
/// <stat>_count`.
fn counted(sql: &str, stat: &str) -> Result<(String, String)> {
    let alias = format!(" END) AS {stat}_count");
    for line in sql.lines() {
        let l = line.trim().trim_end_matches(',');
        let Some(rest) = l.strip_prefix("COUNT(CASE WHEN ") else {
            continue;
        };
        let Some(inner) = rest.strip_suffix(&alias) else {
            continue;
        };
        if let Some((cond, value)) = inner.rsplit_once(" THEN ") {
            return Ok((cond.to_string(), value.to_string()));
        }
    }
    Err(broken(&format!("COUNT(CASE WHEN … ) AS {stat}_count")))
}

/// The histogram query of one statistic: per group key, each value rounded to 0.01 and its count.
pub fn hist_sql(stat: &str) -> Result<String> {
    let (cond, value) = counted(FIGURES_SQL, stat)?;
    Ok(format!(
        "{}\nSELECT key, v, COUNT(*) AS n FROM (SELECT key, ROUND(CAST({value} AS DOUBLE), 2) AS v FROM c WHERE ({cond}) AND {value} IS NOT NULL) AS h GROUP BY key, v",
        cte(FIGURES_SQL)?
    ))
}

/// Histograms by group key of one query result.
fn read(df: &DataFrame) -> Result<BTreeMap<String, Vec<(f64, u64)>>> {
    let keys = df.column("key")?.cast(&DataType::String)?;
    let keys = keys.str()?;
    let v = df.column("v")?.cast(&DataType::Float64)?;
    let v = v.f64()?;
    let n = df.column("n")?.cast(&DataType::UInt64)?;
    let n = n.u64()?;
    let mut out: BTreeMap<String, Vec<(f64, u64)>> = BTreeMap::new();
    for i in 0..df.height() {
        if let (Some(k), Some(v), Some(n)) = (keys.get(i), v.get(i), n.get(i)) {
            out.entry(k.to_string()).or_default().push((v, n));
        }
    }
    for h in out.values_mut() {
        *h = merge([h.as_slice()]);
    }
    Ok(out)
}

fn stat_mut<'a>(f: &'a mut super::Figures, stat: &str) -> &'a mut Stats {
    match stat {
        "response_days" => &mut f.response_days,
        "resolution_days" => &mut f.resolution_days,
        _ => &mut f.resolution_working_days,
    }
}

/// Fills the histograms of the totals and of the kind, channel and category breakdowns of a
/// period's figures (the departments get none).
pub fn attach(cases: &CaseTable, period: &Period, figs: &mut PeriodFigures) -> Result<()> {
    let mut sqls = Vec::with_capacity(STATISTICS.len());
    for stat in STATISTICS {
        sqls.push(hist_sql(stat)?);
    }
    let mut texts: Vec<&str> = sqls.iter().map(String::as_str).collect();
    texts.extend(HIST_DIMENSIONS);
    let table = super::in_play(cases, period.start, period.end, &texts)?;
    for (stat, sql) in STATISTICS.iter().zip(&sqls) {
        let results = if table.is_empty() {
            Vec::new()
        } else {
            let mut jobs = vec![(&table, period, "'total'")];
            jobs.extend(HIST_DIMENSIONS.iter().map(|d| (&table, period, *d)));
            super::run_queries(sql, &jobs)?
        };
        let mut results = results
            .iter()
            .map(read)
            .collect::<Result<Vec<_>>>()?
            .into_iter();
        let mut total = results.next().unwrap_or_default();
        stat_mut(&mut figs.totals, stat).hist = Some(total.remove("total").unwrap_or_default());
        let lists: [&mut Vec<Group>; 3] = [
            &mut figs.by_kind,
            &mut figs.by_channel,
            &mut figs.by_category,
        ];
        for list in lists {
            let mut by_key = results.next().unwrap_or_default();
            for g in list.iter_mut() {
                stat_mut(&mut g.figures, stat).hist =
                    Some(by_key.remove(&g.key).unwrap_or_default());
            }
        }
    }
    Ok(())
}

/// A value's bin: hundredths of a day.
fn bin(v: f64) -> i64 {
    (v * 100.0).round() as i64
}

/// The sum of histograms, sorted by value, one entry per value.
pub fn merge<'a>(hists: impl IntoIterator<Item = &'a [(f64, u64)]>) -> Vec<(f64, u64)> {
    let mut acc: BTreeMap<i64, u64> = BTreeMap::new();
    for h in hists {
        for (v, n) in h {
            *acc.entry(bin(*v)).or_default() += n;
        }
    }
    acc.into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(b, n)| (b as f64 / 100.0, n))
        .collect()
}

/// The k-th smallest value (0-based) of a sorted histogram.
fn nth(h: &[(f64, u64)], k: u64) -> Option<f64> {
    let mut seen = 0;
    for (v, n) in h {
        seen += n;
        if k < seen {
            return Some(*v);
        }
    }
    None
}

/// The percentile `q` (0–1) of a sorted histogram by linear interpolation between closest ranks
/// (Excel PERCENTILE.INC), as `queries/figures.sql` computes it on the cases.
pub fn percentile(h: &[(f64, u64)], q: f64) -> Option<f64> {
    let count: u64 = h.iter().map(|(_, n)| n).sum();
    if count == 0 {
        return None;
    }
    let pos = q * (count - 1) as f64;
    let lo = pos.floor() as u64;
    let frac = pos - lo as f64;
    let a = nth(h, lo)?;
    let b = if frac > 0.0 { nth(h, lo + 1)? } else { a };
    Some(((a + frac * (b - a)) * 1e6).round() / 1e6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_is_built_from_the_figure_query() {
        let sql = hist_sql("resolution_days").unwrap();
        assert!(sql.starts_with("WITH c AS ("));
        assert!(sql.contains("WHERE (is_resolved) AND resolution_days IS NOT NULL"));
        let sql = hist_sql("response_days").unwrap();
        assert!(sql.contains("WHERE (is_received AND responded_in_period)"));
        assert!(hist_sql("nothing").is_err());
    }

    #[test]
    fn merge_adds_counts_of_equal_values() {
        let a = [(1.0, 2), (2.5, 1)];
        let b = [(2.5, 3), (0.25, 1)];
        assert_eq!(merge([&a[..], &b[..]]), vec![(0.25, 1), (1.0, 2), (2.5, 4)]);
    }

    #[test]
    fn percentiles_interpolate_like_percentile_inc() {
        // Values 4, 19, 23, 29: median 21, p90 = 23 + 0.7 × 6 = 27.2.
        let h = [(4.0, 1), (19.0, 1), (23.0, 1), (29.0, 1)];
        assert_eq!(percentile(&h, 0.5), Some(21.0));
        assert_eq!(percentile(&h, 0.9), Some(27.2));
        // Repeated values: 1, 1, 1, 5 → median 1, p90 = 1 + 0.7 × 4 = 3.8.
        let h = [(1.0, 3), (5.0, 1)];
        assert_eq!(percentile(&h, 0.5), Some(1.0));
        assert_eq!(percentile(&h, 0.9), Some(3.8));
        assert_eq!(percentile(&[], 0.5), None);
        assert_eq!(percentile(&[(7.5, 1)], 0.9), Some(7.5));
    }
}
