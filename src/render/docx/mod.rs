//! `bao-cao-pakn-<period>.docx`: the report as an editable Word document (SPEC §7), written from
//! the same `render::document::Document` as the PDF, so that the two say the same thing.
//!
//! NĐ 30/2020 layout (reference/legal-domain.md §4): A4 portrait, margins 20/20/30/15 mm (top,
//! bottom, left, right, as the PDF), Times New Roman 13 pt body, the header block and the
//! signature block as borderless two-column tables, real heading styles ("heading 1",
//! "heading 2") and a title style, data tables as Word tables whose header row repeats on every
//! page, charts as pictures (`chart`), page numbers centred at the top from page 2.
//!
//! docx-rs builds the parts; `repack` then writes the package again with fixed timestamps, the
//! document properties of the report and the header-row flag docx-rs has no builder for, so the
//! same inputs give the same bytes.

mod chart;

use std::io::{Cursor, Read, Write};

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, Header as DocxHeader, LineSpacing, LineSpacingType,
    PageMargin, PageNum, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders,
    Pic, Run, RunFonts, Shading, ShdType, SpecialIndentType, Style, StyleType, Table as DocxTable,
    TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::document::{Align, Annex, Block, Document, Header, Row, Signature, Table};
use crate::error::{Error, Result};
use crate::render::pdf::fonts::{Face, Fonts};
use crate::render::pdf::layout::{Geometry, Layout};
use crate::render::pdf::page;

/// The font named in the document: the one the recipient's Word has (the PDF embeds a
/// metric-compatible face instead).
pub const FONT: &str = "Times New Roman";

/// A4 portrait in twips (1/20 pt).
pub const PAGE_W: u32 = 11906;
pub const PAGE_H: u32 = 16838;
/// Margins in twips: 20 mm top and bottom, 30 mm left, 15 mm right (as the PDF).
pub const MARGIN_TOP: i32 = 1134;
pub const MARGIN_BOTTOM: i32 = 1134;
pub const MARGIN_LEFT: i32 = 1701;
pub const MARGIN_RIGHT: i32 = 851;
/// The width of the text in twips.
const TEXT_W: usize = (PAGE_W as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;
/// First-line indent of body paragraphs (1.27 cm), in twips.
const INDENT: i32 = 720;
/// Cell padding left and right, in twips (3 pt, as the PDF's tables).
const CELL_PAD: usize = 60;

const HEADER_FILL: &str = "E6E6E6";
const TOTAL_FILL: &str = "F5F5F5";

/// Writes a composed document as a DOCX package.
pub fn render_document(doc: &Document, fonts: &Fonts) -> Result<Vec<u8>> {
    let mut d = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(PageMargin {
            top: MARGIN_TOP,
            left: MARGIN_LEFT,
            bottom: MARGIN_BOTTOM,
            right: MARGIN_RIGHT,
            header: 567,
            footer: 567,
            gutter: 0,
        })
        .default_fonts(fonts_tnr())
        .default_size(26)
        .default_line_spacing(LineSpacing::new().after(0))
        .title_pg()
        .first_header(DocxHeader::new().add_paragraph(Paragraph::new()))
        .header(
            DocxHeader::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_page_num(PageNum::new()),
            ),
        );
    for s in styles() {
        d = d.add_style(s);
    }
    // The PDF's measures (same metrics as Times New Roman) decide the header columns, where the
    // agency name and the title break, and the table column widths, so that both files look alike.
    let l = Layout::new(fonts, Geometry::nd30());
    let cols = page::columns(&l, &doc.header).0;
    let left_col = ((cols.left_w * 20.0).round() as usize).min(TEXT_W);
    d = header_block(d, &doc.header, &l, left_col);
    let mut charts = 0usize;
    for (i, b) in doc.body.iter().enumerate() {
        let next_is_figure = matches!(
            doc.body.get(i + 1),
            Some(Block::Table(_) | Block::HBars(_) | Block::VBars(_) | Block::Lines(_))
        );
        d = match b {
            Block::Heading(s) => d.add_paragraph(
                Paragraph::new()
                    .style("Heading1")
                    .keep_next(true)
                    .add_run(Run::new().add_text(s)),
            ),
            Block::Sub(s) => d.add_paragraph(
                Paragraph::new()
                    .style("Heading2")
                    .keep_next(true)
                    .add_run(Run::new().add_text(s)),
            ),
            Block::Para(s) => d.add_paragraph(
                Paragraph::new()
                    .style("BodyText")
                    .keep_next(next_is_figure)
                    .add_run(Run::new().add_text(s)),
            ),
            Block::List(s) => d.add_paragraph(
                Paragraph::new()
                    .style("BodyText")
                    .align(AlignmentType::Left)
                    .add_run(Run::new().add_text(s)),
            ),
            Block::Note(s) => d.add_paragraph(
                Paragraph::new()
                    .style("Note")
                    .add_run(Run::new().add_text(s)),
            ),
            Block::Table(t) => table(d, t, &l, false),
            Block::HBars(c) => {
                charts += 1;
                picture(d, &c.caption, chart::hbars(fonts, c)?, charts)
            }
            Block::VBars(c) => {
                charts += 1;
                picture(d, &c.caption, chart::vbars(fonts, c)?, charts)
            }
            Block::Lines(c) => {
                charts += 1;
                picture(d, &c.caption, chart::lines(fonts, c)?, charts)
            }
        };
    }
    d = signature_block(d, &doc.signature, left_col);
    if let Some(a) = &doc.annex {
        d = annex(d, a, fonts, &l, &mut charts)?;
    }
    let mut raw = Cursor::new(Vec::new());
    d.build()
        .pack(&mut raw)
        .map_err(|e| Error::Runtime(format!("docx: không tạo được tệp: {e}")))?;
    repack(&raw.into_inner(), doc)
}

