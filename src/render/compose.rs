//! What the report says, in reading order: the NĐ 30 header, sections I–IV generated from the
//! figures through `report-templates/bao-cao.toml`, tables and charts, the closing line, "Nơi
//! nhận:" and the signature block.

use super::document::{
    Align, BLUE, Block, Document, HBarChart, Header, ORANGE, RED, Row, Signature, Table, VBarChart,
};
use super::pdf::templates::{Templates, Vars};
use super::pdf::vi;
use crate::figures::{CaseRef, Figures, Group};
use crate::render::ReportContext;
use crate::scorecard::ScorecardReport;

mod trend;

/// Rows of the overdue list printed in the report; the rest are counted ("… và N vụ việc khác").
pub const OVERDUE_ROWS: usize = 25;
/// Case numbers listed per criterion that lost points.
pub const LOST_CASES: usize = 10;
/// Departments drawn in the department chart; the others are summed in one bar.
pub const CHART_DEPARTMENTS: usize = 12;

/// Table and chart numbering.
pub struct Numbering<'t> {
    t: &'t Templates,
    tables: u32,
    charts: u32,
}

impl<'t> Numbering<'t> {
    pub fn new(t: &'t Templates) -> Self {
        Numbering {
            t,
            tables: 0,
            charts: 0,
        }
    }
    fn table(&mut self, caption: &str) -> String {
        self.tables += 1;
        let n = Vars::new().with("n", self.tables.to_string());
        format!("{}{}", n.fill(&self.t.document.table_prefix), caption)
    }
    fn chart(&mut self, caption: &str) -> String {
        self.charts += 1;
        let n = Vars::new().with("n", self.charts.to_string());
        format!("{}{}", n.fill(&self.t.document.chart_prefix), caption)
    }
}

pub fn info_title(ctx: &ReportContext, t: &Templates) -> String {
    Vars::new()
        .with("period_title", ctx.period.title.clone())
        .fill(&t.document.info_title)
}

/// A target rate: "95%" (whole) or "92,5%".
fn target(x: f64) -> String {
    let p = x * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{}%", vi::dec(p, 0))
    } else {
        vi::pct(x)
    }
}

