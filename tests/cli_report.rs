//! Figures end to end through the binary (SPEC §2 periods, §4 deadlines, §5 figures, §7
//! summary.json), and the `calendar` command.
//!
//! The register `tests/fixtures/so-theo-doi-2026.csv` is small enough that every figure below
//! was worked out by hand. Its cases (2026 unless said; Tết Bính Ngọ 14–22/02/2026 is off):
//!
//! | case | received | kind | channel | department | due | responded | resolved | rating |
//! |---|---|---|---|---|---|---|---|---|
//! | C1 | Thu 12/02 | PA | Hotline | P. QL Đầu tư | — (legal: Thu 05/03, 10 wd across Tết) | — | 05/03 16:30 | Hài lòng |
//! | C2 | Fri 13/02 | KN | Đường dây nóng | P. QL Đầu tư | — (legal: Fri 06/03) | — | Mon 09/03 | 2 |
//! | C3 | Mon 23/02 | PA | Facebook | Văn phòng | 02/03 | 24/02 | 02/03 (on its due date) | 5 |
//! | C4 | Tue 03/03 | PA | Fanpage | Văn phòng | 14/03 | — | — | |
//! | C5 | Wed 04/02 | PA | Trực tiếp | P. QL Đầu tư | — (legal: Wed 25/02) | — | — | |
//! | C6 | Mon 02/02 | PA | Email | P. QL Lao động | — (legal: Mon 23/02) | — | 10/02 | |
//! | C7 | Tue 24/02 08:00 | PA | Cổng TTĐT | Văn phòng | — (legal: Tue 10/03) | 25/02 14:00 | 26/02 20:00 | |
//! | C8 | Mon 16/03 | PA | Hotline | Văn phòng | — (legal: Mon 30/03) | — | — | |
//! | C9 | Wed 25/02 | Tố cáo | Đơn thư | P. QL Môi trường | — (thụ lý Fri 06/03 + 30 days → Mon 06/04) | 12/03 | — | |
//! | C10 | 20/02/2025 | PA | Facebook | P. QL Đầu tư | 05/03/2025 | — | 10/03/2025 | |
//!
//! Assigned: C1 23/02 (not counted: received before the period), C3 24/02, C7 26/02, C9 26/02.
//! The reply is owed 10 working days after receipt: C3 by 09/03, C7 by 10/03, C9 by 11/03.
//! The file has a title row, a row of empty cells, the header (row 3), C1–C10 (rows 4–13) and a
//! "Tổng cộng" row: rows read 11 = accepted 10 + rejected 0 + duplicates 0 + skipped 1.

use crate::common::*;
use serde_json::Value;

const REGISTER: &str = "so-theo-doi-2026.csv";

/// Every figure key of SPEC §7 (FIGURES).
const FIGURE_KEYS: [&str; 16] = [
    "carried_over",
    "received",
    "to_handle",
    "resolved",
    "resolved_on_time",
    "resolved_late",
    "pending",
    "pending_overdue",
    "on_time_rate",
    "responded",
    "response_on_time",
    "response_days",
    "resolution_days",
    "resolution_working_days",
    "satisfaction",
    "assigned_within_1wd",
];

fn period(s: &Value) -> (String, String, String, String) {
    let p = |k: &str| s[k].as_str().unwrap_or_default().to_string();
    (p("label"), p("start"), p("end"), p("mode"))
}

fn per(label: &str, start: &str, end: &str, mode: &str) -> (String, String, String, String) {
    (label.into(), start.into(), end.into(), mode.into())
}

fn report(args: &[&str]) -> (Workdir, Value) {
    let wd = Workdir::new();
    wd.fixture(REGISTER);
    let mut a = vec![REGISTER];
    a.extend_from_slice(args);
    let s = wd.report_json("out", &a);
    (wd, s)
}

