//! Header names and value vocabularies (SPEC §3.2–3.3): the shipped
//! `report-templates/vocabulary.toml`, extended and overridden by the user's config.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::config::Config;
use crate::text::{clean, fold};

const SHIPPED: &str = include_str!("../../report-templates/vocabulary.toml");

#[derive(Debug, Deserialize)]
struct Entry {
    label: String,
    values: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Shipped {
    columns: BTreeMap<String, Vec<String>>,
    ignored: BTreeMap<String, Vec<String>>,
    blank: BTreeMap<String, String>,
    kind: BTreeMap<String, Entry>,
    channel: BTreeMap<String, Entry>,
    status: BTreeMap<String, Entry>,
    complexity: BTreeMap<String, Entry>,
    satisfaction: BTreeMap<String, Entry>,
    signatories: BTreeMap<String, Entry>,
    competence: BTreeMap<String, Entry>,
    outcome: BTreeMap<String, Entry>,
    attempt: BTreeMap<String, Entry>,
    rating: Rating,
}

/// The satisfaction rating scale (`[rating]` of the vocabulary): a number from `satisfied_from`
/// to `max` is satisfied, from `min` below `satisfied_from` not satisfied.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Rating {
    pub min: f64,
    pub max: f64,
    pub satisfied_from: f64,
}

impl Rating {
    /// A number read as a rating: `Ok(Some(satisfied))`, or `Err` when it is off the scale.
    pub fn judge(&self, n: f64) -> Result<Option<bool>, ()> {
        if (self.satisfied_from..=self.max).contains(&n) {
            Ok(Some(true))
        } else if (self.min..self.satisfied_from).contains(&n) {
            Ok(Some(false))
        } else {
            Err(())
        }
    }
}

/// One coded vocabulary (kind, channel, …): folded value → code, and code → label.
#[derive(Debug, Clone, Default)]
pub struct CodeVocab {
    lookup: HashMap<String, String>,
    /// Codes in the shipped order, with their Vietnamese labels.
    pub codes: Vec<(String, String)>,
}

impl CodeVocab {
    fn build(
        shipped: &BTreeMap<String, Entry>,
        order: &[&str],
        extra: &BTreeMap<String, Vec<String>>,
        what: &str,
    ) -> Result<Self, String> {
        let mut v = CodeVocab::default();
        for code in order {
            let e = &shipped[*code];
            v.codes.push((code.to_string(), e.label.clone()));
            v.lookup.insert(fold(code), code.to_string());
            for value in &e.values {
                v.lookup.insert(fold(value), code.to_string());
            }
        }
        for (code, values) in extra {
            if !order.contains(&code.as_str()) {
                return Err(format!(
                    "cấu hình không hợp lệ (invalid config): [vocab.{what}] có mã lạ '{code}'; các mã hợp lệ: {}",
                    order.join(", ")
                ));
            }
            for value in values {
                v.lookup.insert(fold(value), code.clone());
            }
        }
        Ok(v)
    }

    /// The code of a value, if known.
    pub fn code(&self, value: &str) -> Option<&str> {
        self.lookup.get(&fold(value)).map(String::as_str)
    }

    pub fn label<'a>(&'a self, code: &'a str) -> &'a str {
        self.codes
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, l)| l.as_str())
            .unwrap_or(code)
    }
}

/// Maps spelling variants of a free value (department, category) to a canonical name.
#[derive(Debug, Clone, Default)]
pub struct NameMap {
    lookup: HashMap<String, String>,
}

impl NameMap {
    fn build(extra: &BTreeMap<String, Vec<String>>) -> Self {
        let mut lookup = HashMap::new();
        for (canonical, variants) in extra {
            let canonical = clean(canonical);
            lookup.insert(fold(&canonical), canonical.clone());
            for v in variants {
                lookup.insert(fold(v), canonical.clone());
            }
        }
        NameMap { lookup }
    }

