//! `pakn-report remind` (SPEC §12): as of a day, every open case whose resolution deadline has
//! passed or falls within the next N working days, and every open case whose reply to the sender
//! is owed in that window and not yet sent — by department, most urgent first.
//!
//! "Open", "overdue" and "replied" are the figures' own flags (`queries/figures.sql`, through
//! `figures::flags`) for the period that ends on the as-of day: open = `pending`, overdue =
//! `pending_overdue`, replied = `responded`. The deadlines are the pipeline's deadline columns.
//! Only the working days left are counted here, on the legal calendar.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, Format, Workbook};
use serde_json::{Value, json};

use super::words::{fill, w};
use crate::calendar::WorkCalendar;
use crate::calendar::period::{Mode, Period};
use crate::cli::{RemindArgs, RemindFormat};
use crate::config::Config;
use crate::error::{EXIT_OK, Error, Result};
use crate::figures::flags::{self, CaseFlags};
use crate::log::Log;
use crate::normalize::Vocabulary;
use crate::pipeline;
use crate::render;
use crate::render::agency::Agency;
use crate::render::xlsx::style::{Sheet, Styles, XResult, excel_date, fit_width};
use crate::text::collation_key;

pub const SCHEMA: &str = "pakn-report/remind/v1";

/// One listed case.
#[derive(Debug, Clone)]
pub struct Item {
    pub case: CaseFlags,
    /// Working days left to the resolution deadline (None: the case has no deadline).
    pub days_left: Option<i64>,
    /// Working days left to the reply deadline.
    pub reply_days_left: Option<i64>,
    pub overdue: bool,
    pub replied: bool,
    /// Not replied, and the reply is due within the window (or already late).
    pub reply_owed: bool,
}

impl Item {
    fn due_today(&self, as_of: NaiveDate) -> bool {
        !self.overdue && self.case.deadline == Some(as_of)
    }
    /// Due after the as-of day, within the window.
    fn due_soon(&self, as_of: NaiveDate, within: u32) -> bool {
        !self.overdue
            && self.case.deadline.is_some_and(|d| d > as_of)
            && self.days_left.is_some_and(|n| n <= within as i64)
    }
    /// The sort key: the nearest of the two deadlines that put the case in the list.
    fn urgency(&self) -> i64 {
        let reply = self.reply_days_left.filter(|_| self.reply_owed);
        match (self.days_left, reply) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => i64::MAX,
        }
    }
}

/// The counts of one department (or of all) for Tổng hợp and remind.json.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub overdue: u64,
    pub due_today: u64,
    pub due_soon: u64,
    pub replies: u64,
    pub cases: u64,
}

impl Counts {
    fn of(items: &[&Item], as_of: NaiveDate, within: u32) -> Counts {
        let n = |f: &dyn Fn(&Item) -> bool| items.iter().filter(|i| f(i)).count() as u64;
        Counts {
            overdue: n(&|i| i.overdue),
            due_today: n(&|i| i.due_today(as_of)),
            due_soon: n(&|i| i.due_soon(as_of, within)),
            replies: n(&|i| i.reply_owed),
            cases: items.len() as u64,
        }
    }
}

/// "Working days left" of SPEC §12: the working days d with as_of < d ≤ deadline; for a deadline
/// already passed, minus the working days d with deadline < d ≤ as_of.
pub fn working_days_left(cal: &mut WorkCalendar, as_of: NaiveDate, deadline: NaiveDate) -> i64 {
    if deadline >= as_of {
        cal.working_days_between(as_of, deadline)
    } else {
        -cal.working_days_between(deadline, as_of)
    }
}

