//! The Vietnamese lunar calendar (âm lịch), computed astronomically.
//!
//! This is a port of Hồ Ngọc Đức's algorithm, "Âm lịch Việt Nam"
//! (`calrules_vn.html` / `calrules_en.html` and the reference JavaScript `amlich.js`
//! published with them). The rules are:
//!
//! 1. a lunar month starts on the (local) day that contains the new moon (sóc);
//! 2. an ordinary year has 12 months, a leap year 13;
//! 3. the winter solstice (Đông chí) always falls in month 11;
//! 4. in a year with 13 months between two months 11, the first month after the
//!    winter solstice that contains no principal term (trung khí) is the leap month,
//!    and it takes the number of the month before it;
//! 5. everything is computed for the meridian 105° E, i.e. local time UTC+7. This is why
//!    Tết sometimes differs from the Chinese New Year, which is computed for UTC+8
//!    (1985 and 2007, for example).
//!
//! The astronomy is the one of the original: new moons from Meeus' truncated series
//! (`NewMoon(k)`, k counted from the new moon of 1900-01-01), the sun's longitude from a
//! low-precision solar theory, sampled at local midnight and expressed as one of the twelve
//! 30° sectors whose boundaries are the principal terms. Its precision is a few minutes, so
//! a new moon within minutes of local midnight may be placed one day off: Hồ Ngọc Đức's own
//! published year tables (made with his more precise program) start a few months one day
//! earlier (in 2054, 2072, 2077, 2130, 2150, 2159, 2175 and 2199 — Tết of 2175 and 2199
//! among them), never between 1968 and 2053.
//!
//! The rules follow the original JavaScript, including `leap = true` for the leap month
//! itself (one Go port, `hungtrd/amlich`, loses that flag). Deliberate differences,
//! neither of which changes a result of the original where that result was right:
//!
//! * dates are proleptic Gregorian throughout (the original switches to the Julian
//!   calendar before 1582-10-15), as the rest of the program expects;
//! * the start of the month containing a day is searched for instead of guessed from the
//!   mean lunation: the original's guess (new moon k + 1, else k) misses on four days of
//!   1800–2200 (1877-04-13, 1885-03-16, 2054-05-07, 2062-04-09), for which it gives day 0;
//! * a leap month 12 is numbered 12 (the original's inverse conversion computes 0 for it;
//!   no year of 1800–2200 has one).
//!
//! Before 1968 North Vietnam's published calendar was computed for UTC+8; this module
//! always uses UTC+7, so for some earlier years (1965, for instance) it gives the UTC+7 date
//! rather than the one printed at the time.

use std::f64::consts::PI;

/// Local time zone of the calendar: UTC+7 (meridian 105° E).
const TIME_ZONE: f64 = 7.0;
/// Julian date of the mean new moon number 0 (1900-01-01, about 13:51 UT).
const NEW_MOON_EPOCH: f64 = 2_415_021.076_998_695;
/// Mean length of a synodic month, in days.
const SYNODIC_MONTH: f64 = 29.530_588_853;

/// A date of the Vietnamese lunar calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarDate {
    pub day: u32,
    pub month: u32,
    pub year: i32,
    pub leap: bool,
}

/// Julian day number of a proleptic Gregorian date (the day counted from noon of
/// 1 January 4713 BC, Julian calendar). 2000-01-01 is 2451545.
///
/// Out-of-range days or months are not rejected: the arithmetic simply carries over
/// (e.g. 30 February is 1 or 2 March).
pub fn jd_from_date(y: i32, m: u32, d: u32) -> i64 {
    jd(i64::from(y), i64::from(m), i64::from(d))
}

/// `jd_from_date` in wide integers, so that internal year arithmetic cannot overflow.
fn jd(y: i64, m: i64, d: i64) -> i64 {
    let a = (14 - m).div_euclid(12);
    let y = y + 4800 - a;
    let m = m + 12 * a - 3;
    d + (153 * m + 2).div_euclid(5) + 365 * y + y.div_euclid(4) - y.div_euclid(100)
        + y.div_euclid(400)
        - 32045
}

/// The proleptic Gregorian date `(year, month, day)` of a Julian day number.
pub fn date_from_jd(jd: i64) -> (i32, u32, u32) {
    let a = jd + 32044;
    let b = (4 * a + 3).div_euclid(146_097);
    let c = a - (146_097 * b).div_euclid(4);
    let d = (4 * c + 3).div_euclid(1461);
    let e = c - (1461 * d).div_euclid(4);
    let m = (5 * e + 2).div_euclid(153);
    let day = e - (153 * m + 2).div_euclid(5) + 1;
    let month = m + 3 - 12 * m.div_euclid(10);
    let year = 100 * b + d - 4800 + m.div_euclid(10);
    (year as i32, month as u32, day as u32)
}