    /// The canonical name of a cleaned value: the mapped name, or the value itself.
    pub fn map(&self, cleaned: String) -> String {
        if self.lookup.is_empty() {
            return cleaned;
        }
        match self.lookup.get(&fold(&cleaned)) {
            Some(c) => c.clone(),
            None => cleaned,
        }
    }
}

pub const KIND_CODES: &[&str] = &["phan_anh", "kien_nghi", "khieu_nai", "to_cao"];
pub const CHANNEL_CODES: &[&str] = &[
    "hotline",
    "facebook",
    "in_person",
    "letter",
    "email",
    "portal",
    "transferred",
    "other",
];
pub const STATUS_CODES: &[&str] = &[
    "open",
    "resolved",
    "transferred_out",
    "guided",
    "withdrawn",
    "archived",
];
pub const COMPLEXITY_CODES: &[&str] = &["none", "complex", "very_complex"];
pub const SATISFACTION_CODES: &[&str] = &["satisfied", "not_satisfied"];
pub const SIGNATORIES_CODES: &[&str] = &["many", "one", "other"];
pub const COMPETENCE_CODES: &[&str] = &["within", "outside"];
pub const OUTCOME_CODES: &[&str] = &["right", "wrong", "partly", "upheld", "overturned"];
pub const ATTEMPT_CODES: &[&str] = &["first", "second", "more"];

/// Everything the normalise stage needs to read names and values.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    /// Header names from the config, per field (folded). They win over built-in names.
    pub config_columns: Vec<(String, Vec<String>)>,
    /// Built-in and canonical header names, per field (folded).
    pub builtin_columns: Vec<(String, Vec<String>)>,
    /// Known headers that are not read (folded).
    pub ignored_columns: Vec<String>,
    pub blank_category: String,
    pub blank_department: String,
    pub kind: CodeVocab,
    pub channel: CodeVocab,
    pub status: CodeVocab,
    pub complexity: CodeVocab,
    pub satisfaction: CodeVocab,
    pub signatories: CodeVocab,
    pub competence: CodeVocab,
    pub outcome: CodeVocab,
    pub attempt: CodeVocab,
    pub department: NameMap,
    pub category: NameMap,
    pub default_kind: Option<String>,
    pub rating: Rating,
}

impl Vocabulary {
    pub fn new(cfg: &Config) -> Result<Self, String> {
        let shipped: Shipped = toml::from_str(SHIPPED)
            .map_err(|e| format!("vocabulary.toml: {e}"))
            .expect("the shipped vocabulary parses (checked by tests)");
        let mut builtin_columns = Vec::new();
        for (field, names) in &shipped.columns {
            let mut folded: Vec<String> = names.iter().map(|n| fold(n)).collect();
            if field != "personal" {
                folded.push(fold(field));
            }
            builtin_columns.push((field.clone(), folded));
        }
        let config_columns = cfg
            .columns
            .iter()
            .map(|(f, names)| (f.clone(), names.iter().map(|n| fold(n)).collect()))
            .collect();
        let vocab = &cfg.vocab;
        let kind = CodeVocab::build(&shipped.kind, KIND_CODES, &vocab.kind, "kind")?;
        let default_kind = match &cfg.defaults.kind {
            None => None,
            Some(k) => Some(
                kind.code(k)
                    .ok_or_else(|| {
                        format!(
                            "cấu hình không hợp lệ (invalid config): defaults.kind = '{k}' không phải loại đã biết ({})",
                            KIND_CODES.join(", ")
                        )
                    })?
                    .to_string(),
            ),
        };
        Ok(Vocabulary {
            config_columns,
            builtin_columns,
            ignored_columns: shipped
                .ignored
                .get("names")
                .map(|v| v.iter().map(|n| fold(n)).collect())
                .unwrap_or_default(),
            blank_category: shipped.blank["category"].clone(),
            blank_department: shipped.blank["department"].clone(),
            kind,
            channel: CodeVocab::build(&shipped.channel, CHANNEL_CODES, &vocab.channel, "channel")?,
            status: CodeVocab::build(&shipped.status, STATUS_CODES, &vocab.status, "status")?,
            complexity: CodeVocab::build(
                &shipped.complexity,
                COMPLEXITY_CODES,
                &vocab.complexity,
                "complexity",
            )?,
            satisfaction: CodeVocab::build(
                &shipped.satisfaction,
                SATISFACTION_CODES,
                &vocab.satisfaction,
                "satisfaction",
            )?,
            signatories: CodeVocab::build(
                &shipped.signatories,
                SIGNATORIES_CODES,
                &vocab.signatories,
                "signatories",
            )?,
            competence: CodeVocab::build(
                &shipped.competence,
                COMPETENCE_CODES,
                &vocab.competence,
                "competence",
            )?,
            outcome: CodeVocab::build(&shipped.outcome, OUTCOME_CODES, &vocab.outcome, "outcome")?,
            attempt: CodeVocab::build(&shipped.attempt, ATTEMPT_CODES, &vocab.attempt, "attempt")?,
            department: NameMap::build(&vocab.department),
            category: NameMap::build(&vocab.category),
            default_kind,
            rating: shipped.rating,
        })
    }

