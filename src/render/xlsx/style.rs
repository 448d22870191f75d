//! Cell formats, column-width and row-height estimates for Vietnamese text, and a small sheet
//! wrapper whose writers never turn text into a formula: every string goes through
//! `write_string` (a value starting with `=`, `+`, `-` or `@` stays text), every number through
//! `write_number`, every date through `write_datetime`.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Table, TableColumn, TableStyle,
    Worksheet, XlsxError,
};
use unicode_normalization::UnicodeNormalization;

pub type XResult<T> = std::result::Result<T, XlsxError>;

/// Header fill (light blue) and total-row fill (light grey).
const HEADER_FILL: u32 = 0xDDEBF7;
const TOTAL_FILL: u32 = 0xF2F2F2;
const NOTICE_RED: u32 = 0xC00000;

/// Height in points of one line of Calibri 11 (Excel's default row height).
pub const LINE_PT: f64 = 15.0;
/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_000;

/// Excel's paper code for A4.
pub const PAPER_A4: u8 = 9;

/// The number format that shows 1 as yes and 0 as no ("Có"/"Không"), words from `words.rs`.
/// A double quote would end Excel's quoted text, so it is dropped from the words.
fn yes_no_format() -> String {
    let l = &super::words::w().labels;
    let (yes, no) = (l.yes.replace('"', ""), l.no.replace('"', ""));
    format!("\"{yes}\";\"{yes}\";\"{no}\"")
}

/// The formats of the workbook, created once.
pub struct Styles {
    pub parent: Format,
    pub agency: Format,
    pub title: Format,
    pub subtitle: Format,
    pub span: Format,
    pub made_on: Format,
    pub section: Format,
    pub note: Format,
    pub notice: Format,
    pub header: Format,
    pub text: Format,
    pub text_wrap: Format,
    pub text_indent: Format,
    pub text_center: Format,
    pub text_total: Format,
    pub hash: Format,
    pub int: Format,
    /// Whole numbers without a thousands separator: STT, row numbers.
    pub plain: Format,
    pub int_total: Format,
    pub pct: Format,
    pub pct_total: Format,
    pub days: Format,
    pub days_total: Format,
    pub date: Format,
    pub signed_int: Format,
    pub signed_pct: Format,
    pub points: Format,
    pub points_total: Format,
    pub number: Format,
    pub yes_no: Format,
}

impl Styles {
    pub fn new() -> Styles {
        let cell = || {
            Format::new()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
        };
        let total = |f: Format| f.set_bold().set_background_color(Color::RGB(TOTAL_FILL));
        let int = cell().set_num_format("#,##0");
        let pct = cell().set_num_format("0.0%");
        let days = cell().set_num_format("0.0");
        let points = cell().set_num_format("0.##");
        Styles {
            parent: Format::new(),
            agency: Format::new().set_bold(),
            title: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            subtitle: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            span: Format::new()
                .set_italic()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            made_on: Format::new()
                .set_italic()
                .set_font_size(10)
                .set_align(FormatAlign::Center),
            section: Format::new().set_bold().set_font_size(12),
            note: Format::new()
                .set_italic()
                .set_font_size(10)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            notice: Format::new()
                .set_bold()
                .set_italic()
                .set_font_color(Color::RGB(NOTICE_RED))
                .set_text_wrap(),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(HEADER_FILL)),
            text: cell(),
            text_wrap: cell().set_text_wrap(),
            text_indent: cell().set_indent(2),
            text_center: cell().set_align(FormatAlign::Center),
            text_total: total(cell()),
            hash: cell().set_font_name("Consolas").set_font_size(9),
            int_total: total(int.clone()),
            plain: cell().set_num_format("0"),
            int,
            pct_total: total(pct.clone()),
            pct,
            days_total: total(days.clone()),
            days,
            date: cell()
                .set_num_format("dd/mm/yyyy")
                .set_align(FormatAlign::Center),
            signed_int: cell().set_num_format("+#,##0;-#,##0;0"),
            signed_pct: cell().set_num_format("+0.0%;-0.0%;0.0%"),
            points_total: total(points.clone()),
            points,
            number: cell().set_num_format("#,##0.###"),
            yes_no: cell()
                .set_num_format(yes_no_format())
                .set_align(FormatAlign::Center),
        }
    }
}