/// Converts a proleptic Gregorian date to the Vietnamese lunar calendar.
pub fn solar_to_lunar(y: i32, m: u32, d: u32) -> LunarDate {
    lunar_from_jd(jd_from_date(y, m, d))
}

/// Converts a Vietnamese lunar date to the proleptic Gregorian calendar.
///
/// None when that lunar date does not exist (e.g. a leap month the year has not, day 30 of a 29-day month).
pub fn lunar_to_solar(l: LunarDate) -> Option<(i32, u32, u32)> {
    if !(1..=12).contains(&l.month) || !(1..=30).contains(&l.day) {
        return None;
    }
    let year = i64::from(l.year);
    let month_start = if l.leap {
        leap_month_start(l.month, year)?
    } else {
        regular_month_start(l.month, year)
    };
    let jd = month_start + i64::from(l.day) - 1;
    // Day 30 of a 29-day month would be day 1 of the next month: the forward conversion
    // tells whether the day really belongs to the month asked for.
    (lunar_from_jd(jd) == l).then(|| date_from_jd(jd))
}

/// Mùng 1 tháng Giêng of the lunar year that begins in solar year `y`.
/// (The holiday table states the days as data; the calendar tests check it against this.)
#[cfg_attr(not(test), allow(dead_code))]
pub fn tet(y: i32) -> (i32, u32, u32) {
    date_from_jd(tet_jd(i64::from(y)))
}

/// The last day of the lunar year that ends just before tet(y) (29 or 30 tháng Chạp).
pub fn new_years_eve(y: i32) -> (i32, u32, u32) {
    date_from_jd(tet_jd(i64::from(y)) - 1)
}

/// Giỗ Tổ Hùng Vương: 10/3 âm lịch of lunar year y (non-leap month 3).
/// (The holiday table states the days as data; the calendar tests check it against this.)
#[cfg_attr(not(test), allow(dead_code))]
pub fn gio_to(y: i32) -> (i32, u32, u32) {
    date_from_jd(regular_month_start(3, i64::from(y)) + 9)
}

/// The leap month number (1..=12) of lunar year y, if it has one.
pub fn leap_month(y: i32) -> Option<u32> {
    let y = i64::from(y);
    // Months 1..=10 of lunar year y, and a leap month after any of them, lie in the cycle
    // that starts with month 11 of solar year y - 1; months 11 and 12 (and a leap month 11
    // or 12) lie in the cycle that starts with month 11 of solar year y.
    match cycle_leap_month(y - 1) {
        Some(m) if m <= 10 => Some(m),
        _ => cycle_leap_month(y).filter(|&m| m >= 11),
    }
}

// ---------------------------------------------------------------------------------------
// Astronomy
// ---------------------------------------------------------------------------------------

/// Sine of an angle given in degrees.
fn sin_deg(x: f64) -> f64 {
    x.to_radians().sin()
}

/// Julian date (UT) of the k-th new moon after the one of 1900-01-01 (`NewMoon(k)`).
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3
        + 0.000_33 * sin_deg(166.56 + 132.87 * t - 0.009_173 * t2);
    // Sun's mean anomaly, Moon's mean anomaly, Moon's argument of latitude (degrees).
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let c1 = (0.1734 - 0.000_393 * t) * sin_deg(m) + 0.0021 * sin_deg(2.0 * m)
        - 0.4068 * sin_deg(mpr)
        + 0.0161 * sin_deg(2.0 * mpr)
        - 0.0004 * sin_deg(3.0 * mpr)
        + 0.0104 * sin_deg(2.0 * f)
        - 0.0051 * sin_deg(m + mpr)
        - 0.0074 * sin_deg(m - mpr)
        + 0.0004 * sin_deg(2.0 * f + m)
        - 0.0004 * sin_deg(2.0 * f - m)
        - 0.0006 * sin_deg(2.0 * f + mpr)
        + 0.0010 * sin_deg(2.0 * f - mpr)
        + 0.0005 * sin_deg(2.0 * mpr + m);
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    jd1 + c1 - delta_t
}

/// Julian day number of the local (UTC+7) day containing the k-th new moon
/// (`getNewMoonDay`).
fn new_moon_day(k: i64) -> i64 {
    (new_moon(k) + 0.5 + TIME_ZONE / 24.0).floor() as i64
}