/// The listed cases, grouped by department (Vietnamese order), most urgent first.
pub fn reminders(
    cases: &crate::normalize::CaseTable,
    cal: &mut WorkCalendar,
    as_of: NaiveDate,
    within: u32,
) -> Result<Vec<(String, Vec<Item>)>> {
    // The period that ends on the as-of day and starts before any case: its `pending` cases are
    // the cases open at the end of that day, its `responded` ones those replied to by then.
    let period = Period::parse_spec(
        &format!("1900-01-01..{}", as_of.format("%Y-%m-%d")),
        Mode::Calendar,
        as_of,
    )?;
    let mut by_dept: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    for case in flags::case_flags(cases, &period, "'total'")? {
        if case.flag("pending") != Some(true) {
            continue;
        }
        let overdue = case.flag("pending_overdue") == Some(true);
        let replied = case.flag("responded") == Some(true);
        let days_left = case.deadline.map(|d| working_days_left(cal, as_of, d));
        let reply_days_left = case.reply_due.map(|d| working_days_left(cal, as_of, d));
        let reply_owed = !replied && reply_days_left.is_some_and(|n| n <= within as i64);
        let due = overdue || days_left.is_some_and(|n| n <= within as i64);
        if !(due || reply_owed) {
            continue;
        }
        by_dept
            .entry(case.department.clone())
            .or_default()
            .push(Item {
                case,
                days_left,
                reply_days_left,
                overdue,
                replied,
                reply_owed,
            });
    }
    let mut out: Vec<(String, Vec<Item>)> = by_dept.into_iter().collect();
    out.sort_by(|a, b| {
        collation_key(&a.0)
            .cmp(&collation_key(&b.0))
            .then_with(|| a.0.cmp(&b.0))
    });
    for (_, items) in &mut out {
        items.sort_by(|a, b| {
            a.urgency()
                .cmp(&b.urgency())
                .then_with(|| a.case.id.cmp(&b.case.id))
        });
    }
    Ok(out)
}

/// Sheet names Excel accepts: no [ ] : * ? / \, not starting or ending with an apostrophe, at
/// most 31 characters, unique (Excel compares them without letter case), none equal to a
/// reserved one (the summary sheet, "History").
pub fn sheet_names(names: &[String], reserved: &[&str]) -> Vec<String> {
    let mut taken: Vec<String> = reserved.iter().map(|r| r.to_lowercase()).collect();
    taken.push("history".into());
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let cleaned: String = name
            .chars()
            .map(|c| match c {
                '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '-',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect();
        let cleaned = crate::text::clean(cleaned.trim_matches('\''));
        let base = if cleaned.is_empty() {
            "Đơn vị".to_string()
        } else {
            cleaned
        };
        let cut = |s: &str, n: usize| -> String {
            s.chars()
                .take(n)
                .collect::<String>()
                .trim_end_matches([' ', '\''])
                .to_string()
        };
        let mut candidate = cut(&base, 31);
        let mut n = 2;
        while taken.contains(&candidate.to_lowercase()) {
            let suffix = format!(" ({n})");
            candidate = format!("{}{suffix}", cut(&base, 31 - suffix.chars().count()));
            n += 1;
        }
        taken.push(candidate.to_lowercase());
        out.push(candidate);
    }
    out
}

/// A file-name part safe on every system: the name transliterated to ASCII (Vietnamese letters
/// without their marks, đ → d), lower case, words joined by '-', at most 60 characters.
pub fn file_slug(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let mut s = String::with_capacity(name.len());
    for c in name.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => s.push('d'),
            c if c.is_ascii_alphanumeric() => s.push(c.to_ascii_lowercase()),
            _ => {
                if !s.is_empty() && !s.ends_with('-') {
                    s.push('-');
                }
            }
        }
    }
    let mut s: String = s.trim_end_matches('-').chars().take(60).collect();
    while s.ends_with('-') {
        s.pop();
    }
    if s.is_empty() { "don-vi".into() } else { s }
}

/// File names of the per-department workbooks, unique.
pub fn split_names(as_of: NaiveDate, departments: &[String]) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    departments
        .iter()
        .map(|d| {
            let base = format!("nhac-han-{}-{}", as_of.format("%Y-%m-%d"), file_slug(d));
            let mut name = format!("{base}.xlsx");
            let mut n = 2;
            while taken.contains(&name) {
                name = format!("{base}-{n}.xlsx");
                n += 1;
            }
            taken.push(name.clone());
            name
        })
        .collect()
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn label<'a>(codes: &'a [(String, String)], code: &'a str) -> &'a str {
    codes
        .iter()
        .find(|(c, _)| c == code)
        .map(|(_, l)| l.as_str())
        .unwrap_or(code)
}

