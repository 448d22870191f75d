//! Scorecard tests: the criteria file checks, the bands at their edges, undefined figures,
//! manual values, and the cases listed behind lost points. Figures are built by hand.

use super::*;
use crate::figures::{Assigned, Group, Satisfaction};

// ---------------------------------------------------------------------------------------------
// Helpers.

fn shipped() -> Criteria {
    Criteria::parse(SHIPPED, SHIPPED_NAME).expect("shipped criteria parse")
}

fn figures(f: impl FnOnce(&mut Figures)) -> Figures {
    let mut x = Figures::default();
    f(&mut x);
    x
}

fn period(totals: Figures, departments: Vec<(&str, Figures)>) -> PeriodFigures {
    PeriodFigures {
        totals,
        by_kind: Vec::new(),
        by_channel: Vec::new(),
        by_department: departments
            .into_iter()
            .map(|(k, f)| Group {
                key: k.to_string(),
                label: k.to_string(),
                figures: f,
            })
            .collect(),
        by_category: Vec::new(),
    }
}

fn case(id: &str, department: &str, reason: &str) -> CaseRef {
    let d = chrono::NaiveDate::from_ymd_opt(2026, 4, 20).unwrap();
    CaseRef {
        id: id.into(),
        kind: "phan_anh".into(),
        channel: "hotline".into(),
        department: department.into(),
        category: "Đầu tư".into(),
        received: d,
        deadline: Some(d),
        resolved: None,
        days_overdue: 3,
        reason: reason.into(),
    }
}

/// Resolution figures: `on_time` of `resolved` on time.
fn resolved(on_time: u64, resolved: u64) -> Figures {
    figures(|f| {
        f.to_handle = resolved;
        f.resolved = resolved;
        f.resolved_on_time = on_time;
        f.resolved_late = resolved - on_time;
        f.on_time_rate = if resolved == 0 {
            None
        } else {
            Some(on_time as f64 / resolved as f64)
        };
    })
}

fn no_manual() -> BTreeMap<String, toml::Value> {
    BTreeMap::new()
}

fn manual(pairs: &[(&str, toml::Value)]) -> BTreeMap<String, toml::Value> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn agency(criteria: &Criteria, totals: Figures) -> Scorecard {
    evaluate(criteria, &period(totals, vec![]), &[], &no_manual())
        .unwrap()
        .agency
}

fn result<'a>(s: &'a [CriterionResult], id: &str) -> &'a CriterionResult {
    s.iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no criterion {id}"))
}

/// Points of one shipped criterion for the agency.
fn points_of(id: &str, totals: Figures) -> f64 {
    result(&agency(&shipped(), totals).criteria, id).points
}

const RATINGS: &str = "
[[rating]]
at = 90
label = \"Xuất sắc\"
[[rating]]
at = 0
label = \"Yếu\"
";

/// A file of the given criteria text followed by two rating bands.
fn file(criteria: &str) -> String {
    format!("{criteria}\n{RATINGS}")
}

fn parse_err(text: &str) -> String {
    match Criteria::parse(text, "test.toml") {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e,
    }
}

fn assert_mentions(msg: &str, parts: &[&str]) {
    for p in parts {
        assert!(msg.contains(p), "message {msg:?} should contain {p:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// The shipped file.

#[test]
fn shipped_file_parses_and_totals_100() {
    let c = shipped();
    assert_eq!(c.max_points(), 100.0);
    assert_eq!(c.total_points, Some(100.0));
    assert!(c.notice.contains("MẪU"));
    assert!(c.notice.contains("QĐ 1413/QĐ-UBND"));
    let ids: Vec<&str> = c.criteria.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "cong_khai_duong_day_nong",
            "cong_khai_facebook",
            "giao_xu_ly_kip_thoi",
            "khong_qua_han",
            "tra_loi_nguoi_gui",
            "giai_quyet_dung_han",
            "muc_do_hai_long"
        ]
    );
    // Departments are scored on everything but the two manual criteria.
    let dept: f64 = c
        .criteria
        .iter()
        .filter(|c| c.applies_to_departments)
        .map(|c| c.max_points)
        .sum();
    assert_eq!(dept, 90.0);
    let labels: Vec<&str> = c.ratings.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"]);
    // load() without a criteria_file gives the shipped file.
    let loaded = Criteria::load(&crate::config::Config::default()).unwrap();
    assert_eq!(loaded, c);
}

#[test]
fn load_reads_criteria_file_and_reports_its_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bang-diem.toml");
    std::fs::write(
        &path,
        SHIPPED.replace("figure = \"on_time_rate\"", "figure = \"on_time\""),
    )
    .unwrap();
    let mut cfg = crate::config::Config::default();
    cfg.scorecard.criteria_file = Some(path.clone());
    let e = Criteria::load(&cfg).unwrap_err().to_string();
    assert_mentions(
        &e,
        &["bang-diem.toml", "'on_time'", "giai_quyet_dung_han", "dòng"],
    );
    cfg.scorecard.criteria_file = Some(dir.path().join("missing.toml"));
    let e = Criteria::load(&cfg).unwrap_err().to_string();
    assert_mentions(&e, &["missing.toml", "không đọc được"]);
}

// ---------------------------------------------------------------------------------------------
// Band edges.