/// Advance widths of ASCII ' '..='~' in Calibri 11, in Excel column units (the width of "0"
/// is 7 px), measured on Carlito, which is metric-compatible with Calibri.
const ASCII_UNITS: [f64; 95] = [
    0.47, 0.68, 0.84, 1.04, 1.06, 1.50, 1.43, 0.46, 0.64, 0.64, 1.04, 1.04, 0.52, 0.64, 0.53, 0.81,
    1.06, 1.06, 1.06, 1.06, 1.06, 1.06, 1.06, 1.06, 1.06, 1.06, 0.56, 0.56, 1.04, 1.04, 1.04, 0.97,
    1.87, 1.21, 1.14, 1.12, 1.29, 1.02, 0.96, 1.32, 1.31, 0.53, 0.67, 1.09, 0.88, 1.79, 1.35, 1.39,
    1.08, 1.41, 1.14, 0.96, 1.02, 1.34, 1.19, 1.86, 1.09, 1.02, 0.98, 0.64, 0.81, 0.64, 1.04, 1.04,
    0.61, 1.00, 1.10, 0.89, 1.10, 1.04, 0.64, 0.99, 1.10, 0.48, 0.50, 0.95, 0.48, 1.67, 1.10, 1.10,
    1.10, 1.10, 0.73, 0.82, 0.70, 1.10, 0.95, 1.50, 0.91, 0.95, 0.83, 0.66, 0.96, 0.66, 1.04,
];

fn char_units(c: char) -> f64 {
    if (' '..='~').contains(&c) {
        return ASCII_UNITS[c as usize - 0x20];
    }
    match c {
        'đ' => 1.16,
        'Đ' => 1.31,
        '—' | '→' => 1.90,
        '…' => 1.45,
        '“' | '”' => 0.88,
        '‘' | '’' | '·' => 0.52,
        _ => {
            // A Vietnamese letter: its base letter, plus the horn of ơ / ư. Tone and vowel marks
            // do not change the advance.
            let mut base = None;
            let mut horn = false;
            unicode_normalization::char::decompose_canonical(c, |d| {
                if d == '\u{31B}' {
                    horn = true;
                } else if base.is_none() {
                    base = Some(d);
                }
            });
            match base {
                Some(b) if b != c && (' '..='~').contains(&b) => {
                    ASCII_UNITS[b as usize - 0x20] + if horn { 0.14 } else { 0.0 }
                }
                _ => 1.05,
            }
        }
    }
}

/// Width of a text in Excel column units, for Calibri 11 (the workbook's font): each character's
/// advance from the table above; `bold` adds the few percent bold faces take.
pub fn text_units(s: &str, bold: bool) -> f64 {
    let w: f64 = s.chars().map(char_units).sum();
    if bold { w * 1.03 } else { w }
}

/// The column width that shows `s` on one line.
pub fn fit_width(s: &str, bold: bool) -> f64 {
    text_units(s, bold) + 1.2
}

/// Lines a text takes when wrapped in a column of `width` units (greedy word wrap).
pub fn wrap_lines(s: &str, width: f64, bold: bool) -> u32 {
    // The text area of a column set to `width` is about `width` units (Excel adds the padding).
    let avail = (width - 0.3).max(1.0);
    if !s.contains('\n') && text_units(s, bold) <= avail {
        return 1;
    }
    let mut lines = 0;
    for para in s.split('\n') {
        let mut line = 0.0;
        let mut n = 1;
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let w = text_units(word, bold);
            let needed = if line == 0.0 {
                w
            } else {
                line + text_units(" ", bold) + w
            };
            if needed <= avail || line == 0.0 {
                line = needed;
                // A word longer than the column is broken by characters.
                while line > avail {
                    n += 1;
                    line -= avail;
                }
            } else {
                n += 1;
                line = w;
                while line > avail {
                    n += 1;
                    line -= avail;
                }
            }
        }
        lines += n;
    }
    lines.max(1)
}

/// NFC, and cut to what a cell can hold.
fn cell_text(s: &str) -> String {
    let t: String = if s.is_ascii()
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        s.to_string()
    } else {
        s.nfc().collect()
    };
    if t.len() > MAX_CELL_CHARS && t.chars().count() > MAX_CELL_CHARS {
        let mut cut: String = t.chars().take(MAX_CELL_CHARS - 1).collect();
        cut.push('…');
        cut
    } else {
        t
    }
}

pub fn excel_date(d: NaiveDate) -> XResult<ExcelDateTime> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// A worksheet being written, with the column widths it was given and the height each row
/// needs for its wrapped text (applied by `finish`).
pub struct Sheet {
    pub ws: Worksheet,
    widths: BTreeMap<u16, f64>,
    heights: BTreeMap<u32, f64>,
}

/// Excel's default column width.
const DEFAULT_WIDTH: f64 = 8.43;

impl Sheet {
    pub fn new(name: &str) -> XResult<Sheet> {
        let mut ws = Worksheet::new();
        ws.set_name(name)?;
        Ok(Sheet {
            ws,
            widths: BTreeMap::new(),
            heights: BTreeMap::new(),
        })
    }

