//! Synthetic case register for `pakn-report sample` (SPEC §2; input shapes of §3; privacy §8).
//!
//! Generates a realistic register of Ban Quản lý Khu kinh tế Hải Phòng — phản ánh, kiến nghị,
//! khiếu nại, tố cáo — in two styles:
//! - [`SampleStyle::Register`]: the Office's own export (title rows, STT column, total row);
//! - [`SampleStyle::FacebookInbox`]: the Facebook page's inbox export (BOM, `;`, other header
//!   spellings, NFD text, odd spacing and case, multi-line content).
//!
//! Every value is drawn from a small built-in PRNG (SplitMix64 seeding xoshiro256**) using only
//! integer and basic IEEE arithmetic, so a seed gives the same bytes on every platform and version.
//! Dates are handled as day numbers (days since 1970-01-01, `crate::calendar::day_number`) and
//! formatted by hand: no per-row allocation on the hot path.
//!
//! Personal data is obviously synthetic: names "Nguyễn Văn Mẫu 0123", phones in the unallocated
//! "0900 000 xxx" range, addresses "Số 12, đường Mẫu, KCN Thử nghiệm, Hải Phòng", e-mails at
//! `example.vn`.
//!
//! Model (the law's deadlines of SPEC §4.3 from the shipped rules, with Sat/Sun as the only rest
//! days; `deadlines`):
//! PAKN are mostly resolved within 10 working days; khiếu nại are accepted (thụ lý) within
//! 10 working days (7 from 01/7/2026) and resolved within 30/45 days of it; tố cáo are accepted
//! within 7 working days and resolved within 30/60/90 days. Two departments (Tài nguyên và Môi
//! trường, Quy hoạch và Xây dựng) are slow: more late cases, more stuck open cases, lower
//! satisfaction. Cases received in the three weeks before `as_of` are mostly still open. No event
//! date (receipt, assignment, thụ lý, reply, completion) is after `as_of` or before `from`; the
//! recorded deadline "Hạn xử lý" of a recent case can lie after `as_of`, as deadlines do.
//!
//! Files: `rng` (the PRNG), `dates` (day numbers, Tết and the season of the volume, times of
//! day), `vocab` (spellings and shares), `deadlines` (the deadline model), `forms` (the form
//! columns), `people` (senders), `case` (one generated row), `generator` (rows in receipt
//! order), `layout` (titles, headers, widths of each style), `text` (cell text), `csv_file` and
//! `xlsx_file` (the writers).

mod case;
mod csv_file;
mod dates;
mod deadlines;
mod forms;
mod generator;
mod layout;
mod people;
mod rng;
mod text;
mod vocab;
mod xlsx_file;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Result};
use generator::Generator;
use layout::XLSX_MAX_ROWS;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleStyle {
    /// The Office's own register export (title rows, STT, total row; comma CSV or xlsx).
    Register,
    /// The Facebook page's inbox export (UTF-8 BOM, `;`, NFD text, other header names).
    FacebookInbox,
}

#[derive(Debug, Clone)]
pub struct SampleOptions {
    pub cases: usize,
    pub seed: u64,
    /// Receipt dates fall in [from, to] (and never after `as_of`).
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub style: SampleStyle,
    /// Extra deliberately bad rows mixed in (blank id, 31/02, unknown kind, completion before
    /// receipt, closed without completion, duplicate id — in that rotation); 0 for the benchmark.
    pub bad_rows: usize,
    /// E.g. "BQL" -> ids like "BQL-2026-000123". Empty: "BQL" (Register) or "FB" (FacebookInbox).
    pub id_prefix: String,
    /// "Today" of the export: cases received near it are more often still open.
    pub as_of: NaiveDate,
}

#[derive(Debug, Clone, Default)]
pub struct SampleReport {
    /// Rows below the header row: cases + bad rows + blank rows + the total row (Register).
    /// This is what the report tool counts as "rows read" for the file (SPEC §3.6, §5).
    pub rows_written: usize,
    /// Well-formed cases written (bad rows excluded).
    pub cases: usize,
    /// Deliberately bad rows written.
    pub bad_rows: usize,
}

