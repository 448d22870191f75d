//! `pakn-report report`: the reports of one period.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::calendar::period::{Mode, Period};
use crate::cli::{OutFormat, ReportArgs};
use crate::config::Config;
use crate::error::{EXIT_OK, EXIT_REJECTED, Error, Result};
use crate::figures;
use crate::forms;
use crate::log::Log;
use crate::pipeline;
use crate::render::agency::Agency;
use crate::render::{self, ReportContext, json as summary_json};
use crate::scorecard;

/// The formats asked for, each once, in the order given.
fn dedup(formats: &[OutFormat]) -> Vec<OutFormat> {
    let mut out = Vec::with_capacity(formats.len());
    for f in formats {
        if !out.contains(f) {
            out.push(*f);
        }
    }
    out
}

/// The Inspectorate's forms (TT 01/2024/TT-TTCP) as a workbook in memory, with its file name;
/// warns about a control sum that does not hold.
fn forms_workbook(
    ctx: &ReportContext,
    layouts: &forms::Layouts,
    filled: &[forms::FilledForm],
    log: &Log,
) -> Result<(String, Vec<u8>)> {
    let loaded = ctx.loaded;
    for f in filled {
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
        forms: filled,
        has_matter: loaded.present.contains(&"matter"),
    };
    let name = render::forms::file_name(layouts, ctx.period);
    Ok((name, render::forms::render(&fctx)?))
}

