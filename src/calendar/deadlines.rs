//! Deadlines of cases (SPEC §4.3) and the per-case durations the figures need (SPEC §5).
//!
//! The rules are data (`report-templates/deadlines.toml`, or `deadlines.rules_file`); this module
//! only applies them with the counting rules of `WorkCalendar`.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use polars::prelude::*;
use serde::Deserialize;

use super::WorkCalendar;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::normalize::columns as col;
use crate::normalize::{CaseTable, Loaded, Warning};

const SHIPPED: &str = include_str!("../../report-templates/deadlines.toml");
/// What the rules file is, in messages.
const KIND: crate::templates::Kind = crate::templates::Kind {
    vi: "tệp quy tắc thời hạn",
    en: "deadline rules",
};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub kinds: Vec<String>,
    /// The attempts (codes of `vocab::ATTEMPT_CODES`) the rule is for; empty: every case whose
    /// attempt has no rule of its own (blank attempt, or a register without the column).
    #[serde(default)]
    pub attempts: Vec<String>,
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
    /// The term for assigning a case after receipt (`assigned_within_1wd`); a rules file without
    /// it keeps the shipped file's.
    #[serde(default)]
    pub assignment_working_days: Option<u32>,
    /// The legal basis of the response term, for readers of the rules file.
    #[serde(default)]
    #[allow(dead_code)]
    pub response_source: String,
    #[serde(rename = "rule")]
    pub rules: Vec<Rule>,
}

/// The shipped assignment term, for a rules file that does not set one.
fn shipped_assignment_term() -> u32 {
    #[derive(Deserialize)]
    struct Shipped {
        assignment_working_days: u32,
    }
    let s: Shipped =
        toml::from_str(SHIPPED).expect("the shipped deadline rules parse (checked by tests)");
    s.assignment_working_days
}

