//! Dates of the synthetic register: day numbers (days since 1970-01-01, as in
//! `crate::calendar`), the season of the case volume, and times of day.

use chrono::{Datelike, NaiveDate};

use super::rng::Rng;
use crate::calendar::{self, from_day_number};

/// (year, month, day) of a day number.
pub(super) fn ymd(day: i32) -> (i32, u32, u32) {
    let d = from_day_number(day);
    (d.year(), d.month(), d.day())
}

/// Saturday or Sunday (fewer cases, and not a working day of the deadline model).
pub(super) fn is_weekend(day: i32) -> bool {
    calendar::is_weekend(from_day_number(day))
}

/// Mùng 1 Tết of a year, for the years the volume model knows it: 2020–2035 (none outside).
///
/// This table is the model's own data, kept although `calendar::lunar::tet` computes the same
/// dates, because the two differ for one year: the table gives 3/2/2030, the Chinese New Year
/// (new moon at 00:07 on 3/2 in UTC+8), while the Vietnamese calendar (UTC+7, where that new
/// moon is at 23:07 on 2/2) has Tết on 2/2/2030, as `calendar::lunar` says. Taking the lunar
/// dates, or extending the range, would change the registers a seed gives for those years. The
/// test below holds the table to the lunar calendar for every other year.
pub(super) fn tet_day(year: i32) -> Option<i32> {
    const TET: [(u32, u32); 16] = [
        (1, 25), // 2020
        (2, 12),
        (2, 1),
        (1, 22),
        (2, 10),
        (1, 29), // 2025
        (2, 17), // 2026
        (2, 6),
        (1, 26),
        (2, 13),
        (2, 3), // 2030: 2/2 in the Vietnamese calendar (see above)
        (1, 23),
        (2, 11),
        (1, 31),
        (2, 19),
        (2, 8), // 2035
    ];
    let i = year.checked_sub(2020)?;
    let &(m, d) = TET.get(usize::try_from(i).ok()?)?;
    Some(calendar::day_number(NaiveDate::from_ymd_opt(year, m, d)?))
}

/// Relative volume of each day `from_day .. from_day + ndays` before the weekday/weekend
/// factor (see `season`), with Tết looked up once a year.
pub(super) fn season_weights(from_day: i32, ndays: usize) -> Vec<f64> {
    let mut tet: Option<(i32, Option<i32>)> = None;
    (0..ndays)
        .map(|i| {
            let z = from_day + i as i32;
            let year = ymd(z).0;
            let t = match tet {
                Some((y, t)) if y == year => t,
                _ => {
                    let t = tet_day(year);
                    tet = Some((year, t));
                    t
                }
            };
            season(z, from_day, t)
        })
        .collect()
}

/// Relative volume of a calendar day before the weekday/weekend factor: month profile, a dip
/// around Tết (`tet`, of the day's year) and on fixed-date holidays, and growth of about 10 % a
/// year from `from_day`.
///
/// The fixed-date holidays are the solar ones of `calendar::statutory_holidays`; the model leaves
/// out Giỗ Tổ and the Tết days off themselves (Tết has its own, wider dip), so taking the
/// statutory list would change the volume of those days.
fn season(z: i32, from_day: i32, tet: Option<i32>) -> f64 {
    const MONTH: [f64; 12] = [
        0.95, 0.85, 1.05, 1.05, 1.0, 1.0, 1.05, 1.05, 1.0, 1.05, 1.05, 1.0,
    ];
    let (_, m, d) = ymd(z);
    let mut w = MONTH[(m - 1) as usize];
    if let Some(tet) = tet {
        let delta = z - tet;
        if (-2..=5).contains(&delta) {
            w *= 0.25;
        } else if (-10..=10).contains(&delta) {
            w *= 0.6;
        }
    }
    // Fixed-date public holidays (1/1, 30/4, 1/5, 1/9, 2/9): the hotline and the page still
    // take some cases.
    if matches!((m, d), (1, 1) | (4, 30) | (5, 1) | (9, 1) | (9, 2)) {
        w *= 0.3;
    }
    w * (1.0 + 0.1 * (z - from_day) as f64 / 365.0)
}

/// Receipt time of day: mostly office hours 07:30–17:00; online channels spread wider.
pub(super) fn receipt_time(rng: &mut Rng, online: bool) -> u32 {
    let off_hours = if online { 0.30 } else { 0.06 };
    if rng.chance(off_hours) {
        if online {
            rng.range(6 * 3600, 23 * 3600 + 1800) as u32
        } else if rng.chance(0.5) {
            rng.range(6 * 3600 + 1800, 7 * 3600 + 1799) as u32
        } else {
            rng.range(17 * 3600, 19 * 3600) as u32
        }
    } else {
        work_time(rng)
    }
}

/// A time of day in office hours.
pub(super) fn work_time(rng: &mut Rng) -> u32 {
    (match rng.weighted(&[55, 8, 37]) {
        0 => rng.range(7 * 3600 + 1800, 11 * 3600 + 1799),
        1 => rng.range(11 * 3600 + 1800, 13 * 3600 + 1799),
        _ => rng.range(13 * 3600 + 1800, 17 * 3600),
    }) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn day_numbers_match_chrono() {
        let mut d = date(2019, 12, 1);
        while d < date(2031, 3, 1) {
            let z = calendar::day_number(d);
            assert_eq!(ymd(z), (d.year(), d.month(), d.day()));
            assert_eq!(
                is_weekend(z),
                d.weekday().num_days_from_monday() >= 5,
                "{d}"
            );
            d = d.succ_opt().unwrap();
        }
    }

    #[test]
    fn tet_table_is_the_lunar_calendar_but_for_2030() {
        use crate::calendar::lunar;
        for y in 2020..=2035 {
            let (ly, m, d) = lunar::tet(y);
            let lunar_day = calendar::day_number(date(ly, m, d));
            let table = tet_day(y).unwrap();
            if y == 2030 {
                // The table's 3/2/2030 is a day after the Vietnamese Tết (kept, see `tet_day`).
                assert_eq!(lunar_day, calendar::day_number(date(2030, 2, 2)));
                assert_eq!(table, lunar_day + 1);
            } else {
                assert_eq!(table, lunar_day, "{y}");
            }
        }
        assert_eq!(tet_day(2019), None);
        assert_eq!(tet_day(2036), None);
    }

    #[test]
    fn season_dips_around_tet_and_on_fixed_holidays() {
        let from = calendar::day_number(date(2026, 1, 1));
        let w = season_weights(from, 365);
        let at = |m, d| w[(calendar::day_number(date(2026, m, d)) - from) as usize];
        // 17/2/2026 is mùng 1 Tết: a deep dip two days before to five after, a shallow one
        // around it.
        assert!(at(2, 17) < 0.25 && at(2, 15) < 0.25 && at(2, 22) < 0.25);
        assert!(at(2, 10) > 0.4 && at(2, 10) < 0.6);
        assert!(at(3, 10) > 1.0);
        assert!(at(4, 30) < 0.35 && at(9, 2) < 0.35);
    }
}
