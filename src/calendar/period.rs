//! Reporting periods (SPEC §2): month, quarter, 6 tháng, 9 tháng, year — in the data cut-off
//! mode of NĐ 09/2019/NĐ-CP Điều 12 and TT 01/2024/TT-TTCP (15th of the previous month to the
//! 14th) or in whole calendar months — explicit ranges, and `previous-month` /
//! `previous-quarter` relative to the reporting date.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

const WORDING: &str = include_str!("../../report-templates/wording.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Cutoff,
    Calendar,
}

impl Mode {
    pub fn as_str(&self) -> &'static str {
        match self {
            Mode::Cutoff => "cutoff",
            Mode::Calendar => "calendar",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
    Half { year: i32, half: u32 },
    NineMonths { year: i32 },
    Year { year: i32 },
    Range,
}

/// A reporting period: inclusive dates, label, and the slug used in file names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub span: Span,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub mode: Mode,
    pub label: String,
    /// Lower-case phrase for titles: "tháng 5 năm 2026".
    pub title: String,
    pub slug: String,
}

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).expect("valid period bound")
}

fn last_day(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    d(ny, nm, 1) - Duration::days(1)
}

fn prev_month(y: i32, m: u32) -> (i32, u32) {
    if m == 1 { (y - 1, 12) } else { (y, m - 1) }
}

fn roman(q: u32) -> &'static str {
    ["I", "II", "III", "IV"][(q as usize).clamp(1, 4) - 1]
}

/// The first day of a cut-off period (`[cutoff] first_day` of the wording file).
fn cutoff_day() -> u32 {
    #[derive(Deserialize)]
    struct Cutoff {
        first_day: u32,
    }
    #[derive(Deserialize)]
    struct W {
        cutoff: Cutoff,
    }
    let w: W = toml::from_str(WORDING).expect("the shipped wording parses (checked by tests)");
    w.cutoff.first_day
}

fn wording() -> BTreeMap<String, String> {
    #[derive(Deserialize)]
    struct W {
        period: BTreeMap<String, String>,
    }
    let w: W = toml::from_str(WORDING).expect("the shipped wording parses (checked by tests)");
    w.period
}

fn dmy(x: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", x.day(), x.month(), x.year())
}

fn fill(t: &str, y: i32, m: u32, q: u32, start: NaiveDate, end: NaiveDate) -> String {
    t.replace("{y}", &y.to_string())
        .replace("{m}", &m.to_string())
        .replace("{q}", roman(q))
        .replace("{start}", &dmy(start))
        .replace("{end}", &dmy(end))
}

impl Period {
    pub fn new(span: Span, mode: Mode) -> Period {
        Self::with_bounds(span, mode, None)
    }

