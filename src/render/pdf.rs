//! The pdf report (being written).

use super::ReportContext;
use crate::error::{Error, Result};

/// Renders the pdf file in memory.
pub fn render(_ctx: &ReportContext) -> Result<Vec<u8>> {
    Err(Error::Runtime("pdf: chưa có (not available yet)".into()))
}
