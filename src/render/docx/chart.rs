//! The DOCX's charts as PNG pictures, drawn by the program: the chart is laid out by the PDF's own
//! chart code (`pdf::layout`, without its caption, which the DOCX writes as a real paragraph),
//! and its drawing commands are painted on a white canvas — rectangles and lines directly, text
//! through the glyph outlines of the report's font (ab_glyph). The picture is therefore the same
//! chart as in the PDF, and the same bytes on every run.

use std::io::Write;

use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont, point};

use crate::error::{Error, Result};
use crate::render::document::{HBarChart, LineChart, VBarChart};
use crate::render::pdf::fonts::{Face, Fonts};
use crate::render::pdf::layout::{self, Cmd, Layout};
use crate::render::pdf::lines;

/// Pixels per point: 150 dpi, sharp on paper and small on disk.
const SCALE: f32 = 150.0 / 72.0;
/// White space kept around the drawing, in points.
const PAD: f32 = 4.0;

/// A chart picture and its size on the page.
pub struct Picture {
    pub png: Vec<u8>,
    pub width_px: u32,
    pub height_px: u32,
    /// Size on the page in points.
    pub width_pt: f32,
    pub height_pt: f32,
}

pub fn hbars(fonts: &Fonts, c: &HBarChart) -> Result<Picture> {
    let mut l = Layout::new(fonts, layout::Geometry::nd30());
    l.hbar_chart(&HBarChart {
        caption: String::new(),
        ..c.clone()
    });
    paint(fonts, &l)
}

pub fn vbars(fonts: &Fonts, c: &VBarChart) -> Result<Picture> {
    let mut l = Layout::new(fonts, layout::Geometry::nd30());
    l.vbar_chart(&VBarChart {
        caption: String::new(),
        ..c.clone()
    });
    paint(fonts, &l)
}

pub fn lines(fonts: &Fonts, c: &LineChart) -> Result<Picture> {
    let mut l = Layout::new(fonts, layout::Geometry::nd30());
    lines::line_chart(
        &mut l,
        &LineChart {
            caption: String::new(),
            ..c.clone()
        },
    );
    paint(fonts, &l)
}

/// The box of everything drawn, in points: (x0, y0, x1, y1).
fn bounds(fonts: &Fonts, cmds: &[Cmd]) -> Option<(f32, f32, f32, f32)> {
    let mut b: Option<(f32, f32, f32, f32)> = None;
    let mut add = |x0: f32, y0: f32, x1: f32, y1: f32| {
        b = Some(match b {
            None => (x0, y0, x1, y1),
            Some((a, c, d, e)) => (a.min(x0), c.min(y0), d.max(x1), e.max(y1)),
        });
    };
    for cmd in cmds {
        match cmd {
            Cmd::Text {
                x,
                baseline,
                face,
                size,
                parts,
            } => {
                let w: f32 = parts
                    .iter()
                    .map(|(s, extra)| fonts.width(*face, s, *size) + extra)
                    .sum();
                add(*x, baseline - size, x + w, baseline + size * 0.3);
            }
            Cmd::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                ..
            } => add(
                x1.min(*x2) - width / 2.0,
                y1.min(*y2) - width / 2.0,
                x1.max(*x2) + width / 2.0,
                y1.max(*y2) + width / 2.0,
            ),
            Cmd::Rect { x, y, w, h, .. } => add(*x, *y, x + w, y + h),
        }
    }
    b
}

struct Canvas {
    w: usize,
    h: usize,
    /// RGB, 8 bits a channel, row after row.
    px: Vec<u8>,
}

impl Canvas {
    fn blend(&mut self, x: i64, y: i64, c: [f32; 3], a: f32) {
        if x < 0 || y < 0 || x as usize >= self.w || y as usize >= self.h || a <= 0.0 {
            return;
        }
        let a = a.min(1.0);
        let at = (y as usize * self.w + x as usize) * 3;
        for k in 0..3 {
            let old = f32::from(self.px[at + k]);
            let new = c[k].clamp(0.0, 1.0) * 255.0;
            self.px[at + k] = (old + (new - old) * a).round() as u8;
        }
    }

    /// Fills [x0, x1) × [y0, y1) in pixels, with partial coverage at the edges.
    fn fill(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, c: [f32; 3]) {
        let (xa, xb) = (x0.floor() as i64, x1.ceil() as i64);
        let (ya, yb) = (y0.floor() as i64, y1.ceil() as i64);
        for y in ya..yb {
            let cy = (y1.min(y as f32 + 1.0) - y0.max(y as f32)).clamp(0.0, 1.0);
            for x in xa..xb {
                let cx = (x1.min(x as f32 + 1.0) - x0.max(x as f32)).clamp(0.0, 1.0);
                self.blend(x, y, c, cx * cy);
            }
        }
    }
}