/// Tháng 3/2026 in cut-off mode: 15/02/2026 – 14/03/2026.
#[test]
fn cutoff_month_totals_by_hand() {
    let (wd, s) = report(&["--period", "2026-03"]);
    assert_eq!(s["schema"], "pakn-report/summary/v1");
    assert_eq!(
        period(&s["period"]),
        per("Tháng 3/2026", "2026-02-15", "2026-03-14", "cutoff")
    );
    let input = &s["input"];
    assert_eq!(account(input), (11, 10, 0, 0, 1));
    assert_eq!(input["warnings"], 0);
    let bytes = std::fs::read(wd.path().join(REGISTER)).unwrap();
    assert_eq!(input["files"][0]["name"], REGISTER);
    assert_eq!(input["files"][0]["sha256"], sha256_hex(&bytes).as_str());

    let t = &s["totals"];
    // Carried over: C1, C2, C5 (received before 15/02, open then); C6 was resolved on 10/02.
    // Received: C3, C4, C7, C9 (C8 comes after 14/03, C10 is 2025).
    // Resolved: C1 on its legal deadline 05/03 (on time: a date deadline ends at 24:00),
    // C2 on 09/03 after its deadline 06/03 (late), C3 on its due date (on time), C7 (on time).
    // Pending: C4 (due 14/03, the period's last day: not overdue), C5 (legal deadline 25/02:
    // overdue), C9 (deadline 06/04).
    assert_eq!(counts(t), [3, 4, 7, 4, 3, 1, 3, 1]);
    assert_num(&t["on_time_rate"], Some(0.75), "on_time_rate");
    // Replies to cases received in the period: C3 (24/02, by 09/03), C7 (25/02, by 10/03),
    // C9 (12/03, after its 11/03 deadline).
    assert_eq!(t["responded"], 3);
    assert_eq!(t["response_on_time"], 2);
    // Response days: C3 1 (dates), C7 1.25 (08:00 → 14:00 the next day), C9 15 (dates).
    // Odd count, sorted 1, 1.25, 15: mean 17.25 / 3 = 5.75, median 1.25,
    // p90 at rank 0.9 × 2 = 1.8 → 1.25 + 0.8 × (15 − 1.25) = 12.25, max 15.
    assert_stats(&t["response_days"], 3, 5.75, 1.25, 12.25, 15.0);
    // Resolution days: C1 21 (12/02 → 05/03; the receipt has no time: whole days), C2 24,
    // C3 7, C7 2.5 (24/02 08:00 → 26/02 20:00). Even count, sorted 2.5, 7, 21, 24:
    // mean 54.5 / 4 = 13.625, median (7 + 21) / 2 = 14, p90 at rank 2.7 → 21 + 0.7 × 3 = 23.1.
    assert_stats(&t["resolution_days"], 4, 13.625, 14.0, 23.1, 24.0);
    // Working days after receipt up to the resolution day: C1 10 (13/02, then 23/02 … 05/03),
    // C2 11, C3 5, C7 2. Sorted 2, 5, 10, 11: mean 7, median 7.5, p90 10 + 0.7 × 1 = 10.7.
    assert_stats(&t["resolution_working_days"], 4, 7.0, 7.5, 10.7, 11.0);
    // Ratings of the resolved: C1 Hài lòng, C2 "2" (not satisfied), C3 "5"; C7 not rated.
    assert_eq!(t["satisfaction"]["rated"], 3);
    assert_eq!(t["satisfaction"]["satisfied"], 2);
    assert_num(&t["satisfaction"]["rate"], Some(2.0 / 3.0), "satisfaction");
    // Assigned, of the received: C3 next day (within), C7 two working days later (not),
    // C9 next day (within). C1's late assignment is not counted: received before the period.
    assert_eq!(t["assigned_within_1wd"]["count"], 3);
    assert_eq!(t["assigned_within_1wd"]["within"], 2);
    assert_num(
        &t["assigned_within_1wd"]["rate"],
        Some(2.0 / 3.0),
        "assigned",
    );

    // Every figure of SPEC §7 is there, for the totals and for every group.
    for key in FIGURE_KEYS {
        assert!(t.get(key).is_some(), "totals lack {key}");
    }
    for list in ["by_kind", "by_channel", "by_department", "by_category"] {
        for g in s[list].as_array().unwrap() {
            assert!(g["key"].is_string() && g["label"].is_string(), "{g}");
            for key in FIGURE_KEYS {
                assert!(g.get(key).is_some(), "{list} {} lacks {key}", g["key"]);
            }
        }
    }
    assert!(s["scorecard"].is_object());
}

#[test]
fn cutoff_month_breakdowns_by_hand() {
    let (_wd, s) = report(&["--period", "2026-03"]);
    // Kinds: every code is listed, in the vocabulary's order, empty ones included.
    assert_eq!(
        keys(&s, "by_kind"),
        vec!["phan_anh", "kien_nghi", "khieu_nai", "to_cao"]
    );
    // Phản ánh: carried C1, C5; received C3, C4, C7; resolved C1, C3, C7, all on time;
    // pending C4, C5; C5 overdue.
    let pa = group(&s, "by_kind", "phan_anh");
    assert_eq!(pa["label"], "Phản ánh");
    assert_eq!(counts(pa), [2, 3, 5, 3, 3, 0, 2, 1]);
    assert_num(&pa["on_time_rate"], Some(1.0), "phan_anh");
    // Kiến nghị: C2 only, carried and resolved late: rate 0, not null.
    let kn = group(&s, "by_kind", "kien_nghi");
    assert_eq!(counts(kn), [1, 0, 1, 1, 0, 1, 0, 0]);
    assert_num(&kn["on_time_rate"], Some(0.0), "kien_nghi");
    // Khiếu nại: an empty group: zeros, null rates, empty statistics.
    let kh = group(&s, "by_kind", "khieu_nai");
    assert_eq!(kh["label"], "Khiếu nại");
    assert_eq!(counts(kh), [0; 8]);
    assert_num(&kh["on_time_rate"], None, "khieu_nai");
    assert_no_stats(&kh["resolution_days"]);
    assert_num(&kh["satisfaction"]["rate"], None, "khieu_nai satisfaction");
    assert_num(
        &kh["assigned_within_1wd"]["rate"],
        None,
        "khieu_nai assigned",
    );
    // Tố cáo: C9 received, nothing resolved: null rate.
    let tc = group(&s, "by_kind", "to_cao");
    assert_eq!(counts(tc), [0, 1, 1, 0, 0, 0, 1, 0]);
    assert_num(&tc["on_time_rate"], None, "to_cao");
    assert_eq!(tc["responded"], 1);
    assert_eq!(tc["response_on_time"], 0);

    // Channels: all eight codes, in order.
    assert_eq!(
        keys(&s, "by_channel"),
        vec![
            "hotline",
            "facebook",
            "in_person",
            "letter",
            "email",
            "portal",
            "transferred",
            "other"
        ]
    );
    assert_eq!(
        counts(group(&s, "by_channel", "hotline")),
        [2, 0, 2, 2, 1, 1, 0, 0]
    );
    assert_eq!(
        counts(group(&s, "by_channel", "facebook")),
        [0, 2, 2, 1, 1, 0, 1, 0]
    );
    assert_eq!(
        counts(group(&s, "by_channel", "in_person")),
        [1, 0, 1, 0, 0, 0, 1, 1]
    );
    assert_eq!(
        counts(group(&s, "by_channel", "letter")),
        [0, 1, 1, 0, 0, 0, 1, 0]
    );
    assert_eq!(
        counts(group(&s, "by_channel", "portal")),
        [0, 1, 1, 1, 1, 0, 0, 0]
    );
    // C6 came by e-mail but was closed before the period: an empty group.
    assert_eq!(counts(group(&s, "by_channel", "email")), [0; 8]);
    assert_eq!(
        group(&s, "by_channel", "hotline")["label"],
        "Đường dây nóng"
    );

    // Departments with work in the period, in Vietnamese order; Phòng Quản lý Lao động (C6,
    // closed before the period) is left out.
    assert_eq!(
        keys(&s, "by_department"),
        vec![
            "Phòng Quản lý Đầu tư",
            "Phòng Quản lý Môi trường",
            "Văn phòng"
        ]
    );
    let dt = group(&s, "by_department", "Phòng Quản lý Đầu tư");
    assert_eq!(counts(dt), [3, 0, 3, 2, 1, 1, 1, 1]);
    assert_num(&dt["on_time_rate"], Some(0.5), "Đầu tư");
    assert_stats(&dt["resolution_days"], 2, 22.5, 22.5, 23.7, 24.0);
    let mt = group(&s, "by_department", "Phòng Quản lý Môi trường");
    assert_eq!(counts(mt), [0, 1, 1, 0, 0, 0, 1, 0]);
    assert_num(&mt["on_time_rate"], None, "Môi trường: nothing resolved");
    assert_no_stats(&mt["resolution_days"]);
    let vp = group(&s, "by_department", "Văn phòng");
    assert_eq!(counts(vp), [0, 3, 3, 2, 2, 0, 1, 0]);
    assert_num(&vp["on_time_rate"], Some(1.0), "Văn phòng");

    assert_eq!(
        keys(&s, "by_category"),
        vec![
            "Doanh nghiệp",
            "Đất đai",
            "Đầu tư",
            "Môi trường",
            "Thủ tục hành chính"
        ]
    );
    assert_eq!(
        counts(group(&s, "by_category", "Đầu tư")),
        [2, 0, 2, 2, 1, 1, 0, 0]
    );
    assert_eq!(
        counts(group(&s, "by_category", "Đất đai")),
        [1, 0, 1, 0, 0, 0, 1, 1]
    );

    // Every breakdown adds up to the totals.
    let t = counts(&s["totals"]);
    for list in ["by_kind", "by_channel", "by_department", "by_category"] {
        let mut sum = [0u64; 8];
        for g in s[list].as_array().unwrap() {
            for (i, v) in counts(g).iter().enumerate() {
                sum[i] += v;
            }
        }
        assert_eq!(sum, t, "{list} does not add up to the totals");
    }
}