/// The sun's apparent longitude, in radians in `[0, 2π)`, at Julian date `jd` (UT)
/// (`SunLongitude`).
fn sun_longitude(jd: f64) -> f64 {
    let t = (jd - 2_451_545.0) / 36_525.0;
    let t2 = t * t;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * sin_deg(m)
        + (0.019_993 - 0.000_101 * t) * sin_deg(2.0 * m)
        + 0.000_290 * sin_deg(3.0 * m);
    (l0 + dl).to_radians().rem_euclid(2.0 * PI)
}

/// Which 30° sector (0..=11; sector 9 starts at the winter solstice) the sun is in at
/// local midnight at the start of day `jd` (`getSunLongitude`). A month has no principal
/// term when it starts and ends in the same sector.
fn sun_sector(jd: i64) -> i64 {
    let l = sun_longitude(jd as f64 - 0.5 - TIME_ZONE / 24.0);
    ((l / PI * 6.0).floor() as i64).clamp(0, 11)
}

// ---------------------------------------------------------------------------------------
// Calendar rules
// ---------------------------------------------------------------------------------------

/// Index k of the lunation estimated from the mean synodic month; the true one is k or
/// a neighbour.
fn mean_lunation(jd: i64) -> i64 {
    ((jd as f64 - NEW_MOON_EPOCH) / SYNODIC_MONTH).floor() as i64
}

/// Index k of the lunar month containing day `jd`: `new_moon_day(k) <= jd < new_moon_day(k + 1)`.
fn lunation_containing(jd: i64) -> i64 {
    // The original tries k + 1, then k; the loops make it exact wherever the true new
    // moon is far from the mean one.
    let mut k = mean_lunation(jd) + 1;
    while new_moon_day(k) > jd {
        k -= 1;
    }
    while new_moon_day(k + 1) <= jd {
        k += 1;
    }
    k
}

/// Julian day number of the first day of the lunar month 11 (the one containing the
/// winter solstice) that begins in solar year `y` (`getLunarMonth11`).
fn lunar_month_11(y: i64) -> i64 {
    let off = jd(y, 12, 31) - 2_415_021;
    let k = (off as f64 / SYNODIC_MONTH).floor() as i64;
    let nm = new_moon_day(k);
    if sun_sector(nm) >= 9 {
        // That new moon is already past the solstice: month 11 began one lunation earlier.
        new_moon_day(k - 1)
    } else {
        nm
    }
}

