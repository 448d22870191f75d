//! summary.json, schema `pakn-report/summary/v1` (SPEC §7).

use serde_json::{Value, json};

use crate::calendar::period::Period;
use crate::figures::{Figures, PeriodFigures};

pub const SCHEMA: &str = "pakn-report/summary/v1";

pub fn period_json(p: &Period) -> Value {
    json!({
        "label": p.label,
        "start": p.start.format("%Y-%m-%d").to_string(),
        "end": p.end.format("%Y-%m-%d").to_string(),
        "mode": p.mode.as_str(),
    })
}

fn compare_json(p: &Period, f: &Figures) -> Value {
    json!({
        "period": period_json(p),
        "received": f.received,
        "on_time_rate": f.on_time_rate,
    })
}

/// The whole summary. `input` is the accounting object, `scorecard` the scorecard object.
pub fn summary(
    period: &Period,
    input: Value,
    figures: &PeriodFigures,
    previous: (&Period, &Figures),
    last_year: (&Period, &Figures),
    scorecard: Value,
) -> Value {
    json!({
        "schema": SCHEMA,
        "period": period_json(period),
        "input": input,
        "totals": figures.totals,
        "by_kind": figures.by_kind,
        "by_channel": figures.by_channel,
        "by_department": figures.by_department,
        "by_category": figures.by_category,
        "compare": {
            "previous": compare_json(previous.0, previous.1),
            "same_period_last_year": compare_json(last_year.0, last_year.1),
        },
        "scorecard": scorecard,
    })
}

/// Pretty JSON with a final newline.
pub fn to_bytes(v: &Value) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}