#[test]
fn cutoff_month_comparisons() {
    let (_wd, s) = report(&["--period", "2026-03"]);
    let prev = &s["compare"]["previous"];
    // Tháng 2/2026: 15/01 – 14/02. Received C1, C2, C5, C6; resolved C6 on 10/02, before its
    // legal deadline 23/02: on time.
    assert_eq!(
        period(&prev["period"]),
        per("Tháng 2/2026", "2026-01-15", "2026-02-14", "cutoff")
    );
    assert_eq!(prev["received"], 4);
    assert_num(&prev["on_time_rate"], Some(1.0), "previous");
    // Tháng 3/2025: 15/02/2025 – 14/03/2025. C10 received, resolved 10/03/2025 after its due
    // date 05/03/2025: rate 0.
    let ly = &s["compare"]["same_period_last_year"];
    assert_eq!(
        period(&ly["period"]),
        per("Tháng 3/2025", "2025-02-15", "2025-03-14", "cutoff")
    );
    assert_eq!(ly["received"], 1);
    assert_num(&ly["on_time_rate"], Some(0.0), "last year");
}

/// Tháng 2/2026: the department that had no work in March has its group here.
#[test]
fn cutoff_previous_month_has_its_own_groups() {
    let (_wd, s) = report(&["--period", "2026-02"]);
    assert_eq!(
        period(&s["period"]),
        per("Tháng 2/2026", "2026-01-15", "2026-02-14", "cutoff")
    );
    // Received C1, C2, C5, C6; C6 resolved on time; C1, C2, C5 pending, none overdue on 14/02.
    assert_eq!(counts(&s["totals"]), [0, 4, 4, 1, 1, 0, 3, 0]);
    assert_eq!(
        keys(&s, "by_department"),
        vec!["Phòng Quản lý Đầu tư", "Phòng Quản lý Lao động"]
    );
    let ld = group(&s, "by_department", "Phòng Quản lý Lao động");
    assert_eq!(counts(ld), [0, 1, 1, 1, 1, 0, 0, 0]);
    // C6: 02/02 → 10/02 is 8 days, 6 working days.
    assert_stats(&ld["resolution_days"], 1, 8.0, 8.0, 8.0, 8.0);
    assert_stats(&ld["resolution_working_days"], 1, 6.0, 6.0, 6.0, 6.0);
}

