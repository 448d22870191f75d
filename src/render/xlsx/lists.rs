//! The list sheets: Chấm điểm (scorecard), Quá hạn (overdue and late cases), Dữ liệu lỗi
//! (rejected rows, duplicates, warnings). None of them holds personal data: the case table has
//! none, and the loader never reads those columns (SPEC §8).

use rust_xlsxwriter::{Format, FormatAlign, Worksheet};

use super::style::{Sheet, Styles, XResult, fit_width};
use super::words::w;
use super::{ReportContext, sheet_head};

use crate::scorecard::{CriterionResult, ValueUnit};

/// The code of tố cáo (SPEC §3.3).

/// Case numbers shown in a criterion's row; the full list is in section 4.
const CASES_IN_ROW: usize = 10;

/// How a criterion's value is shown.
fn value_format<'a>(st: &'a Styles, c: &CriterionResult) -> &'a Format {
    match c.unit {
        ValueUnit::Rate => &st.pct,
        ValueUnit::YesNo => &st.yes_no,
        ValueUnit::Number => &st.number,
    }
}

fn case_list(cases: &[String]) -> String {
    let mut s = cases
        .iter()
        .take(CASES_IN_ROW)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if cases.len() > CASES_IN_ROW {
        s.push(' ');
        s.push_str(&w().more_cases(cases.len() - CASES_IN_ROW));
    }
    s
}

/// One criterion row (sections 1 and 3): columns A..I.
fn criterion_row(
    sh: &mut Sheet,
    st: &Styles,
    r: u32,
    stt: usize,
    scope: &str,
    c: &CriterionResult,
) -> XResult<()> {
    sh.num(r, 0, stt as f64, &st.plain)?;
    sh.text_wrapped(r, 1, scope, &st.text_wrap, false)?;
    sh.text_wrapped(r, 2, &c.title, &st.text_wrap, false)?;
    sh.opt(r, 3, c.value, value_format(st, c))?;
    sh.num(r, 4, c.points, &st.points)?;
    sh.num(r, 5, c.max_points, &st.points)?;
    sh.text_wrapped(r, 6, &c.note, &st.text_wrap, false)?;
    sh.num(r, 7, c.cases.len() as f64, &st.int)?;
    sh.text_wrapped(r, 8, &case_list(&c.cases), &st.text_wrap, false)?;
    Ok(())
}

