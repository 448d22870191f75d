//! The Excel workbook `bao-cao-pakn-<period>.xlsx` (SPEC §7, issue 5), written with
//! rust_xlsxwriter.
//!
//! Sheets, in order: Tổng hợp, Theo kênh, Theo đơn vị, Theo lĩnh vực, Theo loại, Thời gian xử lý,
//! Chấm điểm, Quá hạn, Dữ liệu lỗi. Numbers are number cells, dates are date cells, every text
//! cell is written with `write_string` (nothing from the data can become a formula), and there
//! are no formulas at all (so every reader — calamine, pandas, a viewer without recalculation —
//! sees the values). The document properties carry a creation time derived from `--as-of`, so
//! the same inputs give a byte-identical file. The layout is described in `docs/OUTPUTS.md`.
//!
//! Wording lives in `words.rs`; formats and the width/height estimates in `style.rs`.

mod breakdown;
mod lists;
pub(crate) mod style;
mod summary;
mod trend;
pub mod words;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, Workbook};

use super::ReportContext;
use crate::error::{Error, Result};
use style::{Sheet, Styles, XResult};
use words::w;

/// Renders the xlsx file in memory.
pub fn render(ctx: &ReportContext) -> Result<Vec<u8>> {
    build(ctx).map_err(|e| {
        Error::Runtime(format!(
            "không tạo được bảng tính Excel (cannot build the workbook): {e}"
        ))
    })
}

fn build(ctx: &ReportContext) -> XResult<Vec<u8>> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    wb.set_properties(&properties(ctx)?);
    wb.push_worksheet(summary::sheet(ctx, &st)?);
    for dim in breakdown::Dim::ALL {
        wb.push_worksheet(breakdown::sheet(ctx, &st, dim)?);
    }
    wb.push_worksheet(breakdown::times(ctx, &st)?);
    wb.push_worksheet(lists::scorecard(ctx, &st)?);
    wb.push_worksheet(lists::late(ctx, &st)?);
    wb.push_worksheet(lists::errors(ctx, &st)?);
    wb.save_to_buffer()
}

/// Title, author and a creation time fixed to the reporting date (00:00), never "now".
fn properties(ctx: &ReportContext) -> XResult<DocProperties> {
    let created = style::excel_date(ctx.as_of)?.and_hms(0, 0, 0)?;
    Ok(DocProperties::new()
        .set_title(w().doc_title(&ctx.period.label))
        .set_subject(w().document.subject.as_str())
        .set_author(&ctx.agency.name)
        .set_company(&ctx.agency.name)
        .set_keywords(w().document.keywords.as_str())
        .set_comment(w().document.comment.as_str())
        .set_creation_datetime(&created))
}

/// A date as the Office writes it in running text: "15/4/2026" (no leading zeros).
fn dmy_short(d: NaiveDate) -> String {
    format!("{}/{}/{}", d.day(), d.month(), d.year())
}

/// A date as "28/11/2026".
fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The title block of every sheet but Tổng hợp: agency (row 0), sheet title (row 1), data span
/// (row 2), merged over columns `0..=last_col` (centred on narrow sheets, left on wide ones).
/// Returns the first free row (4: row 3 is left blank).
fn sheet_head(
    sh: &mut Sheet,
    st: &Styles,
    ctx: &ReportContext,
    title: &str,
    last_col: u16,
) -> XResult<u32> {
    let wide = sh.span_width(0, last_col) > 160.0;
    let (t, s) = if wide {
        (
            st.subtitle
                .clone()
                .set_align(rust_xlsxwriter::FormatAlign::Left),
            st.span
                .clone()
                .set_align(rust_xlsxwriter::FormatAlign::Left),
        )
    } else {
        (st.subtitle.clone(), st.span.clone())
    };
    sh.text(0, 0, &ctx.agency.name, &st.agency)?;
    sh.merged(
        (1, 0),
        (1, last_col),
        &w().sheet_title(title, &ctx.period.label),
        &t,
        Some((true, 16.0)),
    )?;
    sh.merged(
        (2, 0),
        (2, last_col),
        &w().data_span(&dmy_short(ctx.period.start), &dmy_short(ctx.period.end)),
        &s,
        None,
    )?;
    Ok(4)
}

#[cfg(test)]
mod tests;
