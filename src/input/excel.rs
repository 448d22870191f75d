//! XLSX / XLS exports through calamine: the first sheet, or `input.sheet`.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use super::{Cell, Flow, Row};
use crate::error::{Error, Result};

struct ExcelRow<'a> {
    cells: &'a [Data],
}

impl Row for ExcelRow<'_> {
    fn len(&self) -> usize {
        self.cells.len()
    }
    fn cell(&self, i: usize) -> Cell<'_> {
        self.cells.get(i).map_or(Cell::Empty, data_cell)
    }
}

/// A spreadsheet value as a cell.
fn data_cell(data: &Data) -> Cell<'_> {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => {
            if dt.is_duration() {
                return Cell::Number(dt.as_f64());
            }
            let (y, m, d, hh, mm, ss, milli) = dt.to_ymd_hms_milli();
            // Round to the nearest second, as Excel shows it.
            let (hh, mm, ss) = if milli >= 500 {
                let t = hh as u32 * 3600 + mm as u32 * 60 + ss as u32 + 1;
                if t >= 86_400 {
                    (23, 59, 59)
                } else {
                    (t / 3600, t / 60 % 60, t % 60)
                }
            } else {
                (hh as u32, mm as u32, ss as u32)
            };
            Cell::DateTime(y as i32, m as u32, d as u32, hh, mm, ss)
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s),
        Data::Error(_) => Cell::Text("#LỖI"),
    }
}

/// One row of a sheet read cell by cell: only the cells it holds, by column (None: a formula
/// saved without its value). Memory follows the cells, not the sheet's extent.
#[derive(Default)]
struct SparseRow {
    cells: Vec<(u32, Option<Data>)>,
}

impl Row for SparseRow {
    fn len(&self) -> usize {
        self.cells.last().map_or(0, |(c, _)| *c as usize + 1)
    }
    fn cell(&self, i: usize) -> Cell<'_> {
        match self.cells.binary_search_by_key(&(i as u32), |(c, _)| *c) {
            Ok(k) => match &self.cells[k].1 {
                Some(d) => data_cell(d),
                None => Cell::Uncalculated,
            },
            Err(_) => Cell::Empty,
        }
    }
}

/// Hands on the rows of a stream of cells (row by row, as a worksheet stores them): from the
/// first row holding a value to the last, the rows between as blank rows, as a spreadsheet
/// shows them.
struct Rows<'v> {
    visit: &'v mut dyn FnMut(u32, &dyn Row) -> Result<Flow>,
    row: SparseRow,
    /// 0-based row of `row`, once a cell was seen.
    at: Option<u32>,
    stopped: bool,
}

impl Rows<'_> {
    fn push(&mut self, path: &Path, r: u32, c: u32, value: Option<Data>) -> Result<()> {
        if self.stopped {
            return Ok(());
        }
        match self.at {
            Some(at) if at == r => {}
            Some(at) if r < at => {
                return Err(Error::file(
                    path,
                    format!(
                        "trang tính lưu dòng {} sau dòng {} (rows out of order): hãy mở bằng Excel và lưu lại",
                        r + 1,
                        at + 1
                    ),
                ));
            }
            Some(at) => {
                self.flush()?;
                let blank = SparseRow::default();
                for gap in at + 1..r {
                    if self.stopped {
                        break;
                    }
                    if (self.visit)(gap + 1, &blank)? == Flow::Stop {
                        self.stopped = true;
                    }
                }
                self.at = Some(r);
            }
            None => self.at = Some(r),
        }
        if !self.stopped {
            match self.row.cells.last() {
                Some((last, _)) if *last >= c => {
                    // A cell written twice, or out of order: keep the columns sorted.
                    let k = self.row.cells.partition_point(|(x, _)| *x < c);
                    if self.row.cells.get(k).is_some_and(|(x, _)| *x == c) {
                        self.row.cells[k].1 = value;
                    } else {
                        self.row.cells.insert(k, (c, value));
                    }
                }
                _ => self.row.cells.push((c, value)),
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if let (Some(at), false) = (self.at, self.stopped)
            && (self.visit)(at + 1, &self.row)? == Flow::Stop
        {
            self.stopped = true;
        }
        self.row.cells.clear();
        Ok(())
    }
}

/// Largest total uncompressed size of a workbook's parts, and largest expansion ratio for a big
/// part: a "zip bomb" posing as a workbook is refused before it is unpacked.
const MAX_UNPACKED: u64 = 2 << 30;
const MAX_RATIO: u64 = 200;

/// Checks the zip directory of an .xlsx/.xlsm/.xlsb/.ods file (not .xls, which is not a zip).
fn check_zip(path: &Path) -> Result<()> {
    let file = std::fs::File::open(path)
        .map_err(|e| Error::file(path, format!("không mở được tệp (cannot open): {e}")))?;
    let Ok(mut z) = zip::ZipArchive::new(file) else {
        return Ok(()); // not a zip: calamine says what it is
    };
    let mut total: u64 = 0;
    for i in 0..z.len() {
        let Ok(entry) = z.by_index_raw(i) else {
            continue;
        };
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(size);
        if total > MAX_UNPACKED || (size > 64 << 20 && size / packed > MAX_RATIO) {
            return Err(Error::file(
                path,
                format!(
                    "bảng tính giải nén ra quá lớn ({} MB, tỷ lệ nén {}:1) — không phải sổ theo dõi hợp lệ (workbook expands too much; refused)",
                    total >> 20,
                    size / packed
                ),
            ));
        }
    }
    Ok(())
}

/// What a file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// A zip archive: .xlsx, .xlsm, .xlsb or .ods.
    Zip,
    /// An OLE compound file: Excel 97–2003 .xls.
    Ole,
    /// An HTML page (the ".xls" of many systems' "Xuất Excel" button).
    Html,
    /// Excel 2003 XML (SpreadsheetML).
    SpreadsheetMl,
    /// Other XML.
    Xml,
    /// Plain text (CSV).
    Text,
    /// Other binary data.
    Binary,
}

