//! Reading dates (SPEC §3.1): Excel date cells and serials, dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy,
//! dd.mm.yyyy, yyyy-mm-dd, each with an optional HH:MM or HH:MM:SS, and ISO 8601 with `T`.
//! A numeric date is never read month-first unless `input.date_format` says so.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::input::Cell;

/// A point in time as the register gives it: a date, and a time of day when one was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
}

impl Stamp {
    pub fn date(date: NaiveDate) -> Self {
        Stamp { date, time: None }
    }

    pub fn datetime(&self) -> NaiveDateTime {
        self.date.and_time(self.time.unwrap_or(NaiveTime::MIN))
    }

    /// Milliseconds since 1970-01-01 00:00 (local time, no zone).
    pub fn millis(&self) -> i64 {
        self.datetime().and_utc().timestamp_millis()
    }

    /// "a is before b": timestamps when both carry a time, dates otherwise (SPEC §5).
    pub fn is_before(&self, other: &Stamp) -> bool {
        match (self.time, other.time) {
            (Some(_), Some(_)) => self.datetime() < other.datetime(),
            _ => self.date < other.date,
        }
    }

    /// Days from `self` to `later`: fractional when both ends carry a time, whole days otherwise.
    #[cfg(test)]
    pub fn days_until(&self, later: &Stamp) -> f64 {
        match (self.time, later.time) {
            (Some(_), Some(_)) => {
                (later.datetime() - self.datetime()).num_seconds() as f64 / 86_400.0
            }
            _ => (later.date - self.date).num_days() as f64,
        }
    }
}

/// Why a value is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Unreadable,
}

/// Years a register date can have; anything else is a typing error (01/01/0000).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// Reads a date from a cell; `Ok(None)` for a blank cell.
pub fn parse_cell(cell: Cell<'_>, format: Option<&str>) -> Result<Option<Stamp>, DateError> {
    let s = parse_any(cell, format)?;
    match s {
        Some(st) if !YEARS.contains(&st.date.year()) => Err(DateError::Unreadable),
        other => Ok(other),
    }
}

fn parse_any(cell: Cell<'_>, format: Option<&str>) -> Result<Option<Stamp>, DateError> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Bool(_) | Cell::Uncalculated => Err(DateError::Unreadable),
        Cell::DateTime(y, m, d, hh, mm, ss) => {
            let date = NaiveDate::from_ymd_opt(y, m, d).ok_or(DateError::Unreadable)?;
            let time = if hh == 0 && mm == 0 && ss == 0 {
                None
            } else {
                NaiveTime::from_hms_opt(hh, mm, ss)
            };
            Ok(Some(Stamp { date, time }))
        }
        Cell::Number(n) => from_serial(n).map(Some),
        Cell::Text(t) => {
            // Invisible characters (NUL, zero-width, bidi marks) are not part of a date.
            let t = crate::text::clean_cow(t);
            let t = t.trim();
            if t.is_empty() {
                return Ok(None);
            }
            parse_text(t, format).map(Some)
        }
    }
}

/// An Excel serial number (1900 date system): integer → date only; a fraction → date and time.
pub fn from_serial(n: f64) -> Result<Stamp, DateError> {
    // 1 = 1900-01-01 … 2958465 = 9999-12-31. Below 61 Excel counts a day 1900-02-29 that never was.
    if !(1.0..2_958_466.0).contains(&n) || !n.is_finite() {
        return Err(DateError::Unreadable);
    }
    let days = n.floor() as i64;
    let base = if days < 61 {
        NaiveDate::from_ymd_opt(1899, 12, 31).unwrap()
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()
    };
    let date = base + chrono::Duration::days(days);
    let secs = ((n - n.floor()) * 86_400.0).round() as u32;
    let time = if secs == 0 || secs >= 86_400 {
        None
    } else {
        NaiveTime::from_num_seconds_from_midnight_opt(secs, 0)
    };
    Ok(Stamp { date, time })
}

/// Reads a date written as text.
pub fn parse_text(t: &str, format: Option<&str>) -> Result<Stamp, DateError> {
    if let Some(fmt) = format {
        if let Some(s) = with_format(t, fmt) {
            return Ok(s);
        }
        // A foreign export may still carry ISO dates; nothing day-first is guessed.
        if t.len() >= 10 && t.as_bytes()[4] == b'-' {
            return builtin(t).ok_or(DateError::Unreadable);
        }
        return Err(DateError::Unreadable);
    }
    if let Some(s) = builtin(t) {
        return Ok(s);
    }
    // A serial number written as text (an export that lost its date format).
    if t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && let Ok(n) = t.parse::<f64>()
        && (20_000.0..80_000.0).contains(&n)
    {
        return from_serial(n);
    }
    Err(DateError::Unreadable)
}