    fn with_bounds(span: Span, mode: Mode, range: Option<(NaiveDate, NaiveDate)>) -> Period {
        let cut = mode == Mode::Cutoff;
        let c = cutoff_day();
        let (start, end) = match span {
            Span::Month { year, month } => {
                if cut {
                    let (py, pm) = prev_month(year, month);
                    (d(py, pm, c), d(year, month, c - 1))
                } else {
                    (d(year, month, 1), last_day(year, month))
                }
            }
            Span::Quarter { year, quarter } => {
                let first = 3 * quarter - 2;
                let last = 3 * quarter;
                if cut {
                    let (py, pm) = prev_month(year, first);
                    (d(py, pm, c), d(year, last, c - 1))
                } else {
                    (d(year, first, 1), last_day(year, last))
                }
            }
            Span::Half { year, half } => match (cut, half) {
                (true, 1) => (d(year - 1, 12, c), d(year, 6, c - 1)),
                (true, _) => (d(year, 6, c), d(year, 12, c - 1)),
                (false, 1) => (d(year, 1, 1), d(year, 6, 30)),
                (false, _) => (d(year, 7, 1), d(year, 12, 31)),
            },
            Span::NineMonths { year } => {
                if cut {
                    (d(year - 1, 12, c), d(year, 9, c - 1))
                } else {
                    (d(year, 1, 1), d(year, 9, 30))
                }
            }
            Span::Year { year } => {
                if cut {
                    (d(year - 1, 12, c), d(year, 12, c - 1))
                } else {
                    (d(year, 1, 1), d(year, 12, 31))
                }
            }
            Span::Range => range.expect("a range period has bounds"),
        };
        let w = wording();
        let t = |k: &str| w.get(k).cloned().unwrap_or_default();
        let (label, title, slug) = match span {
            Span::Month { year, month } => (
                fill(&t("month"), year, month, 0, start, end),
                fill(&t("month_title"), year, month, 0, start, end),
                format!("{year}-{month:02}"),
            ),
            Span::Quarter { year, quarter } => (
                fill(&t("quarter"), year, 0, quarter, start, end),
                fill(&t("quarter_title"), year, 0, quarter, start, end),
                format!("{year}-Q{quarter}"),
            ),
            Span::Half { year, half } => {
                let k = if half == 1 { "half_1" } else { "half_2" };
                (
                    fill(&t(k), year, 0, 0, start, end),
                    fill(&t(&format!("{k}_title")), year, 0, 0, start, end),
                    format!("{year}-H{half}"),
                )
            }
            Span::NineMonths { year } => (
                fill(&t("nine_months"), year, 0, 0, start, end),
                fill(&t("nine_months_title"), year, 0, 0, start, end),
                format!("{year}-9M"),
            ),
            Span::Year { year } => (
                fill(&t("year"), year, 0, 0, start, end),
                fill(&t("year_title"), year, 0, 0, start, end),
                format!("{year}"),
            ),
            Span::Range => (
                fill(&t("range"), 0, 0, 0, start, end),
                fill(&t("range_title"), 0, 0, 0, start, end),
                format!("{start}_{end}"),
            ),
        };
        Period {
            span,
            start,
            end,
            mode,
            label,
            title,
            slug,
        }
    }

    /// Parses `--period`. `as_of` is the reporting date for `previous-month` / `previous-quarter`.
    /// The period and the periods it is compared with (previous, same period last year) must lie
    /// within the dates a workbook can hold (from 1900-03-01; Excel's 1900 dates before March are
    /// off by a day).
    pub fn parse(spec: &str, mode: Mode, as_of: NaiveDate) -> Result<Period> {
        let p = Self::parse_spec(spec, mode, as_of)?;
        let first = d(1900, 3, 1);
        let earliest = p
            .start
            .min(p.previous().start)
            .min(p.same_period_last_year().start);
        if earliest < first || p.end > d(9999, 12, 31) {
            return Err(Error::Usage(format!(
                "--period '{spec}': kỳ báo cáo hoặc kỳ so sánh với nó bắt đầu ngày {}, trước ngày 01/03/1900 — bảng tính Excel không ghi được ngày sớm hơn; hãy chọn kỳ ngắn hơn hoặc muộn hơn (the period or the period it is compared with would start on {}, before 1900-03-01, the earliest date a workbook holds; choose a shorter or later period)",
                earliest.format("%d/%m/%Y"),
                earliest.format("%Y-%m-%d"),
            )));
        }
        Ok(p)
    }