/// Writes the register to `out`; the format follows the extension (.csv or .xlsx).
///
/// The file is written under a temporary name next to `out` and renamed into place on success.
pub fn write_sample(opts: &SampleOptions, out: &Path) -> Result<SampleReport> {
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    let xlsx = match ext.as_str() {
        "csv" => false,
        "xlsx" => true,
        _ => {
            return Err(Error::Usage(format!(
                "{}: tệp mẫu phải có đuôi .csv hoặc .xlsx (the sample file must end in .csv or .xlsx)",
                out.display()
            )));
        }
    };
    let mut generator = Generator::new(opts)?;
    if xlsx {
        let rows = generator.rows_below_header() + generator.first_data_row() as usize;
        if rows > XLSX_MAX_ROWS {
            return Err(Error::Usage(format!(
                "{}: {rows} dòng vượt giới hạn {XLSX_MAX_ROWS} dòng của Excel, hãy dùng .csv \
                 ({rows} rows exceed Excel's {XLSX_MAX_ROWS}-row limit; use .csv)",
                out.display()
            )));
        }
    }
    let tmp = temp_path(out);
    let result = if xlsx {
        xlsx_file::write_xlsx(&mut generator, &tmp, out)
    } else {
        csv_file::write_csv(&mut generator, &tmp, out)
    };
    match result {
        Ok(()) => {
            std::fs::rename(&tmp, out).map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                Error::file(out, format!("không ghi được tệp (cannot write file): {e}"))
            })?;
            Ok(SampleReport {
                rows_written: generator.rows_written,
                cases: generator.cases_written,
                bad_rows: generator.bad_written,
            })
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// A temporary name next to `out`, renamed into place once the file is complete.
fn temp_path(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    out.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

/// What the tests of the writers and the generator share: options, a generated file, its rows.
#[cfg(test)]
mod test_support {
    use super::*;
    use crate::config::Config;
    use crate::normalize::vocab::Vocabulary;

    pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    pub fn opts(cases: usize, seed: u64, style: SampleStyle, bad_rows: usize) -> SampleOptions {
        SampleOptions {
            cases,
            seed,
            from: date(2025, 1, 1),
            to: date(2026, 5, 31),
            style,
            bad_rows,
            id_prefix: match style {
                SampleStyle::Register => "BQL".into(),
                SampleStyle::FacebookInbox => "FB".into(),
            },
            as_of: date(2026, 5, 20),
        }
    }

    pub fn generate(o: &SampleOptions, ext: &str) -> (Vec<u8>, SampleReport) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("register.{ext}"));
        let report = write_sample(o, &path).unwrap();
        (std::fs::read(&path).unwrap(), report)
    }

    /// Rows of a Register CSV below the header row, plus the header.
    pub fn register_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let all: Vec<Vec<String>> = rdr
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        let h = all.iter().position(|r| r[0] == "STT").expect("header row");
        (all[h].clone(), all[h + 1..].to_vec())
    }

    pub fn parse_day(s: &str) -> Option<NaiveDate> {
        let d = s.get(..10)?;
        NaiveDate::parse_from_str(d, "%d/%m/%Y").ok()
    }

    /// The shipped vocabulary the report reads the register with.
    pub fn vocabulary() -> Vocabulary {
        Vocabulary::new(&Config::default()).unwrap()
    }

    pub fn is_total_or_blank(r: &[String]) -> bool {
        r.iter().all(|f| f.is_empty()) || r[0] == "Tổng cộng"
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;

    #[test]
    fn bad_extension_and_empty_range_are_usage_errors() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_sample(
            &opts(10, 2, SampleStyle::Register, 0),
            &dir.path().join("x.txt"),
        );
        assert!(matches!(err, Err(Error::Usage(_))));
        let mut o = opts(10, 2, SampleStyle::Register, 0);
        o.from = date(2026, 6, 1);
        assert!(matches!(
            write_sample(&o, &dir.path().join("x.csv")),
            Err(Error::Usage(_))
        ));
        assert!(!dir.path().join("x.csv").exists());
    }
}
