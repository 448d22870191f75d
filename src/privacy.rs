//! SPEC §8 in one place: what of a case list an output sent onward may show. No personal value
//! ever reaches the case table (those columns are never read); what is left to decide is the
//! denouncer's protection (Luật Tố cáo 2018 Điều 8 k.3, Điều 9): in a list of cases, a tố cáo
//! case whose department (or category) has fewer than `privacy.min_cell` tố cáo cases in that
//! list shows "Khác" there. Every output that lists cases (the workbook's Quá hạn sheet, the
//! report's overdue table) asks this module, over the whole list it shows (before any cap).

use std::collections::HashMap;

use crate::figures::CaseRef;

/// The kind code protected by the rule.
pub const DENUNCIATION: &str = "to_cao";

/// Which cells of one listed case are merged into "Khác".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Masked {
    pub department: bool,
    pub category: bool,
}

/// For each case of `list`, in order, which of its cells show "Khác".
pub fn mask_list<'a>(
    list: impl IntoIterator<Item = &'a CaseRef> + Clone,
    min_cell: u32,
) -> Vec<Masked> {
    let mut dept: HashMap<&str, u32> = HashMap::new();
    let mut cat: HashMap<&str, u32> = HashMap::new();
    for c in list.clone().into_iter().filter(|c| c.kind == DENUNCIATION) {
        *dept.entry(c.department.as_str()).or_default() += 1;
        *cat.entry(c.category.as_str()).or_default() += 1;
    }
    list.into_iter()
        .map(|c| {
            if c.kind != DENUNCIATION {
                return Masked::default();
            }
            Masked {
                department: dept[c.department.as_str()] < min_cell,
                category: cat[c.category.as_str()] < min_cell,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(id: &str, kind: &str, dept: &str, cat: &str) -> CaseRef {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 5, 4).unwrap();
        CaseRef {
            id: id.into(),
            kind: kind.into(),
            channel: "hotline".into(),
            department: dept.into(),
            category: cat.into(),
            received: d,
            deadline: Some(d),
            resolved: None,
            days_overdue: 1,
            reason: "pending_overdue".into(),
        }
    }

    #[test]
    fn a_denunciation_in_a_small_cell_is_merged_and_nothing_else_is() {
        let list = [
            case("1", "to_cao", "A", "Đất đai"),
            case("2", "to_cao", "A", "Đất đai"),
            case("3", "to_cao", "A", "Xây dựng"),
            case("4", "to_cao", "B", "Đất đai"),
            case("5", "khieu_nai", "B", "Môi trường"),
        ];
        let m = mask_list(&list, 3);
        let yes = |d, c| Masked {
            department: d,
            category: c,
        };
        // A has 3 tố cáo (kept); B has 1 (merged). Đất đai has 3 (kept); Xây dựng 1 (merged).
        assert_eq!(
            m,
            [
                yes(false, false),
                yes(false, false),
                yes(false, true),
                yes(true, false),
                yes(false, false)
            ]
        );
        // min_cell 0 or 1 merges nothing; a larger one everything of tố cáo.
        assert!(mask_list(&list, 1).iter().all(|m| *m == Masked::default()));
        assert!(
            mask_list(&list, 9)[..4]
                .iter()
                .all(|m| m.department && m.category)
        );
    }
}
