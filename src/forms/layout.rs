//! The form layouts file (`report-templates/bieu-mau-tt01-2024.toml`, or `forms.layouts_file`):
//! reading and checking it. A layout is data: the form's title, the source it follows, and its
//! columns in order, each with its header path (the merged header cells above it, outermost
//! first), its official number, and how its value is found.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::normalize::FORM_FIELDS;
use crate::templates::{self, Kind};
use crate::text::fold;

const SHIPPED: &str = include_str!("../../report-templates/bieu-mau-tt01-2024.toml");
const SHIPPED_NAME: &str = "report-templates/bieu-mau-tt01-2024.toml";
/// What the file is, in messages.
const KIND: Kind = Kind {
    vi: "tệp biểu mẫu",
    en: "form layouts",
};

/// Wording of the workbook (every text the reader sees comes from the file).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workbook {
    /// Output file name; `{slug}` is the period slug.
    pub file: String,
    /// Document title (properties).
    pub title: String,
    /// "Số liệu tính từ ngày {start} đến ngày {end}".
    pub span: String,
    pub unit_header: String,
    pub number_row: String,
    pub note_header: String,
    /// Line under the table saying that shaded columns are not in the register.
    pub shaded_note: String,
    /// The notes sheet.
    pub notes_sheet: String,
    pub notes_title: String,
    pub notes_intro: Vec<String>,
    pub notes_headers: Vec<String>,
    pub checks_title: String,
    pub checks_headers: Vec<String>,
    pub check_holds: String,
    pub check_holds_empty_zero: String,
    pub check_not_checkable: String,
    pub check_violated: String,
    pub missing_field: String,
    pub sources_title: String,
    pub content_title: String,
    pub content_headers: Vec<String>,
    pub content_default: String,
    pub content_blank: String,
    /// "Biểu số {code}".
    pub form_label: String,
    pub circular: String,
    /// "{place}, ngày {day} tháng {month} năm {year}".
    pub place_date: String,
    pub sign_left: String,
    pub sign_right: String,
    pub sign_hint: String,
    pub sign_hint_right: String,
    pub unsupported_why: String,
    /// "Là tổng của cột để trống: {columns}".
    pub part_empty: String,
    pub no_matter: String,
    /// "Cột {column} = {parts}".
    pub check_text: String,
    pub empty_title: String,
    /// Labels of the content groups, by code.
    pub content_labels: BTreeMap<String, String>,
    /// Column names of the optional register fields.
    pub field_names: BTreeMap<String, String>,
}

/// How the value of a column is found.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// Number of cases for which the SQL predicate over the flags is true.
    Count(String),
    /// Number of vụ việc for which the predicate is true, each vụ việc judged by one
    /// representative đơn: its latest (by receipt, then case number) among the đơn for which
    /// `per` is true (the total the column is part of; by default the predicate itself).
    Distinct { pred: String, per: Option<String> },
    /// Sum of other columns (by number).
    Sum(Vec<u32>),
    /// Not in the register: left empty and shaded; the text says which field would fill it.
    Unsupported(String),
}

#[derive(Debug, Clone)]
pub struct Column {
    pub no: u32,
    /// Header cells from the outermost group to the column's own name.
    pub header: Vec<String>,
    pub source: Source,
    /// Optional register fields the column needs (empty when no input file has them).
    pub needs: Vec<String>,
    /// Control sums: this column equals the sum of each list.
    pub equals: Vec<Vec<u32>>,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub code: String,
    pub sheet: String,
    pub title: String,
    pub subtitle: Option<String>,
    /// Which text the layout follows (official annex, vendor template, …).
    pub source: String,
    pub columns: Vec<Column>,
}

impl Form {
    /// Depth of the header (rows of merged header cells).
    pub fn header_depth(&self) -> usize {
        self.columns
            .iter()
            .map(|c| c.header.len())
            .max()
            .unwrap_or(1)
    }
}

/// The content groups the forms split đơn by (lĩnh vực hành chính: chế độ chính sách, đất đai …),
/// and which category names fall in each.
#[derive(Debug, Clone)]
pub struct Content {
    /// Folded category name → group code.
    lookup: BTreeMap<String, String>,
    /// Group codes in file order, with the category names listed for them.
    pub groups: Vec<(String, Vec<String>)>,
    /// Group of a category not listed.
    pub default: String,
    /// Group of a blank category.
    pub blank: String,
}

impl Content {
    pub fn group(&self, category: &str, blank_label: &str) -> &str {
        if category == blank_label {
            return &self.blank;
        }
        self.lookup
            .get(&fold(category))
            .map(String::as_str)
            .unwrap_or(&self.default)
    }
}

