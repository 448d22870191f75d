//! Stage 6 — render: summary.json (and the manifest). Every file is written under a temporary
//! name in the output folder and renamed into place when complete (SPEC §9).

pub mod agency;
pub mod compose;
pub mod document;
pub mod docx;
pub mod forms;
pub mod json;
pub mod manifest;
pub mod pdf;
pub mod trend;
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
    /// The scorecard over the twelve periods ending with this one, when computed.
    pub trend: Option<&'a crate::scorecard::trend::Trend>,
    pub agency: &'a agency::Agency,
    /// Tố cáo cells below this count are merged into "Khác" in outputs sent onward (SPEC §8).
    pub privacy_min_cell: u32,
}

/// An output's file name from a wording template (`file` in `report-templates/bao-cao.toml` or
/// `bang-tinh.toml`, with `{period_slug}`) and its extension. A name that would leave the output
/// folder or that Windows cannot hold is refused with the template's file and key.
pub fn file_name(template: &str, slug: &str, ext: &str, source: &str) -> Result<String> {
    let stem = template.replace("{period_slug}", slug);
    let bad = stem.trim().is_empty()
        || stem.starts_with('.')
        || stem
            .chars()
            .any(|c| c.is_control() || "/\\:*?\"<>|{}".contains(c));
    if bad {
        return Err(Error::Runtime(format!(
            "{source}: tên tệp \"{template}\" không dùng được (a file name must not be empty, start with a dot, or hold / \\ : * ? \" < > | or an unknown {{…}})"
        )));
    }
    Ok(format!("{stem}.{ext}"))
}

/// Writes the outputs of one run as one set (SPEC §7, §9), making `dir` when it is missing: every
/// file was rendered in memory by the caller; each is written to a temporary name in `dir` and synced, and only when all of them
/// are on disk are they renamed into place, in the order given (the manifest last). A failure
/// while writing the temporary files replaces nothing and removes what it wrote; a target that is
/// a folder is refused before anything is renamed.
pub fn write_set(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    use std::io::Write;
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::file(
            dir,
            format!("không tạo được thư mục kết quả (cannot create output folder): {e}"),
        )
    })?;
    let mut temps: Vec<(std::path::PathBuf, std::path::PathBuf)> = Vec::with_capacity(files.len());
    let clean = |temps: &[(std::path::PathBuf, std::path::PathBuf)]| {
        for (tmp, _) in temps {
            let _ = std::fs::remove_file(tmp);
        }
    };
    for (i, (name, bytes)) in files.iter().enumerate() {
        let target = dir.join(name);
        let tmp = dir.join(format!(".{name}.{}-{i}.tmp", std::process::id()));
        let written = (|| -> std::io::Result<()> {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)?;
            f.write_all(bytes)?;
            f.sync_all()
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            clean(&temps);
            return Err(Error::file(
                &target,
                format!(
                    "không ghi được tệp; không tệp kết quả nào bị thay (cannot write; no output was replaced): {e}"
                ),
            ));
        }
        temps.push((tmp, target));
    }
    if let Some((_, target)) = temps.iter().find(|(_, t)| t.is_dir()) {
        let target = target.clone();
        clean(&temps);
        return Err(Error::file(
            &target,
            "đã có một thư mục trùng tên tệp kết quả; không tệp kết quả nào bị thay (a folder has the name of an output; no output was replaced)",
        ));
    }
    for (k, (tmp, target)) in temps.iter().enumerate() {
        if let Err(e) = std::fs::rename(tmp, target) {
            clean(&temps[k..]);
            return Err(Error::file(
                target,
                format!(
                    "không thay được tệp; bộ kết quả có thể không đầy đủ, hãy chạy lại (cannot rename into place; run again): {e}"
                ),
            ));
        }
    }
    // The renames themselves reach the disk with the folder's entry.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_come_from_the_template_and_stay_in_the_folder() {
        let src = "bao-cao.toml [document] file";
        assert_eq!(
            file_name("bao-cao-pakn-{period_slug}", "2026-Q2", "docx", src).unwrap(),
            "bao-cao-pakn-2026-Q2.docx"
        );
        assert_eq!(
            file_name("Báo cáo PAKN {period_slug}", "2025", "pdf", src).unwrap(),
            "Báo cáo PAKN 2025.pdf"
        );
        for bad in [
            "",
            "  ",
            "../x",
            "a/b",
            "a\\b",
            ".hidden",
            "x{period}",
            "a:b",
        ] {
            let e = file_name(bad, "2025", "pdf", src).unwrap_err().to_string();
            assert!(e.contains("bao-cao.toml [document] file"), "{bad}: {e}");
        }
    }
}
