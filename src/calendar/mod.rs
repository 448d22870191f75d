//! Stage 3 — calendar and deadlines: working days (SPEC §4.1), the counting rules of Bộ luật
//! Dân sự 2015 Điều 147–148 (§4.2), reporting periods (§2) and case deadlines (§4.3).

pub mod deadlines;
pub mod lunar;
pub mod period;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Deserialize;

use crate::config::Config;
use crate::error::{Error, Result};

const SHIPPED: &str = include_str!("../../report-templates/holidays.toml");

#[derive(Debug, Deserialize)]
struct ShippedTable {
    statutory: Statutory,
    years: BTreeMap<String, crate::config::HolidayYearConfig>,
}

/// The statutory holidays of the law, as `[statutory]` of the holiday file states them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Statutory {
    #[allow(dead_code)]
    source: String,
    make_up_name: String,
    day: Vec<StatutoryDay>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatutoryDay {
    name: String,
    solar: Option<String>,
    lunar: Option<String>,
    days: Option<u32>,
}

fn shipped_table() -> &'static ShippedTable {
    static TABLE: std::sync::OnceLock<ShippedTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        toml::from_str(SHIPPED).expect("the shipped holiday table parses (checked by tests)")
    })
}

/// "MM-DD" as (month, day).
fn month_day(s: &str) -> (u32, u32) {
    let (m, d) = s
        .split_once('-')
        .expect("MM-DD in the shipped holiday table");
    (
        m.parse().expect("a month in the shipped holiday table"),
        d.parse().expect("a day in the shipped holiday table"),
    )
}

/// Why a day is off, for `pakn-report calendar`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayOff {
    pub date: NaiveDate,
    pub name: String,
}

/// Where a year's holidays come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YearSource {
    /// The shipped official table or the user's config (with its note).
    Official(String),
    /// Computed from the law with the lunar calendar (weekends only in a
    /// `WorkCalendar::weekends_only` calendar).
    Computed,
}

/// The working-day calendar: rest days, holidays, make-up days.
#[derive(Debug, Clone)]
pub struct WorkCalendar {
    off: BTreeSet<NaiveDate>,
    work: BTreeSet<NaiveDate>,
    tables: BTreeMap<i32, (Vec<NaiveDate>, Vec<NaiveDate>, String)>,
    /// Years loaded, and how.
    years: BTreeMap<i32, YearSource>,
    /// Memo of `is_working_day` per day since 1900-01-01: 0 unknown, 1 working, 2 off.
    memo: Vec<u8>,
    /// Running count of working days over the loaded years, so that terms are lookups
    /// (rebuilt after a year is loaded).
    table: Option<Table>,
    /// False for a calendar whose only days off are Saturdays and Sundays (`weekends_only`).
    holidays: bool,
}

/// Working days from the first loaded year to the last, as running counts over day numbers
/// (days since 1970-01-01): `count[i]` is the number of working days among days
/// `first ..= first + i`, `nth[k]` the index of the (k+1)-th working day, `unloaded[i]` the
/// number of days up to `first + i` in years not loaded. A term is looked up only when every
/// day it steps through is in a loaded year, where it gives exactly what stepping day by day
/// gives (stepping would load the missing years first).
#[derive(Debug, Clone)]
struct Table {
    first: i32,
    count: Vec<u32>,
    nth: Vec<u32>,
    unloaded: Vec<u32>,
}

impl Table {
    /// Index of a day in the table.
    fn index(&self, day: i32) -> Option<usize> {
        usize::try_from(day - self.first)
            .ok()
            .filter(|&i| i < self.count.len())
    }

    fn working(&self, i: usize) -> bool {
        let before = if i == 0 { 0 } else { self.count[i - 1] };
        self.count[i] > before
    }

    /// Every day after index `i` up to index `j` is in a loaded year.
    fn loaded_after(&self, i: usize, j: usize) -> bool {
        self.unloaded[j] == self.unloaded[i]
    }
}

/// First day of the working-day memo.
fn memo_epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap()
}

/// Days since 1970-01-01.
pub fn day_number(d: NaiveDate) -> i32 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days() as i32
}

/// The date of a day number.
pub fn from_day_number(n: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + Duration::days(n as i64)
}

fn parse_day(year: &str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        Error::Runtime(format!(
            "lịch nghỉ năm {year}: '{s}' không phải ngày YYYY-MM-DD (holiday table: bad date)"
        ))
    })
}