#[test]
fn at_least_bands_on_and_just_below_each_threshold() {
    let id = "giai_quyet_dung_han"; // ≥1.0 → 25, ≥0.95 → 20, ≥0.90 → 15, ≥0.80 → 10, ≥0.70 → 5
    assert_eq!(points_of(id, resolved(20, 20)), 25.0);
    assert_eq!(points_of(id, resolved(199, 200)), 20.0); // 0.995, just below 1.0
    assert_eq!(points_of(id, resolved(19, 20)), 20.0); // exactly 0.95
    assert_eq!(points_of(id, resolved(94, 99)), 15.0); // 0.9495 < 0.95
    assert_eq!(points_of(id, resolved(9, 10)), 15.0); // exactly 0.90
    assert_eq!(points_of(id, resolved(899, 1000)), 10.0); // 0.899
    assert_eq!(points_of(id, resolved(4, 5)), 10.0); // exactly 0.80
    assert_eq!(points_of(id, resolved(799, 1000)), 5.0);
    assert_eq!(points_of(id, resolved(7, 10)), 5.0); // exactly 0.70
    assert_eq!(points_of(id, resolved(699, 1000)), 0.0);
    assert_eq!(points_of(id, resolved(0, 10)), 0.0);

    let s = agency(&shipped(), resolved(19, 20));
    let r = result(&s.criteria, id);
    assert_eq!(r.value, Some(0.95));
    assert_eq!(r.note, "đạt mức ≥ 95%");
    let s = agency(&shipped(), resolved(6, 10));
    assert_eq!(
        result(&s.criteria, id).note,
        "chưa đạt mức thấp nhất (≥ 70%)"
    );
}

#[test]
fn at_most_bands_on_and_just_above_each_threshold() {
    // khong_qua_han: pending_overdue / to_handle ≤ 0 → 15, ≤ 0.05 → 12, ≤ 0.10 → 9, ≤ 0.20 → 6, ≤ 0.30 → 3.
    let overdue = |n: u64, of: u64| {
        figures(|f| {
            f.to_handle = of;
            f.pending = n;
            f.pending_overdue = n;
        })
    };
    let id = "khong_qua_han";
    assert_eq!(points_of(id, overdue(0, 20)), 15.0);
    assert_eq!(points_of(id, overdue(1, 1000)), 12.0); // 0.001, just above 0
    assert_eq!(points_of(id, overdue(1, 20)), 12.0); // exactly 0.05
    assert_eq!(points_of(id, overdue(2, 39)), 9.0); // 0.0513
    assert_eq!(points_of(id, overdue(2, 20)), 9.0); // exactly 0.10
    assert_eq!(points_of(id, overdue(101, 1000)), 6.0); // 0.101
    assert_eq!(points_of(id, overdue(4, 20)), 6.0); // exactly 0.20
    assert_eq!(points_of(id, overdue(41, 200)), 3.0); // 0.205
    assert_eq!(points_of(id, overdue(6, 20)), 3.0); // exactly 0.30
    assert_eq!(points_of(id, overdue(31, 100)), 0.0); // 0.31
    assert_eq!(points_of(id, overdue(20, 20)), 0.0);
    let s = agency(&shipped(), overdue(1, 20));
    assert_eq!(result(&s.criteria, id).note, "đạt mức ≤ 5%");
}

#[test]
fn at_most_bands_on_a_plain_figure() {
    let c = Criteria::parse(
        &file(
            r#"
[[criterion]]
id = "thoi_gian"
title = "Thời gian giải quyết trung bình"
max_points = 10
figure = "resolution_working_days.mean"
compare = "<="
bands = [{ at = 5, points = 10 }, { at = 7.5, points = 5 }]
when_undefined = 4
"#,
        ),
        "t.toml",
    )
    .unwrap();
    let mean = |m: Option<f64>| {
        figures(|f| {
            f.resolution_working_days.mean = m;
        })
    };
    let p = |m| agency(&c, mean(m)).criteria[0].clone();
    assert_eq!(p(Some(5.0)).points, 10.0);
    assert_eq!(p(Some(5.001)).points, 5.0);
    assert_eq!(p(Some(7.5)).points, 5.0);
    assert_eq!(p(Some(7.6)).points, 0.0);
    assert_eq!(p(Some(7.5)).note, "đạt mức ≤ 7,5");
    // Undefined → the declared number of points.
    let u = p(None);
    assert_eq!(u.points, 4.0);
    assert_eq!(u.value, None);
    assert_eq!(u.note, "không có vụ việc được giải quyết trong kỳ — 4 điểm");
}

#[test]
fn rating_bands_on_and_below_each_threshold() {
    let c = shipped();
    assert_eq!(c.rating(90.0, 100.0), "Xuất sắc");
    assert_eq!(c.rating(89.999, 100.0), "Tốt");
    assert_eq!(c.rating(80.0, 100.0), "Tốt");
    assert_eq!(c.rating(79.5, 100.0), "Khá");
    assert_eq!(c.rating(65.0, 100.0), "Khá");
    assert_eq!(c.rating(64.0, 100.0), "Trung bình");
    assert_eq!(c.rating(50.0, 100.0), "Trung bình");
    assert_eq!(c.rating(49.0, 100.0), "Yếu");
    assert_eq!(c.rating(0.0, 100.0), "Yếu");
    // Percent basis: 81 of a department's 90 is 90 %.
    assert_eq!(c.rating(81.0, 90.0), "Xuất sắc");
    assert_eq!(c.rating(80.0, 90.0), "Tốt");
    assert_eq!(c.rating(0.0, 0.0), "Không xếp loại");
    // Points basis.
    let p = Criteria::parse(
        &SHIPPED.replace("rating_basis = \"percent\"", "rating_basis = \"points\""),
        "p",
    )
    .unwrap();
    assert_eq!(p.rating(81.0, 90.0), "Tốt");
}