fn format_has_time(fmt: &str) -> bool {
    [
        "%H", "%I", "%M", "%S", "%T", "%R", "%r", "%X", "%k", "%l", "%c", "%+",
    ]
    .iter()
    .any(|s| fmt.contains(s))
}

fn with_format(t: &str, fmt: &str) -> Option<Stamp> {
    if format_has_time(fmt) {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, fmt) {
            return Some(Stamp {
                date: dt.date(),
                time: Some(dt.time().with_nanosecond(0)?),
            });
        }
        // The same format without its time part, for date-only cells of the same export.
        let date_part = fmt.split_whitespace().next().unwrap_or(fmt);
        return NaiveDate::parse_from_str(t, date_part)
            .ok()
            .map(Stamp::date);
    }
    NaiveDate::parse_from_str(t, fmt).ok().map(Stamp::date)
}

/// Parses up to `max` ASCII digits; returns the value, the digit count and the rest.
fn digits(s: &[u8], max: usize) -> Option<(u32, usize, &[u8])> {
    let n = s
        .iter()
        .take(max)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if n == 0 {
        return None;
    }
    let v = s[..n]
        .iter()
        .fold(0u32, |acc, b| acc * 10 + (b - b'0') as u32);
    Some((v, n, &s[n..]))
}

/// The built-in, unambiguous forms.
fn builtin(t: &str) -> Option<Stamp> {
    let s = t.as_bytes();
    let (a, na, rest) = digits(s, 4)?;
    let sep = *rest.first()?;
    if !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    let (b, nb, rest) = digits(&rest[1..], 2)?;
    if rest.first() != Some(&sep) {
        return None;
    }
    let (c, nc, rest) = digits(&rest[1..], 4)?;
    let date = if na == 4 && nc <= 2 && (sep == b'-' || sep == b'/') {
        // yyyy-mm-dd
        let _ = nb;
        NaiveDate::from_ymd_opt(a as i32, b, c)?
    } else if na <= 2 && nc == 4 {
        // dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy — always day first.
        NaiveDate::from_ymd_opt(c as i32, b, a)?
    } else {
        return None;
    };
    let time = parse_time_suffix(rest)?;
    Some(Stamp { date, time })
}

