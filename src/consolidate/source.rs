//! Reading the sources of a consolidation (SPEC §11): report folders (summary.json checked
//! against manifest.json), folders of them, consolidated folders, and forms workbooks of other
//! software. Every check refuses with one sentence naming the unit and the file.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::calendar::period::Period;
use crate::error::{Error, Result};
use crate::figures::{Figures, Group};
use crate::forms::Layouts;
use crate::input::sha256_file;
use crate::render::json::AgencyJson;

use super::data::{CompareCounts, FormsValues, Score, Source, SourceKind, UnitData};
use super::units::UnitsFile;

#[derive(Deserialize)]
struct PeriodIn {
    label: String,
    start: String,
    end: String,
}

#[derive(Deserialize)]
struct CompareEntryIn {
    received: Option<u64>,
    resolved: Option<u64>,
    resolved_on_time: Option<u64>,
}

impl CompareEntryIn {
    fn counts(&self) -> Option<CompareCounts> {
        Some(CompareCounts {
            received: self.received?,
            resolved: self.resolved?,
            resolved_on_time: self.resolved_on_time?,
        })
    }
}

#[derive(Deserialize)]
struct CompareIn {
    previous: CompareEntryIn,
    same_period_last_year: CompareEntryIn,
}

/// The parts of summary.json a consolidation reads.
#[derive(Deserialize)]
struct SummaryIn {
    schema: String,
    period: PeriodIn,
    totals: Figures,
    #[serde(default)]
    by_kind: Vec<Group>,
    #[serde(default)]
    by_channel: Vec<Group>,
    #[serde(default)]
    by_category: Vec<Group>,
    compare: Option<CompareIn>,
    scorecard: Option<Value>,
    agency: Option<AgencyJson>,
    forms: Option<serde_json::Map<String, Value>>,
    /// Present in a consolidated summary.
    units: Option<Value>,
}

fn read_json(path: &Path, what: &str) -> Result<Value> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::file(
            path,
            format!("không đọc được {what} (cannot read the {what}): {e}"),
        )
    })?;
    serde_json::from_str(&text)
        .map_err(|e| Error::file(path, format!("{what} không hợp lệ (invalid {what}): {e}")))
}

/// The forms of a summary, in the layouts' order, or None when it has none.
fn forms_of(map: &serde_json::Map<String, Value>, layouts: &Layouts) -> FormsValues {
    layouts
        .forms
        .iter()
        .map(|f| {
            let cols = map.get(&f.code).and_then(Value::as_object);
            let values = (1..=f.columns.len())
                .map(|no| {
                    cols.and_then(|c| c.get(&no.to_string()))
                        .and_then(Value::as_u64)
                })
                .collect();
            (f.code.clone(), values)
        })
        .collect()
}

fn score_of(v: &Value) -> Option<Score> {
    Some(Score {
        points: v.get("points")?.as_f64()?,
        max_points: v.get("max_points")?.as_f64()?,
        rating: v.get("rating")?.as_str()?.to_string(),
        criteria_sha256: v
            .get("criteria_sha256")
            .and_then(Value::as_str)
            .map(str::to_string),
    })
}

/// Checks every output the manifest lists and that is in the folder; summary.json must be one
/// of them (its hash, `summary_sha`, was taken when it was read).
fn check_manifest(dir: &Path, manifest: &Value, unit: &str, summary_sha: &str) -> Result<()> {
    let outputs = manifest["outputs"].as_array().cloned().unwrap_or_default();
    let listed = outputs
        .iter()
        .any(|e| e["name"].as_str() == Some("summary.json"));
    if !listed {
        return Err(Error::file(
            &dir.join("manifest.json"),
            format!(
                "đơn vị '{unit}': manifest.json không ghi summary.json nên không kiểm tra được; không tổng hợp (summary.json is not in the manifest)"
            ),
        ));
    }
    for e in &outputs {
        let name = e["name"].as_str().unwrap_or("");
        let path = dir.join(name);
        if name.is_empty() || !path.is_file() {
            continue;
        }
        let sha = if name == "summary.json" {
            summary_sha.to_string()
        } else {
            sha256_file(&path)?
        };
        if Some(sha.as_str()) != e["sha256"].as_str() {
            return Err(Error::file(
                &path,
                format!(
                    "đơn vị '{unit}': tệp đã bị thay đổi sau khi lập báo cáo (không khớp manifest.json); không tổng hợp (the file changed after the report was written: it does not match manifest.json)"
                ),
            ));
        }
    }
    Ok(())
}

fn same_period(start: &str, end: &str, period: &Period) -> bool {
    start == period.start.format("%Y-%m-%d").to_string()
        && end == period.end.format("%Y-%m-%d").to_string()
}

fn wrong_period(
    file: &Path,
    unit: &str,
    label: &str,
    start: &str,
    end: &str,
    period: &Period,
) -> Error {
    Error::file(
        file,
        format!(
            "đơn vị '{unit}': số liệu kỳ {label} ({start} → {end}), không phải kỳ {} ({} → {}) của --period; không tổng hợp (the source is for another period)",
            period.label,
            period.start.format("%Y-%m-%d"),
            period.end.format("%Y-%m-%d"),
        ),
    )
}