struct Ctx<'a> {
    as_of: NaiveDate,
    within: u32,
    agency: &'a str,
    vocab: &'a Vocabulary,
}

/// The title block: agency, title, (department), span. Returns the first free row.
fn head(sh: &mut Sheet, st: &Styles, cx: &Ctx, dept: Option<&str>, last_col: u16) -> XResult<u32> {
    let words = &w().remind;
    let left = |f: &Format| f.clone().set_align(rust_xlsxwriter::FormatAlign::Left);
    sh.text(0, 0, cx.agency, &st.agency)?;
    sh.merged(
        (1, 0),
        (1, last_col),
        &words.title,
        &left(&st.subtitle),
        Some((true, 16.0)),
    )?;
    let mut row = 2;
    if let Some(d) = dept {
        sh.merged(
            (row, 0),
            (row, last_col),
            &fill(&words.department_title, &[("department", d)]),
            &left(&st.section),
            None,
        )?;
        row += 1;
    }
    let within = cx.within.to_string();
    sh.merged(
        (row, 0),
        (row, last_col),
        &fill(
            &words.span,
            &[("as_of", &dmy(cx.as_of)), ("within", &within)],
        ),
        &left(&st.span),
        None,
    )?;
    Ok(row + 2)
}

fn print_ready(sh: &mut Sheet, header_row: u32) -> XResult<()> {
    sh.ws.set_paper_size(crate::render::xlsx::style::PAPER_A4);
    sh.ws.set_landscape();
    sh.ws.set_print_fit_to_pages(1, 0);
    sh.ws.set_print_center_horizontally(true);
    sh.ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    sh.ws.set_footer(format!("&C{}", w().remind.footer));
    sh.ws.set_repeat_rows(header_row, header_row)?;
    sh.ws.set_freeze_panes(header_row + 1, 0)?;
    Ok(())
}

/// The Tổng hợp sheet.
fn summary_sheet(
    st: &Styles,
    cx: &Ctx,
    groups: &[(String, Vec<Item>)],
) -> XResult<rust_xlsxwriter::Worksheet> {
    let words = &w().remind;
    let within = cx.within.to_string();
    let heads: Vec<String> = words
        .summary_heads
        .iter()
        .map(|h| fill(h, &[("within", &within)]))
        .collect();
    let mut sh = Sheet::new(&words.summary_sheet)?;
    let name_w = groups
        .iter()
        .map(|(d, _)| fit_width(d, false))
        .fold(fit_width(&words.total, true), f64::max)
        .clamp(20.0, 50.0);
    sh.width(0, name_w)?;
    for c in 1..heads.len() as u16 {
        sh.width(c, 14.0)?;
    }
    let last_col = heads.len() as u16 - 1;
    let hr = head(&mut sh, st, cx, None, last_col)?;
    let refs: Vec<&str> = heads.iter().map(String::as_str).collect();
    sh.header_row(hr, 0, &refs, &st.header)?;
    let mut row = hr + 1;
    let counts_row = |sh: &mut Sheet, row: u32, c: &Counts, f: &Format| -> XResult<()> {
        for (i, v) in [c.overdue, c.due_today, c.due_soon, c.replies, c.cases]
            .iter()
            .enumerate()
        {
            sh.num(row, 1 + i as u16, *v as f64, f)?;
        }
        Ok(())
    };
    let mut all: Vec<&Item> = Vec::new();
    for (dept, items) in groups {
        let refs: Vec<&Item> = items.iter().collect();
        sh.text(row, 0, dept, &st.text)?;
        counts_row(
            &mut sh,
            row,
            &Counts::of(&refs, cx.as_of, cx.within),
            &st.int,
        )?;
        all.extend(refs);
        row += 1;
    }
    sh.text(row, 0, &words.total, &st.text_total)?;
    counts_row(
        &mut sh,
        row,
        &Counts::of(&all, cx.as_of, cx.within),
        &st.int_total,
    )?;
    row += 2;
    let note = if groups.is_empty() {
        format!("{} {}", words.none, words.note)
    } else {
        words.note.clone()
    };
    sh.merged(
        (row, 0),
        (row, last_col),
        &note,
        &st.note,
        Some((false, 13.0)),
    )?;
    print_ready(&mut sh, hr)?;
    sh.finish()
}