// ---------------------------------------------------------------------------------------------
// Undefined figures, departments without cases, ratios with a zero denominator.

#[test]
fn no_case_in_the_period_gives_full_points_where_declared() {
    let s = agency(&shipped(), Figures::default());
    for r in &s.criteria {
        match r.id.as_str() {
            // Manual criteria not declared: when_undefined = "zero".
            "cong_khai_duong_day_nong" | "cong_khai_facebook" => {
                assert_eq!(r.points, 0.0);
                assert!(r.note.contains("chưa khai báo"), "{}", r.note);
                assert!(r.note.ends_with("— 0 điểm"), "{}", r.note);
            }
            _ => {
                assert_eq!(r.points, r.max_points, "{}", r.id);
                assert!(r.note.ends_with("— đủ điểm"), "{}", r.note);
            }
        }
        assert_eq!(r.value, None, "{}", r.id);
        assert!(r.cases.is_empty());
    }
    assert_eq!(s.points, 90.0);
    assert_eq!(s.max_points, 100.0);
    assert_eq!(s.rating, "Xuất sắc");
    let r = result(&s.criteria, "giai_quyet_dung_han");
    assert_eq!(
        r.note,
        "không có vụ việc được giải quyết trong kỳ — đủ điểm"
    );
    let r = result(&s.criteria, "muc_do_hai_long");
    assert_eq!(
        r.note,
        "không có vụ việc được đánh giá mức độ hài lòng — đủ điểm"
    );
    let r = result(&s.criteria, "giao_xu_ly_kip_thoi");
    assert_eq!(r.note, "không có vụ việc có ngày giao xử lý — đủ điểm");
}

#[test]
fn when_undefined_zero_gives_no_points() {
    let text = SHIPPED.replace(
        "figure = \"on_time_rate\"\ncompare = \">=\"\nbands = [\n  { at = 1.0,  points = 25 },\n  { at = 0.95, points = 20 },\n  { at = 0.90, points = 15 },\n  { at = 0.80, points = 10 },\n  { at = 0.70, points = 5 },\n]\nwhen_undefined = \"full\"",
        "figure = \"on_time_rate\"\ncompare = \">=\"\nbands = [{ at = 1.0, points = 25 }]\nwhen_undefined = \"zero\"",
    );
    assert_ne!(text, SHIPPED);
    let c = Criteria::parse(&text, "z").unwrap();
    let r = result(
        &agency(&c, Figures::default()).criteria,
        "giai_quyet_dung_han",
    )
    .clone();
    assert_eq!(r.points, 0.0);
    assert_eq!(r.note, "không có vụ việc được giải quyết trong kỳ — 0 điểm");
    assert!(r.cases.is_empty());
}

#[test]
fn a_department_with_no_cases_gets_full_points_on_every_department_criterion() {
    let totals = resolved(9, 10);
    let p = period(
        totals.clone(),
        vec![("Phòng X", totals), ("Phòng Y", Figures::default())],
    );
    let late = vec![case("A1", "Phòng X", "resolved_late")];
    let r = evaluate(&shipped(), &p, &late, &no_manual()).unwrap();
    assert_eq!(r.by_department.len(), 2);
    let y = &r.by_department[1];
    assert_eq!(y.key, "Phòng Y");
    assert_eq!(y.max_points, 90.0);
    assert_eq!(y.points, 90.0);
    assert_eq!(y.rating, "Xuất sắc");
    assert_eq!(y.criteria.len(), 5);
    assert!(
        y.criteria
            .iter()
            .all(|c| c.cases.is_empty() && c.value.is_none())
    );
    // Manual criteria are never scored per department.
    assert!(y.criteria.iter().all(|c| !c.id.starts_with("cong_khai")));
    let x = &r.by_department[0];
    assert_eq!(result(&x.criteria, "giai_quyet_dung_han").points, 15.0);
    assert_eq!(x.points, 80.0);
    assert_eq!(r.departments_worst_first()[0].key, "Phòng X");
}

#[test]
fn ratio_with_zero_denominator_is_undefined() {
    // tra_loi_nguoi_gui = response_on_time / received.
    let f = figures(|f| {
        f.carried_over = 4;
        f.to_handle = 4;
        f.received = 0;
    });
    let r = result(&agency(&shipped(), f).criteria, "tra_loi_nguoi_gui").clone();
    assert_eq!(r.value, None);
    assert_eq!(r.points, 15.0);
    assert_eq!(r.note, "không có vụ việc (received = 0) — đủ điểm");
    // A defined ratio.
    let f = figures(|f| {
        f.received = 20;
        f.response_on_time = 19;
    });
    let r = result(&agency(&shipped(), f).criteria, "tra_loi_nguoi_gui").clone();
    assert_eq!(r.value, Some(0.95));
    assert_eq!(r.points, 12.0);
    // A ratio whose numerator is an undefined statistic.
    let c = Criteria::parse(
        &file(
            r#"
[[criterion]]
id = "r"
title = "Tỷ lệ"
max_points = 2
ratio = ["response_days.mean", "resolution_days.mean"]
compare = "<="
bands = [{ at = 0.5, points = 2 }]
when_undefined = "zero"
"#,
        ),
        "r",
    )
    .unwrap();
    let f = figures(|f| f.resolution_days.mean = Some(4.0));
    let r = agency(&c, f).criteria[0].clone();
    assert_eq!((r.value, r.points), (None, 0.0));
    assert_eq!(r.note, "không có vụ việc được trả lời trong kỳ — 0 điểm");
    let f = figures(|f| f.resolution_days.mean = Some(0.0));
    let r = agency(&c, f).criteria[0].clone();
    assert_eq!(
        r.note,
        "không có vụ việc (resolution_days.mean = 0) — 0 điểm"
    );
}

