//! Adding units' figures (SPEC §11): counts add up; rates are recomputed from the summed counts;
//! means from the sums (mean × count); medians and p90 from the merged histograms; maxima are the
//! largest maximum; breakdowns merge by key.

use crate::figures::hist;
use crate::figures::{Assigned, Figures, Group, Satisfaction, Stats};
use crate::text::collation_key;

use super::data::{CompareCounts, FormsValues, UnitData};
use super::units::UnitsFile;

fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// The statistic of the union of the parts' cases.
pub fn merge_stats(parts: &[&Stats]) -> Stats {
    let count: u64 = parts.iter().map(|s| s.count).sum();
    if count == 0 {
        return Stats {
            hist: Some(Vec::new()),
            ..Stats::default()
        };
    }
    let sum: f64 = parts
        .iter()
        .filter(|s| s.count > 0)
        .map(|s| s.mean.unwrap_or(0.0) * s.count as f64)
        .sum();
    let max = parts
        .iter()
        .filter_map(|s| s.max)
        .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))));
    // A part with cases but no histogram (an older summary) leaves the median and p90 unknown.
    let complete = parts.iter().all(|s| s.count == 0 || s.hist.is_some());
    let hist = complete.then(|| hist::merge(parts.iter().filter_map(|s| s.hist.as_deref())));
    let (median, p90) = match &hist {
        Some(h) => (hist::percentile(h, 0.5), hist::percentile(h, 0.9)),
        None => (None, None),
    };
    Stats {
        count,
        mean: Some(round6(sum / count as f64)),
        median,
        p90,
        max,
        hist,
    }
}

/// The figures of the union of the parts' cases.
pub fn merge_figures(parts: &[&Figures]) -> Figures {
    let sum = |f: fn(&Figures) -> u64| parts.iter().map(|p| f(p)).sum::<u64>();
    let resolved = sum(|f| f.resolved);
    let on_time = sum(|f| f.resolved_on_time);
    let rated = sum(|f| f.satisfaction.rated);
    let satisfied = sum(|f| f.satisfaction.satisfied);
    let assigned = sum(|f| f.assigned_within_1wd.count);
    let within = sum(|f| f.assigned_within_1wd.within);
    let stats = |f: fn(&Figures) -> &Stats| {
        let v: Vec<&Stats> = parts.iter().map(|p| f(p)).collect();
        merge_stats(&v)
    };
    Figures {
        carried_over: sum(|f| f.carried_over),
        received: sum(|f| f.received),
        to_handle: sum(|f| f.to_handle),
        resolved,
        resolved_on_time: on_time,
        resolved_late: sum(|f| f.resolved_late),
        pending: sum(|f| f.pending),
        pending_overdue: sum(|f| f.pending_overdue),
        on_time_rate: ratio(on_time, resolved),
        responded: sum(|f| f.responded),
        response_on_time: sum(|f| f.response_on_time),
        response_days: stats(|f| &f.response_days),
        resolution_days: stats(|f| &f.resolution_days),
        resolution_working_days: stats(|f| &f.resolution_working_days),
        satisfaction: Satisfaction {
            rated,
            satisfied,
            rate: ratio(satisfied, rated),
        },
        assigned_within_1wd: Assigned {
            count: assigned,
            within,
            rate: ratio(within, assigned),
        },
    }
}

/// Breakdowns merged by key (after `rename`), in the order keys first appear, or in Vietnamese
/// order when `sort`.
pub fn merge_groups(lists: &[&[Group]], rename: &dyn Fn(&str) -> String, sort: bool) -> Vec<Group> {
    let mut keys: Vec<(String, String)> = Vec::new();
    let mut members: Vec<Vec<&Figures>> = Vec::new();
    for list in lists {
        for g in list.iter() {
            let key = rename(&g.key);
            let label = if key == g.key {
                g.label.clone()
            } else {
                key.clone()
            };
            match keys.iter().position(|(k, _)| *k == key) {
                Some(i) => members[i].push(&g.figures),
                None => {
                    keys.push((key, label));
                    members.push(vec![&g.figures]);
                }
            }
        }
    }
    let mut out: Vec<Group> = keys
        .into_iter()
        .zip(members)
        .map(|((key, label), m)| Group {
            key,
            label,
            figures: merge_figures(&m),
        })
        .collect();
    if sort {
        out.sort_by(|a, b| {
            collation_key(&a.key)
                .cmp(&collation_key(&b.key))
                .then_with(|| a.key.cmp(&b.key))
        });
    }
    out
}