/// The sheet of one department.
fn department_sheet(
    st: &Styles,
    cx: &Ctx,
    sheet_name: &str,
    dept: &str,
    items: &[Item],
) -> XResult<rust_xlsxwriter::Worksheet> {
    let words = &w().remind;
    let mut sh = Sheet::new(sheet_name)?;
    let heads: Vec<&str> = words.case_heads.iter().map(String::as_str).collect();
    let col_w = |i: usize, texts: &mut dyn Iterator<Item = String>| -> f64 {
        texts
            .map(|t| fit_width(&t, false))
            .fold(fit_width(heads[i], true).min(16.0), f64::max)
            .clamp(10.0, 40.0)
    };
    let kinds = &cx.vocab.kind.codes;
    let channels = &cx.vocab.channel.codes;
    sh.width(0, col_w(0, &mut items.iter().map(|i| i.case.id.clone())))?;
    sh.width(
        1,
        col_w(
            1,
            &mut items.iter().map(|i| label(kinds, &i.case.kind).to_string()),
        ),
    )?;
    sh.width(
        2,
        col_w(2, &mut items.iter().map(|i| i.case.category.clone())),
    )?;
    sh.width(
        3,
        col_w(
            3,
            &mut items
                .iter()
                .map(|i| label(channels, &i.case.channel).to_string()),
        ),
    )?;
    for c in 4..=8u16 {
        sh.width(c, 13.0)?;
    }
    let last_col = heads.len() as u16 - 1;
    let hr = head(&mut sh, st, cx, Some(dept), last_col)?;
    sh.header_row(hr, 0, &heads, &st.header)?;
    let mut row = hr + 1;
    let overdue_days = st
        .int
        .clone()
        .set_bold()
        .set_font_color(rust_xlsxwriter::Color::RGB(0xC00000));
    for it in items {
        let c = &it.case;
        sh.text(row, 0, &c.id, &st.text)?;
        sh.text(row, 1, label(kinds, &c.kind), &st.text)?;
        sh.text(row, 2, &c.category, &st.text)?;
        sh.text(row, 3, label(channels, &c.channel), &st.text)?;
        sh.date(row, 4, c.received, &st.date)?;
        sh.opt_date(row, 5, c.deadline, &st.date)?;
        let f = if it.overdue { &overdue_days } else { &st.int };
        sh.opt(row, 6, it.days_left.map(|n| n as f64), f)?;
        sh.opt_date(row, 7, c.reply_due, &st.date)?;
        let replied = if it.replied {
            &words.replied_yes
        } else {
            &words.replied_no
        };
        sh.text(row, 8, replied, &st.text_center)?;
        row += 1;
    }
    if !items.is_empty() {
        sh.ws.autofilter(hr, 0, row - 1, last_col)?;
    }
    row += 1;
    sh.merged(
        (row, 0),
        (row, last_col),
        &words.note,
        &st.note,
        Some((false, 13.0)),
    )?;
    print_ready(&mut sh, hr)?;
    sh.finish()
}

fn properties(cx: &Ctx) -> XResult<DocProperties> {
    let created = excel_date(cx.as_of)?.and_hms(0, 0, 0)?;
    Ok(DocProperties::new()
        .set_title(w().remind.title.as_str())
        .set_author(cx.agency)
        .set_company(cx.agency)
        .set_creation_datetime(&created))
}

