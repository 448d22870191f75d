//! CSV exports: UTF-8 with or without BOM; comma, semicolon or tab, detected from the first rows;
//! quoted fields with embedded newlines; ragged rows (title lines above the header).

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use super::{Body, Cell, Flow, QuoteFault, Row, Shape};
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
            let bytes = &buf[..n];
            let mut i = 0;
            while i < n {
                // Inside a field the state changes only at a quote (quoted) or at a delimiter or
                // line end (unquoted): jump there at once instead of stepping byte by byte.
                match self.state {
                    QState::Quoted => match memchr::memchr(b'"', &bytes[i..]) {
                        Some(k) => i += k,
                        None => break,
                    },
                    QState::Unquoted => match memchr::memchr3(d, b'\n', b'\r', &bytes[i..]) {
                        Some(k) => i += k,
                        None => break,
                    },
                    _ => {}
                }
                let b = bytes[i];
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
                i += 1;
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

type Source = QuoteScan<std::io::Chain<std::io::Cursor<Vec<u8>>, BufReader<File>>>;

/// A CSV file opened for reading: the byte-order mark skipped, the delimiter detected, the
/// quote scan in place.
struct Opened {
    rdr: csv::Reader<Source>,
    crlf: bool,
    delimiter: u8,
    faults: std::sync::Arc<std::sync::Mutex<Vec<(u64, QuoteFault)>>>,
}

fn open(path: &Path, header_score: &dyn Fn(&dyn Row) -> usize) -> Result<Opened> {
    let file = File::open(path)
        .map_err(|e| Error::file(path, format!("không mở được tệp (cannot open): {e}")))?;
    let mut buffered = BufReader::with_capacity(1 << 16, file);
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
    Ok(Opened {
        rdr: reader(scan, delimiter),
        crlf,
        delimiter,
        faults,
    })
}

pub fn for_each_row(
    path: &Path,
    header_score: &dyn Fn(&dyn Row) -> usize,
    visit: &mut dyn FnMut(u32, &dyn Row) -> Result<Flow>,
) -> Result<()> {
    let Opened {
        rdr,
        crlf,
        delimiter,
        faults,
    } = open(path, header_score)?;
    // One core parses the file into batches of records while this one hands them on.
    let (full_tx, full_rx) = std::sync::mpsc::sync_channel::<Batch>(4);
    let (free_tx, free_rx) = std::sync::mpsc::channel::<Batch>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let to = (full_tx, free_rx);
            parse(rdr, crlf, delimiter, &faults, path, to, BATCH_RECORDS)
        });
        let result = hand_on(path, &full_rx, &free_tx, visit);
        // Stop the parser early when the visitor stopped: it sees the channel closed.
        drop(full_rx);
        result
    })
}

/// A batch judged by a worker: each row's verdict with its number, in file order.
struct Judged<T> {
    seq: u64,
    rows: Vec<(u32, T)>,
    error: Option<Error>,
    last: bool,
}

/// The rows after row `skip` (the header row), judged by `body` on every core and handed to
/// `take` one by one in file order, with the same row numbers, shapes and checks as
/// `for_each_row`. One thread parses the file into batches; workers judge whole batches side by
/// side; this thread puts their verdicts back in order.
pub fn for_each_body<B: Body>(
    path: &Path,
    header_score: &dyn Fn(&dyn Row) -> usize,
    skip: u32,
    body: &B,
    take: &mut dyn FnMut(u32, B::Out),
) -> Result<()> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    body_with(path, header_score, skip, body, take, workers, BATCH_RECORDS)
}

