//! manifest.json: tool version, effective config and its hash, period, as-of date, and the
//! SHA-256 and size of every input and output file (SPEC §7), so an inspector can check that a
//! report came from given data.

use chrono::NaiveDate;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::calendar::period::Period;
use crate::normalize::FileAccount;

/// The manifest of a set of outputs rendered in memory (`outputs`: file name and bytes), to be
/// written last with them (`super::write_set`).
pub fn bytes(
    config_text: &str,
    period: &Period,
    as_of: NaiveDate,
    inputs: &[FileAccount],
    outputs: &[(String, Vec<u8>)],
) -> Vec<u8> {
    let outs: Vec<_> = outputs
        .iter()
        .map(|(name, bytes)| {
            json!({
                "name": name,
                "sha256": format!("{:x}", Sha256::digest(bytes)),
                "size": bytes.len(),
            })
        })
        .collect();
    let ins: Vec<_> = inputs
        .iter()
        .map(|f| {
            json!({
                "name": f.name,
                "sha256": f.sha256,
                "size": std::fs::metadata(&f.path).map(|m| m.len()).unwrap_or(0),
            })
        })
        .collect();
    let manifest = json!({
        "schema": "pakn-report/manifest/v1",
        "tool": {"name": "pakn-report", "version": env!("CARGO_PKG_VERSION")},
        "config": {
            "text": config_text,
            "sha256": format!("{:x}", Sha256::digest(config_text.as_bytes())),
        },
        "period": super::json::PeriodJson::new(period),
        "as_of": as_of.format("%Y-%m-%d").to_string(),
        "inputs": ins,
        "outputs": outs,
    });
    super::json::to_bytes(&manifest)
}
