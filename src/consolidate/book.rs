//! The consolidated workbook, `bao-cao-tong-hop-<period>.xlsx` (SPEC §11): Tổng hợp (units
//! reported / expected, the missing list, every figure of the total against the comparison
//! periods), Theo đơn vị (a row per unit, a subtotal row per group, the total row), Theo kênh,
//! Theo loại, Theo lĩnh vực, Thời gian xử lý, Nguồn. Styles are the report workbook's.

use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, Format, Workbook};

use crate::calendar::period::Period;
use crate::error::{Error, Result};
use crate::figures::registry::{self, Unit};
use crate::figures::{Figures, Group, Stats};
use crate::render::xlsx::style::{Sheet, Styles, XResult, excel_date, fit_width};

use super::data::{Consolidation, GroupRow, Status, UnitData, UnitRow};
use super::units::UnitsFile;
use super::words::Words;

pub struct BookContext<'a> {
    pub c: &'a Consolidation,
    pub units: &'a UnitsFile,
    pub period: &'a Period,
    pub as_of: NaiveDate,
    pub words: &'a Words,
}

pub fn render(ctx: &BookContext) -> Result<Vec<u8>> {
    build(ctx).map_err(|e| {
        Error::Runtime(format!(
            "không tạo được bảng tính tổng hợp (cannot build the consolidated workbook): {e}"
        ))
    })
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn build(ctx: &BookContext) -> XResult<Vec<u8>> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    let created = excel_date(ctx.as_of)?.and_hms(0, 0, 0)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(&ctx.words.text.title)
            .set_author(&ctx.units.body.name)
            .set_company(&ctx.units.body.name)
            .set_creation_datetime(&created),
    );
    wb.push_worksheet(summary_sheet(ctx, &st)?);
    wb.push_worksheet(units_sheet(ctx, &st)?);
    let t = &ctx.c.total;
    let s = &ctx.words.sheets;
    wb.push_worksheet(breakdown_sheet(ctx, &st, &s.channel, &t.by_channel)?);
    wb.push_worksheet(breakdown_sheet(ctx, &st, &s.kind, &t.by_kind)?);
    wb.push_worksheet(breakdown_sheet(ctx, &st, &s.category, &t.by_category)?);
    wb.push_worksheet(durations_sheet(ctx, &st)?);
    wb.push_worksheet(sources_sheet(ctx, &st)?);
    wb.save_to_buffer()
}

/// The header block of every sheet: body, title, period and span. Returns the next free row.
fn heading(ctx: &BookContext, st: &Styles, sh: &mut Sheet, last: u16) -> XResult<u32> {
    let b = &ctx.units.body;
    sh.text(0, 0, &b.parent, &st.parent)?;
    sh.text(1, 0, &b.name, &st.agency)?;
    sh.merged(
        (3, 0),
        (3, last),
        &ctx.words.text.title,
        &st.title,
        Some((true, 20.0)),
    )?;
    let label = ctx.words.text.period.replace("{label}", &ctx.period.label);
    sh.merged((4, 0), (4, last), &label, &st.subtitle, None)?;
    let span = ctx
        .words
        .text
        .span
        .replace("{start}", &dmy(ctx.period.start))
        .replace("{end}", &dmy(ctx.period.end));
    sh.merged((5, 0), (5, last), &span, &st.span, None)?;
    let made = ctx.words.text.made_on.replace("{date}", &dmy(ctx.as_of));
    sh.merged((6, 0), (6, last), &made, &st.made_on, None)?;
    Ok(8)
}

fn fmt_of(st: &Styles, unit: Unit, total: bool) -> &Format {
    match (unit, total) {
        (Unit::Count, false) => &st.int,
        (Unit::Count, true) => &st.int_total,
        (Unit::Rate, false) => &st.pct,
        (Unit::Rate, true) => &st.pct_total,
        (_, false) => &st.days,
        (_, true) => &st.days_total,
    }
}

