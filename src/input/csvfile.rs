//! CSV exports: UTF-8 with or without BOM; comma, semicolon or tab, detected from the first rows;
//! quoted fields with embedded newlines; ragged rows (title lines above the header).

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use super::{Cell, Flow, QuoteFault, Row, Shape};
use crate::error::{Error, Result};

/// How much of the file the delimiter detection looks at.
const SNIFF_BYTES: usize = 256 * 1024;
/// Rows whose every byte is checked to be UTF-8 (after them, only the cells that are read).
const UTF8_CHECK_ROWS: u32 = 200;
/// Rows looked at to find the header (SPEC §3.1).
pub const HEADER_SEARCH_ROWS: usize = 30;

/// A record as parsed: checked to be UTF-8 as a whole on the parsing thread, or not UTF-8.
enum Record {
    Text(csv::StringRecord),
    Bytes(csv::ByteRecord),
}

impl Default for Record {
    fn default() -> Self {
        Record::Bytes(csv::ByteRecord::new())
    }
}

enum RecRef<'a> {
    Bytes(&'a csv::ByteRecord),
    Text(&'a csv::StringRecord),
}

struct CsvRow<'a> {
    rec: RecRef<'a>,
    shape: Option<Shape>,
}

impl<'a> CsvRow<'a> {
    fn bytes(rec: &'a csv::ByteRecord) -> Self {
        CsvRow {
            rec: RecRef::Bytes(rec),
            shape: None,
        }
    }
}

impl Row for CsvRow<'_> {
    fn len(&self) -> usize {
        match &self.rec {
            RecRef::Bytes(r) => r.len(),
            RecRef::Text(r) => r.len(),
        }
    }
    fn cell(&self, i: usize) -> Cell<'_> {
        match &self.rec {
            RecRef::Text(r) => match r.get(i) {
                None | Some("") => Cell::Empty,
                Some(t) => Cell::Text(t),
            },
            RecRef::Bytes(r) => match r.get(i) {
                None => Cell::Empty,
                Some([]) => Cell::Empty,
                // The first rows of a file are checked whole (a legacy encoding is refused
                // there); later, a cell that is not UTF-8 reads as U+FFFD and fails its field's
                // check.
                Some(b) => Cell::Text(std::str::from_utf8(b).unwrap_or("\u{fffd}")),
            },
        }
    }
    fn shape(&self) -> Option<Shape> {
        self.shape
    }
}

/// Follows the quotes of the raw bytes as the CSV parser reads them, with the parser's own rules
/// (a quote opens a field only at its start; `""` inside a quoted field is a quote), and notes
/// the faults the parser passes over silently: text after a closing quote, and a quote still
/// open at the end of the file. Offsets are those of `csv::Position::byte`.
struct QuoteScan<R> {
    inner: R,
    delimiter: u8,
    state: QState,
    offset: u64,
    open_at: u64,
    faults: std::sync::Arc<std::sync::Mutex<Vec<(u64, QuoteFault)>>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum QState {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
    AfterQuote,
}

impl<R: Read> Read for QuoteScan<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut found = Vec::new();
        if n == 0 {
            if self.state == QState::Quoted {
                found.push((self.open_at, QuoteFault::Unterminated));
                self.state = QState::FieldStart;
            }
        } else {
            let d = self.delimiter;
            for (i, &b) in buf[..n].iter().enumerate() {
                self.state = match self.state {
                    QState::Quoted => {
                        if b == b'"' {
                            QState::QuoteInQuoted
                        } else {
                            QState::Quoted
                        }
                    }
                    QState::Unquoted => {
                        if b == d || b == b'\n' || b == b'\r' {
                            QState::FieldStart
                        } else {
                            QState::Unquoted
                        }
                    }
                    QState::FieldStart => {
                        if b == b'"' {
                            self.open_at = self.offset + i as u64;
                            QState::Quoted
                        } else if b == d || b == b'\n' || b == b'\r' {
                            QState::FieldStart
                        } else {
                            QState::Unquoted
                        }
                    }
                    QState::QuoteInQuoted => {
                        if b == b'"' {
                            QState::Quoted
                        } else if b == d || b == b'\n' || b == b'\r' {
                            QState::FieldStart
                        } else if b < 0x20 || b == b' ' || b == 0x7f {
                            QState::AfterQuote
                        } else {
                            found.push((self.offset + i as u64, QuoteFault::TextAfterQuote));
                            QState::Unquoted
                        }
                    }
                    // Spaces and control bytes after a closing quote are junk, not text.
                    QState::AfterQuote => {
                        if b == d || b == b'\n' || b == b'\r' {
                            QState::FieldStart
                        } else if b < 0x20 || b == b' ' || b == 0x7f {
                            QState::AfterQuote
                        } else {
                            found.push((self.offset + i as u64, QuoteFault::TextAfterQuote));
                            QState::Unquoted
                        }
                    }
                };
            }
            self.offset += n as u64;
        }
        if !found.is_empty() {
            self.faults
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend(found);
        }
        Ok(n)
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
                    score = score.max(header_score(&CsvRow::bytes(&rec)));
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
    let faults = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let scan = QuoteScan {
        inner: chained,
        delimiter,
        state: QState::FieldStart,
        offset: 0,
        open_at: 0,
        faults: faults.clone(),
    };
    let rdr = reader(scan, delimiter);
    // One core parses the file into batches of records while this one hands them on: the
    // visitor (normalising and validating) costs about as much as the parsing.
    let (full_tx, full_rx) = std::sync::mpsc::sync_channel::<Batch>(4);
    let (free_tx, free_rx) = std::sync::mpsc::channel::<Batch>();
    std::thread::scope(|scope| {
        scope.spawn(move || parse(rdr, crlf, delimiter, &faults, path, full_tx, free_rx));
        let result = hand_on(path, &full_rx, &free_tx, visit);
        // Stop the parser early when the visitor stopped: it sees the channel closed.
        drop(full_rx);
        result
    })
}