/// March 2026 as a whole calendar month: 01/03 – 31/03/2026.
#[test]
fn calendar_month_by_hand() {
    let (_wd, s) = report(&["--period", "2026-03", "--calendar-months"]);
    assert_eq!(
        period(&s["period"]),
        per("Tháng 3/2026", "2026-03-01", "2026-03-31", "calendar")
    );
    let t = &s["totals"];
    // Carried: C1, C2, C3 (resolved 02/03), C5, C9; C7 was resolved in February.
    // Received: C4, C8. Resolved: C1 (on time), C2 (late), C3 (on time).
    // Pending: C4 (due 14/03: overdue), C5 (overdue), C8 (legal deadline Mon 30/03: overdue
    // on 31/03), C9 (06/04: not yet).
    assert_eq!(counts(t), [5, 2, 7, 3, 2, 1, 4, 3]);
    assert_num(&t["on_time_rate"], Some(2.0 / 3.0), "on_time_rate");
    // No case received in March was answered; C9's reply of 12/03 belongs to a February case.
    assert_eq!(t["responded"], 0);
    assert_no_stats(&t["response_days"]);
    // Resolution days 21, 24, 7: mean 52 / 3, median 21, p90 at rank 1.8 → 21 + 0.8 × 3 = 23.4.
    assert_stats(
        &t["resolution_days"],
        3,
        (52.0_f64 / 3.0 * 1e6).round() / 1e6,
        21.0,
        23.4,
        24.0,
    );
    // Nobody received in March was assigned.
    assert_eq!(t["assigned_within_1wd"]["count"], 0);
    assert_num(&t["assigned_within_1wd"]["rate"], None, "assigned");
    assert_eq!(
        counts(group(&s, "by_department", "Văn phòng")),
        [1, 2, 3, 1, 1, 0, 2, 2]
    );
    // Portal (C7) had nothing to do in March.
    assert_eq!(counts(group(&s, "by_channel", "portal")), [0; 8]);
    assert!(!keys(&s, "by_category").contains(&"Thủ tục hành chính".to_string()));

    // February 2026 (01/02–28/02): received C1–C3, C5–C7, C9; resolved C6 and C7, on time.
    // March 2025 (01/03–31/03/2025): nothing received; C10 carried and resolved late.
    let c = &s["compare"];
    assert_eq!(
        period(&c["previous"]["period"]),
        per("Tháng 2/2026", "2026-02-01", "2026-02-28", "calendar")
    );
    assert_eq!(c["previous"]["received"], 7);
    assert_num(&c["previous"]["on_time_rate"], Some(1.0), "previous");
    assert_eq!(
        period(&c["same_period_last_year"]["period"]),
        per("Tháng 3/2025", "2025-03-01", "2025-03-31", "calendar")
    );
    assert_eq!(c["same_period_last_year"]["received"], 0);
    assert_num(
        &c["same_period_last_year"]["on_time_rate"],
        Some(0.0),
        "last year",
    );
}

/// `period.mode = "calendar"` in the config is the same as `--calendar-months`.
#[test]
fn calendar_mode_from_config_equals_the_flag() {
    let wd = Workdir::new();
    wd.fixture(REGISTER);
    wd.write("lich.toml", "[period]\nmode = \"calendar\"\n");
    let a = wd.report_json(
        "a",
        &[REGISTER, "--period", "2026-03", "--config", "lich.toml"],
    );
    let b = wd.report_json("b", &[REGISTER, "--period", "2026-03", "--calendar-months"]);
    assert_eq!(a["period"]["mode"], "calendar");
    assert_eq!(a["totals"], b["totals"]);
    assert_eq!(a["compare"], b["compare"]);
    assert_eq!(a["by_department"], b["by_department"]);
}

/// `deadlines.compute_missing = false`: a case without a recorded due date has no deadline:
/// on time when resolved, never overdue.
#[test]
fn compute_missing_false() {
    let wd = Workdir::new();
    wd.fixture(REGISTER);
    wd.write("han.toml", "[deadlines]\ncompute_missing = false\n");
    let s = wd.report_json(
        "cutoff",
        &[REGISTER, "--period", "2026-03", "--config", "han.toml"],
    );
    // C2 (no due date) is now on time; C5 (no due date) is no longer overdue; C4's recorded
    // due date is the last day: not overdue.
    assert_eq!(counts(&s["totals"]), [3, 4, 7, 4, 4, 0, 3, 0]);
    assert_num(&s["totals"]["on_time_rate"], Some(1.0), "rate");
    assert_eq!(
        counts(group(&s, "by_kind", "kien_nghi")),
        [1, 0, 1, 1, 1, 0, 0, 0]
    );
    // The reply deadline is not the handling deadline: it still applies.
    assert_eq!(s["totals"]["response_on_time"], 2);

    let s = wd.report_json(
        "calendar",
        &[
            REGISTER,
            "--period",
            "2026-03",
            "--config",
            "han.toml",
            "--calendar-months",
        ],
    );
    // Only C4, with its recorded due date 14/03, is overdue at 31/03.
    assert_eq!(counts(&s["totals"]), [5, 2, 7, 3, 3, 0, 4, 1]);
}

/// A register built around Tết 2026 and deadlines with times (SPEC §4.2, §5):
///
/// | case | received | due | resolved | deadline |
/// |---|---|---|---|---|
/// | T1 | Thu 12/02 | — | — | 10 working days: Fri 13/02, (Tết 14–22/02), 23–27/02, 02–05/03 → Thu 05/03 |
/// | T2 | Thu 12/02 | — | 05/03 | 05/03: on time |
/// | T3 | Thu 12/02 | — | 06/03 | 05/03: late |
/// | T4 | Thu 12/02, tố cáo | — | — | thụ lý after 7 wd = Mon 02/03, + 30 days = Wed 01/04 |
/// | T5 | 02/03 08:00 | 05/03 10:00 | 05/03 11:00 | late: a deadline with a time ends then |
/// | T6 | 02/03 08:00 | 05/03 10:00 | 05/03 09:30 | on time |
/// | T7 | 02/03 | 06/03 10:00 | — | overdue at the end of 06/03 |
const TET: &str = "\
Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Hạn xử lý,Ngày hoàn thành
T1,12/02/2026,Hotline,PA,,
T2,12/02/2026,Hotline,PA,,05/03/2026
T3,12/02/2026,Hotline,PA,,06/03/2026
T4,12/02/2026,Hotline,Tố cáo,,
T5,02/03/2026 08:00,Hotline,PA,05/03/2026 10:00,05/03/2026 11:00
T6,02/03/2026 08:00,Hotline,PA,05/03/2026 10:00,05/03/2026 09:30
T7,02/03/2026,Hotline,PA,06/03/2026 10:00,
";

