//! A TT 01/2024 forms workbook made by other software, read through its MS row — the row of
//! column numbers under the header ("MS", "1", "2", "3 = 4+5", …) — whatever its title rows,
//! column widths or merged headers (SPEC §11). Each sheet that has an MS row is matched to a form
//! of the layouts by the form code written above it ("Biểu số 01/XLD") or by its sheet name; its
//! first row of numbers under the MS row is the unit's row, named in the MS column ("Đơn vị").
//! The period is read from the "Số liệu tính từ ngày … đến ngày …" line. Every control sum of
//! the layouts must hold on the values read.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use chrono::NaiveDate;

use crate::calendar::period::Period;
use crate::error::{Error, Result};
use crate::forms::{CheckState, Empty, Layouts, Value, checks};
use crate::input::sha256_file;

use super::data::{FormsValues, Source, SourceKind};
use super::units::UnitsFile;

/// A forms workbook read: the source and the period it states.
pub struct FormsSource {
    pub source: Source,
    pub start: String,
    pub end: String,
}

impl FormsSource {
    pub fn period_ok(&self, p: &Period) -> bool {
        self.start == p.start.format("%Y-%m-%d").to_string()
            && self.end == p.end.format("%Y-%m-%d").to_string()
    }
}

type Grid = Vec<Vec<Data>>;

fn cell(g: &Grid, r: usize, c: usize) -> &Data {
    g.get(r).and_then(|row| row.get(c)).unwrap_or(&Data::Empty)
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        _ => String::new(),
    }
}

/// The column number an MS cell starts with ("6 = 8+9+10" → 6).
fn leading_number(d: &Data) -> Option<u32> {
    match d {
        Data::Float(f) if *f >= 1.0 && f.fract() == 0.0 => Some(*f as u32),
        Data::Int(i) if *i >= 1 => Some(*i as u32),
        Data::String(s) => {
            let digits: String = s.trim().chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok().filter(|n| *n >= 1)
        }
        _ => None,
    }
}

fn number(d: &Data) -> Option<u64> {
    match d {
        Data::Float(f) if *f >= 0.0 => Some(f.round() as u64),
        Data::Int(i) if *i >= 0 => Some(*i as u64),
        Data::String(s) => {
            let t: String = s
                .trim()
                .chars()
                .filter(|c| !matches!(c, '.' | ',' | ' '))
                .collect();
            t.parse().ok()
        }
        _ => None,
    }
}

/// The dates "dd/mm/yyyy" in a text.
fn dates(s: &str) -> Vec<NaiveDate> {
    s.split(|c: char| !(c.is_ascii_digit() || c == '/'))
        .filter_map(|w| NaiveDate::parse_from_str(w, "%d/%m/%Y").ok())
        .collect()
}

/// (row, column of "MS", column number per grid column) of the MS row.
fn ms_row(g: &Grid, label: &str) -> Option<(usize, usize, Vec<(usize, u32)>)> {
    for (r, row) in g.iter().enumerate() {
        for (c, d) in row.iter().enumerate() {
            if !text(d).eq_ignore_ascii_case(label) {
                continue;
            }
            let mut cols = Vec::new();
            for (cc, d) in row.iter().enumerate().skip(c + 1) {
                if let Some(n) = leading_number(d) {
                    cols.push((cc, n));
                }
            }
            if cols.first().map(|x| x.1) == Some(1) {
                return Some((r, c, cols));
            }
        }
    }
    None
}

fn refuse(path: &Path, unit: &str, msg: String) -> Error {
    let who = if unit.is_empty() {
        String::new()
    } else {
        format!("đơn vị '{unit}': ")
    };
    Error::file(path, format!("{who}{msg}"))
}

