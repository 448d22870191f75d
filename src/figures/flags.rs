//! The cases behind each count figure (SPEC §13) and the open, overdue and replied flags of the
//! reminders (SPEC §12), read from the figure definitions themselves.
//!
//! There is one definition of every figure: `queries/figures.sql`. Its first part (the CTE `c`)
//! gives each case its flags (is_pending, met_deadline, due_before_end, …) and its `SELECT` sums
//! `CASE WHEN <condition> THEN 1 ELSE 0 END` per figure. This module takes that CTE and those
//! conditions out of the file and runs them per case, so that the case list of a figure is, by
//! construction, the set of cases its sum counts. Nothing here restates a condition.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use polars::prelude::*;

use super::{FIGURES_SQL, in_play, run_query};
use crate::calendar::period::Period;
use crate::error::{Error, Result};
use crate::normalize::CaseTable;

/// The count figures of summary.json that have a case list (SPEC §13): those of the registry
/// with a column of `queries/figures.sql`, as (name, column).
pub fn count_figures() -> impl Iterator<Item = (&'static str, &'static str)> {
    super::registry::listed().map(|f| (f.name, f.sql.unwrap_or_default()))
}

/// The columns of the case table carried next to the flags (no personal data: the table holds
/// none). Injected into the CTE under these aliases.
const CARRIED: [(&str, &str); 12] = [
    ("id", "case_id"),
    ("kind", "case_kind"),
    ("channel", "case_channel"),
    ("department", "case_department"),
    ("category", "case_category"),
    ("received_date", "case_received"),
    ("deadline_date", "case_deadline"),
    ("resolved_date", "case_resolved"),
    ("responded_date", "case_responded"),
    ("response_deadline", "case_reply_due"),
    ("assigned_date", "case_assigned"),
    ("satisfied", "case_satisfied"),
];

/// One case with the dates that put it in a figure and its flag for every count figure.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFlags {
    pub id: String,
    /// The value of the grouping column (or "total").
    pub key: String,
    pub kind: String,
    pub channel: String,
    pub department: String,
    pub category: String,
    pub received: NaiveDate,
    pub deadline: Option<NaiveDate>,
    pub resolved: Option<NaiveDate>,
    pub responded: Option<NaiveDate>,
    pub reply_due: Option<NaiveDate>,
    pub assigned: Option<NaiveDate>,
    pub satisfied: Option<bool>,
    /// In the order of [`count_figures`].
    pub flags: Vec<bool>,
}

impl CaseFlags {
    /// The flag of a figure by its summary.json name.
    pub fn flag(&self, figure: &str) -> Option<bool> {
        count_figures()
            .position(|(n, _)| n == figure)
            .map(|i| self.flags[i])
    }
}

fn broken(what: &str) -> Error {
    Error::Runtime(format!(
        "queries/figures.sql: không tìm thấy {what} (the figure query has an unexpected shape: {what} not found)"
    ))
}

/// The body of the CTE `c` of figures.sql, with the carried columns added after the key.
fn cte(sql: &str) -> Result<String> {
    let open = "WITH c AS (";
    let start = sql.find(open).ok_or_else(|| broken("WITH c AS ("))? + open.len();
    let end = start
        + sql[start..]
            .find("\n)\nSELECT")
            .ok_or_else(|| broken("the end of the CTE c"))?;
    let body = &sql[start..end];
    let anchor = "{group} AS key,";
    if !body.contains(anchor) {
        return Err(broken(anchor));
    }
    let carried: String = CARRIED
        .iter()
        .map(|(col, alias)| format!("\n    {col} AS {alias},"))
        .collect();
    Ok(body.replacen(anchor, &format!("{anchor}{carried}"), 1))
}

/// The condition each count figure sums, by its column: `SUM(CASE WHEN <cond> THEN 1 ELSE 0 END)
/// AS <column>`.
fn conditions(sql: &str) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for line in sql.lines() {
        let l = line.trim();
        let Some(rest) = l.strip_prefix("SUM(CASE WHEN ") else {
            continue;
        };
        let Some((cond, alias)) = rest.split_once(" THEN 1 ELSE 0 END) AS ") else {
            continue;
        };
        out.insert(
            alias.trim_end_matches(',').trim().to_string(),
            cond.to_string(),
        );
    }
    Ok(out)
}

