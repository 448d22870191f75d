//! A small page-layout engine on top of printpdf's op list: word wrap, justified paragraphs, ruled
//! tables whose header row repeats on every page, bar charts drawn with rectangles and lines, and
//! page breaks. printpdf 0.12 has none of these (rust-stack.md §1.3).
//!
//! Positions are in points, measured from the top-left corner of the page (printpdf's origin is
//! the bottom-left; the conversion happens once, in `super::emit`).

use std::collections::BTreeSet;

use unicode_normalization::UnicodeNormalization;

use super::fonts::{Face, Fonts};

/// A4 portrait, in points.
pub const PAGE_W: f32 = 595.2756;
pub const PAGE_H: f32 = 841.8898;

pub fn mm(x: f32) -> f32 {
    x * 72.0 / 25.4
}

pub use crate::render::document::{Align, BLUE, HBarChart, Rgb, Table, VBarChart};
pub const BLACK: Rgb = [0.0, 0.0, 0.0];
pub const HEADER_FILL: Rgb = [0.90, 0.90, 0.90];
pub const TOTAL_FILL: Rgb = [0.96, 0.96, 0.96];
pub const GRID: Rgb = [0.80, 0.80, 0.80];

/// Margins of NĐ 30/2020 (top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm).
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Geometry {
    pub fn nd30() -> Geometry {
        Geometry {
            left: mm(30.0),
            right: mm(15.0),
            top: mm(20.0),
            bottom: mm(20.0),
        }
    }
    pub fn width(&self) -> f32 {
        PAGE_W - self.left - self.right
    }
    pub fn limit(&self) -> f32 {
        PAGE_H - self.bottom
    }
}

/// One drawing command of a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Cmd {
    /// Text at a baseline; each part is followed by `extra` points of space (justification).
    Text {
        x: f32,
        baseline: f32,
        face: Face,
        size: f32,
        parts: Vec<(String, f32)>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Rgb,
    },
    /// A rectangle from its top-left corner.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<f32>,
    },
}

#[derive(Debug, Default, Clone)]
pub struct Page {
    pub cmds: Vec<Cmd>,
}

/// Style of a paragraph.
#[derive(Debug, Clone, Copy)]
pub struct ParaStyle {
    pub face: Face,
    pub size: f32,
    pub align: Align,
    /// First-line indent (1.27 cm for body text).
    pub indent: f32,
    /// Left indent of every line.
    pub left: f32,
    /// Right indent of every line.
    pub right: f32,
    pub space_before: f32,
    pub space_after: f32,
    /// Line height as a multiple of the size.
    pub leading: f32,
}

impl ParaStyle {
    pub fn body() -> ParaStyle {
        ParaStyle {
            face: Face::Regular,
            size: 13.0,
            align: Align::Justify,
            indent: mm(12.7),
            left: 0.0,
            right: 0.0,
            space_before: 0.0,
            space_after: 6.0,
            leading: 1.2,
        }
    }
}

/// Text normalised for drawing: NFC (printpdf does no shaping, so combining marks must be
/// precomposed), control characters as spaces, characters missing from the face as "?".
pub fn clean_for(fonts: &Fonts, face: Face, s: &str) -> String {
    let f = fonts.face(face);
    s.nfc()
        .map(|c| {
            if c.is_control() {
                ' '
            } else if f.has(c) {
                c
            } else {
                '?'
            }
        })
        .collect()
}

pub struct Layout<'f> {
    pub fonts: &'f Fonts,
    pub g: Geometry,
    pub pages: Vec<Page>,
    /// Top of the next line box on the current page.
    pub y: f32,
    /// Characters drawn per face (for the font subsets).
    pub used: [BTreeSet<char>; 4],
}

/// Baseline of a line box of height `lh` for text of `size` (text optically centred).
fn baseline_in(lh: f32, size: f32) -> f32 {
    (lh - size) / 2.0 + size * 0.8
}