#[test]
fn every_figure_name_reads_a_figure() {
    let f = Figures {
        carried_over: 1,
        received: 2,
        to_handle: 3,
        resolved: 4,
        resolved_on_time: 5,
        resolved_late: 6,
        pending: 7,
        pending_overdue: 8,
        on_time_rate: Some(0.9),
        responded: 10,
        response_on_time: 11,
        satisfaction: Satisfaction {
            rated: 12,
            satisfied: 13,
            rate: Some(0.14),
        },
        assigned_within_1wd: Assigned {
            count: 15,
            within: 16,
            rate: Some(0.17),
        },
        ..Default::default()
    };
    for fig in crate::figures::registry::ALL {
        assert!(figure_value(&f, fig.name).is_some(), "{}", fig.name);
    }
    assert_eq!(figure_value(&f, "pending_overdue"), Some(Some(8.0)));
    assert_eq!(figure_value(&f, "satisfaction.rate"), Some(Some(0.14)));
    assert_eq!(
        figure_value(&f, "assigned_within_1wd.within"),
        Some(Some(16.0))
    );
    assert_eq!(figure_value(&f, "response_days.p90"), Some(None));
    assert_eq!(figure_value(&f, "response_days.count"), Some(Some(0.0)));
    assert_eq!(figure_value(&f, "satisfaction"), None);
    assert_eq!(figure_value(&f, "nope"), None);
}

// ---------------------------------------------------------------------------------------------
// Manual criteria.

#[test]
fn manual_yes_no_set_true_false_or_absent() {
    let c = shipped();
    let totals = Figures::default();
    let run = |m: &BTreeMap<String, toml::Value>| {
        evaluate(
            &c,
            &period(totals.clone(), vec![("Phòng X", Figures::default())]),
            &[],
            m,
        )
        .unwrap()
    };
    let r = run(&manual(&[
        ("hotline_published", toml::Value::Boolean(true)),
        ("facebook_published", toml::Value::Boolean(false)),
    ]));
    let h = result(&r.agency.criteria, "cong_khai_duong_day_nong");
    assert_eq!((h.value, h.points), (Some(1.0), 5.0));
    assert_eq!(h.note, "đã khai báo: có");
    let f = result(&r.agency.criteria, "cong_khai_facebook");
    assert_eq!((f.value, f.points), (Some(0.0), 0.0));
    assert_eq!(f.note, "đã khai báo: không");
    assert!(f.cases.is_empty());
    assert_eq!(r.agency.points, 95.0);
    assert_eq!(r.agency.rating, "Xuất sắc");
    // Departments never see the manual criteria.
    assert_eq!(r.by_department[0].max_points, 90.0);

    // Absent: when_undefined ("zero") applies and the note says it was not declared.
    let r = run(&manual(&[(
        "facebook_published",
        toml::Value::Boolean(true),
    )]));
    let h = result(&r.agency.criteria, "cong_khai_duong_day_nong");
    assert_eq!((h.value, h.points), (None, 0.0));
    assert_eq!(
        h.note,
        "chưa khai báo trong cấu hình [scorecard.manual] hotline_published — 0 điểm"
    );

    // Words and 1/0 are accepted for yes/no.
    let r = run(&manual(&[
        ("hotline_published", toml::Value::String("Có".into())),
        ("facebook_published", toml::Value::Integer(1)),
    ]));
    assert_eq!(r.agency.points, 100.0);
    let r = run(&manual(&[(
        "hotline_published",
        toml::Value::String("không".into()),
    )]));
    assert_eq!(
        result(&r.agency.criteria, "cong_khai_duong_day_nong").points,
        0.0
    );
}

#[test]
fn manual_values_that_cannot_be_used_are_errors() {
    let c = shipped();
    let p = period(Figures::default(), vec![]);
    let e = evaluate(
        &c,
        &p,
        &[],
        &manual(&[("hotline_publised", toml::Value::Boolean(true))]),
    )
    .unwrap_err();
    assert_mentions(
        &e,
        &[
            "hotline_publised",
            "[scorecard.manual]",
            "hotline_published",
        ],
    );
    let e = evaluate(
        &c,
        &p,
        &[],
        &manual(&[("hotline_published", toml::Value::Integer(2))]),
    )
    .unwrap_err();
    assert_mentions(
        &e,
        &[
            "hotline_published",
            "cong_khai_duong_day_nong",
            "true / false",
        ],
    );
    let e = evaluate(
        &c,
        &p,
        &[],
        &manual(&[("hotline_published", toml::Value::String("đôi khi".into()))]),
    )
    .unwrap_err();
    assert_mentions(&e, &["\"đôi khi\"", "cong_khai_duong_day_nong"]);
}

