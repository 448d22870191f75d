//! The Chấm điểm sheet's trend section (SPEC §6): one row for the agency and one per department
//! (best rank first) with its rating, points, rank now and in the previous period, the change
//! (↑ ↓ =) and the points of the twelve periods coloured by rating band; then a native line chart
//! of the agency and the three departments with the worst rank. Wording from
//! `report-templates/xu-huong.toml`.

use rust_xlsxwriter::{
    Chart, ChartEmptyCells, ChartLegendPosition, ChartMarker, ChartType, Color, Format,
    FormatAlign, FormatBorder,
};

use super::style::{Sheet, Styles, XResult};
use super::words::w as ww;
use crate::render::ReportContext;
use crate::render::trend::{short_label, w};
use crate::scorecard::trend::Point;

/// The first column of the twelve periods (columns 0–8 are the sheet's other tables).
const FIRST_PERIOD_COL: u16 = 9;
const PERIOD_WIDTH: f64 = 10.0;

/// Writes the section from row `r`; returns the last row used.
pub fn section(sh: &mut Sheet, st: &Styles, ctx: &ReportContext, mut r: u32) -> XResult<u32> {
    let Some(t) = ctx.trend else {
        return Ok(r);
    };
    let x = &w().xlsx;
    let n = t.periods.len() as u16;
    let last_col = FIRST_PERIOD_COL + n - 1;
    for c in FIRST_PERIOD_COL..=last_col {
        sh.width(c, PERIOD_WIDTH)?;
    }
    sh.text(r, 0, &x.section, &st.section)?;
    r += 1;
    let labels: Vec<String> = t.periods.iter().map(short_label).collect();
    let mut head: Vec<&str> = vec![
        &x.rank,
        &x.unit,
        &x.rating,
        &x.points,
        &x.max,
        &x.previous_rank,
        &x.movement,
        &x.points_change,
        &x.previous,
    ];
    head.extend(labels.iter().map(String::as_str));
    sh.header_row(r, 0, &head, &st.header)?;

    let center = st.text_center.clone();
    let no_data = st
        .text_wrap
        .clone()
        .set_italic()
        .set_font_size(8)
        .set_align(FormatAlign::Center)
        .set_font_color(Color::RGB(0x808080));
    let band_fmt = |p: &Point| -> Format {
        let f = st.points.clone();
        match p.band.and_then(|b| w().band_colour(b)) {
            Some(c) => f.set_background_color(Color::RGB(c)),
            None => f,
        }
    };
    let write_points = |sh: &mut Sheet, r: u32, pts: &[Point]| -> XResult<()> {
        for (i, p) in pts.iter().enumerate() {
            let col = FIRST_PERIOD_COL + i as u16;
            match p.points {
                Some(v) => sh.num(r, col, v, &band_fmt(p))?,
                None => sh.text_wrapped(r, col, &w().no_data, &no_data, false)?,
            }
        }
        Ok(())
    };
    let previous_text = |pts: &[Point]| -> String {
        match pts.len().checked_sub(2).and_then(|i| pts.get(i)) {
            Some(Point {
                points: Some(p),
                rating: Some(rt),
                ..
            }) => format!("{} — {rt}", crate::render::pdf::vi::points(*p)),
            _ => w().no_data.clone(),
        }
    };

    // The agency.
    r += 1;
    let now = t.agency.last();
    sh.ws.write_blank(r, 0, &st.text_total)?;
    sh.text(r, 1, &w().agency, &st.text_total)?;
    sh.text(
        r,
        2,
        now.and_then(|p| p.rating.as_deref()).unwrap_or(""),
        &st.text_total,
    )?;
    sh.opt(r, 3, now.and_then(|p| p.points), &st.points_total)?;
    sh.opt(r, 4, now.map(|p| p.max_points), &st.points_total)?;
    sh.ws.write_blank(r, 5, &st.text_total)?;
    sh.ws.write_blank(r, 6, &st.text_total)?;
    sh.opt(r, 7, t.agency_change, &signed(true))?;
    sh.text(r, 8, &previous_text(&t.agency), &st.text_total)?;
    write_points(sh, r, &t.agency)?;

    // The departments, best rank first.
    let mut dept_rows: Vec<(&str, u32)> = Vec::new();
    for d in t.ranked() {
        r += 1;
        dept_rows.push((d.key.as_str(), r));
        let now = d.points.last();
        sh.num(r, 0, d.rank as f64, &st.plain)?;
        sh.text_wrapped(r, 1, &d.key, &st.text_wrap, false)?;
        sh.text(
            r,
            2,
            now.and_then(|p| p.rating.as_deref()).unwrap_or(""),
            &st.text,
        )?;
        sh.opt(r, 3, now.and_then(|p| p.points), &st.points)?;
        sh.opt(r, 4, now.map(|p| p.max_points), &st.points)?;
        sh.opt(r, 5, d.previous_rank.map(f64::from), &st.plain)?;
        let movement = match d.previous_rank {
            Some(p) => format!("{} ({p} → {})", w().arrow(d.status), d.rank),
            None => w().arrow(d.status).to_string(),
        };
        sh.text(r, 6, &movement, &center)?;
        sh.opt(r, 7, d.points_change, &signed(false))?;
        sh.text(r, 8, &previous_text(&d.points), &st.text)?;
        write_points(sh, r, &d.points)?;
    }
    r += 1;
    sh.merged((r, 0), (r, 8), &x.note, &st.note, Some((false, 13.0)))?;

    // The line chart: the agency and the three departments with the worst rank. Its data is a
    // small table below the chart whose cells are blank for a period without data, so that
    // the line has a gap there (a text cell would be drawn as zero).
    r += 1;
    let sheet = ww().sheets.scorecard.as_str();
    let mut lines: Vec<(&str, &[Point])> = vec![(w().agency.as_str(), &t.agency)];
    for d in t.worst(3) {
        lines.push((d.key.as_str(), &d.points));
    }
    let height = 320;
    let chart_row = r;
    r += (height as f64 / 20.0).ceil() as u32 + 1;
    sh.text(r, 0, &x.chart_data, &st.section)?;
    r += 1;
    let data_head = r;
    sh.text_wrapped(r, 8, &x.unit, &st.header, true)?;
    for (i, l) in labels.iter().enumerate() {
        sh.text_wrapped(r, FIRST_PERIOD_COL + i as u16, l, &st.header, true)?;
    }
    let mut chart = Chart::new(ChartType::Line);
    for (name, pts) in &lines {
        r += 1;
        sh.text_wrapped(r, 8, name, &st.text_wrap, false)?;
        for (i, p) in pts.iter().enumerate() {
            sh.opt(r, FIRST_PERIOD_COL + i as u16, p.points, &st.points)?;
        }
        chart
            .add_series()
            .set_name((sheet, r, 8))
            .set_categories((sheet, data_head, FIRST_PERIOD_COL, data_head, last_col))
            .set_values((sheet, r, FIRST_PERIOD_COL, r, last_col))
            .set_marker(ChartMarker::new().set_automatic());
    }
    chart.title().set_name(x.chart.as_str());
    chart
        .title()
        .set_font(rust_xlsxwriter::ChartFont::new().set_size(12).set_bold());
    chart.legend().set_position(ChartLegendPosition::Bottom);
    let max = t.agency.first().map(|p| p.max_points).unwrap_or(100.0);
    chart.y_axis().set_min(0).set_max(max.max(1.0));
    chart.y_axis().set_major_gridlines(true);
    chart.show_empty_cells_as(ChartEmptyCells::Gaps);
    chart
        .set_width(sh.span_pixels(0, last_col).min(1400))
        .set_height(height);
    sh.ws.insert_chart_with_offset(chart_row, 0, &chart, 0, 4)?;
    Ok(r)
}

/// "+5" / "−5" / "0" as a number format (points change).
fn signed(total: bool) -> Format {
    let f = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
        .set_num_format("+0.##;−0.##;0");
    if total {
        f.set_bold().set_background_color(Color::RGB(0xF2F2F2))
    } else {
        f
    }
}
