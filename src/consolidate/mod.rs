//! Consolidation (SPEC §11): the body that receives many units' reports adds them up from their
//! summaries (or forms workbooks), without their registers. Reading and checking the sources is
//! `source` and `forms_in`; the units file `units`; adding up `merge`; the result is the typed
//! [`data::Consolidation`] — figures per unit, per group and in total — that every renderer reads
//! (`book`: the consolidated workbook; `forms_book`: the consolidated forms; `summary`:
//! summary.json; `report`: the báo cáo tổng hợp laid out as PDF and DOCX).

pub mod book;
pub mod data;
pub mod forms_book;
pub mod forms_in;
pub mod merge;
pub mod report;
pub mod source;
pub mod summary;
pub mod units;
pub mod words;

use data::{Consolidation, GroupRow, Source, SourceKind, Status, UnitData, UnitRow};
use units::UnitsFile;

/// Adds up the sources, unit by unit in the units file's order, group by group.
pub fn build(units: &UnitsFile, sources: Vec<Source>, shapes: &[(String, usize)]) -> Consolidation {
    let mut groups: Vec<GroupRow> = Vec::with_capacity(units.groups.len());
    for g in &units.groups {
        let mut rows = Vec::new();
        for u in units.units.iter().filter(|u| u.group == g.code) {
            let idx = sources.iter().position(|s| s.unit == u.code);
            let src = idx.map(|i| &sources[i]);
            let status = match src {
                None => Status::Missing,
                Some(s) if s.kind == SourceKind::FormsWorkbook => Status::FormsOnly,
                Some(_) => Status::Reported,
            };
            rows.push(UnitRow {
                code: u.code.clone(),
                name: u.name.clone(),
                group: g.code.clone(),
                status,
                source: idx,
                data: src.and_then(|s| s.data.clone()),
                forms: src.and_then(|s| s.forms.clone()),
                score: src.and_then(|s| s.score.clone()),
                rank: None,
            });
        }
        let data: Vec<&UnitData> = rows.iter().filter_map(|r| r.data.as_ref()).collect();
        let forms: Vec<_> = rows.iter().filter_map(|r| r.forms.as_ref()).collect();
        groups.push(GroupRow {
            code: g.code.clone(),
            name: g.name.clone(),
            data: merge::merge_data(&data, units),
            forms: merge::merge_forms(&forms, shapes),
            units: rows,
        });
    }
    let all: Vec<&UnitData> = groups
        .iter()
        .flat_map(|g| g.units.iter().filter_map(|u| u.data.as_ref()))
        .collect();
    let total = merge::merge_data(&all, units);
    let forms: Vec<_> = groups
        .iter()
        .flat_map(|g| g.units.iter().filter_map(|u| u.forms.as_ref()))
        .collect();
    let total_forms = merge::merge_forms(&forms, shapes);
    let ranked = rank(&mut groups);
    Consolidation {
        total,
        total_forms,
        groups,
        sources,
        ranked,
    }
}

/// Ranks the scored units by their share of the maximum points (1 = best; equal shares share a
/// rank), when every scored unit used the same criteria file. Returns whether it ranked.
fn rank(groups: &mut [GroupRow]) -> bool {
    let scored: Vec<&data::Score> = groups
        .iter()
        .flat_map(|g| g.units.iter().filter_map(|u| u.score.as_ref()))
        .collect();
    let Some(first) = scored.first() else {
        return false;
    };
    let same = first.criteria_sha256.is_some()
        && scored
            .iter()
            .all(|s| s.criteria_sha256 == first.criteria_sha256);
    if !same {
        return false;
    }
    let share = |s: &data::Score| {
        if s.max_points > 0.0 {
            s.points / s.max_points
        } else {
            0.0
        }
    };
    let shares: Vec<f64> = scored.iter().map(|s| share(s)).collect();
    for g in groups.iter_mut() {
        for u in g.units.iter_mut() {
            if let Some(s) = &u.score {
                let mine = share(s);
                let better = shares.iter().filter(|x| **x > mine + 1e-12).count();
                u.rank = Some(better as u32 + 1);
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::data::{Score, Source, SourceKind, Status, UnitData};
    use super::*;

    const UNITS: &str = "[agency]\nname = \"TT\"\ncode = \"tt\"\n[[group]]\ncode = \"g\"\nname = \"G\"\n[[unit]]\ncode = \"a\"\nname = \"A\"\ngroup = \"g\"\n[[unit]]\ncode = \"b\"\nname = \"B\"\ngroup = \"g\"\n[[unit]]\ncode = \"c\"\nname = \"C\"\ngroup = \"g\"\n";

    fn source(unit: &str, received: u64, points: f64, sha: &str) -> Source {
        let mut data = UnitData::default();
        data.totals.received = received;
        Source {
            path: unit.into(),
            file: unit.into(),
            sha256: String::new(),
            unit: unit.into(),
            kind: SourceKind::Report,
            period_label: String::new(),
            tool_version: None,
            as_of: None,
            data: Some(data),
            forms: None,
            score: Some(Score {
                points,
                max_points: 100.0,
                rating: String::new(),
                criteria_sha256: Some(sha.into()),
            }),
        }
    }

    #[test]
    fn units_are_ranked_only_on_one_criteria_file_and_missing_ones_listed() {
        let units = UnitsFile::parse(UNITS).unwrap();
        let c = build(
            &units,
            vec![source("b", 5, 60.0, "x"), source("a", 2, 80.0, "x")],
            &[],
        );
        assert!(c.ranked);
        let ranks: Vec<Option<u32>> = c.units().map(|u| u.rank).collect();
        assert_eq!(ranks, [Some(1), Some(2), None]);
        assert_eq!(c.units().nth(2).unwrap().status, Status::Missing);
        assert_eq!((c.reported(), c.expected()), (2, 3));
        assert_eq!(c.total.totals.received, 7);
        assert_eq!(c.groups[0].data.totals.received, 7);

        let c = build(
            &units,
            vec![source("a", 2, 80.0, "x"), source("b", 5, 60.0, "y")],
            &[],
        );
        assert!(!c.ranked);
        assert!(c.units().all(|u| u.rank.is_none()));
    }
}