#[test]
fn manual_number_with_bands() {
    let c = Criteria::parse(
        &file(
            r#"
[[criterion]]
id = "tiep_cong_dan"
title = "Số buổi tiếp công dân định kỳ trong tháng"
max_points = 4
manual = "meetings"
compare = ">="
bands = [{ at = 4, points = 4 }, { at = 2, points = 2 }]
when_undefined = 1.5
applies_to_departments = false
"#,
        ),
        "m",
    )
    .unwrap();
    let p = period(Figures::default(), vec![("Phòng X", Figures::default())]);
    let run = |m| evaluate(&c, &p, &[], &m).unwrap();
    let r = run(manual(&[("meetings", toml::Value::Integer(4))]));
    assert_eq!(r.agency.criteria[0].points, 4.0);
    let r = run(manual(&[("meetings", toml::Value::Integer(3))]));
    assert_eq!(r.agency.criteria[0].points, 2.0);
    assert_eq!(r.agency.criteria[0].note, "đạt mức ≥ 2");
    let r = run(manual(&[("meetings", toml::Value::Boolean(true))]));
    assert_eq!(r.agency.criteria[0].points, 0.0); // true = 1, below every band
    let r = run(no_manual());
    assert_eq!(r.agency.criteria[0].points, 1.5);
    assert!(r.agency.criteria[0].note.ends_with("— 1,5 điểm"));
    // A department has no criterion here: 0 of 0, not rated.
    assert_eq!(r.by_department[0].max_points, 0.0);
    assert_eq!(r.by_department[0].rating, "Không xếp loại");
}

// ---------------------------------------------------------------------------------------------
// Cases behind lost points.

#[test]
fn lost_points_list_exactly_the_departments_overdue_and_late_cases() {
    let late = vec![
        case("A1", "Phòng X", "resolved_late"),
        case("A2", "Phòng Y", "pending_overdue"),
        case("A3", "Phòng X", "pending_overdue"),
        case("A4", "Phòng Y", "resolved_late"),
        case("A5", "Phòng X", "resolved_late"),
        case("A6", "Phòng X", "pending_overdue"),
        case("A7", "Chưa giao", "pending_overdue"),
    ];
    let x = figures(|f| {
        f.to_handle = 12;
        f.resolved = 10;
        f.resolved_on_time = 8;
        f.resolved_late = 2;
        f.on_time_rate = Some(0.8);
        f.pending = 2;
        f.pending_overdue = 2;
    });
    // Phòng Y: 1 late of 20 resolved (0.95 → loses 5), 1 overdue of 21 (0.048 → loses 3).
    let y = figures(|f| {
        f.to_handle = 21;
        f.resolved = 20;
        f.resolved_on_time = 19;
        f.resolved_late = 1;
        f.on_time_rate = Some(0.95);
        f.pending = 1;
        f.pending_overdue = 1;
    });
    // Phòng Z: nothing late, full points, no case listed.
    let z = resolved(5, 5);
    let totals = figures(|f| {
        f.to_handle = 40;
        f.resolved = 35;
        f.resolved_on_time = 32;
        f.resolved_late = 3;
        f.on_time_rate = Some(32.0 / 35.0);
        f.pending = 5;
        f.pending_overdue = 4;
    });
    let p = period(totals, vec![("Phòng X", x), ("Phòng Y", y), ("Phòng Z", z)]);
    let r = evaluate(&shipped(), &p, &late, &no_manual()).unwrap();

    let dept = |k: &str| r.by_department.iter().find(|d| d.key == k).unwrap();
    let cases = |d: &DepartmentScore, id: &str| result(&d.criteria, id).cases.clone();
    assert_eq!(cases(dept("Phòng X"), "giai_quyet_dung_han"), ["A1", "A5"]);
    assert_eq!(cases(dept("Phòng X"), "khong_qua_han"), ["A3", "A6"]);
    assert_eq!(cases(dept("Phòng Y"), "giai_quyet_dung_han"), ["A4"]);
    assert_eq!(cases(dept("Phòng Y"), "khong_qua_han"), ["A2"]);
    for d in &r.by_department {
        // Criteria with full points or lost_cases = "none" list nothing.
        for c in &d.criteria {
            if c.points == c.max_points
                || !["giai_quyet_dung_han", "khong_qua_han"].contains(&c.id.as_str())
            {
                assert!(c.cases.is_empty(), "{} {}", d.key, c.id);
            }
        }
    }
    assert!(dept("Phòng Z").criteria.iter().all(|c| c.cases.is_empty()));
    assert_eq!(dept("Phòng Z").points, 90.0);
    // The agency lists every case of the kind, in the order of the list.
    assert_eq!(
        cases_of(&r.agency.criteria, "giai_quyet_dung_han"),
        ["A1", "A4", "A5"]
    );
    assert_eq!(
        cases_of(&r.agency.criteria, "khong_qua_han"),
        ["A2", "A3", "A6", "A7"]
    );
    assert_eq!(
        r.departments_worst_first()
            .iter()
            .map(|d| d.key.as_str())
            .collect::<Vec<_>>(),
        ["Phòng X", "Phòng Y", "Phòng Z"]
    );
}

fn cases_of(s: &[CriterionResult], id: &str) -> Vec<String> {
    result(s, id).cases.clone()
}

#[test]
fn overdue_and_late_lists_both_kinds_and_none_lists_nothing() {
    let body = |lost: &str| {
        file(&format!(
            r#"
[[criterion]]
id = "c"
title = "Đúng hạn"
max_points = 10
figure = "on_time_rate"
compare = ">="
bands = [{{ at = 1.0, points = 10 }}, {{ at = 0.5, points = 5 }}]
when_undefined = "full"
lost_cases = "{lost}"
"#
        ))
    };
    let late = vec![
        case("B1", "Phòng X", "pending_overdue"),
        case("B2", "Phòng X", "resolved_late"),
        case("B3", "Phòng Y", "resolved_late"),
    ];
    let p = period(resolved(1, 2), vec![("Phòng X", resolved(1, 2))]);
    let run = |lost: &str| {
        let c = Criteria::parse(&body(lost), "c").unwrap();
        evaluate(&c, &p, &late, &no_manual()).unwrap().by_department[0].criteria[0]
            .cases
            .clone()
    };
    assert_eq!(run("overdue_and_late"), ["B1", "B2"]);
    assert_eq!(run("overdue"), ["B1"]);
    assert_eq!(run("late"), ["B2"]);
    assert!(run("none").is_empty());
}

