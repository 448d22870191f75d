//! Deadlines of cases (SPEC §4.3) and the per-case durations the figures need (SPEC §5).
//!
//! The rules are data (`report-templates/deadlines.toml`, or `deadlines.rules_file`); this module
//! only applies them with the counting rules of `WorkCalendar`.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use polars::prelude::*;
use serde::Deserialize;

use super::WorkCalendar;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::normalize::{CaseTable, Loaded, Warning};

const SHIPPED: &str = include_str!("../../report-templates/deadlines.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub kinds: Vec<String>,
    pub from: NaiveDate,
    #[serde(default)]
    pub working_days: Option<u32>,
    #[serde(default)]
    pub accept_working_days: Option<u32>,
    #[serde(default)]
    pub days: BTreeMap<String, u32>,
    /// The legal basis, for readers of the rules file.
    #[serde(default)]
    #[allow(dead_code)]
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub response_working_days: u32,
    /// The legal basis of the response term, for readers of the rules file.
    #[serde(default)]
    #[allow(dead_code)]
    pub response_source: String,
    #[serde(rename = "rule")]
    pub rules: Vec<Rule>,
}

impl Rules {
    pub fn load(cfg: &Config) -> Result<Rules> {
        let (text, name) = match &cfg.deadlines.rules_file {
            Some(p) => (
                std::fs::read_to_string(p).map_err(|e| {
                    Error::file(p, format!("không đọc được tệp thời hạn (cannot read): {e}"))
                })?,
                p.display().to_string(),
            ),
            None => (SHIPPED.to_string(), "deadlines.toml".to_string()),
        };
        let mut rules: Rules = toml::from_str(&text).map_err(|e| {
            Error::Runtime(format!(
                "{name}: quy tắc thời hạn không hợp lệ (invalid deadline rules): {e}"
            ))
        })?;
        for r in &rules.rules {
            for k in &r.kinds {
                if !crate::normalize::vocab::KIND_CODES.contains(&k.as_str()) {
                    return Err(Error::Runtime(format!(
                        "{name}: loại '{k}' không hợp lệ (unknown kind)"
                    )));
                }
            }
            if r.working_days.is_none() && r.accept_working_days.is_none() {
                return Err(Error::Runtime(format!(
                    "{name}: quy tắc từ {} không có working_days hay accept_working_days",
                    r.from
                )));
            }
        }
        if cfg.deadlines.response_working_days != 10 {
            rules.response_working_days = cfg.deadlines.response_working_days;
        }
        rules.rules.sort_by_key(|r| r.from);
        Ok(rules)
    }

    /// The rule in force for a kind on the receipt date (the earliest one before any took effect).
    pub fn rule_for(&self, kind: &str, received: NaiveDate) -> Option<&Rule> {
        let mut candidates = self
            .rules
            .iter()
            .filter(|r| r.kinds.iter().any(|k| k == kind));
        let first = candidates.clone().next();
        candidates.rfind(|r| r.from <= received).or(first)
    }

    /// The legal deadline date of a case (the term ends at 24:00 of it).
    pub fn legal_deadline(
        &self,
        cal: &mut WorkCalendar,
        kind: &str,
        complexity: &str,
        received: NaiveDate,
        accepted: Option<NaiveDate>,
    ) -> Option<NaiveDate> {
        let rule = self.rule_for(kind, received)?;
        if let Some(n) = rule.working_days {
            return Some(cal.add_working_days(received, n));
        }
        let accept_term = rule.accept_working_days?;
        let thu_ly = accepted.unwrap_or_else(|| cal.add_working_days(received, accept_term));
        let days = rule
            .days
            .get(complexity)
            .or_else(|| rule.days.get("none"))
            .copied()?;
        Some(cal.add_days(thu_ly, days))
    }
}

fn to_date(ms: i64) -> NaiveDate {
    chrono::DateTime::from_timestamp_millis(ms)
        .expect("timestamps in range")
        .naive_utc()
        .date()
}

fn to_datetime(ms: i64) -> NaiveDateTime {
    chrono::DateTime::from_timestamp_millis(ms)
        .expect("timestamps in range")
        .naive_utc()
}

fn epoch_days(d: NaiveDate) -> i32 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days() as i32
}

/// Milliseconds of the last instant that is still on time for a deadline.
fn last_instant(date: NaiveDate, time: Option<NaiveTime>) -> i64 {
    match time {
        Some(t) => date.and_time(t).and_utc().timestamp_millis(),
        None => {
            (date + Duration::days(1))
                .and_time(NaiveTime::MIN)
                .and_utc()
                .timestamp_millis()
                - 1
        }
    }
}

fn days_between(a_ms: i64, a_time: bool, b_ms: i64, b_time: bool) -> f64 {
    if a_time && b_time {
        (b_ms - a_ms) as f64 / 86_400_000.0
    } else {
        (to_date(b_ms) - to_date(a_ms)).num_days() as f64
    }
}

