//! Sheet "Tổng hợp": title block, headline figures, comparisons, the 12-month table and chart,
//! and the row accounting of SPEC §3.6 with the inputs' SHA-256.

use rust_xlsxwriter::{Chart, ChartLegendPosition, ChartType, Format, FormatAlign, Worksheet};

use super::style::{Sheet, Styles, XResult, fit_width};
use super::words::w;
use super::{ReportContext, dmy, dmy_short};
use crate::figures::Figures;

/// Columns A..G.
const LAST_COL: u16 = 6;
const NUM_WIDTH: f64 = 13.0;

#[derive(Clone, Copy)]
enum Unit {
    Count,
    Rate,
    Days,
}

/// The headline rows: label, indented under the row above, unit, value.
fn headline(f: &Figures) -> Vec<(&'static str, bool, Unit, Option<f64>)> {
    let n = |x: u64| Some(x as f64);
    vec![
        (
            w().headers.carried_over.as_str(),
            false,
            Unit::Count,
            n(f.carried_over),
        ),
        (
            w().headers.received.as_str(),
            false,
            Unit::Count,
            n(f.received),
        ),
        (
            w().headers.to_handle.as_str(),
            false,
            Unit::Count,
            n(f.to_handle),
        ),
        (
            w().headers.resolved.as_str(),
            false,
            Unit::Count,
            n(f.resolved),
        ),
        (
            w().headers.on_time.as_str(),
            true,
            Unit::Count,
            n(f.resolved_on_time),
        ),
        (
            w().headers.late.as_str(),
            true,
            Unit::Count,
            n(f.resolved_late),
        ),
        (
            w().headers.pending.as_str(),
            false,
            Unit::Count,
            n(f.pending),
        ),
        (
            w().headers.pending_overdue.as_str(),
            true,
            Unit::Count,
            n(f.pending_overdue),
        ),
        (
            w().headers.on_time_rate.as_str(),
            false,
            Unit::Rate,
            f.on_time_rate,
        ),
        (
            w().headers.responded.as_str(),
            false,
            Unit::Count,
            n(f.responded),
        ),
        (
            w().headers.response_on_time.as_str(),
            true,
            Unit::Count,
            n(f.response_on_time),
        ),
        (
            w().headers.rated.as_str(),
            false,
            Unit::Count,
            n(f.satisfaction.rated),
        ),
        (
            w().headers.satisfied.as_str(),
            true,
            Unit::Count,
            n(f.satisfaction.satisfied),
        ),
        (
            w().headers.satisfaction_rate.as_str(),
            false,
            Unit::Rate,
            f.satisfaction.rate,
        ),
        (
            w().headers.assigned.as_str(),
            false,
            Unit::Count,
            n(f.assigned_within_1wd.count),
        ),
        (
            w().headers.assigned_within.as_str(),
            true,
            Unit::Count,
            n(f.assigned_within_1wd.within),
        ),
        (
            w().headers.assigned_rate.as_str(),
            false,
            Unit::Rate,
            f.assigned_within_1wd.rate,
        ),
        (
            w().headers.response_mean.as_str(),
            false,
            Unit::Days,
            f.response_days.mean,
        ),
        (
            w().headers.resolution_mean.as_str(),
            false,
            Unit::Days,
            f.resolution_days.mean,
        ),
        (
            w().headers.resolution_wd_mean.as_str(),
            false,
            Unit::Days,
            f.resolution_working_days.mean,
        ),
    ]
}

/// Change of `now` against `base`: absolute, and relative (None when the base is 0 or missing).
fn change(now: Option<f64>, base: Option<f64>) -> (Option<f64>, Option<f64>) {
    match (now, base) {
        (Some(a), Some(b)) => (Some(a - b), if b != 0.0 { Some((a - b) / b) } else { None }),
        _ => (None, None),
    }
}

