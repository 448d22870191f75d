//! The breakdown sheets (Theo kênh, Theo đơn vị, Theo lĩnh vực, Theo loại): one row per group
//! with every figure of SPEC §5 and a bold total row; and "Thời gian xử lý".

use rust_xlsxwriter::{Chart, ChartType, Format, Worksheet};

use super::style::{LINE_PT, Sheet, Styles, XResult, fit_width, wrap_lines};
use super::words::w;
use super::{ReportContext, sheet_head};
use crate::figures::{Figures, Group, Stats};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Dim {
    Channel,
    Department,
    Category,
    Kind,
}

impl Dim {
    pub const ALL: [Dim; 4] = [Dim::Channel, Dim::Department, Dim::Category, Dim::Kind];

    fn sheet(self) -> &'static str {
        match self {
            Dim::Channel => w().sheets.channel.as_str(),
            Dim::Department => w().sheets.department.as_str(),
            Dim::Category => w().sheets.category.as_str(),
            Dim::Kind => w().sheets.kind.as_str(),
        }
    }
    fn title(self) -> &'static str {
        match self {
            Dim::Channel => w().titles.channel.as_str(),
            Dim::Department => w().titles.department.as_str(),
            Dim::Category => w().titles.category.as_str(),
            Dim::Kind => w().titles.kind.as_str(),
        }
    }
    fn label(self) -> &'static str {
        match self {
            Dim::Channel => w().breakdown.dim_channel.as_str(),
            Dim::Department => w().breakdown.dim_department.as_str(),
            Dim::Category => w().breakdown.dim_category.as_str(),
            Dim::Kind => w().breakdown.dim_kind.as_str(),
        }
    }
    fn groups<'a>(self, ctx: &'a ReportContext<'a>) -> &'a [Group] {
        let f = ctx.figures;
        match self {
            Dim::Channel => &f.by_channel,
            Dim::Department => &f.by_department,
            Dim::Category => &f.by_category,
            Dim::Kind => &f.by_kind,
        }
    }
    /// The chart of received cases on the sheet, if any.
    fn chart(self) -> Option<&'static str> {
        match self {
            Dim::Channel => Some(w().charts.channel.as_str()),
            Dim::Department => Some(w().charts.department.as_str()),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    Count,
    Rate,
    Days,
}

/// One figure column: its group header (None: the header spans both header rows), its header,
/// unit, width and value.
struct Col {
    group: Option<&'static str>,
    head: &'static str,
    unit: Unit,
    width: f64,
    get: fn(&Figures) -> Option<f64>,
}

/// Narrow columns keep the 30 columns printable on one A4 page wide; count columns grow when
/// the numbers need it (see `sheet`).
const W_COUNT: f64 = 8.5;
const W_STAT: f64 = 7.5;

fn count(head: &'static str, group: Option<&'static str>, get: fn(&Figures) -> Option<f64>) -> Col {
    Col {
        group,
        head,
        unit: Unit::Count,
        width: W_COUNT,
        get,
    }
}
fn rate(head: &'static str, group: Option<&'static str>, get: fn(&Figures) -> Option<f64>) -> Col {
    Col {
        group,
        head,
        unit: Unit::Rate,
        width: W_COUNT,
        get,
    }
}

macro_rules! stat_col {
    ($group:expr, $head:expr, $field:ident, $stat:ident) => {
        Col {
            group: Some($group),
            head: $head,
            unit: Unit::Days,
            width: W_STAT,
            get: |f: &Figures| f.$field.$stat,
        }
    };
}

/// The three durations of the breakdowns, each with four statistic columns.
#[derive(Clone, Copy)]
enum Duration {
    Response,
    Resolution,
    ResolutionWorkingDays,
}

/// mean, median, p90, max of one duration (the group header names it).
fn stat4(duration: Duration) -> Vec<Col> {
    let (b, t) = (&w().breakdown, &w().times);
    let (mean, median, p90, max) = (
        t.mean.as_str(),
        t.median.as_str(),
        t.p90.as_str(),
        t.max.as_str(),
    );
    match duration {
        Duration::Response => {
            let group = b.group_response_days.as_str();
            vec![
                stat_col!(group, mean, response_days, mean),
                stat_col!(group, median, response_days, median),
                stat_col!(group, p90, response_days, p90),
                stat_col!(group, max, response_days, max),
            ]
        }
        Duration::Resolution => {
            let group = b.group_resolution_days.as_str();
            vec![
                stat_col!(group, mean, resolution_days, mean),
                stat_col!(group, median, resolution_days, median),
                stat_col!(group, p90, resolution_days, p90),
                stat_col!(group, max, resolution_days, max),
            ]
        }
        Duration::ResolutionWorkingDays => {
            let group = b.group_resolution_wd.as_str();
            vec![
                stat_col!(group, mean, resolution_working_days, mean),
                stat_col!(group, median, resolution_working_days, median),
                stat_col!(group, p90, resolution_working_days, p90),
                stat_col!(group, max, resolution_working_days, max),
            ]
        }
    }
}