/// Records per batch handed from the parsing thread to the visiting one.
const BATCH_RECORDS: usize = 2048;

/// Records parsed in a row, with the empty lines before each one.
#[derive(Default)]
struct Batch {
    records: Vec<Record>,
    /// Records in use (the rest are kept for their buffers).
    len: usize,
    /// Empty lines before each record.
    empties: Vec<u64>,
    /// Where each record lay, and its quoting fault.
    shapes: Vec<Shape>,
    /// The file ends after this batch, with that many empty lines.
    end: Option<u64>,
    error: Option<Error>,
}

/// The parsing thread: reads records into batches (reusing the ones handed back) until the end
/// of the file, an error, or the visiting side hanging up.
fn parse<R: Read>(
    mut rdr: csv::Reader<R>,
    crlf: bool,
    delimiter: u8,
    faults: &std::sync::Mutex<Vec<(u64, QuoteFault)>>,
    path: &Path,
    full: std::sync::mpsc::SyncSender<Batch>,
    free: std::sync::mpsc::Receiver<Batch>,
) {
    // The csv crate passes over empty lines; a spreadsheet shows them as blank rows, so they are
    // handed on as blank rows to keep the accounting and the row numbers right. The reader's line
    // count includes them: the lines a record advanced, less the lines the record itself spans,
    // are the empty lines before it.
    let mut line_after_previous: u64 = 1;
    loop {
        let mut batch = free.try_recv().unwrap_or_default();
        batch.len = 0;
        batch.empties.clear();
        batch.shapes.clear();
        while batch.len < BATCH_RECORDS && batch.end.is_none() && batch.error.is_none() {
            if batch.records.len() == batch.len {
                batch.records.push(Record::default());
            }
            let mut rec = match std::mem::take(&mut batch.records[batch.len]) {
                Record::Text(r) => r.into_byte_record(),
                Record::Bytes(r) => r,
            };
            match rdr.read_byte_record(&mut rec) {
                Ok(false) => {
                    batch.records[batch.len] = Record::Bytes(rec);
                    // Empty lines at the end of the file.
                    let end = rdr.position().line().saturating_sub(crlf as u64);
                    batch.end = Some(end.saturating_sub(line_after_previous));
                }
                Ok(true) => {
                    let after = rdr.position().line();
                    let spans = 1 + rec.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
                    let (start, end) = (
                        rec.position().map(|p| p.byte()).unwrap_or(0),
                        rdr.position().byte(),
                    );
                    let first_line =
                        line_after_previous + (after - line_after_previous).saturating_sub(spans);
                    // A field left open at the end of the file holds the file's last line end.
                    let body = rec.as_slice();
                    let trailing = body.ends_with(b"\n") as u64;
                    let fault = {
                        let mut seen = faults.lock().unwrap_or_else(|e| e.into_inner());
                        let upto = seen.partition_point(|&(at, _)| at < end);
                        let fault = seen[..upto]
                            .iter()
                            .find(|&&(at, _)| at >= start)
                            .map(|&(_, f)| f);
                        seen.drain(..upto);
                        // An unterminated quote is found only once the file ended.
                        fault.or_else(|| {
                            seen.iter()
                                .find(|&&(at, f)| at >= start && f == QuoteFault::Unterminated)
                                .map(|&(_, f)| f)
                        })
                    };
                    batch.shapes.push(Shape {
                        first_line,
                        last_line: first_line + spans - 1 - trailing.min(spans - 1),
                        delimiter,
                        fault,
                    });
                    batch
                        .empties
                        .push((after - line_after_previous).saturating_sub(spans));
                    line_after_previous = after;
                    // The UTF-8 check of the whole record, here rather than per cell later.
                    batch.records[batch.len] = match csv::StringRecord::from_byte_record(rec) {
                        Ok(r) => Record::Text(r),
                        Err(e) => Record::Bytes(e.into_byte_record()),
                    };
                    batch.len += 1;
                }
                Err(e) => {
                    batch.records[batch.len] = Record::Bytes(rec);
                    let line = e.position().map(|p| p.line()).unwrap_or(0);
                    batch.error = Some(Error::file(
                        path,
                        format!(
                            "lỗi cú pháp CSV ở dòng {line} (CSV syntax error at line {line}): {e}"
                        ),
                    ));
                }
            }
        }
        let last = batch.end.is_some() || batch.error.is_some();
        if full.send(batch).is_err() || last {
            return;
        }
    }
}