// ---------------------------------------------------------------------------------------------
// summary.json.

#[test]
fn json_has_the_spec_fields() {
    let late = vec![case("A1", "Phòng X", "resolved_late")];
    let p = period(resolved(19, 20), vec![("Phòng X", resolved(19, 20))]);
    let r = evaluate(
        &shipped(),
        &p,
        &late,
        &manual(&[("hotline_published", toml::Value::Boolean(true))]),
    )
    .unwrap();
    let j = serde_json::to_value(ScorecardSummary::new(&r)).unwrap();
    assert_eq!(j["points"], serde_json::json!(90));
    assert_eq!(j["max_points"], serde_json::json!(100));
    assert_eq!(j["rating"], "Xuất sắc");
    assert!(j["notice"].as_str().unwrap().starts_with("MẪU"));
    let c = &j["criteria"][5];
    assert_eq!(c["id"], "giai_quyet_dung_han");
    assert_eq!(
        c["title"],
        "Tỷ lệ phản ánh, kiến nghị được giải quyết đúng hạn"
    );
    assert_eq!(c["value"], serde_json::json!(0.95));
    assert_eq!(c["points"], serde_json::json!(20));
    assert_eq!(c["max_points"], serde_json::json!(25));
    assert_eq!(c["cases"], serde_json::json!(["A1"]));
    assert_eq!(j["criteria"][1]["value"], serde_json::Value::Null);
    let d = &j["by_department"][0];
    assert_eq!(d["key"], "Phòng X");
    assert_eq!(d["points"], serde_json::json!(85));
    assert_eq!(d["max_points"], serde_json::json!(90));
    assert_eq!(d["rating"], "Xuất sắc"); // 85 / 90 = 94 %
    assert_eq!(d["criteria"].as_array().unwrap().len(), 5);
    // Fractional points stay fractional.
    assert_eq!(
        serde_json::to_value(Points(2.5)).unwrap(),
        serde_json::json!(2.5)
    );
    assert_eq!(
        serde_json::to_value(Points(20.0)).unwrap(),
        serde_json::json!(20)
    );
}

// ---------------------------------------------------------------------------------------------
// Bad criteria files: each message names the problem and the line or the criterion.

const GOOD: &str = r#"title = "Thử"
total_points = 30

[[criterion]]
id = "dung_han"
title = "Đúng hạn"
max_points = 20
figure = "on_time_rate"
compare = ">="
bands = [
  { at = 1.0, points = 20 },
  { at = 0.9, points = 10 },
]
when_undefined = "full"
lost_cases = "late"

[[criterion]]
id = "hotline"
title = "Công khai đường dây nóng"
max_points = 10
manual = "hotline_published"
yes_points = 10
when_undefined = "zero"
applies_to_departments = false

[[rating]]
at = 80
label = "Tốt"

[[rating]]
at = 0
label = "Yếu"
"#;

/// GOOD with one text replaced (the replacement must happen).
fn bad(from: &str, to: &str) -> String {
    assert!(GOOD.contains(from), "{from}");
    let e = parse_err(&GOOD.replacen(from, to, 1));
    assert!(e.starts_with("test.toml, dòng "), "{e}");
    e
}

#[test]
fn the_good_test_file_parses() {
    let c = Criteria::parse(GOOD, "test.toml").unwrap();
    assert_eq!(c.criteria.len(), 2);
    assert_eq!(c.criteria[0].line, 5);
    assert_eq!(c.criteria[1].scoring, Scoring::YesNo { yes: 10.0, no: 0.0 });
    assert!(!c.criteria[1].applies_to_departments);
    assert!(c.criteria[0].applies_to_departments);
    assert_eq!(c.criteria[0].lost_cases, LostCases::Late);
    assert_eq!(c.criteria[1].lost_cases, LostCases::None);
}

#[test]
fn unknown_figure_is_rejected_with_line_and_id() {
    let e = bad("figure = \"on_time_rate\"", "figure = \"on_time_ratio\"");
    assert_mentions(
        &e,
        &[
            "dòng 8",
            "'dung_han'",
            "'on_time_ratio'",
            "unknown figure",
            "có phải 'on_time_rate'?",
        ],
    );
    let e = bad("figure = \"on_time_rate\"", "figure = \"satisfaction\"");
    assert_mentions(&e, &["dòng 8", "'satisfaction.rate'"]);
    let e = bad(
        "figure = \"on_time_rate\"",
        "ratio = [\"resolved_on_time\", \"solved\"]",
    );
    assert_mentions(&e, &["dòng 8", "'dung_han'", "'solved'"]);
    let e = bad(
        "figure = \"on_time_rate\"",
        "ratio = [\"resolved_on_time\"]",
    );
    assert_mentions(&e, &["dòng 8", "'dung_han'", "[numerator, denominator]"]);
}

#[test]
fn unknown_key_is_rejected_with_line_and_id() {
    let e = bad("lost_cases = \"late\"", "lost_case = \"late\"");
    assert_mentions(&e, &["dòng 15", "'dung_han'", "lost_case"]);
    let e = bad("yes_points = 10", "yes_point = 10");
    assert_mentions(&e, &["dòng 22", "'hotline'", "yes_point"]);
    let e = bad("{ at = 0.9, points = 10 }", "{ at = 0.9, point = 10 }");
    assert_mentions(&e, &["dòng 12", "'dung_han'", "point"]);
    let e = bad("total_points = 30", "total = 30");
    assert_mentions(&e, &["dòng 2", "total"]);
    let e = bad("label = \"Tốt\"", "label = \"Tốt\"\ncolor = \"red\"");
    assert_mentions(&e, &["dòng 29", "color"]);
}

