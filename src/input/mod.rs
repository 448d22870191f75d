//! Stage 1 — input. Finds the export files, opens each one (CSV, XLSX, XLS) and hands its rows,
//! one at a time and without copying cell text, to the next stage. Nothing here interprets a
//! value: that is the normalise stage's work.

mod csvfile;
mod excel;
mod html;

use std::path::{Path, PathBuf};

use crate::config::InputConfig;
use crate::error::{Error, Result};

/// One cell as read from a file. Text is borrowed from the reader's buffer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    /// A date cell of a spreadsheet: (year, month, day, hour, minute, second).
    DateTime(i32, u32, u32, u32, u32, u32),
    Bool(bool),
    /// A spreadsheet formula saved without its computed value (the file was written by a
    /// program that does not calculate): the value is unknown, not blank.
    Uncalculated,
}

impl Cell<'_> {
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => crate::text::is_blank(t),
            _ => false,
        }
    }

    /// The cell as display text (numbers without a needless ".0").
    pub fn to_text(&self) -> String {
        match *self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", n as i64),
            Cell::Number(n) => format!("{n}"),
            Cell::DateTime(y, m, d, hh, mm, ss) => {
                if hh == 0 && mm == 0 && ss == 0 {
                    format!("{d:02}/{m:02}/{y:04}")
                } else {
                    format!("{d:02}/{m:02}/{y:04} {hh:02}:{mm:02}:{ss:02}")
                }
            }
            Cell::Bool(b) => b.to_string(),
            Cell::Uncalculated => String::new(),
        }
    }
}

/// A row of cells, whatever the file format.
pub trait Row {
    fn len(&self) -> usize;
    fn cell(&self, i: usize) -> Cell<'_>;
    /// How a CSV record lay in the file (None for spreadsheet rows).
    fn shape(&self) -> Option<Shape> {
        None
    }
}

/// Where a CSV record lay in the file, and what its quotes looked like (docs/INPUT.md, "Dấu
/// ngoặc kép"): the normalise stage judges the record's shape against the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// First and last physical line of the file the record covers (1-based).
    pub first_line: u64,
    pub last_line: u64,
    pub delimiter: u8,
    pub fault: Option<QuoteFault>,
}

/// A quoting fault seen in the raw bytes of a CSV record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteFault {
    /// A quote opened a field and the file ended before it was closed.
    Unterminated,
    /// Text follows the quote that closed a field (`"Đất đai,Nguyễn Văn A,"Khiếu…`).
    TextAfterQuote,
}

/// The judging of the rows after the header, which `for_each_body` runs on every core: `assess`
/// sees one row with its number and must not depend on the rows before it (what does is left to
/// the taker, which gets the verdicts in file order).
pub trait Body: Sync {
    /// The verdict on one row.
    type Out: Send;
    /// What one worker keeps between rows (memos).
    type Scratch: Send;
    fn scratch(&self, worker: usize) -> Self::Scratch;
    fn assess(&self, scratch: &mut Self::Scratch, row_no: u32, row: &dyn Row) -> Self::Out;
}

/// What the row visitor wants next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Stop,
}

/// The formats we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Excel,
}

pub fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "tsv" | "txt" => Some(Format::Csv),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Some(Format::Excel),
        _ => None,
    }
}

/// Expands the INPUT arguments: files as given, folders to the supported files inside them in
/// name order. Order is kept: it decides which duplicate is kept (SPEC §3.7).
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| {
            Error::file(
                input,
                format!("không mở được tệp hoặc thư mục (cannot open): {e}"),
            )
        })?;
        if meta.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(input)
                .map_err(|e| Error::file(input, format!("không đọc được thư mục: {e}")))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                // A folder means its .csv, .xlsx and .xls files (SPEC §2); other kinds are read
                // only when named one by one.
                .filter(|p| {
                    p.is_file()
                        && p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                            ["csv", "xlsx", "xls"].contains(&e.to_ascii_lowercase().as_str())
                        })
                })
                .filter(|p| {
                    // Office's lock files ("~$so.xlsx") are not exports.
                    !p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("~$") || n.starts_with('.'))
                })
                .collect();
            inside.sort();
            if inside.is_empty() {
                return Err(Error::file(
                    input,
                    "thư mục không có tệp .csv, .xlsx hoặc .xls nào (no export files in folder)",
                ));
            }
            files.extend(inside);
        } else {
            if format_of(input).is_none() {
                return Err(Error::file(
                    input,
                    "định dạng không hỗ trợ, cần .csv, .xlsx hoặc .xls (unsupported file type)",
                ));
            }
            files.push(input.clone());
        }
    }
    Ok(files)
}

/// Calls `visit(row_number, row)` for every row of the file's table, in order. Row numbers are
/// 1-based, as a spreadsheet shows them (for CSV: the record number).
/// `header_hint` tells the CSV reader which delimiter fits best (it scores the first rows).
pub fn for_each_row(
    path: &Path,
    cfg: &InputConfig,
    header_score: &dyn Fn(&dyn Row) -> usize,
    visit: &mut dyn FnMut(u32, &dyn Row) -> Result<Flow>,
) -> Result<()> {
    match format_of(path) {
        Some(Format::Csv) => match excel::sniff(path)? {
            excel::Content::Text => csvfile::for_each_row(path, header_score, visit),
            found => Err(excel::mismatch(path, found)),
        },
        Some(Format::Excel) => excel::for_each_row(path, cfg.sheet.as_deref(), visit),
        None => Err(Error::file(
            path,
            "định dạng không hỗ trợ (unsupported file type)",
        )),
    }
}

/// The rows after row `skip` (the header row) of a CSV file, judged by `body` on every core and
/// handed to `take` in file order (`csvfile::for_each_body`). None for other formats: their rows
/// are read with `for_each_row`.
pub fn for_each_body<B: Body>(
    path: &Path,
    header_score: &dyn Fn(&dyn Row) -> usize,
    skip: u32,
    body: &B,
    take: &mut dyn FnMut(u32, B::Out),
) -> Option<Result<()>> {
    match format_of(path) {
        Some(Format::Csv) => Some(csvfile::for_each_body(path, header_score, skip, body, take)),
        _ => None,
    }
}

/// SHA-256 of a file, hex.
pub fn sha256_file(path: &Path) -> Result<String> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let mut f = std::fs::File::open(path)
        .map_err(|e| Error::file(path, format!("không mở được tệp (cannot open): {e}")))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f
            .read(&mut buf)
            .map_err(|e| Error::file(path, format!("lỗi đọc tệp (read error): {e}")))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(format!("{:x}", h.finalize()))
}