/// The figure columns of a breakdown, in order (docs/OUTPUTS.md lists them).
fn columns() -> Vec<Col> {
    let mut c = vec![
        count(w().headers.carried_over.as_str(), None, |f| {
            Some(f.carried_over as f64)
        }),
        count(w().headers.received.as_str(), None, |f| {
            Some(f.received as f64)
        }),
        count(w().headers.to_handle.as_str(), None, |f| {
            Some(f.to_handle as f64)
        }),
        count(
            w().headers.resolved.as_str(),
            Some(w().breakdown.group_resolved.as_str()),
            |f| Some(f.resolved as f64),
        ),
        count(
            w().headers.on_time.as_str(),
            Some(w().breakdown.group_resolved.as_str()),
            |f| Some(f.resolved_on_time as f64),
        ),
        count(
            w().breakdown.late.as_str(),
            Some(w().breakdown.group_resolved.as_str()),
            |f| Some(f.resolved_late as f64),
        ),
        rate(
            w().breakdown.on_time_rate.as_str(),
            Some(w().breakdown.group_resolved.as_str()),
            |f| f.on_time_rate,
        ),
        count(
            w().breakdown.pending.as_str(),
            Some(w().breakdown.group_pending.as_str()),
            |f| Some(f.pending as f64),
        ),
        count(
            w().headers.pending_overdue.as_str(),
            Some(w().breakdown.group_pending.as_str()),
            |f| Some(f.pending_overdue as f64),
        ),
        count(
            w().headers.responded.as_str(),
            Some(w().breakdown.group_response.as_str()),
            |f| Some(f.responded as f64),
        ),
        count(
            w().headers.response_on_time.as_str(),
            Some(w().breakdown.group_response.as_str()),
            |f| Some(f.response_on_time as f64),
        ),
    ];
    c.extend(stat4(Duration::Response));
    c.extend(stat4(Duration::Resolution));
    c.extend(stat4(Duration::ResolutionWorkingDays));
    c.extend([
        count(
            w().breakdown.rated.as_str(),
            Some(w().breakdown.group_satisfaction.as_str()),
            |f| Some(f.satisfaction.rated as f64),
        ),
        count(
            w().headers.satisfied.as_str(),
            Some(w().breakdown.group_satisfaction.as_str()),
            |f| Some(f.satisfaction.satisfied as f64),
        ),
        rate(
            w().breakdown.satisfaction_rate.as_str(),
            Some(w().breakdown.group_satisfaction.as_str()),
            |f| f.satisfaction.rate,
        ),
        count(
            w().breakdown.assigned.as_str(),
            Some(w().breakdown.group_assigned.as_str()),
            |f| Some(f.assigned_within_1wd.count as f64),
        ),
        count(
            w().breakdown.assigned_within.as_str(),
            Some(w().breakdown.group_assigned.as_str()),
            |f| Some(f.assigned_within_1wd.within as f64),
        ),
        rate(
            w().breakdown.assigned_rate.as_str(),
            Some(w().breakdown.group_assigned.as_str()),
            |f| f.assigned_within_1wd.rate,
        ),
    ]);
    c
}

fn format_of(st: &Styles, unit: Unit, total: bool) -> &Format {
    match (unit, total) {
        (Unit::Count, false) => &st.int,
        (Unit::Count, true) => &st.int_total,
        (Unit::Rate, false) => &st.pct,
        (Unit::Rate, true) => &st.pct_total,
        (Unit::Days, false) => &st.days,
        (Unit::Days, true) => &st.days_total,
    }
}

