//! The scorecard trend in the report (SPEC §6): in section III the agency's line over the twelve
//! periods and the ranking of the departments with the change against the previous period
//! (↑ ↓ =); after the signature the annex "Phụ lục: Phiếu chấm điểm", one block per department
//! (its criteria and points, the case numbers behind each lost point, its twelve-period line),
//! each starting at the top or the middle of a page so that it can be handed out alone. Wording
//! from `report-templates/xu-huong.toml`.

use super::compose::{Block, LOST_CASES, Numbering};
use super::fonts::Face;
use super::layout::{Align, BLUE, GRID, Layout, ORANGE, ParaStyle, Rgb, Row, Table, nice_step};
use super::templates::{Templates, Vars};
use super::vi;
use crate::render::ReportContext;
use crate::render::trend::{short_label, w};
use crate::scorecard::DepartmentScore;
use crate::scorecard::trend::{DepartmentTrend, Point, Trend, fmt_change};

const EPS: f64 = 1e-9;
const GREY: Rgb = [0.55, 0.55, 0.55];
/// Case numbers listed per lost criterion on a department's block.
const CARD_CASES: usize = 3 * LOST_CASES;

/// Lines over the periods; a period without a value is a gap ("chưa có số liệu").
#[derive(Debug, Clone)]
pub struct LineChart {
    pub caption: String,
    pub categories: Vec<String>,
    /// (name, colour, one value per category)
    pub series: Vec<(String, Rgb, Vec<Option<f64>>)>,
    /// The top of the value axis (the maximum points).
    pub max: f64,
    pub plot_h: f32,
}

fn values(pts: &[Point]) -> Vec<Option<f64>> {
    pts.iter().map(|p| p.points).collect()
}

fn caption_and_plot(l: &Layout, c: &LineChart) -> (Vec<String>, f32) {
    let size = 8.0;
    let cap = l.wrap(&c.caption, Face::Bold, 12.0, l.g.width() * 0.9, 0.0);
    let cap_h = cap.len() as f32 * 12.0 * 1.2 + 3.0;
    let legend_h = if c.series.len() > 1 { size * 1.4 } else { 0.0 };
    let total_h = cap_h + 12.0 + c.plot_h + 3.0 * size * 1.3 + legend_h + 10.0;
    (cap, total_h)
}

/// The height a line chart takes (it is kept on one page).
pub fn chart_height(l: &Layout, c: &LineChart) -> f32 {
    caption_and_plot(l, c).1
}

