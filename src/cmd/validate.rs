//! `pakn-report validate`: the data-quality check (row accounting, rejects, duplicates, warnings).

use serde_json::json;

use crate::cli::ValidateArgs;
use crate::config::Config;
use crate::error::{EXIT_OK, EXIT_REJECTED, Result};
use crate::log::Log;
use crate::normalize::{self, Loaded};

pub fn run(args: &ValidateArgs, log: &Log) -> Result<i32> {
    let (cfg, _) = Config::load(args.config.as_deref())?;
    // A bad criteria file is reported now rather than at the monthly run.
    crate::scorecard::Criteria::load(&cfg)?;
    // So is a bad form layouts file (when the forms are written).
    let layouts = if cfg.forms.enabled {
        Some(crate::forms::load(&cfg)?)
    } else {
        None
    };
    let inputs = super::default_inputs(&args.inputs);
    let loaded = normalize::load(&inputs, &cfg)?;
    if args.json {
        let mut value = input_json(&loaded);
        value["rejects"] = serde_json::to_value(&loaded.rejects).unwrap_or_default();
        // "duplicates" stays the count of the input object; the rows are listed beside it.
        value["duplicate_rows"] = serde_json::to_value(&loaded.duplicates).unwrap_or_default();
        value["warning_list"] = serde_json::to_value(&loaded.warnings).unwrap_or_default();
        // The optional columns of the Inspectorate's forms found in at least one file.
        value["form_fields"] = serde_json::to_value(&loaded.present).unwrap_or_default();
        println!(
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
    } else {
        print_text(&loaded);
        if let Some(layouts) = layouts.as_ref().filter(|_| !loaded.present.is_empty()) {
            println!("{}", form_fields_line(&loaded, layouts));
        }
    }
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

fn print_text(l: &Loaded) {
    let w = l
        .files
        .iter()
        .map(|f| f.name.chars().count())
        .max()
        .unwrap_or(0)
        .max(10);
    println!(
        "{:<w$}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}",
        "Tệp / file", "dòng đọc", "hợp lệ", "bị loại", "trùng", "bỏ qua"
    );
    for f in &l.files {
        let pad = w - f.name.chars().count();
        println!(
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
    println!("{}", accounting_line(l));
    if !l.rejects.is_empty() {
        println!("\nDòng bị loại (rejected rows): {}", l.rejects.len());
        for r in &l.rejects {
            println!(
                "  {} dòng {}: [{}] '{}' — {}",
                r.file, r.row, r.field, r.value, r.reason
            );
        }
    }
    if !l.duplicates.is_empty() {
        println!("\nDòng trùng (duplicates): {}", l.duplicates.len());
        for r in &l.duplicates {
            println!("  {} dòng {}: {} — {}", r.file, r.row, r.value, r.reason);
        }
    }
    if !l.warnings.is_empty() {
        println!("\nCảnh báo (warnings): {}", l.warnings.len());
        for w in &l.warnings {
            println!(
                "  {} dòng {} ({} dòng): [{}] '{}' — {}",
                w.file, w.row, w.count, w.field, w.value, w.reason
            );
        }
    }
}