/// `for_each_body` with a given number of workers and records per batch (tests use small
/// batches and more workers than cores, to have batches finish out of order).
fn body_with<B: Body>(
    path: &Path,
    header_score: &dyn Fn(&dyn Row) -> usize,
    skip: u32,
    body: &B,
    take: &mut dyn FnMut(u32, B::Out),
    workers: usize,
    batch_records: usize,
) -> Result<()> {
    let Opened {
        rdr,
        crlf,
        delimiter,
        faults,
    } = open(path, header_score)?;
    let (full_tx, full_rx) = std::sync::mpsc::sync_channel::<Batch>(2 * workers);
    let (free_tx, free_rx) = std::sync::mpsc::channel::<Batch>();
    let (done_tx, done_rx) = std::sync::mpsc::sync_channel::<Judged<B::Out>>(4 * workers);
    // The workers share the parser's channel; the one that finds this side gone drops it, so
    // that the parser stops too.
    let shared = std::sync::Mutex::new(Some(full_rx));
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let to = (full_tx, free_rx);
            parse(rdr, crlf, delimiter, &faults, path, to, batch_records)
        });
        for w in 0..workers {
            let (shared, free_tx, done_tx) = (&shared, free_tx.clone(), done_tx.clone());
            scope.spawn(move || {
                let mut scratch = body.scratch(w);
                loop {
                    let next = {
                        let guard = shared.lock().unwrap_or_else(|e| e.into_inner());
                        match guard.as_ref() {
                            Some(rx) => rx.recv().ok(),
                            None => None,
                        }
                    };
                    let Some(mut batch) = next else { return };
                    let judged = judge_batch(path, body, &mut scratch, &mut batch, skip);
                    let _ = free_tx.send(batch);
                    if done_tx.send(judged).is_err() {
                        shared.lock().unwrap_or_else(|e| e.into_inner()).take();
                        return;
                    }
                }
            });
        }
        drop((free_tx, done_tx));
        // Verdicts in file order: batches finished early wait here for the ones before them.
        let done_rx = done_rx;
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0u64;
        loop {
            // Every worker gone before the last batch: the parser or a worker failed.
            let judged = done_rx
                .recv()
                .map_err(|_| Error::file(path, "lỗi đọc tệp (read error)"))?;
            waiting.insert(judged.seq, judged);
            while let Some(judged) = waiting.remove(&next) {
                next += 1;
                for (row_no, out) in judged.rows {
                    take(row_no, out);
                }
                if let Some(e) = judged.error {
                    return Err(e);
                }
                if judged.last {
                    return Ok(());
                }
            }
        }
    })
}

/// One worker's judging of one batch: the rows after `skip`, numbered as `hand_on` numbers them.
fn judge_batch<B: Body>(
    path: &Path,
    body: &B,
    scratch: &mut B::Scratch,
    batch: &mut Batch,
    skip: u32,
) -> Judged<B::Out> {
    let blank = csv::ByteRecord::new();
    let blank_row = CsvRow::bytes(&blank);
    let mut rows = Vec::with_capacity(batch.len);
    let mut row_no = batch.first_row;
    let mut judged = |row_no: u32, row: &dyn Row, rows: &mut Vec<(u32, B::Out)>| {
        if row_no > skip {
            rows.push((row_no, body.assess(scratch, row_no, row)));
        }
    };
    for ((rec, &empties), &shape) in batch.records[..batch.len]
        .iter()
        .zip(&batch.empties)
        .zip(&batch.shapes)
    {
        for _ in 0..empties {
            row_no = row_no.saturating_add(1);
            judged(row_no, &blank_row, &mut rows);
        }
        row_no = row_no.saturating_add(1);
        if let (true, Record::Bytes(rec)) = (row_no <= UTF8_CHECK_ROWS, rec) {
            return Judged {
                seq: batch.seq,
                rows,
                error: Some(not_utf8(path, row_no, rec)),
                last: true,
            };
        }
        let row = CsvRow {
            rec: match rec {
                Record::Text(r) => RecRef::Text(r),
                Record::Bytes(r) => RecRef::Bytes(r),
            },
            shape: Some(shape),
        };
        judged(row_no, &row, &mut rows);
    }
    if let Some(e) = batch.error.take() {
        return Judged {
            seq: batch.seq,
            rows,
            error: Some(e),
            last: true,
        };
    }
    if let Some(empties) = batch.end {
        for _ in 0..empties {
            row_no = row_no.saturating_add(1);
            judged(row_no, &blank_row, &mut rows);
        }
    }
    Judged {
        seq: batch.seq,
        rows,
        error: None,
        last: batch.end.is_some(),
    }
}

/// The error for a record of the first rows that is not UTF-8.
fn not_utf8(path: &Path, row_no: u32, rec: &csv::ByteRecord) -> Error {
    let col = (0..rec.len())
        .find(|&i| std::str::from_utf8(&rec[i]).is_err())
        .map(|i| i + 1)
        .unwrap_or(0);
    Error::file(
        path,
        format!(
            "dòng {row_no}, cột {col}: văn bản không phải UTF-8 (có thể là Windows-1258, TCVN3 hoặc VNI) — hãy lưu lại dưới dạng CSV UTF-8 (row {row_no}, column {col}: text is not UTF-8; save the file as CSV UTF-8)"
        ),
    )
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
    /// The batch's place in the file, and the rows (records and empty lines) before it.
    seq: u64,
    first_row: u32,
}