pub fn scorecard(ctx: &ReportContext, st: &Styles) -> XResult<Worksheet> {
    let mut sh = Sheet::new(w().sheets.scorecard.as_str())?;
    let Some(sc) = ctx.scorecard else {
        sh.width(0, 90.0)?;
        let head = sheet_head(&mut sh, st, ctx, w().titles.scorecard.as_str(), 0)?;
        sh.text(head, 0, w().scorecard.none.as_str(), &st.note)?;
        sh.print_setup(false, None)?;
        return sh.finish();
    };
    let last_col = 8;
    let depts = &sc.by_department;
    let mut all_cases: Vec<(&str, &CriterionResult)> = Vec::new();
    for c in &sc.agency.criteria {
        all_cases.push((w().times.all.as_str(), c));
    }
    for d in depts {
        for c in &d.criteria {
            all_cases.push((d.key.as_str(), c));
        }
    }
    let b_w = sc
        .agency
        .criteria
        .iter()
        .map(|c| fit_width(&c.id, false))
        .chain(depts.iter().map(|d| fit_width(&d.key, false)))
        .chain([
            fit_width(w().scorecard.id.as_str(), true),
            fit_width(w().scorecard.points.as_str(), false),
        ])
        .fold(14.0_f64, f64::max)
        .min(42.0);
    let c_w = all_cases
        .iter()
        .map(|(_, c)| fit_width(&c.title, false))
        .fold(20.0_f64, f64::max)
        .min(55.0);
    let case_w = all_cases
        .iter()
        .flat_map(|(_, c)| c.cases.iter())
        .map(|id| fit_width(id, false))
        .fold(12.0_f64, f64::max)
        .min(30.0);
    for (col, width) in [
        (0, 6.0),
        (1, b_w),
        (2, c_w),
        (3, case_w),
        (4, 9.0),
        (5, 9.0),
        (6, 40.0),
        (7, 11.0),
        (8, 45.0),
    ] {
        sh.width(col, width)?;
    }
    let mut r = sheet_head(&mut sh, st, ctx, w().titles.scorecard.as_str(), last_col)?;
    sh.merged(
        (r, 0),
        (r, last_col),
        &sc.table,
        &st.agency,
        Some((true, 15.0)),
    )?;
    if !sc.notice.is_empty() {
        r += 1;
        sh.merged(
            (r, 0),
            (r, last_col),
            &sc.notice,
            &st.notice,
            Some((true, 15.0)),
        )?;
    }

    // The agency's result.
    r += 2;
    sh.text(r, 0, w().scorecard.agency.as_str(), &st.section)?;
    let left = |f: &Format| f.clone().set_align(FormatAlign::Left);
    let share = |p: f64, m: f64| if m > 0.0 { Some(p / m) } else { None };
    let a = &sc.agency;
    for (label, write) in [
        (w().scorecard.points.as_str(), 0),
        (w().scorecard.max.as_str(), 1),
        (w().scorecard.share.as_str(), 2),
        (w().scorecard.rating.as_str(), 3),
    ] {
        r += 1;
        sh.text(r, 1, label, &st.text)?;
        match write {
            0 => sh.num(r, 2, a.points, &left(&st.points_total))?,
            1 => sh.num(r, 2, a.max_points, &left(&st.points))?,
            2 => sh.opt(r, 2, share(a.points, a.max_points), &left(&st.pct))?,
            _ => sh.text(r, 2, &a.rating, &st.text_total)?,
        }
    }

    // The twelve periods, ranks and changes (SPEC §6).
    if ctx.trend.is_some() {
        r = super::trend::section(&mut sh, st, ctx, r + 2)?;
    }

    // 1. Criteria of the agency (the sheet's autofilter).
    let crit_head = [
        w().scorecard.stt.as_str(),
        w().scorecard.id.as_str(),
        w().scorecard.title.as_str(),
        w().scorecard.value.as_str(),
        w().scorecard.criterion_points.as_str(),
        w().scorecard.max.as_str(),
        w().scorecard.note.as_str(),
        w().scorecard.lost_count.as_str(),
        w().scorecard.lost_ids.as_str(),
    ];
    r += 2;
    sh.text(r, 0, w().scorecard.section_criteria.as_str(), &st.section)?;
    r += 1;
    let crit_row = r;
    sh.header_row(r, 0, &crit_head, &st.header)?;
    for (i, c) in a.criteria.iter().enumerate() {
        r += 1;
        criterion_row(&mut sh, st, r, i + 1, &c.id, c)?;
    }
    sh.ws.autofilter(crit_row, 0, r, last_col)?;
    r += 1;
    sh.merged(
        (r, 0),
        (r, 3),
        w().labels.total.as_str(),
        &st.text_total,
        None,
    )?;
    sh.num(r, 4, a.points, &st.points_total)?;
    sh.num(r, 5, a.max_points, &st.points_total)?;
    sh.text(r, 6, &a.rating, &st.text_total)?;
    // No total of the case counts: one case can lose points on several criteria.
    sh.ws.write_blank(r, 7, &st.text_total)?;
    sh.ws.write_blank(r, 8, &st.text_total)?;

    // 2. Departments.
    r += 2;
    sh.text(
        r,
        0,
        w().scorecard.section_departments.as_str(),
        &st.section,
    )?;
    r += 1;
    let dept_head = [
        w().scorecard.stt.as_str(),
        w().scorecard.department.as_str(),
        w().scorecard.rating.as_str(),
        w().scorecard.share.as_str(),
        w().scorecard.criterion_points.as_str(),
        w().scorecard.max.as_str(),
    ];
    let dept_row = r;
    sh.header_row(r, 0, &dept_head, &st.header)?;
    for (i, d) in depts.iter().enumerate() {
        r += 1;
        sh.num(r, 0, (i + 1) as f64, &st.plain)?;
        sh.text_wrapped(r, 1, &d.key, &st.text_wrap, false)?;
        sh.text(r, 2, &d.rating, &st.text)?;
        sh.opt(r, 3, share(d.points, d.max_points), &st.pct)?;
        sh.num(r, 4, d.points, &st.points)?;
        sh.num(r, 5, d.max_points, &st.points)?;
    }
    if depts.is_empty() {
        r += 1;
        sh.text(r, 1, w().scorecard.none_rows.as_str(), &st.note)?;
    } else {
        sh.filter_table("DiemDonVi", dept_row, 0, r, &dept_head, &st.header)?;
    }

    // 3. Criteria of each department.
    r += 2;
    sh.text(
        r,
        0,
        w().scorecard.section_department_detail.as_str(),
        &st.section,
    )?;
    r += 1;
    let mut detail_head = crit_head;
    detail_head[1] = w().scorecard.department.as_str();
    let detail_row = r;
    sh.header_row(r, 0, &detail_head, &st.header)?;
    let mut stt = 0;
    for d in depts {
        for c in &d.criteria {
            r += 1;
            stt += 1;
            criterion_row(&mut sh, st, r, stt, &d.key, c)?;
        }
    }
    if stt == 0 {
        r += 1;
        sh.text(r, 1, w().scorecard.none_rows.as_str(), &st.note)?;
    } else {
        sh.filter_table(
            "DiemTieuChiDonVi",
            detail_row,
            0,
            r,
            &detail_head,
            &st.header,
        )?;
    }

    // 4. Every case behind lost points.
    r += 2;
    sh.text(r, 0, w().scorecard.section_cases.as_str(), &st.section)?;
    r += 1;
    let cases_head = [
        w().scorecard.stt.as_str(),
        w().scorecard.scope.as_str(),
        w().scorecard.title.as_str(),
        w().scorecard.case.as_str(),
    ];
    let cases_row = r;
    sh.header_row(r, 0, &cases_head, &st.header)?;
    let mut stt = 0;
    for (scope, c) in &all_cases {
        for id in &c.cases {
            r += 1;
            stt += 1;
            sh.num(r, 0, stt as f64, &st.plain)?;
            sh.text(r, 1, scope, &st.text)?;
            sh.text(r, 2, &c.title, &st.text)?;
            sh.text(r, 3, id, &st.text)?;
        }
    }
    if stt == 0 {
        r += 1;
        sh.text(r, 1, w().scorecard.none_rows.as_str(), &st.note)?;
    } else {
        sh.filter_table("VuViecMatDiem", cases_row, 0, r, &cases_head, &st.header)?;
    }

    // Several tables: no header row repeats on every page.
    sh.print_setup(true, None)?;
    sh.finish()
}

