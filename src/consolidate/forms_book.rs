//! The consolidated forms workbook, `bieu-mau-tt01-2024-tong-hop-<period>.xlsx` (SPEC §11): each
//! of the six TT 01/2024 forms laid out as `report` lays it out (title, merged header, the MS row
//! of column numbers, signatures — the same layouts file and header code), with the total row
//! first, then each group's subtotal row followed by its units' rows. The forms' control sums are
//! checked on every row, and the result is on the notes sheet.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook};

use crate::calendar::period::Period;
use crate::error::{Error, Result};
use crate::forms::{CheckState, Empty, FilledForm, Form, Layouts, Value, checks};
use crate::render::forms::{header_cells, ms_label};
use crate::render::xlsx::style::{LINE_PT, Sheet, XResult, excel_date};

use super::data::{Consolidation, FormsValues, Status};
use super::units::UnitsFile;
use super::words::Words;

pub struct FormsBookContext<'a> {
    pub c: &'a Consolidation,
    pub units: &'a UnitsFile,
    pub layouts: &'a Layouts,
    pub period: &'a Period,
    pub as_of: NaiveDate,
    pub words: &'a Words,
}

/// One row of a consolidated form.
pub struct FormRow<'a> {
    pub label: &'a str,
    pub level: Level,
    pub values: Option<Vec<Option<u64>>>,
    pub note: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Total,
    Group,
    Unit,
}

fn values_of(f: Option<&FormsValues>, code: &str) -> Option<Vec<Option<u64>>> {
    f.and_then(|f| f.iter().find(|(c, _)| c == code).map(|(_, v)| v.clone()))
}

/// The rows of one form, in order: total, then per group its subtotal and its units.
pub fn rows<'a>(ctx: &'a FormsBookContext, code: &str) -> Vec<FormRow<'a>> {
    let w = ctx.words;
    let mut out = vec![FormRow {
        label: &w.text.total_row,
        level: Level::Total,
        values: values_of(ctx.c.total_forms.as_ref(), code),
        note: "",
    }];
    for g in &ctx.c.groups {
        out.push(FormRow {
            label: &g.name,
            level: Level::Group,
            values: values_of(g.forms.as_ref(), code),
            note: "",
        });
        for u in &g.units {
            out.push(FormRow {
                label: &u.name,
                level: Level::Unit,
                values: values_of(u.forms.as_ref(), code),
                note: match u.status {
                    Status::Reported => "",
                    s => w.status(s),
                },
            });
        }
    }
    out
}

/// The control sums of a row's values.
pub fn row_checks(form: &Form, values: &[Option<u64>]) -> Vec<crate::forms::Check> {
    let vals: Vec<Value> = values
        .iter()
        .map(|v| match v {
            Some(n) => Value::Number(*n),
            None => Value::Empty(Empty::Missing(Vec::new())),
        })
        .collect();
    checks(form, &vals)
}

pub fn render(ctx: &FormsBookContext) -> Result<Vec<u8>> {
    build(ctx).map_err(|e| {
        Error::Runtime(format!(
            "không tạo được bảng tính biểu mẫu tổng hợp (cannot build the consolidated forms workbook): {e}"
        ))
    })
}

struct St {
    parent: Format,
    agency: Format,
    form_no: Format,
    circular: Format,
    title: Format,
    span: Format,
    header: Format,
    number: Format,
    total: Format,
    total_value: Format,
    group: Format,
    group_value: Format,
    unit: Format,
    value: Format,
    note: Format,
    sign: Format,
    sign_hint: Format,
    place: Format,
    section: Format,
    text: Format,
    bad: Format,
}

