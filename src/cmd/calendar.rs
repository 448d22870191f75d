//! `pakn-report calendar --year YYYY`: the year's days off, make-up days and working-day count.

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
    match &source {
        YearSource::Official(s) => println!("Năm {} — lịch nghỉ chính thức: {s}", args.year),
        YearSource::Computed => {
            println!(
                "Năm {} — chưa có lịch nghỉ chính thức; tính theo Bộ luật Lao động 2019 Điều 111–112 và âm lịch",
                args.year
            );
            log.warn(&format!(
                "năm {} không có bảng lịch nghỉ chính thức (no official holiday table)",
                args.year
            ));
        }
    }
    println!("\nNgày nghỉ (days off):");
    for h in &off {
        let l = lunar::solar_to_lunar(h.date.year(), h.date.month(), h.date.day());
        let leap = if l.leap { " nhuận" } else { "" };
        let name = format!("{:<44}", h.name);
        println!(
            "  {}  {:<9} {name} âm lịch {}/{}{leap}",
            h.date.format("%d/%m/%Y"),
            thu(h.date),
            l.day,
            l.month,
        );
    }
    if let Some(m) = lunar::leap_month(args.year) {
        println!(
            "\nNăm âm lịch bắt đầu trong năm {} có tháng {m} nhuận.",
            args.year
        );
    }
    if !work.is_empty() {
        println!("\nNgày làm bù (make-up working days):");
        for d in &work {
            println!("  {}  {}", d.format("%d/%m/%Y"), thu(*d));
        }
    }
    let first = NaiveDate::from_ymd_opt(args.year, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(args.year, 12, 31).unwrap();
    let working = cal.working_days_between(first.pred_opt().unwrap_or(first), last);
    let days = (last - first).num_days() + 1;
    println!("\nSố ngày làm việc (working days): {working} / {days}");
    Ok(0)
}
