//! CSV exports: UTF-8 with or without BOM; comma, semicolon or tab, detected from the first rows;
//! quoted fields with embedded newlines; ragged rows (title lines above the header).

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use super::{Cell, Flow, Row};
use crate::error::{Error, Result};

/// How much of the file the delimiter detection looks at.
const SNIFF_BYTES: usize = 256 * 1024;
/// Rows whose every byte is checked to be UTF-8 (after them, only the cells that are read).
const UTF8_CHECK_ROWS: u32 = 200;
/// Rows looked at to find the header (SPEC §3.1).
pub const HEADER_SEARCH_ROWS: usize = 30;

struct CsvRow<'a> {
    record: &'a csv::ByteRecord,
}

impl Row for CsvRow<'_> {
    fn len(&self) -> usize {
        self.record.len()
    }
    fn cell(&self, i: usize) -> Cell<'_> {
        match self.record.get(i) {
            None => Cell::Empty,
            Some(b) if b.is_empty() => Cell::Empty,
            // The first rows of a file are checked whole (a legacy encoding is refused there);
            // later, a cell that is not UTF-8 reads as U+FFFD and fails its field's check.
            Some(b) => Cell::Text(std::str::from_utf8(b).unwrap_or("\u{fffd}")),
        }
    }
}

fn reader<R: Read>(input: R, delimiter: u8) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .double_quote(true)
        .from_reader(input)
}

/// Picks the delimiter whose parse of the first rows gives the best header score; comma on a tie.
pub fn detect_delimiter(sample: &[u8], header_score: &dyn Fn(&dyn Row) -> usize) -> u8 {
    let mut best = (b',', 0usize, 0usize);
    for delim in [b',', b';', b'\t'] {
        let mut rdr = reader(sample, delim);
        let mut rec = csv::ByteRecord::new();
        let mut score = 0;
        let mut widest = 0;
        for _ in 0..HEADER_SEARCH_ROWS {
            match rdr.read_byte_record(&mut rec) {
                Ok(true) => {
                    if std::str::from_utf8(rec.as_slice()).is_err() {
                        break;
                    }
                    score = score.max(header_score(&CsvRow { record: &rec }));
                    widest = widest.max(rec.len());
                }
                _ => break,
            }
        }
        if (score, widest) > (best.1, best.2) && (score > 0 || widest > best.2) {
            best = (delim, score, widest);
        }
    }
    best.0
}

pub fn for_each_row(
    path: &Path,
    header_score: &dyn Fn(&dyn Row) -> usize,
    visit: &mut dyn FnMut(u32, &dyn Row) -> Result<Flow>,
) -> Result<()> {
    let open = || {
        File::open(path)
            .map_err(|e| Error::file(path, format!("không mở được tệp (cannot open): {e}")))
    };
    let mut buffered = BufReader::with_capacity(1 << 16, open()?);
    // Skip a UTF-8 byte-order mark.
    let head = buffered
        .fill_buf()
        .map_err(|e| Error::file(path, format!("lỗi đọc tệp (read error): {e}")))?;
    if head.starts_with(b"\xEF\xBB\xBF") {
        buffered.consume(3);
    } else if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Err(Error::file(
            path,
            "tệp mã hóa UTF-16; hãy lưu lại dưới dạng CSV UTF-8 (file is UTF-16; save it as CSV UTF-8)",
        ));
    }
    let mut sample = Vec::with_capacity(SNIFF_BYTES);
    (&mut buffered)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut sample)
        .map_err(|e| Error::file(path, format!("lỗi đọc tệp (read error): {e}")))?;
    let delimiter = detect_delimiter(&sample, header_score);
    // With CRLF line ends the reader counts the last record's "\n" only at the end of the file.
    let crlf = sample.windows(2).any(|w| w == b"\r\n");
    let chained = std::io::Cursor::new(sample).chain(buffered);
    let mut rdr = reader(chained, delimiter);
    let mut rec = csv::ByteRecord::new();
    let blank = csv::ByteRecord::new();
    let mut row_no: u32 = 0;
    // The csv crate passes over empty lines; a spreadsheet shows them as blank rows, so they are
    // handed on as blank rows to keep the accounting and the row numbers right. The reader's line
    // count includes them: the lines a record advanced, less the lines the record itself spans,
    // are the empty lines before it.
    let mut line_after_previous: u64 = 1;
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => {
                // Empty lines at the end of the file.
                let end = rdr.position().line().saturating_sub(crlf as u64);
                for _ in line_after_previous..end {
                    row_no = row_no.saturating_add(1);
                    if visit(row_no, &CsvRow { record: &blank })? == Flow::Stop {
                        return Ok(());
                    }
                }
                break;
            }
            Ok(true) => {
                let after = rdr.position().line();
                let spans = 1 + rec.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
                let empties = (after - line_after_previous).saturating_sub(spans);
                line_after_previous = after;
                for _ in 0..empties {
                    row_no = row_no.saturating_add(1);
                    if visit(row_no, &CsvRow { record: &blank })? == Flow::Stop {
                        return Ok(());
                    }
                }
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                return Err(Error::file(
                    path,
                    format!("lỗi cú pháp CSV ở dòng {line} (CSV syntax error at line {line}): {e}"),
                ));
            }
        }
        row_no = row_no.saturating_add(1);
        if row_no <= UTF8_CHECK_ROWS
            && let Err(e) = std::str::from_utf8(rec.as_slice())
        {
            let col = (0..rec.len())
                .find(|&i| std::str::from_utf8(&rec[i]).is_err())
                .map(|i| i + 1)
                .unwrap_or(0);
            let _ = e;
            return Err(Error::file(
                path,
                format!(
                    "dòng {row_no}, cột {col}: văn bản không phải UTF-8 (có thể là Windows-1258, TCVN3 hoặc VNI) — hãy lưu lại dưới dạng CSV UTF-8 (row {row_no}, column {col}: text is not UTF-8; save the file as CSV UTF-8)"
                ),
            ));
        }
        if visit(row_no, &CsvRow { record: &rec })? == Flow::Stop {
            break;
        }
    }
    Ok(())
}
