//! `pakn-report consolidate SOURCE... --units FILE --period P` (SPEC §11): the receiving body's
//! report from its units' reports. Every output is rendered in memory and written as one set
//! with the manifest last.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::calendar::period::{Mode, Period};
use crate::cli::{ConsolidateArgs, ConsolidateFormat};
use crate::config::Config;
use crate::consolidate::book::{self, BookContext};
use crate::consolidate::forms_book::{self, FormsBookContext};
use crate::consolidate::source;
use crate::consolidate::units::UnitsFile;
use crate::consolidate::words::Words;
use crate::consolidate::{self, data::Status};
use crate::error::{EXIT_OK, Result};
use crate::forms::{CheckState, Layouts};
use crate::log::Log;
use crate::render;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The manifest of the set: the units file as the config, every source file as an input.
fn manifest(
    units: &UnitsFile,
    period: &Period,
    as_of: NaiveDate,
    c: &consolidate::data::Consolidation,
    outputs: &[(String, Vec<u8>)],
) -> Vec<u8> {
    let outs: Vec<_> = outputs
        .iter()
        .map(|(name, bytes)| {
            json!({"name": name, "sha256": format!("{:x}", Sha256::digest(bytes)), "size": bytes.len()})
        })
        .collect();
    let ins: Vec<_> = c
        .sources
        .iter()
        .map(|s| {
            json!({
                "name": s.file.display().to_string(),
                "unit": s.unit,
                "sha256": s.sha256,
                "size": std::fs::metadata(&s.file).map(|m| m.len()).unwrap_or(0),
            })
        })
        .collect();
    let m = json!({
        "schema": "pakn-report/manifest/v1",
        "tool": {"name": "pakn-report", "version": env!("CARGO_PKG_VERSION")},
        "config": {
            "text": units.text,
            "sha256": format!("{:x}", Sha256::digest(units.text.as_bytes())),
        },
        "period": render::json::PeriodJson::new(period),
        "as_of": as_of.format("%Y-%m-%d").to_string(),
        "inputs": ins,
        "outputs": outs,
    });
    render::json::to_bytes(&m)
}

