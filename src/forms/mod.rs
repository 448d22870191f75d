//! Stage 5b — the Inspectorate's statistical forms (TT 01/2024/TT-TTCP). The per-case flags are
//! defined in `queries/bieu-mau-tt01-2024.sql`; each form column of
//! `report-templates/bieu-mau-tt01-2024.toml` counts the cases for which a predicate over those
//! flags holds, sums other columns, or is left empty because the register cannot support it.
//! The forms' control sums are then checked on the values (see `CheckState`).

pub mod layout;

use std::collections::HashMap;

use polars::prelude::*;
use polars::sql::SQLContext;

use crate::calendar::period::Period;
use crate::error::{Error, Result};
use crate::figures;
use crate::normalize::columns as col;
use crate::normalize::{CaseTable, Vocabulary};
pub use layout::{Form, Layouts, Source};

/// The flag definitions an analyst reads.
pub const FLAGS_SQL: &str = include_str!("../../queries/bieu-mau-tt01-2024.sql");

/// Why a column is empty.
#[derive(Debug, Clone, PartialEq)]
pub enum Empty {
    /// The register has no such field (the text says which field would fill it).
    Unsupported(String),
    /// An optional field the column needs is in no input file.
    Missing(Vec<String>),
    /// A column it sums is empty.
    OfEmptyParts(Vec<u32>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(u64),
    Empty(Empty),
}

impl Value {
    pub fn number(&self) -> Option<u64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Empty(_) => None,
        }
    }
}

