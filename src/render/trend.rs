//! The wording of the scorecard trend in the workbook and the report
//! (`report-templates/xu-huong.toml`), and the short period labels of its columns and charts.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::calendar::period::{Period, Span};
use crate::scorecard::trend::Status;

pub const SHIPPED: &str = include_str!("../../report-templates/xu-huong.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub no_data: String,
    pub agency: String,
    pub arrows: Arrows,
    pub colours: Colours,
    pub xlsx: Xlsx,
    pub pdf: Pdf,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Arrows {
    pub up: String,
    pub down: String,
    pub same: String,
    pub new: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colours {
    pub bands: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Xlsx {
    pub section: String,
    pub rank: String,
    pub unit: String,
    pub rating: String,
    pub points: String,
    pub max: String,
    pub previous_rank: String,
    pub movement: String,
    pub points_change: String,
    pub previous: String,
    pub note: String,
    pub chart: String,
    pub chart_data: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pdf {
    pub ranking_sub: String,
    pub ranking_intro: String,
    pub ranking_table: String,
    pub agency_line: String,
    pub agency_chart: String,
    pub no_data_note: String,
    pub annex_title: String,
    pub annex_intro: String,
    pub card_title: String,
    pub card_summary: String,
    pub card_previous_none: String,
    pub card_lost: String,
    pub card_no_lost: String,
    pub card_line: String,
}

/// The shipped wording (checked by a test).
pub fn w() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| toml::from_str(SHIPPED).expect("report-templates/xu-huong.toml parses"))
}

impl Words {
    pub fn arrow(&self, s: Status) -> &str {
        match s {
            Status::Up => &self.arrows.up,
            Status::Down => &self.arrows.down,
            Status::Same => &self.arrows.same,
            Status::New => &self.arrows.new,
        }
    }

    /// The fill colour (0xRRGGBB) of a rating band by its position (0 = best).
    pub fn band_colour(&self, band: usize) -> Option<u32> {
        let b = &self.colours.bands;
        b.get(band)
            .or(b.last())
            .and_then(|s| u32::from_str_radix(s.trim_start_matches('#'), 16).ok())
    }
}

/// A period as a column or axis label: "5/2026" for a month, the period's label otherwise.
pub fn short_label(p: &Period) -> String {
    match p.span {
        Span::Month { year, month } => format!("{month}/{year}"),
        _ => p.label.clone(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn shipped_wording_parses_and_colours_are_hex() {
        let w = super::w();
        assert_eq!(w.no_data, "chưa có số liệu");
        for i in 0..w.colours.bands.len() + 2 {
            assert!(w.band_colour(i).is_some());
        }
    }
}
