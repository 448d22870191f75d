//! `pakn-report explain FIGURE --period P` (SPEC §13): the case numbers behind a count figure of
//! summary.json, optionally within one group, with the dates that put each case there.
//!
//! The cases are those whose flag for the figure is set by the figure's own condition in
//! `queries/figures.sql` (`figures::flags`), grouped by the same column as the breakdowns: their
//! number is the figure, by construction. `scorecard.<criterion id>` lists the case numbers the
//! scorecard records for the points a criterion lost.

use serde_json::{Value, json};

use super::words::{fill, w};
use crate::calendar::period::{Mode, Period};
use crate::cli::{ExplainArgs, ExplainFormat};
use crate::config::Config;
use crate::error::{EXIT_OK, Error, Result};
use crate::figures::flags::{CaseFlags, case_flags, count_figures};
use crate::figures::{self, DIMENSIONS};
use crate::log::Log;
use crate::normalize::Loaded;
use crate::pipeline;
use crate::render::json::PeriodJson;
use crate::scorecard;
use crate::text::collation_key;

/// `--by DIM=KEY`.
#[derive(Debug, Clone, PartialEq)]
pub struct By {
    pub dim: String,
    pub key: String,
}

/// Parses `--by`: a dimension of the breakdowns, '=', a key (quotes around it are dropped).
pub fn parse_by(s: &str) -> Result<By> {
    let dims = DIMENSIONS.join(", ");
    let Some((dim, key)) = s.split_once('=') else {
        return Err(Error::Usage(format!(
            "--by '{s}': dùng NHÓM=GIÁ TRỊ, ví dụ --by department=\"Văn phòng\" (expected DIM=KEY); nhóm hợp lệ / valid: {dims}"
        )));
    };
    let dim = dim.trim().to_ascii_lowercase();
    if !DIMENSIONS.contains(&dim.as_str()) {
        return Err(Error::Usage(format!(
            "--by: nhóm '{dim}' không có (unknown group); nhóm hợp lệ / valid: {dims}"
        )));
    }
    let key = key.trim();
    let key = key
        .strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .unwrap_or(key);
    Ok(By {
        dim,
        key: crate::text::clean(key),
    })
}

/// The keys a dimension can take: the codes of the vocabulary for kind and channel (summary.json
/// lists every code), the names present in the register for department and category.
fn valid_keys(loaded: &Loaded, dim: &str) -> Result<Vec<String>> {
    let mut keys: Vec<String> = match dim {
        "kind" => loaded
            .vocab
            .kind
            .codes
            .iter()
            .map(|(c, _)| c.clone())
            .collect(),
        "channel" => loaded
            .vocab
            .channel
            .codes
            .iter()
            .map(|(c, _)| c.clone())
            .collect(),
        _ => {
            if loaded.cases.is_empty() {
                return Ok(Vec::new());
            }
            let col = loaded
                .cases
                .df
                .column(dim)?
                .cast(&polars::prelude::DataType::String)?;
            let mut v: Vec<String> = col.str()?.iter().flatten().map(str::to_string).collect();
            v.sort_by(|a, b| {
                collation_key(a)
                    .cmp(&collation_key(b))
                    .then_with(|| a.cmp(b))
            });
            v.dedup();
            v
        }
    };
    keys.dedup();
    Ok(keys)
}