/// An optional time after the date: " HH:MM", " HH:MM:SS", "THH:MM:SS(.fff)(Z|±hh:mm)".
/// Returns None when the suffix is present but not a time; Some(None) for no suffix.
fn parse_time_suffix(rest: &[u8]) -> Option<Option<NaiveTime>> {
    if rest.is_empty() {
        return Some(None);
    }
    let rest = match rest[0] {
        b'T' | b' ' => {
            let mut r = &rest[1..];
            while r.first() == Some(&b' ') {
                r = &r[1..];
            }
            r
        }
        _ => return None,
    };
    if rest.is_empty() {
        return Some(None);
    }
    let (hh, _, r) = digits(rest, 2)?;
    if r.first() != Some(&b':') {
        return None;
    }
    let (mm, nm, mut r) = digits(&r[1..], 2)?;
    if nm != 2 {
        return None;
    }
    let mut ss = 0;
    if r.first() == Some(&b':') {
        let (s, ns, r2) = digits(&r[1..], 2)?;
        if ns != 2 {
            return None;
        }
        ss = s;
        r = r2;
        if r.first() == Some(&b'.') || r.first() == Some(&b',') {
            let n = r[1..].iter().take_while(|b| b.is_ascii_digit()).count();
            r = &r[1 + n..];
        }
    }
    // A zone designator is accepted and ignored: the register's local time is what counts.
    let tail = std::str::from_utf8(r).ok()?.trim();
    let zone_ok = tail.is_empty()
        || tail == "Z"
        || ((tail.starts_with('+') || tail.starts_with('-'))
            && tail[1..].bytes().all(|b| b.is_ascii_digit() || b == b':'));
    if !zone_ok {
        return None;
    }
    NaiveTime::from_hms_opt(hh, mm, ss).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }
    fn t(h: u32, m: u32, s: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, s)
    }

    #[test]
    fn every_builtin_form() {
        let cases = [
            ("05/04/2026", d(2026, 4, 5), None),
            ("5/4/2026", d(2026, 4, 5), None),
            ("05-04-2026", d(2026, 4, 5), None),
            ("05.04.2026", d(2026, 4, 5), None),
            ("2026-04-05", d(2026, 4, 5), None),
            ("05/04/2026 08:30", d(2026, 4, 5), t(8, 30, 0)),
            ("05/04/2026 8:30:15", d(2026, 4, 5), t(8, 30, 15)),
            ("2026-04-05 17:05", d(2026, 4, 5), t(17, 5, 0)),
            ("2026-04-05T17:05:09", d(2026, 4, 5), t(17, 5, 9)),
            ("2026-04-05T17:05:09.123+07:00", d(2026, 4, 5), t(17, 5, 9)),
            ("2026-04-05T17:05:09Z", d(2026, 4, 5), t(17, 5, 9)),
        ];
        for (text, date, time) in cases {
            let s = parse_text(text, None).unwrap_or_else(|_| panic!("{text}"));
            assert_eq!(s, Stamp { date, time }, "{text}");
        }
    }

    #[test]
    fn never_month_first_and_rejects_impossible() {
        // 13 cannot be a month: day-first always, so this is 13 May... and 05/13 is unreadable.
        assert_eq!(parse_text("13/05/2026", None).unwrap().date, d(2026, 5, 13));
        assert!(parse_text("05/13/2026", None).is_err());
        assert!(parse_text("31/02/2026", None).is_err());
        assert!(parse_text("hôm qua", None).is_err());
        assert!(parse_text("05/04/2026 25:00", None).is_err());
        assert!(parse_text("2026-04-05x", None).is_err());
        assert!(parse_cell(Cell::Text("01/01/0000"), None).is_err());
        assert!(parse_cell(Cell::Text("0000-01-01"), None).is_err());
    }

    #[test]
    fn excel_serials() {
        // 45000 = 2023-03-15; 45000.5 = noon.
        assert_eq!(from_serial(45000.0).unwrap(), Stamp::date(d(2023, 3, 15)));
        assert_eq!(
            from_serial(45000.5).unwrap(),
            Stamp {
                date: d(2023, 3, 15),
                time: t(12, 0, 0)
            }
        );
        assert_eq!(from_serial(1.0).unwrap().date, d(1900, 1, 1));
        assert_eq!(from_serial(61.0).unwrap().date, d(1900, 3, 1));
        assert_eq!(parse_text("46156", None).unwrap().date, d(2026, 5, 14));
        assert!(from_serial(-3.0).is_err());
        assert_eq!(
            parse_cell(Cell::Number(46156.0), None)
                .unwrap()
                .unwrap()
                .date,
            d(2026, 5, 14)
        );
    }

    #[test]
    fn date_cells_at_midnight_are_dates_only() {
        let s = parse_cell(Cell::DateTime(2026, 5, 14, 0, 0, 0), None)
            .unwrap()
            .unwrap();
        assert_eq!(s.time, None);
        let s = parse_cell(Cell::DateTime(2026, 5, 14, 9, 1, 2), None)
            .unwrap()
            .unwrap();
        assert_eq!(s.time, t(9, 1, 2));
    }

    #[test]
    fn us_format_from_config() {
        let fmt = Some("%m/%d/%Y %I:%M:%S %p");
        let s = parse_text("05/01/2022 02:15:30 PM", fmt).unwrap();
        assert_eq!(s.date, d(2022, 5, 1));
        assert_eq!(s.time, t(14, 15, 30));
        // The built-in day-first reading is not used under a configured format.
        assert!(parse_text("13/05/2022", fmt).is_err());
        assert_eq!(parse_text("2022-05-01", fmt).unwrap().date, d(2022, 5, 1));
    }

    #[test]
    fn durations_and_before() {
        let a = parse_text("01/04/2026 08:00", None).unwrap();
        let b = parse_text("02/04/2026 20:00", None).unwrap();
        assert_eq!(a.days_until(&b), 1.5);
        let c = parse_text("03/04/2026", None).unwrap();
        assert_eq!(a.days_until(&c), 2.0);
        assert!(!parse_text("01/04/2026", None).unwrap().is_before(&a));
        assert!(parse_text("01/04/2026 07:00", None).unwrap().is_before(&a));
    }
}