fn styles() -> St {
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
    let fill = |f: Format, c: u32| f.set_background_color(Color::RGB(c));
    St {
        parent: center(base()),
        agency: center(base().set_bold()),
        form_no: center(base().set_bold()),
        circular: center(base().set_italic().set_font_size(11)),
        title: center(base().set_bold().set_font_size(14)).set_text_wrap(),
        span: center(base().set_italic()),
        header: fill(
            center(cell().set_bold().set_font_size(11)).set_text_wrap(),
            0xDDEBF7,
        ),
        number: center(cell().set_italic().set_font_size(11)).set_text_wrap(),
        total: fill(cell().set_bold().set_text_wrap(), 0xFCE4D6),
        total_value: fill(cell().set_bold().set_num_format("#,##0"), 0xFCE4D6),
        group: fill(cell().set_bold().set_italic().set_text_wrap(), 0xF2F2F2),
        group_value: fill(cell().set_bold().set_num_format("#,##0"), 0xF2F2F2),
        unit: cell().set_text_wrap().set_indent(1),
        value: cell().set_num_format("#,##0"),
        note: base().set_italic().set_font_size(11),
        sign: center(base().set_bold()),
        sign_hint: center(base().set_italic().set_font_size(11)),
        place: center(base().set_italic()),
        section: base().set_bold(),
        text: cell().set_text_wrap().set_align(FormatAlign::Top),
        bad: cell()
            .set_text_wrap()
            .set_bold()
            .set_font_color(Color::RGB(0xC00000)),
    }
}