/// Draws a line chart with gridlines, the value at each point and the period labels; kept on one
/// page.
pub fn line_chart(l: &mut Layout, c: &LineChart) {
    let size = 8.0;
    let max = c.max.max(1.0);
    let step = nice_step(max / 5.0);
    let axis_max = ((max / step).ceil() * step).max(step);
    let tick_w = l.width(Face::Regular, &vi::points(axis_max), size) + 6.0;
    let legend_h = if c.series.len() > 1 { size * 1.4 } else { 0.0 };
    let (cap, total_h) = caption_and_plot(l, c);
    l.ensure(total_h);
    for line in &cap {
        let b = l.y + 12.0;
        let (x, wd) = (l.g.left, l.g.width());
        l.text_in(x, wd, b, Face::Bold, 12.0, line, Align::Center);
        l.y += 12.0 * 1.2;
    }
    l.y += 3.0;
    let x0 = l.g.left + tick_w;
    let plot_w = l.g.width() - tick_w;
    let top = l.y + 10.0;
    let bottom = top + c.plot_h;
    let y_of = |v: f64| bottom - (v / axis_max) as f32 * c.plot_h;
    let mut t = 0.0;
    while t <= axis_max + 1e-9 {
        let y = y_of(t);
        if t > 0.0 {
            l.line_colored(x0, y, x0 + plot_w, y, 0.4, GRID);
        }
        l.text_in(
            l.g.left,
            tick_w - 4.0,
            y + size * 0.35,
            Face::Regular,
            size,
            &vi::points(t),
            Align::Right,
        );
        t += step;
    }
    let n = c.categories.len().max(1);
    let slot = plot_w / n as f32;
    let x_of = |i: usize| x0 + slot * (i as f32 + 0.5);
    for (i, cat) in c.categories.iter().enumerate() {
        l.text_in(
            x0 + slot * i as f32,
            slot,
            bottom + size * 1.3,
            Face::Regular,
            size,
            cat,
            Align::Center,
        );
    }
    // Periods where no series has a value: say so at the foot of the slot.
    for i in 0..c.categories.len() {
        if c.series
            .iter()
            .all(|s| s.2.get(i).copied().flatten().is_none())
        {
            let words: Vec<&str> = w().no_data.split_whitespace().collect();
            let half = words.len().div_ceil(2);
            for (k, part) in [words[..half].join(" "), words[half..].join(" ")]
                .iter()
                .enumerate()
            {
                l.text_in(
                    x0 + slot * i as f32,
                    slot,
                    bottom - 14.0 + k as f32 * size * 1.1,
                    Face::Italic,
                    size - 1.0,
                    part,
                    Align::Center,
                );
            }
        }
    }
    for (si, (_, colour, vals)) in c.series.iter().enumerate() {
        let width = if si == 0 { 1.6 } else { 1.0 };
        for i in 1..vals.len() {
            if let (Some(a), Some(b)) = (vals[i - 1], vals[i]) {
                l.line_colored(x_of(i - 1), y_of(a), x_of(i), y_of(b), width, *colour);
            }
        }
        for (i, v) in vals.iter().enumerate() {
            if let Some(v) = v {
                let (x, y) = (x_of(i), y_of(*v));
                l.rect(x - 2.0, y - 2.0, 4.0, 4.0, Some(*colour), None);
                if si == 0 {
                    l.text_in(
                        x - slot / 2.0,
                        slot,
                        y - 4.0,
                        Face::Regular,
                        size - 0.5,
                        &vi::points(*v),
                        Align::Center,
                    );
                }
            }
        }
    }
    l.line(x0, top - 4.0, x0, bottom, 0.6);
    l.line(x0, bottom, x0 + plot_w, bottom, 0.6);
    l.y = bottom + size * 1.3 + 6.0;
    if c.series.len() > 1 {
        let sq = size * 0.8;
        let gap = 14.0;
        let total: f32 = c
            .series
            .iter()
            .map(|(nm, _, _)| sq + 4.0 + l.width(Face::Regular, nm, size))
            .sum::<f32>()
            + gap * (c.series.len() - 1) as f32;
        let mut x = l.g.left + (l.g.width() - total) / 2.0;
        let b = l.y + size;
        for (nm, colour, _) in &c.series {
            l.rect(x, b - sq + 0.5, sq, sq, Some(*colour), None);
            x += sq + 4.0;
            l.text(x, b, Face::Regular, size, nm);
            x += l.width(Face::Regular, nm, size) + gap;
        }
        l.y += legend_h;
    }
    l.y += 6.0;
}

fn movement(d: &DepartmentTrend) -> String {
    match d.previous_rank {
        Some(p) => format!("{} ({p} → {})", w().arrow(d.status), d.rank),
        None => w().arrow(d.status).to_string(),
    }
}

fn now_text(p: Option<&Point>) -> (String, String) {
    match p {
        Some(Point {
            points: Some(x),
            rating: Some(r),
            ..
        }) => (vi::points(*x), r.clone()),
        _ => (w().no_data.clone(), String::new()),
    }
}

