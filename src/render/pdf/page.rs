//! Where the report goes on the PDF's pages: the NĐ 30/2020 header block, the body blocks with
//! their keep-together rules, "Nơi nhận:" beside the signature block, and the page numbers. What
//! the report says comes from `render::compose` as a `render::document::Document`.

use super::fonts::Face;
use super::layout::{Align, GRID, Layout, ParaStyle, mm};
use super::lines;
use crate::render::document::{Annex, Block, Card, Document, Header, Signature};

/// Columns of the header (and of the signature block).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Columns {
    pub left_x: f32,
    pub left_w: f32,
    pub right_x: f32,
    pub right_w: f32,
}

/// The two header columns and the sizes of their first lines: the Quốc hiệu (right) and the
/// parent body (left) each on one line at 12 pt, shrunk together when the face is too wide for
/// both (DejaVu Serif is about a quarter wider than Times).
pub(crate) fn columns(l: &Layout, h: &Header) -> (Columns, f32, f32) {
    let w = l.g.width();
    let right_need = l.width(Face::Bold, &h.national_name, 12.0) + 10.0;
    let left_need = l.width(Face::Regular, &h.parent, 12.0) + 8.0;
    let (right_w, size) = if right_need + left_need <= w {
        let right_w = right_need.max(w * 0.55).min(w - left_need);
        (right_w, 12.0)
    } else {
        let scale = w / (right_need + left_need);
        (right_need * scale, (12.0 * scale).max(9.0))
    };
    (
        Columns {
            left_x: l.g.left,
            left_w: w - right_w,
            right_x: l.g.left + w - right_w,
            right_w,
        },
        size,
        size,
    )
}

