//! Stage 6 — render: summary.json (and the manifest). Every file is written under a temporary
//! name in the output folder and renamed into place when complete (SPEC §9).

pub mod agency;
pub mod forms;
pub mod json;
pub mod manifest;
pub mod pdf;
pub mod xlsx;

use chrono::NaiveDate;

use crate::calendar::period::Period;
use crate::figures::{CaseRef, Figures, MonthPoint, PeriodFigures};
use crate::normalize::Loaded;

use std::path::Path;

use crate::error::{Error, Result};

/// Everything a renderer needs, computed once by the report command. No personal data is in it:
/// the case table holds none (personal-data columns are never read).
pub struct ReportContext<'a> {
    pub period: &'a Period,
    /// The reporting date (`--as-of`): the date printed on the report.
    pub as_of: NaiveDate,
    pub figures: &'a PeriodFigures,
    pub previous: (&'a Period, &'a Figures),
    pub last_year: (&'a Period, &'a Figures),
    /// Received and resolved per month, the 12 months up to the period end.
    pub monthly: &'a [MonthPoint],
    /// Overdue (pending past deadline) and late (resolved after deadline) cases of the period.
    pub late: &'a [CaseRef],
    /// Row accounting per file, rejects, duplicates, warnings, vocabulary labels.
    pub loaded: &'a Loaded,
    /// The scorecard, when computed.
    pub scorecard: Option<&'a crate::scorecard::ScorecardReport>,
    pub agency: &'a agency::Agency,
    /// Tố cáo cells below this count are merged into "Khác" in outputs sent onward (SPEC §8).
    pub privacy_min_cell: u32,
}

/// Writes `bytes` to `dir/name` atomically: a temporary file in the same folder, synced, renamed.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let target = dir.join(name);
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::file(
            &target,
            format!("không ghi được tệp (cannot write): {e}"),
        ));
    }
    Ok(())
}
