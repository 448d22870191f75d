//! The báo cáo tổng hợp (SPEC §11) as a neutral document: the consolidating body's NĐ 30 header,
//! I. tình hình tiếp nhận (units reported and missing, totals, by kind and channel, change against
//! the previous period), II. each unit's results with group subtotals and the total, III. kết quả
//! giải quyết, IV. the units' scorecard ranking, V. tồn tại and kiến nghị, "Nơi nhận:" and the
//! signature block. The PDF and the DOCX lay out the same [`Document`]; the wording is the
//! `[report]` part of `report-templates/tong-hop.toml`, with the shared words of
//! `report-templates/bao-cao.toml` (Quốc hiệu, numbering, comparisons, targets, column names).

use chrono::NaiveDate;

use super::data::{Consolidation, Score, Status, UnitRow};
use super::units::UnitsFile;
use super::words::Words;
use crate::calendar::period::Period;
use crate::figures::{Figures, Group};
use crate::render::compose::{breakdown_table, figure_vars, share_list};
use crate::render::document::{Align, Block, Document, Header, Row, Signature, Table};
use crate::render::pdf::templates::{Templates, Vars};
use crate::render::pdf::vi;

/// Units named in the "most overdue" sentences.
const MOST_OVERDUE: usize = 3;
/// Units named in the "below the target" sentence, lowest first; the others are counted.
const BELOW_TARGET: usize = 10;

/// What the report is made from.
pub struct ReportContext<'a> {
    pub c: &'a Consolidation,
    pub units: &'a UnitsFile,
    pub period: &'a Period,
    pub as_of: NaiveDate,
    pub words: &'a Words,
    pub t: &'a Templates,
}

/// The file name of the PDF or the DOCX.
pub fn file_name(words: &Words, period: &Period, ext: &str) -> String {
    format!("{}.{ext}", Words::file(&words.report.file, &period.slug))
}

/// "A, B và C".
fn join_and(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} và {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

/// The units that sent figures, with them.
fn with_data<'a>(ctx: &'a ReportContext) -> Vec<(&'a UnitRow, &'a Figures)> {
    ctx.c
        .units()
        .filter_map(|u| u.data.as_ref().map(|d| (u, &d.totals)))
        .collect()
}

/// The units with overdue pending cases, most first (then in the units file's order).
fn most_overdue<'a>(ctx: &'a ReportContext) -> Vec<(&'a UnitRow, u64)> {
    let mut v: Vec<(&UnitRow, u64)> = with_data(ctx)
        .into_iter()
        .filter(|(_, f)| f.pending_overdue > 0)
        .map(|(u, f)| (u, f.pending_overdue))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1));
    v.truncate(MOST_OVERDUE);
    v
}