/// The state of one control sum ("column = a + b + …").
#[derive(Debug, Clone, PartialEq)]
pub enum CheckState {
    /// Every column is filled and the sum holds.
    Holds,
    /// Some parts are empty; the sum holds when they count as zero.
    HoldsEmptyAsZero,
    /// Some columns are empty and the sum does not hold without them: it cannot be checked.
    NotCheckable,
    /// Every column is filled and the sum does not hold (a defect of the layout or the data).
    Violated { left: u64, right: u64 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub column: u32,
    pub parts: Vec<u32>,
    pub state: CheckState,
}

/// One filled form.
#[derive(Debug, Clone)]
pub struct FilledForm {
    pub form: Form,
    /// One value per column, in column order.
    pub values: Vec<Value>,
    pub checks: Vec<Check>,
}

impl FilledForm {
    pub fn value(&self, no: u32) -> &Value {
        &self.values[no as usize - 1]
    }
}

/// The columns of the case table the flags query reads.
const FLAG_INPUTS: &[&str] = &[
    "id",
    "matter",
    "kind",
    "status",
    "competence",
    "signatories",
    "attempt",
    "outcome",
    "category",
    "received_at",
    "received_date",
    "resolved_date",
    "accepted_date",
    "assigned_date",
    "responded_date",
    "deadline_at",
    "resolved_at",
];

/// The cases that can be in play in the period — received by its end and not resolved before
/// its start (a case handled and resolved before the period is in no form) — with the columns
/// the flags query reads, and `noi_dung`, the content group of each case's category.
fn with_content(
    cases: &CaseTable,
    layouts: &Layouts,
    vocab: &Vocabulary,
    period: &Period,
) -> Result<DataFrame> {
    let df = cases
        .df
        .clone()
        .lazy()
        .select(FLAG_INPUTS.iter().map(|c| col(*c)).collect::<Vec<_>>())
        .filter(
            col("received_date").lt_eq(lit(period.end)).and(
                col("resolved_date")
                    .is_null()
                    .or(col("resolved_date").gt_eq(lit(period.start))),
            ),
        )
        .collect()?;
    let cats = df.column(col::CATEGORY)?.str()?;
    let mut memo: HashMap<&str, &str> = HashMap::new();
    let groups: Vec<Option<&str>> = cats
        .iter()
        .map(|c| {
            c.map(|c| {
                *memo
                    .entry(c)
                    .or_insert_with(|| layouts.content.group(c, &vocab.blank_category))
            })
        })
        .collect();
    let groups = Series::new("noi_dung".into(), groups).into_column();
    let mut out = df.clone();
    out.with_column(groups)?;
    Ok(out)
}

fn query_error(form: &str, e: PolarsError) -> Error {
    Error::Runtime(format!(
        "biểu {form}: truy vấn lỗi (form query failed): {e}"
    ))
}

/// The layouts of the config (shipped or `forms.layouts_file`), with every predicate checked.
pub fn load(cfg: &crate::config::Config) -> Result<Layouts> {
    let layouts = Layouts::load(cfg)?;
    check(&layouts)?;
    Ok(layouts)
}

/// Fills every form of the layouts for a period. `present` lists the optional fields found in
/// at least one input file.
pub fn compute(
    cases: &CaseTable,
    vocab: &Vocabulary,
    present: &[&str],
    layouts: &Layouts,
    period: &Period,
) -> Result<Vec<FilledForm>> {
    let mut ctx = flags_context(with_content(cases, layouts, vocab, period)?, period)?;
    layouts
        .forms
        .iter()
        .map(|f| fill(&mut ctx, f, present))
        .collect()
}

/// Runs the flags query and registers its result as `don`, numbered by receipt (`thu_tu`: the
/// order that picks a vụ việc's latest đơn).
fn flags_context(cases: DataFrame, period: &Period) -> Result<SQLContext> {
    let mut ctx = SQLContext::new();
    ctx.register("cases", cases.lazy());
    ctx.register("period", figures::period_table(period)?.lazy());
    let flags = ctx
        .execute(FLAGS_SQL)
        .and_then(|lf| lf.collect())
        .and_then(|df| df.sort(["received_at", "id"], SortMultipleOptions::default()))
        .and_then(|mut df| {
            let n = df.height() as u32;
            df.with_column(
                Series::new("thu_tu".into(), (0..n).collect::<Vec<u32>>()).into_column(),
            )?;
            Ok(df)
        })
        .map_err(|e| query_error("(cờ / flags)", e))?;
    let ctx = SQLContext::new();
    ctx.register("don", flags.lazy());
    Ok(ctx)
}

/// Checks every predicate of the layouts against the flags, on an empty table, one column at a
/// time so that an error names the form and the column. Run before any output is written.
pub fn check(layouts: &Layouts) -> Result<()> {
    // The columns `with_content` hands to the flags query, empty, with their types.
    let dt = DataType::Datetime(TimeUnit::Milliseconds, None);
    let cols: Vec<Column> = FLAG_INPUTS
        .iter()
        .chain(&["noi_dung"])
        .map(|n| {
            let t = if n.ends_with("_date") {
                &DataType::Date
            } else if n.ends_with("_at") {
                &dt
            } else {
                &DataType::String
            };
            Series::new_empty((*n).into(), t).into_column()
        })
        .collect();
    let empty = DataFrame::new(0, cols)?;
    let period = Period::new(
        crate::calendar::period::Span::Month {
            year: 2026,
            month: 1,
        },
        crate::calendar::period::Mode::Cutoff,
    );
    let mut ctx = flags_context(empty, &period)?;
    for form in &layouts.forms {
        for c in &form.columns {
            let preds: Vec<&str> = match &c.source {
                Source::Count(p) => vec![p],
                Source::Distinct { pred, per } => {
                    let mut v = vec![pred.as_str()];
                    v.extend(per.as_deref());
                    v
                }
                _ => continue,
            };
            for p in preds {
                let sql = format!("SELECT SUM(CASE WHEN ({p}) THEN 1 ELSE 0 END) AS n FROM don");
                ctx.execute(&sql).and_then(|lf| lf.collect()).map_err(|e| {
                    Error::Runtime(format!(
                        "tệp biểu mẫu: biểu {}, cột {}: điều kiện '{p}' không chạy được (the column's predicate fails): {e}",
                        form.code, c.no
                    ))
                })?;
            }
        }
    }
    Ok(())
}

fn fill(ctx: &mut SQLContext, form: &Form, present: &[&str]) -> Result<FilledForm> {
    let n = form.columns.len();
    let mut values: Vec<Option<Value>> = vec![None; n];
    // Columns whose optional fields are absent, or that the register cannot support.
    for c in &form.columns {
        let missing: Vec<String> = c
            .needs
            .iter()
            .filter(|f| !present.contains(&f.as_str()))
            .cloned()
            .collect();
        if let Source::Unsupported(why) = &c.source {
            values[c.no as usize - 1] = Some(Value::Empty(Empty::Unsupported(why.clone())));
        } else if !missing.is_empty() {
            values[c.no as usize - 1] = Some(Value::Empty(Empty::Missing(missing)));
        }
    }
    // Counts: one aggregate query for the form. Without a `matter` column every đơn is its own
    // vụ việc, so a distinct count is a plain count.
    let has_matter = present.contains(&"matter");
    let counts: Vec<(u32, &str)> = form
        .columns
        .iter()
        .filter(|c| values[c.no as usize - 1].is_none())
        .filter_map(|c| match &c.source {
            Source::Count(p) => Some((c.no, p.as_str())),
            Source::Distinct { pred, .. } if !has_matter => Some((c.no, pred.as_str())),
            _ => None,
        })
        .collect();
    if !counts.is_empty() {
        let select: Vec<String> = counts
            .iter()
            .map(|(no, p)| format!("SUM(CASE WHEN ({p}) THEN 1 ELSE 0 END) AS c{no}"))
            .collect();
        let sql = format!("SELECT {} FROM don", select.join(", "));
        let df = ctx
            .execute(&sql)
            .and_then(|lf| lf.collect())
            .map_err(|e| query_error(&form.code, e))?;
        for (no, _) in &counts {
            let v = read_count(&df, &format!("c{no}")).map_err(|e| query_error(&form.code, e))?;
            values[*no as usize - 1] = Some(Value::Number(v));
        }
    }
    // Vụ việc: each judged by its representative đơn (see `Source::Distinct`).
    for c in &form.columns {
        if values[c.no as usize - 1].is_some() {
            continue;
        }
        if let Source::Distinct { pred, per } = &c.source {
            let v = count_matters(ctx, pred, per.as_deref().unwrap_or(pred))
                .map_err(|e| query_error(&form.code, e))?;
            values[c.no as usize - 1] = Some(Value::Number(v));
        }
    }
    // Sums refer to later columns only (checked when the layouts are read): fill from the end.
    for c in form.columns.iter().rev() {
        if values[c.no as usize - 1].is_some() {
            continue;
        }
        if let Source::Sum(parts) = &c.source {
            let empty: Vec<u32> = parts
                .iter()
                .copied()
                .filter(|p| {
                    values[*p as usize - 1]
                        .as_ref()
                        .and_then(Value::number)
                        .is_none()
                })
                .collect();
            let v = if empty.is_empty() {
                Value::Number(
                    parts
                        .iter()
                        .filter_map(|p| values[*p as usize - 1].as_ref().and_then(Value::number))
                        .sum(),
                )
            } else {
                Value::Empty(Empty::OfEmptyParts(empty))
            };
            values[c.no as usize - 1] = Some(v);
        }
    }
    let values: Vec<Value> = values
        .into_iter()
        .map(|v| v.expect("every column gets a value or an empty mark"))
        .collect();
    let checks = checks(form, &values);
    Ok(FilledForm {
        form: form.clone(),
        values,
        checks,
    })
}

/// The number of vụ việc whose representative đơn — the latest (highest `thu_tu`) of its đơn for
/// which `per` holds — satisfies `pred`.
fn count_matters(ctx: &mut SQLContext, pred: &str, per: &str) -> PolarsResult<u64> {
    let sql = format!(
        "SELECT vu_viec, thu_tu, CASE WHEN ({pred}) THEN TRUE ELSE FALSE END AS hit FROM don WHERE {per}"
    );
    let df = ctx.execute(&sql)?.collect()?;
    let keys = df.column("vu_viec")?.str()?.clone();
    let order = df.column("thu_tu")?.cast(&DataType::UInt32)?;
    let order = order.u32()?;
    let hits = df.column("hit")?.bool()?.clone();
    let mut rep: HashMap<&str, (u32, bool)> = HashMap::new();
    for i in 0..df.height() {
        let (Some(k), Some(o)) = (keys.get(i), order.get(i)) else {
            continue;
        };
        let hit = hits.get(i).unwrap_or(false);
        let e = rep.entry(k).or_insert((o, hit));
        if o > e.0 {
            *e = (o, hit);
        }
    }
    Ok(rep.values().filter(|(_, hit)| *hit).count() as u64)
}

fn read_count(df: &DataFrame, name: &str) -> PolarsResult<u64> {
    let c = df.column(name)?.cast(&DataType::Float64)?;
    Ok(c.f64()?.get(0).unwrap_or(0.0).round() as u64)
}

/// Evaluates the control sums of a filled form: each `sum` column against its parts, and each
/// `equals` list.
pub fn checks(form: &Form, values: &[Value]) -> Vec<Check> {
    let get = |no: u32| values[no as usize - 1].number();
    let mut out = Vec::new();
    for c in &form.columns {
        let mut lists: Vec<&Vec<u32>> = Vec::new();
        if let Source::Sum(parts) = &c.source {
            lists.push(parts);
        }
        lists.extend(c.equals.iter());
        for parts in lists {
            let left = get(c.no);
            let right: u64 = parts.iter().filter_map(|p| get(*p)).sum();
            let all_filled = left.is_some() && parts.iter().all(|p| get(*p).is_some());
            let state = match (left, all_filled) {
                (Some(l), true) if l == right => CheckState::Holds,
                (Some(l), true) => CheckState::Violated { left: l, right },
                (Some(l), false) if l == right => CheckState::HoldsEmptyAsZero,
                _ => CheckState::NotCheckable,
            };
            out.push(Check {
                column: c.no,
                parts: parts.clone(),
                state,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