    /// `parse` without the check of the comparison periods: for windows the program builds
    /// itself and never compares (the reminder's "everything received up to the as-of day").
    pub fn parse_spec(spec: &str, mode: Mode, as_of: NaiveDate) -> Result<Period> {
        let s = spec.trim();
        let bad = || {
            Error::Usage(format!(
                "--period '{spec}' không hợp lệ; dùng 2026-05, 2026-Q2, 2026-H1, 2026-9M, 2026, 2026-04-15..2026-05-14, previous-month hoặc previous-quarter (invalid period)"
            ))
        };
        match s {
            "previous-month" => {
                let (mut y, mut m) = (as_of.year(), as_of.month());
                loop {
                    let p = Period::new(Span::Month { year: y, month: m }, mode);
                    if p.end < as_of {
                        return Ok(p);
                    }
                    (y, m) = prev_month(y, m);
                }
            }
            "previous-quarter" => {
                let (mut y, mut q) = (as_of.year(), (as_of.month() - 1) / 3 + 1);
                loop {
                    let p = Period::new(
                        Span::Quarter {
                            year: y,
                            quarter: q,
                        },
                        mode,
                    );
                    if p.end < as_of {
                        return Ok(p);
                    }
                    if q == 1 {
                        y -= 1;
                        q = 4;
                    } else {
                        q -= 1;
                    }
                }
            }
            _ => {}
        }
        if let Some((a, b)) = s.split_once("..") {
            let a = NaiveDate::parse_from_str(a.trim(), "%Y-%m-%d").map_err(|_| bad())?;
            let b = NaiveDate::parse_from_str(b.trim(), "%Y-%m-%d").map_err(|_| bad())?;
            if b < a {
                return Err(Error::Usage(format!(
                    "--period '{spec}': ngày cuối trước ngày đầu (end before start)"
                )));
            }
            return Ok(Self::with_bounds(Span::Range, mode, Some((a, b))));
        }
        let (ys, rest) = match s.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (s, None),
        };
        if ys.len() != 4 {
            return Err(bad());
        }
        let year: i32 = ys.parse().map_err(|_| bad())?;
        if !(1900..=2200).contains(&year) {
            return Err(bad());
        }
        let span = match rest.map(|r| r.to_ascii_uppercase()) {
            None => Span::Year { year },
            Some(r) => match r.as_str() {
                "Q1" | "Q2" | "Q3" | "Q4" => Span::Quarter {
                    year,
                    quarter: r[1..].parse().map_err(|_| bad())?,
                },
                "H1" | "H2" => Span::Half {
                    year,
                    half: r[1..].parse().map_err(|_| bad())?,
                },
                "9M" => Span::NineMonths { year },
                m => {
                    let month: u32 = m.parse().map_err(|_| bad())?;
                    if !(1..=12).contains(&month) || m.len() > 2 {
                        return Err(bad());
                    }
                    Span::Month { year, month }
                }
            },
        };
        Ok(Period::new(span, mode))
    }

    /// The previous period of the same kind (SPEC §5).
    pub fn previous(&self) -> Period {
        match self.span {
            Span::Month { year, month } => {
                let (y, m) = prev_month(year, month);
                Period::new(Span::Month { year: y, month: m }, self.mode)
            }
            Span::Quarter { year, quarter } => {
                let (y, q) = if quarter == 1 {
                    (year - 1, 4)
                } else {
                    (year, quarter - 1)
                };
                Period::new(
                    Span::Quarter {
                        year: y,
                        quarter: q,
                    },
                    self.mode,
                )
            }
            Span::Half { year, half } => {
                let (y, h) = if half == 1 { (year - 1, 2) } else { (year, 1) };
                Period::new(Span::Half { year: y, half: h }, self.mode)
            }
            Span::NineMonths { .. } | Span::Year { .. } => self.same_period_last_year(),
            Span::Range => {
                let len = self.end - self.start + Duration::days(1);
                Self::with_bounds(
                    Span::Range,
                    self.mode,
                    Some((self.start - len, self.start - Duration::days(1))),
                )
            }
        }
    }

    /// The same period one year earlier.
    pub fn same_period_last_year(&self) -> Period {
        let back = |x: NaiveDate| {
            NaiveDate::from_ymd_opt(x.year() - 1, x.month(), x.day())
                .unwrap_or_else(|| d(x.year() - 1, x.month(), 28))
        };
        match self.span {
            Span::Month { year, month } => Period::new(
                Span::Month {
                    year: year - 1,
                    month,
                },
                self.mode,
            ),
            Span::Quarter { year, quarter } => Period::new(
                Span::Quarter {
                    year: year - 1,
                    quarter,
                },
                self.mode,
            ),
            Span::Half { year, half } => Period::new(
                Span::Half {
                    year: year - 1,
                    half,
                },
                self.mode,
            ),
            Span::NineMonths { year } => {
                Period::new(Span::NineMonths { year: year - 1 }, self.mode)
            }
            Span::Year { year } => Period::new(Span::Year { year: year - 1 }, self.mode),
            Span::Range => Self::with_bounds(
                Span::Range,
                self.mode,
                Some((back(self.start), back(self.end))),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str, mode: Mode) -> Period {
        Period::parse(s, mode, d(2026, 6, 15)).unwrap()
    }

    #[test]
    fn cutoff_bounds_and_labels() {
        let m = p("2026-05", Mode::Cutoff);
        assert_eq!((m.start, m.end), (d(2026, 4, 15), d(2026, 5, 14)));
        assert_eq!(m.label, "Tháng 5/2026");
        assert_eq!(m.title, "tháng 5 năm 2026");
        assert_eq!(m.slug, "2026-05");
        let q = p("2026-Q2", Mode::Cutoff);
        assert_eq!((q.start, q.end), (d(2026, 3, 15), d(2026, 6, 14)));
        assert_eq!(q.label, "Quý II/2026");
        let q1 = p("2026-Q1", Mode::Cutoff);
        assert_eq!((q1.start, q1.end), (d(2025, 12, 15), d(2026, 3, 14)));
        let h = p("2026-H1", Mode::Cutoff);
        assert_eq!((h.start, h.end), (d(2025, 12, 15), d(2026, 6, 14)));
        assert_eq!(h.label, "6 tháng đầu năm 2026");
        let n = p("2026-9M", Mode::Cutoff);
        assert_eq!((n.start, n.end), (d(2025, 12, 15), d(2026, 9, 14)));
        assert_eq!(n.label, "9 tháng năm 2026");
        let y = p("2026", Mode::Cutoff);
        assert_eq!((y.start, y.end), (d(2025, 12, 15), d(2026, 12, 14)));
        assert_eq!(y.label, "Năm 2026");
        let jan = p("2026-01", Mode::Cutoff);
        assert_eq!((jan.start, jan.end), (d(2025, 12, 15), d(2026, 1, 14)));
    }

    #[test]
    fn calendar_bounds() {
        let m = p("2026-02", Mode::Calendar);
        assert_eq!((m.start, m.end), (d(2026, 2, 1), d(2026, 2, 28)));
        let q = p("2026-Q4", Mode::Calendar);
        assert_eq!((q.start, q.end), (d(2026, 10, 1), d(2026, 12, 31)));
        let y = p("2026", Mode::Calendar);
        assert_eq!((y.start, y.end), (d(2026, 1, 1), d(2026, 12, 31)));
    }

    #[test]
    fn relative_periods() {
        // SPEC §2: on 2026-06-15 in cut-off mode, previous-month is 15/5–14/6, "Tháng 6/2026".
        let m = p("previous-month", Mode::Cutoff);
        assert_eq!((m.start, m.end), (d(2026, 5, 15), d(2026, 6, 14)));
        assert_eq!(m.label, "Tháng 6/2026");
        let m = Period::parse("previous-month", Mode::Cutoff, d(2026, 6, 14)).unwrap();
        assert_eq!(m.label, "Tháng 5/2026");
        let m = p("previous-month", Mode::Calendar);
        assert_eq!((m.start, m.end), (d(2026, 5, 1), d(2026, 5, 31)));
        let q = p("previous-quarter", Mode::Cutoff);
        assert_eq!(q.label, "Quý II/2026");
        let q = Period::parse("previous-quarter", Mode::Calendar, d(2026, 1, 5)).unwrap();
        assert_eq!(q.label, "Quý IV/2025");
    }

    #[test]
    fn previous_and_last_year() {
        let m = p("2026-01", Mode::Cutoff);
        assert_eq!(m.previous().label, "Tháng 12/2025");
        assert_eq!(m.same_period_last_year().label, "Tháng 1/2025");
        let q = p("2026-Q1", Mode::Cutoff);
        assert_eq!(q.previous().label, "Quý IV/2025");
        let h = p("2026-H1", Mode::Cutoff);
        assert_eq!(h.previous().label, "6 tháng cuối năm 2025");
        let n = p("2026-9M", Mode::Cutoff);
        assert_eq!(n.previous().label, "9 tháng năm 2025");
        let r = p("2026-04-15..2026-05-14", Mode::Cutoff);
        assert_eq!(r.label, "Từ 15/04/2026 đến 14/05/2026");
        let prev = r.previous();
        assert_eq!((prev.start, prev.end), (d(2026, 3, 16), d(2026, 4, 14)));
        let ly = r.same_period_last_year();
        assert_eq!((ly.start, ly.end), (d(2025, 4, 15), d(2025, 5, 14)));
    }

    #[test]
    fn bad_periods_are_usage_errors() {
        for s in [
            "2026-13",
            "2026-Q5",
            "26-05",
            "May 2026",
            "2026-05-14..2026-04-15",
            "",
        ] {
            assert!(
                Period::parse(s, Mode::Cutoff, d(2026, 6, 15)).is_err(),
                "{s}"
            );
        }
    }
}