fn ymd(t: (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(t.0, t.1, t.2).expect("lunar conversion gives real dates")
}

/// The statutory holidays of a year (without nghỉ bù), named, from `[statutory]` of the holiday
/// file.
pub fn statutory_holidays(year: i32) -> Vec<DayOff> {
    let mut v = Vec::new();
    for day in &shipped_table().statutory.day {
        let first = match (&day.solar, day.lunar.as_deref()) {
            (Some(s), None) => {
                let (m, d) = month_day(s);
                NaiveDate::from_ymd_opt(year, m, d).expect("a real date in the holiday table")
            }
            (None, Some("eve")) => ymd(lunar::new_years_eve(year)),
            (None, Some(l)) => {
                let (month, d) = month_day(l);
                ymd(lunar::lunar_to_solar(lunar::LunarDate {
                    day: d,
                    month,
                    year,
                    leap: false,
                })
                .expect("a lunar date every lunar year has"))
            }
            _ => panic!("each statutory day has either solar or lunar (checked by tests)"),
        };
        for n in 0..day.days.unwrap_or(1) {
            v.push(DayOff {
                date: first + Duration::days(i64::from(n)),
                name: day.name.replace("{n}", &(n + 1).to_string()),
            });
        }
    }
    v.sort_by_key(|h| h.date);
    v
}

/// Saturday or Sunday.
pub fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The days off of a year computed from the law: holidays plus nghỉ bù for each one on a weekend.
pub fn computed_days_off(year: i32) -> Vec<DayOff> {
    let holidays = statutory_holidays(year);
    let set: BTreeSet<NaiveDate> = holidays.iter().map(|h| h.date).collect();
    let mut taken: BTreeSet<NaiveDate> = set.clone();
    let mut out = holidays.clone();
    for h in &holidays {
        if is_weekend(h.date) {
            let mut d = h.date + Duration::days(1);
            while is_weekend(d) || taken.contains(&d) {
                d += Duration::days(1);
            }
            taken.insert(d);
            out.push(DayOff {
                date: d,
                name: shipped_table()
                    .statutory
                    .make_up_name
                    .replace("{name}", &h.name),
            });
        }
    }
    out.sort_by_key(|h| h.date);
    out
}

impl WorkCalendar {
    /// The shipped official tables plus the config's `[holidays.YYYY]`.
    pub fn new(cfg: &Config) -> Result<Self> {
        let shipped = shipped_table();
        let mut tables: BTreeMap<i32, (Vec<NaiveDate>, Vec<NaiveDate>, String)> = BTreeMap::new();
        let mut add = |year: &str, t: &crate::config::HolidayYearConfig| -> Result<()> {
            let y: i32 = year.parse().map_err(|_| {
                Error::Runtime(format!(
                    "cấu hình [holidays.{year}]: năm không hợp lệ (invalid year)"
                ))
            })?;
            let off = t
                .off
                .iter()
                .map(|s| parse_day(year, s))
                .collect::<Result<Vec<_>>>()?;
            let work = t
                .work
                .iter()
                .map(|s| parse_day(year, s))
                .collect::<Result<Vec<_>>>()?;
            let source = t.source.clone().unwrap_or_default();
            match tables.get_mut(&y) {
                Some(e) if !t.replace => {
                    e.0.extend(off);
                    e.1.extend(work);
                    if !source.is_empty() {
                        e.2 = format!("{}; {}", e.2, source);
                    }
                }
                _ => {
                    tables.insert(y, (off, work, source));
                }
            }
            Ok(())
        };
        for (y, t) in &shipped.years {
            add(y, t)?;
        }
        for (y, t) in &cfg.holidays {
            add(y, t)?;
        }
        Ok(WorkCalendar {
            off: BTreeSet::new(),
            work: BTreeSet::new(),
            tables,
            years: BTreeMap::new(),
            memo: Vec::new(),
            table: None,
            holidays: true,
        })
    }

    /// A calendar whose only days off are Saturdays and Sundays: no holiday table, no
    /// statutory holiday, no make-up day. The synthetic register of `pakn-report sample`
    /// models its deadlines on it.
    pub fn weekends_only() -> Self {
        WorkCalendar {
            off: BTreeSet::new(),
            work: BTreeSet::new(),
            tables: BTreeMap::new(),
            years: BTreeMap::new(),
            memo: Vec::new(),
            table: None,
            holidays: false,
        }
    }

    /// Loads the years a run needs (idempotent). Returns the years computed from the law.
    pub fn load_years(&mut self, from: i32, to: i32) -> Vec<i32> {
        let mut computed = Vec::new();
        for y in from..=to {
            if self.years.contains_key(&y) {
                continue;
            }
            self.memo.clear();
            self.table = None;
            // The days of year y from every table, whichever year's table lists them (a table
            // may list a day of a neighbouring year, e.g. a nghỉ bù on 31/12): a day counts the
            // same whatever order the years are loaded in.
            for (off, work, _) in self.tables.values() {
                self.off
                    .extend(off.iter().copied().filter(|d| d.year() == y));
                self.work
                    .extend(work.iter().copied().filter(|d| d.year() == y));
            }
            match self.tables.get(&y) {
                Some((_, _, source)) => {
                    self.years.insert(y, YearSource::Official(source.clone()));
                }
                None if !self.holidays => {
                    self.years.insert(y, YearSource::Computed);
                }
                None => {
                    self.off
                        .extend(computed_days_off(y).into_iter().map(|h| h.date));
                    self.years.insert(y, YearSource::Computed);
                    computed.push(y);
                }
            }
        }
        computed
    }

    /// Years computed from the law among those loaded.
    pub fn computed_years(&self) -> Vec<i32> {
        self.years
            .iter()
            .filter(|(_, s)| **s == YearSource::Computed)
            .map(|(y, _)| *y)
            .collect()
    }

    fn ensure(&mut self, d: NaiveDate) {
        let y = d.year();
        if !self.years.contains_key(&y) {
            self.load_years(y, y);
        }
    }

    pub fn is_working_day(&mut self, d: NaiveDate) -> bool {
        let i = (d - memo_epoch()).num_days();
        if let Ok(i) = usize::try_from(i)
            && let Some(&known) = self.memo.get(i)
            && known != 0
        {
            return known == 1;
        }
        self.ensure(d);
        let working = self.work.contains(&d) || (!is_weekend(d) && !self.off.contains(&d));
        if let Ok(i) = usize::try_from(i)
            && i < 120_000
        {
            if self.memo.len() <= i {
                self.memo.resize(i + 1, 0);
            }
            self.memo[i] = if working { 1 } else { 2 };
        }
        working
    }

    /// The running-count table of the years loaded now (None before any year is loaded).
    fn table(&mut self) -> Option<&Table> {
        if self.table.is_none() {
            let (&first_year, _) = self.years.first_key_value()?;
            let (&last_year, _) = self.years.last_key_value()?;
            let first = NaiveDate::from_ymd_opt(first_year, 1, 1)?;
            let end = NaiveDate::from_ymd_opt(last_year, 12, 31)?;
            let len = (end - first).num_days() as usize + 1;
            let mut count = Vec::with_capacity(len);
            let mut unloaded = Vec::with_capacity(len);
            let mut nth = Vec::new();
            let (mut n, mut gaps) = (0u32, 0u32);
            for i in 0..len {
                let d = first + Duration::days(i as i64);
                // The test of `is_working_day` without loading a year (days of years not
                // loaded are never looked up).
                if self.work.contains(&d) || (!is_weekend(d) && !self.off.contains(&d)) {
                    n += 1;
                    nth.push(i as u32);
                }
                if !self.years.contains_key(&d.year()) {
                    gaps += 1;
                }
                count.push(n);
                unloaded.push(gaps);
            }
            self.table = Some(Table {
                first: day_number(first),
                count,
                nth,
                unloaded,
            });
        }
        self.table.as_ref()
    }

    /// `add_working_days` on day numbers.
    pub fn add_working_days_n(&mut self, day: i32, n: u32) -> i32 {
        if n == 0 {
            return day;
        }
        if let Some(t) = self.table()
            && let Some(i) = t.index(day)
            && let Some(&j) = t.nth.get(t.count[i] as usize + n as usize - 1)
            && t.loaded_after(i, j as usize)
        {
            return t.first + j as i32;
        }
        day_number(self.step_working_days(from_day_number(day), n))
    }

    /// `roll_forward` on day numbers.
    pub fn roll_forward_n(&mut self, day: i32) -> i32 {
        if let Some(t) = self.table()
            && let Some(i) = t.index(day)
        {
            let j = if t.working(i) {
                Some(i)
            } else {
                t.nth.get(t.count[i] as usize).map(|&j| j as usize)
            };
            // Stepping looks at the day itself too.
            let day_loaded = t.unloaded[i] == if i == 0 { 0 } else { t.unloaded[i - 1] };
            if let Some(j) = j
                && day_loaded
                && t.loaded_after(i, j)
            {
                return t.first + j as i32;
            }
        }
        day_number(self.step_roll_forward(from_day_number(day)))
    }

    /// `working_days_between` on day numbers.
    pub fn working_days_between_n(&mut self, a: i32, b: i32) -> i64 {
        if b <= a {
            return 0;
        }
        if let Some(t) = self.table()
            && let (Some(i), Some(j)) = (t.index(a), t.index(b))
            && t.loaded_after(i, j)
        {
            return t.count[j] as i64 - t.count[i] as i64;
        }
        self.step_working_days_between(from_day_number(a), from_day_number(b))
    }

    /// The N-th working day after `d` (d itself not counted).
    #[allow(dead_code)] // the date-typed form of the `_n` method
    pub fn add_working_days(&mut self, d: NaiveDate, n: u32) -> NaiveDate {
        from_day_number(self.add_working_days_n(day_number(d), n))
    }

    fn step_working_days(&mut self, d: NaiveDate, n: u32) -> NaiveDate {
        let mut day = d;
        let mut left = n;
        while left > 0 {
            day += Duration::days(1);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// `d` itself when it is a working day, else the next working day (BLDS Điều 148 k.5).
    #[allow(dead_code)] // the date-typed form of the `_n` method
    pub fn roll_forward(&mut self, d: NaiveDate) -> NaiveDate {
        from_day_number(self.roll_forward_n(day_number(d)))
    }

    fn step_roll_forward(&mut self, d: NaiveDate) -> NaiveDate {
        let mut day = d;
        while !self.is_working_day(day) {
            day += Duration::days(1);
        }
        day
    }

    /// A term of N days from `d` (BLDS Điều 147–148): ends on d + N, moved to the next working day.
    #[allow(dead_code)] // the date-typed form of the `_n` method
    pub fn add_days(&mut self, d: NaiveDate, n: u32) -> NaiveDate {
        self.roll_forward(d + Duration::days(n as i64))
    }

    /// Working days after `a` up to and including `b` (0 when b ≤ a).
    pub fn working_days_between(&mut self, a: NaiveDate, b: NaiveDate) -> i64 {
        self.working_days_between_n(day_number(a), day_number(b))
    }

    fn step_working_days_between(&mut self, a: NaiveDate, b: NaiveDate) -> i64 {
        let mut n = 0;
        let mut day = a;
        while day < b {
            day += Duration::days(1);
            if self.is_working_day(day) {
                n += 1;
            }
        }
        n
    }

    /// Days off of one year with their names (for `pakn-report calendar`): official table, or law.
    pub fn days_off(&mut self, year: i32) -> (Vec<DayOff>, Vec<NaiveDate>, YearSource) {
        self.load_years(year, year);
        let source = self.years[&year].clone();
        match &source {
            YearSource::Computed => (computed_days_off(year), Vec::new(), source),
            YearSource::Official(_) => {
                let named = computed_days_off(year);
                let (off, work, _) = self.tables[&year].clone();
                let mut off: Vec<DayOff> = off
                    .into_iter()
                    .map(|d| DayOff {
                        date: d,
                        name: named
                            .iter()
                            .find(|h| h.date == d)
                            .map(|h| h.name.clone())
                            .unwrap_or_else(|| "Nghỉ theo thông báo (nghỉ bù, hoán đổi)".into()),
                    })
                    .collect();
                off.sort_by_key(|h| h.date);
                let mut work = work;
                work.sort();
                (off, work, source)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    fn cal() -> WorkCalendar {
        WorkCalendar::new(&Config::default()).unwrap()
    }

    #[test]
    fn official_2026_days() {
        let mut c = cal();
        assert!(!c.is_working_day(d(2026, 1, 2))); // swapped Friday
        assert!(c.is_working_day(d(2026, 1, 10))); // làm bù Saturday
        assert!(!c.is_working_day(d(2026, 2, 16)));
        assert!(!c.is_working_day(d(2026, 2, 20)));
        assert!(c.is_working_day(d(2026, 2, 23)));
        assert!(!c.is_working_day(d(2026, 4, 27))); // nghỉ bù Giỗ Tổ
        assert!(c.is_working_day(d(2026, 4, 28)));
        assert!(!c.is_working_day(d(2026, 5, 1)));
        assert!(!c.is_working_day(d(2026, 9, 1)));
        // Quốc khánh 2026: off Sat 29/8 – Wed 2/9; Mon 31/8 swapped, worked back on Sat 22/8.
        assert!(!c.is_working_day(d(2026, 8, 31)));
        assert!(!c.is_working_day(d(2026, 9, 2)));
        assert!(c.is_working_day(d(2026, 8, 22)));
        assert!(!c.is_working_day(d(2026, 8, 29)));
        assert!(!c.is_working_day(d(2026, 8, 23)));
        assert!(c.is_working_day(d(2026, 9, 3)));
        assert!(c.computed_years().is_empty());
    }

    #[test]
    fn weekends_only_calendar_has_no_holidays() {
        let mut c = WorkCalendar::weekends_only();
        // Tết, 30/4–1/5, Quốc khánh and the 2026 swaps are working days; Sat/Sun never are.
        for day in [
            d(2026, 2, 16),
            d(2026, 2, 17),
            d(2026, 5, 1),
            d(2026, 9, 2),
            d(2027, 1, 1),
        ] {
            assert!(c.is_working_day(day), "{day}");
        }
        assert!(!c.is_working_day(d(2026, 1, 10))); // a làm bù Saturday in the official table
        assert!(!c.is_working_day(d(2026, 2, 22)));
        // Thu 12/02/2026 + 10 working days: Thu 26/02/2026 (the holiday calendar: 05/03).
        assert_eq!(c.add_working_days(d(2026, 2, 12), 10), d(2026, 2, 26));
        assert_eq!(c.roll_forward(d(2026, 2, 14)), d(2026, 2, 16));
        assert_eq!(c.working_days_between(d(2026, 2, 12), d(2026, 2, 26)), 10);
        assert!(c.load_years(2020, 2030).is_empty());
    }

    #[test]
    fn working_day_terms_across_tet_2026() {
        let mut c = cal();
        // Received Thu 12/02/2026. Working days after it: Fri 13/02 (1); Tết 14–22/02 off;
        // Mon 23 (2) … Fri 27 (6); Mon 2/3 (7) … Fri 6/3 (11). 10 working days → Thu 05/03/2026.
        assert_eq!(c.add_working_days(d(2026, 2, 12), 10), d(2026, 3, 5));
        // 7 working days → Mon 02/03/2026.
        assert_eq!(c.add_working_days(d(2026, 2, 12), 7), d(2026, 3, 2));
        assert_eq!(c.working_days_between(d(2026, 2, 12), d(2026, 3, 5)), 10);
        assert_eq!(c.working_days_between(d(2026, 2, 12), d(2026, 2, 12)), 0);
    }

    #[test]
    fn working_day_terms_around_30_4_and_2_9() {
        let mut c = cal();
        // Received Fri 24/04/2026: Mon 27/4 off (nghỉ bù), Tue 28 (1), Wed 29 (2), Thu 30/4 and
        // Fri 1/5 off, Mon 4/5 (3) … Fri 8/5 (7), Mon 11/5 (8), Tue 12 (9), Wed 13/5 (10).
        assert_eq!(c.add_working_days(d(2026, 4, 24), 10), d(2026, 5, 13));
        // Received Fri 28/08/2026: Sat 29/8 – Wed 2/9 off (Mon 31/8 swapped), Thu 3/9 (1),
        // Fri 4/9 (2), Mon 7/9 (3) … Fri 11/9 (7), Mon 14/9 (8), Tue 15/9 (9), Wed 16/9 (10).
        // (Changed from Tue 15/9 when the official 2026 Quốc khánh schedule made Mon 31/8 a
        // day off.)
        assert_eq!(c.add_working_days(d(2026, 8, 28), 10), d(2026, 9, 16));
        assert_eq!(c.add_working_days(d(2026, 8, 28), 1), d(2026, 9, 3));
    }

    /// BLDS counting across Quốc khánh 2026: Sat 22/8 worked (làm bù), Sat 29/8 – Wed 2/9 off.
    #[test]
    fn terms_across_quoc_khanh_2026() {
        let mut c = cal();
        // Received Thu 20/8: Fri 21 (1), Sat 22 (2, làm bù), Mon 24 (3) … Fri 28 (7), Thu 3/9
        // (8), Fri 4/9 (9), Mon 7/9 (10).
        assert_eq!(c.add_working_days(d(2026, 8, 20), 1), d(2026, 8, 21));
        assert_eq!(c.add_working_days(d(2026, 8, 20), 2), d(2026, 8, 22));
        assert_eq!(c.add_working_days(d(2026, 8, 20), 7), d(2026, 8, 28));
        assert_eq!(c.add_working_days(d(2026, 8, 20), 8), d(2026, 9, 3));
        assert_eq!(c.add_working_days(d(2026, 8, 20), 10), d(2026, 9, 7));
        // Received Fri 21/8: the make-up Saturday is the first working day after it.
        assert_eq!(c.add_working_days(d(2026, 8, 21), 1), d(2026, 8, 22));
        // Received Fri 14/8: Mon 17 … Fri 21 (5), Sat 22 (6), Mon 24 … Thu 27 (10).
        assert_eq!(c.add_working_days(d(2026, 8, 14), 10), d(2026, 8, 27));
        assert_eq!(c.working_days_between(d(2026, 8, 14), d(2026, 8, 28)), 11);
        assert_eq!(c.working_days_between(d(2026, 8, 28), d(2026, 9, 3)), 1);
        // A term of days ending on the swapped Monday 31/8 (30 days from Sat 1/8) moves to the
        // next working day, Thu 3/9; one ending on Sat 22/8 stays there.
        assert_eq!(c.add_days(d(2026, 8, 1), 30), d(2026, 9, 3));
        assert_eq!(c.add_days(d(2026, 7, 23), 30), d(2026, 8, 22));
        assert_eq!(c.roll_forward(d(2026, 8, 29)), d(2026, 9, 3));
    }

    #[test]
    fn calendar_day_terms_roll_to_next_working_day() {
        let mut c = cal();
        // 30 days from 15/01/2026 = 14/02/2026, Saturday of Tết → next working day Mon 23/02.
        assert_eq!(c.add_days(d(2026, 1, 15), 30), d(2026, 2, 23));
        // 30 days from 01/04/2026 = 01/05/2026 (holiday, Fri) → Mon 04/05/2026.
        assert_eq!(c.add_days(d(2026, 4, 1), 30), d(2026, 5, 4));
        // A working day stays.
        assert_eq!(c.add_days(d(2026, 3, 2), 30), d(2026, 4, 1));
    }

    /// Stepping day by day, as the terms are defined.
    fn stepped(c: &mut WorkCalendar, d: NaiveDate, n: u32) -> NaiveDate {
        let mut day = d;
        let mut left = n;
        while left > 0 {
            day += Duration::days(1);
            if c.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    #[test]
    fn lookups_agree_with_stepping_day_by_day() {
        let mut c = cal();
        let mut reference = cal();
        // Loads 2025 and 2026 (official) and, stepping past the end of 2026, 2027 (computed).
        let mut d = d(2024, 12, 20);
        while d < NaiveDate::from_ymd_opt(2027, 3, 1).unwrap() {
            for n in [0, 1, 2, 7, 10, 15] {
                assert_eq!(
                    c.add_working_days(d, n),
                    stepped(&mut reference, d, n),
                    "{d} + {n}"
                );
            }
            let mut expect = d;
            while !reference.is_working_day(expect) {
                expect += Duration::days(1);
            }
            assert_eq!(c.roll_forward(d), expect, "roll {d}");
            for span in [0, 1, 5, 40, 200] {
                let b = d + Duration::days(span);
                let mut n = 0;
                let mut day = d;
                while day < b {
                    day += Duration::days(1);
                    if reference.is_working_day(day) {
                        n += 1;
                    }
                }
                assert_eq!(c.working_days_between(d, b), n, "{d} → {b}");
            }
            d += Duration::days(1);
        }
        assert_eq!(c.computed_years(), reference.computed_years());
    }

    #[test]
    fn computed_year_follows_the_law() {
        let mut c = cal();
        let computed = c.load_years(2027, 2027);
        assert_eq!(computed, vec![2027]);
        // Tết Đinh Mùi: mùng 1 = Sat 06/02/2027; eve Fri 05/02; mùng 1–4 = Sat 6 … Tue 9.
        // Sat 6 and Sun 7 are weekend → nghỉ bù Wed 10 and Thu 11.
        for day in [5, 8, 9, 10, 11] {
            assert!(!c.is_working_day(d(2027, 2, day)), "{day}/2/2027");
        }
        assert!(c.is_working_day(d(2027, 2, 12)));
        // Giỗ Tổ Fri 16/04/2027; 1/1/2027 Fri; 1/5/2027 Sat → nghỉ bù Mon 3/5.
        assert!(!c.is_working_day(d(2027, 4, 16)));
        assert!(!c.is_working_day(d(2027, 1, 1)));
        assert!(!c.is_working_day(d(2027, 5, 3)));
        assert!(c.is_working_day(d(2027, 5, 4)));
        assert_eq!(c.computed_years(), vec![2027]);
    }

    /// The data of `[statutory]` gives the law's days for every year the calendar can meet:
    /// 1/1, the lunar year's last day and mùng 1–4 (the eve is the day before mùng 1), Giỗ Tổ
    /// 10/3 âm lịch, 30/4, 1/5, 1/9, 2/9 — eleven days, read here from the lunar functions.
    #[test]
    fn statutory_days_are_the_laws_days_for_three_centuries() {
        for y in 1900..=2199 {
            let got: Vec<NaiveDate> = statutory_holidays(y).iter().map(|h| h.date).collect();
            let tet = ymd(lunar::tet(y));
            let mut want = vec![
                d(y, 1, 1),
                tet - Duration::days(1),
                ymd(lunar::gio_to(y)),
                d(y, 4, 30),
                d(y, 5, 1),
                d(y, 9, 1),
                d(y, 9, 2),
            ];
            assert_eq!(ymd(lunar::new_years_eve(y)), tet - Duration::days(1));
            want.extend((0..4).map(|i| tet + Duration::days(i)));
            want.sort();
            assert_eq!(got, want, "{y}");
        }
        let names: Vec<String> = statutory_holidays(2027)
            .into_iter()
            .map(|h| h.name)
            .collect();
        assert!(
            names.contains(&"Tết Âm lịch (mùng 4)".to_string()),
            "{names:?}"
        );
        let off = computed_days_off(2027);
        assert!(
            off.iter().any(|h| h.name == "Nghỉ bù (Quốc tế Lao động)"),
            "{off:?}"
        );
    }

    #[test]
    fn config_adds_a_year() {
        let cfg = Config::parse(
            "[holidays.2027]\noff = [\"2027-02-12\"]\nwork = [\"2027-02-20\"]\nsource = \"test\"\n",
        )
        .unwrap();
        let mut c = WorkCalendar::new(&cfg).unwrap();
        assert!(c.load_years(2027, 2027).is_empty());
        assert!(!c.is_working_day(d(2027, 2, 12)));
        assert!(c.is_working_day(d(2027, 2, 20)));
        // Only the listed days: the lunar computation is not used for a configured year.
        assert!(c.is_working_day(d(2027, 2, 10)));
    }

    /// Regression: a day a table lists in a neighbouring year counted only once that table's
    /// year was loaded, so two identical cases could get different deadlines depending on the
    /// order of the rows. Now a day counts the same in every load order.
    #[test]
    fn a_neighbouring_years_day_counts_whatever_the_load_order() {
        // Thursday 31/12/2026 off and Saturday 09/01/2027 worked, both listed under 2027.
        let cfg = Config::parse(
            "[holidays.2027]\noff = [\"2026-12-31\", \"2027-02-12\"]\nwork = [\"2027-01-09\"]\n",
        )
        .unwrap();
        let mut first_2026 = WorkCalendar::new(&cfg).unwrap();
        let a = first_2026.is_working_day(d(2026, 12, 31));
        let b = first_2026.add_working_days(d(2026, 12, 28), 5);
        let mut first_2027 = WorkCalendar::new(&cfg).unwrap();
        first_2027.load_years(2027, 2027);
        assert_eq!(first_2027.is_working_day(d(2026, 12, 31)), a);
        assert_eq!(first_2027.add_working_days(d(2026, 12, 28), 5), b);
        assert!(!a);
        // 29, 30/12, (31/12 off), 1/1 (the configured 2027 table lists only its own days), 4,
        // 5/01/2027.
        assert_eq!(b, d(2027, 1, 5));
        assert!(first_2027.is_working_day(d(2027, 1, 9)));
    }
}