/// What to explain: a count figure, or a scorecard criterion.
enum Target {
    Count(&'static str),
    Criterion(String),
}

fn target(figure: &str, criteria: &scorecard::Criteria) -> Result<Target> {
    if let Some((name, _)) = count_figures().find(|(n, _)| *n == figure) {
        return Ok(Target::Count(name));
    }
    let ids: Vec<&str> = criteria.criteria.iter().map(|c| c.id.as_str()).collect();
    if let Some(id) = figure.strip_prefix("scorecard.")
        && ids.contains(&id)
    {
        return Ok(Target::Criterion(id.to_string()));
    }
    let mut valid: Vec<String> = count_figures().map(|(n, _)| n.to_string()).collect();
    valid.extend(ids.iter().map(|id| format!("scorecard.{id}")));
    Err(Error::Usage(format!(
        "chỉ tiêu '{figure}' không có (unknown figure); chỉ tiêu hợp lệ / valid: {}",
        valid.join(", ")
    )))
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn case_json(c: &CaseFlags) -> Value {
    let d = |x: Option<chrono::NaiveDate>| {
        x.map(|d| json!(d.format("%Y-%m-%d").to_string()))
            .unwrap_or(Value::Null)
    };
    json!({
        "id": c.id,
        "kind": c.kind,
        "channel": c.channel,
        "department": c.department,
        "category": c.category,
        "received": d(Some(c.received)),
        "deadline": d(c.deadline),
        "resolved": d(c.resolved),
        "responded": d(c.responded),
        "reply_due": d(c.reply_due),
        "assigned": d(c.assigned),
        "satisfied": c.satisfied,
    })
}

const CSV_HEADS: [&str; 12] = [
    "id",
    "kind",
    "channel",
    "department",
    "category",
    "received",
    "deadline",
    "resolved",
    "responded",
    "reply_due",
    "assigned",
    "satisfied",
];

fn to_csv(cases: &[&CaseFlags]) -> Result<Vec<u8>> {
    let mut wr = csv::Writer::from_writer(Vec::new());
    let fail =
        |e: csv::Error| Error::Runtime(format!("không ghi được CSV (cannot write CSV): {e}"));
    wr.write_record(CSV_HEADS).map_err(fail)?;
    for c in cases {
        wr.write_record([
            c.id.as_str(),
            &c.kind,
            &c.channel,
            &c.department,
            &c.category,
            &date(Some(c.received)),
            &date(c.deadline),
            &date(c.resolved),
            &date(c.responded),
            &date(c.reply_due),
            &date(c.assigned),
            match c.satisfied {
                Some(true) => "true",
                Some(false) => "false",
                None => "",
            },
        ])
        .map_err(fail)?;
    }
    wr.into_inner()
        .map_err(|e| Error::Runtime(format!("không ghi được CSV (cannot write CSV): {e}")))
}

/// A plain-text table, columns padded to their widest cell.
fn table(heads: &[String], rows: &[Vec<String>]) -> String {
    let n = heads.len();
    let mut widths: Vec<usize> = heads.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n) {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |cells: &[String]| -> String {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(widths[i] - c.chars().count() + 2));
            }
        }
        s.trim_end().to_string()
    };
    let mut out = line(heads);
    out.push('\n');
    for r in rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}

