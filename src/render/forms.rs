//! The workbook of the Inspectorate's forms, `bieu-mau-tt01-2024-<period>.xlsx` (issue 9): one
//! sheet per form laid out as the official form — agency and form number, title, "Số liệu tính
//! từ ngày … đến ngày …", the merged multi-level header, the MS row of column numbers, the unit's
//! row, a "Ghi chú" column, the signature block — and a notes sheet listing the empty columns
//! (and which register field would fill them), the control sums with their result, the source
//! each layout follows, and the content groups. Every text comes from the layouts file.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook};

use crate::calendar::period::Period;
use crate::error::{Error, Result};
use crate::forms::layout::Workbook as Words;
use crate::forms::{CheckState, Empty, FilledForm, Layouts, Value};
use crate::render::agency::Agency;
use crate::render::xlsx::style::{LINE_PT, Sheet, XResult, excel_date};

/// Fill of a column the register cannot support.
const SHADE: u32 = 0xD9D9D9;
const HEADER_FILL: u32 = 0xDDEBF7;
const RED: u32 = 0xC00000;

/// What the forms workbook shows besides the forms.
pub struct FormsContext<'a> {
    pub period: &'a Period,
    pub as_of: NaiveDate,
    pub agency: &'a Agency,
    pub layouts: &'a Layouts,
    pub forms: &'a [FilledForm],
    /// Whether any input file has a "Số vụ việc" column.
    pub has_matter: bool,
}

/// The output file name for a period.
pub fn file_name(layouts: &Layouts, period: &Period) -> String {
    layouts.workbook.file.replace("{slug}", &period.slug)
}

pub fn render(ctx: &FormsContext) -> Result<Vec<u8>> {
    build(ctx).map_err(|e| {
        Error::Runtime(format!(
            "không tạo được bảng tính biểu mẫu (cannot build the forms workbook): {e}"
        ))
    })
}

struct Styles {
    parent: Format,
    agency: Format,
    form_no: Format,
    circular: Format,
    title: Format,
    span: Format,
    header: Format,
    number: Format,
    unit: Format,
    value: Format,
    shaded: Format,
    note: Format,
    sign: Format,
    sign_hint: Format,
    place: Format,
    section: Format,
    text: Format,
    bad: Format,
}

fn styles() -> Styles {
    let base = || {
        Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(12)
    };
    let cell = || {
        base()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
    };
    let center = |f: Format| f.set_align(FormatAlign::Center);
    Styles {
        parent: center(base()),
        agency: center(base().set_bold()),
        form_no: center(base().set_bold()),
        circular: center(base().set_italic().set_font_size(11)),
        title: center(base().set_bold().set_font_size(14)).set_text_wrap(),
        span: center(base().set_italic()),
        header: center(cell().set_bold().set_font_size(11))
            .set_text_wrap()
            .set_background_color(Color::RGB(HEADER_FILL)),
        number: center(cell().set_italic().set_font_size(11)).set_text_wrap(),
        unit: cell().set_bold().set_text_wrap(),
        value: cell().set_num_format("#,##0"),
        shaded: cell().set_background_color(Color::RGB(SHADE)),
        note: base().set_italic().set_font_size(11),
        sign: center(base().set_bold()),
        sign_hint: center(base().set_italic().set_font_size(11)),
        place: center(base().set_italic()),
        section: base().set_bold(),
        text: cell().set_text_wrap().set_align(FormatAlign::Top),
        bad: cell()
            .set_text_wrap()
            .set_bold()
            .set_font_color(Color::RGB(RED)),
    }
}

fn build(ctx: &FormsContext) -> XResult<Vec<u8>> {
    let st = styles();
    let mut wb = Workbook::new();
    let created = excel_date(ctx.as_of)?.and_hms(0, 0, 0)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(&ctx.layouts.workbook.title)
            .set_author(&ctx.agency.name)
            .set_company(&ctx.agency.name)
            .set_creation_datetime(&created),
    );
    for f in ctx.forms {
        wb.push_worksheet(form_sheet(ctx, &st, f)?);
    }
    wb.push_worksheet(notes_sheet(ctx, &st)?);
    wb.save_to_buffer()
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Header cells of a form: (first row, first col, last row, last col, text), rows counted from
/// the top of the header, columns from the first value column (0 = column 1 of the form).
pub(crate) fn header_cells(f: &FilledForm) -> Vec<(usize, usize, usize, usize, String)> {
    let cols = &f.form.columns;
    let depth = f.form.header_depth();
    let mut out = Vec::new();
    for level in 0..depth {
        let mut i = 0;
        while i < cols.len() {
            let h = &cols[i].header;
            if h.len() <= level {
                i += 1;
                continue;
            }
            let leaf = h.len() == level + 1;
            let mut j = i;
            if !leaf {
                // Neighbours under the same group path share one cell.
                while j + 1 < cols.len()
                    && cols[j + 1].header.len() > level + 1
                    && cols[j + 1].header[..=level] == h[..=level]
                {
                    j += 1;
                }
            }
            let last_row = if leaf { depth - 1 } else { level };
            out.push((level, i, last_row, j, h[level].clone()));
            i = j + 1;
        }
    }
    out
}