fn merge_compare(parts: &[Option<&CompareCounts>]) -> Option<CompareCounts> {
    let mut out = CompareCounts::default();
    for p in parts {
        let p = (*p)?;
        out.received += p.received;
        out.resolved += p.resolved;
        out.resolved_on_time += p.resolved_on_time;
    }
    Some(out)
}

/// The figures of several units together. Categories are folded by the units file's
/// `[vocab.category]` and listed in Vietnamese order, as `report` lists them.
pub fn merge_data(parts: &[&UnitData], units: &UnitsFile) -> UnitData {
    let same = |k: &str| k.to_string();
    let fold = |k: &str| units.category(k).to_string();
    let lists = |f: fn(&UnitData) -> &Vec<Group>| -> Vec<&[Group]> {
        parts.iter().map(|p| f(p).as_slice()).collect()
    };
    let totals: Vec<&Figures> = parts.iter().map(|p| &p.totals).collect();
    UnitData {
        totals: merge_figures(&totals),
        by_kind: merge_groups(&lists(|d| &d.by_kind), &same, false),
        by_channel: merge_groups(&lists(|d| &d.by_channel), &same, false),
        by_category: merge_groups(&lists(|d| &d.by_category), &fold, true),
        previous: merge_compare(
            &parts
                .iter()
                .map(|p| p.previous.as_ref())
                .collect::<Vec<_>>(),
        ),
        last_year: merge_compare(
            &parts
                .iter()
                .map(|p| p.last_year.as_ref())
                .collect::<Vec<_>>(),
        ),
    }
}

/// The forms of several units together: each column is the sum of the units' values; a column
/// every unit left empty stays empty. `codes` gives the forms' order.
pub fn merge_forms(parts: &[&FormsValues], codes: &[(String, usize)]) -> Option<FormsValues> {
    if parts.is_empty() {
        return None;
    }
    let mut out: FormsValues = codes
        .iter()
        .map(|(c, n)| (c.clone(), vec![None; *n]))
        .collect();
    for p in parts {
        for (code, values) in p.iter() {
            let Some((_, acc)) = out.iter_mut().find(|(c, _)| c == code) else {
                continue;
            };
            for (a, v) in acc.iter_mut().zip(values) {
                if let Some(v) = v {
                    *a = Some(a.unwrap_or(0) + v);
                }
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(values: &[f64]) -> Stats {
        let mut v = values.to_vec();
        v.sort_by(f64::total_cmp);
        let h: Vec<(f64, u64)> =
            hist::merge([v.iter().map(|x| (*x, 1)).collect::<Vec<_>>().as_slice()]);
        Stats {
            count: v.len() as u64,
            mean: (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64),
            median: hist::percentile(&h, 0.5),
            p90: hist::percentile(&h, 0.9),
            max: v.last().copied(),
            hist: Some(h),
        }
    }

    #[test]
    fn merged_stats_equal_the_stats_of_all_values() {
        let a = stats(&[1.0, 4.0, 9.5]);
        let b = stats(&[2.0, 30.0]);
        let empty = stats(&[]);
        let m = merge_stats(&[&a, &b, &empty]);
        let all = stats(&[1.0, 4.0, 9.5, 2.0, 30.0]);
        assert_eq!(m.count, 5);
        assert_eq!(m.mean, Some(9.3));
        assert_eq!(m.median, all.median);
        assert_eq!(m.median, Some(4.0));
        assert_eq!(m.p90, all.p90);
        assert_eq!(m.max, Some(30.0));
    }

    #[test]
    fn a_part_without_histogram_leaves_percentiles_unknown() {
        let a = stats(&[1.0]);
        let mut b = stats(&[3.0]);
        b.hist = None;
        let m = merge_stats(&[&a, &b]);
        assert_eq!(
            (m.count, m.mean, m.median, m.max),
            (2, Some(2.0), None, Some(3.0))
        );
    }

    #[test]
    fn rates_come_from_summed_counts() {
        let a = Figures {
            resolved: 3,
            resolved_on_time: 3,
            ..Figures::default()
        };
        let b = Figures {
            resolved: 1,
            resolved_on_time: 0,
            ..Figures::default()
        };
        let m = merge_figures(&[&a, &b]);
        assert_eq!(m.on_time_rate, Some(0.75));
    }

    #[test]
    fn forms_add_and_empty_columns_stay_empty() {
        let codes = vec![("01/XLD".to_string(), 3)];
        let a: FormsValues = vec![("01/XLD".into(), vec![Some(1), None, Some(2)])];
        let b: FormsValues = vec![("01/XLD".into(), vec![Some(4), None, None])];
        let m = merge_forms(&[&a, &b], &codes).unwrap();
        assert_eq!(m[0].1, vec![Some(5), None, Some(2)]);
    }
}