fn summary_sheet(ctx: &BookContext, st: &Styles) -> XResult<rust_xlsxwriter::Worksheet> {
    let w = &ctx.words;
    let mut sh = Sheet::new(&w.sheets.summary)?;
    sh.width(0, 52.0)?;
    for c in 1..=3 {
        sh.width(c, 16.0)?;
    }
    let mut r = heading(ctx, st, &mut sh, 3)?;
    let c = ctx.c;
    sh.text(r, 0, &w.text.reported, &st.text)?;
    sh.num(r, 1, c.reported() as f64, &st.int)?;
    r += 1;
    sh.text(r, 0, &w.text.expected, &st.text)?;
    sh.num(r, 1, c.expected() as f64, &st.int)?;
    r += 2;
    sh.text(r, 0, &w.text.missing_title, &st.section)?;
    r += 1;
    let missing = c.missing();
    if missing.is_empty() {
        sh.text(r, 0, &w.text.none_missing, &st.text)?;
        r += 1;
    }
    for u in missing {
        sh.text(r, 0, &u.name, &st.text)?;
        sh.text(r, 1, &w.status.missing, &st.text)?;
        r += 1;
    }
    if c.units().any(|u| u.status == Status::FormsOnly) {
        r += 1;
        sh.merged(
            (r, 0),
            (r, 3),
            &w.text.forms_only_note,
            &st.note,
            Some((false, 15.0)),
        )?;
        r += 1;
    }
    r += 1;
    sh.text(r, 0, &w.text.figures_title, &st.section)?;
    r += 1;
    let heads: Vec<&str> = w.headers.summary.iter().map(String::as_str).collect();
    sh.header_row(r, 0, &heads, &st.header)?;
    r += 1;
    let labels =
        registry::words().map_err(|e| rust_xlsxwriter::XlsxError::ParameterError(e.to_string()))?;
    let t = &c.total;
    for f in registry::ALL {
        let label = labels
            .get(f.name)
            .map(|l| l.label.as_str())
            .unwrap_or(f.name);
        sh.text(r, 0, label, &st.text)?;
        sh.opt(r, 1, (f.get)(&t.totals), fmt_of(st, f.unit, false))?;
        match f.name {
            "received" => {
                sh.opt(
                    r,
                    2,
                    t.previous.as_ref().map(|p| p.received as f64),
                    &st.int,
                )?;
                sh.opt(
                    r,
                    3,
                    t.last_year.as_ref().map(|p| p.received as f64),
                    &st.int,
                )?;
            }
            "on_time_rate" => {
                sh.opt(
                    r,
                    2,
                    t.previous.as_ref().and_then(|p| p.on_time_rate()),
                    &st.pct,
                )?;
                sh.opt(
                    r,
                    3,
                    t.last_year.as_ref().and_then(|p| p.on_time_rate()),
                    &st.pct,
                )?;
            }
            _ => {
                sh.ws.write_blank(r, 2, &st.text)?;
                sh.ws.write_blank(r, 3, &st.text)?;
            }
        }
        r += 1;
    }
    sh.print_setup(false, None)?;
    sh.finish()
}

