//! `bao-cao-pakn-<period>.pdf`: the report in the administrative format of NĐ 30/2020/NĐ-CP
//! (SPEC §7; reference/legal-domain.md §4).
//!
//! - `page`: where the composed document (`render::compose`, `render::document`) goes on the pages
//!   — header block, body blocks, signature, page numbers;
//! - `layout`: where it goes — wrapping, justification, tables, charts, page breaks;
//! - `fonts`: which font (config → Liberation Serif → DejaVu Serif) and its subset;
//! - this file: the printpdf document (fonts, ops, fixed metadata) and its bytes.
//!
//! The output is a pure function of the inputs: fixed document dates (the `--as-of` date), font
//! ids and subset tags chosen here, and the trailer /ID derived from the content.

pub mod fonts;
pub mod layout;
pub(crate) mod lines;
pub(crate) mod page;
pub mod templates;
pub mod vi;

use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};
use sha2::{Digest, Sha256};

pub use fonts::FontFiles;

use super::document::Document;
use crate::error::{Error, Result};
use fonts::{Face, Fonts};
use layout::{Cmd, Layout, PAGE_H};

/// Lays out and writes a composed document.
pub fn render_document(doc: &Document, fonts: &Fonts) -> Result<Vec<u8>> {
    let mut l = Layout::new(fonts, layout::Geometry::nd30());
    page::document(&mut l, doc);
    page::page_numbers(&mut l);
    let info = Info {
        title: doc.title.clone(),
        author: doc.author.clone(),
        as_of: doc.as_of,
    };
    emit(&l, fonts, &info)
}

struct Info {
    title: String,
    author: String,
    as_of: chrono::NaiveDate,
}

fn rgb(c: layout::Rgb) -> Color {
    Color::Rgb(Rgb {
        r: c[0],
        g: c[1],
        b: c[2],
        icc_profile: None,
    })
}

fn pt(x: f32, y_from_top: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(PAGE_H - y_from_top),
    }
}

/// Subset tags of the embedded faces (ISO 32000-1 §9.6.4: six upper-case letters).
const SUBSET_TAGS: [&str; 4] = ["PAKNAA", "PAKNAB", "PAKNAC", "PAKNAD"];

fn emit(l: &Layout, fonts: &Fonts, info: &Info) -> Result<Vec<u8>> {
    let mut doc = PdfDocument::new(&unicode_nfc(&info.title));
    {
        let i = &mut doc.metadata.info;
        i.author = unicode_nfc(&info.author);
        i.creator = format!("pakn-report {}", env!("CARGO_PKG_VERSION"));
        i.producer = "printpdf 0.12".into();
        i.subject = unicode_nfc(&info.title);
        let midnight = info
            .as_of
            .and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_utc()
            .timestamp();
        let date = printpdf::OffsetDateTime::from_unix_timestamp(midnight)
            .or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0))
            .map_err(|e| Error::Runtime(format!("pdf: ngày tạo tệp lỗi: {e}")))?;
        i.creation_date = date;
        i.modification_date = date;
        i.metadata_date = date;
    }

    // Fonts: each face that draws something, cut down to its glyphs, under a fixed id.
    let mut ids: [Option<FontId>; 4] = Default::default();
    for face in Face::ALL {
        let used = &l.used[face.index()];
        if used.is_empty() {
            continue;
        }
        let data = fonts.face(face);
        let bytes = fonts::subset(data, used);
        let was_subset = bytes != data.bytes;
        let mut w = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut w).ok_or_else(|| {
            Error::Runtime(format!("pdf: không nhúng được phông chữ {}", data.source))
        })?;
        parsed.font_name = Some(if was_subset {
            format!("{}+{}", SUBSET_TAGS[face.index()], data.name)
        } else {
            data.name.clone()
        });
        let id = FontId(format!("F{}", face.index() + 1));
        doc.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(parsed));
        ids[face.index()] = Some(id);
    }

    let black = [0.0, 0.0, 0.0];
    let mut pages = Vec::with_capacity(l.pages.len());
    for page in &l.pages {
        let mut ops: Vec<Op> = Vec::with_capacity(page.cmds.len() * 4);
        let mut fill: Option<layout::Rgb> = None;
        let mut stroke: Option<(layout::Rgb, f32)> = None;
        let mut set_fill = |ops: &mut Vec<Op>, c: layout::Rgb| {
            if fill != Some(c) {
                ops.push(Op::SetFillColor { col: rgb(c) });
                fill = Some(c);
            }
        };
        for cmd in &page.cmds {
            match cmd {
                Cmd::Text {
                    x,
                    baseline,
                    face,
                    size,
                    parts,
                } => {
                    let Some(id) = &ids[face.index()] else {
                        continue;
                    };
                    set_fill(&mut ops, black);
                    let mut items = Vec::with_capacity(parts.len() * 2);
                    for (s, extra) in parts {
                        items.push(TextItem::Text(s.clone()));
                        if *extra > 0.0 {
                            items.push(TextItem::Offset(-extra * 1000.0 / size));
                        }
                    }
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id.clone()),
                        size: Pt(*size),
                    });
                    ops.push(Op::SetTextCursor {
                        pos: pt(*x, *baseline),
                    });
                    ops.push(Op::ShowText { items });
                    ops.push(Op::EndTextSection);
                }
                Cmd::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    color,
                } => {
                    if stroke != Some((*color, *width)) {
                        ops.push(Op::SetOutlineColor { col: rgb(*color) });
                        ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                        stroke = Some((*color, *width));
                    }
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![
                                LinePoint {
                                    p: pt(*x1, *y1),
                                    bezier: false,
                                },
                                LinePoint {
                                    p: pt(*x2, *y2),
                                    bezier: false,
                                },
                            ],
                            is_closed: false,
                        },
                    });
                }
                Cmd::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill: f,
                    stroke: s,
                } => {
                    let rect = |mode| Rect {
                        x: Pt(*x),
                        y: Pt(PAGE_H - y - h),
                        width: Pt(*w),
                        height: Pt(*h),
                        mode: Some(mode),
                        winding_order: None,
                    };
                    if let Some(c) = f {
                        set_fill(&mut ops, *c);
                        ops.push(Op::DrawRectangle {
                            rectangle: rect(PaintMode::Fill),
                        });
                    }
                    if let Some(width) = s {
                        if stroke != Some((black, *width)) {
                            ops.push(Op::SetOutlineColor { col: rgb(black) });
                            ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                            stroke = Some((black, *width));
                        }
                        ops.push(Op::DrawRectangle {
                            rectangle: rect(PaintMode::Stroke),
                        });
                    }
                }
            }
        }
        pages.push(PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops));
    }
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let bytes = doc.with_pages(pages).save(&opts, &mut warnings);
    if bytes.is_empty() {
        return Err(Error::Runtime(
            "pdf: không tạo được tệp (empty output)".into(),
        ));
    }
    Ok(fix_trailer_id(bytes))
}