#[test]
fn overlapping_or_unordered_bands_are_rejected() {
    // Two bands with the same threshold.
    let e = bad("{ at = 0.9, points = 10 }", "{ at = 1.0, points = 10 }");
    assert_mentions(&e, &["dòng 12", "'dung_han'", "overlapping"]);
    // Thresholds in the wrong order for ">=".
    let e = bad(
        "  { at = 1.0, points = 20 },\n  { at = 0.9, points = 10 },",
        "  { at = 0.9, points = 20 },\n  { at = 1.0, points = 10 },",
    );
    assert_mentions(
        &e,
        &["dòng 12", "'dung_han'", "unordered", "compare = \"<=\""],
    );
    // Thresholds in the wrong order for "<=".
    let e = bad("compare = \">=\"", "compare = \"<=\"");
    assert_mentions(&e, &["dòng 12", "'dung_han'", "unordered", "tăng dần"]);
    // A weaker band giving more points.
    let e = bad(
        "  { at = 1.0, points = 20 },\n  { at = 0.9, points = 10 },",
        "  { at = 1.0, points = 20 },\n  { at = 0.95, points = 10 },\n  { at = 0.9, points = 15 },",
    );
    assert_mentions(&e, &["dòng 13", "'dung_han'", "overlapping", "0.9", "15"]);
    // Rating bands out of order.
    let e = bad("at = 80", "at = -1");
    assert_mentions(&e, &["dòng 27", "rating threshold"]);
    let e = bad("at = 80\nlabel = \"Tốt\"", "at = 0\nlabel = \"Tốt\"");
    assert_mentions(&e, &["dòng 31", "rating bands unordered", "'Yếu'"]);
    let e = bad("at = 0\nlabel = \"Yếu\"", "at = 50\nlabel = \"Yếu\"");
    assert_mentions(&e, &["dòng 31", "at = 0"]);
}

#[test]
fn band_points_above_max_points_are_rejected() {
    let e = bad("{ at = 0.9, points = 10 }", "{ at = 0.9, points = 25 }");
    assert_mentions(
        &e,
        &["dòng 12", "'dung_han'", "points = 25", "max_points = 20"],
    );
    let e = bad("yes_points = 10", "yes_points = 12");
    assert_mentions(
        &e,
        &["dòng 22", "'hotline'", "yes_points = 12", "max_points = 10"],
    );
    let e = bad("when_undefined = \"full\"", "when_undefined = 21");
    assert_mentions(&e, &["dòng 14", "'dung_han'", "when_undefined = 21"]);
    // The best band must reach max_points.
    let e = bad("{ at = 1.0, points = 20 }", "{ at = 1.0, points = 15 }");
    assert_mentions(&e, &["dòng 11", "'dung_han'", "max_points = 20"]);
    // Rates are fractions.
    let e = bad("{ at = 0.9, points = 10 }", "{ at = 90, points = 10 }");
    assert_mentions(&e, &["dòng 12", "'dung_han'", "0.95"]);
}

#[test]
fn duplicate_ids_are_rejected_naming_both_lines() {
    let e = bad("id = \"hotline\"", "id = \"dung_han\"");
    assert_mentions(&e, &["dòng 18", "'dung_han'", "dòng 5", "duplicate"]);
}

#[test]
fn total_points_mismatch_is_rejected() {
    let e = bad("total_points = 30", "total_points = 100");
    assert_mentions(
        &e,
        &[
            "dòng 2",
            "total_points = 100",
            "30",
            "dung_han 20 + hotline 10",
        ],
    );
}

#[test]
fn other_mistakes_are_rejected_with_line_and_id() {
    let e = bad("when_undefined = \"full\"", "when_undefined = \"đủ\"");
    assert_mentions(&e, &["dòng 14", "'dung_han'", "\"full\""]);
    let e = bad("when_undefined = \"full\"\n", "");
    assert_mentions(&e, &["dòng 5", "'dung_han'", "when_undefined"]);
    let e = bad("compare = \">=\"\n", "");
    assert_mentions(&e, &["dòng 9", "'dung_han'", "compare"]);
    let e = bad("compare = \">=\"", "compare = \">\"");
    assert_mentions(&e, &["dòng 9", "'dung_han'", "\">\""]);
    let e = bad("figure = \"on_time_rate\"\n", "");
    assert_mentions(&e, &["dòng 5", "'dung_han'", "no source"]);
    let e = bad(
        "figure = \"on_time_rate\"",
        "figure = \"on_time_rate\"\nmanual = \"x\"",
    );
    assert_mentions(&e, &["dòng 5", "'dung_han'", "more than one source"]);
    let e = bad(
        "applies_to_departments = false",
        "applies_to_departments = true",
    );
    assert_mentions(&e, &["dòng 24", "'hotline'", "agency-wide"]);
    let e = bad("lost_cases = \"late\"", "lost_cases = \"tre\"");
    assert_mentions(&e, &["dòng 15", "'dung_han'", "\"tre\""]);
    let e = bad("id = \"hotline\"", "id = \"đường dây\"");
    assert_mentions(&e, &["dòng 18", "invalid id"]);
    let e = bad("max_points = 20", "max_points = 0");
    assert_mentions(&e, &["dòng 7", "'dung_han'", "max_points"]);
    let e = bad("yes_points = 10", "yes_points = 10\ncompare = \">=\"");
    assert_mentions(&e, &["dòng 23", "'hotline'", "compare"]);
    let e = bad("manual = \"hotline_published\"", "figure = \"received\"");
    assert_mentions(&e, &["dòng 22", "'hotline'", "manual"]);
    // A TOML syntax error names its line, and the criterion it sits in.
    let e = bad("title = \"Đúng hạn\"", "title = \"Đúng hạn");
    assert_mentions(&e, &["dòng 6", "'dung_han'", "invalid criteria file"]);
    // No criterion at all, no rating.
    let e = parse_err(RATINGS);
    assert_mentions(&e, &["no criterion"]);
    let e = parse_err(&GOOD[..GOOD.find("[[rating]]").unwrap()]);
    assert_mentions(&e, &["[[rating]]"]);
}
// ---------------------------------------------------------------------------------------------
// Golden: the shipped sample criteria on the shipped sample register, Tháng 5/2026 (cut-off mode).