fn fonts_tnr() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

/// Paragraph styles the Office can restyle: title, heading 1 (I., II.), heading 2 (1., 2.),
/// body text, note, caption, table text.
fn styles() -> Vec<Style> {
    let spacing = |before: u32, after: u32| {
        LineSpacing::new()
            .before(before)
            .after(after)
            .line(252)
            .line_rule(LineSpacingType::Auto)
    };
    vec![
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .fonts(fonts_tnr())
            .bold()
            .size(28)
            .align(AlignmentType::Center)
            .line_spacing(spacing(0, 0)),
        Style::new("Heading1", StyleType::Paragraph)
            .name("heading 1")
            .based_on("Normal")
            .next("BodyText")
            .fonts(fonts_tnr())
            .bold()
            .size(26)
            .outline_lvl(0)
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(INDENT)),
                None,
                None,
            )
            .line_spacing(spacing(120, 80)),
        Style::new("Heading2", StyleType::Paragraph)
            .name("heading 2")
            .based_on("Normal")
            .next("BodyText")
            .fonts(fonts_tnr())
            .bold()
            .size(26)
            .outline_lvl(1)
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(INDENT)),
                None,
                None,
            )
            .line_spacing(spacing(40, 60)),
        Style::new("BodyText", StyleType::Paragraph)
            .name("Body Text")
            .based_on("Normal")
            .fonts(fonts_tnr())
            .size(26)
            .align(AlignmentType::Both)
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(INDENT)),
                None,
                None,
            )
            .line_spacing(spacing(0, 120)),
        Style::new("Note", StyleType::Paragraph)
            .name("Note")
            .based_on("BodyText")
            .fonts(fonts_tnr())
            .italic()
            .size(24)
            .align(AlignmentType::Both)
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(INDENT)),
                None,
                None,
            )
            .line_spacing(spacing(0, 120)),
        Style::new("Caption", StyleType::Paragraph)
            .name("caption")
            .based_on("Normal")
            .fonts(fonts_tnr())
            .bold()
            .size(24)
            .align(AlignmentType::Center)
            .line_spacing(spacing(60, 60)),
        Style::new("CardTitle", StyleType::Paragraph)
            .name("Card Title")
            .based_on("Normal")
            .next("BodyText")
            .fonts(fonts_tnr())
            .bold()
            .size(26)
            .align(AlignmentType::Center)
            .line_spacing(spacing(0, 80)),
        Style::new("TableText", StyleType::Paragraph)
            .name("Table Text")
            .based_on("Normal")
            .fonts(fonts_tnr())
            .line_spacing(spacing(0, 0)),
    ]
}

fn text_run(s: &str, size_pt: f32) -> Run {
    Run::new()
        .add_text(s)
        .size((size_pt * 2.0).round() as usize)
}

fn centred(s: &str, size_pt: f32, bold: bool) -> Paragraph {
    let mut r = text_run(s, size_pt);
    if bold {
        r = r.bold();
    }
    Paragraph::new()
        .style("TableText")
        .align(AlignmentType::Center)
        .add_run(r)
}