fn unicode_nfc(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().collect()
}

/// printpdf fills the trailer /ID with strings from a process-wide counter, so a second render in
/// the same process would differ. Replaces both strings (same length) with a hash of the document.
fn fix_trailer_id(mut bytes: Vec<u8>) -> Vec<u8> {
    let Some(pos) = find_last(&bytes, b"/ID") else {
        return bytes;
    };
    // The two literal strings after /ID.
    let mut spans = Vec::new();
    let mut i = pos + 3;
    while spans.len() < 2 && i < bytes.len() {
        if bytes[i] == b'(' {
            let start = i + 1;
            let Some(len) = bytes[start..].iter().position(|b| *b == b')') else {
                return bytes;
            };
            spans.push((start, start + len));
            i = start + len + 1;
        } else if bytes[i] == b'<' && bytes.get(i + 1) != Some(&b'<') {
            let start = i + 1;
            let Some(len) = bytes[start..].iter().position(|b| *b == b'>') else {
                return bytes;
            };
            spans.push((start, start + len));
            i = start + len + 1;
        } else {
            i += 1;
        }
    }
    for (a, b) in &spans {
        for x in &mut bytes[*a..*b] {
            *x = b'0';
        }
    }
    let digest = Sha256::digest(&bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    for (a, b) in spans {
        let n = b - a;
        let fill: Vec<u8> = hex.bytes().cycle().take(n).collect();
        bytes[a..b].copy_from_slice(&fill);
    }
    bytes
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(fonts: &Fonts) -> Vec<u8> {
        let mut l = Layout::new(fonts, layout::Geometry::nd30());
        l.paragraph(
            "Độc lập - Tự do - Hạnh phúc; tăng 12,5% so với kỳ trước.",
            &layout::ParaStyle::body(),
        );
        l.new_page();
        page::page_numbers(&mut l);
        let info = Info {
            title: "Báo cáo".into(),
            author: "BQL".into(),
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 5, 15).unwrap(),
        };
        emit(&l, fonts, &info).unwrap()
    }

    #[test]
    fn two_renders_in_one_process_are_identical() {
        let fonts = Fonts::load(&FontFiles::default()).unwrap();
        let a = page(&fonts);
        let b = page(&fonts);
        assert!(a.starts_with(b"%PDF-"));
        assert!(
            a == b,
            "printpdf's counter-based ids leaked into the output"
        );
        // The subset is far smaller than one whole face.
        assert!(
            a.len() < fonts.face(Face::Regular).bytes.len() / 2,
            "{}",
            a.len()
        );
    }
}