/// The visiting side: numbers the rows and calls the visitor on each, in file order.
fn hand_on(
    path: &Path,
    full: &std::sync::mpsc::Receiver<Batch>,
    free: &std::sync::mpsc::Sender<Batch>,
    visit: &mut dyn FnMut(u32, &dyn Row) -> Result<Flow>,
) -> Result<()> {
    let blank = csv::ByteRecord::new();
    let blank_row = CsvRow::bytes(&blank);
    let mut row_no: u32 = 0;
    // The parser only ends without a last batch if it panicked.
    while let Ok(mut batch) = full.recv() {
        for ((rec, &empties), &shape) in batch.records[..batch.len]
            .iter()
            .zip(&batch.empties)
            .zip(&batch.shapes)
        {
            for _ in 0..empties {
                row_no = row_no.saturating_add(1);
                if visit(row_no, &blank_row)? == Flow::Stop {
                    return Ok(());
                }
            }
            row_no = row_no.saturating_add(1);
            let row = CsvRow {
                rec: match rec {
                    Record::Text(r) => RecRef::Text(r),
                    Record::Bytes(r) => RecRef::Bytes(r),
                },
                shape: Some(shape),
            };
            if let (true, Record::Bytes(rec)) = (row_no <= UTF8_CHECK_ROWS, rec) {
                let col = (0..rec.len())
                    .find(|&i| std::str::from_utf8(&rec[i]).is_err())
                    .map(|i| i + 1)
                    .unwrap_or(0);
                return Err(Error::file(
                    path,
                    format!(
                        "dòng {row_no}, cột {col}: văn bản không phải UTF-8 (có thể là Windows-1258, TCVN3 hoặc VNI) — hãy lưu lại dưới dạng CSV UTF-8 (row {row_no}, column {col}: text is not UTF-8; save the file as CSV UTF-8)"
                    ),
                ));
            }
            if visit(row_no, &row)? == Flow::Stop {
                return Ok(());
            }
        }
        if let Some(e) = batch.error.take() {
            return Err(e);
        }
        if let Some(empties) = batch.end {
            for _ in 0..empties {
                row_no = row_no.saturating_add(1);
                if visit(row_no, &blank_row)? == Flow::Stop {
                    return Ok(());
                }
            }
            return Ok(());
        }
        let _ = free.send(batch);
    }
    Err(Error::file(path, "lỗi đọc tệp (read error)"))
}