#[test]
fn working_day_deadlines_across_tet_2026_and_deadlines_with_times() {
    let wd = Workdir::new();
    wd.write("tet.csv", TET);
    let v = wd.validate_json(&["tet.csv"]);
    assert_eq!(account(&v), (7, 7, 0, 0, 0));
    let run = |out: &str, range: &str| {
        wd.report_json(out, &["tet.csv", "--period", range, "--calendar-months"])
    };

    // 01/03–05/03: T1–T4 carried, T5–T7 received; T2 (on its legal deadline) and T6 on time,
    // T5 late; T1 and T3 are due on the last day: not overdue; T7 is due the day after.
    let s = run("p1", "2026-03-01..2026-03-05");
    assert_eq!(counts(&s["totals"]), [4, 3, 7, 3, 2, 1, 4, 0]);
    // T2: 10 working days; T5, T6: 3 working days. Sorted 3, 3, 10: median 3,
    // p90 at rank 1.8 → 3 + 0.8 × 7 = 8.6.
    assert_stats(
        &s["totals"]["resolution_working_days"],
        3,
        (16.0_f64 / 3.0 * 1e6).round() / 1e6,
        3.0,
        8.6,
        10.0,
    );

    // 01/03–06/03: T3 resolved the day after its deadline (late); T1 now overdue; T7's deadline
    // 06/03 10:00 passed before the end of the last day: overdue.
    let s = run("p2", "2026-03-01..2026-03-06");
    assert_eq!(counts(&s["totals"]), [4, 3, 7, 4, 2, 2, 3, 2]);
    assert_num(&s["totals"]["on_time_rate"], Some(0.5), "rate");

    // Up to 01/04: T4 is due that day: not yet overdue. One day later it is.
    let s = run("p3", "2026-03-01..2026-04-01");
    assert_eq!(s["totals"]["pending_overdue"], 2);
    let s = run("p4", "2026-03-01..2026-04-02");
    assert_eq!(s["totals"]["pending_overdue"], 3);
    assert_eq!(
        counts(group(&s, "by_kind", "to_cao")),
        [1, 0, 1, 0, 0, 0, 1, 1]
    );
}

/// The previous period and the same period last year for each kind of period (SPEC §5).
#[test]
fn comparison_periods_for_every_kind_of_period() {
    let wd = Workdir::new();
    wd.fixture(REGISTER);
    type P = (String, String, String, String);
    let cases: Vec<(&str, bool, P, P, P)> = vec![
        (
            "2026-Q1",
            false,
            per("Quý I/2026", "2025-12-15", "2026-03-14", "cutoff"),
            per("Quý IV/2025", "2025-09-15", "2025-12-14", "cutoff"),
            per("Quý I/2025", "2024-12-15", "2025-03-14", "cutoff"),
        ),
        (
            "2026-Q1",
            true,
            per("Quý I/2026", "2026-01-01", "2026-03-31", "calendar"),
            per("Quý IV/2025", "2025-10-01", "2025-12-31", "calendar"),
            per("Quý I/2025", "2025-01-01", "2025-03-31", "calendar"),
        ),
        (
            "2026-H1",
            false,
            per("6 tháng đầu năm 2026", "2025-12-15", "2026-06-14", "cutoff"),
            per(
                "6 tháng cuối năm 2025",
                "2025-06-15",
                "2025-12-14",
                "cutoff",
            ),
            per("6 tháng đầu năm 2025", "2024-12-15", "2025-06-14", "cutoff"),
        ),
        (
            "2026-H2",
            true,
            per(
                "6 tháng cuối năm 2026",
                "2026-07-01",
                "2026-12-31",
                "calendar",
            ),
            per(
                "6 tháng đầu năm 2026",
                "2026-01-01",
                "2026-06-30",
                "calendar",
            ),
            per(
                "6 tháng cuối năm 2025",
                "2025-07-01",
                "2025-12-31",
                "calendar",
            ),
        ),
        (
            "2026-9M",
            false,
            per("9 tháng năm 2026", "2025-12-15", "2026-09-14", "cutoff"),
            per("9 tháng năm 2025", "2024-12-15", "2025-09-14", "cutoff"),
            per("9 tháng năm 2025", "2024-12-15", "2025-09-14", "cutoff"),
        ),
        (
            "2026",
            false,
            per("Năm 2026", "2025-12-15", "2026-12-14", "cutoff"),
            per("Năm 2025", "2024-12-15", "2025-12-14", "cutoff"),
            per("Năm 2025", "2024-12-15", "2025-12-14", "cutoff"),
        ),
        (
            "2026-01",
            false,
            per("Tháng 1/2026", "2025-12-15", "2026-01-14", "cutoff"),
            per("Tháng 12/2025", "2025-11-15", "2025-12-14", "cutoff"),
            per("Tháng 1/2025", "2024-12-15", "2025-01-14", "cutoff"),
        ),
        (
            // An explicit range: the previous period is the same number of days just before.
            "2026-02-15..2026-03-14",
            false,
            per(
                "Từ 15/02/2026 đến 14/03/2026",
                "2026-02-15",
                "2026-03-14",
                "cutoff",
            ),
            per(
                "Từ 18/01/2026 đến 14/02/2026",
                "2026-01-18",
                "2026-02-14",
                "cutoff",
            ),
            per(
                "Từ 15/02/2025 đến 14/03/2025",
                "2025-02-15",
                "2025-03-14",
                "cutoff",
            ),
        ),
    ];
    for (i, (spec, calendar, this, previous, last_year)) in cases.into_iter().enumerate() {
        let out = format!("out{i}");
        let mut args = vec![REGISTER, "--period", spec];
        if calendar {
            args.push("--calendar-months");
        }
        let s = wd.report_json(&out, &args);
        assert_eq!(period(&s["period"]), this, "{spec}");
        assert_eq!(
            period(&s["compare"]["previous"]["period"]),
            previous,
            "{spec}"
        );
        assert_eq!(
            period(&s["compare"]["same_period_last_year"]["period"]),
            last_year,
            "{spec}"
        );
    }

    // Values: Quý I/2026 (cut-off) received C1–C7 and C9; Quý IV/2025 nothing (null rate);
    // Quý I/2025 C10, resolved late.
    let s = wd.report_json("q1", &[REGISTER, "--period", "2026-Q1"]);
    assert_eq!(s["totals"]["received"], 8);
    assert_eq!(s["compare"]["previous"]["received"], 0);
    assert_num(&s["compare"]["previous"]["on_time_rate"], None, "Q4/2025");
    assert_eq!(s["compare"]["same_period_last_year"]["received"], 1);
    assert_num(
        &s["compare"]["same_period_last_year"]["on_time_rate"],
        Some(0.0),
        "Q1/2025",
    );
    // The explicit range 15/02–14/03/2026 is Tháng 3/2026; its previous range 18/01–14/02
    // received C1, C2, C5, C6.
    let s = wd.report_json("range", &[REGISTER, "--period", "2026-02-15..2026-03-14"]);
    assert_eq!(counts(&s["totals"]), [3, 4, 7, 4, 3, 1, 3, 1]);
    assert_eq!(s["compare"]["previous"]["received"], 4);
    assert_num(&s["compare"]["previous"]["on_time_rate"], Some(1.0), "prev");
}