/// "A, B và C".
fn join_and(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} và {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

/// The placeholders every template can use.
pub fn base_vars(ctx: &ReportContext, t: &Templates) -> Vars {
    let f = &ctx.figures.totals;
    let prev = ctx.previous.1;
    let ly = ctx.last_year.1;
    let (dd, mm) = vi::day_month(ctx.as_of);
    let mut v = Vars::new();
    v.set("period_title", ctx.period.title.clone())
        .set("period_label", ctx.period.label.clone())
        .set("start", vi::date(ctx.period.start))
        .set("end", vi::date(ctx.period.end))
        .set("agency_short", ctx.agency.short_name.clone())
        .set("number_prefix", ctx.agency.number_prefix.clone())
        .set("place", ctx.agency.place.clone())
        .set("dd", dd)
        .set("mm", mm)
        .set("yyyy", chrono::Datelike::year(&ctx.as_of).to_string())
        .set("min_cell", ctx.privacy_min_cell.to_string())
        .set("files", vi::int(ctx.loaded.files.len() as u64))
        .set("rows_read", vi::int(ctx.loaded.rows_read()))
        .set("accepted", vi::int(ctx.loaded.accepted()))
        .set("rejected", vi::int(ctx.loaded.rejected()))
        .set("duplicates", vi::int(ctx.loaded.duplicate_count()))
        .set("skipped", vi::int(ctx.loaded.skipped()))
        .set("target_on_time_rate", target(t.targets.on_time_rate))
        .set(
            "target_satisfaction_rate",
            target(t.targets.satisfaction_rate),
        );
    figure_vars(&mut v, f, prev, ly, t);
    v
}

/// The figure placeholders of SPEC §5 totals and their comparisons.
pub fn figure_vars(v: &mut Vars, f: &Figures, prev: &Figures, ly: &Figures, t: &Templates) {
    let c = &t.change;
    v.set("received", vi::int(f.received))
        .set("carried_over", vi::int(f.carried_over))
        .set("to_handle", vi::int(f.to_handle))
        .set("resolved", vi::int(f.resolved))
        .set("resolved_on_time", vi::int(f.resolved_on_time))
        .set("resolved_late", vi::int(f.resolved_late))
        .set("pending", vi::int(f.pending))
        .set("pending_overdue", vi::int(f.pending_overdue))
        .set("on_time_rate", vi::pct_opt(f.on_time_rate))
        .set("resolved_share", vi::pct_opt(f.resolved_share()))
        .set("responded", vi::int(f.responded))
        .set("response_on_time", vi::int(f.response_on_time))
        .set("response_late", vi::int(f.response_late()))
        .set("response_mean", vi::days_opt(f.response_days.mean))
        .set("resolution_mean", vi::days_opt(f.resolution_days.mean))
        .set(
            "resolution_wd_mean",
            vi::days_opt(f.resolution_working_days.mean),
        )
        .set(
            "resolution_wd_median",
            vi::days_opt(f.resolution_working_days.median),
        )
        .set(
            "resolution_wd_p90",
            vi::days_opt(f.resolution_working_days.p90),
        )
        .set("rated", vi::int(f.satisfaction.rated))
        .set("satisfied", vi::int(f.satisfaction.satisfied))
        .set("satisfaction_rate", vi::pct_opt(f.satisfaction.rate))
        .set("assigned_count", vi::int(f.assigned_within_1wd.count))
        .set("assigned_within", vi::int(f.assigned_within_1wd.within))
        .set("assigned_rate", vi::pct_opt(f.assigned_within_1wd.rate))
        .set("previous_received", vi::int(prev.received))
        .set("last_year_received", vi::int(ly.received))
        .set(
            "change_previous",
            vi::change_count(f.received, prev.received, &c.previous, c),
        )
        .set(
            "change_last_year",
            vi::change_count(f.received, ly.received, &c.last_year, c),
        )
        .set(
            "rate_change_previous",
            vi::change_rate(f.on_time_rate, prev.on_time_rate, &c.previous, c),
        )
        .set(
            "rate_change_last_year",
            vi::change_rate(f.on_time_rate, ly.on_time_rate, &c.last_year, c),
        );
}

// ------------------------------------------------------------------------------------------------
// Tables and lists of the breakdowns
// ------------------------------------------------------------------------------------------------

fn figures_row(label: &str, f: &Figures, total: bool) -> Row {
    Row {
        cells: vec![
            label.to_string(),
            vi::int(f.received),
            vi::int(f.to_handle),
            vi::int(f.resolved),
            vi::int(f.resolved_on_time),
            vi::int(f.resolved_late),
            vi::int(f.pending_overdue),
            vi::pct_opt(f.on_time_rate),
        ],
        total,
    }
}

/// The breakdown table of SPEC §5 (received, to handle, resolved, on time, late, overdue, rate).
pub fn breakdown_table(
    caption: String,
    first_column: &str,
    groups: &[&Group],
    totals: &Figures,
    t: &Templates,
) -> Table {
    let c = &t.columns;
    let mut rows: Vec<Row> = groups
        .iter()
        .map(|g| figures_row(&g.label, &g.figures, false))
        .collect();
    rows.push(figures_row(&t.document.total_row, totals, true));
    Table {
        caption: Some(caption),
        widths: vec![3.5, 1.0, 1.0, 1.1, 1.0, 1.0, 1.25, 1.1],
        aligns: vec![
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
        ],
        header: vec![
            first_column.to_string(),
            c.received.clone(),
            c.to_handle.clone(),
            c.resolved.clone(),
            c.on_time.clone(),
            c.late.clone(),
            c.overdue.clone(),
            c.on_time_rate.clone(),
        ],
        rows,
        size: 11.0,
        nowrap: vec![],
    }
}

/// "phản ánh 40 vụ việc (54,1%); kiến nghị 19 vụ việc (25,7%); …" over the groups received in
/// the period, most first when `sort`.
pub fn share_list(groups: &[Group], total: u64, sort: bool, lower: bool, t: &Templates) -> String {
    let mut g: Vec<&Group> = groups.iter().filter(|g| g.figures.received > 0).collect();
    if sort {
        // Stable: ties keep the vocabulary's order.
        g.sort_by(|a, b| b.figures.received.cmp(&a.figures.received));
    }
    g.iter()
        .map(|g| {
            let label = if lower {
                vi::lower_first(&g.label)
            } else {
                g.label.clone()
            };
            format!(
                "{label} {} {} ({})",
                vi::int(g.figures.received),
                t.document.cases,
                vi::pct_opt(Figures::share_of(g.figures.received, total))
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The departments with overdue cases, most first: ("Phòng A (7 vụ việc)", "Phòng A").
fn overdue_departments(groups: &[Group], t: &Templates) -> (String, String) {
    let mut g: Vec<&Group> = groups
        .iter()
        .filter(|g| g.figures.pending_overdue > 0)
        .collect();
    g.sort_by(|a, b| b.figures.pending_overdue.cmp(&a.figures.pending_overdue));
    let top: Vec<&Group> = g.iter().take(3).copied().collect();
    let with_counts: Vec<String> = top
        .iter()
        .map(|g| {
            format!(
                "{} ({} {})",
                g.label,
                vi::int(g.figures.pending_overdue),
                t.document.cases
            )
        })
        .collect();
    let mut names: Vec<String> = top.iter().map(|g| g.label.clone()).collect();
    if g.len() > 3 {
        names.push("các đơn vị còn vụ việc quá hạn khác".into());
    }
    (join_and(&with_counts), join_and(&names))
}

/// Overdue cases, most days first, capped; tố cáo cases of a department with fewer than
/// `min_cell` tố cáo in the list show the department as "Khác" (SPEC §8). Returns the table rows
/// and whether any department was merged.
pub fn overdue_rows(
    late: &[CaseRef],
    kind_label: &dyn Fn(&str) -> String,
    min_cell: u32,
    other: &str,
    cap: usize,
) -> (Vec<Row>, usize, bool) {
    let mut cases: Vec<&CaseRef> = late
        .iter()
        .filter(|c| c.reason == "pending_overdue")
        .collect();
    cases.sort_by(|a, b| {
        b.days_overdue
            .cmp(&a.days_overdue)
            .then_with(|| a.id.cmp(&b.id))
    });
    // SPEC §8 through the one privacy module, over the whole list (before the cap).
    let masks = crate::privacy::mask_list(cases.iter().copied(), min_cell);
    let mut merged = false;
    let rows = cases
        .iter()
        .zip(&masks)
        .take(cap)
        .enumerate()
        .map(|(i, (c, m))| {
            let dept = if m.department {
                merged = true;
                other.to_string()
            } else {
                c.department.clone()
            };
            Row {
                cells: vec![
                    (i + 1).to_string(),
                    c.id.clone(),
                    kind_label(&c.kind),
                    dept,
                    vi::date(c.received),
                    c.deadline.map(vi::date).unwrap_or_else(|| "—".into()),
                    vi::int(c.days_overdue.max(0) as u64),
                ],
                total: false,
            }
        })
        .collect();
    (rows, cases.len().saturating_sub(cap), merged)
}

// ------------------------------------------------------------------------------------------------
// Sections
// ------------------------------------------------------------------------------------------------

fn section_receipt(ctx: &ReportContext, t: &Templates, v: &Vars, n: &mut Numbering) -> Vec<Block> {
    let r = &t.receipt;
    let f = &ctx.figures.totals;
    let mut b = vec![
        Block::Heading(r.title.clone()),
        Block::Sub(r.volume_title.clone()),
        Block::Para(v.fill(&r.volume)),
    ];
    if f.received > 0 {
        let kinds = share_list(&ctx.figures.by_kind, f.received, false, true, t);
        b.push(Block::Para(v.with("kind_list", kinds).fill(&r.by_kind)));
    }
    let kinds: Vec<&Group> = ctx.figures.by_kind.iter().collect();
    b.push(Block::Table(breakdown_table(
        n.table(&r.kind_table),
        &t.columns.kind,
        &kinds,
        f,
        t,
    )));
    b.push(Block::Note(v.fill(&r.data_note)));

    b.push(Block::Sub(r.channel_title.clone()));
    if f.received > 0 {
        let channels = share_list(&ctx.figures.by_channel, f.received, true, true, t);
        b.push(Block::Para(
            v.with("channel_list", channels).fill(&r.by_channel),
        ));
    }
    let channels: Vec<&Group> = ctx
        .figures
        .by_channel
        .iter()
        .filter(|g| g.figures.to_handle > 0 || g.figures.received > 0)
        .collect();
    b.push(Block::Table(breakdown_table(
        n.table(&r.channel_table),
        &t.columns.channel,
        &channels,
        f,
        t,
    )));
    if f.received > 0 {
        let mut items: Vec<(String, Vec<u64>)> = ctx
            .figures
            .by_channel
            .iter()
            .filter(|g| g.figures.received > 0)
            .map(|g| (g.label.clone(), vec![g.figures.received]))
            .collect();
        items.sort_by(|a, b| b.1[0].cmp(&a.1[0]));
        b.push(Block::HBars(HBarChart {
            caption: n.chart(&r.channel_chart),
            series: vec![(t.columns.received.clone(), BLUE)],
            items,
        }));
    }

    if !ctx.monthly.is_empty() {
        b.push(Block::Sub(r.monthly_title.clone()));
        b.push(Block::Para(v.fill(&r.monthly)));
        b.push(Block::VBars(VBarChart {
            caption: n.chart(&r.monthly_chart),
            series: vec![
                (r.monthly_received.clone(), BLUE),
                (r.monthly_resolved.clone(), ORANGE),
            ],
            categories: ctx.monthly.iter().map(|m| m.label.clone()).collect(),
            values: ctx
                .monthly
                .iter()
                .map(|m| vec![m.received, m.resolved])
                .collect(),
        }));
    }
    b
}

fn section_handling(ctx: &ReportContext, t: &Templates, v: &Vars, n: &mut Numbering) -> Vec<Block> {
    let h = &t.handling;
    let f = &ctx.figures.totals;
    let mut b = vec![
        Block::Heading(h.title.clone()),
        Block::Sub(h.result_title.clone()),
    ];
    b.push(Block::Para(v.fill(if f.resolved > 0 {
        &h.result
    } else {
        &h.result_none
    })));
    b.push(Block::Para(v.fill(if f.pending == 0 {
        &h.pending_zero
    } else if f.pending_overdue > 0 {
        &h.pending
    } else {
        &h.pending_in_time
    })));

    b.push(Block::Sub(h.time_title.clone()));
    b.push(Block::Para(v.fill(if f.responded > 0 {
        &h.response
    } else {
        &h.response_none
    })));
    if f.resolution_working_days.count > 0 {
        b.push(Block::Para(v.fill(&h.resolution_time)));
    }
    if f.assigned_within_1wd.count > 0 {
        b.push(Block::Para(v.fill(&h.assigned)));
    }
    b.push(Block::Para(v.fill(if f.satisfaction.rated > 0 {
        &h.satisfaction
    } else {
        &h.satisfaction_none
    })));

    b.push(Block::Sub(h.department_title.clone()));
    let depts = &ctx.figures.by_department;
    if !depts.is_empty() {
        let mut top: Vec<&Group> = depts.iter().filter(|g| g.figures.to_handle > 0).collect();
        top.sort_by(|a, b| b.figures.to_handle.cmp(&a.figures.to_handle));
        let list: Vec<String> = top
            .iter()
            .take(3)
            .map(|g| {
                format!(
                    "{} ({} {})",
                    g.label,
                    vi::int(g.figures.to_handle),
                    t.document.cases
                )
            })
            .collect();
        if !list.is_empty() {
            b.push(Block::Para(
                v.with("department_list", list.join("; "))
                    .fill(&h.department),
            ));
        }
        let groups: Vec<&Group> = depts.iter().collect();
        b.push(Block::Table(breakdown_table(
            n.table(&h.department_table),
            &t.columns.department,
            &groups,
            f,
            t,
        )));
        let mut items: Vec<(String, Vec<u64>)> = depts
            .iter()
            .filter(|g| g.figures.to_handle > 0)
            .map(|g| {
                (
                    g.label.clone(),
                    vec![g.figures.to_handle, g.figures.pending_overdue],
                )
            })
            .collect();
        items.sort_by(|a, b| b.1[0].cmp(&a.1[0]));
        if items.len() > CHART_DEPARTMENTS {
            let rest = items.split_off(CHART_DEPARTMENTS - 1);
            let sum = |i: usize| rest.iter().map(|r| r.1[i]).sum::<u64>();
            items.push((format!("{} đơn vị khác", rest.len()), vec![sum(0), sum(1)]));
        }
        if !items.is_empty() {
            b.push(Block::HBars(HBarChart {
                caption: n.chart(&h.department_chart),
                series: vec![
                    (h.department_chart_to_handle.clone(), BLUE),
                    (h.department_chart_overdue.clone(), RED),
                ],
                items,
            }));
        }
    }

    b.push(Block::Sub(h.overdue_title.clone()));
    let vocab = &ctx.loaded.vocab;
    let kind_label = |code: &str| vocab.kind.label(code).to_string();
    let (rows, more, merged) = overdue_rows(
        ctx.late,
        &kind_label,
        ctx.privacy_min_cell,
        &h.other_group,
        OVERDUE_ROWS,
    );
    if rows.is_empty() {
        b.push(Block::Para(v.fill(&h.overdue_none)));
    } else {
        let c = &t.columns;
        b.push(Block::Para(v.fill(&h.overdue_intro)));
        b.push(Block::Table(Table {
            caption: Some(n.table(&h.overdue_table)),
            widths: vec![0.55, 1.75, 1.1, 2.6, 1.25, 1.25, 1.0],
            aligns: vec![
                Align::Right,
                Align::Left,
                Align::Left,
                Align::Left,
                Align::Center,
                Align::Center,
                Align::Right,
            ],
            header: vec![
                c.number.clone(),
                c.case_id.clone(),
                c.kind.clone(),
                c.department.clone(),
                c.received_date.clone(),
                c.deadline.clone(),
                c.days_overdue.clone(),
            ],
            rows,
            size: 11.0,
            nowrap: vec![0, 1],
        }));
        if more > 0 {
            b.push(Block::Para(
                v.with("more", vi::int(more as u64)).fill(&h.overdue_more),
            ));
        }
        if merged {
            b.push(Block::Note(v.fill(&h.privacy_note)));
        }
    }
    b
}

fn share_of(points: f64, max: f64) -> f64 {
    if max > 0.0 { points / max } else { 1.0 }
}

const EPS: f64 = 1e-9;

/// A criteria table: one row per criterion (number, title, points, maximum, note), then the
/// total with the rating — the agency's in section III and each department's card alike (a card
/// sets its own caption, widths and size).
pub fn criteria_table(
    criteria: &[crate::scorecard::CriterionResult],
    points: f64,
    max_points: f64,
    rating: &str,
    t: &Templates,
) -> Table {
    let c = &t.columns;
    Table {
        caption: None,
        widths: vec![0.5, 3.6, 0.9, 0.9, 2.6],
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
        rows: criteria_rows(criteria, points, max_points, rating, t),
        size: 11.0,
        nowrap: vec![],
    }
}

fn criteria_rows(
    criteria: &[crate::scorecard::CriterionResult],
    points: f64,
    max_points: f64,
    rating: &str,
    t: &Templates,
) -> Vec<Row> {
    criteria
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
                vi::points(points),
                vi::points(max_points),
                rating.to_string(),
            ],
            total: true,
        }))
        .collect()
}

/// Section III: the scorecard, leadership's first read — points and rating, the criteria that
/// lost points (with the cases behind them), and the departments ranked worst first.
pub fn section_scorecard(
    sc: Option<&ScorecardReport>,
    t: &Templates,
    n: &mut Numbering,
) -> Vec<Block> {
    let s = &t.scorecard;
    let c = &t.columns;
    let mut b = vec![Block::Heading(s.title.clone())];
    let Some(sc) = sc else {
        b.push(Block::Para(s.missing.clone()));
        return b;
    };
    let a = &sc.agency;
    let v = Vars::new()
        .with("table", sc.table.clone())
        .with("points", vi::points(a.points))
        .with("max_points", vi::points(a.max_points))
        .with("share", vi::pct(share_of(a.points, a.max_points)))
        .with("rating", a.rating.clone());
    b.push(Block::Para(v.fill(&s.summary)));
    if !sc.notice.trim().is_empty() {
        let notice = sc.notice.trim().trim_end_matches('.').to_string();
        b.push(Block::Note(v.with("notice", notice).fill(&s.notice)));
    }
    let lost: Vec<_> = a
        .criteria
        .iter()
        .filter(|r| r.points < r.max_points - EPS)
        .collect();
    if lost.is_empty() {
        b.push(Block::Para(s.no_lost.clone()));
    } else {
        b.push(Block::Para(s.lost_intro.clone()));
        for r in &lost {
            let line = Vars::new()
                .with("title", r.title.clone())
                .with("points", vi::points(r.points))
                .with("max_points", vi::points(r.max_points))
                .with("note", r.note.clone())
                .fill(&s.lost_item);
            b.push(Block::Para(line));
            if !r.cases.is_empty() {
                let mut ids: Vec<String> = r.cases.iter().take(LOST_CASES).cloned().collect();
                if r.cases.len() > LOST_CASES {
                    ids.push(format!(
                        "{} {} khác",
                        vi::int((r.cases.len() - LOST_CASES) as u64),
                        t.document.cases
                    ));
                }
                b.push(Block::List(
                    Vars::new()
                        .with("cases", join_and(&ids))
                        .fill(&s.lost_cases),
                ));
            }
        }
    }
    let mut table = criteria_table(&a.criteria, a.points, a.max_points, &a.rating, t);
    table.caption = Some(n.table(&s.criteria_table));
    b.push(Block::Table(table));

    let ranked = sc.departments_worst_first();
    if ranked.is_empty() {
        b.push(Block::Para(s.departments_none.clone()));
        return b;
    }
    let below: Vec<String> = ranked
        .iter()
        .filter(|d| d.points < d.max_points - EPS)
        .take(3)
        .map(|d| {
            format!(
                "{} ({}/{} điểm, {})",
                d.key,
                vi::points(d.points),
                vi::points(d.max_points),
                d.rating
            )
        })
        .collect();
    if below.is_empty() {
        b.push(Block::Para(s.departments_all_full.clone()));
    } else {
        b.push(Block::Para(
            Vars::new()
                .with("worst_list", below.join("; "))
                .fill(&s.departments),
        ));
    }
    b.push(Block::Table(Table {
        caption: Some(n.table(&s.departments_table)),
        widths: vec![0.5, 3.6, 0.9, 0.9, 0.9, 1.4],
        aligns: vec![
            Align::Right,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Left,
        ],
        header: vec![
            c.number.clone(),
            c.unit.clone(),
            c.points.clone(),
            c.max_points.clone(),
            c.points_share.clone(),
            c.rating.clone(),
        ],
        rows: ranked
            .iter()
            .enumerate()
            .map(|(i, d)| Row {
                cells: vec![
                    (i + 1).to_string(),
                    d.key.clone(),
                    vi::points(d.points),
                    vi::points(d.max_points),
                    vi::pct(share_of(d.points, d.max_points)),
                    d.rating.clone(),
                ],
                total: false,
            })
            .collect(),
        size: 11.0,
        nowrap: vec![],
    }));
    b
}

/// What section IV needs besides the wording.
pub struct IssueFacts<'a> {
    pub totals: &'a Figures,
    pub departments: &'a [Group],
    pub rejected: u64,
    pub duplicates: u64,
    pub scorecard: Option<&'a ScorecardReport>,
}

