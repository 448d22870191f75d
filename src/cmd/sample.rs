//! `pakn-report sample`: a synthetic register.

use crate::cli::{SampleArgs, Style};
use crate::error::{Error, Result};
use crate::log::Log;
use crate::sample::{SampleOptions, SampleStyle, write_sample};

pub fn run(args: &SampleArgs, log: &Log) -> Result<i32> {
    let from = match &args.from {
        Some(s) => super::parse_date_arg("--from", s)?,
        None => chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
    };
    let to = match &args.to {
        Some(s) => super::parse_date_arg("--to", s)?,
        None => chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
    };
    if to < from {
        return Err(Error::Usage(
            "--to trước --from (--to is before --from)".into(),
        ));
    }
    let style = match args.style {
        Style::Register => SampleStyle::Register,
        Style::Facebook => SampleStyle::FacebookInbox,
    };
    let id_prefix = args.id_prefix.clone().unwrap_or_else(|| match style {
        SampleStyle::Register => "BQL".into(),
        SampleStyle::FacebookInbox => "FB".into(),
    });
    let opts = SampleOptions {
        cases: args.cases,
        seed: args.seed,
        from,
        to,
        style,
        bad_rows: args.bad_rows,
        id_prefix,
        as_of: to,
    };
    let report = write_sample(&opts, &args.out)?;
    log.info(&format!(
        "Đã ghi {} dòng ({} vụ việc, {} dòng lỗi cố ý) vào {}",
        report.rows_written,
        report.cases,
        report.bad_rows,
        args.out.display()
    ));
    Ok(0)
}