/// Adds the deadline and duration columns to the case table:
///
/// | column | type | meaning |
/// |---|---|---|
/// | received_date, responded_date, resolved_date | date | the day of each moment |
/// | deadline_at | datetime[ms] | last on-time instant: the register's `due_at`, else the legal deadline (null: no deadline) |
/// | deadline_date | date | the day of `deadline_at` |
/// | legal_deadline | date | the deadline computed from the rules (null when none applies) |
/// | response_deadline | date | reply owed to the sender: N working days after receipt |
/// | response_days, resolution_days | f64 | (responded_at / resolved_at − received_at) in days; fractional when both ends carry a time |
/// | resolution_working_days | i64 | working days after the receipt date up to and including the resolution date |
/// | assigned_within_1wd | bool | assigned no later than 1 working day after receipt (null: not assigned) |
///
/// Returns the warnings for register deadlines later than the legal one.
pub fn annotate(
    loaded: &mut Loaded,
    cal: &mut WorkCalendar,
    rules: &Rules,
    cfg: &Config,
) -> Result<Vec<Warning>> {
    let df = &loaded.cases.df;
    let n = df.height();
    let received = df.column("received_at")?.datetime()?.physical().clone();
    let received_t = df.column("received_has_time")?.bool()?.clone();
    let due = df.column("due_at")?.datetime()?.physical().clone();
    let due_t = df.column("due_has_time")?.bool()?.clone();
    let responded = df.column("responded_at")?.datetime()?.physical().clone();
    let responded_t = df.column("responded_has_time")?.bool()?.clone();
    let resolved = df.column("resolved_at")?.datetime()?.physical().clone();
    let resolved_t = df.column("resolved_has_time")?.bool()?.clone();
    let assigned = df.column("assigned_date")?.date()?.physical().clone();
    let accepted = df.column("accepted_date")?.date()?.physical().clone();
    let kind = df.column("kind")?.str()?.clone();
    let complexity = df.column("complexity")?.str()?.clone();
    let ids = df.column("id")?.str()?.clone();
    let file_no = df.column("file_no")?.u32()?.clone();
    let row_no = df.column("row_no")?.u32()?.clone();

    let mut received_date = Vec::with_capacity(n);
    let mut responded_date = Vec::with_capacity(n);
    let mut resolved_date = Vec::with_capacity(n);
    let mut deadline_at: Vec<Option<i64>> = Vec::with_capacity(n);
    let mut deadline_date: Vec<Option<i32>> = Vec::with_capacity(n);
    let mut legal: Vec<Option<i32>> = Vec::with_capacity(n);
    let mut response_deadline = Vec::with_capacity(n);
    let mut response_days: Vec<Option<f64>> = Vec::with_capacity(n);
    let mut resolution_days: Vec<Option<f64>> = Vec::with_capacity(n);
    let mut resolution_wd: Vec<Option<i64>> = Vec::with_capacity(n);
    let mut within_1wd: Vec<Option<bool>> = Vec::with_capacity(n);
    let mut warnings = Vec::new();

    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    let from_days = |d: i32| epoch + Duration::days(d as i64);

    for i in 0..n {
        let rec_ms = received.get(i).expect("received_at is required");
        let rec_time = received_t.get(i).unwrap_or(false);
        let rec_day = to_date(rec_ms);
        received_date.push(epoch_days(rec_day));
        let k = kind.get(i).unwrap_or("phan_anh");
        let cx = complexity.get(i).unwrap_or("none");
        let acc = accepted.get(i).map(from_days);
        let legal_day = rules.legal_deadline(cal, k, cx, rec_day, acc);
        legal.push(legal_day.map(epoch_days));

        let due_ms = due.get(i);
        let deadline = match due_ms {
            Some(ms) => {
                let t = due_t.get(i).unwrap_or(false);
                let dt = to_datetime(ms);
                if let Some(l) = legal_day
                    && dt.date() > l
                {
                    warnings.push(Warning {
                        file: loaded
                            .files
                            .get(file_no.get(i).unwrap_or(0) as usize)
                            .map(|f| f.name.clone())
                            .unwrap_or_default(),
                        row: row_no.get(i).unwrap_or(0),
                        field: "due_at".into(),
                        value: ids.get(i).unwrap_or("").to_string(),
                        reason: format!(
                            "Hạn ghi trong sổ ({}) muộn hơn hạn luật định ({})",
                            dt.date().format("%d/%m/%Y"),
                            l.format("%d/%m/%Y")
                        ),
                        count: 1,
                    });
                }
                Some((dt.date(), if t { Some(dt.time()) } else { None }))
            }
            None if cfg.deadlines.compute_missing => legal_day.map(|d| (d, None)),
            None => None,
        };
        deadline_at.push(deadline.map(|(d, t)| last_instant(d, t)));
        deadline_date.push(deadline.map(|(d, _)| epoch_days(d)));
        response_deadline.push(epoch_days(
            cal.add_working_days(rec_day, rules.response_working_days),
        ));

        match responded.get(i) {
            Some(ms) => {
                responded_date.push(Some(epoch_days(to_date(ms))));
                response_days.push(Some(days_between(
                    rec_ms,
                    rec_time,
                    ms,
                    responded_t.get(i).unwrap_or(false),
                )));
            }
            None => {
                responded_date.push(None);
                response_days.push(None);
            }
        }
        match resolved.get(i) {
            Some(ms) => {
                let day = to_date(ms);
                resolved_date.push(Some(epoch_days(day)));
                resolution_days.push(Some(days_between(
                    rec_ms,
                    rec_time,
                    ms,
                    resolved_t.get(i).unwrap_or(false),
                )));
                resolution_wd.push(Some(cal.working_days_between(rec_day, day)));
            }
            None => {
                resolved_date.push(None);
                resolution_days.push(None);
                resolution_wd.push(None);
            }
        }
        within_1wd.push(
            assigned
                .get(i)
                .map(|a| from_days(a) <= cal.add_working_days(rec_day, 1)),
        );
    }

    let date = |name: &str, v: Vec<Option<i32>>| -> Result<Column> {
        Ok(Series::new(name.into(), v)
            .cast(&DataType::Date)?
            .into_column())
    };
    let cols = vec![
        Series::new("received_date".into(), received_date)
            .cast(&DataType::Date)?
            .into_column(),
        date("responded_date", responded_date)?,
        date("resolved_date", resolved_date)?,
        Series::new("deadline_at".into(), deadline_at)
            .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))?
            .into_column(),
        date("deadline_date", deadline_date)?,
        date("legal_deadline", legal)?,
        Series::new("response_deadline".into(), response_deadline)
            .cast(&DataType::Date)?
            .into_column(),
        Series::new("response_days".into(), response_days).into_column(),
        Series::new("resolution_days".into(), resolution_days).into_column(),
        Series::new("resolution_working_days".into(), resolution_wd).into_column(),
        Series::new("assigned_within_1wd".into(), within_1wd).into_column(),
    ];
    let table: &mut CaseTable = &mut loaded.cases;
    table.df.hstack_mut(&cols)?;
    Ok(warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn shipped_rules_by_kind_and_date() {
        let rules = Rules::load(&Config::default()).unwrap();
        let mut cal = WorkCalendar::new(&Config::default()).unwrap();
        // PAKN received Thu 12/02/2026: 10 working days across Tết → Thu 05/03/2026.
        assert_eq!(
            rules.legal_deadline(&mut cal, "phan_anh", "none", d(2026, 2, 12), None),
            Some(d(2026, 3, 5))
        );
        // Khiếu nại received Mon 01/06/2026 (10-day thụ lý rule): thụ lý = 10 wd → Mon 15/06;
        // + 30 days = Wed 15/07/2026.
        assert_eq!(
            rules.legal_deadline(&mut cal, "khieu_nai", "none", d(2026, 6, 1), None),
            Some(d(2026, 7, 15))
        );
        // Received Wed 01/07/2026 (7-day rule): thụ lý Fri 10/07; + 45 days (complex) =
        // Mon 24/08/2026.
        assert_eq!(
            rules.legal_deadline(&mut cal, "khieu_nai", "complex", d(2026, 7, 1), None),
            Some(d(2026, 8, 24))
        );
        // With thụ lý recorded on Mon 06/07/2026: + 30 = Wed 05/08/2026.
        assert_eq!(
            rules.legal_deadline(
                &mut cal,
                "khieu_nai",
                "none",
                d(2026, 7, 1),
                Some(d(2026, 7, 6))
            ),
            Some(d(2026, 8, 5))
        );
        // Tố cáo received Fri 03/04/2026: initial term 7 wd → Tue 14/04 (thụ lý);
        // very complex 90 days → Mon 13/07/2026.
        assert_eq!(
            rules.legal_deadline(&mut cal, "to_cao", "very_complex", d(2026, 4, 3), None),
            Some(d(2026, 7, 13))
        );
        // Complex: 60 days from 14/04 = Sat 13/06 → Mon 15/06/2026.
        assert_eq!(
            rules.legal_deadline(&mut cal, "to_cao", "complex", d(2026, 4, 3), None),
            Some(d(2026, 6, 15))
        );
    }

    #[test]
    fn last_instant_of_a_date_deadline_is_end_of_day() {
        let ms = last_instant(d(2026, 5, 14), None);
        assert_eq!(
            to_datetime(ms),
            d(2026, 5, 14).and_hms_milli_opt(23, 59, 59, 999).unwrap()
        );
    }
}