/// The smallest width that keeps the greedy line count, for titles that wrap evenly.
pub(crate) fn balanced(l: &Layout, s: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let lines = l.wrap(s, face, size, width, 0.0);
    if lines.len() < 2 {
        return lines;
    }
    let (mut lo, mut hi) = (width / lines.len() as f32, width);
    for _ in 0..20 {
        let mid = (lo + hi) / 2.0;
        if l.wrap(s, face, size, mid, 0.0).len() <= lines.len() {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    l.wrap(s, face, size, hi + 0.5, 0.0)
}

fn header(l: &mut Layout, d: &Header) -> Columns {
    let (c, qh_size, psize) = columns(l, d);
    let top = l.g.top;
    let lh = |s: f32| s * 1.2;
    // Left: parent body (upright), issuing body (bold) with a short rule, number.
    let mut y = top;
    let parent = l.wrap(&d.parent, Face::Regular, psize, c.left_w - 4.0, 0.0);
    for line in &parent {
        let b = y + 12.0;
        l.text_in(
            c.left_x,
            c.left_w,
            b,
            Face::Regular,
            psize,
            line,
            Align::Center,
        );
        y += lh(12.0);
    }
    let name = balanced(l, &d.agency, Face::Bold, 12.0, c.left_w - 6.0);
    let mut widest: f32 = 0.0;
    let mut name_baseline = y + 12.0;
    for line in &name {
        name_baseline = y + 12.0;
        l.text_in(
            c.left_x,
            c.left_w,
            name_baseline,
            Face::Bold,
            12.0,
            line,
            Align::Center,
        );
        widest = widest.max(l.width(Face::Bold, line, 12.0));
        y += lh(12.0);
    }
    let rule = widest * 0.4;
    let rule_y = name_baseline + 4.0;
    let mid_left = c.left_x + c.left_w / 2.0;
    l.line(
        mid_left - rule / 2.0,
        rule_y,
        mid_left + rule / 2.0,
        rule_y,
        0.6,
    );
    let left_bottom = rule_y;

    // Right: Quốc hiệu (bold), Tiêu ngữ (bold, underlined to its length).
    let mut y = top;
    let b = y + 12.0;
    l.text_in(
        c.right_x,
        c.right_w,
        b,
        Face::Bold,
        qh_size,
        &d.national_name,
        Align::Center,
    );
    y += lh(12.0);
    let b = y + 13.0;
    l.text_in(
        c.right_x,
        c.right_w,
        b,
        Face::Bold,
        13.0,
        &d.motto,
        Align::Center,
    );
    let mw = l.width(Face::Bold, &d.motto, 13.0);
    let mid_right = c.right_x + c.right_w / 2.0;
    let ul = b + 3.0;
    l.line(mid_right - mw / 2.0, ul, mid_right + mw / 2.0, ul, 0.6);
    let right_bottom = ul;

    // Number (left) and place/date (right, italic) on one baseline.
    let b = left_bottom.max(right_bottom) + 18.0;
    l.text_in(
        c.left_x,
        c.left_w,
        b,
        Face::Regular,
        13.0,
        &d.number,
        Align::Center,
    );
    l.text_in(
        c.right_x,
        c.right_w,
        b,
        Face::Italic,
        13.0,
        &d.place_date,
        Align::Center,
    );
    l.y = b + 26.0;

    // BÁO CÁO and its summary line, centred, bold, with a short rule under it.
    let w = l.g.width();
    let x = l.g.left;
    let b = l.y + 14.0;
    l.text_in(x, w, b, Face::Bold, 14.0, &d.doc_type, Align::Center);
    l.y += lh(14.0);
    let summary = balanced(l, &d.summary, Face::Bold, 14.0, w * 0.9);
    let mut widest: f32 = 0.0;
    let mut last_b = l.y;
    for line in &summary {
        last_b = l.y + 14.0;
        l.text_in(x, w, last_b, Face::Bold, 14.0, line, Align::Center);
        widest = widest.max(l.width(Face::Bold, line, 14.0));
        l.y += lh(14.0);
    }
    let rule = widest * 0.35;
    let mid = x + w / 2.0;
    l.line(
        mid - rule / 2.0,
        last_b + 5.0,
        mid + rule / 2.0,
        last_b + 5.0,
        0.6,
    );
    l.y = last_b + 20.0;
    c
}

fn heading_style() -> ParaStyle {
    ParaStyle {
        face: Face::Bold,
        align: Align::Left,
        space_before: 6.0,
        space_after: 4.0,
        ..ParaStyle::body()
    }
}

fn render_blocks(l: &mut Layout, blocks: &[Block]) {
    let body = ParaStyle::body();
    let lh = body.size * body.leading;
    for (i, block) in blocks.iter().enumerate() {
        let is_figure = |j: usize| {
            matches!(
                blocks.get(j),
                Some(Block::Table(_) | Block::HBars(_) | Block::VBars(_) | Block::Lines(_))
            )
        };
        // A heading or an introducing paragraph stays with the start of the figure after it.
        let next_is_figure = is_figure(i + 1);
        let figure_soon = next_is_figure || is_figure(i + 2);
        // The room kept for the start of that figure (a line chart is kept whole).
        let keep = |j: usize| match blocks.get(j) {
            Some(Block::Lines(c)) => lines::chart_height(l, c),
            _ => 90.0,
        };
        let soon = if next_is_figure {
            keep(i + 1)
        } else {
            keep(i + 2)
        };
        match block {
            Block::Heading(s) => {
                // Keep a heading with what follows it (and with what follows a sub-heading
                // right under it).
                let sub = if matches!(blocks.get(i + 1), Some(Block::Sub(_))) {
                    lh * 3.0 + 8.0
                } else {
                    0.0
                };
                l.ensure(lh * 4.0 + 12.0 + sub);
                l.paragraph(s, &heading_style());
            }
            Block::Sub(s) => {
                l.ensure(lh * 3.0 + 8.0 + if figure_soon { soon } else { 0.0 });
                l.paragraph(
                    s,
                    &ParaStyle {
                        space_before: 2.0,
                        space_after: 3.0,
                        ..heading_style()
                    },
                );
            }
            Block::Para(s) => {
                if next_is_figure {
                    l.ensure(lh * 2.0 + soon);
                }
                l.paragraph(s, &body)
            }
            Block::List(s) => l.paragraph(
                s,
                &ParaStyle {
                    align: Align::Left,
                    ..body
                },
            ),
            Block::Note(s) => l.paragraph(
                s,
                &ParaStyle {
                    face: Face::Italic,
                    size: 12.0,
                    ..body
                },
            ),
            Block::Table(t) => {
                l.space(2.0);
                l.table(t);
            }
            Block::HBars(c) => {
                l.space(2.0);
                l.hbar_chart(c);
            }
            Block::VBars(c) => {
                l.space(2.0);
                l.vbar_chart(c);
            }
            Block::Lines(c) => {
                l.space(2.0);
                lines::line_chart(l, c);
            }
        }
    }
}

/// "Nơi nhận:" with its list on the left, level with the signer's authority line; the signature
/// block on the right. Kept on one page.
fn signature(l: &mut Layout, s: &Signature, c: Columns) {
    let rl = 11.0 * 1.2;
    let recipients: Vec<Vec<String>> = s
        .recipients
        .iter()
        .map(|r| l.wrap(r, Face::Regular, 11.0, c.left_w - 4.0, 0.0))
        .collect();
    let left_h = 12.0 * 1.3 + recipients.iter().map(|r| r.len() as f32 * rl).sum::<f32>();
    let sign_space = mm(25.0);
    let right_h = s.titles.len() as f32 * 13.0 * 1.2 + sign_space + 13.0 * 1.2;
    l.space(10.0);
    l.ensure(left_h.max(right_h) + 4.0);
    let top = l.y;
    // Right: authority and title (bold), space to sign, name (bold).
    let mut y = top;
    let mut first_baseline = top + 13.0;
    for (i, line) in s.titles.iter().enumerate() {
        let b = y + 13.0;
        if i == 0 {
            first_baseline = b;
        }
        l.text_in(
            c.right_x,
            c.right_w,
            b,
            Face::Bold,
            13.0,
            line,
            Align::Center,
        );
        y += 13.0 * 1.2;
    }
    y += sign_space;
    if !s.name.is_empty() {
        l.text_in(
            c.right_x,
            c.right_w,
            y + 13.0,
            Face::Bold,
            13.0,
            &s.name,
            Align::Center,
        );
    }
    // Left: "Nơi nhận:" level with the first title line, recipients in 11 pt.
    l.text(
        c.left_x,
        first_baseline,
        Face::BoldItalic,
        12.0,
        &s.recipients_title,
    );
    let mut ly = first_baseline + 12.0 * 0.3;
    for lines in &recipients {
        for (i, line) in lines.iter().enumerate() {
            let x = if i == 0 { c.left_x } else { c.left_x + 6.0 };
            l.text(x, ly + 11.0, Face::Regular, 11.0, line);
            ly += rl;
        }
    }
    l.y = top + left_h.max(right_h);
}

/// Lays out the whole document.
pub fn document(l: &mut Layout, doc: &Document) {
    let cols = header(l, &doc.header);
    render_blocks(l, &doc.body);
    signature(l, &doc.signature, cols);
    if let Some(a) = &doc.annex {
        annex(l, a);
    }
}

/// One department's card of the annex.
fn card(l: &mut Layout, c: &Card) {
    let body = ParaStyle::body();
    l.paragraph(
        &c.title,
        &ParaStyle {
            face: Face::Bold,
            align: Align::Center,
            space_before: 0.0,
            space_after: 4.0,
            ..body
        },
    );
    l.paragraph(&c.summary, &body);
    l.space(2.0);
    l.table(&c.table);
    let list = ParaStyle {
        align: Align::Left,
        size: 12.0,
        ..body
    };
    for s in &c.lost {
        l.paragraph(s, &list);
    }
    if let Some(chart) = &c.chart {
        l.space(2.0);
        lines::line_chart(l, chart);
    }
}

/// The annex from a new page: its title and introduction, then one card per department, each at
/// the top or the middle of a page (below a cutting line) so that it can be handed out alone.
/// Returns, for each card, whether it starts a page.
pub(crate) fn annex(l: &mut Layout, a: &Annex) -> Vec<bool> {
    let body = ParaStyle::body();
    l.new_page();
    l.paragraph(
        &a.title,
        &ParaStyle {
            face: Face::Bold,
            align: Align::Center,
            space_before: 0.0,
            space_after: 4.0,
            ..body
        },
    );
    l.paragraph(
        &a.intro,
        &ParaStyle {
            face: Face::Italic,
            size: 12.0,
            ..body
        },
    );
    l.space(8.0);
    let middle = l.g.top + (l.g.limit() - l.g.top) / 2.0;
    let mut starts = Vec::with_capacity(a.cards.len());
    for (i, c) in a.cards.iter().enumerate() {
        // The card's height, measured on a scratch page.
        let mut scratch = Layout::new(l.fonts, l.g);
        card(&mut scratch, c);
        let h = if scratch.pages.len() == 1 {
            scratch.y - l.g.top
        } else {
            f32::INFINITY
        };
        let pages = l.pages.len();
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
        starts.push(l.pages.len() > pages || l.at_page_top());
        card(l, c);
    }
    starts
}

/// Page numbers from page 2, centred in the top margin, 13 pt upright (NĐ 30/2020).
pub fn page_numbers(l: &mut Layout) {
    let (x, w) = (l.g.left, l.g.width());
    let baseline = l.g.top * 0.6;
    for i in 1..l.pages.len() {
        l.text_on_page(i, x, w, baseline, 13.0, &(i + 1).to_string());
    }
}