/// The parsing thread: reads records into batches (reusing the ones handed back) until the end
/// of the file, an error, or the visiting side hanging up.
fn parse<R: Read>(
    mut rdr: csv::Reader<R>,
    crlf: bool,
    delimiter: u8,
    faults: &std::sync::Mutex<Vec<(u64, QuoteFault)>>,
    path: &Path,
    (full, free): (
        std::sync::mpsc::SyncSender<Batch>,
        std::sync::mpsc::Receiver<Batch>,
    ),
    batch_records: usize,
) {
    // The csv crate passes over empty lines; a spreadsheet shows them as blank rows, so they are
    // handed on as blank rows to keep the accounting and the row numbers right. The reader's line
    // count includes them: the lines a record advanced, less the lines the record itself spans,
    // are the empty lines before it.
    let mut line_after_previous: u64 = 1;
    let mut records: u64 = 0;
    let (mut seq, mut rows) = (0u64, 0u32);
    loop {
        let mut batch = free.try_recv().unwrap_or_default();
        batch.len = 0;
        batch.empties.clear();
        batch.shapes.clear();
        batch.seq = seq;
        batch.first_row = rows;
        while batch.len < batch_records && batch.end.is_none() && batch.error.is_none() {
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
                    // The first records are checked whole (a legacy encoding is refused there);
                    // after them only the cells that are read are checked, so the long personal
                    // columns are never decoded.
                    batch.records[batch.len] = if records < UTF8_CHECK_ROWS as u64 {
                        match csv::StringRecord::from_byte_record(rec) {
                            Ok(r) => Record::Text(r),
                            Err(e) => Record::Bytes(e.into_byte_record()),
                        }
                    } else {
                        Record::Bytes(rec)
                    };
                    records += 1;
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
        seq += 1;
        let added = batch.empties.iter().sum::<u64>() + batch.len as u64;
        rows = u32::try_from(u64::from(rows) + added).unwrap_or(u32::MAX);
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
                return Err(not_utf8(path, row_no, rec));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row as the visitor sees it: its number, cells and shape.
    fn describe(row_no: u32, row: &dyn Row) -> String {
        let cells: Vec<String> = (0..row.len()).map(|i| row.cell(i).to_text()).collect();
        format!("{row_no} {cells:?} {:?}", row.shape())
    }

    struct Record;
    impl Body for Record {
        type Out = String;
        type Scratch = usize;
        fn scratch(&self, worker: usize) -> usize {
            worker
        }
        fn assess(&self, _: &mut usize, row_no: u32, row: &dyn Row) -> String {
            describe(row_no, row)
        }
    }

    /// The body read on several workers in small batches hands on exactly the rows, numbers,
    /// cells and shapes that the one-thread reader visits, in the same order, and stops with the
    /// same error after the same rows.
    #[test]
    fn the_body_read_on_every_core_sees_what_the_one_thread_reader_sees() {
        let files: &[&[u8]] = &[
            b"a,b,c\n1,2,3\n4,5,6\n",
            b"title\n\na,b,c\n1,2,3\n\n\n4,5,6\n7,\"x\ny\",9\n\n",
            b"a,b,c\r\n1,2,3\r\n\r\n4,5,6\r\n7,8,9",
            b"a;b;c\n1;\"unterminated;3\n4;5;6\n",
            b"a,b,c\n1,\"x\"y,3\n4,5,6,7,8\n9\n\"q\"\"q\",2,3\n",
            b"\xEF\xBB\xBFa,b,c\n1,2,3\n4,\xff,6\n7,8,9\n",
            b"a,b,c\n",
            b"",
        ];
        let dir = tempfile::tempdir().unwrap();
        let none = |_: &dyn Row| 0usize;
        for (k, bytes) in files.iter().enumerate() {
            let path = dir.path().join(format!("f{k}.csv"));
            std::fs::write(&path, bytes).unwrap();
            for skip in [0u32, 1, 3] {
                let mut want = Vec::new();
                let want_end = for_each_row(&path, &none, &mut |row_no, row| {
                    if row_no > skip {
                        want.push(describe(row_no, row));
                    }
                    Ok(Flow::Continue)
                })
                .map_err(|e| e.to_string());
                for workers in [1, 3, 4] {
                    for batch in [1, 2, 3, 2048] {
                        let mut got = Vec::new();
                        let end = body_with(
                            &path,
                            &none,
                            skip,
                            &Record,
                            &mut |_, s| got.push(s),
                            workers,
                            batch,
                        )
                        .map_err(|e| e.to_string());
                        assert_eq!(
                            got, want,
                            "file {k}, skip {skip}, {workers} workers, batch {batch}"
                        );
                        assert_eq!(
                            end, want_end,
                            "file {k}, skip {skip}, {workers} workers, batch {batch}"
                        );
                    }
                }
            }
        }
    }
}