/// Two header rows: a group header merged over its columns, or one header merged over both rows.
/// Column 0 is the label column.
fn two_row_header(sh: &mut Sheet, st: &Styles, row: u32, label: &str, cols: &[Col]) -> XResult<()> {
    sh.merged((row, 0), (row + 1, 0), label, &st.header, None)?;
    let mut sub_lines = 1;
    let mut i = 0;
    while i < cols.len() {
        let c = 1 + i as u16;
        match cols[i].group {
            None => {
                sh.merged((row, c), (row + 1, c), cols[i].head, &st.header, None)?;
                // The text may use both rows.
                let lines = wrap_lines(cols[i].head, sh.col_width(c), true);
                sub_lines = sub_lines.max(lines.saturating_sub(1));
                i += 1;
            }
            Some(g) => {
                let mut j = i;
                while j < cols.len() && cols[j].group == Some(g) {
                    j += 1;
                }
                let (c1, c2) = (c, c + (j - i) as u16 - 1);
                sh.merged((row, c1), (row, c2), g, &st.header, Some((true, LINE_PT)))?;
                for (k, col) in cols[i..j].iter().enumerate() {
                    sh.text(row + 1, c1 + k as u16, col.head, &st.header)?;
                    sub_lines =
                        sub_lines.max(wrap_lines(col.head, sh.col_width(c1 + k as u16), true));
                }
                i = j;
            }
        }
    }
    sh.need_height(row + 1, sub_lines as f64 * LINE_PT + 2.0);
    // An explicit height on the group row too: viewers that size rows themselves would give it
    // the whole height of the two-row headers.
    sh.need_height(row, LINE_PT + 3.0);
    Ok(())
}

pub fn sheet(ctx: &ReportContext, st: &Styles, dim: Dim) -> XResult<Worksheet> {
    let mut sh = Sheet::new(dim.sheet())?;
    let cols = columns();
    let groups = dim.groups(ctx);
    let last_col = cols.len() as u16;

    let label_w = groups
        .iter()
        .map(|g| fit_width(&g.label, false))
        .chain([
            fit_width(w().labels.total.as_str(), true),
            fit_width(dim.label(), true),
        ])
        .fold(14.0_f64, f64::max)
        .min(48.0);
    sh.width(0, label_w)?;
    // Count columns wide enough for the largest count (the totals' to_handle or received).
    let t = &ctx.figures.totals;
    let biggest = t.to_handle.max(t.received).max(t.resolved);
    let count_w = fit_width(&super::summary::group_thousands(biggest), false).max(W_COUNT);
    for (i, c) in cols.iter().enumerate() {
        let wd = if c.unit == Unit::Days {
            c.width
        } else {
            c.width.max(count_w)
        };
        sh.width(1 + i as u16, wd)?;
    }

    let head = sheet_head(&mut sh, st, ctx, dim.title(), last_col)?;
    two_row_header(&mut sh, st, head, dim.label(), &cols)?;
    let first = head + 2;
    let mut r = first;
    for g in groups {
        sh.text(r, 0, &g.label, &st.text)?;
        for (i, c) in cols.iter().enumerate() {
            sh.opt(
                r,
                1 + i as u16,
                (c.get)(&g.figures),
                format_of(st, c.unit, false),
            )?;
        }
        r += 1;
    }
    // The filter covers the groups, not the total row (sorting keeps the total at the bottom).
    sh.ws.autofilter(head + 1, 0, r.max(first) - 1, last_col)?;
    let total_row = r;
    sh.text(r, 0, w().labels.total.as_str(), &st.text_total)?;
    for (i, c) in cols.iter().enumerate() {
        let f = format_of(st, c.unit, true);
        sh.opt(r, 1 + i as u16, (c.get)(&ctx.figures.totals), f)?;
    }
    r += 1;
    let note_last = last_col.min(14);
    sh.merged(
        (r, 0),
        (r, note_last),
        w().notes.breakdown.as_str(),
        &st.note,
        Some((false, 13.0)),
    )?;

    if let (Some(title), false) = (dim.chart(), groups.is_empty()) {
        r += 2;
        let received_col = 1 + cols
            .iter()
            .position(|c| c.head == w().headers.received.as_str())
            .unwrap_or(1) as u16;
        let n = groups.len() as u32;
        let horizontal = dim == Dim::Department;
        let mut chart = Chart::new(if horizontal {
            ChartType::Bar
        } else {
            ChartType::Column
        });
        chart
            .add_series()
            .set_name(w().charts.series_received.as_str())
            .set_categories((dim.sheet(), first, 0, total_row - 1, 0))
            .set_values((
                dim.sheet(),
                first,
                received_col,
                total_row - 1,
                received_col,
            ))
            .set_data_label(rust_xlsxwriter::ChartDataLabel::new().show_value());
        chart.title().set_name(title);
        chart
            .title()
            .set_font(rust_xlsxwriter::ChartFont::new().set_size(12).set_bold());
        chart.legend().set_hidden();
        if horizontal {
            // Bars top to bottom in the table's order.
            chart
                .y_axis()
                .set_reverse()
                .set_crossing(rust_xlsxwriter::ChartAxisCrossing::Max);
            chart.x_axis().set_num_format("#,##0").set_min(0);
        } else {
            chart.y_axis().set_num_format("#,##0").set_min(0);
        }
        let height = if horizontal {
            (90 + 34 * n).clamp(300, 900)
        } else {
            340
        };
        chart
            .set_width(sh.span_pixels(0, 8).clamp(640, 1000))
            .set_height(height);
        sh.ws.insert_chart_with_offset(r, 0, &chart, 0, 4)?;
    }

    sh.ws.set_freeze_panes(first, 1)?;
    sh.print_setup(true, Some((head, head + 1)))?;
    sh.finish()
}

