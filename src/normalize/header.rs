//! Finding the header row and mapping its columns to the fields of SPEC §3.2 (§3.1): two
//! columns for one field are an error naming both and the config key that chooses.

use super::*;

/// Rows looked at to find the header row (SPEC §3.1).
pub(super) const HEADER_SEARCH_ROWS: u32 = 30;
/// Known column names a row needs to be the header.
pub(super) const HEADER_MIN_MATCHES: usize = 3;

/// Column positions of the fields in one file.
#[derive(Debug, Clone, Default)]
pub(super) struct ColumnMap {
    pub(super) pos: HashMap<&'static str, usize>,
    pub(super) headers: Vec<String>,
    /// The position of each field of `SLOTS`, in that order (read once per row, so no hashing).
    pub(super) at: Vec<Option<usize>>,
    /// Columns of personal data (SPEC §8): never read, whatever the shape of a record.
    pub(super) personal: Vec<bool>,
    /// Columns up to the last named one.
    pub(super) width: usize,
}
/// The fields a row is judged on, in the order of `ColumnMap::at`.
pub(super) const SLOTS: &[&str] = &[
    "id",
    "received_at",
    "kind",
    "assigned_at",
    "accepted_at",
    "due_at",
    "responded_at",
    "resolved_at",
    "status",
    "channel",
    "complexity",
    "satisfaction",
    "category",
    "department",
    "signatories",
    "competence",
    "outcome",
    "attempt",
    "matter",
];

// Indices into `SLOTS`.
pub(super) const S_ID: usize = 0;
pub(super) const S_RECEIVED_AT: usize = 1;
pub(super) const S_KIND: usize = 2;
// 3–7: the other dates, read in one loop (assigned_at, accepted_at, due_at, responded_at,
// resolved_at).
pub(super) const S_ASSIGNED_AT: usize = 3;
pub(super) const S_RESPONDED_AT: usize = 6;
pub(super) const S_RESOLVED_AT: usize = 7;
pub(super) const S_STATUS: usize = 8;
pub(super) const S_CHANNEL: usize = 9;
pub(super) const S_COMPLEXITY: usize = 10;
pub(super) const S_SATISFACTION: usize = 11;
pub(super) const S_CATEGORY: usize = 12;
pub(super) const S_DEPARTMENT: usize = 13;
pub(super) const S_SIGNATORIES: usize = 14;
pub(super) const S_COMPETENCE: usize = 15;
pub(super) const S_OUTCOME: usize = 16;
pub(super) const S_ATTEMPT: usize = 17;
pub(super) const S_MATTER: usize = 18;

/// The fields read from a file: every field of SPEC §3.2 but the personal-data ones.
pub(super) fn read_field(name: &str) -> Option<&'static str> {
    crate::config::FIELD_NAMES
        .iter()
        .copied()
        .find(|f| *f == name && *f != "personal")
}

/// Longest cell text that can be a column name (longer cells are data or junk).
pub(super) const MAX_HEADER_LEN: usize = 200;

pub(super) fn header_score(vocab: &Vocabulary, row: &dyn Row) -> usize {
    (0..row.len())
        .filter(|&i| match row.cell(i) {
            Cell::Text(t) if t.len() <= MAX_HEADER_LEN => vocab.is_known_header(&fold(t)),
            _ => false,
        })
        .count()
}

/// Maps the header's columns to fields. Two columns that both match one field are an error that
/// names both and the config key that chooses (SPEC §3.2): taking one silently would, with a
/// "Mã số" row number beside the "Mã hồ sơ", make real cases duplicates of each other.
pub(super) fn map_columns(
    vocab: &Vocabulary,
    row: &dyn Row,
) -> std::result::Result<ColumnMap, String> {
    let headers: Vec<String> = (0..row.len())
        .map(|i| clean(&row.cell(i).to_text()))
        .collect();
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let mut pos: HashMap<&'static str, usize> = HashMap::new();
    let mut taken = vec![false; headers.len()];
    let mut personal = vec![false; headers.len()];
    // Names from the config win over built-in and canonical names.
    for (pass, list) in [&vocab.config_columns, &vocab.builtin_columns]
        .into_iter()
        .enumerate()
    {
        for (field, names) in list.iter() {
            let Some(field) = read_field(field) else {
                // Personal-data columns: marked, never read.
                for i in 0..folded.len() {
                    if !taken[i] && names.contains(&folded[i]) {
                        personal[i] = true;
                    }
                }
                continue;
            };
            if pos.contains_key(&field) {
                continue;
            }
            let matching: Vec<usize> = (0..folded.len())
                .filter(|&i| !taken[i] && !folded[i].is_empty() && names.contains(&folded[i]))
                .collect();
            match matching.as_slice() {
                [] => {}
                [i] => {
                    pos.insert(field, *i);
                    taken[*i] = true;
                }
                [a, b, ..] if pass == 1 => {
                    return Err(format!(
                        "hai cột '{}' (cột {}) và '{}' (cột {}) cùng khớp với trường '{field}' — hãy chọn một cột trong cấu hình: [columns] {field} = [\"{}\"] (two columns match the field '{field}'; choose one with the config key [columns] {field})",
                        headers[*a],
                        a + 1,
                        headers[*b],
                        b + 1,
                        headers[*a],
                    ));
                }
                // The config's names are in order of preference: the first name found wins.
                _ => {
                    if let Some(i) = names
                        .iter()
                        .find_map(|n| matching.iter().copied().find(|&i| &folded[i] == n))
                    {
                        pos.insert(field, i);
                        taken[i] = true;
                    }
                }
            }
        }
    }
    for i in 0..folded.len() {
        if taken[i] {
            personal[i] = false;
        }
    }
    let width = headers
        .iter()
        .rposition(|h| !h.is_empty())
        .map_or(0, |i| i + 1);
    let at = SLOTS.iter().map(|f| pos.get(f).copied()).collect();
    Ok(ColumnMap {
        pos,
        headers,
        at,
        personal,
        width,
    })
}