fn rate(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// The figure columns of a Theo đơn vị row (from "Tiếp nhận" to "Tỷ lệ hài lòng").
fn unit_figures(sh: &mut Sheet, st: &Styles, r: u32, f: &Figures, total: bool) -> XResult<()> {
    let (int, pct) = if total {
        (&st.int_total, &st.pct_total)
    } else {
        (&st.int, &st.pct)
    };
    let counts = [
        f.received,
        f.to_handle,
        f.resolved,
        f.resolved_on_time,
        f.resolved_late,
        f.pending,
        f.pending_overdue,
    ];
    for (i, v) in counts.iter().enumerate() {
        sh.num(r, 3 + i as u16, *v as f64, int)?;
    }
    sh.opt(r, 10, f.on_time_rate, pct)?;
    sh.opt(r, 11, rate(f.response_on_time, f.responded), pct)?;
    sh.opt(r, 12, f.satisfaction.rate, pct)?;
    Ok(())
}

fn blank_from(sh: &mut Sheet, r: u32, from: u16, to: u16, f: &Format) -> XResult<()> {
    for c in from..=to {
        sh.ws.write_blank(r, c, f)?;
    }
    Ok(())
}

fn sum_row(sh: &mut Sheet, st: &Styles, r: u32, label: &str, d: &UnitData) -> XResult<()> {
    sh.ws.write_blank(r, 0, &st.text_total)?;
    sh.text(r, 1, label, &st.text_total)?;
    sh.ws.write_blank(r, 2, &st.text_total)?;
    unit_figures(sh, st, r, &d.totals, true)?;
    blank_from(sh, r, 13, 16, &st.text_total)
}

fn unit_row(
    ctx: &BookContext,
    sh: &mut Sheet,
    st: &Styles,
    r: u32,
    no: usize,
    u: &UnitRow,
) -> XResult<()> {
    sh.num(r, 0, no as f64, &st.plain)?;
    sh.text(r, 1, &u.name, &st.text)?;
    sh.text(r, 2, ctx.words.status(u.status), &st.text)?;
    match &u.data {
        Some(d) => unit_figures(sh, st, r, &d.totals, false)?,
        None => blank_from(sh, r, 3, 12, &st.int)?,
    }
    match &u.score {
        Some(s) => {
            sh.num(r, 13, s.points, &st.points)?;
            sh.num(r, 14, s.max_points, &st.points)?;
            sh.text(r, 15, &s.rating, &st.text)?;
            sh.opt(r, 16, u.rank.map(f64::from), &st.plain)?;
        }
        None => blank_from(sh, r, 13, 16, &st.text)?,
    }
    Ok(())
}

fn units_sheet(ctx: &BookContext, st: &Styles) -> XResult<rust_xlsxwriter::Worksheet> {
    let w = &ctx.words;
    let mut sh = Sheet::new(&w.sheets.units)?;
    let heads: Vec<&str> = w.headers.units.iter().map(String::as_str).collect();
    let last = heads.len() as u16 - 1;
    sh.width(0, 6.0)?;
    let name_w = ctx
        .c
        .units()
        .map(|u| fit_width(&u.name, false))
        .fold(30.0, f64::max)
        .min(60.0);
    sh.width(1, name_w)?;
    sh.width(2, 16.0)?;
    for c in 3..=last {
        sh.width(c, 12.0)?;
    }
    let mut r = heading(ctx, st, &mut sh, last)?;
    sh.header_row(r, 0, &heads, &st.header)?;
    let head = r;
    r += 1;
    sum_row(&mut sh, st, r, &w.text.total_row, &ctx.c.total)?;
    r += 1;
    let mut no = 0;
    for g in &ctx.c.groups {
        group_rows(ctx, &mut sh, st, &mut r, &mut no, g)?;
    }
    r += 1;
    let note = if ctx.c.ranked {
        &w.text.ranked
    } else {
        &w.text.not_ranked
    };
    sh.merged((r, 0), (r, last), note, &st.note, Some((false, 15.0)))?;
    sh.ws.set_freeze_panes(head + 1, 2)?;
    sh.print_setup(true, Some((head, head)))?;
    sh.finish()
}

fn group_rows(
    ctx: &BookContext,
    sh: &mut Sheet,
    st: &Styles,
    r: &mut u32,
    no: &mut usize,
    g: &GroupRow,
) -> XResult<()> {
    sum_row(sh, st, *r, &g.name, &g.data)?;
    *r += 1;
    for u in &g.units {
        *no += 1;
        unit_row(ctx, sh, st, *r, *no, u)?;
        *r += 1;
    }
    Ok(())
}

fn breakdown_sheet(
    ctx: &BookContext,
    st: &Styles,
    name: &str,
    groups: &[Group],
) -> XResult<rust_xlsxwriter::Worksheet> {
    let w = &ctx.words;
    let mut sh = Sheet::new(name)?;
    let heads: Vec<&str> = w.headers.breakdown.iter().map(String::as_str).collect();
    let last = heads.len() as u16 - 1;
    sh.width(0, 16.0)?;
    let label_w = groups
        .iter()
        .map(|g| fit_width(&g.label, false))
        .fold(24.0, f64::max)
        .min(60.0);
    sh.width(1, label_w)?;
    for c in 2..=last {
        sh.width(c, 12.0)?;
    }
    let mut r = heading(ctx, st, &mut sh, last)?;
    sh.header_row(r, 0, &heads, &st.header)?;
    let head = r;
    r += 1;
    let row =
        |sh: &mut Sheet, r: u32, key: &str, label: &str, f: &Figures, total: bool| -> XResult<()> {
            let (text, int, pct) = if total {
                (&st.text_total, &st.int_total, &st.pct_total)
            } else {
                (&st.text, &st.int, &st.pct)
            };
            sh.text(r, 0, key, text)?;
            sh.text(r, 1, label, text)?;
            let v = [
                f.carried_over,
                f.received,
                f.to_handle,
                f.resolved,
                f.resolved_on_time,
                f.resolved_late,
                f.pending,
                f.pending_overdue,
            ];
            for (i, x) in v.iter().enumerate() {
                sh.num(r, 2 + i as u16, *x as f64, int)?;
            }
            sh.opt(r, 10, f.on_time_rate, pct)
        };
    for g in groups {
        row(&mut sh, r, &g.key, &g.label, &g.figures, false)?;
        r += 1;
    }
    row(&mut sh, r, "", &w.text.total_row, &ctx.c.total.totals, true)?;
    sh.ws.set_freeze_panes(head + 1, 2)?;
    sh.print_setup(true, Some((head, head)))?;
    sh.finish()
}

fn durations_sheet(ctx: &BookContext, st: &Styles) -> XResult<rust_xlsxwriter::Worksheet> {
    let w = &ctx.words;
    let mut sh = Sheet::new(&w.sheets.durations)?;
    let heads: Vec<&str> = w.headers.durations.iter().map(String::as_str).collect();
    sh.width(0, 30.0)?;
    sh.width(1, 36.0)?;
    for c in 2..=6 {
        sh.width(c, 12.0)?;
    }
    let mut r = heading(ctx, st, &mut sh, 6)?;
    sh.header_row(r, 0, &heads, &st.header)?;
    let head = r;
    r += 1;
    let t = &ctx.c.total;
    let mut rows: Vec<(&str, &Figures)> = vec![(w.text.total_row.as_str(), &t.totals)];
    for list in [&t.by_kind, &t.by_channel, &t.by_category] {
        rows.extend(list.iter().map(|g| (g.label.as_str(), &g.figures)));
    }
    for (label, f) in rows {
        let stats: [(&str, &Stats); 3] = [
            ("response_days", &f.response_days),
            ("resolution_days", &f.resolution_days),
            ("resolution_working_days", &f.resolution_working_days),
        ];
        for (name, s) in stats {
            sh.text(r, 0, label, &st.text)?;
            sh.text(
                r,
                1,
                w.durations.get(name).map(String::as_str).unwrap_or(name),
                &st.text,
            )?;
            sh.num(r, 2, s.count as f64, &st.int)?;
            sh.opt(r, 3, s.mean, &st.days)?;
            sh.opt(r, 4, s.median, &st.days)?;
            sh.opt(r, 5, s.p90, &st.days)?;
            sh.opt(r, 6, s.max, &st.days)?;
            r += 1;
        }
    }
    sh.ws.set_freeze_panes(head + 1, 2)?;
    sh.print_setup(true, Some((head, head)))?;
    sh.finish()
}

fn sources_sheet(ctx: &BookContext, st: &Styles) -> XResult<rust_xlsxwriter::Worksheet> {
    let w = &ctx.words;
    let mut sh = Sheet::new(&w.sheets.sources)?;
    let heads: Vec<&str> = w.headers.sources.iter().map(String::as_str).collect();
    let widths = [14.0, 40.0, 24.0, 50.0, 66.0, 24.0, 10.0, 12.0];
    for (i, x) in widths.iter().enumerate() {
        sh.width(i as u16, *x)?;
    }
    let mut r = heading(ctx, st, &mut sh, 7)?;
    sh.header_row(r, 0, &heads, &st.header)?;
    let head = r;
    r += 1;
    for s in &ctx.c.sources {
        let name = ctx
            .units
            .unit(&s.unit)
            .map(|u| u.name.as_str())
            .unwrap_or("");
        sh.text(r, 0, &s.unit, &st.text)?;
        sh.text(r, 1, name, &st.text)?;
        sh.text(r, 2, w.kind(s.kind), &st.text)?;
        sh.text(r, 3, &s.file.display().to_string(), &st.text)?;
        sh.text(r, 4, &s.sha256, &st.hash)?;
        sh.text(r, 5, &s.period_label, &st.text)?;
        sh.text(r, 6, s.tool_version.as_deref().unwrap_or(""), &st.text)?;
        sh.text(r, 7, s.as_of.as_deref().unwrap_or(""), &st.text)?;
        r += 1;
    }
    sh.ws.set_freeze_panes(head + 1, 0)?;
    sh.print_setup(true, Some((head, head)))?;
    sh.finish()
}