/// `previous-month` and `previous-quarter` are relative to `--as-of` (SPEC §2).
#[test]
fn relative_periods_follow_as_of() {
    let wd = Workdir::new();
    wd.fixture(REGISTER);
    let cases = [
        (
            "previous-month",
            "2026-06-15",
            false,
            per("Tháng 6/2026", "2026-05-15", "2026-06-14", "cutoff"),
        ),
        (
            "previous-month",
            "2026-06-14",
            false,
            per("Tháng 5/2026", "2026-04-15", "2026-05-14", "cutoff"),
        ),
        (
            "previous-month",
            "2026-06-15",
            true,
            per("Tháng 5/2026", "2026-05-01", "2026-05-31", "calendar"),
        ),
        (
            "previous-quarter",
            "2026-11-28",
            false,
            per("Quý III/2026", "2026-06-15", "2026-09-14", "cutoff"),
        ),
    ];
    for (i, (spec, as_of, calendar, expected)) in cases.into_iter().enumerate() {
        let out = format!("out{i}");
        let mut args = vec![
            "report",
            REGISTER,
            "--period",
            spec,
            "--as-of",
            as_of,
            "--format",
            "json",
            "--out",
            out.as_str(),
        ];
        if calendar {
            args.push("--calendar-months");
        }
        wd.run(&args).assert_code(0);
        assert_eq!(
            period(&wd.summary(&out)["period"]),
            expected,
            "{spec} {as_of}"
        );
    }
}

/// `--strict`: exit 3 when rows were rejected, and the reports are still written.
#[test]
fn strict_report_exits_3_and_still_writes() {
    let wd = Workdir::new();
    wd.write(
        "so.csv",
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn\n\
         S-1,01/04/2026,Hotline,PA\n\
         S-2,31/04/2026,Hotline,PA\n",
    );
    let run = wd.report("out", &["so.csv", "--period", "2026-04", "--strict"]);
    run.assert_code(3);
    let s = wd.summary("out");
    assert_eq!(account(&s["input"]), (2, 1, 1, 0, 0));
    assert!(wd.exists("out/manifest.json"));
    // Without --strict the same run succeeds; without rejects --strict succeeds.
    wd.report("out2", &["so.csv", "--period", "2026-04"])
        .assert_code(0);
    wd.write(
        "tot.csv",
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn\nS-1,01/04/2026,Hotline,PA\n",
    );
    wd.report("out3", &["tot.csv", "--period", "2026-04", "--strict"])
        .assert_code(0);
}

/// Usage errors exit 2 and write nothing.
#[test]
fn usage_errors_exit_2() {
    let wd = Workdir::new();
    wd.fixture(REGISTER);
    for bad in [
        "2026-13",
        "2026-Q5",
        "26-05",
        "tháng-5",
        "May 2026",
        "2026-05-14..2026-04-15",
        "",
    ] {
        let run = wd.report("out", &[REGISTER, "--period", bad]);
        run.assert_code(2);
        assert_eq!(run.stdout, "");
        assert!(run.stderr.contains("--period"), "{bad}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{bad}: {}", run.stderr);
        assert!(!wd.exists("out/summary.json"), "{bad}");
    }
    // A bad --as-of, an unknown format, an unknown flag, a missing --period.
    let run = wd.run(&[
        "report",
        REGISTER,
        "--period",
        "2026-05",
        "--as-of",
        "28/11/2026",
        "--out",
        "out",
    ]);
    run.assert_code(2);
    assert!(run.stderr.contains("--as-of"), "{}", run.stderr);
    let run = wd.run(&[
        "report", REGISTER, "--period", "2026-05", "--format", "odt", "--out", "out",
    ]);
    run.assert_code(2);
    assert!(run.stderr.contains("odt"), "{}", run.stderr);
    wd.run(&["report", REGISTER, "--period", "2026-05", "--khong-co"])
        .assert_code(2);
    wd.run(&["report", REGISTER]).assert_code(2);
    wd.run(&["validate", "--bogus"]).assert_code(2);
    wd.run(&["calendar", "--year", "1700"]).assert_code(2);
    wd.run(&["calendar"]).assert_code(2);
    assert!(!wd.exists("out/summary.json"));
}