fn vars(ctx: &ReportContext) -> Vars {
    let t = ctx.t;
    let c = ctx.c;
    let f = &c.total.totals;
    let mut prev = Figures::default();
    if let Some(p) = &c.total.previous {
        prev.received = p.received;
        prev.on_time_rate = p.on_time_rate();
    }
    let mut ly = Figures::default();
    if let Some(p) = &c.total.last_year {
        ly.received = p.received;
        ly.on_time_rate = p.on_time_rate();
    }
    let (dd, mm) = vi::day_month(ctx.as_of);
    let missing: Vec<String> = c.missing().iter().map(|u| u.name.clone()).collect();
    let forms_only: Vec<String> = c
        .units()
        .filter(|u| u.status == Status::FormsOnly)
        .map(|u| u.name.clone())
        .collect();
    let over = most_overdue(ctx);
    let body = &ctx.units.body;
    let mut v = Vars::new();
    v.set("period_title", ctx.period.title.clone())
        .set("period_label", ctx.period.label.clone())
        .set("start", vi::date(ctx.period.start))
        .set("end", vi::date(ctx.period.end))
        .set(
            "agency_short",
            body.short_name.clone().unwrap_or_else(|| body.name.clone()),
        )
        .set(
            "number_prefix",
            body.number_prefix
                .clone()
                .unwrap_or_else(|| ctx.words.report.number_prefix.clone()),
        )
        .set("place", place(ctx))
        .set("dd", dd)
        .set("mm", mm)
        .set("yyyy", chrono::Datelike::year(&ctx.as_of).to_string())
        .set("slug", ctx.period.slug.clone())
        .set("reported", vi::int(c.reported() as u64))
        .set("expected", vi::int(c.expected() as u64))
        .set("missing_count", vi::int(missing.len() as u64))
        .set("missing_list", join_and(&missing))
        .set("missing_word", ctx.words.status.missing.clone())
        .set("forms_only_count", vi::int(forms_only.len() as u64))
        .set("forms_only_list", join_and(&forms_only))
        .set(
            "most_overdue",
            join_and(
                &over
                    .iter()
                    .map(|(u, n)| format!("{} ({} {})", u.name, vi::int(*n), t.document.cases))
                    .collect::<Vec<_>>(),
            ),
        )
        .set(
            "most_overdue_names",
            join_and(&over.iter().map(|(u, _)| u.name.clone()).collect::<Vec<_>>()),
        )
        .set(
            "target_on_time_rate",
            vi::pct(t.targets.on_time_rate).replace(",0%", "%"),
        );
    figure_vars(&mut v, f, &prev, &ly, t);
    v
}

fn place(ctx: &ReportContext) -> String {
    ctx.units.body.place.clone().unwrap_or_else(|| {
        crate::render::agency::Agency::from_config(&crate::config::Config::default()).place
    })
}

// ------------------------------------------------------------------------------------------------
// Sections
// ------------------------------------------------------------------------------------------------

struct Numbering {
    prefix: String,
    tables: u32,
}

impl Numbering {
    fn table(&mut self, caption: &str) -> String {
        self.tables += 1;
        let n = Vars::new().with("n", self.tables.to_string());
        format!("{}{}", n.fill(&self.prefix), caption)
    }
    fn next(&self) -> String {
        (self.tables + 1).to_string()
    }
}

fn section_receipt(ctx: &ReportContext, v: &Vars, n: &mut Numbering) -> Vec<Block> {
    let w = &ctx.words.report;
    let t = ctx.t;
    let c = ctx.c;
    let f = &c.total.totals;
    let mut b = vec![
        Block::Heading(w.receipt_title.clone()),
        Block::Sub(w.units_title.clone()),
    ];
    let missing = c.missing();
    b.push(Block::Para(v.fill(if c.reported() == c.expected() {
        &w.units_all
    } else {
        &w.units
    })));
    if !missing.is_empty() {
        b.push(Block::Para(v.fill(&w.missing)));
    }
    if c.units().any(|u| u.status == Status::FormsOnly) {
        b.push(Block::Para(v.fill(&w.forms_only)));
    }

    b.push(Block::Sub(w.volume_title.clone()));
    let mut volume = v.fill(&w.volume);
    match (&c.total.previous, &c.total.last_year) {
        (Some(_), Some(_)) => {
            volume.push(' ');
            volume.push_str(&v.fill(&w.volume_change_both));
        }
        (Some(_), None) => {
            volume.push(' ');
            volume.push_str(&v.fill(&w.volume_change));
        }
        _ => {}
    }
    b.push(Block::Para(volume));
    if f.received > 0 {
        let kinds = share_list(&c.total.by_kind, f.received, false, true, t);
        b.push(Block::Para(v.with("kind_list", kinds).fill(&w.by_kind)));
    }
    let kinds: Vec<&Group> = c.total.by_kind.iter().collect();
    b.push(Block::Table(breakdown_table(
        n.table(&w.kind_table),
        &t.columns.kind,
        &kinds,
        f,
        t,
    )));

    b.push(Block::Sub(w.channel_title.clone()));
    if f.received > 0 {
        let channels = share_list(&c.total.by_channel, f.received, true, true, t);
        b.push(Block::Para(
            v.with("channel_list", channels).fill(&w.by_channel),
        ));
    }
    let channels: Vec<&Group> = c
        .total
        .by_channel
        .iter()
        .filter(|g| g.figures.to_handle > 0 || g.figures.received > 0)
        .collect();
    b.push(Block::Table(breakdown_table(
        n.table(&w.channel_table),
        &t.columns.channel,
        &channels,
        f,
        t,
    )));
    b
}

