//! The deadline model of the synthetic register: the legal terms of the shipped rules
//! (`report-templates/deadlines.toml`, through `calendar::deadlines`) counted on a calendar whose
//! only days off are Saturdays and Sundays (`WorkCalendar::weekends_only`), and how often each
//! department is late or leaves a case stuck open.
//!
//! Weekends only, not the holiday calendar the report uses: the model has always counted that
//! way, and counting holidays would move the dates a seed gives. A generated case can therefore be
//! late by the report's count while on time by the model's, around holidays — as in real registers.

use crate::calendar::WorkCalendar;
use crate::calendar::deadlines::{self, Rule, RuleIndex, Rules};
use crate::config::Config;
use crate::normalize::vocab::{KIND_CODES, Vocabulary};

use super::dates::ymd;

/// Probability that a main-line resolution is late, per department (two slow ones).
pub(super) const LATE_P: [f64; 8] = [0.06, 0.07, 0.05, 0.08, 0.26, 0.21, 0.06, 0.04];
/// Probability that a case is stuck open (older overdue backlog), per department.
pub(super) const STUCK_P: [f64; 8] = [0.004, 0.006, 0.004, 0.008, 0.035, 0.025, 0.005, 0.003];
/// The slow departments (more late cases, lower satisfaction).
pub(super) const SLOW: [bool; 8] = [false, false, false, false, true, true, false, false];

pub(super) struct DeadlineModel {
    cal: WorkCalendar,
    rules: &'static Rules,
    index: RuleIndex<'static>,
    /// Complexity spellings seen so far with their codes in the shipped vocabulary.
    complexity: Vec<(&'static str, &'static str)>,
    vocab: Vocabulary,
}

impl DeadlineModel {
    /// The model for receipts from `from_day` to `to_day` (day numbers).
    pub(super) fn new(from_day: i32, to_day: i32) -> Self {
        let rules = Rules::shipped();
        let mut cal = WorkCalendar::weekends_only();
        // Terms run some months past the last receipt.
        cal.load_years(ymd(from_day).0, ymd(to_day).0 + 1);
        DeadlineModel {
            cal,
            rules,
            index: RuleIndex::new(rules),
            complexity: Vec::new(),
            vocab: Vocabulary::new(&Config::default()).expect("the shipped vocabulary loads"),
        }
    }

    /// The n-th working day after `day`; `day` itself when n = 0.
    pub(super) fn add_wd(&mut self, day: i32, n: i32) -> i32 {
        self.cal.add_working_days_n(day, n as u32)
    }

    /// The same day, or the next working day.
    pub(super) fn roll(&mut self, day: i32) -> i32 {
        self.cal.roll_forward_n(day)
    }