/// The workbook: Tổng hợp and one sheet per department, or (`only`) one department's sheet.
fn workbook(cx: &Ctx, groups: &[(String, Vec<Item>)], only: Option<usize>) -> Result<Vec<u8>> {
    let build = || -> XResult<Vec<u8>> {
        let st = Styles::new();
        let mut wb = Workbook::new();
        wb.set_properties(&properties(cx)?);
        let names: Vec<String> = groups.iter().map(|(d, _)| d.clone()).collect();
        let sheets = sheet_names(&names, &[&w().remind.summary_sheet]);
        match only {
            None => {
                wb.push_worksheet(summary_sheet(&st, cx, groups)?);
                for ((dept, items), name) in groups.iter().zip(&sheets) {
                    wb.push_worksheet(department_sheet(&st, cx, name, dept, items)?);
                }
            }
            Some(i) => {
                let (dept, items) = &groups[i];
                wb.push_worksheet(department_sheet(&st, cx, &sheets[i], dept, items)?);
            }
        }
        wb.save_to_buffer()
    };
    build().map_err(|e| {
        Error::Runtime(format!(
            "không tạo được bảng tính nhắc hạn (cannot build the reminder workbook): {e}"
        ))
    })
}

fn date_json(d: Option<NaiveDate>) -> Value {
    d.map(|d| json!(d.format("%Y-%m-%d").to_string()))
        .unwrap_or(Value::Null)
}

/// remind.json (schema `pakn-report/remind/v1`).
fn to_json(cx: &Ctx, groups: &[(String, Vec<Item>)]) -> Value {
    let mut cases = Vec::new();
    let mut departments = Vec::new();
    for (dept, items) in groups {
        let refs: Vec<&Item> = items.iter().collect();
        let c = Counts::of(&refs, cx.as_of, cx.within);
        departments.push(json!({
            "department": dept,
            "overdue": c.overdue,
            "due_today": c.due_today,
            "due_within": c.due_soon,
            "replies_owed": c.replies,
            "cases": c.cases,
        }));
        for it in items {
            let k = &it.case;
            cases.push(json!({
                "id": k.id,
                "department": k.department,
                "kind": k.kind,
                "category": k.category,
                "channel": k.channel,
                "received_at": date_json(Some(k.received)),
                "due": date_json(k.deadline),
                "working_days_left": it.days_left,
                "overdue": it.overdue,
                "reply_due": date_json(k.reply_due),
                "reply_working_days_left": it.reply_days_left,
                "replied": it.replied,
                "reply_owed": it.reply_owed,
            }));
        }
    }
    json!({
        "schema": SCHEMA,
        "as_of": cx.as_of.format("%Y-%m-%d").to_string(),
        "within": cx.within,
        "departments": departments,
        "cases": cases,
    })
}