/// "Quá hạn": every overdue (pending past its deadline) and late (resolved after it) case.
pub fn late(ctx: &ReportContext, st: &Styles) -> XResult<Worksheet> {
    let mut sh = Sheet::new(w().sheets.late.as_str())?;
    let vocab = &ctx.loaded.vocab;
    let cases = ctx.late;
    let heads = [
        w().late.stt.as_str(),
        w().late.id.as_str(),
        w().late.received.as_str(),
        w().late.kind.as_str(),
        w().late.channel.as_str(),
        w().late.department.as_str(),
        w().late.category.as_str(),
        w().late.deadline.as_str(),
        w().late.resolved.as_str(),
        w().late.days.as_str(),
        w().late.reason.as_str(),
    ];
    let last_col = heads.len() as u16 - 1;
    // SPEC §8: a tố cáo case shows "Khác" for a department or category that has fewer than
    // `privacy.min_cell` tố cáo cases in the list (crate::privacy, as every output does).
    let masks = crate::privacy::mask_list(cases.iter(), ctx.privacy_min_cell);
    let masked = masks.iter().any(|m| m.department || m.category);
    let other = || w().late.other.as_str().to_string();
    let rows: Vec<(String, String)> = cases
        .iter()
        .zip(&masks)
        .map(|(c, m)| {
            (
                if m.department {
                    other()
                } else {
                    c.department.clone()
                },
                if m.category {
                    other()
                } else {
                    c.category.clone()
                },
            )
        })
        .collect();
    let widest = |vals: &mut dyn Iterator<Item = &str>, min: f64, max: f64| {
        vals.map(|s| fit_width(s, false))
            .fold(min, f64::max)
            .min(max)
    };
    let widths = [
        6.0,
        widest(&mut cases.iter().map(|c| c.id.as_str()), 12.0, 30.0),
        12.0,
        widest(
            &mut vocab.kind.codes.iter().map(|(_, l)| l.as_str()),
            11.0,
            20.0,
        ),
        widest(
            &mut vocab.channel.codes.iter().map(|(_, l)| l.as_str()),
            12.0,
            30.0,
        ),
        widest(&mut rows.iter().map(|r| r.0.as_str()), 14.0, 40.0),
        widest(&mut rows.iter().map(|r| r.1.as_str()), 12.0, 30.0),
        12.0,
        12.0,
        10.0,
        fit_width(w().late.pending.as_str(), false).max(14.0),
    ];
    for (i, wd) in widths.iter().enumerate() {
        sh.width(i as u16, *wd)?;
    }
    let head = sheet_head(&mut sh, st, ctx, w().titles.late.as_str(), last_col)?;
    let pending = cases
        .iter()
        .filter(|c| c.reason == "pending_overdue")
        .count();
    sh.merged(
        (head - 1, 0),
        (head - 1, last_col),
        &w().late_summary(pending, cases.len() - pending),
        &st.agency,
        Some((true, 15.0)),
    )?;
    let header_row = head + 1;
    sh.header_row(header_row, 0, &heads, &st.header)?;
    let mut r = header_row;
    for (i, (c, (dept, cat))) in cases.iter().zip(&rows).enumerate() {
        r += 1;
        sh.num(r, 0, (i + 1) as f64, &st.plain)?;
        sh.text(r, 1, &c.id, &st.text)?;
        sh.date(r, 2, c.received, &st.date)?;
        sh.text(r, 3, vocab.kind.label(&c.kind), &st.text)?;
        sh.text(r, 4, vocab.channel.label(&c.channel), &st.text)?;
        sh.text(r, 5, dept, &st.text)?;
        sh.text(r, 6, cat, &st.text)?;
        sh.opt_date(r, 7, c.deadline, &st.date)?;
        // A case still pending at the period end shows no resolution date, even when the
        // register records one after the period.
        let resolved = if c.reason == "pending_overdue" {
            None
        } else {
            c.resolved
        };
        sh.opt_date(r, 8, resolved, &st.date)?;
        sh.num(r, 9, c.days_overdue as f64, &st.int)?;
        let reason = match c.reason.as_str() {
            "pending_overdue" => w().late.pending.as_str(),
            "resolved_late" => w().late.resolved_late.as_str(),
            other => other,
        };
        sh.text(r, 10, reason, &st.text)?;
    }
    sh.ws.autofilter(header_row, 0, r, last_col)?;
    r += 2;
    sh.merged(
        (r, 0),
        (r, last_col),
        w().notes.late.as_str(),
        &st.note,
        Some((false, 13.0)),
    )?;
    if masked {
        r += 1;
        let note = w().late_privacy_note(ctx.privacy_min_cell);
        sh.merged((r, 0), (r, last_col), &note, &st.note, Some((false, 13.0)))?;
    }
    sh.ws.set_freeze_panes(header_row + 1, 2)?;
    sh.print_setup(true, Some((header_row, header_row)))?;
    sh.finish()
}

