//! `pakn-report calendar --year YYYY`: the year's days off, make-up days and working-day count.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::calendar::{WorkCalendar, YearSource, lunar};
use crate::cli::CalendarArgs;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::log::Log;

fn thu(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ Nhật",
    }
}

pub fn run(args: &CalendarArgs, log: &Log) -> Result<i32> {
    if !(1800..=2200).contains(&args.year) {
        return Err(Error::Usage(format!(
            "--year {}: năm phải trong khoảng 1800–2200",
            args.year
        )));
    }
    let (cfg, _) = Config::load(args.config.as_deref())?;
    let mut cal = WorkCalendar::new(&cfg)?;
    let (off, work, source) = cal.days_off(args.year);
    let mut out = String::new();
    match &source {
        YearSource::Official(s) => writeln!(out, "Năm {} — lịch nghỉ chính thức: {s}", args.year)
            .expect("writing to a String"),
        YearSource::Computed => {
            writeln!(out,
                "Năm {} — chưa có lịch nghỉ chính thức; tính theo Bộ luật Lao động 2019 Điều 111–112 và âm lịch",
                args.year
            ).expect("writing to a String");
            log.warn(&format!(
                "năm {} không có bảng lịch nghỉ chính thức (no official holiday table)",
                args.year
            ));
        }
    }
    writeln!(out, "\nNgày nghỉ (days off):").expect("writing to a String");
    for h in &off {
        let l = lunar::solar_to_lunar(h.date.year(), h.date.month(), h.date.day());
        let leap = if l.leap { " nhuận" } else { "" };
        let name = format!("{:<44}", h.name);
        writeln!(
            out,
            "  {}  {:<9} {name} âm lịch {}/{}{leap}",
            h.date.format("%d/%m/%Y"),
            thu(h.date),
            l.day,
            l.month,
        )
        .expect("writing to a String");
    }
    if let Some(m) = lunar::leap_month(args.year) {
        writeln!(
            out,
            "\nNăm âm lịch bắt đầu trong năm {} có tháng {m} nhuận.",
            args.year
        )
        .expect("writing to a String");
    }
    if !work.is_empty() {
        writeln!(out, "\nNgày làm bù (make-up working days):").expect("writing to a String");
        for d in &work {
            writeln!(out, "  {}  {}", d.format("%d/%m/%Y"), thu(*d)).expect("writing to a String");
        }
    }
    let first = NaiveDate::from_ymd_opt(args.year, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(args.year, 12, 31).unwrap();
    let working = cal.working_days_between(first.pred_opt().unwrap_or(first), last);
    let days = (last - first).num_days() + 1;
    writeln!(out, "\nSố ngày làm việc (working days): {working} / {days}")
        .expect("writing to a String");
    super::print_out(&out)?;
    Ok(0)
}
