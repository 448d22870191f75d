//! `pakn-report validate`: the data-quality check (row accounting, rejects, duplicates, warnings).

use serde::Serialize;

use crate::cli::ValidateArgs;
use crate::config::Config;
use crate::error::{EXIT_OK, EXIT_REJECTED, Result};
use crate::log::Log;
use crate::normalize::accounting::InputSummary;
use crate::normalize::{self, Issue, Loaded, Warning};
use crate::pipeline;

/// What `validate --json` prints: the accounting of summary.json's `input`, then the rows.
#[derive(Serialize)]
struct ValidateJson<'a> {
    #[serde(flatten)]
    input: InputSummary<'a>,
    rejects: &'a [Issue],
    /// "duplicates" stays the count of the input object; the rows are listed beside it.
    duplicate_rows: &'a [Issue],
    warning_list: &'a [Warning],
    /// The optional columns of the Inspectorate's forms found in at least one file.
    form_fields: &'a [&'static str],
}

pub fn run(args: &ValidateArgs, log: &Log) -> Result<i32> {
    let (cfg, _) = Config::load(args.config.as_deref())?;
    // Everything `report` loads besides the inputs, through the same loader: a file that would
    // make the monthly run fail is reported now.
    let res = pipeline::Resources::load(&cfg, pipeline::Needs::ALL)?;
    let inputs = super::default_inputs(&args.inputs, log)?;
    let loaded = normalize::load(&inputs, &cfg)?;
    let text = if args.json {
        let mut t = serde_json::to_string_pretty(&ValidateJson {
            input: loaded.input_summary(),
            rejects: &loaded.rejects,
            duplicate_rows: &loaded.duplicates,
            warning_list: &loaded.warnings,
            form_fields: &loaded.present,
        })
        .map_err(|e| crate::error::Error::Runtime(e.to_string()))?;
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
    log.info(&loaded.accounting_line());
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
    let _ = writeln!(out, "{}", l.accounting_line());
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