/// "Dữ liệu lỗi": rejected rows, duplicates and warnings in one filterable list.
pub fn errors(ctx: &ReportContext, st: &Styles) -> XResult<Worksheet> {
    let mut sh = Sheet::new(w().sheets.errors.as_str())?;
    let l = ctx.loaded;
    let heads = [
        w().errors.stt.as_str(),
        w().errors.kind.as_str(),
        w().errors.file.as_str(),
        w().errors.row.as_str(),
        w().errors.field.as_str(),
        w().errors.value.as_str(),
        w().errors.reason.as_str(),
        w().errors.code.as_str(),
        w().errors.count.as_str(),
    ];
    let last_col = heads.len() as u16 - 1;
    // (type, file, row, field, value, reason, code, rows)
    type Item<'a> = (
        &'a str,
        &'a str,
        u32,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        u64,
    );
    let mut items: Vec<Item> = Vec::new();
    for (kind, list) in [
        (w().errors.reject.as_str(), &l.rejects),
        (w().errors.duplicate.as_str(), &l.duplicates),
    ] {
        for i in list {
            items.push((
                kind,
                &i.file,
                i.row,
                &i.field,
                &i.value,
                &i.reason,
                i.code.as_str(),
                1,
            ));
        }
    }
    for x in &l.warnings {
        items.push((
            w().errors.warning.as_str(),
            &x.file,
            x.row,
            &x.field,
            &x.value,
            &x.reason,
            "",
            x.count,
        ));
    }
    let file_w = items
        .iter()
        .map(|i| fit_width(i.1, false))
        .fold(12.0_f64, f64::max)
        .min(40.0);
    let field_w = items
        .iter()
        .map(|i| fit_width(w().field_label(i.3), false))
        .fold(12.0_f64, f64::max)
        .min(24.0);
    let value_w = items
        .iter()
        .map(|i| fit_width(i.4, false))
        .fold(14.0_f64, f64::max)
        .min(36.0);
    let reason_w = items
        .iter()
        .map(|i| fit_width(i.5, false))
        .fold(24.0_f64, f64::max)
        .min(60.0);
    let code_w = items
        .iter()
        .map(|i| fit_width(i.6, false))
        .fold(10.0_f64, f64::max)
        .min(28.0);
    for (i, wd) in [
        6.0, 10.0, file_w, 8.0, field_w, value_w, reason_w, code_w, 9.0,
    ]
    .iter()
    .enumerate()
    {
        sh.width(i as u16, *wd)?;
    }
    let head = sheet_head(&mut sh, st, ctx, w().titles.errors.as_str(), last_col)?;
    sh.merged(
        (head - 1, 0),
        (head - 1, last_col),
        &w().errors_summary(
            l.rejects.len(),
            l.duplicates.len(),
            l.warnings.len(),
            l.warnings.iter().map(|x| x.count).sum(),
        ),
        &st.agency,
        Some((true, 15.0)),
    )?;
    let header_row = head + 1;
    sh.header_row(header_row, 0, &heads, &st.header)?;
    let mut r = header_row;
    for (n, (kind, file, row, field, value, reason, code, count)) in items.iter().enumerate() {
        r += 1;
        sh.num(r, 0, (n + 1) as f64, &st.plain)?;
        sh.text(r, 1, kind, &st.text)?;
        sh.text_wrapped(r, 2, file, &st.text_wrap, false)?;
        sh.num(r, 3, *row as f64, &st.plain)?;
        sh.text(r, 4, w().field_label(field), &st.text)?;
        // Raw values from the register: text, whatever they start with.
        sh.text_wrapped(r, 5, value, &st.text_wrap, false)?;
        sh.text_wrapped(r, 6, reason, &st.text_wrap, false)?;
        if !code.is_empty() {
            sh.text(r, 7, code, &st.text)?;
        }
        sh.num(r, 8, *count as f64, &st.int)?;
    }
    sh.ws.autofilter(header_row, 0, r, last_col)?;
    r += 2;
    sh.merged(
        (r, 0),
        (r, last_col),
        w().notes.errors.as_str(),
        &st.note,
        Some((false, 13.0)),
    )?;
    sh.ws.set_freeze_panes(header_row + 1, 0)?;
    sh.print_setup(true, Some((header_row, header_row)))?;
    sh.finish()
}