impl Rules {
    /// The shipped rules (`report-templates/deadlines.toml`), parsed once: for what takes no
    /// config, such as the synthetic register of `pakn-report sample`.
    pub fn shipped() -> &'static Rules {
        static SHIPPED_RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
        SHIPPED_RULES.get_or_init(|| {
            Rules::load(&Config::default())
                .expect("the shipped deadline rules load (checked by tests)")
        })
    }

    pub fn load(cfg: &Config) -> Result<Rules> {
        let src = crate::templates::Source::read(
            cfg.deadlines.rules_file.as_deref(),
            "report-templates/deadlines.toml",
            SHIPPED,
            KIND,
        )?;
        let name = &src.name;
        let mut rules: Rules = src.parse(KIND)?;
        for r in &rules.rules {
            for k in &r.kinds {
                if !crate::normalize::vocab::KIND_CODES.contains(&k.as_str()) {
                    return Err(Error::Runtime(format!(
                        "{name}: loại '{k}' không hợp lệ (unknown kind)"
                    )));
                }
            }
            for a in &r.attempts {
                if !crate::normalize::vocab::ATTEMPT_CODES.contains(&a.as_str()) {
                    return Err(Error::Runtime(format!(
                        "{name}: quy tắc từ {}: lần giải quyết '{a}' không hợp lệ (unknown attempt; use {})",
                        r.from,
                        crate::normalize::vocab::ATTEMPT_CODES.join(", ")
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
        if let Some(n) = cfg.deadlines.response_working_days {
            rules.response_working_days = n;
        }
        rules.rules.sort_by_key(|r| r.from);
        Ok(rules)
    }

    /// The rules that can apply to a kind and attempt, in order of `from`: the kind's rules
    /// naming the attempt when there are any, else its rules without `attempts`.
    fn candidates<'a>(&'a self, kind: &str, attempt: Option<&str>) -> Vec<&'a Rule> {
        let of_kind = |r: &&Rule| r.kinds.iter().any(|k| k == kind);
        if let Some(a) = attempt {
            let own: Vec<&Rule> = self
                .rules
                .iter()
                .filter(of_kind)
                .filter(|r| r.attempts.iter().any(|x| x == a))
                .collect();
            if !own.is_empty() {
                return own;
            }
        }
        self.rules
            .iter()
            .filter(of_kind)
            .filter(|r| r.attempts.is_empty())
            .collect()
    }

    /// The rule in force for a kind and attempt on the receipt date (the earliest one before
    /// any took effect).
    pub fn rule_for(
        &self,
        kind: &str,
        attempt: Option<&str>,
        received: NaiveDate,
    ) -> Option<&Rule> {
        let list = self.candidates(kind, attempt);
        list.iter()
            .rfind(|r| r.from <= received)
            .or(list.first())
            .copied()
    }

    /// The legal deadline date of a case (the term ends at 24:00 of it).
    #[allow(dead_code)] // the date-typed form of what `annotate` computes on day numbers
    pub fn legal_deadline(
        &self,
        cal: &mut WorkCalendar,
        kind: &str,
        attempt: Option<&str>,
        complexity: &str,
        received: NaiveDate,
        accepted: Option<NaiveDate>,
    ) -> Option<NaiveDate> {
        let rule = self.rule_for(kind, attempt, received)?;
        apply(
            rule,
            cal,
            complexity,
            super::day_number(received),
            accepted.map(super::day_number),
        )
        .map(super::from_day_number)
    }
}

/// The legal deadline of a rule, on day numbers (days since 1970-01-01). `complexity` is a
/// code of `vocab::COMPLEXITY_CODES`; an unknown or blank one counts as `none`.
pub fn apply(
    rule: &Rule,
    cal: &mut WorkCalendar,
    complexity: &str,
    received: i32,
    accepted: Option<i32>,
) -> Option<i32> {
    if let Some(n) = rule.working_days {
        return Some(cal.add_working_days_n(received, n));
    }
    let accept_term = rule.accept_working_days?;
    let thu_ly = accepted.unwrap_or_else(|| cal.add_working_days_n(received, accept_term));
    let days = rule
        .days
        .get(complexity)
        .or_else(|| rule.days.get("none"))
        .copied()?;
    // A term of N days ends on thụ lý + N, moved to the next working day (`add_days`).
    Some(cal.roll_forward_n(thu_ly + days as i32))
}

/// Rules of one kind and attempt, in order of `from` (a day number).
type RuleList<'r> = Vec<(i32, &'r Rule)>;

/// `Rules::rule_for` on day numbers, with the rules of each kind and attempt found once.
pub struct RuleIndex<'r> {
    /// Per kind: its candidate rules for a blank attempt, then for each code of
    /// `vocab::ATTEMPT_CODES` in order.
    kinds: Vec<(String, Vec<RuleList<'r>>)>,
}

impl<'r> RuleIndex<'r> {
    pub fn new(rules: &'r Rules) -> Self {
        let attempts: Vec<Option<&str>> = std::iter::once(None)
            .chain(
                crate::normalize::vocab::ATTEMPT_CODES
                    .iter()
                    .map(|a| Some(*a)),
            )
            .collect();
        let kinds = crate::normalize::vocab::KIND_CODES
            .iter()
            .map(|code| {
                let lists = attempts
                    .iter()
                    .map(|a| {
                        rules
                            .candidates(code, *a)
                            .into_iter()
                            .map(|r| (super::day_number(r.from), r))
                            .collect()
                    })
                    .collect();
                (code.to_string(), lists)
            })
            .collect();
        RuleIndex { kinds }
    }

    /// The rule in force for a kind and attempt on the receipt day (the earliest one before
    /// any took effect), as `Rules::rule_for`.
    pub fn rule_for(
        &self,
        rules: &'r Rules,
        kind: &str,
        attempt: Option<&str>,
        received: i32,
    ) -> Option<&'r Rule> {
        let slot = match attempt {
            None => Some(0),
            Some(a) => crate::normalize::vocab::ATTEMPT_CODES
                .iter()
                .position(|c| *c == a)
                .map(|i| i + 1),
        };
        let Some(list) = self
            .kinds
            .iter()
            .find(|(k, _)| k == kind)
            .zip(slot)
            .and_then(|((_, lists), i)| lists.get(i))
        else {
            return rules.rule_for(kind, attempt, super::from_day_number(received));
        };
        list.iter()
            .rfind(|(from, _)| *from <= received)
            .or(list.first())
            .map(|(_, r)| *r)
    }
}

fn to_datetime(ms: i64) -> NaiveDateTime {
    chrono::DateTime::from_timestamp_millis(ms)
        .expect("timestamps in range")
        .naive_utc()
}

/// Milliseconds of the last instant of a day (a deadline without a time ends at 24:00).
fn end_of_day(day: i32) -> i64 {
    (day as i64 + 1) * DAY_MS - 1
}

const DAY_MS: i64 = 86_400_000;

/// The day number (days since 1970-01-01) of a moment.
fn day_of(ms: i64) -> i32 {
    ms.div_euclid(DAY_MS) as i32
}

fn days_between(a_ms: i64, a_time: bool, b_ms: i64, b_time: bool) -> f64 {
    if a_time && b_time {
        (b_ms - a_ms) as f64 / 86_400_000.0
    } else {
        (day_of(b_ms) - day_of(a_ms)) as f64
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
    let received = df.column(col::RECEIVED_AT)?.datetime()?.physical().clone();
    let received_t = df.column(col::RECEIVED_HAS_TIME)?.bool()?.clone();
    let due = df.column(col::DUE_AT)?.datetime()?.physical().clone();
    let due_t = df.column(col::DUE_HAS_TIME)?.bool()?.clone();
    let responded = df.column(col::RESPONDED_AT)?.datetime()?.physical().clone();
    let responded_t = df.column(col::RESPONDED_HAS_TIME)?.bool()?.clone();
    let resolved = df.column(col::RESOLVED_AT)?.datetime()?.physical().clone();
    let resolved_t = df.column(col::RESOLVED_HAS_TIME)?.bool()?.clone();
    let assigned = df.column(col::ASSIGNED_DATE)?.date()?.physical().clone();
    let accepted = df.column(col::ACCEPTED_DATE)?.date()?.physical().clone();
    let kind = df.column(col::KIND)?.str()?.clone();
    let complexity = df.column(col::COMPLEXITY)?.str()?.clone();
    // The attempt (lần giải quyết) keys the complaint rules; a table without the column is read
    // as all blank, which gives the rules without `attempts`.
    let attempt = match df.column(col::ATTEMPT) {
        Ok(c) => c.str()?.clone(),
        Err(_) => StringChunked::full_null(col::ATTEMPT.into(), n),
    };
    let ids = df.column(col::ID)?.str()?.clone();
    let file_no = df.column(col::FILE_NO)?.u32()?.clone();
    let row_no = df.column(col::ROW_NO)?.u32()?.clone();

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

    let index = RuleIndex::new(rules);
    let assignment_term = rules
        .assignment_working_days
        .unwrap_or_else(shipped_assignment_term);
    // Day numbers (days since 1970-01-01) throughout; the iterators walk the columns in step.
    let mut received_it = received.iter();
    let mut received_t_it = received_t.iter();
    let mut due_it = due.iter();
    let mut due_t_it = due_t.iter();
    let mut responded_it = responded.iter();
    let mut responded_t_it = responded_t.iter();
    let mut resolved_it = resolved.iter();
    let mut resolved_t_it = resolved_t.iter();
    let mut assigned_it = assigned.iter();
    let mut accepted_it = accepted.iter();
    let mut kind_it = kind.iter();
    let mut complexity_it = complexity.iter();
    let mut attempt_it = attempt.iter();
    let flag = |v: Option<Option<bool>>| v.flatten().unwrap_or(false);

    for i in 0..n {
        let rec_ms = received_it
            .next()
            .flatten()
            .expect("received_at is required");
        let rec_time = flag(received_t_it.next());
        let rec_day = day_of(rec_ms);
        received_date.push(rec_day);
        let k = kind_it.next().flatten().unwrap_or("phan_anh");
        let cx = complexity_it.next().flatten().unwrap_or("none");
        let acc = accepted_it.next().flatten();
        let att = attempt_it.next().flatten();
        let legal_day = index
            .rule_for(rules, k, att, rec_day)
            .and_then(|rule| apply(rule, cal, cx, rec_day, acc));
        legal.push(legal_day);

        let due_ms = due_it.next().flatten();
        let due_time = flag(due_t_it.next());
        let deadline = match due_ms {
            Some(ms) => {
                let dt = to_datetime(ms);
                if let Some(l) = legal_day
                    && day_of(ms) > l
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
                            super::from_day_number(l).format("%d/%m/%Y")
                        ),
                        count: 1,
                    });
                }
                // The last on-time instant: the recorded time, else the end of the day.
                let last = if due_time { ms } else { end_of_day(day_of(ms)) };
                Some((day_of(ms), last))
            }
            None if cfg.deadlines.compute_missing => legal_day.map(|d| (d, end_of_day(d))),
            None => None,
        };
        deadline_at.push(deadline.map(|(_, last)| last));
        deadline_date.push(deadline.map(|(d, _)| d));
        response_deadline.push(cal.add_working_days_n(rec_day, rules.response_working_days));

        let responded_time = flag(responded_t_it.next());
        match responded_it.next().flatten() {
            Some(ms) => {
                responded_date.push(Some(day_of(ms)));
                response_days.push(Some(days_between(rec_ms, rec_time, ms, responded_time)));
            }
            None => {
                responded_date.push(None);
                response_days.push(None);
            }
        }
        let resolved_time = flag(resolved_t_it.next());
        match resolved_it.next().flatten() {
            Some(ms) => {
                let day = day_of(ms);
                resolved_date.push(Some(day));
                resolution_days.push(Some(days_between(rec_ms, rec_time, ms, resolved_time)));
                resolution_wd.push(Some(cal.working_days_between_n(rec_day, day)));
            }
            None => {
                resolved_date.push(None);
                resolution_days.push(None);
                resolution_wd.push(None);
            }
        }
        within_1wd.push(
            assigned_it
                .next()
                .flatten()
                .map(|a| a <= cal.add_working_days_n(rec_day, assignment_term)),
        );
    }

    let date = |name: &str, v: Vec<Option<i32>>| -> Result<Column> {
        Ok(Series::new(name.into(), v)
            .cast(&DataType::Date)?
            .into_column())
    };
    let cols = vec![
        Series::new(col::RECEIVED_DATE.into(), received_date)
            .cast(&DataType::Date)?
            .into_column(),
        date(col::RESPONDED_DATE, responded_date)?,
        date(col::RESOLVED_DATE, resolved_date)?,
        Series::new(col::DEADLINE_AT.into(), deadline_at)
            .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))?
            .into_column(),
        date(col::DEADLINE_DATE, deadline_date)?,
        date(col::LEGAL_DEADLINE, legal)?,
        Series::new(col::RESPONSE_DEADLINE.into(), response_deadline)
            .cast(&DataType::Date)?
            .into_column(),
        Series::new(col::RESPONSE_DAYS.into(), response_days).into_column(),
        Series::new(col::RESOLUTION_DAYS.into(), resolution_days).into_column(),
        Series::new(col::RESOLUTION_WORKING_DAYS.into(), resolution_wd).into_column(),
        Series::new(col::ASSIGNED_WITHIN_1WD.into(), within_1wd).into_column(),
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
            rules.legal_deadline(&mut cal, "phan_anh", None, "none", d(2026, 2, 12), None),
            Some(d(2026, 3, 5))
        );
        // Khiếu nại received Mon 01/06/2026 (10-day thụ lý rule): thụ lý = 10 wd → Mon 15/06;
        // + 30 days = Wed 15/07/2026.
        assert_eq!(
            rules.legal_deadline(&mut cal, "khieu_nai", None, "none", d(2026, 6, 1), None),
            Some(d(2026, 7, 15))
        );
        // Received Wed 01/07/2026 (7-day rule): thụ lý Fri 10/07; + 45 days (complex) =
        // Mon 24/08/2026.
        assert_eq!(
            rules.legal_deadline(&mut cal, "khieu_nai", None, "complex", d(2026, 7, 1), None),
            Some(d(2026, 8, 24))
        );
        // With thụ lý recorded on Mon 06/07/2026: + 30 = Wed 05/08/2026.
        assert_eq!(
            rules.legal_deadline(
                &mut cal,
                "khieu_nai",
                None,
                "none",
                d(2026, 7, 1),
                Some(d(2026, 7, 6))
            ),
            Some(d(2026, 8, 5))
        );
        // Tố cáo received Fri 03/04/2026: initial term 7 wd → Tue 14/04 (thụ lý);
        // very complex 90 days → Mon 13/07/2026.
        assert_eq!(
            rules.legal_deadline(
                &mut cal,
                "to_cao",
                None,
                "very_complex",
                d(2026, 4, 3),
                None
            ),
            Some(d(2026, 7, 13))
        );
        // Complex: 60 days from 14/04 = Sat 13/06 → Mon 15/06/2026.
        assert_eq!(
            rules.legal_deadline(&mut cal, "to_cao", None, "complex", d(2026, 4, 3), None),
            Some(d(2026, 6, 15))
        );
    }

    /// Luật Khiếu nại 2011 Điều 37: a second complaint is settled within 45 days of thụ lý (60
    /// if complex); a first one within 30 (45). Thụ lý recorded Wed 05/08/2026.
    #[test]
    fn second_complaints_get_45_or_60_days() {
        let rules = Rules::load(&Config::default()).unwrap();
        let mut cal = WorkCalendar::new(&Config::default()).unwrap();
        let received = d(2026, 8, 3);
        let thu_ly = Some(d(2026, 8, 5));
        let deadline = |cal: &mut WorkCalendar, attempt, cx| {
            rules.legal_deadline(cal, "khieu_nai", attempt, cx, received, thu_ly)
        };
        // First (and blank): 05/08 + 30 = Fri 04/09/2026.
        assert_eq!(
            deadline(&mut cal, Some("first"), "none"),
            Some(d(2026, 9, 4))
        );
        assert_eq!(deadline(&mut cal, None, "none"), Some(d(2026, 9, 4)));
        // Second and later: 05/08 + 45 = Sat 19/09 → Mon 21/09/2026.
        assert_eq!(
            deadline(&mut cal, Some("second"), "none"),
            Some(d(2026, 9, 21))
        );
        assert_eq!(
            deadline(&mut cal, Some("more"), "none"),
            Some(d(2026, 9, 21))
        );
        // Complex: first 45 days (Mon 21/09), second 60 days = Sun 04/10 → Mon 05/10/2026.
        assert_eq!(
            deadline(&mut cal, Some("first"), "complex"),
            Some(d(2026, 9, 21))
        );
        assert_eq!(
            deadline(&mut cal, Some("second"), "complex"),
            Some(d(2026, 10, 5))
        );
        assert_eq!(
            deadline(&mut cal, Some("second"), "very_complex"),
            Some(d(2026, 10, 5))
        );
        // Resolved 40 days after thụ lý (Mon 14/09/2026): on time for a second complaint only.
        let resolved = d(2026, 8, 5) + chrono::Duration::days(40);
        assert_eq!(resolved, d(2026, 9, 14));
        assert!(resolved <= deadline(&mut cal, Some("second"), "none").unwrap());
        assert!(resolved > deadline(&mut cal, Some("first"), "none").unwrap());
        // Without thụ lý recorded, received Mon 01/06/2026 (10-working-day thụ lý → Mon 15/06):
        // + 45 = Thu 30/07/2026. Received Wed 01/07/2026 (7 → Fri 10/07): + 45 = Mon 24/08.
        assert_eq!(
            rules.legal_deadline(
                &mut cal,
                "khieu_nai",
                Some("second"),
                "none",
                d(2026, 6, 1),
                None
            ),
            Some(d(2026, 7, 30))
        );
        assert_eq!(
            rules.legal_deadline(
                &mut cal,
                "khieu_nai",
                Some("second"),
                "none",
                d(2026, 7, 1),
                None
            ),
            Some(d(2026, 8, 24))
        );
        // The attempt does not change the rules of the other kinds.
        assert_eq!(
            rules.legal_deadline(
                &mut cal,
                "to_cao",
                Some("second"),
                "none",
                d(2026, 4, 3),
                None
            ),
            rules.legal_deadline(&mut cal, "to_cao", None, "none", d(2026, 4, 3), None),
        );
    }

    #[test]
    fn a_rules_file_with_an_unknown_attempt_is_refused() {
        let dir = std::env::temp_dir().join(format!("pakn-rules-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("rules.toml");
        std::fs::write(
            &path,
            "response_working_days = 10\n[[rule]]\nkinds = [\"khieu_nai\"]\nattempts = [\"lan_hai\"]\nfrom = \"2012-07-01\"\naccept_working_days = 10\ndays = { none = 45 }\n",
        )
        .unwrap();
        let mut cfg = Config::default();
        cfg.deadlines.rules_file = Some(path.clone());
        let err = Rules::load(&cfg).unwrap_err().to_string();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(err.contains("'lan_hai'"), "{err}");
        assert!(err.contains("first, second, more"), "{err}");
    }

    #[test]
    fn last_instant_of_a_date_deadline_is_end_of_day() {
        let ms = end_of_day(super::super::day_number(d(2026, 5, 14)));
        assert_eq!(
            to_datetime(ms),
            d(2026, 5, 14).and_hms_milli_opt(23, 59, 59, 999).unwrap()
        );
    }
}