impl Content {
    /// The format in words, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Content::Zip => "bảng tính Excel .xlsx (Office Open XML, ZIP)",
            Content::Ole => "bảng tính Excel 97–2003 .xls (OLE)",
            Content::Html => "trang HTML (bảng HTML)",
            Content::SpreadsheetMl => "bảng tính XML của Excel 2003 (SpreadsheetML)",
            Content::Xml => "tệp XML",
            Content::Text => "văn bản thuần (CSV/TXT)",
            Content::Binary => "dữ liệu nhị phân không rõ định dạng",
        }
    }
}

/// Looks at the first bytes of a file (magic numbers; for text, the first markup).
pub fn sniff(path: &Path) -> Result<Content> {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(path)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .map_err(|e| Error::file(path, format!("không mở được tệp (cannot open): {e}")))?;
    Ok(sniff_bytes(&head))
}

pub fn sniff_bytes(head: &[u8]) -> Content {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Content::Zip;
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Content::Ole;
    }
    // Text: UTF-16 (with its mark) is read through as ASCII by dropping the zero bytes.
    let text: Vec<u8> = if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        head[2..].iter().copied().filter(|&b| b != 0).collect()
    } else {
        head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head).to_vec()
    };
    let lower = String::from_utf8_lossy(&text).to_ascii_lowercase();
    let start = lower.trim_start();
    if start.starts_with('<') {
        if lower.contains("urn:schemas-microsoft-com:office:spreadsheet")
            || lower.contains("<ss:workbook")
            || (lower.contains("<?mso-application") && lower.contains("excel.sheet"))
        {
            return Content::SpreadsheetMl;
        }
        if lower.contains("<html")
            || lower.contains("<!doctype html")
            || lower.contains("<table")
            || lower.contains("<meta")
        {
            return Content::Html;
        }
        if start.starts_with("<?xml") {
            return Content::Xml;
        }
    }
    let utf16 = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
    // A few control bytes are junk inside a CSV (read, and cleaned from the values); many make
    // a binary file.
    let controls = head
        .iter()
        .filter(|&&b| b < 0x09 || (0x0E..0x20).contains(&b) && b != 0x1B)
        .count();
    if !utf16 && controls > head.len() / 32 {
        return Content::Binary;
    }
    Content::Text
}

/// The message for a file whose content is another format than its name says.
pub fn mismatch(path: &Path, found: Content) -> Error {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let advice = match found {
        Content::Zip => "đổi phần mở rộng thành .xlsx (rename it to .xlsx)",
        Content::Ole => "đổi phần mở rộng thành .xls (rename it to .xls)",
        Content::Html => "đổi phần mở rộng thành .xls, hoặc mở bằng Excel và lưu thành .xlsx",
        Content::SpreadsheetMl => {
            "mở bằng Excel và lưu thành .xlsx (open it in Excel and save as .xlsx)"
        }
        Content::Text => "đổi phần mở rộng thành .csv (rename it to .csv)",
        Content::Xml | Content::Binary => "đây không phải tệp xuất từ sổ theo dõi (not an export)",
    };
    let what = if super::format_of(path) == Some(super::Format::Csv) {
        "tệp CSV"
    } else {
        "bảng tính"
    };
    Error::file(
        path,
        format!(
            "không đọc được {what}: tệp có đuôi .{ext} nhưng nội dung là {} (the file's content is not what its name says) — {advice}",
            found.describe()
        ),
    )
}