#[test]
fn golden_sample_data_2026_05() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let cfg_text = std::fs::read_to_string(root.join("sample-data/pakn-report.toml")).unwrap();
    let cfg = crate::config::Config::parse(&cfg_text).unwrap();
    let inputs = vec![
        root.join("sample-data/so-theo-doi-pakn-2025-2026.xlsx"),
        root.join("sample-data/hop-thu-facebook-2025-2026.csv"),
    ];
    let prepared = crate::pipeline::prepare(&inputs, &cfg).unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    let per = crate::calendar::period::Period::parse(
        "2026-05",
        crate::calendar::period::Mode::Cutoff,
        as_of,
    )
    .unwrap();
    let cases = &prepared.loaded.cases;
    let f = crate::figures::compute(cases, &prepared.loaded.vocab, &per).unwrap();
    let late = crate::figures::late_cases(cases, &per).unwrap();
    let r = evaluate(
        &Criteria::load(&cfg).unwrap(),
        &f,
        &late,
        &cfg.scorecard.manual,
    )
    .unwrap();

    // Agency: the sample config declares the hotline and the Facebook page published.
    let pts: Vec<(&str, f64)> = r
        .agency
        .criteria
        .iter()
        .map(|c| (c.id.as_str(), c.points))
        .collect();
    assert_eq!(
        pts,
        [
            ("cong_khai_duong_day_nong", 5.0),
            ("cong_khai_facebook", 5.0),
            // assigned within 1 working day 81.2 % (≥ 80 %)
            ("giao_xu_ly_kip_thoi", 9.0),
            // overdue 9.5 % of the cases to handle (≤ 10 %)
            ("khong_qua_han", 9.0),
            // replied on time 80.4 % (≥ 80 %)
            ("tra_loi_nguoi_gui", 6.0),
            // resolved on time 85.9 % (≥ 80 %)
            ("giai_quyet_dung_han", 10.0),
            // satisfied 60.0 % (≥ 60 %)
            ("muc_do_hai_long", 8.0),
        ]
    );
    assert_eq!((r.agency.points, r.agency.max_points), (52.0, 100.0));
    assert_eq!(r.agency.rating, "Trung bình");
    // The agency's lost-point cases are exactly the period's overdue / late lists.
    let overdue = late
        .iter()
        .filter(|c| c.reason == "pending_overdue")
        .count();
    let resolved_late = late.iter().filter(|c| c.reason == "resolved_late").count();
    assert_eq!(overdue as u64, f.totals.pending_overdue);
    assert_eq!(resolved_late as u64, f.totals.resolved_late);
    assert_eq!(
        result(&r.agency.criteria, "khong_qua_han").cases.len(),
        overdue
    );
    assert_eq!(
        result(&r.agency.criteria, "giai_quyet_dung_han")
            .cases
            .len(),
        resolved_late
    );

    // The three worst departments.
    let worst: Vec<(&str, f64, &str)> = r
        .departments_worst_first()
        .iter()
        .take(3)
        .map(|d| (d.key.as_str(), d.points, d.rating.as_str()))
        .collect();
    assert_eq!(
        worst,
        [
            // 9 + 3 + 0 + 0 + 0
            ("Phòng Quản lý Tài nguyên và Môi trường", 12.0, "Yếu"),
            // 3 + 9 + 0 + 15 + 4
            ("Phòng Quản lý Đầu tư", 31.0, "Yếu"),
            // 9 + 6 + 6 + 10 + 0
            ("Phòng Quản lý Quy hoạch và Xây dựng", 31.0, "Yếu"),
        ]
    );
    // Every department: max 90, and its case lists are its own overdue / late cases.
    for d in &r.by_department {
        assert_eq!(d.max_points, 90.0);
        let g = f.by_department.iter().find(|g| g.key == d.key).unwrap();
        let kqh = result(&d.criteria, "khong_qua_han");
        if kqh.points < kqh.max_points {
            assert_eq!(
                kqh.cases.len() as u64,
                g.figures.pending_overdue,
                "{}",
                d.key
            );
        }
        let gq = result(&d.criteria, "giai_quyet_dung_han");
        if gq.points < gq.max_points {
            assert_eq!(gq.cases.len() as u64, g.figures.resolved_late, "{}", d.key);
        }
        for id in kqh.cases.iter().chain(&gq.cases) {
            assert!(
                late.iter().any(|c| &c.id == id && c.department == d.key),
                "{id}"
            );
        }
    }
}