/// The human summary on stderr holds the identity of §3.6 and the headline figures.
#[test]
fn report_prints_the_accounting_and_headline_on_stderr() {
    let wd = Workdir::new();
    wd.fixture(REGISTER);
    let run = wd.report("out", &[REGISTER, "--period", "2026-03"]);
    run.assert_code(0);
    assert_eq!(run.stdout, "");
    let lines = run.stderr_lines();
    assert!(lines.contains(&"Số dòng đọc 11 = hợp lệ 10 + bị loại 0 + trùng 0 + bỏ qua 1 (rows read = accepted + rejected + duplicates + skipped)"), "{}", run.stderr);
    assert!(lines.contains(&"Tháng 3/2026: 15/02/2026 → 14/03/2026. Kỳ trước chuyển sang 3, tiếp nhận 4, đã giải quyết 4 (đúng hạn 3, quá hạn 1), chuyển kỳ sau 3 (quá hạn 1); tỷ lệ đúng hạn 75.0%."), "{}", run.stderr);
    assert!(
        lines.contains(&"Đã ghi (written) out: summary.json"),
        "{}",
        run.stderr
    );
}

/// SPEC §2/§9: stderr carries the program's own log lines — one clear sentence per error, the
/// accounting and the summary — not a library's internal notices.
#[test]

fn report_stderr_has_only_the_programs_own_lines() {
    let wd = Workdir::new();
    wd.fixture(REGISTER);
    let run = wd.report("out", &[REGISTER, "--period", "2026-03"]);
    run.assert_code(0);
    let own = [
        "Số dòng đọc ",
        "Chấm điểm ",
        "Tháng 3/2026: ",
        "Đã ghi (written) ",
        "cảnh báo: ",
    ];
    for line in run.stderr_lines() {
        assert!(
            own.iter().any(|p| line.starts_with(p)),
            "unexpected stderr line {line:?}"
        );
    }
    assert!(run.stderr_lines().len() <= 6, "{}", run.stderr);
}

/// The same inputs, config and `--as-of` give byte-identical summary.json (SPEC §7).
#[test]
fn summary_is_reproducible() {
    let wd = Workdir::new();
    wd.fixture(REGISTER);
    let a = wd.report("a", &[REGISTER, "--period", "2026-03"]);
    a.assert_code(0);
    let b = wd.report("b", &[REGISTER, "--period", "2026-03"]);
    b.assert_code(0);
    assert_eq!(wd.read("a/summary.json"), wd.read("b/summary.json"));
}

/// Group keys keep their letter case (SPEC §5), so "Văn phòng" and "VĂN PHÒNG" are two groups
/// whose Vietnamese sort keys tie; their order must still be the same on every run.
#[test]

fn summary_is_reproducible_with_case_variant_groups() {
    let wd = Workdir::new();
    let mut rows =
        String::from("Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Đơn vị xử lý,Lĩnh vực\n");
    let depts = ["Văn phòng", "VĂN PHÒNG", "văn phòng", "Văn Phòng"];
    let cats = ["Đầu tư", "ĐẦU TƯ", "đầu tư"];
    for i in 0..12 {
        rows.push_str(&format!(
            "V{i},0{}/04/2026,Hotline,PA,{},{}\n",
            1 + i % 9,
            depts[i % 4],
            cats[i % 3]
        ));
    }
    wd.write("hoa-thuong.csv", rows);
    let mut first: Option<String> = None;
    for i in 0..6 {
        let out = format!("out{i}");
        wd.report(
            &out,
            &["hoa-thuong.csv", "--period", "2026-04-01..2026-04-30"],
        )
        .assert_code(0);
        let text = wd.read(&format!("{out}/summary.json"));
        match &first {
            None => first = Some(text),
            Some(f) => assert_eq!(f, &text, "run {i} differs from run 0"),
        }
    }
}

/// With no INPUT the shipped sample-data/ is read (SPEC §2).
#[test]
fn no_input_reads_the_shipped_sample_data() {
    let wd = Workdir::new();
    let v = wd.validate_json(&[]);
    let names = file_names(&v);
    assert!(names.len() >= 2, "{names:?}");
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "a folder is read in name order");
    let (read, accepted, rejected, dups, skipped) = account(&v);
    assert_eq!(read, accepted + rejected + dups + skipped);
    assert!(accepted > 0);
    let s = wd.report_json("out", &["--period", "2026-05"]);
    assert_eq!(s["input"]["files"], v["files"]);
    assert_eq!(s["input"]["accepted"], accepted);
}

// ---------------------------------------------------------------------------------------------
// calendar
// ---------------------------------------------------------------------------------------------

/// 2026 from the shipped official table. 2026 has 261 weekdays (it starts on a Thursday);
/// 13 of them are off and Saturdays 10/01 and 22/08 are worked: 261 − 13 + 2 = 250 working days.
/// (Updated for the official Quốc khánh schedule: Mon 31/08 swapped, worked back on Sat 22/08;
/// the count of working days is unchanged.)
#[test]
fn calendar_2026_official_table() {
    let wd = Workdir::new();
    let run = wd.run(&["calendar", "--year", "2026"]);
    run.assert_code(0);
    assert_eq!(run.stderr, "");
    let (first, rest) = run.stdout.split_once('\n').unwrap();
    assert!(
        first.starts_with("Năm 2026 — lịch nghỉ chính thức: "),
        "{first}"
    );
    assert!(first.contains("Quốc khánh nghỉ 29/8–2/9/2026"), "{first}");
    assert!(!first.contains("cho đến khi có thông báo"), "{first}");
    assert_eq!(
        rest,
        "
Ngày nghỉ (days off):
  01/01/2026  Thứ Năm   Tết Dương lịch                               âm lịch 13/11
  02/01/2026  Thứ Sáu   Nghỉ theo thông báo (nghỉ bù, hoán đổi)      âm lịch 14/11
  16/02/2026  Thứ Hai   Tết Âm lịch (ngày cuối năm)                  âm lịch 29/12
  17/02/2026  Thứ Ba    Tết Âm lịch (mùng 1)                         âm lịch 1/1
  18/02/2026  Thứ Tư    Tết Âm lịch (mùng 2)                         âm lịch 2/1
  19/02/2026  Thứ Năm   Tết Âm lịch (mùng 3)                         âm lịch 3/1
  20/02/2026  Thứ Sáu   Tết Âm lịch (mùng 4)                         âm lịch 4/1
  27/04/2026  Thứ Hai   Nghỉ bù (Giỗ Tổ Hùng Vương (10/3 âm lịch))   âm lịch 11/3
  30/04/2026  Thứ Năm   Ngày Chiến thắng                             âm lịch 14/3
  01/05/2026  Thứ Sáu   Quốc tế Lao động                             âm lịch 15/3
  31/08/2026  Thứ Hai   Nghỉ theo thông báo (nghỉ bù, hoán đổi)      âm lịch 19/7
  01/09/2026  Thứ Ba    Quốc khánh (ngày liền kề)                    âm lịch 20/7
  02/09/2026  Thứ Tư    Quốc khánh                                   âm lịch 21/7

Ngày làm bù (make-up working days):
  10/01/2026  Thứ Bảy
  22/08/2026  Thứ Bảy

Số ngày làm việc (working days): 250 / 365
"
    );
}