/// A paragraph whose lines break where the PDF breaks them (the balanced lines of `page`), with
/// line breaks the Office can remove; the text is unchanged.
fn broken_lines(
    l: &Layout,
    s: &str,
    face: Face,
    size_pt: f32,
    width_pt: f32,
    style: &str,
    bold: bool,
) -> Paragraph {
    let lines = page::balanced(l, s, face, size_pt, width_pt);
    let mut p = Paragraph::new().style(style).align(AlignmentType::Center);
    let n = lines.len();
    for (i, line) in lines.into_iter().enumerate() {
        let text = if i + 1 < n { format!("{line} ") } else { line };
        let mut r = text_run(&text, size_pt);
        if bold {
            r = r.bold();
        }
        if i + 1 < n {
            r = r.add_break(BreakType::TextWrapping);
        }
        p = p.add_run(r);
    }
    p
}

/// A short centred rule under a line of text (the agency name, the summary line): an empty
/// paragraph whose bottom border is cut to `width` twips by its indents.
fn rule(column: usize, width: usize) -> Paragraph {
    let side = (column.saturating_sub(width) / 2) as i32;
    let mut p = Paragraph::new()
        .style("TableText")
        .indent(Some(side), None, Some(side), None)
        .size(4)
        .line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line(80)
                .line_rule(LineSpacingType::Exact),
        );
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size(6)
                .space(1)
                .color("000000"),
        ),
    );
    p
}

fn cell(width: usize) -> TableCell {
    TableCell::new().width(width, WidthType::Dxa)
}

/// The NĐ 30/2020 header block as a borderless two-column table, then the kind of document and
/// its summary line.
fn header_block(d: Docx, h: &Header, l: &Layout, left_col: usize) -> Docx {
    let right = TEXT_W - left_col;
    let left_w = left_col as f32 / 20.0;
    let agency_w = l
        .wrap(&h.agency, Face::Bold, 12.0, left_w - 6.0, 0.0)
        .iter()
        .map(|line| l.width(Face::Bold, line, 12.0))
        .fold(0.0f32, f32::max);
    let left_cell = cell(left_col)
        .add_paragraph(centred(&h.parent, 12.0, false))
        .add_paragraph(broken_lines(
            l,
            &h.agency,
            Face::Bold,
            12.0,
            left_w - 6.0,
            "TableText",
            true,
        ))
        .add_paragraph(rule(left_col, (agency_w * 0.4 * 20.0) as usize));
    let right_cell = cell(right)
        .add_paragraph(centred(&h.national_name, 12.0, true))
        .add_paragraph(
            Paragraph::new()
                .style("TableText")
                .align(AlignmentType::Center)
                .add_run(text_run(&h.motto, 13.0).bold().underline("single")),
        );
    let number = cell(left_col).add_paragraph(
        Paragraph::new()
            .style("TableText")
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(240))
            .add_run(text_run(&h.number, 13.0)),
    );
    let date = cell(right).add_paragraph(
        Paragraph::new()
            .style("TableText")
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(240))
            .add_run(text_run(&h.place_date, 13.0).italic()),
    );
    let t = DocxTable::without_borders(vec![
        TableRow::new(vec![left_cell, right_cell]),
        TableRow::new(vec![number, date]),
    ])
    .set_grid(vec![left_col, right])
    .width(TEXT_W, WidthType::Dxa)
    .layout(TableLayoutType::Fixed)
    .margins(TableCellMargins::new().margin(0, 0, 0, 0));
    let text_w = TEXT_W as f32 / 20.0;
    d.add_table(t)
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .line_spacing(LineSpacing::new().before(480))
                .keep_next(true)
                .add_run(Run::new().add_text(&h.doc_type)),
        )
        .add_paragraph(
            broken_lines(
                l,
                &h.summary,
                Face::Bold,
                14.0,
                text_w * 0.9,
                "Title",
                false,
            )
            .keep_next(true),
        )
        .add_paragraph(rule(TEXT_W, TEXT_W * 25 / 100))
        .add_paragraph(
            Paragraph::new()
                .style("TableText")
                .size(12)
                .add_run(Run::new()),
        )
}