fn build(ctx: &FormsBookContext) -> XResult<Vec<u8>> {
    let st = styles();
    let mut wb = Workbook::new();
    let created = excel_date(ctx.as_of)?.and_hms(0, 0, 0)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(&ctx.layouts.workbook.title)
            .set_author(&ctx.units.body.name)
            .set_company(&ctx.units.body.name)
            .set_creation_datetime(&created),
    );
    for f in &ctx.layouts.forms {
        wb.push_worksheet(form_sheet(ctx, &st, f)?);
    }
    wb.push_worksheet(notes_sheet(ctx, &st)?);
    wb.save_to_buffer()
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn form_sheet(ctx: &FormsBookContext, st: &St, form: &Form) -> XResult<rust_xlsxwriter::Worksheet> {
    let words = &ctx.layouts.workbook;
    let mut sh = Sheet::new(&form.sheet)?;
    let n = form.columns.len() as u16;
    let last = n + 1;
    sh.width(0, 36.0)?;
    for c in 1..=n {
        sh.width(c, 9.5)?;
    }
    sh.width(last, 16.0)?;
    let left_end = 2.min(n);
    let right_start = last.saturating_sub(4).max(left_end + 1);
    let body = &ctx.units.body;
    sh.merged((0, 0), (0, left_end), &body.parent, &st.parent, None)?;
    sh.merged(
        (1, 0),
        (1, left_end),
        &body.name,
        &st.agency,
        Some((true, 16.5)),
    )?;
    let form_no = words.form_label.replace("{code}", &form.code);
    sh.merged((0, right_start), (0, last), &form_no, &st.form_no, None)?;
    sh.merged(
        (1, right_start),
        (1, last),
        &words.circular,
        &st.circular,
        None,
    )?;
    let title = match &form.subtitle {
        Some(s) => format!("{}\n{s}", form.title),
        None => form.title.clone(),
    };
    sh.merged((3, 0), (3, last), &title, &st.title, Some((true, 20.0)))?;
    let span = words
        .span
        .replace("{start}", &dmy(ctx.period.start))
        .replace("{end}", &dmy(ctx.period.end));
    sh.merged((4, 0), (4, last), &span, &st.span, None)?;
    let top = 6u32;
    let depth = form.header_depth() as u32;
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
    let shell = FilledForm {
        form: form.clone(),
        values: Vec::new(),
        checks: Vec::new(),
    };
    for (r1, c1, r2, c2, text) in header_cells(&shell) {
        sh.merged(
            (top + r1 as u32, c1 as u16 + 1),
            (top + r2 as u32, c2 as u16 + 1),
            &text,
            &st.header,
            Some((true, LINE_PT)),
        )?;
    }
    let ms = top + depth;
    sh.text(ms, 0, &words.number_row, &st.number)?;
    for c in &form.columns {
        sh.text_wrapped(ms, c.no as u16, &ms_label(c), &st.number, false)?;
    }
    sh.ws.write_blank(ms, last, &st.number)?;
    let mut r = ms + 1;
    for row in rows(ctx, &form.code) {
        let (label_f, value_f) = match row.level {
            Level::Total => (&st.total, &st.total_value),
            Level::Group => (&st.group, &st.group_value),
            Level::Unit => (&st.unit, &st.value),
        };
        sh.text_wrapped(r, 0, row.label, label_f, row.level != Level::Unit)?;
        for c in &form.columns {
            let v = row.values.as_ref().and_then(|v| v[c.no as usize - 1]);
            sh.opt(r, c.no as u16, v.map(|v| v as f64), value_f)?;
        }
        sh.text(r, last, row.note, value_f)?;
        r += 1;
    }
    sh.ws.set_freeze_panes(ms + 1, 1)?;
    let sign_row = r + 1;
    // The units file's place, else the shipped agency's (report-templates/agency.toml), as the
    // consolidated report does.
    let default_place = crate::render::agency::Agency::from_config(&Default::default()).place;
    let place = words
        .place_date
        .replace("{place}", body.place.as_deref().unwrap_or(&default_place))
        .replace("{day}", &ctx.as_of.day().to_string())
        .replace("{month}", &ctx.as_of.month().to_string())
        .replace("{year}", &ctx.as_of.year().to_string());
    crate::render::forms::signature_block(
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

fn notes_sheet(ctx: &FormsBookContext, st: &St) -> XResult<rust_xlsxwriter::Worksheet> {
    let w = &ctx.words.text;
    let words = &ctx.layouts.workbook;
    let mut sh = Sheet::new(&words.notes_sheet)?;
    let widths = [12.0, 40.0, 40.0, 40.0];
    for (i, x) in widths.iter().enumerate() {
        sh.width(i as u16, *x)?;
    }
    sh.merged((0, 0), (0, 3), &w.forms_checks_title, &st.title, None)?;
    sh.merged(
        (1, 0),
        (1, 3),
        &w.forms_checks_intro,
        &st.note,
        Some((false, LINE_PT)),
    )?;
    let missing = w
        .forms_missing_note
        .replace("{missing}", &ctx.words.status.missing);
    sh.merged((2, 0), (2, 3), &missing, &st.note, Some((false, LINE_PT)))?;
    let mut r = 4u32;
    for (i, h) in w.forms_checks_headers.iter().enumerate() {
        sh.text_wrapped(r, i as u16, h, &st.header, true)?;
    }
    r += 1;
    let (mut total, mut nrows, mut violated) = (0usize, 0usize, 0usize);
    for form in &ctx.layouts.forms {
        for row in rows(ctx, &form.code) {
            let Some(values) = &row.values else {
                continue;
            };
            nrows += 1;
            for c in row_checks(form, values) {
                total += 1;
                let text = words
                    .check_text
                    .replace("{column}", &c.column.to_string())
                    .replace(
                        "{parts}",
                        &c.parts
                            .iter()
                            .map(u32::to_string)
                            .collect::<Vec<_>>()
                            .join(" + "),
                    );
                let (state, fmt) = match &c.state {
                    CheckState::Violated { left, right } => (
                        words
                            .check_violated
                            .replace("{left}", &left.to_string())
                            .replace("{right}", &right.to_string()),
                        &st.bad,
                    ),
                    _ => continue,
                };
                violated += 1;
                sh.text(r, 0, &form.code, &st.text)?;
                sh.text(r, 1, row.label, &st.text)?;
                sh.text(r, 2, &text, &st.text)?;
                sh.text(r, 3, &state, fmt)?;
                r += 1;
            }
        }
    }
    r += 1;
    let pattern = if violated == 0 {
        &w.forms_checks_all_hold
    } else {
        &w.forms_checks_violated
    };
    let line = pattern
        .replace("{violated}", &violated.to_string())
        .replace("{checks}", &total.to_string())
        .replace("{rows}", &nrows.to_string());
    sh.merged((r, 0), (r, 3), &line, &st.section, Some((true, LINE_PT)))?;
    sh.print_setup(false, None)?;
    sh.finish()
}
