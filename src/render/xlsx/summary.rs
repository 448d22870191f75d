//! Sheet "Tổng hợp": title block, headline figures, comparisons, the 12-month table and chart,
//! and the row accounting of SPEC §3.6 with the inputs' SHA-256.

use rust_xlsxwriter::{Chart, ChartLegendPosition, ChartType, Format, FormatAlign, Worksheet};

use super::style::{Sheet, Styles, XResult, fit_width};
use super::words as w;
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
        (w::H_CARRIED_OVER, false, Unit::Count, n(f.carried_over)),
        (w::H_RECEIVED, false, Unit::Count, n(f.received)),
        (w::H_TO_HANDLE, false, Unit::Count, n(f.to_handle)),
        (w::H_RESOLVED, false, Unit::Count, n(f.resolved)),
        (w::H_ON_TIME, true, Unit::Count, n(f.resolved_on_time)),
        (w::H_LATE, true, Unit::Count, n(f.resolved_late)),
        (w::H_PENDING, false, Unit::Count, n(f.pending)),
        (
            w::H_PENDING_OVERDUE,
            true,
            Unit::Count,
            n(f.pending_overdue),
        ),
        (w::H_ON_TIME_RATE, false, Unit::Rate, f.on_time_rate),
        (w::H_RESPONDED, false, Unit::Count, n(f.responded)),
        (
            w::H_RESPONSE_ON_TIME,
            true,
            Unit::Count,
            n(f.response_on_time),
        ),
        (w::H_RATED, false, Unit::Count, n(f.satisfaction.rated)),
        (
            w::H_SATISFIED,
            true,
            Unit::Count,
            n(f.satisfaction.satisfied),
        ),
        (
            w::H_SATISFACTION_RATE,
            false,
            Unit::Rate,
            f.satisfaction.rate,
        ),
        (
            w::H_ASSIGNED,
            false,
            Unit::Count,
            n(f.assigned_within_1wd.count),
        ),
        (
            w::H_ASSIGNED_WITHIN,
            true,
            Unit::Count,
            n(f.assigned_within_1wd.within),
        ),
        (
            w::H_ASSIGNED_RATE,
            false,
            Unit::Rate,
            f.assigned_within_1wd.rate,
        ),
        (w::H_RESPONSE_MEAN, false, Unit::Days, f.response_days.mean),
        (
            w::H_RESOLUTION_MEAN,
            false,
            Unit::Days,
            f.resolution_days.mean,
        ),
        (
            w::H_RESOLUTION_WD_MEAN,
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
    let mut sh = Sheet::new(w::SHEET_SUMMARY)?;
    let t = &ctx.figures.totals;
    let (prev_p, prev_f) = ctx.previous;
    let (ly_p, ly_f) = ctx.last_year;

    // Column A fits the longest label of every block.
    let cmp_labels = [
        w::period_named(w::CMP_THIS, &ctx.period.label),
        w::period_named(w::CMP_PREVIOUS, &prev_p.label),
        w::period_named(w::CMP_LAST_YEAR, &ly_p.label),
        w::CMP_DIFF_PREVIOUS.to_string(),
        w::CMP_DIFF_PREVIOUS_PCT.to_string(),
        w::CMP_DIFF_LAST_YEAR.to_string(),
        w::CMP_DIFF_LAST_YEAR_PCT.to_string(),
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
        w::REPORT_TITLE,
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
        &w::data_span(&dmy_short(ctx.period.start), &dmy_short(ctx.period.end)),
        &st.span,
        None,
    )?;
    sh.merged(
        (6, 0),
        (6, LAST_COL),
        &w::made_on(&dmy(ctx.as_of)),
        &st.made_on,
        None,
    )?;

    // I. Headline figures (the sheet's autofilter).
    let mut r = 8;
    sh.text(r, 0, w::SECTION_HEADLINE, &st.section)?;
    r += 1;
    let head_row = r;
    sh.header_row(r, 0, &[w::COL_INDICATOR, w::COL_VALUE], &st.header)?;
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
    sh.text(r, 0, w::SECTION_COMPARE, &st.section)?;
    r += 1;
    let cmp_head = [
        w::CMP_COL_WHAT,
        w::CMP_COL_FROM,
        w::CMP_COL_TO,
        w::H_RECEIVED,
        w::H_ON_TIME_RATE,
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
        w::CMP_NOTE,
        &st.note,
        Some((false, 13.0)),
    )?;

    // III. The 12 months up to the period end, and their chart: printed from a new page, so
    // that the chart is never cut.
    r += 2;
    sh.ws.set_page_breaks(&[r])?;
    sh.text(r, 0, w::SECTION_MONTHLY, &st.section)?;
    r += 1;
    let month_head = [
        w::MONTH_COL,
        w::CMP_COL_FROM,
        w::CMP_COL_TO,
        w::H_RECEIVED,
        w::MONTH_RESOLVED,
        w::H_ON_TIME_RATE,
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
        crate::calendar::period::Mode::Cutoff => w::MONTH_NOTE_CUTOFF,
        crate::calendar::period::Mode::Calendar => w::MONTH_NOTE_CALENDAR,
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
            (w::CHART_SERIES_RECEIVED, 3u16),
            (w::CHART_SERIES_RESOLVED, 4),
        ] {
            chart
                .add_series()
                .set_name(name)
                .set_categories((w::SHEET_SUMMARY, first, 0, last, 0))
                .set_values((w::SHEET_SUMMARY, first, col, last, col));
        }
        chart.title().set_name(w::CHART_MONTHLY);
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
    sh.text(r, 0, w::SECTION_ACCOUNTING, &st.section)?;
    r += 1;
    let acc_head = [
        w::ACC_FILE,
        w::ACC_READ,
        w::ACC_ACCEPTED,
        w::ACC_REJECTED,
        w::ACC_DUPLICATES,
        w::ACC_SKIPPED,
        w::ACC_CHECK,
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
            if ok { w::ACC_OK } else { w::ACC_BROKEN },
            &st.text_center,
        )?;
    }
    sh.filter_table("DoiSoat", acc_row, 0, r, &acc_head, &st.header)?;
    if files.is_empty() {
        r += 1;
        sh.merged((r, 0), (r, LAST_COL), w::ACC_NO_FILE, &st.text, None)?;
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
    sh.text(r, 0, w::TOTAL, &st.text_total)?;
    for (i, v) in totals.iter().enumerate() {
        sh.num(r, 1 + i as u16, *v as f64, &st.int_total)?;
    }
    let total_center = st.text_total.clone().set_align(FormatAlign::Center);
    sh.text(
        r,
        6,
        if ok { w::ACC_OK } else { w::ACC_BROKEN },
        &total_center,
    )?;
    r += 1;
    let n = |x: u64| group_thousands(x);
    let sentence = w::accounting_sentence(
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
        w::ACC_NOTE,
        &st.note,
        Some((false, 13.0)),
    )?;

    if !files.is_empty() {
        r += 2;
        sh.text(r, 0, w::SECTION_HASHES, &st.agency)?;
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