    /// True when a folded header is any known column name.
    pub fn is_known_header(&self, folded: &str) -> bool {
        if folded.is_empty() {
            return false;
        }
        self.config_columns
            .iter()
            .chain(self.builtin_columns.iter())
            .any(|(_, names)| names.iter().any(|n| n == folded))
            || self.ignored_columns.iter().any(|n| n == folded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_vocabulary_reads_spec_values() {
        let v = Vocabulary::new(&Config::default()).unwrap();
        assert_eq!(v.kind.code("PAKN"), Some("phan_anh"));
        assert_eq!(v.kind.code("Phản ánh, kiến nghị"), Some("phan_anh"));
        assert_eq!(v.kind.code("kn"), Some("kien_nghi"));
        assert_eq!(v.kind.code("ĐƠN TỐ CÁO"), Some("to_cao"));
        assert_eq!(v.channel.code("Cổng TTĐT"), Some("portal"));
        assert_eq!(v.channel.code("ddn"), Some("hotline"));
        assert_eq!(v.channel.code("Zalo"), None);
        assert_eq!(v.status.code("Đã chuyển đơn"), Some("transferred_out"));
        assert_eq!(v.complexity.code("Đặc biệt phức tạp"), Some("very_complex"));
        assert_eq!(
            v.satisfaction.code("Rất không hài lòng"),
            Some("not_satisfied")
        );
    }

    #[test]
    fn config_overrides_builtin_synonym_and_rejects_unknown_code() {
        let cfg = Config::parse("[vocab.kind]\nkhieu_nai = [\"KN\"]\n").unwrap();
        let v = Vocabulary::new(&cfg).unwrap();
        assert_eq!(v.kind.code("KN"), Some("khieu_nai"));
        let cfg = Config::parse("[vocab.channel]\nzalo = [\"Zalo\"]\n").unwrap();
        let err = Vocabulary::new(&cfg).unwrap_err();
        assert!(err.contains("zalo"), "{err}");
    }

    #[test]
    fn department_synonyms_map_to_canonical() {
        let cfg = Config::parse("[vocab.department]\n\"Phòng Quản lý Đầu tư\" = [\"P. QLĐT\"]\n")
            .unwrap();
        let v = Vocabulary::new(&cfg).unwrap();
        assert_eq!(v.department.map("P. QLĐT".into()), "Phòng Quản lý Đầu tư");
        assert_eq!(v.department.map("p qldt".into()), "Phòng Quản lý Đầu tư");
        assert_eq!(v.department.map("Văn phòng".into()), "Văn phòng");
    }
}