/// Section III's trend blocks: the agency's line and the ranking with the change arrows.
pub fn section(ctx: &ReportContext, n: &mut Numbering) -> Vec<Block> {
    let Some(tr) = ctx.trend else {
        return Vec::new();
    };
    let p = &w().pdf;
    let x = &w().xlsx;
    let mut b = vec![Block::Sub(p.ranking_sub.clone())];
    // The agency's line in words, then drawn.
    let labels: Vec<String> = tr.periods.iter().map(short_label).collect();
    let with_data: Vec<(usize, f64)> = tr
        .agency
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.points.map(|v| (i, v)))
        .collect();
    if let (Some(best), Some(worst)) = (
        with_data
            .iter()
            .copied()
            .max_by(|a, b| a.1.partial_cmp(&b.1).unwrap().then(b.0.cmp(&a.0))),
        with_data
            .iter()
            .copied()
            .min_by(|a, b| a.1.partial_cmp(&b.1).unwrap().then(a.0.cmp(&b.0))),
    ) {
        let v = Vars::new()
            .with("first", labels.first().cloned().unwrap_or_default())
            .with("last", labels.last().cloned().unwrap_or_default())
            .with("points_now", now_text(tr.agency.last()).0)
            .with("change", fmt_change(tr.agency_change))
            .with("best", vi::points(best.1))
            .with("best_period", labels[best.0].clone())
            .with("worst", vi::points(worst.1))
            .with("worst_period", labels[worst.0].clone());
        b.push(Block::Para(v.fill(&p.agency_line)));
    }
    b.push(Block::Lines(LineChart {
        caption: n.chart(&p.agency_chart),
        categories: labels.clone(),
        series: vec![(w().agency.clone(), BLUE, values(&tr.agency))],
        max: tr.agency.last().map(|p| p.max_points).unwrap_or(100.0),
        plot_h: 120.0,
    }));
    if tr.agency.iter().any(|p| p.points.is_none()) {
        b.push(Block::Note(p.no_data_note.clone()));
    }
    if tr.departments.is_empty() {
        return b;
    }
    let previous = tr
        .periods
        .len()
        .checked_sub(2)
        .and_then(|i| tr.periods.get(i))
        .map(|p| p.title.clone())
        .unwrap_or_default();
    b.push(Block::Para(
        Vars::new()
            .with("previous", previous)
            .fill(&p.ranking_intro),
    ));
    let mut rows: Vec<Row> = tr
        .ranked()
        .iter()
        .map(|d| {
            let (pts, rating) = now_text(d.points.last());
            Row {
                cells: vec![
                    d.rank.to_string(),
                    d.key.clone(),
                    pts,
                    rating,
                    d.previous_rank
                        .map(|r| r.to_string())
                        .unwrap_or_else(|| "—".into()),
                    movement(d),
                    fmt_change(d.points_change),
                ],
                total: false,
            }
        })
        .collect();
    let (pts, rating) = now_text(tr.agency.last());
    rows.push(Row {
        cells: vec![
            String::new(),
            w().agency.clone(),
            pts,
            rating,
            String::new(),
            String::new(),
            fmt_change(tr.agency_change),
        ],
        total: true,
    });
    b.push(Block::Table(Table {
        caption: Some(n.table(&p.ranking_table)),
        widths: vec![0.6, 3.2, 0.8, 1.3, 0.9, 1.2, 1.0],
        aligns: vec![
            Align::Right,
            Align::Left,
            Align::Right,
            Align::Left,
            Align::Right,
            Align::Center,
            Align::Right,
        ],
        header: vec![
            x.rank.clone(),
            x.unit.clone(),
            x.points.clone(),
            x.rating.clone(),
            x.previous_rank.clone(),
            x.movement.clone(),
            x.points_change.clone(),
        ],
        rows,
        size: 11.0,
        nowrap: vec![],
    }));
    b
}