fn jc(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

/// A data table: caption, a header row that repeats on every page (marked here by "can't split",
/// turned into the repeat flag by `repack`), rows, total rows bold on a light fill.
/// With `keep`, every paragraph of the table keeps with the next (a card of the annex stays on
/// one page).
fn table(mut d: Docx, t: &Table, l: &Layout, keep: bool) -> Docx {
    if let Some(c) = &t.caption {
        d = d.add_paragraph(
            Paragraph::new()
                .style("Caption")
                .keep_next(true)
                .add_run(Run::new().add_text(c)),
        );
    }
    let grid: Vec<usize> = l
        .column_widths(t, CELL_PAD as f32 / 20.0)
        .iter()
        .map(|w| (w * 20.0).floor() as usize)
        .collect();
    let cell_in = |s: &str, i: usize, align: AlignmentType, bold: bool, fill: Option<&str>| {
        let mut run = text_run(s, t.size);
        if bold {
            run = run.bold();
        }
        let mut c = cell(grid[i])
            .vertical_align(VAlignType::Center)
            .add_paragraph(
                Paragraph::new()
                    .style("TableText")
                    .align(align)
                    .keep_next(keep)
                    .add_run(run),
            );
        if let Some(f) = fill {
            c = c.shading(
                Shading::new()
                    .shd_type(ShdType::Clear)
                    .color("auto")
                    .fill(f),
            );
        }
        c
    };
    let header = TableRow::new(
        t.header
            .iter()
            .enumerate()
            .map(|(i, s)| cell_in(s, i, AlignmentType::Center, true, Some(HEADER_FILL)))
            .collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    for Row { cells, total } in &t.rows {
        let fill = total.then_some(TOTAL_FILL);
        rows.push(TableRow::new(
            cells
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let a = t.aligns.get(i).copied().unwrap_or(Align::Left);
                    cell_in(s, i, jc(a), *total, fill)
                })
                .collect(),
        ));
    }
    d.add_table(
        DocxTable::new(rows)
            .set_grid(grid)
            .width(TEXT_W, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .margins(TableCellMargins::new().margin(28, CELL_PAD, 28, CELL_PAD)),
    )
    .add_paragraph(
        Paragraph::new()
            .style("TableText")
            .size(12)
            .keep_next(keep)
            .add_run(Run::new()),
    )
}

/// A chart: its caption as a paragraph, the picture centred under it.
fn picture(d: Docx, caption: &str, p: chart::Picture, n: usize) -> Docx {
    let emu = |pt: f32| (pt * 12700.0).round() as u32;
    let pic = Pic::new_with_dimensions(p.png, p.width_px, p.height_px)
        .id(format!("rIdChart{n}"))
        .size(emu(p.width_pt), emu(p.height_pt));
    d.add_paragraph(
        Paragraph::new()
            .style("Caption")
            .keep_next(true)
            .add_run(Run::new().add_text(caption)),
    )
    .add_paragraph(
        Paragraph::new()
            .style("TableText")
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().after(120))
            .add_run(Run::new().add_image(pic)),
    )
}

/// The annex from a new page: title, introduction, then one card per department. A card starts a
/// page where the PDF's starts one; the others follow a cutting line (a rule above the card's
/// title), and every paragraph of a card keeps with the next so that Word moves it whole.
fn annex(mut d: Docx, a: &Annex, fonts: &Fonts, l: &Layout, charts: &mut usize) -> Result<Docx> {
    let starts = page::annex(&mut Layout::new(fonts, Geometry::nd30()), a);
    d = d
        .add_paragraph(
            Paragraph::new()
                .style("CardTitle")
                .page_break_before(true)
                .keep_next(true)
                .add_run(Run::new().add_text(&a.title)),
        )
        .add_paragraph(
            Paragraph::new()
                .style("Note")
                .keep_next(true)
                .add_run(Run::new().add_text(&a.intro)),
        );
    for (i, c) in a.cards.iter().enumerate() {
        let mut title = Paragraph::new()
            .style("CardTitle")
            .keep_next(true)
            .add_run(Run::new().add_text(&c.title));
        if i == 0 {
            // As the PDF's space under the introduction.
            title = title.line_spacing(LineSpacing::new().before(160));
        } else {
            if starts.get(i).copied().unwrap_or(true) {
                title = title.page_break_before(true);
            } else {
                title = title.line_spacing(LineSpacing::new().before(240));
                title.property = title.property.set_borders(
                    ParagraphBorders::with_empty().set(
                        ParagraphBorder::new(ParagraphBorderPosition::Top)
                            .val(BorderType::Single)
                            .size(4)
                            .space(12)
                            .color("CCCCCC"),
                    ),
                );
            }
        }
        d = d.add_paragraph(title).add_paragraph(
            Paragraph::new()
                .style("BodyText")
                .keep_next(true)
                .add_run(Run::new().add_text(&c.summary)),
        );
        d = table(d, &c.table, l, true);
        for s in &c.lost {
            d = d.add_paragraph(
                Paragraph::new()
                    .style("BodyText")
                    .align(AlignmentType::Left)
                    .keep_next(true)
                    .add_run(text_run(s, 12.0)),
            );
        }
        if let Some(ch) = &c.chart {
            *charts += 1;
            d = picture(d, &ch.caption, chart::lines(fonts, ch)?, *charts);
        }
    }
    Ok(d)
}

