//! The row accounting of SPEC §3.6, kept with the loaded data: rows read = accepted + rejected
//! + duplicates + skipped, per file and overall. `report` writes it in summary.json and on
//! stderr, `validate` prints it; both take it from here.

use serde::Serialize;

use super::{FileAccount, Loaded};

/// The `input` object of summary.json (SPEC §7).
#[derive(Debug, Clone, Serialize)]
pub struct InputSummary<'a> {
    pub files: &'a [FileAccount],
    pub rows_read: u64,
    pub accepted: u64,
    pub rejected: u64,
    pub duplicates: u64,
    pub skipped: u64,
    pub warnings: usize,
}

impl Loaded {
    /// The accounting as summary.json writes it.
    pub fn input_summary(&self) -> InputSummary<'_> {
        InputSummary {
            files: &self.files,
            rows_read: self.rows_read(),
            accepted: self.accepted(),
            rejected: self.rejected(),
            duplicates: self.duplicate_count(),
            skipped: self.skipped(),
            warnings: self.warnings.len(),
        }
    }

    /// The row identity as one line, for stderr and the text of `validate`.
    pub fn accounting_line(&self) -> String {
        format!(
            "Số dòng đọc {} = hợp lệ {} + bị loại {} + trùng {} + bỏ qua {} (rows read = accepted + rejected + duplicates + skipped){}",
            self.rows_read(),
            self.accepted(),
            self.rejected(),
            self.duplicate_count(),
            self.skipped(),
            if self.identity_holds() {
                ""
            } else {
                " — SAI LỆCH (identity broken)"
            }
        )
    }
}
