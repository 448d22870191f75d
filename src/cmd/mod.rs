//! One module per command.

pub mod calendar;
pub mod consolidate;
pub mod explain;
pub mod remind;
pub mod report;
pub mod sample;
pub mod validate;
pub mod verify;
pub mod words;

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::log::Log;

/// The shipped sample register, built into the program so that an installed binary runs with no
/// build folder around.
const SAMPLE_FILES: [(&str, &[u8]); 2] = [
    (
        "hop-thu-facebook-2025-2026.csv",
        include_bytes!("../../sample-data/hop-thu-facebook-2025-2026.csv"),
    ),
    (
        "so-theo-doi-pakn-2025-2026.xlsx",
        include_bytes!("../../sample-data/so-theo-doi-pakn-2025-2026.xlsx"),
    ),
];

/// The inputs of a run: the ones given, else `sample-data/` of the current folder, else the
/// built-in copy of the sample register, unpacked into the temporary folder (SPEC §2).
pub fn default_inputs(inputs: &[PathBuf], log: &Log) -> Result<Vec<PathBuf>> {
    if !inputs.is_empty() {
        return Ok(inputs.to_vec());
    }
    let here = PathBuf::from("sample-data");
    if here.is_dir() {
        return Ok(vec![here]);
    }
    let dir = std::env::temp_dir().join(format!(
        "pakn-report-{}-sample-data",
        env!("CARGO_PKG_VERSION")
    ));
    std::fs::create_dir_all(&dir).map_err(|e| {
        Error::file(
            &dir,
            format!("không tạo được thư mục cho sổ mẫu (cannot unpack the sample register): {e}"),
        )
    })?;
    let files: Vec<(String, Vec<u8>)> = SAMPLE_FILES
        .iter()
        .filter(|(name, bytes)| std::fs::read(dir.join(name)).ok().as_deref() != Some(*bytes))
        .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
        .collect();
    if !files.is_empty() {
        crate::render::write_set(&dir, &files)?;
    }
    log.info(
        "Không có INPUT và không thấy thư mục sample-data/: đọc sổ mẫu kèm theo chương trình (no INPUT: reading the built-in sample register)",
    );
    Ok(vec![dir])
}

/// Writes `text` on stdout. When the reader has gone (`| head`), the command ends quietly with
/// exit 0 ([`Error::StdoutClosed`]).
pub fn print_out(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Error::StdoutClosed),
        Err(e) => Err(Error::Runtime(format!(
            "không ghi được ra stdout (cannot write to stdout): {e}"
        ))),
    }
}

/// Parses a YYYY-MM-DD argument.
pub fn parse_date_arg(flag: &str, s: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        Error::Usage(format!(
            "{flag} '{s}' không phải ngày dạng YYYY-MM-DD (expected a date YYYY-MM-DD)"
        ))
    })
}