/// 2027 has no official table: computed from the law and the lunar calendar, with a warning.
/// Tết Đinh Mùi: mùng 1 is Saturday 06/02/2027, so the eve (Fri 05/02) and mùng 1–4 are off,
/// with nghỉ bù on Wed 10/02 and Thu 11/02 for the weekend days; Giỗ Tổ (10/3 âm lịch) is Fri
/// 16/04; 1/5 is a Saturday (nghỉ bù Mon 03/05). 2027 has 261 weekdays, 11 of them off: 250.
#[test]
fn calendar_2027_computed_with_a_warning() {
    let wd = Workdir::new();
    let run = wd.run(&["calendar", "--year", "2027"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "\
Năm 2027 — chưa có lịch nghỉ chính thức; tính theo Bộ luật Lao động 2019 Điều 111–112 và âm lịch

Ngày nghỉ (days off):
  01/01/2027  Thứ Sáu   Tết Dương lịch                               âm lịch 24/11
  05/02/2027  Thứ Sáu   Tết Âm lịch (ngày cuối năm)                  âm lịch 29/12
  06/02/2027  Thứ Bảy   Tết Âm lịch (mùng 1)                         âm lịch 1/1
  07/02/2027  Chủ Nhật  Tết Âm lịch (mùng 2)                         âm lịch 2/1
  08/02/2027  Thứ Hai   Tết Âm lịch (mùng 3)                         âm lịch 3/1
  09/02/2027  Thứ Ba    Tết Âm lịch (mùng 4)                         âm lịch 4/1
  10/02/2027  Thứ Tư    Nghỉ bù (Tết Âm lịch (mùng 1))               âm lịch 5/1
  11/02/2027  Thứ Năm   Nghỉ bù (Tết Âm lịch (mùng 2))               âm lịch 6/1
  16/04/2027  Thứ Sáu   Giỗ Tổ Hùng Vương (10/3 âm lịch)             âm lịch 10/3
  30/04/2027  Thứ Sáu   Ngày Chiến thắng                             âm lịch 24/3
  01/05/2027  Thứ Bảy   Quốc tế Lao động                             âm lịch 25/3
  03/05/2027  Thứ Hai   Nghỉ bù (Quốc tế Lao động)                   âm lịch 27/3
  01/09/2027  Thứ Tư    Quốc khánh (ngày liền kề)                    âm lịch 1/8
  02/09/2027  Thứ Năm   Quốc khánh                                   âm lịch 2/8

Số ngày làm việc (working days): 250 / 365
"
    );
    let warnings: Vec<&str> = run.stderr_lines();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(
        warnings[0].starts_with("cảnh báo: ") && warnings[0].contains("2027"),
        "{}",
        run.stderr
    );
}

/// A config can add a year's official table: then no warning, and only the listed days.
#[test]
fn calendar_year_from_config() {
    let wd = Workdir::new();
    wd.write(
        "le.toml",
        "[holidays.2027]\n\
         source = \"Thông báo thử\"\n\
         off = [\"2027-01-01\", \"2027-02-05\", \"2027-02-08\", \"2027-02-09\", \"2027-02-10\", \"2027-02-11\", \"2027-02-12\"]\n\
         work = [\"2027-02-20\"]\n",
    );
    let run = wd.run(&["calendar", "--year", "2027", "--config", "le.toml"]);
    run.assert_code(0);
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout
            .starts_with("Năm 2027 — lịch nghỉ chính thức: Thông báo thử\n"),
        "{}",
        run.stdout
    );
    // 261 weekdays − 7 off + 1 worked Saturday.
    assert!(
        run.stdout
            .ends_with("\nSố ngày làm việc (working days): 255 / 365\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("  20/02/2027  Thứ Bảy\n"),
        "{}",
        run.stdout
    );
}

/// A report whose cases reach into a year without a table warns about that year.
#[test]
fn report_warns_about_years_without_a_table() {
    let wd = Workdir::new();
    wd.write(
        "so.csv",
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn\nY-1,28/12/2026,Hotline,PA\n",
    );
    let run = wd.report(
        "out",
        &["so.csv", "--period", "2027-01", "--calendar-months"],
    );
    run.assert_code(0);
    assert!(
        run.stderr_lines()
            .iter()
            .any(|l| l.starts_with("cảnh báo: ") && l.contains("2027")),
        "{}",
        run.stderr
    );
    // Received Mon 28/12/2026: 10 working days → 29, 30, 31/12, (1/1/2027 off), 4–8/01, 11,
    // 12/01 → Tue 12/01/2027; still pending, so overdue at 31/01/2027.
    let s = wd.summary("out");
    assert_eq!(counts(&s["totals"]), [1, 0, 1, 0, 0, 0, 1, 1]);
}