pub fn read(path: &Path, units: &UnitsFile, layouts: &Layouts) -> Result<FormsSource> {
    let mut wb = open_workbook_auto(path).map_err(|e| {
        Error::file(
            path,
            format!("không mở được bảng tính biểu mẫu (cannot open the forms workbook): {e}"),
        )
    })?;
    let label = &layouts.workbook.number_row;
    let mut forms: FormsValues = Vec::new();
    let mut unit_name: Option<String> = None;
    let mut span: Option<(NaiveDate, NaiveDate)> = None;
    for name in wb.sheet_names() {
        let Ok(range) = wb.worksheet_range(&name) else {
            continue;
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut g: Grid = Vec::new();
        for (r, c, v) in range.used_cells() {
            let (r, c) = (r + r0 as usize, c + c0 as usize);
            if g.len() <= r {
                g.resize(r + 1, Vec::new());
            }
            if g[r].len() <= c {
                g[r].resize(c + 1, Data::Empty);
            }
            g[r][c] = v.clone();
        }
        let Some((ms, ms_col, cols)) = ms_row(&g, label) else {
            continue;
        };
        // The form: its code above the MS row, else the sheet name.
        let above: Vec<String> = g[..ms]
            .iter()
            .flat_map(|row| row.iter().map(text))
            .filter(|t| !t.is_empty())
            .collect();
        let form = layouts
            .forms
            .iter()
            .find(|f| above.iter().any(|t| t.contains(&f.code)))
            .or_else(|| layouts.forms.iter().find(|f| f.sheet == name));
        let Some(form) = form else {
            continue;
        };
        if span.is_none() {
            span = above
                .iter()
                .map(|t| dates(t))
                .find(|d| d.len() >= 2)
                .map(|d| (d[0], d[1]));
        }
        let n = form.columns.len();
        let last = cols.iter().map(|x| x.1).max().unwrap_or(0) as usize;
        if last != n {
            return Err(refuse(
                path,
                "",
                format!(
                    "trang '{name}', biểu {}: hàng {label} có {last} cột, mẫu biểu có {n} cột (the MS row does not match the form)",
                    form.code
                ),
            ));
        }
        // The unit's row: the first row under the MS row with a number in a form column.
        let Some(row) = (ms + 1..g.len())
            .find(|r| cols.iter().any(|(c, _)| number(cell(&g, *r, *c)).is_some()))
        else {
            continue;
        };
        let mut values = vec![None; n];
        for (c, no) in &cols {
            values[*no as usize - 1] = number(cell(&g, row, *c));
        }
        if unit_name.is_none() {
            let t = text(cell(&g, row, ms_col));
            if !t.is_empty() {
                unit_name = Some(t);
            }
        }
        forms.push((form.code.clone(), values));
    }
    let name = unit_name.unwrap_or_default();
    let unit = units
        .unit_by_name(&name)
        .map(|u| u.code.clone())
        .unwrap_or_else(|| name.clone());
    if forms.is_empty() {
        return Err(refuse(
            path,
            &unit,
            format!(
                "không thấy biểu nào có hàng {label} (số thứ tự cột) trong bảng tính (no form with an MS row found)"
            ),
        ));
    }
    // Control sums, on every form read.
    for (code, values) in &forms {
        let Some(form) = layouts.forms.iter().find(|f| &f.code == code) else {
            continue;
        };
        let vals: Vec<Value> = values
            .iter()
            .map(|v| match v {
                Some(n) => Value::Number(*n),
                None => Value::Empty(Empty::Missing(Vec::new())),
            })
            .collect();
        for c in checks(form, &vals) {
            if let CheckState::Violated { left, right } = c.state {
                let parts: Vec<String> = c.parts.iter().map(u32::to_string).collect();
                return Err(refuse(
                    path,
                    &unit,
                    format!(
                        "biểu {code}, cột {} = {}: {left} ≠ {right}; các tổng kiểm tra của biểu không khớp, không tổng hợp (a control sum does not hold)",
                        c.column,
                        parts.join(" + ")
                    ),
                ));
            }
        }
    }
    let Some((start, end)) = span else {
        return Err(refuse(
            path,
            &unit,
            "không thấy dòng \"Số liệu tính từ ngày … đến ngày …\" nên không biết kỳ số liệu (no period line found)".into(),
        ));
    };
    // The forms in the layouts' order; forms not in the workbook stay absent.
    let mut ordered: FormsValues = Vec::new();
    for f in &layouts.forms {
        if let Some(v) = forms.iter().find(|(c, _)| *c == f.code) {
            ordered.push(v.clone());
        }
    }
    let fmt = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    Ok(FormsSource {
        source: Source {
            path: path.to_path_buf(),
            file: path.to_path_buf(),
            sha256: sha256_file(path)?,
            unit,
            kind: SourceKind::FormsWorkbook,
            period_label: format!("{} – {}", start.format("%d/%m/%Y"), end.format("%d/%m/%Y")),
            tool_version: None,
            as_of: None,
            data: None,
            forms: Some(ordered),
            score: None,
        },
        start: fmt(start),
        end: fmt(end),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ms_cells_and_dates() {
        assert_eq!(leading_number(&Data::String("6 = 8+9+10".into())), Some(6));
        assert_eq!(leading_number(&Data::Float(3.0)), Some(3));
        assert_eq!(leading_number(&Data::String("MS".into())), None);
        assert_eq!(number(&Data::String("1.234".into())), Some(1234));
        assert_eq!(
            dates("Số liệu tính từ ngày 15/04/2026 đến ngày 14/05/2026"),
            vec![
                NaiveDate::from_ymd_opt(2026, 4, 15).unwrap(),
                NaiveDate::from_ymd_opt(2026, 5, 14).unwrap()
            ]
        );
    }
}
