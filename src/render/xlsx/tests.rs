//! Workbook tests on a hand-made context (the integration tests in `tests/xlsx.rs` run the real
//! binary on generated registers). Here: the scorecard sheet, text that looks like a formula,
//! an empty period, and reproducibility.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use polars::prelude::DataFrame;

use super::render;
use crate::calendar::period::{Mode, Period, Span};
use crate::config::Config;
use crate::figures::{CaseRef, Figures, Group, MonthPoint, PeriodFigures};
use crate::normalize::{CaseTable, FileAccount, Issue, Loaded, Vocabulary, Warning};
use crate::render::ReportContext;
use crate::render::agency::Agency;
use crate::scorecard::{CriterionResult, DepartmentScore, Scorecard, ScorecardReport, ValueUnit};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn figures(received: u64, resolved: u64, late: u64) -> Figures {
    Figures {
        carried_over: 2,
        received,
        to_handle: received + 2,
        resolved,
        resolved_on_time: resolved - late,
        resolved_late: late,
        pending: received + 2 - resolved,
        pending_overdue: 1,
        on_time_rate: if resolved > 0 {
            Some((resolved - late) as f64 / resolved as f64)
        } else {
            None
        },
        ..Figures::default()
    }
}

fn loaded(rejects: Vec<Issue>) -> Loaded {
    Loaded {
        cases: CaseTable {
            df: DataFrame::empty(),
        },
        files: vec![FileAccount {
            name: "so-theo-doi.xlsx".into(),
            sha256: "ab".repeat(32),
            rows_read: 12 + rejects.len() as u64,
            accepted: 8,
            rejected: rejects.len() as u64,
            duplicates: 1,
            skipped: 3,
            ..FileAccount::default()
        }],
        duplicates: vec![Issue {
            file: "so-theo-doi.xlsx".into(),
            row: 9,
            field: "id".into(),
            value: "BQL-1".into(),
            code: crate::normalize::Code::Duplicate,
            reason: "Trùng mã với dòng 7".into(),
        }],
        warnings: vec![Warning {
            file: "so-theo-doi.xlsx".into(),
            row: 4,
            field: "channel".into(),
            value: "@zalo".into(),
            reason: "Kênh tiếp nhận không xác định".into(),
            count: 2,
        }],
        rejects,
        vocab: Vocabulary::new(&Config::default()).unwrap(),
        present: Vec::new(),
    }
}

fn criterion(
    id: &str,
    value: Option<f64>,
    points: f64,
    cases: &[&str],
    note: &str,
) -> CriterionResult {
    CriterionResult {
        id: id.into(),
        title: format!("Tiêu chí {id}"),
        value,
        points,
        max_points: 10.0,
        cases: cases.iter().map(|s| s.to_string()).collect(),
        note: note.into(),
        // As the scorecard sets it: yes/no for declarations, rates where the note shows one.
        unit: if note.starts_with("đã khai báo") {
            ValueUnit::YesNo
        } else if note.contains('%') {
            ValueUnit::Rate
        } else {
            ValueUnit::Number
        },
    }
}

fn scorecard() -> ScorecardReport {
    let crit = vec![
        criterion(
            "dung_han",
            Some(0.8),
            5.0,
            &["BQL-7", "BQL-8"],
            "đạt mức ≥ 80%",
        ),
        criterion("cong_khai", Some(1.0), 10.0, &[], "đã khai báo: có"),
        criterion("so_ngay", None, 10.0, &[], "không có vụ việc — đủ điểm"),
    ];
    ScorecardReport {
        table: "Bảng điểm (MẪU)".into(),
        notice: "MẪU — thay bằng bảng điểm chính thức".into(),
        agency: Scorecard {
            points: 25.0,
            max_points: 30.0,
            rating: "Tốt".into(),
            criteria: crit.clone(),
        },
        by_department: vec![DepartmentScore {
            key: "Văn phòng".into(),
            points: 5.0,
            max_points: 10.0,
            rating: "Trung bình".into(),
            criteria: vec![crit[0].clone()],
        }],
    }
}

struct Fixture {
    period: Period,
    previous: Period,
    last_year: Period,
    figures: PeriodFigures,
    prev: Figures,
    ly: Figures,
    monthly: Vec<MonthPoint>,
    late: Vec<CaseRef>,
    loaded: Loaded,
    agency: Agency,
    scorecard: ScorecardReport,
}

