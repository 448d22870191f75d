//! `pakn-report validate`: the data-quality check (row accounting, rejects, duplicates, warnings).

use serde_json::json;

use crate::cli::ValidateArgs;
use crate::config::Config;
use crate::error::{EXIT_OK, EXIT_REJECTED, Result};
use crate::log::Log;
use crate::normalize::{self, Loaded};
use crate::pipeline;

pub fn run(args: &ValidateArgs, log: &Log) -> Result<i32> {
    let (cfg, _) = Config::load(args.config.as_deref())?;
    // Everything `report` loads besides the inputs, through the same loader: a file that would
    // make the monthly run fail is reported now.
    let res = pipeline::Resources::load(&cfg, pipeline::Needs::ALL)?;
    let inputs = super::default_inputs(&args.inputs, log)?;
    let loaded = normalize::load(&inputs, &cfg)?;
    let text = if args.json {
        let mut value = input_json(&loaded);
        value["rejects"] = serde_json::to_value(&loaded.rejects).unwrap_or_default();
        // "duplicates" stays the count of the input object; the rows are listed beside it.
        value["duplicate_rows"] = serde_json::to_value(&loaded.duplicates).unwrap_or_default();
        value["warning_list"] = serde_json::to_value(&loaded.warnings).unwrap_or_default();
        // The optional columns of the Inspectorate's forms found in at least one file.
        value["form_fields"] = serde_json::to_value(&loaded.present).unwrap_or_default();
        let mut t = serde_json::to_string_pretty(&value).unwrap_or_default();
        t.push('\n');
        t
    } else {
        let mut t = text(&loaded);
        if let Some(layouts) = res.layouts.as_ref().filter(|_| !loaded.present.is_empty()) {
            t.push_str(&form_fields_line(&loaded, layouts));
            t.push('\n');
        }
        t
    };
    super::print_out(&text)?;
    log.info(&accounting_line(&loaded));
    Ok(if args.strict && loaded.rejected() > 0 {
        EXIT_REJECTED
    } else {
        EXIT_OK
    })
}

/// Which optional columns of the Inspectorate's forms the inputs have (docs/FORMS.md); printed
/// when there is at least one.
fn form_fields_line(l: &Loaded, layouts: &crate::forms::Layouts) -> String {
    let name = |f: &&str| {
        layouts
            .workbook
            .field_names
            .get(*f)
            .cloned()
            .unwrap_or_else(|| f.to_string())
    };
    let (found, absent): (Vec<&str>, Vec<&str>) = normalize::FORM_FIELDS
        .iter()
        .copied()
        .partition(|f| l.present.contains(f));
    let list = |v: &[&str]| {
        if v.is_empty() {
            "—".to_string()
        } else {
            v.iter().map(name).collect::<Vec<_>>().join(", ")
        }
    };
    format!(
        "\nCột tùy chọn cho biểu mẫu Thanh tra (optional form columns): có {}; không có {}",
        list(&found),
        list(&absent)
    )
}

/// The `input` object of summary.json (SPEC §7).
pub fn input_json(l: &Loaded) -> serde_json::Value {
    json!({
        "files": l.files,
        "rows_read": l.rows_read(),
        "accepted": l.accepted(),
        "rejected": l.rejected(),
        "duplicates": l.duplicate_count(),
        "skipped": l.skipped(),
        "warnings": l.warnings.len(),
    })
}

/// The row identity of SPEC §3.6 as one line.
pub fn accounting_line(l: &Loaded) -> String {
    format!(
        "Số dòng đọc {} = hợp lệ {} + bị loại {} + trùng {} + bỏ qua {} (rows read = accepted + rejected + duplicates + skipped){}",
        l.rows_read(),
        l.accepted(),
        l.rejected(),
        l.duplicate_count(),
        l.skipped(),
        if l.identity_holds() {
            ""
        } else {
            " — SAI LỆCH (identity broken)"
        }
    )
}

/// The text report: accounting per file, then rejects, duplicates and warnings.
fn text(l: &Loaded) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let w = l
        .files
        .iter()
        .map(|f| f.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(10);
    let _ = writeln!(
        out,
        "{:<w$}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}",
        "Tệp / file", "dòng đọc", "hợp lệ", "bị loại", "trùng", "bỏ qua"
    );
    for f in &l.files {
        let pad = w - f.name.chars().count();
        let _ = writeln!(
            out,
            "{}{}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}",
            f.name,
            " ".repeat(pad),
            f.rows_read,
            f.accepted,
            f.rejected,
            f.duplicates,
            f.skipped
        );
    }
    let _ = writeln!(out, "{}", accounting_line(l));
    if !l.rejects.is_empty() {
        let _ = writeln!(out, "\nDòng bị loại (rejected rows): {}", l.rejects.len());
        for r in &l.rejects {
            let _ = writeln!(
                out,
                "  {} dòng {}: [{}] '{}' — {}",
                r.file, r.row, r.field, r.value, r.reason
            );
        }
    }
    if !l.duplicates.is_empty() {
        let _ = writeln!(out, "\nDòng trùng (duplicates): {}", l.duplicates.len());
        for r in &l.duplicates {
            let _ = writeln!(
                out,
                "  {} dòng {}: {} — {}",
                r.file, r.row, r.value, r.reason
            );
        }
    }
    if !l.warnings.is_empty() {
        let _ = writeln!(out, "\nCảnh báo (warnings): {}", l.warnings.len());
        for w in &l.warnings {
            let _ = writeln!(
                out,
                "  {} dòng {} ({} dòng): [{}] '{}' — {}",
                w.file, w.row, w.count, w.field, w.value, w.reason
            );
        }
    }
    out
}