pub fn run(args: &RemindArgs, log: &Log) -> Result<i32> {
    let (cfg, _) = Config::load(args.config.as_deref())?;
    let as_of = match &args.as_of {
        Some(s) => super::parse_date_arg("--as-of", s)?,
        None => chrono::Local::now().date_naive(),
    };
    let mut formats = args.format.clone();
    formats.dedup();
    if args.split && !formats.contains(&RemindFormat::Xlsx) {
        return Err(Error::Usage(
            "--split cần --format có xlsx (--split writes workbooks: add xlsx to --format)".into(),
        ));
    }
    let inputs = super::default_inputs(&args.inputs, log)?;
    log.progress("đọc dữ liệu (reading inputs)");
    let mut prepared = pipeline::prepare(&inputs, &cfg)?;
    for y in prepared.computed_years() {
        log.warn(&format!(
            "năm {y} chưa có lịch nghỉ chính thức trong bảng; ngày nghỉ được tính theo luật và âm lịch (no official holiday table for {y}: computed from the law)"
        ));
    }
    let groups = reminders(
        &prepared.loaded.cases,
        &mut prepared.calendar,
        as_of,
        args.within,
    )?;
    let agency = Agency::from_config(&cfg);
    let cx = Ctx {
        as_of,
        within: args.within,
        agency: &agency.name,
        vocab: &prepared.loaded.vocab,
    };

    // Every file in memory first, then written as one set.
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for f in &formats {
        match f {
            RemindFormat::Xlsx => {
                files.push((
                    format!("nhac-han-{}.xlsx", as_of.format("%Y-%m-%d")),
                    workbook(&cx, &groups, None)?,
                ));
                if args.split {
                    let names: Vec<String> = groups.iter().map(|(d, _)| d.clone()).collect();
                    for (i, name) in split_names(as_of, &names).into_iter().enumerate() {
                        files.push((name, workbook(&cx, &groups, Some(i))?));
                    }
                }
            }
            RemindFormat::Json => {
                files.push((
                    "remind.json".into(),
                    render::json::to_bytes(&to_json(&cx, &groups)),
                ));
            }
        }
    }
    let out_dir: PathBuf = args.out.clone().unwrap_or_else(|| {
        Path::new("reports").join(format!("nhac-han-{}", as_of.format("%Y-%m-%d")))
    });
    render::write_set(&out_dir, &files)?;

    let all: Vec<&Item> = groups.iter().flat_map(|(_, v)| v.iter()).collect();
    let c = Counts::of(&all, as_of, args.within);
    let within = args.within.to_string();
    // The one summary line of SPEC §12, printed even under --quiet.
    eprintln!(
        "{}",
        fill(
            &w().remind.stderr_line,
            &[
                ("overdue", &c.overdue.to_string()),
                ("within", &within),
                ("due", &(c.due_today + c.due_soon).to_string()),
                ("replies", &c.replies.to_string()),
            ],
        )
    );
    log.info(&format!(
        "Đã ghi (written) {}: {}",
        out_dir.display(),
        files
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_for_excel_and_unique() {
        let names = vec![
            "Phòng Quản lý Đầu tư".to_string(),
            "Phòng TN/MT: [cũ]*?".to_string(),
            "Ban Quản lý dự án đầu tư xây dựng các công trình".to_string(),
            "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông".to_string(),
            "tổng hợp".to_string(),
            "'Văn phòng'".to_string(),
            "".to_string(),
        ];
        let s = sheet_names(&names, &["Tổng hợp"]);
        assert_eq!(s[0], "Phòng Quản lý Đầu tư");
        assert_eq!(s[1], "Phòng TN-MT- -cũ---");
        assert_eq!(s[2], "Ban Quản lý dự án đầu tư xây dự");
        assert_eq!(s[3], "Ban Quản lý dự án đầu tư xâ (2)");
        assert_eq!(s[4], "tổng hợp (2)");
        assert_eq!(s[5], "Văn phòng");
        assert_eq!(s[6], "Đơn vị");
        for n in &s {
            assert!(n.chars().count() <= 31, "{n}");
            assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']), "{n}");
        }
    }

    #[test]
    fn write_set_replaces_nothing_when_a_file_cannot_be_staged() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("a.json"), b"old").unwrap();
        let files = vec![
            ("a.json".to_string(), b"new".to_vec()),
            ("missing-folder/b.xlsx".to_string(), b"x".to_vec()),
        ];
        let e = crate::render::write_set(d.path(), &files).unwrap_err();
        assert!(e.to_string().contains("b.xlsx"), "{e}");
        assert_eq!(std::fs::read(d.path().join("a.json")).unwrap(), b"old");
        let left: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, vec!["a.json"], "no temporary file left");
        crate::render::write_set(d.path(), &files[..1]).unwrap();
        assert_eq!(std::fs::read(d.path().join("a.json")).unwrap(), b"new");
    }

    #[test]
    fn file_slugs_are_ascii_and_readable() {
        assert_eq!(file_slug("Phòng Quản lý Đầu tư"), "phong-quan-ly-dau-tu");
        assert_eq!(
            file_slug("Phòng Tài nguyên/Môi trường: [cũ]"),
            "phong-tai-nguyen-moi-truong-cu"
        );
        assert_eq!(file_slug("…"), "don-vi");
        let n = split_names(
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            &["Văn phòng".into(), "VĂN PHÒNG".into()],
        );
        assert_eq!(
            n,
            vec![
                "nhac-han-2026-11-30-van-phong.xlsx",
                "nhac-han-2026-11-30-van-phong-2.xlsx"
            ]
        );
    }
}