/// Section IV: the shortcomings found in the figures and the proposals that follow from them.
pub fn section_issues(facts: &IssueFacts, t: &Templates, v: &Vars) -> Vec<Block> {
    let i = &t.issues;
    let f = facts.totals;
    let mut b = vec![
        Block::Heading(i.title.clone()),
        Block::Sub(i.problems_title.clone()),
    ];
    let mut problems = Vec::new();
    let mut proposals = Vec::new();
    let (with_counts, names) = overdue_departments(facts.departments, t);
    let v = v
        .with("overdue_departments", with_counts)
        .with("overdue_department_names", names);
    if f.pending_overdue > 0 {
        problems.push(v.fill(&i.overdue));
        proposals.push(v.fill(&i.propose_overdue));
    }
    if f.resolved_late > 0 {
        let below = f
            .on_time_rate
            .map(|r| r < t.targets.on_time_rate)
            .unwrap_or(false);
        problems.push(v.fill(if below {
            &i.late
        } else {
            &i.late_within_target
        }));
        proposals.push(v.fill(&i.propose_late));
    }
    if f.response_late() > 0 {
        problems.push(v.fill(&i.response_late));
    }
    if let Some(rate) = f.satisfaction.rate
        && rate < t.targets.satisfaction_rate
    {
        problems.push(v.fill(&i.satisfaction));
        proposals.push(v.fill(&i.propose_satisfaction));
    }
    if facts.rejected > 0 || facts.duplicates > 0 {
        problems.push(v.fill(&i.data_quality));
        proposals.push(v.fill(&i.propose_data));
    }
    if let Some(sc) = facts.scorecard {
        let lost = sc
            .agency
            .criteria
            .iter()
            .filter(|r| r.points < r.max_points - EPS)
            .count();
        let worst = sc
            .departments_worst_first()
            .into_iter()
            .find(|d| d.points < d.max_points - EPS);
        if lost > 0 || worst.is_some() {
            let worst_name = worst
                .map(|d| {
                    format!(
                        "{} ({}/{} điểm)",
                        d.key,
                        vi::points(d.points),
                        vi::points(d.max_points)
                    )
                })
                .unwrap_or_else(|| "—".into());
            problems.push(
                v.with("lost_count", vi::int(lost as u64))
                    .with("worst_department", worst_name)
                    .fill(&i.scorecard),
            );
            proposals.push(v.fill(&i.propose_scorecard));
        }
    }
    if problems.is_empty() {
        problems.push(v.fill(&i.none));
    }
    proposals.push(v.fill(&i.propose_always));
    b.extend(problems.into_iter().map(Block::Para));
    b.push(Block::Sub(i.proposals_title.clone()));
    b.extend(proposals.into_iter().map(Block::Para));
    b
}

