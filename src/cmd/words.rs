//! The wording of `remind` and `explain`: `report-templates/nhac-han.toml`, compiled in and
//! parsed once. This file holds no wording, only its shape.

use std::sync::OnceLock;

use serde::Deserialize;

/// The shipped wording.
pub const SHIPPED: &str = include_str!("../../report-templates/nhac-han.toml");

/// The shipped wording, parsed on first use.
pub fn w() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        toml::from_str(SHIPPED).expect("report-templates/nhac-han.toml parses (checked by tests)")
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub remind: Remind,
    pub explain: Explain,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remind {
    pub summary_sheet: String,
    pub title: String,
    pub span: String,
    pub department_title: String,
    pub summary_heads: Vec<String>,
    pub total: String,
    pub case_heads: Vec<String>,
    pub replied_yes: String,
    pub replied_no: String,
    pub none: String,
    pub note: String,
    pub footer: String,
    pub stderr_line: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Explain {
    pub table: ExplainTable,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExplainTable {
    pub heads: Vec<String>,
    pub title: String,
    pub by: String,
    pub scorecard: String,
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut s = template.to_string();
    for (k, v) in values {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_wording_parses_and_has_every_column() {
        let w: Words = toml::from_str(SHIPPED).unwrap();
        assert_eq!(w.remind.case_heads.len(), 9);
        assert_eq!(w.remind.summary_heads.len(), 6);
        assert_eq!(w.explain.table.heads.len(), 8);
        assert!(w.remind.summary_sheet.chars().count() <= 31);
    }
}