fn fixture(rejects: Vec<Issue>, empty: bool) -> Fixture {
    let period = Period::new(
        Span::Month {
            year: 2026,
            month: 5,
        },
        Mode::Cutoff,
    );
    let group = |key: &str, f: Figures| Group {
        key: key.into(),
        label: key.into(),
        figures: f,
    };
    let (figs, late, monthly) = if empty {
        (
            PeriodFigures {
                totals: Figures::default(),
                by_kind: vec![],
                by_channel: vec![],
                by_department: vec![],
                by_category: vec![],
            },
            vec![],
            vec![],
        )
    } else {
        let a = figures(5, 4, 1);
        let b = figures(3, 0, 0);
        let mut t = figures(8, 4, 1);
        t.carried_over = 4;
        t.to_handle = 12;
        t.pending = 8;
        t.pending_overdue = 2;
        (
            PeriodFigures {
                totals: t,
                by_kind: vec![group("Phản ánh", a.clone()), group("Tố cáo", b.clone())],
                by_channel: vec![group("Hotline", a.clone()), group("Facebook", b.clone())],
                by_department: vec![
                    group("Văn phòng", a.clone()),
                    group("=cmd|' /C calc'!A0", b.clone()),
                ],
                by_category: vec![group("Đất đai", a), group("Môi trường", b)],
            },
            vec![
                CaseRef {
                    id: "BQL-7".into(),
                    kind: "to_cao".into(),
                    channel: "hotline".into(),
                    department: "Văn phòng".into(),
                    category: "Đất đai".into(),
                    received: d(2026, 3, 2),
                    deadline: Some(d(2026, 4, 20)),
                    resolved: None,
                    days_overdue: 24,
                    reason: "pending_overdue".into(),
                },
                CaseRef {
                    id: "BQL-8".into(),
                    kind: "phan_anh".into(),
                    channel: "facebook".into(),
                    department: "Văn phòng".into(),
                    category: "Môi trường".into(),
                    received: d(2026, 4, 16),
                    deadline: Some(d(2026, 4, 30)),
                    resolved: Some(d(2026, 5, 4)),
                    days_overdue: 4,
                    reason: "resolved_late".into(),
                },
            ],
            (0..12)
                .map(|i| MonthPoint {
                    label: format!("{}/2026", i + 1),
                    start: d(2026, 1, 1),
                    end: d(2026, 1, 31),
                    received: 10 + i,
                    resolved: 9 + i,
                    on_time_rate: Some(0.9),
                })
                .collect(),
        )
    };
    Fixture {
        previous: period.previous(),
        last_year: period.same_period_last_year(),
        period,
        figures: figs,
        prev: figures(10, 5, 0),
        ly: figures(0, 0, 0),
        monthly,
        late,
        loaded: loaded(rejects),
        agency: Agency::from_config(&Config::default()),
        scorecard: scorecard(),
    }
}

fn ctx<'a>(f: &'a Fixture, with_scorecard: bool) -> ReportContext<'a> {
    ReportContext {
        period: &f.period,
        as_of: d(2026, 5, 20),
        figures: &f.figures,
        previous: (&f.previous, &f.prev),
        last_year: (&f.last_year, &f.ly),
        monthly: &f.monthly,
        late: &f.late,
        loaded: &f.loaded,
        trend: None,
        scorecard: if with_scorecard {
            Some(&f.scorecard)
        } else {
            None
        },
        agency: &f.agency,
        privacy_min_cell: 3,
    }
}

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes)).expect("the workbook opens")
}

fn cells(wb: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str) -> Vec<Vec<Data>> {
    let range = wb.worksheet_range(sheet).expect("sheet exists");
    range.rows().map(|r| r.to_vec()).collect()
}

fn formula_like_rejects() -> Vec<Issue> {
    ["=1+1", "+84900", "-3", "@SUM(A1)"]
        .iter()
        .enumerate()
        .map(|(i, v)| Issue {
            file: "so-theo-doi.xlsx".into(),
            row: 6 + i as u32,
            field: "received_at".into(),
            value: v.to_string(),
            code: crate::normalize::Code::BadDate,
            reason: "Ngày không đọc được".into(),
        })
        .collect()
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let f = fixture(formula_like_rejects(), false);
    let mut wb = open(render(&ctx(&f, true)).unwrap());
    let rows = cells(&mut wb, "Dữ liệu lỗi");
    for v in ["=1+1", "+84900", "-3", "@SUM(A1)", "@zalo"] {
        assert!(
            rows.iter().flatten().any(|c| *c == Data::String(v.into())),
            "{v} is a text cell"
        );
    }
    let dept = cells(&mut wb, "Theo đơn vị");
    assert!(
        dept.iter()
            .flatten()
            .any(|c| *c == Data::String("=cmd|' /C calc'!A0".into()))
    );
    // No formula anywhere.
    for name in wb.sheet_names() {
        let formulas = wb.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, s)| s.is_empty()),
            "{name} has a formula"
        );
    }
}