/// "Nơi nhận:" (left) beside the signature block (right), as a borderless two-column table.
fn signature_block(d: Docx, s: &Signature, left_col: usize) -> Docx {
    let right = TEXT_W - left_col;
    let mut left = cell(left_col).add_paragraph(
        Paragraph::new()
            .style("TableText")
            .keep_next(true)
            .add_run(text_run(&s.recipients_title, 12.0).bold().italic()),
    );
    for r in &s.recipients {
        left = left.add_paragraph(
            Paragraph::new()
                .style("TableText")
                .keep_next(true)
                .indent(Some(113), Some(SpecialIndentType::Hanging(113)), None, None)
                .add_run(text_run(r, 11.0)),
        );
    }
    let mut rc = cell(right);
    for t in &s.titles {
        rc = rc.add_paragraph(centred(t, 13.0, true).keep_next(true));
    }
    // Space to sign (about 25 mm), then the name.
    rc = rc.add_paragraph(
        Paragraph::new()
            .style("TableText")
            .keep_next(true)
            .line_spacing(
                LineSpacing::new()
                    .line(1417)
                    .line_rule(LineSpacingType::Exact),
            )
            .add_run(Run::new()),
    );
    if !s.name.is_empty() {
        rc = rc.add_paragraph(centred(&s.name, 13.0, true));
    }
    d.add_paragraph(Paragraph::new().style("TableText").add_run(Run::new()))
        .add_table(
            DocxTable::without_borders(vec![TableRow::new(vec![left, rc])])
                .set_grid(vec![left_col, right])
                .width(TEXT_W, WidthType::Dxa)
                .layout(TableLayoutType::Fixed)
                .margins(TableCellMargins::new().margin(0, 0, 0, 0)),
        )
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The package's core properties: title and author of the report, its date as both dates.
fn core_xml(doc: &Document) -> String {
    let date = format!("{}T00:00:00Z", doc.as_of.format("%Y-%m-%d"));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{t}</dc:title><dc:creator>{a}</dc:creator><cp:lastModifiedBy>{a}</cp:lastModifiedBy><cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified><dc:language>vi-VN</dc:language></cp:coreProperties>"#,
        t = xml_escape(&doc.title),
        a = xml_escape(&doc.author),
    )
}

/// The schema puts the header references first in a section's properties; docx-rs writes them
/// after the page size and margins.
fn section_order(xml: &str) -> String {
    let Some(start) = xml.rfind("<w:sectPr>") else {
        return xml.to_string();
    };
    let body = start + "<w:sectPr>".len();
    let Some(len) = xml[body..].find("</w:sectPr>") else {
        return xml.to_string();
    };
    let inner = &xml[body..body + len];
    let mut refs = String::new();
    let mut rest = String::new();
    let mut i = 0;
    while let Some(a) = inner[i..].find('<') {
        let a = i + a;
        let Some(b) = inner[a..].find('>') else { break };
        let tag = &inner[a..a + b + 1];
        if tag.starts_with("<w:headerReference") || tag.starts_with("<w:footerReference") {
            refs.push_str(tag);
        } else {
            rest.push_str(tag);
        }
        i = a + b + 1;
    }
    format!("{}{refs}{rest}{}", &xml[..body], &xml[body + len..])
}

/// Writes the package again: the same parts in the same order, deflated, dated 1980-01-01 (the
/// zip epoch), with the report's core properties and the header rows flagged to repeat.
fn repack(raw: &[u8], doc: &Document) -> Result<Vec<u8>> {
    let err =
        |e: &dyn std::fmt::Display| Error::Runtime(format!("docx: không đóng gói được tệp: {e}"));
    let mut zin = zip::ZipArchive::new(Cursor::new(raw)).map_err(|e| err(&e))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).map_err(|e| err(&e))?;
        if f.is_dir() {
            continue;
        }
        let name = f.name().map_err(|e| err(&e))?.to_string();
        let mut bytes = Vec::with_capacity(f.size() as usize);
        f.read_to_end(&mut bytes).map_err(|e| err(&e))?;
        let bytes = match name.as_str() {
            "docProps/core.xml" => core_xml(doc).into_bytes(),
            "word/document.xml" => section_order(
                &String::from_utf8_lossy(&bytes)
                    .replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />"),
            )
            .into_bytes(),
            _ => bytes,
        };
        out.start_file(name, opts).map_err(|e| err(&e))?;
        out.write_all(&bytes).map_err(|e| err(&e))?;
    }
    Ok(out.finish().map_err(|e| err(&e))?.into_inner())
}
