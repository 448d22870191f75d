//! The xlsx report (being written).

use super::ReportContext;
use crate::error::{Error, Result};

/// Renders the xlsx file in memory.
pub fn render(_ctx: &ReportContext) -> Result<Vec<u8>> {
    Err(Error::Runtime("xlsx: chưa có (not available yet)".into()))
}