pub fn run(args: &ConsolidateArgs, log: &Log) -> Result<i32> {
    let as_of = match &args.as_of {
        Some(s) => super::parse_date_arg("--as-of", s)?,
        None => today(),
    };
    let mode = if args.calendar_months {
        Mode::Calendar
    } else {
        Mode::Cutoff
    };
    let period = Period::parse(&args.period, mode, as_of)?;
    let mut formats: Vec<ConsolidateFormat> = Vec::new();
    for f in &args.format {
        if !formats.contains(f) {
            formats.push(*f);
        }
    }
    let clock = std::time::Instant::now();
    let mut lap = clock;
    let mut phase = |name: &str| {
        let now = std::time::Instant::now();
        log.debug(&format!("phase {name} {:.3}", (now - lap).as_secs_f64()));
        lap = now;
    };
    let units = UnitsFile::load(&args.units)?;
    let words = Words::load()?;
    let layouts = Layouts::load(&Config::default())?;
    let sources = source::read_all(&args.sources, &units, &args.units, &period, &layouts)?;
    let shapes = source::form_shapes(&layouts);
    phase("read");
    let c = consolidate::build(&units, sources, &shapes);
    phase("merge");
    for u in c
        .units()
        .filter(|u| u.status == Status::Reported && u.forms.is_none())
    {
        log.warn(&format!(
            "đơn vị '{}': summary.json không có số liệu biểu mẫu (forms), dòng của đơn vị trong biểu mẫu tổng hợp để trống và tổng cộng biểu mẫu không gồm đơn vị này (the summary has no forms)",
            u.code
        ));
    }

    // The PDF and the DOCX are laid out from one composed document.
    let report_doc = if formats
        .iter()
        .any(|f| matches!(f, ConsolidateFormat::Pdf | ConsolidateFormat::Docx))
    {
        let fonts = render::pdf::fonts::Fonts::load(&render::pdf::fonts::FontFiles::default())?;
        let shared = render::pdf::templates::Templates::shipped();
        let doc = consolidate::report::document(&consolidate::report::ReportContext {
            c: &c,
            units: &units,
            period: &period,
            as_of,
            words: &words,
            t: &shared,
        });
        phase("compose");
        Some((fonts, doc))
    } else {
        None
    };

    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for f in &formats {
        match f {
            ConsolidateFormat::Xlsx => {
                let bctx = BookContext {
                    c: &c,
                    units: &units,
                    period: &period,
                    as_of,
                    words: &words,
                };
                files.push((
                    Words::file(&words.files.workbook, &period.slug),
                    book::render(&bctx)?,
                ));
                phase("workbook");
                let fctx = FormsBookContext {
                    c: &c,
                    units: &units,
                    layouts: &layouts,
                    period: &period,
                    as_of,
                    words: &words,
                };
                for form in &layouts.forms {
                    for row in forms_book::rows(&fctx, &form.code) {
                        let Some(v) = &row.values else { continue };
                        for ch in forms_book::row_checks(form, v) {
                            if let CheckState::Violated { left, right } = ch.state {
                                log.warn(&format!(
                                    "biểu {}, dòng \"{}\": cột {} không khớp ({left} ≠ {right}) (control sum does not hold)",
                                    form.code, row.label, ch.column
                                ));
                            }
                        }
                    }
                }
                files.push((
                    Words::file(&words.files.forms, &period.slug),
                    forms_book::render(&fctx)?,
                ));
                phase("forms");
            }
            ConsolidateFormat::Pdf => {
                let (fonts, doc) = report_doc.as_ref().expect("composed when asked for");
                files.push((
                    consolidate::report::file_name(&words, &period, "pdf"),
                    render::pdf::render_document(doc, fonts)?,
                ));
                phase("pdf");
            }
            ConsolidateFormat::Docx => {
                let (fonts, doc) = report_doc.as_ref().expect("composed when asked for");
                files.push((
                    consolidate::report::file_name(&words, &period, "docx"),
                    render::docx::render_document(doc, fonts)?,
                ));
                phase("docx");
            }
            ConsolidateFormat::Json => {
                files.push((
                    "summary.json".into(),
                    consolidate::summary::bytes(&c, &units, &period, &words),
                ));
                phase("json");
            }
        }
    }
    let m = manifest(&units, &period, as_of, &c, &files);
    let written: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    files.push(("manifest.json".into(), m));
    let out_dir = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("reports").join(format!("tong-hop-{}", period.slug)));
    render::write_set(&out_dir, &files)?;
    phase("write");
    log.debug(&format!("phase total {:.3}", clock.elapsed().as_secs_f64()));

    let missing: Vec<&str> = c.missing().iter().map(|u| u.name.as_str()).collect();
    let forms_only = c.units().filter(|u| u.status == Status::FormsOnly).count();
    log.info(&format!(
        "{}: {} / {} đơn vị đã báo cáo (units reported){}{}",
        period.label,
        c.reported(),
        c.expected(),
        if forms_only > 0 {
            format!(", {forms_only} chỉ có biểu mẫu (forms only)")
        } else {
            String::new()
        },
        if missing.is_empty() {
            String::new()
        } else {
            format!("; {}: {}", words.status.missing, missing.join(", "))
        }
    ));
    let t = &c.total.totals;
    log.info(&format!(
        "Tổng hợp (total): tiếp nhận {}, phải xử lý {}, đã giải quyết {} (đúng hạn {}, quá hạn {}), chuyển kỳ sau {} (quá hạn {}).",
        t.received,
        t.to_handle,
        t.resolved,
        t.resolved_on_time,
        t.resolved_late,
        t.pending,
        t.pending_overdue
    ));
    log.info(&format!(
        "Đã ghi (written) {}: {}",
        out_dir.display(),
        written.join(", ")
    ));
    Ok(EXIT_OK)
}