/// The sheet to read: `want` (matched folded) or the first.
fn pick_sheet(path: &Path, names: &[String], want: Option<&str>) -> Result<String> {
    match want {
        Some(want) => names
            .iter()
            .find(|n| crate::text::fold(n) == crate::text::fold(want))
            .cloned()
            .ok_or_else(|| {
                Error::file(
                    path,
                    format!(
                        "không có trang tính '{want}' (no such sheet); các trang có: {}",
                        names.join(", ")
                    ),
                )
            }),
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::file(path, "bảng tính không có trang nào (no sheets)")),
    }
}

fn damaged(path: &Path) -> Error {
    Error::file(
        path,
        "bảng tính bị hỏng hoặc không đúng định dạng (workbook is damaged or not a workbook)",
    )
}

pub fn for_each_row(
    path: &Path,
    sheet: Option<&str>,
    visit: &mut dyn FnMut(u32, &dyn Row) -> Result<Flow>,
) -> Result<()> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let content = sniff(path)?;
    match (ext.as_str(), content) {
        ("xlsx" | "xlsm", Content::Zip) => {
            check_zip(path)?;
            xlsx_cells(path, sheet, visit)
        }
        ("xlsb" | "ods", Content::Zip) => {
            check_zip(path)?;
            dense(path, sheet, visit)
        }
        ("xls", Content::Ole) => dense(path, sheet, visit),
        ("xls", Content::Html) => super::html::for_each_row(path, visit),
        (_, Content::SpreadsheetMl) => Err(Error::file(
            path,
            "tệp là bảng tính XML của Excel 2003 (SpreadsheetML), không đọc được — hãy mở bằng Excel và lưu thành .xlsx (open it in Excel and save as .xlsx)",
        )),
        (_, found) => Err(mismatch(path, found)),
    }
}

/// An .xlsx/.xlsm sheet read cell by cell (no dense range: a stray cell at XFD1048576 costs one
/// cell, not the 17 billion between it and A1).
fn xlsx_cells(
    path: &Path,
    sheet: Option<&str>,
    visit: &mut dyn FnMut(u32, &dyn Row) -> Result<Flow>,
) -> Result<()> {
    use calamine::{Xlsx, open_workbook};
    let opened = std::panic::catch_unwind(|| {
        open_workbook::<Xlsx<std::io::BufReader<std::fs::File>>, _>(path)
    })
    .map_err(|_| damaged(path))?;
    let mut wb = opened.map_err(|e| {
        Error::file(
            path,
            format!("không đọc được bảng tính (cannot read workbook): {e}"),
        )
    })?;
    let name = pick_sheet(path, &wb.sheet_names(), sheet)?;
    let cannot = |e: &dyn std::fmt::Display| {
        Error::file(
            path,
            format!("không đọc được trang tính '{name}' (cannot read sheet): {e}"),
        )
    };
    let mut reader = wb.worksheet_cells_reader(&name).map_err(|e| cannot(&e))?;
    let mut rows = Rows {
        visit,
        row: SparseRow::default(),
        at: None,
        stopped: false,
    };
    loop {
        let next = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            reader.next_cell_with_formula()
        }))
        .map_err(|_| damaged(path))?
        .map_err(|e| cannot(&e))?;
        let Some(cell) = next else { break };
        let (r, c) = cell.pos;
        let value: Data = cell.value.into();
        let value = match (value, &cell.formula) {
            (Data::Empty, Some(f)) if !f.is_empty() => None,
            (Data::Empty, _) => continue,
            (v, _) => Some(v),
        };
        rows.push(path, r, c, value)?;
        if rows.stopped {
            break;
        }
    }
    rows.flush()
}

/// Other workbooks (.xls, .xlsb, .ods) through calamine's whole-sheet range (an .xls sheet is at
/// most 65536 × 256 cells; .xlsb and .ods exports are rare and keep the dense read).
fn dense(
    path: &Path,
    sheet: Option<&str>,
    visit: &mut dyn FnMut(u32, &dyn Row) -> Result<Flow>,
) -> Result<()> {
    // A damaged workbook can make the reader library panic: that is the file's fault, and is
    // reported as such.
    let opened =
        std::panic::catch_unwind(|| open_workbook_auto(path)).map_err(|_| damaged(path))?;
    let mut wb = opened.map_err(|e| {
        Error::file(
            path,
            format!("không đọc được bảng tính (cannot read workbook): {e}"),
        )
    })?;
    let name = pick_sheet(path, &wb.sheet_names(), sheet)?;
    let range =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| wb.worksheet_range(&name)))
            .map_err(|_| damaged(path))?
            .map_err(|e| {
                Error::file(
                    path,
                    format!("không đọc được trang tính '{name}' (cannot read sheet): {e}"),
                )
            })?;
    let first_row = range.start().map(|(r, _)| r).unwrap_or(0);
    for (i, cells) in range.rows().enumerate() {
        let row_no = first_row + i as u32 + 1;
        if visit(row_no, &ExcelRow { cells })? == Flow::Stop {
            break;
        }
    }
    Ok(())
}
