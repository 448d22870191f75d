//! One module per command.

pub mod calendar;
pub mod explain;
pub mod remind;
pub mod report;
pub mod sample;
pub mod validate;
pub mod verify;
pub mod words;

use std::path::PathBuf;

/// The shipped sample register, used when no INPUT is given (SPEC §2).
pub fn default_inputs(inputs: &[PathBuf]) -> Vec<PathBuf> {
    if !inputs.is_empty() {
        return inputs.to_vec();
    }
    let here = PathBuf::from("sample-data");
    if here.is_dir() {
        return vec![here];
    }
    vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data")]
}

/// Parses a YYYY-MM-DD argument.
pub fn parse_date_arg(flag: &str, s: &str) -> crate::error::Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        crate::error::Error::Usage(format!(
            "{flag} '{s}' không phải ngày dạng YYYY-MM-DD (expected a date YYYY-MM-DD)"
        ))
    })
}
