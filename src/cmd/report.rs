//! `pakn-report report`: the reports of one period.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::calendar::period::{Mode, Period};
use crate::cli::ReportArgs;
use crate::config::Config;
use crate::error::{EXIT_OK, EXIT_REJECTED, Error, Result};
use crate::figures;
use crate::forms;
use crate::log::Log;
use crate::pipeline;
use crate::render::agency::Agency;
use crate::render::{self, ReportContext, json as summary_json};
use crate::scorecard;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutFormat {
    Xlsx,
    Pdf,
    Json,
}

pub fn parse_formats(s: &str) -> Result<Vec<OutFormat>> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let f = match part.to_ascii_lowercase().as_str() {
            "xlsx" => OutFormat::Xlsx,
            "pdf" => OutFormat::Pdf,
            "json" => OutFormat::Json,
            other => {
                return Err(Error::Usage(format!(
                    "--format: '{other}' không hợp lệ; dùng xlsx, pdf, json (unknown format)"
                )));
            }
        };
        if !out.contains(&f) {
            out.push(f);
        }
    }
    if out.is_empty() {
        return Err(Error::Usage("--format trống (no format given)".into()));
    }
    Ok(out)
}

/// The Inspectorate's forms (TT 01/2024/TT-TTCP) as a workbook in memory, with its file name;
/// warns about a control sum that does not hold.
fn forms_workbook(
    ctx: &ReportContext,
    layouts: &forms::Layouts,
    log: &Log,
) -> Result<(String, Vec<u8>)> {
    let loaded = ctx.loaded;
    let filled = forms::compute(
        &loaded.cases,
        &loaded.vocab,
        &loaded.present,
        layouts,
        ctx.period,
    )?;
    for f in &filled {
        for c in &f.checks {
            if let forms::CheckState::Violated { left, right } = c.state {
                log.warn(&format!(
                    "biểu {}: cột {} = {} không khớp ({left} ≠ {right}); xem trang chú thích (control sum does not hold)",
                    f.form.code,
                    c.column,
                    c.parts
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(" + ")
                ));
            }
        }
    }
    let fctx = render::forms::FormsContext {
        period: ctx.period,
        as_of: ctx.as_of,
        agency: ctx.agency,
        layouts,
        forms: &filled,
        has_matter: loaded.present.contains(&"matter"),
    };
    let name = render::forms::file_name(layouts, ctx.period);
    Ok((name, render::forms::render(&fctx)?))
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn run(args: &ReportArgs, log: &Log) -> Result<i32> {
    let formats = parse_formats(&args.format)?;
    let (cfg, cfg_text) = Config::load(args.config.as_deref())?;
    let as_of = match &args.as_of {
        Some(s) => super::parse_date_arg("--as-of", s)?,
        None => today(),
    };
    let mode = if args.calendar_months || cfg.period.mode.as_deref() == Some("calendar") {
        Mode::Calendar
    } else {
        Mode::Cutoff
    };
    let period = Period::parse(&args.period, mode, as_of)?;
    // The form layouts are read before anything else, so that a broken file stops the run early.
    let layouts = if cfg.forms.enabled && formats.contains(&OutFormat::Xlsx) {
        Some(forms::load(&cfg)?)
    } else {
        None
    };
    let inputs = super::default_inputs(&args.inputs);

    log.progress("đọc dữ liệu (reading inputs)");
    let clock = std::time::Instant::now();
    let mut lap = clock;
    let mut phase = |name: &str| {
        let now = std::time::Instant::now();
        log.debug(&format!("phase {name} {:.3}", (now - lap).as_secs_f64()));
        lap = now;
    };
    let mut prepared = pipeline::prepare(&inputs, &cfg)?;
    phase("read");
    // The period's years and the comparison years use the same calendar.
    let previous = period.previous();
    let last_year = period.same_period_last_year();
    for y in prepared.computed_years() {
        log.warn(&format!(
            "năm {y} chưa có lịch nghỉ chính thức trong bảng; ngày nghỉ được tính theo luật và âm lịch (no official holiday table for {y}: computed from the law)"
        ));
    }
    let _ = &mut prepared;
    let loaded = &prepared.loaded;

    log.progress("tính số liệu (computing figures)");
    let figs = figures::compute(&loaded.cases, &loaded.vocab, &period)?;
    let prev_figs = figures::compute(&loaded.cases, &loaded.vocab, &previous)?;
    let ly_figs = figures::compute(&loaded.cases, &loaded.vocab, &last_year)?;
    phase("figures");

    let out_dir = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("reports").join(&period.slug));
    std::fs::create_dir_all(&out_dir).map_err(|e| {
        Error::file(
            &out_dir,
            format!("không tạo được thư mục kết quả (cannot create output folder): {e}"),
        )
    })?;

    let monthly = figures::monthly(&loaded.cases, &period)?;
    let late = figures::late_cases(&loaded.cases, &period)?;
    let agency = Agency::from_config(&cfg);
    let criteria = scorecard::Criteria::load(&cfg)?;
    let scores = scorecard::evaluate(&criteria, &figs, &late, &cfg.scorecard.manual)
        .map_err(Error::Runtime)?;
    let ctx = ReportContext {
        period: &period,
        as_of,
        figures: &figs,
        previous: (&previous, &prev_figs.totals),
        last_year: (&last_year, &ly_figs.totals),
        monthly: &monthly,
        late: &late,
        loaded,
        scorecard: Some(&scores),
        agency: &agency,
        privacy_min_cell: cfg.privacy.min_cell,
    };

    let input = super::validate::input_json(loaded);
    let summary = summary_json::summary(
        &period,
        input,
        &figs,
        (&previous, &prev_figs.totals),
        (&last_year, &ly_figs.totals),
        scorecard::to_json(&scores),
    );
    phase("scorecard");
    // The forms are computed and rendered before any output is written, so that a problem in
    // them stops the run with nothing half-replaced.
    let forms_file = match &layouts {
        Some(l) => Some(forms_workbook(&ctx, l, log)?),
        None => None,
    };
    phase("forms");
    let mut written: Vec<String> = Vec::new();
    for f in &formats {
        match f {
            OutFormat::Json => {
                render::write_atomic(&out_dir, "summary.json", &summary_json::to_bytes(&summary))?;
                written.push("summary.json".into());
                phase("json");
            }
            OutFormat::Xlsx => {
                log.progress("ghi bảng tính (writing workbook)");
                let name = format!("bao-cao-pakn-{}.xlsx", period.slug);
                render::write_atomic(&out_dir, &name, &render::xlsx::render(&ctx)?)?;
                written.push(name);
                phase("xlsx");
                if let Some((name, bytes)) = &forms_file {
                    render::write_atomic(&out_dir, name, bytes)?;
                    written.push(name.clone());
                }
            }
            OutFormat::Pdf => {
                log.progress("ghi báo cáo PDF (writing PDF)");
                let name = format!("bao-cao-pakn-{}.pdf", period.slug);
                let fonts = render::pdf::FontFiles::from_config(&cfg);
                render::write_atomic(
                    &out_dir,
                    &name,
                    &render::pdf::render_with_fonts(&ctx, &fonts)?,
                )?;
                written.push(name);
                phase("pdf");
            }
        }
    }
    render::manifest::write(&out_dir, &cfg_text, &period, as_of, &loaded.files, &written)?;
    phase("manifest");
    log.debug(&format!("phase total {:.3}", clock.elapsed().as_secs_f64()));

    let t = &figs.totals;
    log.info(&super::validate::accounting_line(loaded));
    log.info(&format!(
        "Chấm điểm \"Công sở thân thiện\": {} / {} điểm — {}",
        scores.agency.points, scores.agency.max_points, scores.agency.rating
    ));
    log.info(&format!(
        "{}: {} → {}. Kỳ trước chuyển sang {}, tiếp nhận {}, đã giải quyết {} (đúng hạn {}, quá hạn {}), chuyển kỳ sau {} (quá hạn {}); tỷ lệ đúng hạn {}.",
        period.label,
        period.start.format("%d/%m/%Y"),
        period.end.format("%d/%m/%Y"),
        t.carried_over,
        t.received,
        t.resolved,
        t.resolved_on_time,
        t.resolved_late,
        t.pending,
        t.pending_overdue,
        t.on_time_rate
            .map(|r| format!("{:.1}%", r * 100.0))
            .unwrap_or_else(|| "—".into())
    ));
    log.info(&format!(
        "Đã ghi (written) {}: {}",
        out_dir.display(),
        written.join(", ")
    ));
    Ok(if args.strict && loaded.rejected() > 0 {
        EXIT_REJECTED
    } else {
        EXIT_OK
    })
}
