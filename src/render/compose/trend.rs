//! What the report says of the scorecard trend (SPEC §6): in section III the agency's line over
//! the twelve periods and the ranking of the departments with the change against the previous
//! period (↑ ↓ =); after the signature the annex "Phụ lục: Phiếu chấm điểm", one card per
//! department (its criteria and points, the case numbers behind each lost point, its
//! twelve-period line), which the PDF and the DOCX lay out so that each can be handed out alone.
//! Wording from `report-templates/xu-huong.toml`.

use super::{LOST_CASES, Numbering};
use crate::render::ReportContext;
use crate::render::document::{
    Align, Annex, BLUE, Block, Card, GREY, LineChart, ORANGE, Row, Table,
};
use crate::render::pdf::templates::{Templates, Vars};
use crate::render::pdf::vi;
use crate::render::trend::{short_label, w};
use crate::scorecard::DepartmentScore;
use crate::scorecard::trend::{DepartmentTrend, Point, Trend, fmt_change};

const EPS: f64 = 1e-9;
/// Case numbers listed per lost criterion on a department's card.
const CARD_CASES: usize = 3 * LOST_CASES;

fn values(pts: &[Point]) -> Vec<Option<f64>> {
    pts.iter().map(|p| p.points).collect()
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
        no_data: w().no_data.clone(),
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

/// One department's card.
fn card(ctx: &ReportContext, t: &Templates, tr: &Trend, d: &DepartmentScore) -> Card {
    let p = &w().pdf;
    let dt = tr.department(&d.key);
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
    let table = Table {
        widths: vec![0.5, 3.6, 0.8, 0.8, 2.6],
        size: 10.0,
        ..super::criteria_table(&d.criteria, d.points, d.max_points, &d.rating, t)
    };
    let mut lost = Vec::new();
    for r in d.criteria.iter().filter(|r| r.points < r.max_points - EPS) {
        if r.cases.is_empty() {
            continue;
        }
        let mut ids: Vec<String> = r.cases.iter().take(CARD_CASES).cloned().collect();
        if r.cases.len() > CARD_CASES {
            ids.push(format!(
                "{} {} khác",
                vi::int((r.cases.len() - CARD_CASES) as u64),
                t.document.cases
            ));
        }
        lost.push(
            Vars::new()
                .with("title", r.title.clone())
                .with("cases", ids.join(", "))
                .fill(&p.card_lost),
        );
    }
    if lost.is_empty() {
        lost.push(p.card_no_lost.clone());
    }
    Card {
        title: Vars::new()
            .with("department", d.key.clone())
            .fill(&p.card_title),
        summary: v.fill(&p.card_summary),
        table,
        lost,
        chart: dt.map(|dt| LineChart {
            caption: p.card_line.clone(),
            categories: tr.periods.iter().map(short_label).collect(),
            series: vec![
                (d.key.clone(), ORANGE, values(&dt.points)),
                (w().agency.clone(), GREY, values(&tr.agency)),
            ],
            max: d.max_points,
            plot_h: 90.0,
            no_data: w().no_data.clone(),
        }),
    }
}

/// The annex: one card per department, when the scorecard has departments.
pub fn annex(ctx: &ReportContext, t: &Templates) -> Option<Annex> {
    let (Some(tr), Some(sc)) = (ctx.trend, ctx.scorecard) else {
        return None;
    };
    if sc.by_department.is_empty() {
        return None;
    }
    let p = &w().pdf;
    Some(Annex {
        title: p.annex_title.clone(),
        intro: Vars::new()
            .with("period", ctx.period.title.clone())
            .fill(&p.annex_intro),
        cards: sc
            .by_department
            .iter()
            .map(|d| card(ctx, t, tr, d))
            .collect(),
    })
}