    pub fn width(&mut self, col: u16, w: f64) -> XResult<()> {
        let w = (w * 10.0).round() / 10.0;
        self.ws.set_column_width(col, w)?;
        self.widths.insert(col, w);
        Ok(())
    }

    pub fn col_width(&self, col: u16) -> f64 {
        self.widths.get(&col).copied().unwrap_or(DEFAULT_WIDTH)
    }

    /// The width of columns `c1..=c2` in units.
    pub fn span_width(&self, c1: u16, c2: u16) -> f64 {
        (c1..=c2).map(|c| self.col_width(c)).sum()
    }

    /// The width of columns `c1..=c2` in pixels (for chart sizes).
    pub fn span_pixels(&self, c1: u16, c2: u16) -> u32 {
        (c1..=c2)
            .map(|c| (self.col_width(c) * 7.0 + 5.0).round() as u32)
            .sum()
    }

    /// Asks for at least `points` of height on a row.
    pub fn need_height(&mut self, row: u32, points: f64) {
        let h = self.heights.entry(row).or_insert(LINE_PT);
        if points > *h {
            *h = points;
        }
    }

    fn need_lines(&mut self, row: u32, s: &str, width: f64, bold: bool, line_pt: f64) {
        let lines = wrap_lines(s, width, bold);
        self.need_height(
            row,
            lines as f64 * line_pt + if lines > 1 { 2.0 } else { 0.0 },
        );
    }

    /// A text cell (never a formula).
    pub fn text(&mut self, row: u32, col: u16, s: &str, f: &Format) -> XResult<()> {
        self.ws
            .write_string_with_format(row, col, cell_text(s), f)?;
        Ok(())
    }

    /// A text cell in a wrapping format: the row grows to show every line.
    pub fn text_wrapped(
        &mut self,
        row: u32,
        col: u16,
        s: &str,
        f: &Format,
        bold: bool,
    ) -> XResult<()> {
        let s = cell_text(s);
        let w = self.col_width(col);
        self.need_lines(row, &s, w, bold, LINE_PT);
        self.ws.write_string_with_format(row, col, s, f)?;
        Ok(())
    }

    /// A merged range of text; the rows grow for a wrapping text (`line_pt` per line).
    pub fn merged(
        &mut self,
        (r1, c1): (u32, u16),
        (r2, c2): (u32, u16),
        s: &str,
        f: &Format,
        wrap: Option<(bool, f64)>,
    ) -> XResult<()> {
        let s = cell_text(s);
        if let Some((bold, line_pt)) = wrap {
            let w = self.span_width(c1, c2);
            let lines = wrap_lines(&s, w, bold) as f64;
            // The height is spread over the merged rows.
            let rows = (r2 - r1 + 1) as f64;
            let per_row = (lines * line_pt + 2.0) / rows;
            for r in r1..=r2 {
                self.need_height(r, per_row.max(line_pt / rows.max(1.0)));
            }
        }
        if r1 == r2 && c1 == c2 {
            self.ws.write_string_with_format(r1, c1, s, f)?;
        } else {
            self.ws.merge_range(r1, c1, r2, c2, &s, f)?;
        }
        Ok(())
    }

    pub fn num(&mut self, row: u32, col: u16, v: f64, f: &Format) -> XResult<()> {
        if v.is_finite() {
            self.ws.write_number_with_format(row, col, v, f)?;
        } else {
            self.ws.write_blank(row, col, f)?;
        }
        Ok(())
    }

    /// A number, or a blank cell (with the cell's borders) when there is none.
    pub fn opt(&mut self, row: u32, col: u16, v: Option<f64>, f: &Format) -> XResult<()> {
        match v {
            Some(v) => self.num(row, col, v, f),
            None => {
                self.ws.write_blank(row, col, f)?;
                Ok(())
            }
        }
    }

    pub fn date(&mut self, row: u32, col: u16, d: NaiveDate, f: &Format) -> XResult<()> {
        self.ws
            .write_datetime_with_format(row, col, excel_date(d)?, f)?;
        Ok(())
    }

    pub fn opt_date(
        &mut self,
        row: u32,
        col: u16,
        d: Option<NaiveDate>,
        f: &Format,
    ) -> XResult<()> {
        match d {
            Some(d) => self.date(row, col, d, f),
            None => {
                self.ws.write_blank(row, col, f)?;
                Ok(())
            }
        }
    }

    /// A one-row header: text cells in the header format; the row grows for wrapped headers.
    pub fn header_row(
        &mut self,
        row: u32,
        first_col: u16,
        heads: &[&str],
        f: &Format,
    ) -> XResult<()> {
        for (i, h) in heads.iter().enumerate() {
            self.text_wrapped(row, first_col + i as u16, h, f, true)?;
        }
        Ok(())
    }

