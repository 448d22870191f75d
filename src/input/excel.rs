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
        match self.cells.get(i) {
            None | Some(Data::Empty) => Cell::Empty,
            Some(Data::String(s)) => Cell::Text(s),
            Some(Data::Float(f)) => Cell::Number(*f),
            Some(Data::Int(n)) => Cell::Number(*n as f64),
            Some(Data::Bool(b)) => Cell::Bool(*b),
            Some(Data::DateTime(dt)) => {
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
            Some(Data::DateTimeIso(s)) | Some(Data::DurationIso(s)) => Cell::Text(s),
            Some(Data::Error(_)) => Cell::Text("#LỖI"),
        }
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

pub fn for_each_row(
    path: &Path,
    sheet: Option<&str>,
    visit: &mut dyn FnMut(u32, &dyn Row) -> Result<Flow>,
) -> Result<()> {
    let is_xls = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xls"));
    if !is_xls {
        check_zip(path)?;
    }
    // A damaged workbook can make the reader library panic: that is the file's fault, and is
    // reported as such.
    let damaged = || {
        Error::file(
            path,
            "bảng tính bị hỏng hoặc không đúng định dạng (workbook is damaged or not a workbook)",
        )
    };
    let opened = std::panic::catch_unwind(|| open_workbook_auto(path)).map_err(|_| damaged())?;
    let mut wb = opened.map_err(|e| {
        Error::file(
            path,
            format!("không đọc được bảng tính (cannot read workbook): {e}"),
        )
    })?;
    let names = wb.sheet_names();
    let name = match sheet {
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
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::file(path, "bảng tính không có trang nào (no sheets)"))?,
    };
    let range =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| wb.worksheet_range(&name)))
            .map_err(|_| damaged())?
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