fn form_sheet(
    ctx: &FormsContext,
    st: &Styles,
    f: &FilledForm,
) -> XResult<rust_xlsxwriter::Worksheet> {
    let words = &ctx.layouts.workbook;
    let mut sh = Sheet::new(&f.form.sheet)?;
    let n = f.form.columns.len() as u16;
    let last = n + 1; // the Ghi chú column
    sh.width(0, 30.0)?;
    for c in 1..=n {
        sh.width(c, 9.5)?;
    }
    sh.width(last, 12.0)?;
    sh.ws.set_default_row_height(16.5);
    // Agency (left) and form number (right).
    let left_end = 2.min(n);
    let right_start = last.saturating_sub(4).max(left_end + 1);
    sh.merged((0, 0), (0, left_end), &ctx.agency.parent, &st.parent, None)?;
    sh.merged(
        (1, 0),
        (1, left_end),
        &ctx.agency.name,
        &st.agency,
        Some((true, 16.5)),
    )?;
    let form_no = words.form_label.replace("{code}", &f.form.code);
    sh.merged((0, right_start), (0, last), &form_no, &st.form_no, None)?;
    sh.merged(
        (1, right_start),
        (1, last),
        &words.circular,
        &st.circular,
        None,
    )?;
    // Title and data span.
    let title = match &f.form.subtitle {
        Some(s) => format!("{}\n{s}", f.form.title),
        None => f.form.title.clone(),
    };
    sh.merged((3, 0), (3, last), &title, &st.title, Some((true, 20.0)))?;
    let span = words
        .span
        .replace("{start}", &dmy(ctx.period.start))
        .replace("{end}", &dmy(ctx.period.end));
    sh.merged((4, 0), (4, last), &span, &st.span, None)?;

    // Header.
    let top = 6u32;
    let depth = f.form.header_depth() as u32;
    sh.merged(
        (top, 0),
        (top + depth - 1, 0),
        &words.unit_header,
        &st.header,
        Some((true, LINE_PT)),
    )?;
    sh.merged(
        (top, last),
        (top + depth - 1, last),
        &words.note_header,
        &st.header,
        Some((true, LINE_PT)),
    )?;
    for (r1, c1, r2, c2, text) in header_cells(f) {
        sh.merged(
            (top + r1 as u32, c1 as u16 + 1),
            (top + r2 as u32, c2 as u16 + 1),
            &text,
            &st.header,
            Some((true, LINE_PT)),
        )?;
    }
    // MS row: the column numbers.
    let ms = top + depth;
    sh.text(ms, 0, &words.number_row, &st.number)?;
    for c in &f.form.columns {
        sh.text_wrapped(ms, c.no as u16, &ms_label(c), &st.number, false)?;
    }
    sh.ws.write_blank(ms, last, &st.number)?;
    // The unit's row.
    let row = ms + 1;
    sh.text_wrapped(row, 0, &ctx.agency.name, &st.unit, true)?;
    for c in &f.form.columns {
        match f.value(c.no) {
            Value::Number(v) => sh.num(row, c.no as u16, *v as f64, &st.value)?,
            Value::Empty(_) => {
                sh.ws.write_blank(row, c.no as u16, &st.shaded)?;
            }
        }
    }
    sh.ws.write_blank(row, last, &st.value)?;
    sh.ws.set_freeze_panes(ms + 1, 1)?;
    // Note on shaded columns, place and date, signatures.
    sh.text(row + 2, 0, &words.shaded_note, &st.note)?;
    let sign_row = row + 4;
    let place = words
        .place_date
        .replace("{place}", &ctx.agency.place)
        .replace("{day}", &ctx.as_of.day().to_string())
        .replace("{month}", &ctx.as_of.month().to_string())
        .replace("{year}", &ctx.as_of.year().to_string());
    signature_block(
        &mut sh,
        sign_row,
        (left_end, right_start, last),
        &place,
        [
            &words.sign_left,
            &words.sign_hint,
            &words.sign_right,
            &words.sign_hint_right,
        ],
        (&st.place, &st.sign, &st.sign_hint),
    )?;
    sh.print_setup(true, Some((top, ms)))?;
    sh.finish()
}

