//! `pakn-report verify DIR [INPUT]...`: re-checks the SHA-256 and size of every output listed in
//! DIR/manifest.json, and of the inputs when they are given, and says which files changed.

use std::path::Path;

use serde_json::Value;

use crate::cli::VerifyArgs;
use crate::error::{EXIT_OK, Error, Result};
use crate::input::sha256_file;
use crate::log::Log;

/// The verdict on one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    Ok,
    Changed,
    Missing,
    /// An INPUT that is not among the manifest's inputs.
    NotRecorded,
}

fn check(path: &Path, entry: &Value) -> Result<Check> {
    if !path.is_file() {
        return Ok(Check::Missing);
    }
    let want = entry["sha256"].as_str().unwrap_or("");
    let size = entry["size"].as_u64();
    let got = sha256_file(path)?;
    let len = std::fs::metadata(path)?.len();
    Ok(if got == want && size.is_none_or(|s| s == len) {
        Check::Ok
    } else {
        Check::Changed
    })
}

pub fn run(args: &VerifyArgs, log: &Log) -> Result<i32> {
    let manifest_path = args.dir.join("manifest.json");
    let text = std::fs::read_to_string(&manifest_path).map_err(|e| {
        Error::file(
            &manifest_path,
            format!("không đọc được manifest (cannot read manifest): {e}"),
        )
    })?;
    let manifest: Value = serde_json::from_str(&text).map_err(|e| {
        Error::file(
            &manifest_path,
            format!("manifest không hợp lệ (invalid manifest): {e}"),
        )
    })?;
    let mut bad = Vec::new();
    let mut checked = 0;
    for entry in manifest["outputs"].as_array().into_iter().flatten() {
        let name = entry["name"].as_str().unwrap_or("");
        let verdict = check(&args.dir.join(name), entry)?;
        checked += 1;
        super::print_out(&format!("{}\t{}\n", verdict_word(&verdict), name))?;
        if verdict != Check::Ok {
            bad.push(name.to_string());
        }
    }
    // Inputs are recorded by file name: every INPUT named on the command line (a folder: its
    // export files) must be one of them, present and unchanged.
    let recorded: Vec<&Value> = manifest["inputs"]
        .as_array()
        .into_iter()
        .flatten()
        .collect();
    for given in &args.inputs {
        let files = if given.is_dir() {
            crate::input::expand_inputs(std::slice::from_ref(given))?
        } else {
            vec![given.clone()]
        };
        for path in files {
            let shown = path.display().to_string();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let verdict = if !path.is_file() {
                Check::Missing
            } else {
                match recorded.iter().find(|e| e["name"].as_str() == Some(name)) {
                    Some(entry) => check(&path, entry)?,
                    None => Check::NotRecorded,
                }
            };
            checked += 1;
            super::print_out(&format!(
                "{}\t{} (đầu vào / input)\n",
                verdict_word(&verdict),
                shown
            ))?;
            if verdict != Check::Ok {
                bad.push(shown);
            }
        }
    }
    if bad.is_empty() {
        log.info(&format!(
            "Khớp {checked} tệp với manifest.json (all {checked} files match the manifest)"
        ));
        Ok(EXIT_OK)
    } else {
        Err(Error::Runtime(format!(
            "{}: {} tệp không khớp manifest.json (files differ from the manifest): {}",
            args.dir.display(),
            bad.len(),
            bad.join(", ")
        )))
    }
}

fn verdict_word(c: &Check) -> &'static str {
    match c {
        Check::Ok => "KHỚP",
        Check::Changed => "ĐÃ THAY ĐỔI",
        Check::Missing => "THIẾU",
        Check::NotRecorded => "KHÔNG CÓ TRONG MANIFEST",
    }
}