/// A row of the units table: figures, or the unit's status when it sent none.
fn unit_row(number: String, label: &str, f: Option<&Figures>, status: &str, total: bool) -> Row {
    let mut cells = vec![number];
    match f {
        Some(f) => cells.extend([
            label.to_string(),
            vi::int(f.received),
            vi::int(f.to_handle),
            vi::int(f.resolved),
            vi::int(f.resolved_on_time),
            vi::pct_opt(f.on_time_rate),
            vi::int(f.pending),
            vi::int(f.pending_overdue),
        ]),
        None => {
            cells.push(format!("{label} ({status})"));
            cells.extend(std::iter::repeat_n(String::new(), 7));
        }
    }
    Row { cells, total }
}

/// Roman numerals of the groups' rows (I, II, …).
fn roman(mut n: usize) -> String {
    const R: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

fn units_table(ctx: &ReportContext, caption: String) -> Table {
    let w = ctx.words;
    let c = ctx.c;
    let mut rows = vec![unit_row(
        String::new(),
        &w.text.total_row,
        Some(&c.total.totals),
        "",
        true,
    )];
    let mut k = 0;
    for (gi, g) in c.groups.iter().enumerate() {
        let has_data = g.units.iter().any(|u| u.data.is_some());
        rows.push(unit_row(
            roman(gi + 1),
            &g.name,
            has_data.then_some(&g.data.totals),
            &w.status.missing,
            true,
        ));
        for u in &g.units {
            k += 1;
            rows.push(unit_row(
                k.to_string(),
                &u.name,
                u.data.as_ref().map(|d| &d.totals),
                w.status(u.status),
                false,
            ));
        }
    }
    let mut aligns = vec![Align::Center, Align::Left];
    aligns.extend([Align::Right; 7]);
    Table {
        caption: Some(caption),
        widths: vec![0.5, 3.7, 0.9, 0.9, 0.95, 0.9, 0.95, 0.95, 0.95],
        aligns,
        header: w.report.units_headers.clone(),
        rows,
        size: 10.0,
        nowrap: vec![],
    }
}

fn section_units(ctx: &ReportContext, v: &Vars, n: &mut Numbering) -> Vec<Block> {
    let w = &ctx.words.report;
    let mut b = vec![
        Block::Heading(w.units_section.clone()),
        Block::Para(v.with("n", n.next()).fill(&w.units_intro)),
    ];
    b.push(Block::Table(units_table(ctx, n.table(&w.units_table))));
    // Best and worst on-time rate among the units with resolved cases (first in file order on a
    // tie).
    let rated: Vec<(&UnitRow, f64)> = with_data(ctx)
        .into_iter()
        .filter_map(|(u, f)| f.on_time_rate.map(|r| (u, r)))
        .collect();
    if rated.len() >= 2 {
        let mut best = rated[0];
        let mut worst = rated[0];
        for &(u, r) in &rated[1..] {
            if r > best.1 + 1e-12 {
                best = (u, r);
            }
            if r < worst.1 - 1e-12 {
                worst = (u, r);
            }
        }
        let name = |(u, r): (&UnitRow, f64)| format!("{} ({})", u.name, vi::pct(r));
        b.push(Block::Para(
            v.with("best", name(best))
                .with("worst", name(worst))
                .fill(&w.best_worst),
        ));
    }
    if !most_overdue(ctx).is_empty() {
        b.push(Block::Para(v.fill(&w.most_overdue)));
    }
    b
}

fn section_handling(ctx: &ReportContext, v: &Vars) -> Vec<Block> {
    let w = &ctx.words.report;
    let f = &ctx.c.total.totals;
    let mut b = vec![
        Block::Heading(w.handling_title.clone()),
        Block::Sub(w.result_title.clone()),
    ];
    let mut result = v.fill(&w.result);
    if ctx.c.total.previous.is_some() {
        result.push(' ');
        result.push_str(&v.fill(&w.result_change));
    }
    b.push(Block::Para(result));
    b.push(Block::Para(v.fill(&w.pending)));
    b.push(Block::Sub(w.time_title.clone()));
    if f.resolution_working_days.mean.is_some() {
        b.push(Block::Para(v.fill(&w.time)));
    }
    if f.responded > 0 {
        b.push(Block::Para(v.fill(&w.response)));
    }
    if f.satisfaction.rated > 0 {
        b.push(Block::Para(v.fill(&w.satisfaction)));
    }
    b
}

fn share(s: &Score) -> f64 {
    if s.max_points > 0.0 {
        s.points / s.max_points
    } else {
        0.0
    }
}

fn section_scorecard(ctx: &ReportContext, v: &Vars, n: &mut Numbering) -> Vec<Block> {
    let w = &ctx.words.report;
    let mut b = vec![Block::Heading(w.scorecard_title.clone())];
    let mut scored: Vec<(&UnitRow, &Score)> = ctx
        .c
        .units()
        .filter_map(|u| u.score.as_ref().map(|s| (u, s)))
        .collect();
    if scored.is_empty() {
        b.push(Block::Para(w.scorecard_none.clone()));
        return b;
    }
    if ctx.c.ranked {
        // Stable: equal ranks keep the units file's order.
        scored.sort_by_key(|(u, _)| u.rank.unwrap_or(u32::MAX));
    }
    b.push(Block::Note(if ctx.c.ranked {
        ctx.words.text.ranked.clone()
    } else {
        ctx.words.text.not_ranked.clone()
    }));
    let rows = scored
        .iter()
        .map(|(u, s)| Row {
            cells: vec![
                u.rank.map(|r| r.to_string()).unwrap_or_default(),
                u.name.clone(),
                vi::points(s.points),
                vi::points(s.max_points),
                vi::pct(share(s)),
                s.rating.clone(),
            ],
            total: false,
        })
        .collect();
    b.push(Block::Table(Table {
        caption: Some(n.table(&w.scorecard_table)),
        widths: vec![0.9, 4.0, 1.0, 1.0, 1.0, 1.6],
        aligns: vec![
            Align::Center,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Left,
        ],
        header: w.scorecard_headers.clone(),
        rows,
        size: 10.0,
        nowrap: vec![],
    }));
    if ctx.c.ranked && scored.len() >= 2 {
        let name = |(u, s): &(&UnitRow, &Score)| format!("{} ({})", u.name, vi::pct(share(s)));
        b.push(Block::Para(
            v.with("best", name(&scored[0]))
                .with("worst", name(&scored[scored.len() - 1]))
                .fill(&w.scorecard_best_worst),
        ));
    }
    b
}

fn section_issues(ctx: &ReportContext, v: &Vars) -> Vec<Block> {
    let w = &ctx.words.report;
    let t = ctx.t;
    let f = &ctx.c.total.totals;
    let mut b = vec![
        Block::Heading(w.issues_title.clone()),
        Block::Sub(w.problems_title.clone()),
    ];
    let mut problems = Vec::new();
    let mut proposals = Vec::new();
    if !ctx.c.missing().is_empty() {
        problems.push(v.fill(&w.problem_missing));
        proposals.push(v.fill(&w.propose_missing));
    }
    if f.pending_overdue > 0 {
        problems.push(v.fill(&w.problem_overdue));
        proposals.push(v.fill(&w.propose_overdue));
    }
    if f.resolved_late > 0 {
        let target = t.targets.on_time_rate;
        let mut below: Vec<(&UnitRow, f64)> = with_data(ctx)
            .into_iter()
            .filter_map(|(u, f)| f.on_time_rate.filter(|r| *r < target).map(|r| (u, r)))
            .collect();
        let count = below.len();
        if count > BELOW_TARGET {
            // Lowest first (stable: the units file's order on a tie).
            below.sort_by(|a, b| a.1.total_cmp(&b.1));
            below.truncate(BELOW_TARGET);
        }
        let mut below: Vec<String> = below
            .iter()
            .map(|(u, r)| format!("{} ({})", u.name, vi::pct(*r)))
            .collect();
        if count > BELOW_TARGET {
            below.push(
                Vars::new()
                    .with("count", vi::int((count - BELOW_TARGET) as u64))
                    .fill(&w.others),
            );
        }
        if f.on_time_rate.map(|r| r < target).unwrap_or(false) {
            problems.push(
                v.with("below_target", join_and(&below))
                    .fill(&w.problem_late),
            );
        } else {
            problems.push(v.fill(&w.problem_late_within));
        }
        proposals.push(v.fill(&w.propose_late));
    }
    if problems.is_empty() {
        problems.push(v.fill(&w.problem_none));
    }
    proposals.push(v.fill(&w.propose_always));
    b.extend(problems.into_iter().map(Block::Para));
    b.push(Block::Sub(w.proposals_title.clone()));
    b.extend(proposals.into_iter().map(Block::Para));
    b
}

// ------------------------------------------------------------------------------------------------
// The whole document
// ------------------------------------------------------------------------------------------------

fn header(ctx: &ReportContext, v: &Vars) -> Header {
    let d = &ctx.t.document;
    let body = &ctx.units.body;
    Header {
        parent: body.parent.clone(),
        agency: body.name.clone(),
        number: v.fill(&d.number),
        national_name: d.national_name.clone(),
        motto: d.motto.clone(),
        place_date: v.fill(&d.place_date),
        doc_type: d.doc_type.clone(),
        summary: v.fill(&ctx.words.report.summary),
    }
}

fn signature(ctx: &ReportContext) -> Signature {
    let w = &ctx.words.report;
    let body = &ctx.units.body;
    let or = |o: &Option<String>, d: &String| o.clone().unwrap_or_else(|| d.clone());
    Signature {
        recipients_title: ctx.t.document.recipients_title.clone(),
        recipients: body
            .recipients
            .as_ref()
            .unwrap_or(&w.recipients)
            .iter()
            .map(|r| format!("- {r}"))
            .collect(),
        titles: [
            or(&body.signer_authority, &w.signer_authority),
            or(&body.signer_title, &w.signer_title),
        ]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect(),
        name: body.signer_name.clone().unwrap_or_default(),
    }
}

/// The báo cáo tổng hợp, built once for the PDF and the DOCX.
pub fn document(ctx: &ReportContext) -> Document {
    let w = &ctx.words.report;
    let v = vars(ctx);
    let mut n = Numbering {
        prefix: ctx.t.document.table_prefix.clone(),
        tables: 0,
    };
    let mut body = vec![Block::Para(v.fill(&w.intro))];
    body.extend(section_receipt(ctx, &v, &mut n));
    body.extend(section_units(ctx, &v, &mut n));
    body.extend(section_handling(ctx, &v));
    body.extend(section_scorecard(ctx, &v, &mut n));
    body.extend(section_issues(ctx, &v));
    body.push(Block::Para(v.fill(&w.closing)));
    Document {
        title: v.fill(&w.info_title),
        author: ctx.units.body.name.clone(),
        as_of: ctx.as_of,
        header: header(ctx, &v),
        body,
        signature: signature(ctx),
        annex: None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn roman_numerals() {
        let r: Vec<String> = [1, 2, 3, 4, 9, 14, 40].map(super::roman).to_vec();
        assert_eq!(r, ["I", "II", "III", "IV", "IX", "XIV", "XL"]);
    }
}