// ------------------------------------------------------------------------------------------------
// The whole document
// ------------------------------------------------------------------------------------------------

/// The NĐ 30/2020 header block.
fn header(ctx: &ReportContext, t: &Templates, v: &Vars) -> Header {
    let d = &t.document;
    Header {
        parent: ctx.agency.parent.clone(),
        agency: ctx.agency.name.clone(),
        number: v.fill(&d.number),
        national_name: d.national_name.clone(),
        motto: d.motto.clone(),
        place_date: v.fill(&d.place_date),
        doc_type: d.doc_type.clone(),
        summary: v.fill(&d.summary),
    }
}

/// "Nơi nhận:" and the signature block.
fn signature(ctx: &ReportContext, t: &Templates) -> Signature {
    let a = ctx.agency;
    Signature {
        recipients_title: t.document.recipients_title.clone(),
        recipients: a.recipients.iter().map(|r| format!("- {r}")).collect(),
        titles: [a.signer_authority.as_str(), a.signer_title.as_str()]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .map(str::to_string)
            .collect(),
        name: if a.signer_name.trim().is_empty() {
            String::new()
        } else {
            a.signer_name.clone()
        },
    }
}

/// The whole report, built once for every backend.
pub fn document(ctx: &ReportContext, t: &Templates) -> Document {
    let v = base_vars(ctx, t);
    let mut body = vec![Block::Para(v.fill(&t.document.intro))];
    let mut n = Numbering::new(t);
    body.extend(section_receipt(ctx, t, &v, &mut n));
    body.extend(section_handling(ctx, t, &v, &mut n));
    body.extend(section_scorecard(ctx.scorecard, t, &mut n));
    body.extend(trend::section(ctx, &mut n));
    body.extend(section_issues(
        &IssueFacts {
            totals: &ctx.figures.totals,
            departments: &ctx.figures.by_department,
            rejected: ctx.loaded.rejected(),
            duplicates: ctx.loaded.duplicate_count(),
            scorecard: ctx.scorecard,
        },
        t,
        &v,
    ));
    body.push(Block::Para(v.fill(&t.document.closing)));
    Document {
        title: info_title(ctx, t),
        author: ctx.agency.name.clone(),
        as_of: ctx.as_of,
        header: header(ctx, t, &v),
        body,
        signature: signature(ctx, t),
        annex: trend::annex(ctx, t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scorecard::{CriterionResult, DepartmentScore, Scorecard};

    fn t() -> Templates {
        Templates::shipped()
    }

    fn crit(id: &str, points: f64, max: f64, cases: &[&str]) -> CriterionResult {
        CriterionResult {
            id: id.into(),
            title: format!("Tiêu chí {id}"),
            value: Some(0.9),
            points,
            max_points: max,
            cases: cases.iter().map(|s| s.to_string()).collect(),
            note: "đạt mức ≥ 90%".into(),
            unit: crate::scorecard::ValueUnit::Rate,
        }
    }

    fn dept(key: &str, points: f64, max: f64) -> DepartmentScore {
        DepartmentScore {
            key: key.into(),
            points,
            max_points: max,
            rating: "Khá".into(),
            criteria: vec![],
        }
    }

    fn texts(b: &[Block]) -> String {
        b.iter().map(|b| b.text()).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn scorecard_missing_says_so() {
        let t = t();
        let mut n = Numbering::new(&t);
        let b = section_scorecard(None, &t, &mut n);
        assert_eq!(b.len(), 2);
        assert!(b[1].text().contains("chưa được tính"));
    }

    #[test]
    fn scorecard_lists_lost_criteria_and_ranks_departments_worst_first() {
        let t = t();
        let mut n = Numbering::new(&t);
        let ids: Vec<String> = (1..=13).map(|i| format!("BQL-{i:03}")).collect();
        let idr: Vec<&str> = ids.iter().map(String::as_str).collect();
        let sc = ScorecardReport {
            table: "Bảng điểm mẫu".into(),
            notice: "MẪU — thay bằng bảng điểm của QĐ 1413/QĐ-UBND khi có".into(),
            agency: Scorecard {
                points: 77.5,
                max_points: 100.0,
                rating: "Khá".into(),
                criteria: vec![crit("a", 20.0, 20.0, &[]), crit("b", 7.5, 20.0, &idr)],
            },
            by_department: vec![
                dept("Phòng A", 50.0, 50.0),
                dept("Phòng B", 20.0, 50.0),
                dept("Phòng C", 40.0, 50.0),
            ],
        };
        let b = section_scorecard(Some(&sc), &t, &mut n);
        let s = texts(&b);
        assert!(
            s.contains("Ban đạt 77,5/100 điểm (77,5%), xếp loại \"Khá\""),
            "{s}"
        );
        assert!(s.contains("Lưu ý: MẪU"));
        assert!(s.contains("- Tiêu chí b: đạt 7,5/20 điểm"));
        assert!(!s.contains("- Tiêu chí a:"));
        assert!(s.contains("BQL-001, BQL-002"));
        assert!(s.contains("BQL-010 và 3 vụ việc khác"));
        assert!(!s.contains("BQL-011"));
        let pb = s.find("Phòng B (20/50").unwrap();
        let pc = s.find("Phòng C (40/50").unwrap();
        assert!(pb < pc);
        // The ranking table: worst first.
        let table = b
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .last()
            .unwrap();
        let order: Vec<&str> = table.rows.iter().map(|r| r.cells[1].as_str()).collect();
        assert_eq!(order, ["Phòng B", "Phòng C", "Phòng A"]);
    }

    #[test]
    fn issues_follow_the_figures() {
        let t = t();
        let mut totals = Figures {
            resolved: 77,
            resolved_late: 12,
            resolved_on_time: 65,
            pending_overdue: 16,
            on_time_rate: Some(65.0 / 77.0),
            ..Default::default()
        };
        totals.satisfaction.rated = 37;
        totals.satisfaction.satisfied = 25;
        totals.satisfaction.rate = Some(25.0 / 37.0);
        let g = |k: &str, o: u64| Group {
            key: k.into(),
            label: k.into(),
            figures: Figures {
                pending_overdue: o,
                ..Default::default()
            },
        };
        let depts = vec![
            g("Phòng A", 7),
            g("Phòng B", 1),
            g("Phòng C", 6),
            g("Phòng D", 0),
        ];
        let mut v = Vars::new();
        figure_vars(
            &mut v,
            &totals,
            &Figures::default(),
            &Figures::default(),
            &t,
        );
        v.set("rejected", "5").set("duplicates", "1");
        v.set("target_on_time_rate", "95%")
            .set("target_satisfaction_rate", "80%");
        let facts = IssueFacts {
            totals: &totals,
            departments: &depts,
            rejected: 5,
            duplicates: 1,
            scorecard: None,
        };
        let s = texts(&section_issues(&facts, &t, &v));
        assert!(s.contains("Còn 16 vụ việc quá hạn chưa giải quyết, tập trung ở Phòng A (7 vụ việc), Phòng C (6 vụ việc) và Phòng B (1 vụ việc)."), "{s}");
        assert!(s.contains("tỷ lệ giải quyết đúng hạn đạt 84,4%, thấp hơn mục tiêu 95%"));
        assert!(s.contains("67,6% (25/37"));
        assert!(s.contains("5 dòng bị loại"));
        assert!(s.contains("Đề nghị Phòng A, Phòng C và Phòng B khẩn trương"));
        let clean = Figures::default();
        let facts = IssueFacts {
            totals: &clean,
            departments: &[],
            rejected: 0,
            duplicates: 0,
            scorecard: None,
        };
        let s = texts(&section_issues(&facts, &t, &v));
        assert!(s.contains("không có tồn tại, hạn chế nổi bật"));
    }

    #[test]
    fn denunciations_of_small_departments_are_merged() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 4, 20).unwrap();
        let case = |id: &str, kind: &str, dept: &str, days: i64| CaseRef {
            id: id.into(),
            kind: kind.into(),
            channel: "hotline".into(),
            department: dept.into(),
            category: "Đất đai".into(),
            received: d,
            deadline: Some(d),
            resolved: None,
            days_overdue: days,
            reason: "pending_overdue".into(),
        };
        let late = vec![
            case("A1", "to_cao", "Phòng A", 3),
            case("B1", "to_cao", "Phòng B", 9),
            case("B2", "to_cao", "Phòng B", 2),
            case("B3", "to_cao", "Phòng B", 1),
            case("C1", "phan_anh", "Phòng C", 5),
            CaseRef {
                reason: "resolved_late".into(),
                ..case("Z9", "phan_anh", "Phòng Z", 50)
            },
        ];
        let label = |k: &str| k.to_string();
        let (rows, more, merged) = overdue_rows(&late, &label, 3, "Khác", 4);
        assert!(merged);
        assert_eq!(more, 1);
        let ids: Vec<&str> = rows.iter().map(|r| r.cells[1].as_str()).collect();
        assert_eq!(ids, ["B1", "C1", "A1", "B2"]);
        assert_eq!(rows[0].cells[3], "Phòng B");
        assert_eq!(rows[1].cells[3], "Phòng C");
        assert_eq!(rows[2].cells[3], "Khác");
    }
}