/// A parsed and checked layouts file.
#[derive(Debug, Clone)]
pub struct Layouts {
    pub workbook: Workbook,
    pub content: Content,
    pub forms: Vec<Form>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    workbook: Workbook,
    content: RawContent,
    form: Vec<RawForm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContent {
    default: String,
    blank: String,
    groups: Vec<RawGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    code: String,
    categories: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForm {
    code: String,
    sheet: String,
    title: String,
    subtitle: Option<String>,
    source: String,
    column: Vec<RawColumn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColumn {
    no: u32,
    header: Vec<String>,
    count: Option<String>,
    distinct: Option<String>,
    per: Option<String>,
    sum: Option<Vec<u32>>,
    unsupported: Option<String>,
    #[serde(default)]
    needs: Vec<String>,
    #[serde(default)]
    equals: Vec<Vec<u32>>,
}

impl Layouts {
    /// The shipped layouts, or the file named by `forms.layouts_file`.
    pub fn load(cfg: &Config) -> Result<Layouts> {
        let src = templates::Source::read(
            cfg.forms.layouts_file.as_deref(),
            SHIPPED_NAME,
            SHIPPED,
            KIND,
        )?;
        Self::parse(&src.text, &src.name).map_err(Error::Runtime)
    }

    pub fn parse(text: &str, name: &str) -> std::result::Result<Layouts, String> {
        let bad =
            |m: String| format!("tệp biểu mẫu không hợp lệ (invalid form layouts) {name}: {m}");
        let raw: RawFile =
            toml::from_str(text).map_err(|e| bad(crate::config::toml_error_line(text, &e)))?;
        let mut lookup = BTreeMap::new();
        let mut groups = Vec::new();
        for g in &raw.content.groups {
            if !raw.workbook.content_labels.contains_key(&g.code) {
                return Err(bad(format!(
                    "nhóm nội dung '{}' thiếu nhãn trong workbook.content_labels",
                    g.code
                )));
            }
            for c in &g.categories {
                if let Some(prev) = lookup.insert(fold(c), g.code.clone())
                    && prev != g.code
                {
                    return Err(bad(format!(
                        "lĩnh vực '{c}' nằm trong hai nhóm ({prev}, {})",
                        g.code
                    )));
                }
            }
            groups.push((g.code.clone(), g.categories.clone()));
        }
        for code in [&raw.content.default, &raw.content.blank] {
            if !raw.workbook.content_labels.contains_key(code) {
                return Err(bad(format!("nhóm nội dung '{code}' thiếu nhãn")));
            }
        }
        check_workbook(&raw.workbook).map_err(&bad)?;
        let mut forms: Vec<Form> = Vec::new();
        for f in raw.form {
            let f = check_form(f).map_err(&bad)?;
            check_sheet_name(&f.sheet).map_err(|m| bad(format!("biểu {}: {m}", f.code)))?;
            let taken = forms
                .iter()
                .map(|o| o.sheet.as_str())
                .chain([raw.workbook.notes_sheet.as_str()])
                .any(|s| s.to_lowercase() == f.sheet.to_lowercase());
            if taken {
                return Err(bad(format!(
                    "biểu {}: tên trang '{}' đã dùng (sheet name used twice)",
                    f.code, f.sheet
                )));
            }
            if forms.iter().any(|o| o.code == f.code) {
                return Err(bad(format!(
                    "biểu {} khai báo hai lần (form declared twice)",
                    f.code
                )));
            }
            forms.push(f);
        }
        if forms.is_empty() {
            return Err(bad("không có biểu nào ([[form]])".into()));
        }
        Ok(Layouts {
            workbook: raw.workbook,
            content: Content {
                lookup,
                groups,
                default: raw.content.default,
                blank: raw.content.blank,
            },
            forms,
        })
    }
}

/// The names the other outputs of `report` take (the forms workbook must not replace one).
const OTHER_OUTPUTS: &[&str] = &["summary.json", "manifest.json"];

/// The workbook section: the file name is a plain `.xlsx` name with `{slug}` that cannot replace
/// another output, and the header lists have the length the notes sheet needs.
fn check_workbook(w: &Workbook) -> std::result::Result<(), String> {
    let f = &w.file;
    if !f.contains("{slug}")
        || !f.ends_with(".xlsx")
        || f.contains('/')
        || f.contains('\\')
        || f.starts_with('.')
        || f.starts_with("bao-cao-pakn-")
        || OTHER_OUTPUTS.contains(&f.as_str())
    {
        return Err(format!(
            "workbook.file = '{f}': cần một tên tệp .xlsx có {{slug}}, không có thư mục, không trùng tệp kết quả khác (a plain .xlsx file name with {{slug}}, not another output's name)"
        ));
    }
    check_sheet_name(&w.notes_sheet)?;
    for (key, list, n) in [
        ("notes_headers", &w.notes_headers, 5),
        ("checks_headers", &w.checks_headers, 3),
        ("content_headers", &w.content_headers, 2),
    ] {
        if list.len() != n {
            return Err(format!(
                "workbook.{key} cần đúng {n} tiêu đề, có {} (needs exactly {n} headers)",
                list.len()
            ));
        }
    }
    Ok(())
}

/// Excel's rules for a sheet name.
fn check_sheet_name(name: &str) -> std::result::Result<(), String> {
    let n = name.chars().count();
    if n == 0
        || n > 31
        || name.chars().any(|c| "[]:*?/\\".contains(c))
        || name.starts_with('\'')
        || name.ends_with('\'')
    {
        return Err(format!(
            "tên trang '{name}' không hợp lệ: 1–31 ký tự, không có [ ] : * ? / \\ (invalid sheet name)"
        ));
    }
    Ok(())
}

fn check_form(f: RawForm) -> std::result::Result<Form, String> {
    let code = f.code.clone();
    let mut columns: Vec<Column> = Vec::with_capacity(f.column.len());
    for (i, c) in f.column.into_iter().enumerate() {
        let at = format!("biểu {code}, cột {}", c.no);
        if c.no != i as u32 + 1 {
            return Err(format!(
                "{at}: các cột phải đánh số liên tục từ 1 (columns are numbered 1, 2, … in order)"
            ));
        }
        let header: Vec<String> = c.header.iter().map(|h| h.trim().to_string()).collect();
        if header.is_empty() || header.iter().any(|h| h.is_empty()) {
            return Err(format!("{at}: thiếu tiêu đề cột (header)"));
        }
        if c.sum.as_ref().is_some_and(|s| s.is_empty()) || c.equals.iter().any(|e| e.is_empty()) {
            return Err(format!("{at}: sum / equals rỗng (empty list)"));
        }
        let given = [
            c.count.is_some(),
            c.distinct.is_some(),
            c.sum.is_some(),
            c.unsupported.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if given != 1 {
            return Err(format!(
                "{at}: cần đúng một trong count, distinct, sum, unsupported (exactly one source)"
            ));
        }
        for n in &c.needs {
            if !FORM_FIELDS.contains(&n.as_str()) {
                return Err(format!(
                    "{at}: needs '{n}' không phải trường tùy chọn ({})",
                    FORM_FIELDS.join(", ")
                ));
            }
        }
        if c.per.is_some() && c.distinct.is_none() {
            return Err(format!(
                "{at}: per chỉ dùng với distinct (per goes with distinct)"
            ));
        }
        let source = if let Some(p) = c.count {
            Source::Count(p)
        } else if let Some(p) = c.distinct {
            Source::Distinct {
                pred: p,
                per: c.per,
            }
        } else if let Some(s) = c.sum {
            Source::Sum(s)
        } else {
            Source::Unsupported(c.unsupported.unwrap_or_default())
        };
        columns.push(Column {
            no: c.no,
            header,
            source,
            needs: c.needs,
            equals: c.equals,
        });
    }
    let n = columns.len() as u32;
    for c in &columns {
        let refs = match &c.source {
            Source::Sum(s) => s
                .iter()
                .chain(c.equals.iter().flatten())
                .collect::<Vec<_>>(),
            _ => c.equals.iter().flatten().collect(),
        };
        for r in refs {
            if *r == 0 || *r > n || *r == c.no {
                return Err(format!(
                    "biểu {code}, cột {}: tham chiếu cột {r} không hợp lệ (bad column reference)",
                    c.no
                ));
            }
        }
        if let Source::Sum(parts) = &c.source
            && parts.iter().any(|p| *p < c.no)
        {
            // Sums refer forward only, so evaluating from the last column down is enough.
            return Err(format!(
                "biểu {code}, cột {}: cột tổng chỉ cộng các cột đứng sau nó",
                c.no
            ));
        }
    }
    if columns.is_empty() {
        return Err(format!("biểu {code}: không có cột nào"));
    }
    Ok(Form {
        code: f.code,
        sheet: f.sheet,
        title: f.title,
        subtitle: f.subtitle,
        source: f.source,
        columns,
    })
}