/// One duration of the figures.
type PickStats = fn(&Figures) -> &Stats;

/// "Thời gian xử lý": count, mean, median, p90, max of the three durations, per kind and for the
/// whole agency.
pub fn times(ctx: &ReportContext, st: &Styles) -> XResult<Worksheet> {
    let mut sh = Sheet::new(w().sheets.times.as_str())?;
    let groups: [(&'static str, PickStats); 3] = [
        (w().breakdown.group_response_days.as_str(), |f| {
            &f.response_days
        }),
        (w().breakdown.group_resolution_days.as_str(), |f| {
            &f.resolution_days
        }),
        (w().breakdown.group_resolution_wd.as_str(), |f| {
            &f.resolution_working_days
        }),
    ];
    let stat_heads = [
        w().times.count.as_str(),
        w().times.mean.as_str(),
        w().times.median.as_str(),
        w().times.p90.as_str(),
        w().times.max.as_str(),
    ];
    let last_col = (groups.len() * stat_heads.len()) as u16;
    let kinds = &ctx.figures.by_kind;
    let label_w = kinds
        .iter()
        .map(|g| fit_width(&g.label, false))
        .chain([
            fit_width(w().times.all.as_str(), true),
            fit_width(w().breakdown.dim_kind.as_str(), true),
        ])
        .fold(16.0_f64, f64::max)
        .min(40.0);
    sh.width(0, label_w)?;
    for c in 1..=last_col {
        sh.width(c, W_STAT + 1.0)?;
    }
    let head = sheet_head(&mut sh, st, ctx, w().titles.times.as_str(), last_col)?;
    sh.merged(
        (head, 0),
        (head + 1, 0),
        w().breakdown.dim_kind.as_str(),
        &st.header,
        None,
    )?;
    for (gi, (g, _)) in groups.iter().enumerate() {
        let c1 = 1 + (gi * stat_heads.len()) as u16;
        sh.merged(
            (head, c1),
            (head, c1 + stat_heads.len() as u16 - 1),
            g,
            &st.header,
            Some((true, LINE_PT)),
        )?;
        for (k, h) in stat_heads.iter().enumerate() {
            sh.text_wrapped(head + 1, c1 + k as u16, h, &st.header, true)?;
        }
    }
    sh.need_height(head, LINE_PT + 3.0);
    let first = head + 2;
    let mut r = first;
    let write_row =
        |sh: &mut Sheet, r: u32, label: &str, f: &Figures, total: bool| -> XResult<()> {
            sh.text(r, 0, label, if total { &st.text_total } else { &st.text })?;
            for (gi, (_, pick)) in groups.iter().enumerate() {
                let s = pick(f);
                let c1 = 1 + (gi * stat_heads.len()) as u16;
                sh.num(
                    r,
                    c1,
                    s.count as f64,
                    if total { &st.int_total } else { &st.int },
                )?;
                let d = if total { &st.days_total } else { &st.days };
                for (k, v) in [s.mean, s.median, s.p90, s.max].iter().enumerate() {
                    sh.opt(r, c1 + 1 + k as u16, *v, d)?;
                }
            }
            Ok(())
        };
    for g in kinds {
        write_row(&mut sh, r, &g.label, &g.figures, false)?;
        r += 1;
    }
    sh.ws.autofilter(head + 1, 0, r.max(first) - 1, last_col)?;
    write_row(
        &mut sh,
        r,
        w().times.all.as_str(),
        &ctx.figures.totals,
        true,
    )?;
    r += 2;
    for note in &w().notes.times {
        sh.merged((r, 0), (r, last_col), note, &st.note, Some((false, 13.0)))?;
        r += 1;
    }
    sh.ws.set_freeze_panes(first, 1)?;
    sh.print_setup(true, Some((head, head + 1)))?;
    sh.finish()
}