/// A folder written by `report` or `consolidate`.
fn read_folder(dir: &Path, period: &Period, layouts: &Layouts) -> Result<Source> {
    let summary_path = dir.join("summary.json");
    // Read once: hashed and parsed from the same bytes.
    let bytes = std::fs::read(&summary_path).map_err(|e| {
        Error::file(
            &summary_path,
            format!("không đọc được summary.json (cannot read the summary.json): {e}"),
        )
    })?;
    let sha = {
        use sha2::{Digest, Sha256};
        format!("{:x}", Sha256::digest(&bytes))
    };
    let s: SummaryIn = serde_json::from_slice(&bytes).map_err(|e| {
        Error::file(
            &summary_path,
            format!("summary.json không đúng lược đồ (not a pakn-report summary): {e}"),
        )
    })?;
    if s.schema != crate::render::json::SCHEMA {
        return Err(Error::file(
            &summary_path,
            format!(
                "lược đồ '{}' không phải {} (unknown summary schema)",
                s.schema,
                crate::render::json::SCHEMA
            ),
        ));
    }
    let unit = s
        .agency
        .as_ref()
        .and_then(|a| a.code.clone())
        .unwrap_or_default();
    let manifest_path = dir.join("manifest.json");
    let manifest = read_json(&manifest_path, "manifest.json")?;
    check_manifest(dir, &manifest, &unit, &sha)?;
    if !same_period(&s.period.start, &s.period.end, period) {
        return Err(wrong_period(
            &summary_path,
            &unit,
            &s.period.label,
            &s.period.start,
            &s.period.end,
            period,
        ));
    }
    let kind = if s.units.is_some() {
        SourceKind::Consolidated
    } else {
        SourceKind::Report
    };
    let (previous, last_year) = match &s.compare {
        Some(c) => (c.previous.counts(), c.same_period_last_year.counts()),
        None => (None, None),
    };
    Ok(Source {
        path: dir.to_path_buf(),
        sha256: sha,
        file: summary_path,
        unit,
        kind,
        period_label: s.period.label,
        tool_version: manifest["tool"]["version"].as_str().map(str::to_string),
        as_of: manifest["as_of"].as_str().map(str::to_string),
        data: Some(UnitData {
            totals: s.totals,
            by_kind: s.by_kind,
            by_channel: s.by_channel,
            by_category: s.by_category,
            previous,
            last_year,
        }),
        forms: s.forms.as_ref().map(|m| forms_of(m, layouts)),
        score: s.scorecard.as_ref().and_then(score_of),
    })
}

/// Every source a SOURCE argument names: a report or consolidated folder, a folder of them (in
/// name order), or a forms workbook.
fn expand(arg: &Path) -> Result<Vec<PathBuf>> {
    if arg.is_file() {
        return Ok(vec![arg.to_path_buf()]);
    }
    if !arg.is_dir() {
        return Err(Error::file(
            arg,
            "không có tệp hay thư mục này (no such file or folder)",
        ));
    }
    if arg.join("summary.json").is_file() {
        return Ok(vec![arg.to_path_buf()]);
    }
    let mut out = Vec::new();
    let entries = std::fs::read_dir(arg).map_err(|e| {
        Error::file(
            arg,
            format!("không đọc được thư mục (cannot read the folder): {e}"),
        )
    })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() && p.join("summary.json").is_file() {
            out.push(p);
        }
    }
    if out.is_empty() {
        return Err(Error::file(
            arg,
            "thư mục không có summary.json, cũng không có thư mục báo cáo nào bên trong (no report folder here)",
        ));
    }
    Ok(out)
}

/// Reads and checks every source against the units file and the period. The units are checked
/// in the order the sources are given; the first failing check refuses the whole run.
pub fn read_all(
    args: &[PathBuf],
    units: &UnitsFile,
    units_path: &Path,
    period: &Period,
    layouts: &Layouts,
) -> Result<Vec<Source>> {
    let mut paths = Vec::new();
    for arg in args {
        paths.extend(expand(arg)?);
    }
    let read_one = |p: &PathBuf| -> Result<Source> {
        if p.is_dir() {
            return read_folder(p, period, layouts);
        }
        let s = super::forms_in::read(p, units, layouts)?;
        if !s.period_ok(period) {
            return Err(wrong_period(
                p,
                &s.source.unit,
                &s.source.period_label,
                &s.start,
                &s.end,
                period,
            ));
        }
        Ok(s.source)
    };
    // Read side by side (each source is independent); checked below in the order given, so the
    // first failing source in that order is the one refused.
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let chunk = paths.len().div_ceil(threads).max(1);
    let read: Vec<Result<Source>> = std::thread::scope(|sc| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| sc.spawn(|| part.iter().map(read_one).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut out: Vec<Source> = Vec::with_capacity(read.len());
    for src in read {
        let src = src?;
        if units.unit(&src.unit).is_none() {
            let code = if src.unit.is_empty() {
                "(không có mã / no code)".to_string()
            } else {
                src.unit.clone()
            };
            return Err(Error::file(
                &src.file,
                format!(
                    "mã đơn vị '{code}' không có trong tệp danh sách đơn vị {}; không tổng hợp (unit code not in the units file)",
                    units_path.display()
                ),
            ));
        }
        if let Some(prev) = out.iter().find(|o| o.unit == src.unit) {
            return Err(Error::file(
                &src.path,
                format!(
                    "đơn vị '{}' đã có nguồn {}; mỗi đơn vị chỉ một nguồn, không tổng hợp (two sources for one unit)",
                    src.unit,
                    prev.path.display()
                ),
            ));
        }
        out.push(src);
    }
    Ok(out)
}

/// The forms' codes and column counts, in the layouts' order.
pub fn form_shapes(layouts: &Layouts) -> Vec<(String, usize)> {
    layouts
        .forms
        .iter()
        .map(|f| (f.code.clone(), f.columns.len()))
        .collect()
}