    /// Filter buttons on a table that is not the sheet's autofilter: an Excel table with no
    /// style (the cells keep their own formats) over the header row and the data rows.
    /// Nothing is added when the table has no data row (Excel needs one).
    pub fn filter_table(
        &mut self,
        name: &str,
        header_row: u32,
        first_col: u16,
        last_row: u32,
        heads: &[&str],
        header_format: &Format,
    ) -> XResult<()> {
        if last_row <= header_row || heads.is_empty() {
            return Ok(());
        }
        let columns: Vec<TableColumn> = heads
            .iter()
            .map(|h| {
                TableColumn::new()
                    .set_header(cell_text(h))
                    .set_header_format(header_format)
            })
            .collect();
        let table = Table::new()
            .set_name(name)
            .set_style(TableStyle::None)
            .set_banded_rows(false)
            .set_columns(&columns);
        self.ws.add_table(
            header_row,
            first_col,
            last_row,
            first_col + heads.len() as u16 - 1,
            &table,
        )?;
        Ok(())
    }

    /// A4, fitted to one page wide; `landscape` for wide sheets; `repeat` rows printed on every
    /// page; page numbers in the footer.
    pub fn print_setup(&mut self, landscape: bool, repeat: Option<(u32, u32)>) -> XResult<()> {
        self.ws.set_paper_size(PAPER_A4);
        if landscape {
            self.ws.set_landscape();
        } else {
            self.ws.set_portrait();
        }
        self.ws.set_print_fit_to_pages(1, 0);
        self.ws.set_print_center_horizontally(true);
        self.ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
        self.ws
            .set_footer(format!("&C{}", super::words::w().print.footer));
        if let Some((r1, r2)) = repeat {
            self.ws.set_repeat_rows(r1, r2)?;
        }
        Ok(())
    }

    /// One page wide by a print scale computed from the column widths instead of Excel's "fit
    /// to" option, which makes Excel ignore manual page breaks. A4, `landscape` or portrait.
    pub fn print_scaled_to_width(&mut self, last_col: u16, landscape: bool) -> XResult<()> {
        self.print_setup(landscape, None)?;
        // Printable width at 96 px per inch: A4 is 8.27 × 11.69 in, margins 0.5 in each side.
        let page_in = if landscape { 11.69 } else { 8.27 };
        let printable = (page_in - 1.0) * 96.0;
        // LibreOffice draws a column unit 7.43 px wide where Excel draws 7 (the "0" of Calibri 11
        // unrounded): the scale leaves room for the wider of the two.
        let sheet = self.span_pixels(0, last_col) as f64 * 1.07;
        let scale = ((printable / sheet * 100.0) * 0.98)
            .floor()
            .clamp(10.0, 100.0) as u16;
        // (A print scale switches "fit to" off.)
        self.ws.set_print_scale(scale);
        Ok(())
    }

    /// Applies the row heights and hands back the worksheet.
    pub fn finish(mut self) -> XResult<Worksheet> {
        for (row, h) in &self.heights {
            if *h > LINE_PT + 0.01 {
                self.ws.set_row_height(*row, (*h * 4.0).round() / 4.0)?;
            }
        }
        Ok(self.ws)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_wrap_counts_lines() {
        assert!(text_units("Tổng số phải xử lý", false) > text_units("Tổng số", false));
        assert!(text_units("ĐẤT ĐAI", false) > text_units("đất đai", false));
        // Measured on Carlito: 34.84 and 7.06 units.
        assert!((text_units("Phòng Quản lý Tài nguyên và Môi trường", false) - 34.84).abs() < 0.5);
        assert!((text_units("ĐẤT ĐAI", false) - 7.06).abs() < 0.2);
        assert!((text_units("ơ", false) - 1.21).abs() < 0.05);
        assert_eq!(wrap_lines("Tổng cộng", 20.0, false), 1);
        assert_eq!(wrap_lines("Kỳ trước chuyển sang", 14.0, true), 2);
        assert_eq!(wrap_lines("Kỳ trước chuyển sang", 30.0, true), 1);
        assert!(wrap_lines("a b c d e f g h i k l m n o p q r s t u v x y", 5.0, false) >= 4);
        assert_eq!(wrap_lines("", 5.0, false), 1);
        assert_eq!(wrap_lines("một\nhai", 50.0, false), 2);
    }

    #[test]
    fn text_is_nfc_and_bounded() {
        let nfd: String = "Hải Phòng".nfd().collect();
        assert_eq!(cell_text(&nfd), "Hải Phòng");
        assert_eq!(
            cell_text(&"x".repeat(40_000)).chars().count(),
            MAX_CELL_CHARS
        );
    }
}