/// Lunation index of the month 11 that starts on day `a11`.
fn lunation_of_month_11(a11: i64) -> i64 {
    ((a11 as f64 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5).floor() as i64
}

/// In a 13-month cycle starting with month 11 on day `a11`, the position (1 = the month
/// right after month 11) of the first month with no principal term: the leap month
/// (`getLeapMonthOffset`).
fn leap_month_offset(a11: i64) -> i64 {
    let k = lunation_of_month_11(a11);
    let mut i = 1;
    let mut arc = sun_sector(new_moon_day(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = sun_sector(new_moon_day(k + i));
        if arc == last || i >= 14 {
            return i - 1;
        }
    }
}

/// Month number (1..=12) from a count where 11 is month 11, 12 is month 12, 13 is month 1…
fn month_number(n: i64) -> u32 {
    ((n - 1).rem_euclid(12) + 1) as u32
}

/// The leap month of the cycle from month 11 of solar year `y` to month 11 of `y + 1`,
/// if that cycle has 13 months.
fn cycle_leap_month(y: i64) -> Option<u32> {
    let a11 = lunar_month_11(y);
    let b11 = lunar_month_11(y + 1);
    (b11 - a11 > 365).then(|| month_number(leap_month_offset(a11) + 10))
}

/// The lunar date of Julian day number `jd` (`convertSolar2Lunar`).
fn lunar_from_jd(jd: i64) -> LunarDate {
    let month_start = new_moon_day(lunation_containing(jd));
    let (y, _, _) = date_from_jd(jd);
    let y = i64::from(y);
    let mut a11 = lunar_month_11(y);
    let mut b11 = a11;
    let mut year = if a11 >= month_start {
        a11 = lunar_month_11(y - 1);
        y
    } else {
        b11 = lunar_month_11(y + 1);
        y + 1
    };
    let day = (jd - month_start + 1) as u32;
    // Months since month 11 (a lunation is never shorter than 29 days).
    let diff = (month_start - a11).div_euclid(29);
    let mut leap = false;
    let mut month = diff + 11;
    if b11 - a11 > 365 {
        let leap_diff = leap_month_offset(a11);
        if diff >= leap_diff {
            month = diff + 10;
            leap = diff == leap_diff;
        }
    }
    let month = month_number(month);
    if month >= 11 && diff < 4 {
        year -= 1;
    }
    LunarDate {
        day,
        month,
        year: year as i32,
        leap,
    }
}

/// The cycle of lunar months (from a month 11 to the next one) that holds month `month`
/// of lunar year `year`: the lunation index of its month 11, and, if the cycle has 13
/// months, the position of its leap month (see [`leap_month_offset`]).
fn cycle_of(month: u32, year: i64) -> (i64, Option<i64>) {
    let first = if month < 11 { year - 1 } else { year };
    let a11 = lunar_month_11(first);
    let b11 = lunar_month_11(first + 1);
    let leap_off = (b11 - a11 > 365).then(|| leap_month_offset(a11));
    (lunation_of_month_11(a11), leap_off)
}

/// Julian day number of day 1 of the (non-leap) month `month` of lunar year `year`
/// (`convertLunar2Solar` with `lunarLeap = 0`).
fn regular_month_start(month: u32, year: i64) -> i64 {
    let (k, leap_off) = cycle_of(month, year);
    let mut off = (i64::from(month) - 11).rem_euclid(12);
    if leap_off.is_some_and(|leap_off| off >= leap_off) {
        off += 1;
    }
    new_moon_day(k + off)
}

/// Julian day number of day 1 of the leap month `month` of lunar year `year`, or None
/// when that year has no such leap month (`convertLunar2Solar` with `lunarLeap = 1`).
fn leap_month_start(month: u32, year: i64) -> Option<i64> {
    let (k, leap_off) = cycle_of(month, year);
    let leap_off = leap_off?;
    (month_number(leap_off + 10) == month).then(|| new_moon_day(k + leap_off))
}

/// Julian day number of mùng 1 tháng Giêng of lunar year `y`.
fn tet_jd(y: i64) -> i64 {
    regular_month_start(1, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Reference data, obtained independently of this module: Hồ Ngọc Đức's own
    // precomputed year tables TK20/TK21 (the month lengths, leap month and Tết offset of
    // every lunar year, published with his `amlich-hnd.js`), as shipped in the PyPI
    // package `vnlunar` 1.0.5 and decoded with that package's table reader. Every value
    // was also checked against the PyPI package `lunar-vn` 1.4.0 (UTC+7 port of the
    // algorithm), which agrees with the tables on every day from 1968 to 2053.
    // Dates are (year, month, day).
    type Ymd = (i32, u32, u32);

    /// (lunar year, mùng 1 Tết, last day of the previous lunar year), 1990–2040.
    const TET_AND_EVE: [(i32, Ymd, Ymd); 51] = [
        (1990, (1990, 1, 27), (1990, 1, 26)),
        (1991, (1991, 2, 15), (1991, 2, 14)),
        (1992, (1992, 2, 4), (1992, 2, 3)),
        (1993, (1993, 1, 23), (1993, 1, 22)),
        (1994, (1994, 2, 10), (1994, 2, 9)),
        (1995, (1995, 1, 31), (1995, 1, 30)),
        (1996, (1996, 2, 19), (1996, 2, 18)),
        (1997, (1997, 2, 7), (1997, 2, 6)),
        (1998, (1998, 1, 28), (1998, 1, 27)),
        (1999, (1999, 2, 16), (1999, 2, 15)),
        (2000, (2000, 2, 5), (2000, 2, 4)),
        (2001, (2001, 1, 24), (2001, 1, 23)),
        (2002, (2002, 2, 12), (2002, 2, 11)),
        (2003, (2003, 2, 1), (2003, 1, 31)),
        (2004, (2004, 1, 22), (2004, 1, 21)),
        (2005, (2005, 2, 9), (2005, 2, 8)),
        (2006, (2006, 1, 29), (2006, 1, 28)),
        (2007, (2007, 2, 17), (2007, 2, 16)),
        (2008, (2008, 2, 7), (2008, 2, 6)),
        (2009, (2009, 1, 26), (2009, 1, 25)),
        (2010, (2010, 2, 14), (2010, 2, 13)),
        (2011, (2011, 2, 3), (2011, 2, 2)),
        (2012, (2012, 1, 23), (2012, 1, 22)),
        (2013, (2013, 2, 10), (2013, 2, 9)),
        (2014, (2014, 1, 31), (2014, 1, 30)),
        (2015, (2015, 2, 19), (2015, 2, 18)),
        (2016, (2016, 2, 8), (2016, 2, 7)),
        (2017, (2017, 1, 28), (2017, 1, 27)),
        (2018, (2018, 2, 16), (2018, 2, 15)),
        (2019, (2019, 2, 5), (2019, 2, 4)),
        (2020, (2020, 1, 25), (2020, 1, 24)),
        (2021, (2021, 2, 12), (2021, 2, 11)),
        (2022, (2022, 2, 1), (2022, 1, 31)),
        (2023, (2023, 1, 22), (2023, 1, 21)),
        (2024, (2024, 2, 10), (2024, 2, 9)),
        (2025, (2025, 1, 29), (2025, 1, 28)),
        (2026, (2026, 2, 17), (2026, 2, 16)),
        (2027, (2027, 2, 6), (2027, 2, 5)),
        (2028, (2028, 1, 26), (2028, 1, 25)),
        (2029, (2029, 2, 13), (2029, 2, 12)),
        (2030, (2030, 2, 2), (2030, 2, 1)),
        (2031, (2031, 1, 23), (2031, 1, 22)),
        (2032, (2032, 2, 11), (2032, 2, 10)),
        (2033, (2033, 1, 31), (2033, 1, 30)),
        (2034, (2034, 2, 19), (2034, 2, 18)),
        (2035, (2035, 2, 8), (2035, 2, 7)),
        (2036, (2036, 1, 28), (2036, 1, 27)),
        (2037, (2037, 2, 15), (2037, 2, 14)),
        (2038, (2038, 2, 4), (2038, 2, 3)),
        (2039, (2039, 1, 24), (2039, 1, 23)),
        (2040, (2040, 2, 12), (2040, 2, 11)),
    ];

    /// (lunar year, Giỗ Tổ 10/3), 1990–2040.
    const GIO_TO: [(i32, Ymd); 51] = [
        (1990, (1990, 4, 5)),
        (1991, (1991, 4, 24)),
        (1992, (1992, 4, 12)),
        (1993, (1993, 4, 1)),
        (1994, (1994, 4, 20)),
        (1995, (1995, 4, 9)),
        (1996, (1996, 4, 27)),
        (1997, (1997, 4, 16)),
        (1998, (1998, 4, 6)),
        (1999, (1999, 4, 25)),
        (2000, (2000, 4, 14)),
        (2001, (2001, 4, 3)),
        (2002, (2002, 4, 22)),
        (2003, (2003, 4, 11)),
        (2004, (2004, 4, 28)),
        (2005, (2005, 4, 18)),
        (2006, (2006, 4, 7)),
        (2007, (2007, 4, 26)),
        (2008, (2008, 4, 15)),
        (2009, (2009, 4, 4)),
        (2010, (2010, 4, 23)),
        (2011, (2011, 4, 12)),
        (2012, (2012, 3, 31)),
        (2013, (2013, 4, 19)),
        (2014, (2014, 4, 9)),
        (2015, (2015, 4, 28)),
        (2016, (2016, 4, 16)),
        (2017, (2017, 4, 6)),
        (2018, (2018, 4, 25)),
        (2019, (2019, 4, 14)),
        (2020, (2020, 4, 2)),
        (2021, (2021, 4, 21)),
        (2022, (2022, 4, 10)),
        (2023, (2023, 4, 29)),
        (2024, (2024, 4, 18)),
        (2025, (2025, 4, 7)),
        (2026, (2026, 4, 26)),
        (2027, (2027, 4, 16)),
        (2028, (2028, 4, 4)),
        (2029, (2029, 4, 23)),
        (2030, (2030, 4, 12)),
        (2031, (2031, 4, 1)),
        (2032, (2032, 4, 19)),
        (2033, (2033, 4, 9)),
        (2034, (2034, 4, 28)),
        (2035, (2035, 4, 17)),
        (2036, (2036, 4, 6)),
        (2037, (2037, 4, 24)),
        (2038, (2038, 4, 13)),
        (2039, (2039, 4, 3)),
        (2040, (2040, 4, 20)),
    ];

    /// (lunar year, leap month, day 1 of the regular month, day 1 of the leap month) for
    /// every lunar year of 1990–2040 that has a leap month.
    const LEAP_MONTHS: [(i32, u32, Ymd, Ymd); 19] = [
        (1990, 5, (1990, 5, 24), (1990, 6, 23)),
        (1993, 3, (1993, 3, 23), (1993, 4, 22)),
        (1995, 8, (1995, 8, 26), (1995, 9, 24)),
        (1998, 5, (1998, 5, 26), (1998, 6, 24)),
        (2001, 4, (2001, 4, 23), (2001, 5, 23)),
        (2004, 2, (2004, 2, 20), (2004, 3, 21)),
        (2006, 7, (2006, 7, 25), (2006, 8, 24)),
        (2009, 5, (2009, 5, 24), (2009, 6, 23)),
        (2012, 4, (2012, 4, 21), (2012, 5, 21)),
        (2014, 9, (2014, 9, 24), (2014, 10, 24)),
        (2017, 6, (2017, 6, 24), (2017, 7, 23)),
        (2020, 4, (2020, 4, 23), (2020, 5, 23)),
        (2023, 2, (2023, 2, 20), (2023, 3, 22)),
        (2025, 6, (2025, 6, 25), (2025, 7, 25)),
        (2028, 5, (2028, 5, 24), (2028, 6, 23)),
        (2031, 3, (2031, 3, 23), (2031, 4, 21)),
        (2033, 11, (2033, 11, 22), (2033, 12, 22)),
        (2036, 6, (2036, 6, 24), (2036, 7, 23)),
        (2039, 5, (2039, 5, 23), (2039, 6, 22)),
    ];

    /// The other lunar years of 1990–2040.
    const NO_LEAP_MONTH: [i32; 32] = [
        1991, 1992, 1994, 1996, 1997, 1999, 2000, 2002, 2003, 2005, 2007, 2008, 2010, 2011, 2013,
        2015, 2016, 2018, 2019, 2021, 2022, 2024, 2026, 2027, 2029, 2030, 2032, 2034, 2035, 2037,
        2038, 2040,
    ];

    /// Calendar days of `a` .. `b`, `b` excluded, as Julian day numbers.
    fn days(a: Ymd, b: Ymd) -> std::ops::Range<i64> {
        jd_from_date(a.0, a.1, a.2)..jd_from_date(b.0, b.1, b.2)
    }

    fn lunar(day: u32, month: u32, year: i32, leap: bool) -> LunarDate {
        LunarDate {
            day,
            month,
            year,
            leap,
        }
    }

    fn lunar_of(date: Ymd) -> LunarDate {
        solar_to_lunar(date.0, date.1, date.2)
    }

    #[test]
    fn julian_day_numbers() {
        assert_eq!(jd_from_date(2000, 1, 1), 2_451_545);
        assert_eq!(jd_from_date(1970, 1, 1), 2_440_588);
        assert_eq!(jd_from_date(1900, 1, 1), 2_415_021);
        assert_eq!(jd_from_date(1858, 11, 17), 2_400_001); // MJD 0 is JD 2400000.5
        assert_eq!(jd_from_date(1582, 10, 15), 2_299_161);
        assert_eq!(date_from_jd(2_451_545), (2000, 1, 1));
        assert_eq!(date_from_jd(2_299_161), (1582, 10, 15));
        assert_eq!(jd_from_date(2024, 3, 1) - jd_from_date(2024, 2, 28), 2); // leap day
        assert_eq!(jd_from_date(2100, 3, 1) - jd_from_date(2100, 2, 28), 1); // not a leap year
    }

    #[test]
    fn tet_every_year_1990_2040() {
        for &(y, mung1, _) in &TET_AND_EVE {
            assert_eq!(tet(y), mung1, "Tết {y}");
            assert_eq!(lunar_of(mung1), lunar(1, 1, y, false), "Tết {y}");
            assert_eq!(
                lunar_to_solar(lunar(1, 1, y, false)),
                Some(mung1),
                "Tết {y}"
            );
        }
    }

    #[test]
    fn new_years_eve_every_year_1990_2040() {
        for &(y, mung1, eve) in &TET_AND_EVE {
            assert_eq!(new_years_eve(y), eve, "giao thừa before Tết {y}");
            assert_eq!(
                jd_from_date(eve.0, eve.1, eve.2) + 1,
                jd_from_date(mung1.0, mung1.1, mung1.2)
            );
            let l = lunar_of(eve);
            assert_eq!(
                (l.month, l.year, l.leap),
                (12, y - 1, false),
                "giao thừa before Tết {y}"
            );
            assert!(
                l.day == 29 || l.day == 30,
                "giao thừa before Tết {y}: {l:?}"
            );
            // The day after the last day of tháng Chạp does not exist.
            assert_eq!(lunar_to_solar(lunar(l.day + 1, 12, y - 1, false)), None);
        }
    }

    #[test]
    fn gio_to_every_year_1990_2040() {
        for &(y, date) in &GIO_TO {
            assert_eq!(gio_to(y), date, "Giỗ Tổ {y}");
            assert_eq!(lunar_of(date), lunar(10, 3, y, false), "Giỗ Tổ {y}");
        }
    }

    #[test]
    fn leap_months_1990_2040() {
        for &(y, m, regular, leap) in &LEAP_MONTHS {
            assert_eq!(leap_month(y), Some(m), "leap month of {y}");
            assert_eq!(lunar_of(regular), lunar(1, m, y, false), "{y}");
            assert_eq!(lunar_of(leap), lunar(1, m, y, true), "{y}");
            assert_eq!(lunar_to_solar(lunar(1, m, y, false)), Some(regular), "{y}");
            assert_eq!(lunar_to_solar(lunar(1, m, y, true)), Some(leap), "{y}");
            // Every other month of a leap year refuses the leap flag.
            for other in (1..=12).filter(|&o| o != m) {
                assert_eq!(
                    lunar_to_solar(lunar(1, other, y, true)),
                    None,
                    "{other}/{y}"
                );
            }
        }
        for &y in &NO_LEAP_MONTH {
            assert_eq!(leap_month(y), None, "{y} has no leap month");
            for m in 1..=12 {
                assert_eq!(lunar_to_solar(lunar(1, m, y, true)), None, "{m}/{y}");
            }
            assert!(
                days(tet(y), tet(y + 1)).all(|jd| !lunar_from_jd(jd).leap),
                "{y}"
            );
        }
        let mut covered: Vec<i32> = LEAP_MONTHS
            .iter()
            .map(|r| r.0)
            .chain(NO_LEAP_MONTH)
            .collect();
        covered.sort_unstable();
        assert_eq!(covered, (1990..=2040).collect::<Vec<_>>());
    }

    #[test]
    fn leap_month_2023_is_2() {
        assert_eq!(leap_month(2023), Some(2));
        assert_eq!(solar_to_lunar(2023, 2, 20), lunar(1, 2, 2023, false));
        assert_eq!(solar_to_lunar(2023, 3, 21), lunar(30, 2, 2023, false));
        assert_eq!(solar_to_lunar(2023, 3, 22), lunar(1, 2, 2023, true));
        assert_eq!(lunar_to_solar(lunar(1, 2, 2023, true)), Some((2023, 3, 22)));
        assert_eq!(
            lunar_to_solar(lunar(1, 2, 2023, false)),
            Some((2023, 2, 20))
        );
        assert_eq!(lunar_to_solar(lunar(1, 3, 2023, true)), None);
    }

    #[test]
    fn leap_month_2025_is_6() {
        assert_eq!(leap_month(2025), Some(6));
        assert_eq!(solar_to_lunar(2025, 6, 25), lunar(1, 6, 2025, false));
        assert_eq!(solar_to_lunar(2025, 7, 25), lunar(1, 6, 2025, true));
        assert_eq!(lunar_to_solar(lunar(1, 6, 2025, true)), Some((2025, 7, 25)));
    }

    #[test]
    fn leap_month_2033_is_11() {
        // The "2033 problem" year: in the Vietnamese calendar the month after month 11
        // (22/12/2033 – 19/01/2034) contains no principal term and is 11 nhuận.
        assert_eq!(leap_month(2033), Some(11));
        assert_eq!(leap_month(2034), None);
        assert_eq!(solar_to_lunar(2033, 11, 22), lunar(1, 11, 2033, false));
        assert_eq!(solar_to_lunar(2033, 12, 21), lunar(30, 11, 2033, false));
        assert_eq!(solar_to_lunar(2033, 12, 22), lunar(1, 11, 2033, true));
        assert_eq!(solar_to_lunar(2034, 1, 19), lunar(29, 11, 2033, true));
        assert_eq!(solar_to_lunar(2034, 1, 20), lunar(1, 12, 2033, false));
        assert_eq!(
            lunar_to_solar(lunar(1, 11, 2033, true)),
            Some((2033, 12, 22))
        );
        assert_eq!(lunar_to_solar(lunar(1, 11, 2034, true)), None);
        assert_eq!(tet(2034), (2034, 2, 19));
    }

    #[test]
    fn legal_domain_facts() {
        // reference/legal-domain.md §5.2: official schedules 2025, 2026, computed 2027, 2028.
        assert_eq!(tet(2025), (2025, 1, 29));
        assert_eq!(gio_to(2025), (2025, 4, 7));
        assert_eq!(tet(2026), (2026, 2, 17));
        assert_eq!(new_years_eve(2026), (2026, 2, 16));
        assert_eq!(gio_to(2026), (2026, 4, 26));
        assert_eq!(tet(2027), (2027, 2, 6));
        assert_eq!(new_years_eve(2027), (2027, 2, 5));
        assert_eq!(solar_to_lunar(2027, 2, 5), lunar(29, 12, 2026, false));
        assert_eq!(lunar_to_solar(lunar(30, 12, 2026, false)), None);
        assert_eq!(gio_to(2027), (2027, 4, 16));
        assert_eq!(tet(2028), (2028, 1, 26));
        assert_eq!(gio_to(2028), (2028, 4, 4));
        assert_eq!(leap_month(2025), Some(6));
        assert_eq!(leap_month(2026), None);
        assert_eq!(leap_month(2027), None);
        assert_eq!(leap_month(2028), Some(5));
    }

    #[test]
    fn utc7_differs_from_chinese_calendar() {
        // Years where the Vietnamese (UTC+7) Tết is not the Chinese (UTC+8) New Year:
        // 1985 (China: 20/02/1985), 2007 (China: 18/02/2007), and 1968, Tết Mậu Thân,
        // North Vietnam's first year on UTC+7 (South: 30/01/1968). Same reference tables.
        assert_eq!(tet(1968), (1968, 1, 29));
        assert_eq!(tet(1985), (1985, 1, 21));
        assert_eq!(tet(2007), (2007, 2, 17));
    }

    #[test]
    fn nonexistent_lunar_dates() {
        assert_eq!(lunar_to_solar(lunar(1, 4, 2024, true)), None); // 2024 has no leap month
        assert_eq!(lunar_to_solar(lunar(0, 1, 2025, false)), None);
        assert_eq!(lunar_to_solar(lunar(31, 1, 2025, false)), None);
        assert_eq!(lunar_to_solar(lunar(1, 0, 2025, false)), None);
        assert_eq!(lunar_to_solar(lunar(1, 13, 2025, false)), None);
        // Exactly one of day 30 of each month exists or not, as the month has 30 days or 29.
        for y in 2020..=2030 {
            for m in 1..=12 {
                let first = lunar_to_solar(lunar(1, m, y, false)).unwrap();
                let next = lunar(
                    1,
                    if m == 12 { 1 } else { m + 1 },
                    if m == 12 { y + 1 } else { y },
                    false,
                );
                let next = if leap_month(y) == Some(m) {
                    lunar(1, m, y, true)
                } else {
                    next
                };
                let next = lunar_to_solar(next).unwrap();
                let len =
                    jd_from_date(next.0, next.1, next.2) - jd_from_date(first.0, first.1, first.2);
                assert!(len == 29 || len == 30, "{m}/{y}");
                assert_eq!(
                    lunar_to_solar(lunar(30, m, y, false)).is_some(),
                    len == 30,
                    "{m}/{y}"
                );
            }
        }
    }

    /// Every day of 1800–2200 (which includes the required 1900–2100): the conversion is
    /// a bijection (solar → lunar → solar), and consecutive days follow each other in the
    /// lunar calendar.
    #[test]
    fn round_trip_every_day_1800_2200() {
        let mut prev: Option<LunarDate> = None;
        for jd in days((1800, 1, 1), (2201, 1, 1)) {
            let date = date_from_jd(jd);
            assert_eq!(jd_from_date(date.0, date.1, date.2), jd);
            let l = solar_to_lunar(date.0, date.1, date.2);
            assert_eq!(lunar_to_solar(l), Some(date), "{date:?} -> {l:?}");
            if let Some(p) = prev {
                let follows = if l.day == 1 {
                    (p.day == 29 || p.day == 30)
                        && if l.leap {
                            l.month == p.month && l.year == p.year && !p.leap
                        } else if l.month == 1 {
                            p.month == 12 && l.year == p.year + 1
                        } else {
                            l.month == p.month + 1 && l.year == p.year
                        }
                } else {
                    l.day == p.day + 1 && (l.month, l.year, l.leap) == (p.month, p.year, p.leap)
                };
                assert!(follows, "{p:?} then {l:?} on {date:?}");
            }
            prev = Some(l);
        }
    }

    /// The year-level helpers agree with the day-level conversion for every year of
    /// 1800–2200, and none of them panics.
    #[test]
    fn year_helpers_consistent_1800_2200() {
        for y in 1800..=2200 {
            let (t, eve, g) = (tet(y), new_years_eve(y), gio_to(y));
            assert_eq!(lunar_of(t), lunar(1, 1, y, false), "{y}");
            assert!(((y, 1, 19)..=(y, 2, 21)).contains(&t), "Tết {y} on {t:?}");
            assert_eq!(
                jd_from_date(eve.0, eve.1, eve.2) + 1,
                jd_from_date(t.0, t.1, t.2)
            );
            assert_eq!(lunar_of(g), lunar(10, 3, y, false), "{y}");
            let months = days(t, tet(y + 1))
                .filter(|&jd| lunar_from_jd(jd).day == 1)
                .count();
            match leap_month(y) {
                Some(m) => {
                    assert_eq!(months, 13, "{y}");
                    assert!(lunar_to_solar(lunar(1, m, y, true)).is_some(), "{y}");
                }
                None => assert_eq!(months, 12, "{y}"),
            }
        }
    }
}
