//! The report as a neutral document: what it says, in reading order, without any page geometry.
//!
//! `render::compose` builds it once from the figures and the wording of
//! `report-templates/bao-cao.toml`; the PDF (`render::pdf::page`) and the DOCX (`render::docx`)
//! lay it out. Every word and every figure is decided here, never in a backend, so that the two
//! files say the same thing.

use chrono::NaiveDate;

/// A colour as red, green, blue fractions (0–1).
pub type Rgb = [f32; 3];
pub const BLUE: Rgb = [0.20, 0.39, 0.64];
pub const ORANGE: Rgb = [0.90, 0.53, 0.17];
pub const RED: Rgb = [0.76, 0.20, 0.18];
pub const GREY: Rgb = [0.55, 0.55, 0.55];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

/// A ruled table with one header row (repeated on every page) and optional total rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub caption: Option<String>,
    /// Relative column widths.
    pub widths: Vec<f32>,
    pub aligns: Vec<Align>,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    /// Font size in points.
    pub size: f32,
    /// Columns whose cells must not wrap (case numbers): widened to their longest cell, the
    /// other columns narrowed in proportion.
    pub nowrap: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<String>,
    /// A total row: bold on a light background.
    pub total: bool,
}

/// Horizontal bars, one group per item, one bar per series.
#[derive(Debug, Clone)]
pub struct HBarChart {
    pub caption: String,
    pub series: Vec<(String, Rgb)>,
    pub items: Vec<(String, Vec<u64>)>,
}

/// Vertical grouped bars over categories (months).
#[derive(Debug, Clone)]
pub struct VBarChart {
    pub caption: String,
    pub series: Vec<(String, Rgb)>,
    pub categories: Vec<String>,
    /// values[category][series]
    pub values: Vec<Vec<u64>>,
}

/// Lines over periods (the scorecard trend); a period without a value is a gap.
#[derive(Debug, Clone)]
pub struct LineChart {
    pub caption: String,
    pub categories: Vec<String>,
    /// (name, colour, one value per category); the first series is drawn thicker, with its
    /// values written over the points.
    pub series: Vec<(String, Rgb, Vec<Option<f64>>)>,
    /// The top of the value axis (the maximum points).
    pub max: f64,
    /// Height of the plot area in points.
    pub plot_h: f32,
    /// Written at the foot of a period where no series has a value ("chưa có số liệu").
    pub no_data: String,
}

/// A piece of the body.
#[derive(Debug, Clone)]
pub enum Block {
    /// "I. TÌNH HÌNH TIẾP NHẬN" (heading level 1).
    Heading(String),
    /// "1. Số lượng vụ việc" (heading level 2).
    Sub(String),
    /// Justified body paragraph with a first-line indent.
    Para(String),
    /// Italic, smaller paragraph (notes).
    Note(String),
    /// Left-aligned body paragraph (lists of case numbers, which justify badly).
    List(String),
    Table(Table),
    HBars(HBarChart),
    VBars(VBarChart),
    /// Points over periods (the scorecard trend).
    Lines(LineChart),
}

impl Block {
    /// The text of the block (for the tests).
    #[cfg(test)]
    pub fn text(&self) -> String {
        match self {
            Block::Heading(s)
            | Block::Sub(s)
            | Block::Para(s)
            | Block::Note(s)
            | Block::List(s) => s.clone(),
            Block::Table(t) => {
                let mut s = t.caption.clone().unwrap_or_default();
                s.push('\n');
                s.push_str(&t.header.join(" | "));
                for r in &t.rows {
                    s.push('\n');
                    s.push_str(&r.cells.join(" | "));
                }
                s
            }
            Block::HBars(c) => c.caption.clone(),
            Block::VBars(c) => c.caption.clone(),
            Block::Lines(c) => c.caption.clone(),
        }
    }
}

/// The header block of NĐ 30/2020 (Phụ lục I): issuing body on the left, Quốc hiệu and Tiêu ngữ on
/// the right, the number and the place and date under them, then the kind of document and its
/// summary line, centred.
#[derive(Debug, Clone)]
pub struct Header {
    /// The body above the issuing one (upright).
    pub parent: String,
    /// The issuing body (bold, with a short rule under it).
    pub agency: String,
    /// "Số:          /BC-BQL".
    pub number: String,
    pub national_name: String,
    /// Tiêu ngữ, underlined to its length.
    pub motto: String,
    /// "Hải Phòng, ngày 28 tháng 11 năm 2026" (italic).
    pub place_date: String,
    /// "BÁO CÁO".
    pub doc_type: String,
    /// The summary line under the kind of document.
    pub summary: String,
}

/// "Nơi nhận:" with its list (left) and the signature block (right), side by side.
#[derive(Debug, Clone)]
pub struct Signature {
    pub recipients_title: String,
    pub recipients: Vec<String>,
    /// Authority and title lines (bold), the blank ones left out.
    pub titles: Vec<String>,
    /// The signer's name (bold), under the space to sign; empty when not configured.
    pub name: String,
}

/// One department's scorecard in the annex, handed out alone: title, summary line, criteria
/// table, the case numbers behind each lost point, the twelve-period line.
#[derive(Debug, Clone)]
pub struct Card {
    /// "PHIẾU CHẤM ĐIỂM: …" (bold, centred).
    pub title: String,
    pub summary: String,
    /// The criteria and points (no caption).
    pub table: Table,
    /// Left-aligned lines, 12 pt.
    pub lost: Vec<String>,
    pub chart: Option<LineChart>,
}

/// "Phụ lục: Phiếu chấm điểm", after the signature, from a new page; each card starts at the top
/// or the middle of a page.
#[derive(Debug, Clone)]
pub struct Annex {
    /// Bold, centred.
    pub title: String,
    /// Italic, 12 pt.
    pub intro: String,
    pub cards: Vec<Card>,
}

/// The whole report.
#[derive(Debug, Clone)]
pub struct Document {
    /// Title in the file's properties.
    pub title: String,
    /// Author in the file's properties (the agency).
    pub author: String,
    /// The reporting date: the file's creation date.
    pub as_of: NaiveDate,
    pub header: Header,
    /// The introduction, sections I–IV and the closing line.
    pub body: Vec<Block>,
    pub signature: Signature,
    /// After the signature, when there is one.
    pub annex: Option<Annex>,
}