/// The MS cell of a column: its number, followed by its control sums as the official forms
/// write them ("6 = 8+9+10 = 11+12+13 = 14+18"; it wraps at the spaces).
/// The place-and-date line and the two signature columns under a form (the unit's and the
/// consolidating body's forms workbooks alike): `texts` are the left signer, its hint, the right
/// signer and its hint; `formats` the place line, the signers and the hints.
pub(crate) fn signature_block(
    sh: &mut Sheet,
    sign_row: u32,
    (left_end, right_start, last): (u16, u16, u16),
    place: &str,
    texts: [&str; 4],
    formats: (&Format, &Format, &Format),
) -> XResult<()> {
    let (place_f, sign_f, hint_f) = formats;
    sh.merged(
        (sign_row, right_start),
        (sign_row, last),
        place,
        place_f,
        None,
    )?;
    sh.merged(
        (sign_row + 1, 0),
        (sign_row + 1, left_end),
        texts[0],
        sign_f,
        None,
    )?;
    sh.merged(
        (sign_row + 2, 0),
        (sign_row + 2, left_end),
        texts[1],
        hint_f,
        None,
    )?;
    sh.merged(
        (sign_row + 1, right_start),
        (sign_row + 1, last),
        texts[2],
        sign_f,
        None,
    )?;
    sh.merged(
        (sign_row + 2, right_start),
        (sign_row + 2, last),
        texts[3],
        hint_f,
        None,
    )
}

pub(crate) fn ms_label(c: &crate::forms::layout::Column) -> String {
    let mut s = c.no.to_string();
    let join = |v: &[u32]| v.iter().map(u32::to_string).collect::<Vec<_>>().join("+");
    if let crate::forms::Source::Sum(parts) = &c.source {
        s.push_str(" = ");
        s.push_str(&join(parts));
    }
    for e in &c.equals {
        s.push_str(" = ");
        s.push_str(&join(e));
    }
    s
}

fn field_name<'a>(words: &'a Words, field: &'a str) -> &'a str {
    words
        .field_names
        .get(field)
        .map(String::as_str)
        .unwrap_or(field)
}

fn join_numbers(v: &[u32], sep: &str) -> String {
    v.iter().map(u32::to_string).collect::<Vec<_>>().join(sep)
}

