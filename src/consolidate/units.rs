//! The units file of `consolidate --units FILE` (SPEC §11): the consolidating body, the groups,
//! and the reporting units in the order of the consolidated forms.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::text::{clean, fold};

/// The consolidating body, for the headers of its own reports.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub name: String,
    #[serde(default)]
    pub parent: String,
    /// Its own code: a body above it lists it under this code when it consolidates upward.
    pub code: String,
    /// Place name of the date line ("Hải Phòng").
    #[serde(default)]
    pub place: Option<String>,
    /// Name used in sentences ("Thanh tra thành phố"); default: `name`.
    #[serde(default)]
    pub short_name: Option<String>,
    /// Ký hiệu of its báo cáo ("BC-TTr"); default in report-templates/tong-hop.toml.
    #[serde(default)]
    pub number_prefix: Option<String>,
    /// Signature block lines and name; defaults in report-templates/tong-hop.toml.
    #[serde(default)]
    pub signer_authority: Option<String>,
    #[serde(default)]
    pub signer_title: Option<String>,
    #[serde(default)]
    pub signer_name: Option<String>,
    /// "Nơi nhận:" list.
    #[serde(default)]
    pub recipients: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupDef {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitDef {
    /// = `[agency] code` in that unit's pakn-report config.
    pub code: String,
    pub name: String,
    pub group: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabDef {
    /// Canonical category name → the units' names folded into it.
    #[serde(default)]
    category: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    agency: Body,
    #[serde(default)]
    group: Vec<GroupDef>,
    #[serde(default)]
    unit: Vec<UnitDef>,
    #[serde(default)]
    vocab: VocabDef,
}

/// A checked units file.
#[derive(Debug, Clone)]
pub struct UnitsFile {
    pub body: Body,
    pub groups: Vec<GroupDef>,
    /// In file order; the consolidated forms list them group by group in this order.
    pub units: Vec<UnitDef>,
    /// Folded variant → canonical category name.
    category: BTreeMap<String, String>,
    /// The file's text (recorded in the manifest).
    pub text: String,
}

impl UnitsFile {
    pub fn load(path: &Path) -> Result<UnitsFile> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::file(
                path,
                format!("không đọc được tệp danh sách đơn vị (cannot read the units file): {e}"),
            )
        })?;
        Self::parse(&text).map_err(|m| {
            Error::file(
                path,
                format!("tệp danh sách đơn vị không hợp lệ (invalid units file): {m}"),
            )
        })
    }

    pub fn parse(text: &str) -> std::result::Result<UnitsFile, String> {
        let mut raw: Raw =
            toml::from_str(text).map_err(|e| crate::config::toml_error_line(text, &e))?;
        raw.agency.name = clean(&raw.agency.name);
        raw.agency.parent = clean(&raw.agency.parent);
        if raw.agency.code.trim().is_empty() || raw.agency.name.is_empty() {
            return Err("[agency] cần code và name (needs code and name)".into());
        }
        if raw.group.is_empty() {
            return Err("không có nhóm nào ([[group]]) (no group)".into());
        }
        if raw.unit.is_empty() {
            return Err("không có đơn vị nào ([[unit]]) (no unit)".into());
        }
        let mut seen = Vec::new();
        for g in &raw.group {
            if seen.contains(&g.code) {
                return Err(format!(
                    "nhóm '{}' khai báo hai lần (group declared twice)",
                    g.code
                ));
            }
            seen.push(g.code.clone());
        }
        let mut codes = Vec::new();
        for u in &mut raw.unit {
            u.name = clean(&u.name);
            if u.code.trim().is_empty() {
                return Err(format!(
                    "đơn vị '{}' thiếu code (unit without code)",
                    u.name
                ));
            }
            if codes.contains(&u.code) {
                return Err(format!(
                    "đơn vị '{}' khai báo hai lần (unit declared twice)",
                    u.code
                ));
            }
            if !seen.contains(&u.group) {
                return Err(format!(
                    "đơn vị '{}': nhóm '{}' không có trong [[group]] (unknown group)",
                    u.code, u.group
                ));
            }
            codes.push(u.code.clone());
        }
        let mut category = BTreeMap::new();
        for (canon, variants) in &raw.vocab.category {
            category.insert(fold(canon), canon.clone());
            for v in variants {
                category.insert(fold(v), canon.clone());
            }
        }
        Ok(UnitsFile {
            body: raw.agency,
            groups: raw.group,
            units: raw.unit,
            category,
            text: text.to_string(),
        })
    }

    pub fn unit(&self, code: &str) -> Option<&UnitDef> {
        self.units.iter().find(|u| u.code == code)
    }

    /// A unit by its name as a forms workbook writes it in the "Đơn vị" column (letter case,
    /// accents and spacing as written are tolerated), or by its code.
    pub fn unit_by_name(&self, name: &str) -> Option<&UnitDef> {
        let f = fold(name);
        self.units
            .iter()
            .find(|u| fold(&u.name) == f || fold(&u.code) == f)
    }

    /// The category name a unit's category is folded into.
    pub fn category<'a>(&'a self, name: &'a str) -> &'a str {
        self.category
            .get(&fold(name))
            .map(String::as_str)
            .unwrap_or(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
[agency]
name = "THANH TRA THÀNH PHỐ HẢI PHÒNG"
parent = "UBND THÀNH PHỐ HẢI PHÒNG"
code = "tt-hp"
[[group]]
code = "so-nganh"
name = "Sở, ban, ngành"
[[unit]]
code = "bqlkkt"
name = "Ban Quản lý Khu kinh tế Hải Phòng"
group = "so-nganh"
[vocab.category]
"Đất đai" = ["Đất đai, nhà ở", "Dat dai"]
"#;

    #[test]
    fn reads_units_groups_and_category_folding() {
        let u = UnitsFile::parse(FILE).unwrap();
        assert_eq!(u.body.code, "tt-hp");
        assert_eq!(u.units[0].group, "so-nganh");
        assert_eq!(u.category("đất đai, nhà ở"), "Đất đai");
        assert_eq!(u.category("Xây dựng"), "Xây dựng");
        assert!(
            u.unit_by_name("BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG")
                .is_some()
        );
    }

    #[test]
    fn refuses_unknown_group_and_twice_declared_unit() {
        let bad = FILE.replace("group = \"so-nganh\"", "group = \"quan\"");
        assert!(UnitsFile::parse(&bad).unwrap_err().contains("quan"));
        let twice =
            format!("{FILE}\n[[unit]]\ncode = \"bqlkkt\"\nname = \"X\"\ngroup = \"so-nganh\"\n");
        // The [[unit]] after [vocab.category] is still a unit array entry.
        assert!(UnitsFile::parse(&twice).unwrap_err().contains("bqlkkt"));
    }
}