/// SHA-256 of the criteria file the scorecard used (the configured file, else the shipped one).
fn criteria_sha256(cfg: &Config) -> String {
    use sha2::{Digest, Sha256};
    let bytes = match &cfg.scorecard.criteria_file {
        Some(p) => std::fs::read(p).unwrap_or_default(),
        None => scorecard::SHIPPED.as_bytes().to_vec(),
    };
    format!("{:x}", Sha256::digest(&bytes))
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn run(args: &ReportArgs, log: &Log) -> Result<i32> {
    let formats = dedup(&args.format);
    let (cfg, cfg_text) = Config::load(args.config.as_deref())?;
    let as_of = match &args.as_of {
        Some(s) => super::parse_date_arg("--as-of", s)?,
        None => today(),
    };
    let mode = if args.calendar_months || cfg.period.mode == Some(Mode::Calendar) {
        Mode::Calendar
    } else {
        Mode::Cutoff
    };
    let period = Period::parse(&args.period, mode, as_of)?;
    // Everything besides the inputs is loaded first (the same loader as `validate`), so that a
    // broken file stops the run before anything is read or written.
    let needs = pipeline::Needs {
        pdf: formats.contains(&OutFormat::Pdf) || formats.contains(&OutFormat::Docx),
        // summary.json carries the forms' values too (SPEC §7).
        forms: formats.contains(&OutFormat::Xlsx) || formats.contains(&OutFormat::Json),
    };
    let res = pipeline::Resources::load(&cfg, needs)?;
    let inputs = super::default_inputs(&args.inputs, log)?;

    log.progress("đọc dữ liệu (reading inputs)");
    let clock = std::time::Instant::now();
    let mut lap = clock;
    let mut phase = |name: &str| {
        let now = std::time::Instant::now();
        log.debug(&format!("phase {name} {:.3}", (now - lap).as_secs_f64()));
        lap = now;
    };
    let prepared = pipeline::prepare_with(&inputs, &cfg, res.calendar, &res.rules)?;
    phase("read");
    // The period's years and the comparison years use the same calendar.
    let previous = period.previous();
    let last_year = period.same_period_last_year();
    for y in prepared.computed_years() {
        log.warn(&format!(
            "năm {y} chưa có lịch nghỉ chính thức trong bảng; ngày nghỉ được tính theo luật và âm lịch (no official holiday table for {y}: computed from the law)"
        ));
    }
    let loaded = &prepared.loaded;

    log.progress("tính số liệu (computing figures)");
    let mut figs = figures::compute(&loaded.cases, &loaded.vocab, &period)?;
    let prev_figs = figures::compute(&loaded.cases, &loaded.vocab, &previous)?;
    let ly_figs = figures::compute(&loaded.cases, &loaded.vocab, &last_year)?;
    phase("figures");
    // The mergeable histograms of summary.json (SPEC §7, §11).
    if formats.contains(&OutFormat::Json) {
        figures::hist::attach(&loaded.cases, &period, &mut figs)?;
        phase("hist");
    }

    let out_dir = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("reports").join(&period.slug));

    let monthly = figures::monthly(&loaded.cases, &period)?;
    let late = figures::late_cases(&loaded.cases, &period)?;
    let agency = Agency::from_config(&cfg);
    let scores = scorecard::evaluate(&res.criteria, &figs, &late, &cfg.scorecard.manual)
        .map_err(Error::Runtime)?;
    phase("scorecard");
    let trend = scorecard::trend::compute(&res.criteria, &loaded.cases, &period, &scores, &cfg)?;
    phase("trend");
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
        trend: Some(&trend),
        agency: &agency,
        privacy_min_cell: cfg.privacy.min_cell,
    };

    let filled = match &res.layouts {
        Some(l) => Some(forms::compute(
            &loaded.cases,
            &loaded.vocab,
            &loaded.present,
            l,
            &period,
        )?),
        None => None,
    };
    let mut summary = summary_json::Summary::new(
        &period,
        loaded.input_summary(),
        &figs,
        (&previous, &prev_figs.totals),
        (&last_year, &ly_figs.totals),
        scorecard::ScorecardSummary::new(&scores).with_trend(&trend),
    );
    summary.agency = Some(summary_json::AgencyJson {
        code: cfg.agency.code.clone(),
        name: agency.name.clone(),
    });
    summary.forms = filled.as_deref().map(summary_json::forms_json);
    summary.scorecard.criteria_sha256 = Some(criteria_sha256(&cfg));
    // Every output is rendered in memory first; only when all of them exist are they written,
    // as one set with the manifest last (SPEC §7): a failure anywhere replaces nothing.
    let mut files: Vec<(String, Vec<u8>)> = Vec::with_capacity(formats.len() + 2);
    // The PDF and the DOCX are laid out from one composed document (SPEC §7).
    let wording = &res.wording;
    let report_doc = if needs.pdf {
        let fonts = render::pdf::fonts::Fonts::load(&res.fonts)?;
        let doc = render::compose::document(&ctx, wording);
        Some((fonts, doc))
    } else {
        None
    };
    // File names from the wording files (`file` in their [document] sections).
    let report_name = |ext: &str| {
        render::file_name(
            &wording.document.file,
            &period.slug,
            ext,
            "report-templates/bao-cao.toml [document] file",
        )
    };
    // The outputs are independent once the figures exist: each is rendered on its own thread
    // (the workbook, the forms workbook, the PDF and the DOCX side by side), and the files are
    // kept in the order of `--format`.
    type Job<'a> = Box<dyn FnOnce() -> Result<(String, Vec<u8>)> + Send + 'a>;
    let mut jobs: Vec<(&'static str, Job)> = Vec::new();
    for f in &formats {
        match f {
            OutFormat::Json => jobs.push((
                "json",
                Box::new(|| Ok(("summary.json".into(), summary_json::to_bytes(&summary)))),
            )),
            OutFormat::Xlsx => {
                let name = render::file_name(
                    &render::xlsx::words::w().document.file,
                    &period.slug,
                    "xlsx",
                    "report-templates/bang-tinh.toml [document] file",
                )?;
                let ctx = &ctx;
                jobs.push((
                    "xlsx",
                    Box::new(move || Ok((name, render::xlsx::render(ctx)?))),
                ));
                if let (Some(l), Some(filled)) = (&res.layouts, &filled) {
                    jobs.push((
                        "forms",
                        Box::new(move || forms_workbook(ctx, l, filled, log)),
                    ));
                }
            }
            OutFormat::Pdf => {
                let name = report_name("pdf")?;
                let (fonts, doc) = report_doc.as_ref().expect("composed when asked for");
                jobs.push((
                    "pdf",
                    Box::new(move || Ok((name, render::pdf::render_document(doc, fonts)?))),
                ));
            }
            OutFormat::Docx => {
                let name = report_name("docx")?;
                let (fonts, doc) = report_doc.as_ref().expect("composed when asked for");
                jobs.push((
                    "docx",
                    Box::new(move || Ok((name, render::docx::render_document(doc, fonts)?))),
                ));
            }
        }
    }
    log.progress("lập các tệp kết quả (rendering outputs)");
    let rendered = std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .into_iter()
            .map(|(what, job)| {
                let handle = scope.spawn(move || {
                    let t = std::time::Instant::now();
                    let r = job();
                    (r, t.elapsed().as_secs_f64())
                });
                (what, handle)
            })
            .collect();
        handles
            .into_iter()
            .map(|(what, h)| (what, h.join()))
            .collect::<Vec<_>>()
    });
    for (what, joined) in rendered {
        let (r, secs) = joined.map_err(|_| {
            Error::Runtime(format!(
                "lỗi nội bộ khi lập {what} (internal error while rendering {what})"
            ))
        })?;
        // Each output's own time; they overlap, so the wall time is the `render` phase.
        log.debug(&format!("phase {what} {secs:.3}"));
        files.push(r?);
    }
    phase("render");
    let manifest = render::manifest::bytes(&cfg_text, &period, as_of, &loaded.files, &files);
    let written: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    files.push(("manifest.json".into(), manifest));
    log.progress("ghi kết quả (writing outputs)");
    render::write_set(&out_dir, &files)?;
    phase("write");
    log.debug(&format!("phase total {:.3}", clock.elapsed().as_secs_f64()));

    let t = &figs.totals;
    log.info(&loaded.accounting_line());
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