/// The per-case query: the CTE of figures.sql and, per count figure, its condition as 1 or 0.
pub fn flags_sql() -> Result<String> {
    let body = cte(FIGURES_SQL)?;
    let conds = conditions(FIGURES_SQL)?;
    let mut select: Vec<String> = vec!["key".into()];
    select.extend(CARRIED.iter().map(|(_, a)| a.to_string()));
    for (_, column) in count_figures() {
        let cond = conds
            .get(column)
            .ok_or_else(|| broken(&format!("SUM(CASE WHEN … ) AS {column}")))?;
        select.push(format!(
            "CASE WHEN {cond} THEN 1 ELSE 0 END AS flag_{column}"
        ));
    }
    Ok(format!(
        "WITH c AS ({body}\n)\nSELECT\n  {}\nFROM c\nORDER BY case_id",
        select.join(",\n  ")
    ))
}

/// Every case that can count in a figure of `period`, with its flags, grouped by `group` (a
/// column of DIMENSIONS, or `'total'`), in case-number order.
pub fn case_flags(cases: &CaseTable, period: &Period, group: &str) -> Result<Vec<CaseFlags>> {
    if cases.is_empty() {
        return Ok(Vec::new());
    }
    let sql = flags_sql()?;
    let table = in_play(cases, period.start, period.end, &[&sql, group])?;
    if table.is_empty() {
        return Ok(Vec::new());
    }
    let df = run_query(&table, &sql, period, group)?;
    read(&df)
}

fn read(df: &DataFrame) -> Result<Vec<CaseFlags>> {
    let s = |n: &str| -> Result<StringChunked> {
        Ok(df.column(n)?.cast(&DataType::String)?.str()?.clone())
    };
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch");
    let date = |n: &str| -> Result<Vec<Option<NaiveDate>>> {
        Ok(df
            .column(n)?
            .cast(&DataType::Date)?
            .date()?
            .physical()
            .iter()
            .map(|d| d.map(|d| epoch + chrono::Duration::days(d as i64)))
            .collect())
    };
    let (id, key, kind, channel, dept, cat) = (
        s("case_id")?,
        s("key")?,
        s("case_kind")?,
        s("case_channel")?,
        s("case_department")?,
        s("case_category")?,
    );
    let (received, deadline, resolved, responded, reply_due, assigned) = (
        date("case_received")?,
        date("case_deadline")?,
        date("case_resolved")?,
        date("case_responded")?,
        date("case_reply_due")?,
        date("case_assigned")?,
    );
    let satisfied = df.column("case_satisfied")?.cast(&DataType::Boolean)?;
    let satisfied = satisfied.bool()?;
    let mut flag_cols = Vec::new();
    for (_, column) in count_figures() {
        let c = df
            .column(&format!("flag_{column}"))?
            .cast(&DataType::Int64)?;
        flag_cols.push(c.i64()?.clone());
    }
    let mut out = Vec::with_capacity(df.height());
    for i in 0..df.height() {
        let flags = flag_cols
            .iter()
            .map(|c| c.get(i).unwrap_or(0) == 1)
            .collect();
        out.push(CaseFlags {
            id: id.get(i).unwrap_or("").into(),
            key: key.get(i).unwrap_or("").into(),
            kind: kind.get(i).unwrap_or("").into(),
            channel: channel.get(i).unwrap_or("").into(),
            department: dept.get(i).unwrap_or("").into(),
            category: cat.get(i).unwrap_or("").into(),
            received: received[i].unwrap_or(epoch),
            deadline: deadline[i],
            resolved: resolved[i],
            responded: responded[i],
            reply_due: reply_due[i],
            assigned: assigned[i],
            satisfied: satisfied.get(i),
            flags,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_count_figure_has_its_condition_in_figures_sql() {
        let conds = conditions(FIGURES_SQL).unwrap();
        for (name, column) in count_figures() {
            assert!(
                conds.contains_key(column),
                "{name}: no SUM(CASE WHEN …) AS {column}"
            );
        }
        assert_eq!(conds["pending_overdue"], "is_pending AND due_before_end");
        let sql = flags_sql().unwrap();
        assert!(sql.contains(
            "CASE WHEN is_resolved AND NOT met_deadline THEN 1 ELSE 0 END AS flag_resolved_late"
        ));
        assert!(sql.contains("{group} AS key,\n    id AS case_id,"));
    }
}