pub fn sheet(ctx: &ReportContext, st: &Styles) -> XResult<Worksheet> {
    let mut sh = Sheet::new(w().sheets.summary.as_str())?;
    let t = &ctx.figures.totals;
    let (prev_p, prev_f) = ctx.previous;
    let (ly_p, ly_f) = ctx.last_year;

    // Column A fits the longest label of every block.
    let cmp_labels = [
        w().period_named(w().compare.this.as_str(), &ctx.period.label),
        w().period_named(w().compare.previous.as_str(), &prev_p.label),
        w().period_named(w().compare.last_year.as_str(), &ly_p.label),
        w().compare.diff_previous.as_str().to_string(),
        w().compare.diff_previous_pct.as_str().to_string(),
        w().compare.diff_last_year.as_str().to_string(),
        w().compare.diff_last_year_pct.as_str().to_string(),
    ];
    let label_w = headline(t)
        .iter()
        .map(|(l, sub, ..)| fit_width(l, false) + if *sub { 2.5 } else { 0.0 })
        .chain(cmp_labels.iter().map(|l| fit_width(l, false)))
        .chain(ctx.loaded.files.iter().map(|f| fit_width(&f.name, false)))
        .chain([
            fit_width(&ctx.agency.name, true),
            fit_width(&ctx.agency.parent, false),
        ])
        .fold(30.0_f64, f64::max)
        .min(60.0);
    sh.width(0, label_w)?;
    for c in 1..=LAST_COL {
        sh.width(c, NUM_WIDTH)?;
    }

    // Title block.
    sh.text(0, 0, &ctx.agency.parent, &st.parent)?;
    sh.text(1, 0, &ctx.agency.name, &st.agency)?;
    sh.merged(
        (3, 0),
        (3, LAST_COL),
        w().titles.report.as_str(),
        &st.title,
        Some((true, 19.0)),
    )?;
    sh.merged(
        (4, 0),
        (4, LAST_COL),
        &ctx.period.label,
        &st.subtitle,
        Some((true, 16.0)),
    )?;
    sh.merged(
        (5, 0),
        (5, LAST_COL),
        &w().data_span(&dmy_short(ctx.period.start), &dmy_short(ctx.period.end)),
        &st.span,
        None,
    )?;
    sh.merged(
        (6, 0),
        (6, LAST_COL),
        &w().made_on(&dmy(ctx.as_of)),
        &st.made_on,
        None,
    )?;

    // I. Headline figures (the sheet's autofilter).
    let mut r = 8;
    sh.text(r, 0, w().summary.headline.as_str(), &st.section)?;
    r += 1;
    let head_row = r;
    sh.header_row(
        r,
        0,
        &[
            w().summary.col_indicator.as_str(),
            w().summary.col_value.as_str(),
        ],
        &st.header,
    )?;
    for (label, sub, unit, v) in headline(t) {
        r += 1;
        sh.text(r, 0, label, if sub { &st.text_indent } else { &st.text })?;
        let f = match unit {
            Unit::Count => &st.int,
            Unit::Rate => &st.pct,
            Unit::Days => &st.days,
        };
        sh.opt(r, 1, v, f)?;
    }
    sh.ws.autofilter(head_row, 0, r, 1)?;

    // II. Comparisons: rows are periods and changes, columns the two compared figures.
    r += 2;
    sh.text(r, 0, w().summary.compare.as_str(), &st.section)?;
    r += 1;
    let cmp_head = [
        w().compare.col_what.as_str(),
        w().compare.col_from.as_str(),
        w().compare.col_to.as_str(),
        w().headers.received.as_str(),
        w().headers.on_time_rate.as_str(),
    ];
    let cmp_row = r;
    sh.header_row(r, 0, &cmp_head, &st.header)?;
    let periods = [
        (&cmp_labels[0], ctx.period, t),
        (&cmp_labels[1], prev_p, prev_f),
        (&cmp_labels[2], ly_p, ly_f),
    ];
    for (label, p, f) in periods {
        r += 1;
        sh.text(r, 0, label, &st.text)?;
        sh.date(r, 1, p.start, &st.date)?;
        sh.date(r, 2, p.end, &st.date)?;
        sh.num(r, 3, f.received as f64, &st.int)?;
        sh.opt(r, 4, f.on_time_rate, &st.pct)?;
    }
    let now_rec = Some(t.received as f64);
    for (i, base) in [prev_f, ly_f].iter().enumerate() {
        let (rec_abs, rec_rel) = change(now_rec, Some(base.received as f64));
        let (rate_abs, rate_rel) = change(t.on_time_rate, base.on_time_rate);
        let (l_abs, l_rel) = if i == 0 {
            (&cmp_labels[3], &cmp_labels[4])
        } else {
            (&cmp_labels[5], &cmp_labels[6])
        };
        r += 1;
        sh.text(r, 0, l_abs, &st.text)?;
        sh.ws.write_blank(r, 1, &st.text)?;
        sh.ws.write_blank(r, 2, &st.text)?;
        sh.opt(r, 3, rec_abs, &st.signed_int)?;
        sh.opt(r, 4, rate_abs, &st.signed_pct)?;
        r += 1;
        sh.text(r, 0, l_rel, &st.text)?;
        sh.ws.write_blank(r, 1, &st.text)?;
        sh.ws.write_blank(r, 2, &st.text)?;
        sh.opt(r, 3, rec_rel, &st.signed_pct)?;
        sh.opt(r, 4, rate_rel, &st.signed_pct)?;
    }
    sh.filter_table("SoSanh", cmp_row, 0, r, &cmp_head, &st.header)?;
    r += 1;
    sh.merged(
        (r, 0),
        (r, LAST_COL),
        w().notes.compare.as_str(),
        &st.note,
        Some((false, 13.0)),
    )?;

    // III. The 12 months up to the period end, and their chart: printed from a new page, so
    // that the chart is never cut.
    r += 2;
    sh.ws.set_page_breaks(&[r])?;
    sh.text(r, 0, w().summary.monthly.as_str(), &st.section)?;
    r += 1;
    let month_head = [
        w().monthly.month.as_str(),
        w().compare.col_from.as_str(),
        w().compare.col_to.as_str(),
        w().headers.received.as_str(),
        w().monthly.resolved.as_str(),
        w().headers.on_time_rate.as_str(),
    ];
    let month_row = r;
    sh.header_row(r, 0, &month_head, &st.header)?;
    for m in ctx.monthly {
        r += 1;
        sh.text(r, 0, &m.label, &st.text)?;
        sh.date(r, 1, m.start, &st.date)?;
        sh.date(r, 2, m.end, &st.date)?;
        sh.num(r, 3, m.received as f64, &st.int)?;
        sh.num(r, 4, m.resolved as f64, &st.int)?;
        sh.opt(r, 5, m.on_time_rate, &st.pct)?;
    }
    sh.filter_table("TheoThang", month_row, 0, r, &month_head, &st.header)?;
    r += 1;
    let month_note = match ctx.period.mode {
        crate::calendar::period::Mode::Cutoff => w().notes.monthly_cutoff.as_str(),
        crate::calendar::period::Mode::Calendar => w().notes.monthly_calendar.as_str(),
    };
    sh.merged(
        (r, 0),
        (r, LAST_COL),
        month_note,
        &st.note,
        Some((false, 13.0)),
    )?;
    if !ctx.monthly.is_empty() {
        r += 1;
        let (first, last) = (month_row + 1, month_row + ctx.monthly.len() as u32);
        let mut chart = Chart::new(ChartType::Column);
        for (name, col) in [
            (w().charts.series_received.as_str(), 3u16),
            (w().charts.series_resolved.as_str(), 4),
        ] {
            chart
                .add_series()
                .set_name(name)
                .set_categories((w().sheets.summary.as_str(), first, 0, last, 0))
                .set_values((w().sheets.summary.as_str(), first, col, last, col));
        }
        chart.title().set_name(w().charts.monthly.as_str());
        chart
            .title()
            .set_font(rust_xlsxwriter::ChartFont::new().set_size(12).set_bold());
        chart.legend().set_position(ChartLegendPosition::Bottom);
        chart.y_axis().set_num_format("#,##0").set_min(0);
        chart.y_axis().set_major_gridlines(true);
        let height = 300;
        chart
            // A little narrower than the table: viewers that draw columns a few pixels
            // narrower (LibreOffice) would otherwise print the chart's edge on a second page.
            .set_width((sh.span_pixels(0, LAST_COL) as f64 * 0.92) as u32)
            .set_height(height);
        sh.ws.insert_chart_with_offset(r, 0, &chart, 0, 4)?;
        r += (height as f64 / 20.0).ceil() as u32 + 1;
    }

    // IV. Row accounting per file and in total; the inputs' SHA-256.
    r += 1;
    sh.text(r, 0, w().summary.accounting.as_str(), &st.section)?;
    r += 1;
    let acc_head = [
        w().accounting.file.as_str(),
        w().accounting.read.as_str(),
        w().accounting.accepted.as_str(),
        w().accounting.rejected.as_str(),
        w().accounting.duplicates.as_str(),
        w().accounting.skipped.as_str(),
        w().accounting.check.as_str(),
    ];
    let acc_row = r;
    sh.header_row(r, 0, &acc_head, &st.header)?;
    let files = &ctx.loaded.files;
    for f in files {
        r += 1;
        sh.text_wrapped(r, 0, &f.name, &st.text_wrap, false)?;
        for (i, v) in [f.rows_read, f.accepted, f.rejected, f.duplicates, f.skipped]
            .iter()
            .enumerate()
        {
            sh.num(r, 1 + i as u16, *v as f64, &st.int)?;
        }
        let ok = f.rows_read == f.accepted + f.rejected + f.duplicates + f.skipped;
        sh.text(
            r,
            6,
            if ok {
                w().accounting.ok.as_str()
            } else {
                w().accounting.broken.as_str()
            },
            &st.text_center,
        )?;
    }
    sh.filter_table("DoiSoat", acc_row, 0, r, &acc_head, &st.header)?;
    if files.is_empty() {
        r += 1;
        sh.merged(
            (r, 0),
            (r, LAST_COL),
            w().accounting.no_file.as_str(),
            &st.text,
            None,
        )?;
    }
    let l = ctx.loaded;
    let totals = [
        l.rows_read(),
        l.accepted(),
        l.rejected(),
        l.duplicate_count(),
        l.skipped(),
    ];
    let ok = totals[0] == totals[1] + totals[2] + totals[3] + totals[4] && l.identity_holds();
    r += 1;
    sh.text(r, 0, w().labels.total.as_str(), &st.text_total)?;
    for (i, v) in totals.iter().enumerate() {
        sh.num(r, 1 + i as u16, *v as f64, &st.int_total)?;
    }
    let total_center = st.text_total.clone().set_align(FormatAlign::Center);
    sh.text(
        r,
        6,
        if ok {
            w().accounting.ok.as_str()
        } else {
            w().accounting.broken.as_str()
        },
        &total_center,
    )?;
    r += 1;
    let n = |x: u64| group_thousands(x);
    let sentence = w().accounting_sentence(
        &n(totals[0]),
        &n(totals[1]),
        &n(totals[2]),
        &n(totals[3]),
        &n(totals[4]),
        ok,
    );
    let sentence_fmt: Format = if ok {
        st.agency.clone()
    } else {
        st.notice.clone()
    };
    sh.merged(
        (r, 0),
        (r, LAST_COL),
        &sentence,
        &sentence_fmt,
        Some((true, LINE)),
    )?;
    r += 1;
    sh.merged(
        (r, 0),
        (r, LAST_COL),
        w().notes.accounting.as_str(),
        &st.note,
        Some((false, 13.0)),
    )?;

    if !files.is_empty() {
        r += 2;
        sh.text(r, 0, w().summary.hashes.as_str(), &st.agency)?;
        for f in files {
            r += 1;
            sh.text_wrapped(r, 0, &f.name, &st.text_wrap, false)?;
            sh.merged((r, 1), (r, LAST_COL), &f.sha256, &st.hash, None)?;
        }
    }

    sh.print_scaled_to_width(LAST_COL, false)?;
    sh.finish()
}

const LINE: f64 = super::style::LINE_PT;

/// 1509 → "1.509" (Vietnamese thousands separator), for the sentence under the table.
pub(super) fn group_thousands(x: u64) -> String {
    let s = x.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_and_changes() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(1509), "1.509");
        assert_eq!(group_thousands(1_000_000), "1.000.000");
        assert_eq!(change(Some(120.0), Some(100.0)), (Some(20.0), Some(0.2)));
        assert_eq!(change(Some(5.0), Some(0.0)), (Some(5.0), None));
        assert_eq!(change(None, Some(0.9)), (None, None));
    }
}
