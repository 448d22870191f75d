//! The one registry of the figures of SPEC §5: each figure's summary.json name (nested ones with
//! a dot), its unit, the column of `queries/figures.sql` its count is summed into when it has a
//! case list (SPEC §13), and how to read it from [`Figures`]. The scorecard (which figure a
//! criterion reads, whether it is a rate), `explain` and `remind` (which figures have a case list)
//! and the tests all take the list from here; the Vietnamese label and the one-line definition of
//! each are data, in `report-templates/chi-tieu.toml`, checked against this list when read.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Figures;
use crate::error::Result;
use crate::templates::{Kind, Source};

/// What a figure counts or measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A number of cases.
    Count,
    /// A fraction between 0 and 1.
    Rate,
    /// Calendar days (fractional when both ends carry a time).
    Days,
    /// Working days.
    WorkingDays,
}

/// One figure of SPEC §5.
pub struct Figure {
    pub name: &'static str,
    pub unit: Unit,
    /// The column of `queries/figures.sql` whose sum it is, for a count figure with a case list.
    pub sql: Option<&'static str>,
    /// Its value; None when undefined (a rate or a statistic over no case).
    pub get: fn(&Figures) -> Option<f64>,
}

/// Every figure, in the order of summary.json.
pub const ALL: &[Figure] = &[
    Figure {
        name: "carried_over",
        unit: Unit::Count,
        sql: Some("carried_over"),
        get: |f| Some(f.carried_over as f64),
    },
    Figure {
        name: "received",
        unit: Unit::Count,
        sql: Some("received"),
        get: |f| Some(f.received as f64),
    },
    Figure {
        name: "to_handle",
        unit: Unit::Count,
        sql: Some("to_handle"),
        get: |f| Some(f.to_handle as f64),
    },
    Figure {
        name: "resolved",
        unit: Unit::Count,
        sql: Some("resolved"),
        get: |f| Some(f.resolved as f64),
    },
    Figure {
        name: "resolved_on_time",
        unit: Unit::Count,
        sql: Some("resolved_on_time"),
        get: |f| Some(f.resolved_on_time as f64),
    },
    Figure {
        name: "resolved_late",
        unit: Unit::Count,
        sql: Some("resolved_late"),
        get: |f| Some(f.resolved_late as f64),
    },
    Figure {
        name: "pending",
        unit: Unit::Count,
        sql: Some("pending"),
        get: |f| Some(f.pending as f64),
    },
    Figure {
        name: "pending_overdue",
        unit: Unit::Count,
        sql: Some("pending_overdue"),
        get: |f| Some(f.pending_overdue as f64),
    },
    Figure {
        name: "on_time_rate",
        unit: Unit::Rate,
        sql: None,
        get: |f| f.on_time_rate,
    },
    Figure {
        name: "responded",
        unit: Unit::Count,
        sql: Some("responded"),
        get: |f| Some(f.responded as f64),
    },
    Figure {
        name: "response_on_time",
        unit: Unit::Count,
        sql: Some("response_on_time"),
        get: |f| Some(f.response_on_time as f64),
    },
    Figure {
        name: "response_days.count",
        unit: Unit::Count,
        sql: None,
        get: |f| Some(f.response_days.count as f64),
    },
    Figure {
        name: "response_days.mean",
        unit: Unit::Days,
        sql: None,
        get: |f| f.response_days.mean,
    },
    Figure {
        name: "response_days.median",
        unit: Unit::Days,
        sql: None,
        get: |f| f.response_days.median,
    },
    Figure {
        name: "response_days.p90",
        unit: Unit::Days,
        sql: None,
        get: |f| f.response_days.p90,
    },
    Figure {
        name: "response_days.max",
        unit: Unit::Days,
        sql: None,
        get: |f| f.response_days.max,
    },
    Figure {
        name: "resolution_days.count",
        unit: Unit::Count,
        sql: None,
        get: |f| Some(f.resolution_days.count as f64),
    },
    Figure {
        name: "resolution_days.mean",
        unit: Unit::Days,
        sql: None,
        get: |f| f.resolution_days.mean,
    },
    Figure {
        name: "resolution_days.median",
        unit: Unit::Days,
        sql: None,
        get: |f| f.resolution_days.median,
    },
    Figure {
        name: "resolution_days.p90",
        unit: Unit::Days,
        sql: None,
        get: |f| f.resolution_days.p90,
    },
    Figure {
        name: "resolution_days.max",
        unit: Unit::Days,
        sql: None,
        get: |f| f.resolution_days.max,
    },
    Figure {
        name: "resolution_working_days.count",
        unit: Unit::Count,
        sql: None,
        get: |f| Some(f.resolution_working_days.count as f64),
    },
    Figure {
        name: "resolution_working_days.mean",
        unit: Unit::WorkingDays,
        sql: None,
        get: |f| f.resolution_working_days.mean,
    },
    Figure {
        name: "resolution_working_days.median",
        unit: Unit::WorkingDays,
        sql: None,
        get: |f| f.resolution_working_days.median,
    },
    Figure {
        name: "resolution_working_days.p90",
        unit: Unit::WorkingDays,
        sql: None,
        get: |f| f.resolution_working_days.p90,
    },
    Figure {
        name: "resolution_working_days.max",
        unit: Unit::WorkingDays,
        sql: None,
        get: |f| f.resolution_working_days.max,
    },
    Figure {
        name: "satisfaction.rated",
        unit: Unit::Count,
        sql: Some("satisfaction_rated"),
        get: |f| Some(f.satisfaction.rated as f64),
    },
    Figure {
        name: "satisfaction.satisfied",
        unit: Unit::Count,
        sql: Some("satisfaction_satisfied"),
        get: |f| Some(f.satisfaction.satisfied as f64),
    },
    Figure {
        name: "satisfaction.rate",
        unit: Unit::Rate,
        sql: None,
        get: |f| f.satisfaction.rate,
    },
    Figure {
        name: "assigned_within_1wd.count",
        unit: Unit::Count,
        sql: Some("assigned_count"),
        get: |f| Some(f.assigned_within_1wd.count as f64),
    },
    Figure {
        name: "assigned_within_1wd.within",
        unit: Unit::Count,
        sql: Some("assigned_within"),
        get: |f| Some(f.assigned_within_1wd.within as f64),
    },
    Figure {
        name: "assigned_within_1wd.rate",
        unit: Unit::Rate,
        sql: None,
        get: |f| f.assigned_within_1wd.rate,
    },
];