#[test]
fn scorecard_sheet_lists_criteria_departments_and_lost_cases() {
    let f = fixture(vec![], false);
    let mut wb = open(render(&ctx(&f, true)).unwrap());
    let rows = cells(&mut wb, "Chấm điểm");
    let flat: Vec<&Data> = rows.iter().flatten().collect();
    let has = |s: &str| flat.iter().any(|c| matches!(c, Data::String(x) if x == s));
    assert!(has("Bảng điểm (MẪU)"));
    assert!(has("MẪU — thay bằng bảng điểm chính thức"));
    assert!(has("Tiêu chí dung_han") && has("Tiêu chí cong_khai"));
    assert!(has("BQL-7, BQL-8"), "case numbers in the criterion row");
    assert!(has("Trung bình") && has("Tốt"));
    // Section 4 lists each lost case on its own row (agency and department).
    let n = flat
        .iter()
        .filter(|c| matches!(c, Data::String(x) if x == "BQL-7"))
        .count();
    assert_eq!(n, 2);
    // The agency criterion row: value 0.8, points 5, max 10.
    let row = rows
        .iter()
        .find(|r| r.get(1) == Some(&Data::String("dung_han".into())))
        .expect("criterion row");
    assert_eq!(row[3], Data::Float(0.8));
    assert_eq!(row[4], Data::Float(5.0));
    assert_eq!(row[5], Data::Float(10.0));

    // Without a scorecard: the sheet is there with one note.
    let mut wb = open(render(&ctx(&f, false)).unwrap());
    let rows = cells(&mut wb, "Chấm điểm");
    assert!(
        rows.iter()
            .flatten()
            .any(|c| matches!(c, Data::String(x) if x.starts_with("Chưa có kết quả chấm điểm")))
    );
}

#[test]
fn empty_period_renders_every_sheet() {
    let f = fixture(vec![], true);
    let bytes = render(&ctx(&f, false)).unwrap();
    let mut wb = open(bytes);
    assert_eq!(wb.sheet_names().len(), 9);
    let rows = cells(&mut wb, "Quá hạn");
    assert!(
        rows.iter()
            .flatten()
            .any(|c| matches!(c, Data::String(x) if x.starts_with("Tổng số 0 vụ việc")))
    );
}

#[test]
fn same_context_same_bytes_and_dates_are_dates() {
    let f = fixture(formula_like_rejects(), false);
    let a = render(&ctx(&f, true)).unwrap();
    let b = render(&ctx(&f, true)).unwrap();
    assert!(a == b, "two renders differ");
    let mut wb = open(a);
    let rows = cells(&mut wb, "Quá hạn");
    let row = rows
        .iter()
        .find(|r| r.get(1) == Some(&Data::String("BQL-8".into())))
        .expect("late case row");
    assert!(
        matches!(row[2], Data::DateTime(_)),
        "received is a date: {:?}",
        row[2]
    );
    assert!(matches!(row[8], Data::DateTime(_)));
    assert_eq!(row[9], Data::Float(4.0));
    assert_eq!(row[10], Data::String("Giải quyết quá hạn".into()));
    assert_eq!(row[3], Data::String("Phản ánh".into()));
    assert_eq!(row[4], Data::String("Trang Facebook".into()));
    let pending = rows
        .iter()
        .find(|r| r.get(1) == Some(&Data::String("BQL-7".into())))
        .unwrap();
    assert_eq!(pending[8], Data::Empty, "no resolved date");
    // The only tố cáo case of its department and category: both shown as "Khác" (SPEC §8).
    assert_eq!(pending[3], Data::String("Tố cáo".into()));
    assert_eq!(pending[5], Data::String("Khác".into()));
    assert_eq!(pending[6], Data::String("Khác".into()));
    assert!(
        rows.iter()
            .flatten()
            .any(|c| matches!(c, Data::String(x) if x.starts_with("Để bảo vệ người tố cáo")))
    );
}
