//! The line chart of the scorecard trend (`render::document::LineChart`): gridlines, the value at
//! each point of the first series, the period labels and a legend when there are several series;
//! a period where no series has a value says so at the foot of its slot. Kept on one page.

use super::fonts::Face;
use super::layout::{Align, GRID, Layout, nice_step};
use super::vi;
use crate::render::document::LineChart;

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
            let words: Vec<&str> = c.no_data.split_whitespace().collect();
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