pub fn run(args: &ExplainArgs, log: &Log) -> Result<i32> {
    let (cfg, _) = Config::load(args.config.as_deref())?;
    let as_of = match &args.as_of {
        Some(s) => super::parse_date_arg("--as-of", s)?,
        None => chrono::Local::now().date_naive(),
    };
    let mode = if args.calendar_months || cfg.period.mode == Some(Mode::Calendar) {
        Mode::Calendar
    } else {
        Mode::Cutoff
    };
    let period = Period::parse(&args.period, mode, as_of)?;
    let criteria = scorecard::Criteria::load(&cfg)?;
    let target = target(args.figure.trim(), &criteria)?;
    let by = args.by.as_deref().map(parse_by).transpose()?;
    if let (Target::Criterion(_), Some(b)) = (&target, &by)
        && b.dim != "department"
    {
        return Err(Error::Usage(format!(
            "--by {}: chấm điểm chỉ có theo đơn vị, dùng --by department=… (the scorecard is by department only)",
            b.dim
        )));
    }

    let inputs = super::default_inputs(&args.inputs, log)?;
    let prepared = pipeline::prepare(&inputs, &cfg)?;
    for y in prepared.computed_years() {
        log.warn(&format!(
            "năm {y} chưa có lịch nghỉ chính thức trong bảng; ngày nghỉ được tính theo luật và âm lịch (no official holiday table for {y}: computed from the law)"
        ));
    }
    let loaded = &prepared.loaded;
    if let Some(b) = &by {
        let keys = valid_keys(loaded, &b.dim)?;
        if !keys.contains(&b.key) {
            return Err(Error::Usage(format!(
                "--by {}: giá trị \"{}\" không có trong dữ liệu (unknown group key); giá trị hợp lệ / valid: {}",
                b.dim,
                b.key,
                keys.iter()
                    .map(|k| format!("\"{k}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }

    let group = by
        .as_ref()
        .map(|b| b.dim.clone())
        .unwrap_or_else(|| "'total'".into());
    let all = case_flags(&loaded.cases, &period, &group)?;
    let in_group = |c: &CaseFlags| by.as_ref().is_none_or(|b| c.key == b.key);

    // The cases, and for a criterion its points.
    let (cases, criterion): (Vec<&CaseFlags>, Option<scorecard::CriterionResult>) = match &target {
        Target::Count(name) => (
            all.iter()
                .filter(|c| in_group(c) && c.flag(name) == Some(true))
                .collect(),
            None,
        ),
        Target::Criterion(id) => {
            let figs = figures::compute(&loaded.cases, &loaded.vocab, &period)?;
            let late = figures::late_cases(&loaded.cases, &period)?;
            let scores = scorecard::evaluate(&criteria, &figs, &late, &cfg.scorecard.manual)
                .map_err(Error::Runtime)?;
            let list = match &by {
                None => &scores.agency.criteria,
                Some(b) => match scores.by_department.iter().find(|d| d.key == b.key) {
                    Some(d) => &d.criteria,
                    None => {
                        return Err(Error::Usage(format!(
                            "--by department: đơn vị \"{}\" không có việc trong kỳ nên không được chấm điểm (the department has no work in the period)",
                            b.key
                        )));
                    }
                },
            };
            let Some(r) = list.iter().find(|r| &r.id == id) else {
                return Err(Error::Usage(format!(
                    "tiêu chí '{id}' không chấm cho từng đơn vị (the criterion is agency-wide only)"
                )));
            };
            let cases = r
                .cases
                .iter()
                .filter_map(|cid| all.iter().find(|c| &c.id == cid))
                .collect();
            (cases, Some(r.clone()))
        }
    };

    let by_json = by
        .as_ref()
        .map(|b| json!({"dimension": b.dim, "key": b.key}))
        .unwrap_or(Value::Null);
    let stdout: Vec<u8> = match args.format {
        ExplainFormat::Json => {
            let mut v = json!({
                "figure": args.figure.trim(),
                "by": by_json,
                "period": PeriodJson::new(&period),
                "count": cases.len(),
                "cases": cases.iter().map(|c| case_json(c)).collect::<Vec<_>>(),
            });
            if let Some(r) = &criterion {
                v["criterion"] = json!({
                    "id": r.id, "title": r.title, "value": r.value,
                    "points": r.points, "max_points": r.max_points, "note": r.note,
                });
            }
            crate::render::json::to_bytes(&v)
        }
        ExplainFormat::Csv => to_csv(&cases)?,
        ExplainFormat::Table => {
            let words = &w().explain;
            let labels = figures::registry::words()?;
            let (label, doc) = match &target {
                Target::Count(name) => labels
                    .get(*name)
                    .map(|w| (w.label.clone(), Some(w.doc.clone())))
                    .unwrap_or_default(),
                Target::Criterion(_) => (
                    criterion
                        .as_ref()
                        .map(|r| r.title.clone())
                        .unwrap_or_default(),
                    None,
                ),
            };
            let mut s = fill(
                &words.table.title,
                &[
                    ("figure", args.figure.trim()),
                    ("label", &label),
                    ("period", &period.label),
                    ("start", &period.start.format("%d/%m/%Y").to_string()),
                    ("end", &period.end.format("%d/%m/%Y").to_string()),
                    ("count", &cases.len().to_string()),
                ],
            );
            if let Some(b) = &by {
                s.push_str(", ");
                s.push_str(&fill(&words.table.by, &[("dim", &b.dim), ("key", &b.key)]));
            }
            s.push('\n');
            // What the figure counts, from the registry's words.
            if let Some(doc) = doc {
                s.push_str(&doc);
                s.push('\n');
            }
            if let Some(r) = &criterion {
                let num = |x: f64| {
                    let r = (x * 1000.0).round() / 1000.0;
                    if r.fract() == 0.0 {
                        format!("{}", r as i64)
                    } else {
                        format!("{r}")
                    }
                };
                s.push_str(&fill(
                    &words.table.scorecard,
                    &[
                        ("id", &r.id),
                        ("title", &r.title),
                        ("points", &num(r.points)),
                        ("max", &num(r.max_points)),
                        ("note", &r.note),
                    ],
                ));
                s.push('\n');
            }
            let dmy = |d: Option<chrono::NaiveDate>| {
                d.map(|d| d.format("%d/%m/%Y").to_string())
                    .unwrap_or_else(|| "—".into())
            };
            let rows: Vec<Vec<String>> = cases
                .iter()
                .map(|c| {
                    vec![
                        c.id.clone(),
                        dmy(Some(c.received)),
                        dmy(c.deadline),
                        dmy(c.resolved),
                        dmy(c.reply_due),
                        dmy(c.responded),
                        dmy(c.assigned),
                        c.department.clone(),
                    ]
                })
                .collect();
            if !rows.is_empty() {
                s.push('\n');
                s.push_str(&table(&words.table.heads, &rows));
            }
            s.into_bytes()
        }
    };
    super::print_out(&String::from_utf8_lossy(&stdout))?;
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_is_dim_equals_key() {
        assert_eq!(
            parse_by("department=\"Phòng Quản lý Đầu tư\"").unwrap(),
            By {
                dim: "department".into(),
                key: "Phòng Quản lý Đầu tư".into()
            }
        );
        assert_eq!(parse_by("Kind=khieu_nai").unwrap().dim, "kind");
        let e = parse_by("ward=1").unwrap_err().to_string();
        assert!(e.contains("kind, channel, department, category"), "{e}");
        assert!(matches!(parse_by("department"), Err(Error::Usage(_))));
    }

    #[test]
    fn table_pads_columns() {
        let t = table(
            &["Mã số".into(), "Đơn vị".into()],
            &[vec!["A-1".into(), "Văn phòng".into()]],
        );
        assert_eq!(t, "Mã số  Đơn vị\nA-1    Văn phòng\n");
    }
}