fn notes_sheet(ctx: &FormsContext, st: &Styles) -> XResult<rust_xlsxwriter::Worksheet> {
    let words = &ctx.layouts.workbook;
    let mut sh = Sheet::new(&words.notes_sheet)?;
    let widths = [12.0, 8.0, 48.0, 34.0, 60.0];
    for (i, w) in widths.iter().enumerate() {
        sh.width(i as u16, *w)?;
    }
    sh.merged((0, 0), (0, 4), &words.notes_title, &st.title, None)?;
    let span = words
        .span
        .replace("{start}", &dmy(ctx.period.start))
        .replace("{end}", &dmy(ctx.period.end));
    sh.merged((1, 0), (1, 4), &span, &st.span, None)?;
    let mut r = 3u32;
    let mut intro: Vec<&str> = words.notes_intro.iter().map(String::as_str).collect();
    if !ctx.has_matter {
        intro.push(&words.no_matter);
    }
    for line in intro {
        sh.merged(
            (r, 0),
            (r, 4),
            line,
            &st.note.clone().set_text_wrap(),
            Some((false, LINE_PT)),
        )?;
        r += 1;
    }

    // Empty columns.
    r += 1;
    sh.text(r, 0, &words.empty_title, &st.section)?;
    r += 1;
    for (i, h) in words.notes_headers.iter().enumerate().take(5) {
        sh.text_wrapped(r, i as u16, h, &st.header, true)?;
    }
    r += 1;
    for f in ctx.forms {
        for c in &f.form.columns {
            let Value::Empty(why) = f.value(c.no) else {
                continue;
            };
            let (reason, fill) = match why {
                Empty::Unsupported(text) => (words.unsupported_why.clone(), text.clone()),
                Empty::Missing(fields) => (
                    words.missing_field.clone(),
                    fields
                        .iter()
                        .map(|f| format!("\"{}\"", field_name(words, f)))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                Empty::OfEmptyParts(cols) => (
                    words
                        .part_empty
                        .replace("{columns}", &join_numbers(cols, ", ")),
                    String::new(),
                ),
            };
            sh.text(r, 0, &f.form.code, &st.text)?;
            sh.num(r, 1, c.no as f64, &st.value)?;
            sh.text_wrapped(r, 2, &c.header.join(" — "), &st.text, false)?;
            sh.text_wrapped(r, 3, &reason, &st.text, false)?;
            sh.text_wrapped(r, 4, &fill, &st.text, false)?;
            r += 1;
        }
    }

    // Control sums.
    r += 1;
    sh.text(r, 0, &words.checks_title, &st.section)?;
    r += 1;
    sh.text_wrapped(r, 0, &words.checks_headers[0], &st.header, true)?;
    sh.merged((r, 1), (r, 2), &words.checks_headers[1], &st.header, None)?;
    sh.merged((r, 3), (r, 4), &words.checks_headers[2], &st.header, None)?;
    r += 1;
    for f in ctx.forms {
        for c in &f.checks {
            let text = words
                .check_text
                .replace("{column}", &c.column.to_string())
                .replace("{parts}", &join_numbers(&c.parts, " + "));
            let (state, fmt) = match &c.state {
                CheckState::Holds => (words.check_holds.clone(), &st.text),
                CheckState::HoldsEmptyAsZero => (words.check_holds_empty_zero.clone(), &st.text),
                CheckState::NotCheckable => (words.check_not_checkable.clone(), &st.text),
                CheckState::Violated { left, right } => (
                    words
                        .check_violated
                        .replace("{left}", &left.to_string())
                        .replace("{right}", &right.to_string()),
                    &st.bad,
                ),
            };
            sh.text(r, 0, &f.form.code, &st.text)?;
            sh.merged((r, 1), (r, 2), &text, &st.text, None)?;
            sh.merged((r, 3), (r, 4), &state, fmt, None)?;
            r += 1;
        }
    }

    // Sources of the layouts.
    r += 1;
    sh.text(r, 0, &words.sources_title, &st.section)?;
    r += 1;
    for f in ctx.forms {
        sh.text(r, 0, &f.form.code, &st.text)?;
        sh.merged(
            (r, 1),
            (r, 4),
            &f.form.source,
            &st.text,
            Some((false, LINE_PT)),
        )?;
        r += 1;
    }

    // Content groups.
    r += 1;
    sh.text(r, 0, &words.content_title, &st.section)?;
    r += 1;
    sh.merged((r, 0), (r, 2), &words.content_headers[0], &st.header, None)?;
    sh.merged((r, 3), (r, 4), &words.content_headers[1], &st.header, None)?;
    r += 1;
    let content = &ctx.layouts.content;
    for (code, label) in &words.content_labels {
        let mut names: Vec<String> = content
            .groups
            .iter()
            .filter(|(c, _)| c == code)
            .flat_map(|(_, n)| n.iter().cloned())
            .collect();
        if *code == content.default {
            names.push(words.content_default.clone());
        }
        if *code == content.blank {
            names.push(words.content_blank.clone());
        }
        sh.merged((r, 0), (r, 2), label, &st.text, None)?;
        sh.merged(
            (r, 3),
            (r, 4),
            &names.join("; "),
            &st.text,
            Some((false, LINE_PT)),
        )?;
        r += 1;
    }
    sh.print_setup(false, None)?;
    sh.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn header_cells_merge_groups_and_drop_leaves_down() {
        let l = Layouts::load(&Config::default()).unwrap();
        let form = l.forms[0].clone();
        let values = vec![Value::Number(0); form.columns.len()];
        let f = FilledForm {
            checks: vec![],
            values,
            form,
        };
        let cells = header_cells(&f);
        // 01/XLD is three rows deep: "Số đơn đã xử lý" (column 4) spans all three rows.
        assert!(cells.contains(&(0, 3, 2, 3, "Số đơn đã xử lý".to_string())));
        // "Tổng số đơn phải xử lý" spans columns 1–3 on the first row only.
        assert!(cells.contains(&(0, 0, 0, 2, "Tổng số đơn phải xử lý".to_string())));
        // "Kỳ trước chuyển sang" (column 2) goes down from row 1 to the last header row.
        assert!(cells.contains(&(1, 1, 2, 1, "Kỳ trước chuyển sang".to_string())));
        // "Kết quả xử lý đơn" spans 14–21; "Đơn thuộc thẩm quyền" 14–17 on the second row.
        assert!(cells.contains(&(0, 13, 0, 20, "Kết quả xử lý đơn".to_string())));
        assert!(cells.contains(&(1, 13, 1, 16, "Đơn thuộc thẩm quyền".to_string())));
        // Every column has exactly one leaf cell ending on the last header row.
        let leaves = cells.iter().filter(|c| c.2 == 2 && c.1 == c.3).count();
        assert_eq!(leaves, f.form.columns.len());
    }
}