    /// The rule for a first attempt of a kind group received on `day`.
    fn rule(&self, kind_g: usize, day: i32) -> &'static Rule {
        self.index
            .rule_for(self.rules, KIND_CODES[kind_g], None, day)
            .expect("the shipped rules cover every kind")
    }

    /// Working days allowed for thụ lý (0 for a kind without that step).
    pub(super) fn accept_limit(&self, kind_g: usize, day: i32) -> i32 {
        self.rule(kind_g, day).accept_working_days.unwrap_or(0) as i32
    }

    /// The code of a complexity spelling ("" for a blank or unknown one).
    fn complexity_code(&mut self, written: &'static str) -> &'static str {
        if let Some(&(_, code)) = self.complexity.iter().find(|(w, _)| *w == written) {
            return code;
        }
        let code = crate::normalize::vocab::COMPLEXITY_CODES
            .iter()
            .copied()
            .find(|c| self.vocab.complexity.code(written) == Some(*c))
            .unwrap_or("");
        self.complexity.push((written, code));
        code
    }

    /// Days from thụ lý to the resolution deadline (0 for a kind without thụ lý).
    pub(super) fn term(&mut self, kind_g: usize, day: i32, complexity: &'static str) -> i32 {
        let code = self.complexity_code(complexity);
        let rule = self.rule(kind_g, day);
        if rule.accept_working_days.is_none() {
            return 0;
        }
        rule.days
            .get(code)
            .or_else(|| rule.days.get("none"))
            .copied()
            .unwrap_or(0) as i32
    }

    /// The legal deadline of a case received on `day`, thụ lý on `accepted` (else at the end
    /// of the thụ lý term).
    pub(super) fn legal(
        &mut self,
        kind_g: usize,
        day: i32,
        complexity: &'static str,
        accepted: Option<i32>,
    ) -> i32 {
        let code = self.complexity_code(complexity);
        let rule = self.rule(kind_g, day);
        deadlines::apply(rule, &mut self.cal, code, day, accepted)
            .expect("the shipped rules give every kind a term")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::day_number;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> i32 {
        day_number(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn working_days_are_monday_to_friday() {
        let mut m = DeadlineModel::new(day(2026, 1, 1), day(2026, 12, 31));
        // Friday 15/5/2026 + 1 working day = Monday 18/5/2026; + 10 = Friday 29/5/2026.
        let fri = day(2026, 5, 15);
        assert_eq!(m.add_wd(fri, 0), fri);
        assert_eq!(m.add_wd(fri, 1), day(2026, 5, 18));
        assert_eq!(m.add_wd(fri, 10), day(2026, 5, 29));
        assert_eq!(m.roll(day(2026, 5, 16)), day(2026, 5, 18));
        assert_eq!(m.roll(fri), fri);
        // No holiday: 30/4 and 1/5/2026 (Thursday, Friday) are working days here, and Tết too.
        assert_eq!(m.add_wd(day(2026, 4, 29), 2), day(2026, 5, 1));
        assert_eq!(m.roll(day(2026, 2, 17)), day(2026, 2, 17));
        // Past the years loaded up front.
        assert_eq!(m.add_wd(day(2027, 12, 31), 1), day(2028, 1, 3));
    }

    #[test]
    fn terms_are_those_of_the_shipped_rules() {
        use super::super::vocab::{K_KN, K_KNAI, K_PA, K_TC};
        let mut m = DeadlineModel::new(day(2025, 1, 1), day(2026, 12, 31));
        let (june, july) = (day(2026, 6, 30), day(2026, 7, 1));
        assert_eq!(m.accept_limit(K_PA, june), 0);
        assert_eq!(m.accept_limit(K_KNAI, june), 10);
        // NĐ 155/2026: thụ lý khiếu nại within 7 working days from 01/7/2026.
        assert_eq!(m.accept_limit(K_KNAI, july), 7);
        assert_eq!(m.accept_limit(K_TC, june), 7);
        assert_eq!(m.accept_limit(K_KNAI, day(2000, 1, 3)), 10);
        assert_eq!(m.term(K_KN, june, ""), 0);
        for (kind, written, days) in [
            (K_KNAI, "", 30),
            (K_KNAI, "Không", 30),
            (K_KNAI, "Phức tạp", 45),
            (K_TC, "", 30),
            (K_TC, "Không", 30),
            (K_TC, "Phức tạp", 60),
            (K_TC, "Đặc biệt phức tạp", 90),
        ] {
            assert_eq!(m.term(kind, june, written), days, "{kind} {written}");
        }
        // PAKN: 10 working days from receipt (Friday 15/5/2026 -> Friday 29/5/2026).
        assert_eq!(m.legal(K_PA, day(2026, 5, 15), "", None), day(2026, 5, 29));
        // Tố cáo: thụ lý on Monday 4/5/2026, 60 days -> Friday 3/7/2026.
        let acc = day(2026, 5, 4);
        assert_eq!(m.legal(K_TC, acc, "Phức tạp", Some(acc)), day(2026, 7, 3));
        // Khiếu nại received Wednesday 1/7/2026, no thụ lý date: 7 working days -> Friday
        // 10/7/2026, + 30 days = Sunday 9/8/2026 -> Monday 10/8/2026.
        assert_eq!(m.legal(K_KNAI, july, "", None), day(2026, 8, 10));
    }
}