fn paint(fonts: &Fonts, l: &Layout) -> Result<Picture> {
    let cmds: &[Cmd] = l.pages.last().map(|p| p.cmds.as_slice()).unwrap_or(&[]);
    let (x0, y0, x1, y1) = bounds(fonts, cmds)
        .ok_or_else(|| Error::Runtime("docx: biểu đồ trống (empty chart)".into()))?;
    let (ox, oy) = (x0 - PAD, y0 - PAD);
    let (width_pt, height_pt) = (x1 - x0 + 2.0 * PAD, y1 - y0 + 2.0 * PAD);
    let w = (width_pt * SCALE).ceil() as usize;
    let h = (height_pt * SCALE).ceil() as usize;
    let mut cv = Canvas {
        w,
        h,
        px: vec![255; w * h * 3],
    };
    let tx = |x: f32| (x - ox) * SCALE;
    let ty = |y: f32| (y - oy) * SCALE;
    let faces: Vec<FontRef> = Face::ALL
        .iter()
        .map(|f| {
            FontRef::try_from_slice(&fonts.face(*f).bytes).map_err(|e| {
                Error::Runtime(format!(
                    "docx: không đọc được phông chữ {} cho biểu đồ: {e}",
                    fonts.face(*f).source
                ))
            })
        })
        .collect::<Result<_>>()?;
    let black = [0.0, 0.0, 0.0];
    for cmd in cmds {
        match cmd {
            Cmd::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                if let Some(c) = fill {
                    cv.fill(tx(*x), ty(*y), tx(x + w), ty(y + h), *c);
                }
                if let Some(sw) = stroke {
                    let s = (sw * SCALE).max(1.0);
                    let (a, b, c, d) = (tx(*x), ty(*y), tx(x + w), ty(y + h));
                    cv.fill(a - s / 2.0, b - s / 2.0, c + s / 2.0, b + s / 2.0, black);
                    cv.fill(a - s / 2.0, d - s / 2.0, c + s / 2.0, d + s / 2.0, black);
                    cv.fill(a - s / 2.0, b, a + s / 2.0, d, black);
                    cv.fill(c - s / 2.0, b, c + s / 2.0, d, black);
                }
            }
            Cmd::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
            } => {
                let s = (width * SCALE).max(1.0);
                let (a, b, c, d) = (tx(*x1), ty(*y1), tx(*x2), ty(*y2));
                if (a - c).abs() < 0.01 || (b - d).abs() < 0.01 {
                    cv.fill(
                        a.min(c) - s / 2.0,
                        b.min(d) - s / 2.0,
                        a.max(c) + s / 2.0,
                        b.max(d) + s / 2.0,
                        *color,
                    );
                } else {
                    // A slanted line: small squares along it.
                    let n = ((c - a).hypot(d - b) * 2.0).ceil() as usize;
                    for i in 0..=n {
                        let t = i as f32 / n as f32;
                        let (px, py) = (a + (c - a) * t, b + (d - b) * t);
                        cv.fill(
                            px - s / 2.0,
                            py - s / 2.0,
                            px + s / 2.0,
                            py + s / 2.0,
                            *color,
                        );
                    }
                }
            }
            Cmd::Text {
                x,
                baseline,
                face,
                size,
                parts,
            } => {
                let font = &faces[face.index()];
                // ab_glyph scales by the height (ascent − descent); the size is the em.
                let upem = font.units_per_em().unwrap_or(1000.0);
                let height = font.height_unscaled();
                let px = size * SCALE;
                let scaled = font.as_scaled(PxScale::from(px * height / upem));
                let mut pen = tx(*x);
                let base = ty(*baseline);
                for (s, extra) in parts {
                    for ch in s.chars() {
                        let id: GlyphId = font.glyph_id(ch);
                        let g = id.with_scale_and_position(scaled.scale(), point(pen, base));
                        if let Some(o) = font.outline_glyph(g) {
                            let bb = o.px_bounds();
                            o.draw(|gx, gy, cov| {
                                cv.blend(
                                    bb.min.x as i64 + gx as i64,
                                    bb.min.y as i64 + gy as i64,
                                    black,
                                    cov,
                                );
                            });
                        }
                        pen += scaled.h_advance(id);
                    }
                    pen += extra * SCALE;
                }
            }
        }
    }
    Ok(Picture {
        png: png(&cv)?,
        width_px: w as u32,
        height_px: h as u32,
        width_pt,
        height_pt,
    })
}

/// An 8-bit RGB PNG (no filter, zlib-compressed), with fixed bytes for the same pixels.
fn png(cv: &Canvas) -> Result<Vec<u8>> {
    let mut raw = Vec::with_capacity(cv.h * (cv.w * 3 + 1));
    for row in cv.px.chunks(cv.w * 3) {
        raw.push(0u8);
        raw.extend_from_slice(row);
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(&raw)
        .and_then(|_| z.flush())
        .map_err(|e| Error::Runtime(format!("docx: không nén được hình biểu đồ: {e}")))?;
    let idat = z
        .finish()
        .map_err(|e| Error::Runtime(format!("docx: không nén được hình biểu đồ: {e}")))?;
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    let mut chunk = |kind: &[u8; 4], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.finalize().to_be_bytes());
    };
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&(cv.w as u32).to_be_bytes());
    ihdr.extend_from_slice(&(cv.h as u32).to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    // 150 dpi = 5906 pixels per metre, so that viewers show the chart at its printed size.
    let ppm = (SCALE * 72.0 / 0.0254).round() as u32;
    let mut phys = Vec::with_capacity(9);
    phys.extend_from_slice(&ppm.to_be_bytes());
    phys.extend_from_slice(&ppm.to_be_bytes());
    phys.push(1);
    chunk(b"pHYs", &phys);
    chunk(b"IDAT", &idat);
    chunk(b"IEND", &[]);
    Ok(out)
}