/// The figure of this summary.json name.
pub fn find(name: &str) -> Option<&'static Figure> {
    ALL.iter().find(|f| f.name == name)
}

/// The count figures with a case list (SPEC §13), in order.
pub fn listed() -> impl Iterator<Item = &'static Figure> {
    ALL.iter().filter(|f| f.sql.is_some())
}

/// The label and definition of a figure (`report-templates/chi-tieu.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// Vietnamese label, as the Office reads it.
    pub label: String,
    /// One line saying what is counted, for `explain` and the docs.
    pub doc: String,
}

const WORDS: &str = include_str!("../../report-templates/chi-tieu.toml");
const WORDS_NAME: &str = "report-templates/chi-tieu.toml";
const KIND: Kind = Kind {
    vi: "tệp tên chỉ tiêu",
    en: "figure labels",
};

/// The labels and definitions of every figure, keyed by name; a figure without one, or a name
/// that is no figure, is an error naming the file.
pub fn words() -> Result<BTreeMap<String, Words>> {
    let src = Source::read(None, WORDS_NAME, WORDS, KIND)?;
    let map: BTreeMap<String, Words> = src.parse(KIND)?;
    if let Some(f) = ALL.iter().find(|f| !map.contains_key(f.name)) {
        return Err(src.error(
            KIND,
            &format!("thiếu chỉ tiêu '{}' (figure missing)", f.name),
        ));
    }
    if let Some(k) = map.keys().find(|k| find(k).is_none()) {
        return Err(src.error(KIND, &format!("'{k}' không phải chỉ tiêu (not a figure)")));
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_has_words_and_a_unique_name() {
        let w = words().unwrap();
        assert_eq!(w.len(), ALL.len());
        let mut names: Vec<&str> = ALL.iter().map(|f| f.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
    }

    #[test]
    fn the_accessors_read_the_field_they_name() {
        // Each figure read from a JSON round trip of a Figures value with distinct numbers.
        let mut f = Figures::default();
        f.carried_over = 1;
        f.received = 2;
        f.to_handle = 3;
        f.resolved = 4;
        f.resolved_on_time = 5;
        f.resolved_late = 6;
        f.pending = 7;
        f.pending_overdue = 8;
        f.on_time_rate = Some(0.9);
        f.responded = 10;
        f.response_on_time = 11;
        f.response_days.count = 12;
        f.response_days.mean = Some(13.0);
        f.resolution_days.p90 = Some(14.0);
        f.resolution_working_days.max = Some(15.0);
        f.satisfaction.rated = 16;
        f.satisfaction.rate = Some(0.17);
        f.assigned_within_1wd.within = 18;
        let json = serde_json::to_value(&f).unwrap();
        for fig in ALL {
            let mut v = &json;
            for part in fig.name.split('.') {
                v = &v[part];
            }
            assert_eq!((fig.get)(&f), v.as_f64(), "{}", fig.name);
        }
    }

    #[test]
    fn every_listed_figure_is_summed_in_figures_sql() {
        for f in listed() {
            let col = f.sql.unwrap();
            assert!(
                super::super::FIGURES_SQL.contains(&format!("AS {col}")),
                "{} ({col}) is not a column of queries/figures.sql",
                f.name
            );
        }
    }
}