impl<'f> Layout<'f> {
    pub fn new(fonts: &'f Fonts, g: Geometry) -> Layout<'f> {
        Layout {
            fonts,
            g,
            pages: vec![Page::default()],
            y: g.top,
            used: Default::default(),
        }
    }

    pub fn width(&self, face: Face, s: &str, size: f32) -> f32 {
        self.fonts.width(face, s, size)
    }

    fn cmds(&mut self) -> &mut Vec<Cmd> {
        &mut self.pages.last_mut().expect("a page").cmds
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.g.top;
    }

    pub fn at_page_top(&self) -> bool {
        self.y <= self.g.top + 0.01
    }

    pub fn remaining(&self) -> f32 {
        self.g.limit() - self.y
    }

    /// Starts a new page unless `h` points still fit on this one.
    pub fn ensure(&mut self, h: f32) {
        if h > self.remaining() && !self.at_page_top() {
            self.new_page();
        }
    }

    pub fn space(&mut self, h: f32) {
        if !self.at_page_top() {
            self.y += h;
        }
    }

    /// Draws `s` with its left end at `x`.
    pub fn text(&mut self, x: f32, baseline: f32, face: Face, size: f32, s: &str) {
        let s = clean_for(self.fonts, face, s);
        if s.trim().is_empty() {
            return;
        }
        self.used[face.index()].extend(s.chars());
        self.cmds().push(Cmd::Text {
            x,
            baseline,
            face,
            size,
            parts: vec![(s, 0.0)],
        });
    }

    /// Draws `s` aligned in the span [x, x + w].
    pub fn text_in(
        &mut self,
        x: f32,
        w: f32,
        baseline: f32,
        face: Face,
        size: f32,
        s: &str,
        align: Align,
    ) {
        let s = clean_for(self.fonts, face, s);
        let tw = self.width(face, &s, size);
        let x = match align {
            Align::Left | Align::Justify => x,
            Align::Center => x + (w - tw) / 2.0,
            Align::Right => x + w - tw,
        };
        self.text(x, baseline, face, size, &s);
    }

    /// Draws centred text on an earlier page (page numbers).
    pub fn text_on_page(&mut self, page: usize, x: f32, w: f32, baseline: f32, size: f32, s: &str) {
        let s = clean_for(self.fonts, Face::Regular, s);
        let tw = self.width(Face::Regular, &s, size);
        self.used[Face::Regular.index()].extend(s.chars());
        if let Some(p) = self.pages.get_mut(page) {
            // First on the page, so that text extraction reads the number before the body.
            p.cmds.insert(
                0,
                Cmd::Text {
                    x: x + (w - tw) / 2.0,
                    baseline,
                    face: Face::Regular,
                    size,
                    parts: vec![(s, 0.0)],
                },
            );
        }
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        self.line_colored(x1, y1, x2, y2, width, BLACK);
    }

    pub fn line_colored(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, color: Rgb) {
        self.cmds().push(Cmd::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
        });
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Option<Rgb>, stroke: Option<f32>) {
        self.cmds().push(Cmd::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        });
    }

    /// Greedy word wrap; the first line is `first` points narrower (indent). A word longer than a
    /// line is cut between characters.
    pub fn wrap(&self, s: &str, face: Face, size: f32, width: f32, first: f32) -> Vec<String> {
        let s = clean_for(self.fonts, face, s);
        let space = self.width(face, " ", size);
        let mut lines: Vec<String> = Vec::new();
        let mut cur = String::new();
        let mut cur_w = 0.0;
        let avail = |n: usize| if n == 0 { width - first } else { width };
        for word in s.split(' ').filter(|w| !w.is_empty()) {
            let ww = self.width(face, word, size);
            let need = if cur.is_empty() {
                ww
            } else {
                cur_w + space + ww
            };
            if need <= avail(lines.len()) + 0.01 {
                if !cur.is_empty() {
                    cur.push(' ');
                }
                cur.push_str(word);
                cur_w = need;
                continue;
            }
            if !cur.is_empty() {
                lines.push(std::mem::take(&mut cur));
                cur_w = 0.0;
            }
            if ww <= avail(lines.len()) + 0.01 {
                cur.push_str(word);
                cur_w = ww;
            } else {
                // Cut an over-long word.
                for c in word.chars() {
                    let cw = self.width(face, &c.to_string(), size);
                    if cur_w + cw > avail(lines.len()) && !cur.is_empty() {
                        lines.push(std::mem::take(&mut cur));
                        cur_w = 0.0;
                    }
                    cur.push(c);
                    cur_w += cw;
                }
            }
        }
        if !cur.is_empty() || lines.is_empty() {
            lines.push(cur);
        }
        lines
    }

    /// A paragraph, broken across pages where needed (never leaving one line alone at the foot
    /// of a page).
    pub fn paragraph(&mut self, s: &str, st: &ParaStyle) {
        let width = self.g.width() - st.left - st.right;
        let lines = self.wrap(s, st.face, st.size, width, st.indent);
        let lh = st.size * st.leading;
        self.space(st.space_before);
        self.ensure(lh * lines.len().min(2) as f32);
        let n = lines.len();
        for (i, line) in lines.iter().enumerate() {
            // Keep the last two lines together.
            if i + 2 == n {
                self.ensure(2.0 * lh);
            } else {
                self.ensure(lh);
            }
            let x0 = self.g.left + st.left + if i == 0 { st.indent } else { 0.0 };
            let avail = width - if i == 0 { st.indent } else { 0.0 };
            let baseline = self.y + baseline_in(lh, st.size);
            match st.align {
                Align::Justify if i + 1 < n => self.justified(x0, avail, baseline, st, line),
                Align::Justify => {
                    self.text_in(x0, avail, baseline, st.face, st.size, line, Align::Left)
                }
                a => self.text_in(x0, avail, baseline, st.face, st.size, line, a),
            }
            self.y += lh;
        }
        self.y += st.space_after;
    }

    fn justified(&mut self, x: f32, w: f32, baseline: f32, st: &ParaStyle, line: &str) {
        let words: Vec<&str> = line.split(' ').collect();
        if words.len() < 2 {
            self.text(x, baseline, st.face, st.size, line);
            return;
        }
        let natural = self.width(st.face, line, st.size);
        let extra = ((w - natural) / (words.len() - 1) as f32).max(0.0);
        let parts: Vec<(String, f32)> = words
            .iter()
            .enumerate()
            .map(|(i, wd)| {
                if i + 1 < words.len() {
                    (format!("{wd} "), extra)
                } else {
                    (wd.to_string(), 0.0)
                }
            })
            .collect();
        self.used[st.face.index()].extend(line.chars());
        self.cmds().push(Cmd::Text {
            x,
            baseline,
            face: st.face,
            size: st.size,
            parts,
        });
    }

    /// A centred caption (bold) over a table or chart.
    fn caption_lines(&self, caption: &str, size: f32) -> Vec<String> {
        self.wrap(caption, Face::Bold, size, self.g.width() * 0.9, 0.0)
    }

    fn draw_caption(&mut self, lines: &[String], size: f32) {
        let lh = size * 1.2;
        for l in lines {
            let b = self.y + baseline_in(lh, size);
            let (x, w) = (self.g.left, self.g.width());
            self.text_in(x, w, b, Face::Bold, size, l, Align::Center);
            self.y += lh;
        }
        self.y += 3.0;
    }

    /// A ruled table: the header row is repeated at the top of every page the table runs onto.
    pub fn table(&mut self, t: &Table) {
        let (px, py) = (3.0, 2.5);
        let cw = self.column_widths(t, px);
        let lh = t.size * 1.18;
        let cell_lines = |me: &Self, cells: &[String], face: Face| -> (Vec<Vec<String>>, f32) {
            let lines: Vec<Vec<String>> = cells
                .iter()
                .zip(&cw)
                .map(|(c, w)| me.wrap(c, face, t.size, w - 2.0 * px, 0.0))
                .collect();
            let n = lines.iter().map(|l| l.len()).max().unwrap_or(1).max(1);
            (lines, n as f32 * lh + 2.0 * py)
        };
        let (head, head_h) = cell_lines(self, &t.header, Face::Bold);
        let rows: Vec<(Vec<Vec<String>>, f32, bool)> = t
            .rows
            .iter()
            .map(|r| {
                let face = if r.total { Face::Bold } else { Face::Regular };
                let (l, h) = cell_lines(self, &r.cells, face);
                (l, h, r.total)
            })
            .collect();
        let cap = t
            .caption
            .as_ref()
            .map(|c| self.caption_lines(c, 12.0))
            .unwrap_or_default();
        let cap_h = cap.len() as f32 * 12.0 * 1.2 + 3.0;
        let all_h = cap_h + head_h + rows.iter().map(|r| r.1).sum::<f32>();
        let page_h = self.g.limit() - self.g.top;
        if all_h > self.remaining() && all_h <= page_h * 0.45 {
            // A short table is kept on one page.
            self.ensure(all_h);
        } else {
            // Otherwise at least the caption, the header and three rows go together.
            let first: f32 = rows.iter().take(3).map(|r| r.1).sum();
            self.ensure(cap_h + head_h + first);
        }
        self.draw_caption(&cap, 12.0);
        let draw_row = |me: &mut Self,
                        lines: &[Vec<String>],
                        h: f32,
                        fill: Option<Rgb>,
                        face: Face,
                        header: bool| {
            let mut x = me.g.left;
            let top = me.y;
            for (i, cell) in lines.iter().enumerate() {
                let w = cw[i];
                me.rect(x, top, w, h, fill, Some(0.6));
                let align = if header {
                    Align::Center
                } else {
                    t.aligns.get(i).copied().unwrap_or(Align::Left)
                };
                let text_h = cell.len() as f32 * lh;
                let mut ly = top + (h - text_h) / 2.0;
                for l in cell {
                    let b = ly + baseline_in(lh, t.size);
                    me.text_in(x + px, w - 2.0 * px, b, face, t.size, l, align);
                    ly += lh;
                }
                x += w;
            }
            me.y += h;
        };
        draw_row(self, &head, head_h, Some(HEADER_FILL), Face::Bold, true);
        for (i, (lines, h, total)) in rows.iter().enumerate() {
            // Never leave the last row alone at the top of a page.
            let need = if i + 2 == rows.len() {
                h + rows[i + 1].1
            } else {
                *h
            };
            if need > self.remaining() {
                self.new_page();
                draw_row(self, &head, head_h, Some(HEADER_FILL), Face::Bold, true);
            }
            let (fill, face) = if *total {
                (Some(TOTAL_FILL), Face::Bold)
            } else {
                (None, Face::Regular)
            };
            draw_row(self, lines, *h, fill, face, false);
        }
        self.y += 8.0;
    }

    /// Column widths in points: the relative widths scaled to the text width, then every column
    /// widened to its minimum — the longest word of its header and cells (numbers, dates and case
    /// numbers are never cut); for `nowrap` columns the whole header and cells — taking the space
    /// from the other columns in proportion.
    /// Column widths in points: the relative widths, widened where a word (or a whole cell of a
    /// `nowrap` column) would not fit, the others narrowed in proportion.
    pub fn column_widths(&self, t: &Table, px: f32) -> Vec<f32> {
        let total_w: f32 = t.widths.iter().sum();
        let mut cw: Vec<f32> = t
            .widths
            .iter()
            .map(|w| w / total_w * self.g.width())
            .collect();
        let min: Vec<f32> = (0..cw.len())
            .map(|i| {
                let header = t.header.get(i).map(String::as_str).unwrap_or("");
                let mut need = header
                    .split(' ')
                    .map(|w| self.width(Face::Bold, w, t.size))
                    .fold(0.0f32, f32::max);
                let nowrap = t.nowrap.contains(&i);
                if nowrap {
                    need = need.max(self.width(Face::Bold, header, t.size));
                }
                for r in &t.rows {
                    let face = if r.total { Face::Bold } else { Face::Regular };
                    if let Some(c) = r.cells.get(i) {
                        let w = if nowrap {
                            self.width(face, c, t.size)
                        } else {
                            c.split(' ')
                                .map(|w| self.width(face, w, t.size))
                                .fold(0.0f32, f32::max)
                        };
                        need = need.max(w);
                    }
                }
                need + 2.0 * px + 1.0
            })
            .collect();
        let mut fixed = vec![false; cw.len()];
        for _ in 0..cw.len() {
            let mut changed = false;
            for i in 0..cw.len() {
                if !fixed[i] && cw[i] < min[i] {
                    cw[i] = min[i];
                    fixed[i] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
            let used: f32 = (0..cw.len()).filter(|i| fixed[*i]).map(|i| cw[i]).sum();
            let free: f32 = (0..cw.len())
                .filter(|i| !fixed[*i])
                .map(|i| t.widths[i])
                .sum();
            if free <= 0.0 {
                break;
            }
            let room = (self.g.width() - used).max(0.0);
            for i in 0..cw.len() {
                if !fixed[i] {
                    cw[i] = t.widths[i] / free * room;
                }
            }
        }
        cw
    }

    fn legend(&mut self, series: &[(String, Rgb)], size: f32) {
        if series.len() < 2 {
            return;
        }
        let sq = size * 0.8;
        let gap = 14.0;
        let total: f32 = series
            .iter()
            .map(|(n, _)| sq + 4.0 + self.width(Face::Regular, n, size))
            .sum::<f32>()
            + gap * (series.len() - 1) as f32;
        let mut x = self.g.left + (self.g.width() - total) / 2.0;
        let lh = size * 1.3;
        let b = self.y + baseline_in(lh, size);
        for (name, color) in series {
            self.rect(x, b - sq + 0.5, sq, sq, Some(*color), None);
            x += sq + 4.0;
            self.text(x, b, Face::Regular, size, name);
            x += self.width(Face::Regular, name, size) + gap;
        }
        self.y += lh;
    }

    /// Horizontal bars with the labels on the left and the values at the bar ends. Kept on one
    /// page.
    pub fn hbar_chart(&mut self, c: &HBarChart) {
        let size = 10.0;
        let lh = size * 1.2;
        let ns = c.series.len().max(1);
        let bar_h = if ns == 1 { 10.0 } else { 8.0 };
        let max_label = c
            .items
            .iter()
            .map(|(l, _)| self.width(Face::Regular, l, size))
            .fold(0.0f32, f32::max);
        let label_w = (max_label + 8.0).min(self.g.width() * 0.40);
        let max_v = c
            .items
            .iter()
            .flat_map(|(_, v)| v.iter().copied())
            .max()
            .unwrap_or(0)
            .max(1);
        let value_w = self.width(Face::Regular, &super::vi::int(max_v), size) + 8.0;
        let plot_w = self.g.width() - label_w - value_w;
        let labels: Vec<Vec<String>> = c
            .items
            .iter()
            .map(|(l, _)| self.wrap(l, Face::Regular, size, label_w - 8.0, 0.0))
            .collect();
        let group_h: Vec<f32> = labels
            .iter()
            .map(|l| (l.len() as f32 * lh).max(ns as f32 * (bar_h + 1.5)) + 5.0)
            .collect();
        let cap = self.caption_lines(&c.caption, 12.0);
        let cap_h = cap.len() as f32 * 12.0 * 1.2 + 3.0;
        let legend_h = if ns > 1 { size * 1.3 + 4.0 } else { 0.0 };
        let total_h = cap_h + group_h.iter().sum::<f32>() + 6.0 + legend_h + 8.0;
        self.ensure(total_h);
        self.draw_caption(&cap, 12.0);
        let x0 = self.g.left + label_w;
        let top = self.y + 3.0;
        let mut y = top;
        for (i, (_, values)) in c.items.iter().enumerate() {
            let gh = group_h[i];
            // Label, vertically centred on the group.
            let text_h = labels[i].len() as f32 * lh;
            let mut ly = y + (gh - text_h) / 2.0;
            for l in &labels[i] {
                let b = ly + baseline_in(lh, size);
                self.text_in(
                    self.g.left,
                    label_w - 8.0,
                    b,
                    Face::Regular,
                    size,
                    l,
                    Align::Right,
                );
                ly += lh;
            }
            let bars_h = ns as f32 * bar_h + (ns - 1) as f32 * 1.5;
            let mut by = y + (gh - bars_h) / 2.0;
            for (s, v) in values.iter().enumerate() {
                let color = c.series.get(s).map(|s| s.1).unwrap_or(BLUE);
                let w = plot_w * (*v as f32) / max_v as f32;
                if *v > 0 {
                    self.rect(x0, by, w.max(0.8), bar_h, Some(color), None);
                }
                let b = by + baseline_in(bar_h, size * 0.9);
                self.text(
                    x0 + w + 3.0,
                    b,
                    Face::Regular,
                    size * 0.9,
                    &super::vi::int(*v),
                );
                by += bar_h + 1.5;
            }
            y += gh;
        }
        // Axis.
        self.line(x0, top - 2.0, x0, y + 2.0, 0.6);
        self.y = y + 6.0;
        self.legend(&c.series, size);
        self.y += 8.0;
    }

    /// Vertical grouped bars with a value on each bar, gridlines and tick labels. Kept on one
    /// page.
    pub fn vbar_chart(&mut self, c: &VBarChart) {
        let size = 8.5;
        let plot_h = 150.0;
        let ns = c.series.len().max(1);
        let max_v = c
            .values
            .iter()
            .flat_map(|v| v.iter().copied())
            .max()
            .unwrap_or(0)
            .max(1);
        let step = nice_step(max_v as f64 / 4.0);
        let axis_max = ((max_v as f64 / step).ceil() * step).max(step);
        let tick_w = self.width(Face::Regular, &super::vi::int(axis_max as u64), size) + 6.0;
        let cap = self.caption_lines(&c.caption, 12.0);
        let cap_h = cap.len() as f32 * 12.0 * 1.2 + 3.0;
        let total_h = cap_h + 12.0 + plot_h + 2.0 * size * 1.3 + size * 1.3 + 12.0;
        self.ensure(total_h);
        self.draw_caption(&cap, 12.0);
        let x0 = self.g.left + tick_w;
        let plot_w = self.g.width() - tick_w;
        let top = self.y + 10.0;
        let bottom = top + plot_h;
        // Gridlines and tick labels.
        let mut t = 0.0;
        while t <= axis_max + 1e-9 {
            let y = bottom - (t / axis_max) as f32 * plot_h;
            if t > 0.0 {
                self.line_colored(x0, y, x0 + plot_w, y, 0.4, GRID);
            }
            let b = y + size * 0.35;
            self.text_in(
                self.g.left,
                tick_w - 4.0,
                b,
                Face::Regular,
                size,
                &super::vi::int(t as u64),
                Align::Right,
            );
            t += step;
        }
        let n = c.categories.len().max(1);
        let group_w = plot_w / n as f32;
        let bar_w = (group_w * 0.8 / ns as f32).min(18.0);
        for (i, cat) in c.categories.iter().enumerate() {
            let gx = x0 + i as f32 * group_w;
            let bars_w = bar_w * ns as f32;
            let mut bx = gx + (group_w - bars_w) / 2.0;
            for s in 0..ns {
                let v = c.values.get(i).and_then(|v| v.get(s)).copied().unwrap_or(0);
                let h = (v as f64 / axis_max) as f32 * plot_h;
                let color = c.series.get(s).map(|s| s.1).unwrap_or(BLUE);
                if v > 0 {
                    self.rect(bx, bottom - h, bar_w, h, Some(color), None);
                }
                let label = super::vi::int(v);
                let vs = size * 0.9;
                self.text_in(
                    bx - 4.0,
                    bar_w + 8.0,
                    bottom - h - 2.0,
                    Face::Regular,
                    vs,
                    &label,
                    Align::Center,
                );
                bx += bar_w;
            }
            let b = bottom + size * 1.3;
            self.text_in(gx, group_w, b, Face::Regular, size, cat, Align::Center);
        }
        self.line(x0, top - 4.0, x0, bottom, 0.6);
        self.line(x0, bottom, x0 + plot_w, bottom, 0.6);
        self.y = bottom + size * 1.3 + 8.0;
        self.legend(&c.series, size + 1.0);
        self.y += 8.0;
    }
}

/// 1, 2 or 5 times a power of ten, at least `raw` (and at least 1).
pub fn nice_step(raw: f64) -> f64 {
    if raw <= 1.0 {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 5.0, 10.0] {
        if m * mag >= raw {
            return m * mag;
        }
    }
    10.0 * mag
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(0.3), 1.0);
        assert_eq!(nice_step(3.2), 5.0);
        assert_eq!(nice_step(18.0), 20.0);
        assert_eq!(nice_step(26.0), 50.0);
        assert_eq!(nice_step(100.0), 100.0);
    }

    #[test]
    fn wrap_respects_the_width_and_keeps_every_word() {
        let fonts = Fonts::load(&Default::default()).unwrap();
        let l = Layout::new(&fonts, Geometry::nd30());
        let s = "Trong kỳ, Ban tiếp nhận 1.234 vụ việc, tăng 12,5% so với kỳ trước và giảm 3,0% so với cùng kỳ năm trước.";
        let lines = l.wrap(s, Face::Regular, 13.0, 200.0, 36.0);
        assert!(lines.len() > 2);
        assert!(l.width(Face::Regular, &lines[0], 13.0) <= 164.01);
        for line in &lines[1..] {
            assert!(l.width(Face::Regular, line, 13.0) <= 200.01);
        }
        assert_eq!(lines.join(" "), s);
    }

    #[test]
    fn text_is_nfc() {
        let fonts = Fonts::load(&Default::default()).unwrap();
        let nfd = "Pha\u{309}n a\u{301}nh";
        assert_eq!(clean_for(&fonts, Face::Regular, nfd), "Phản ánh");
    }
}