/// One department's block.
fn card(l: &mut Layout, ctx: &ReportContext, t: &Templates, tr: &Trend, d: &DepartmentScore) {
    let p = &w().pdf;
    let body = ParaStyle::body();
    let dt = tr.department(&d.key);
    l.paragraph(
        &Vars::new()
            .with("department", d.key.clone())
            .fill(&p.card_title),
        &ParaStyle {
            face: Face::Bold,
            align: Align::Center,
            space_before: 0.0,
            space_after: 4.0,
            ..body
        },
    );
    let v = Vars::new()
        .with("period", ctx.period.label.clone())
        .with("points", vi::points(d.points))
        .with("max_points", vi::points(d.max_points))
        .with("rating", d.rating.clone())
        .with("rank", dt.map(|x| x.rank.to_string()).unwrap_or_default())
        .with("count", tr.departments.len().to_string())
        .with("arrow", dt.map(|x| w().arrow(x.status)).unwrap_or_default())
        .with(
            "previous_rank",
            dt.and_then(|x| x.previous_rank)
                .map(|r| r.to_string())
                .unwrap_or_else(|| p.card_previous_none.clone()),
        )
        .with("change", fmt_change(dt.and_then(|x| x.points_change)));
    l.paragraph(&v.fill(&p.card_summary), &body);
    let c = &t.columns;
    let rows: Vec<Row> = d
        .criteria
        .iter()
        .enumerate()
        .map(|(i, r)| Row {
            cells: vec![
                (i + 1).to_string(),
                r.title.clone(),
                vi::points(r.points),
                vi::points(r.max_points),
                r.note.clone(),
            ],
            total: false,
        })
        .chain(std::iter::once(Row {
            cells: vec![
                String::new(),
                t.document.total_row.clone(),
                vi::points(d.points),
                vi::points(d.max_points),
                d.rating.clone(),
            ],
            total: true,
        }))
        .collect();
    l.space(2.0);
    l.table(&Table {
        caption: None,
        widths: vec![0.5, 3.6, 0.8, 0.8, 2.6],
        aligns: vec![
            Align::Right,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Left,
        ],
        header: vec![
            c.number.clone(),
            c.criterion.clone(),
            c.points.clone(),
            c.max_points.clone(),
            c.note.clone(),
        ],
        rows,
        size: 10.0,
        nowrap: vec![],
    });
    let list = ParaStyle {
        align: Align::Left,
        size: 12.0,
        ..body
    };
    let mut any = false;
    for r in d.criteria.iter().filter(|r| r.points < r.max_points - EPS) {
        if r.cases.is_empty() {
            continue;
        }
        any = true;
        let mut ids: Vec<String> = r.cases.iter().take(CARD_CASES).cloned().collect();
        if r.cases.len() > CARD_CASES {
            ids.push(format!(
                "{} {} khác",
                vi::int((r.cases.len() - CARD_CASES) as u64),
                t.document.cases
            ));
        }
        l.paragraph(
            &Vars::new()
                .with("title", r.title.clone())
                .with("cases", ids.join(", "))
                .fill(&p.card_lost),
            &list,
        );
    }
    if !any {
        l.paragraph(&p.card_no_lost, &list);
    }
    if let Some(dt) = dt {
        l.space(2.0);
        line_chart(
            l,
            &LineChart {
                caption: p.card_line.clone(),
                categories: tr.periods.iter().map(short_label).collect(),
                series: vec![
                    (d.key.clone(), ORANGE, values(&dt.points)),
                    (w().agency.clone(), GREY, values(&tr.agency)),
                ],
                max: d.max_points,
                plot_h: 90.0,
            },
        );
    }
}

/// The annex: one block per department, each at the top or the middle of a page.
pub fn annex(l: &mut Layout, ctx: &ReportContext, t: &Templates) {
    let (Some(tr), Some(sc)) = (ctx.trend, ctx.scorecard) else {
        return;
    };
    if sc.by_department.is_empty() {
        return;
    }
    let p = &w().pdf;
    let body = ParaStyle::body();
    l.new_page();
    l.paragraph(
        &p.annex_title,
        &ParaStyle {
            face: Face::Bold,
            align: Align::Center,
            space_before: 0.0,
            space_after: 4.0,
            ..body
        },
    );
    l.paragraph(
        &Vars::new()
            .with("period", ctx.period.title.clone())
            .fill(&p.annex_intro),
        &ParaStyle {
            face: Face::Italic,
            size: 12.0,
            ..body
        },
    );
    l.space(8.0);
    let middle = l.g.top + (l.g.limit() - l.g.top) / 2.0;
    for (i, d) in sc.by_department.iter().enumerate() {
        // The block's height, measured on a scratch page.
        let mut scratch = Layout::new(l.fonts, l.g);
        card(&mut scratch, ctx, t, tr, d);
        let h = if scratch.pages.len() == 1 {
            scratch.y - l.g.top
        } else {
            f32::INFINITY
        };
        if i == 0 {
            l.ensure(h);
        } else if !l.at_page_top() {
            if l.y <= middle && l.g.limit() - middle >= h {
                // A cutting line across the middle of the page.
                l.line_colored(
                    l.g.left,
                    middle - 6.0,
                    l.g.left + l.g.width(),
                    middle - 6.0,
                    0.4,
                    GRID,
                );
                l.y = middle;
            } else {
                l.new_page();
            }
        }
        card(l, ctx, t, tr, d);
    }
}
