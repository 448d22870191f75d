//! Figures worked out by hand on a small register (see the comments on each case).

use std::io::Write;

use super::*;
use crate::calendar::period::{Mode, Period};
use crate::config::Config;
use crate::pipeline::{Prepared, prepare};

/// A register whose every figure was computed by hand for Tháng 5/2026 (cut-off mode,
/// 15/04/2026–14/05/2026; 27/4, 30/4 and 1/5 are days off) and for May 2026 (calendar mode).
const REGISTER: &str = "\
SỔ THEO DÕI TIẾP NHẬN PAKN
Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Đơn vị xử lý,Lĩnh vực,Ngày giao,Hạn xử lý,Ngày phản hồi,Ngày hoàn thành,Mức độ hài lòng
A1,01/04/2026,Đường dây nóng,Phản ánh,Phòng X,Đầu tư,,14/04/2026,,20/04/2026,
A2,10/04/2026,Đường dây nóng,Phản ánh,Phòng X,Đầu tư,,,,14/04/2026,
A3,05/04/2026,Đường dây nóng,Phản ánh,Phòng X,Đầu tư,,20/04/2026,,,
A4,15/04/2026 08:00,Hotline,Phản ánh,Phòng X,Lao động,,,17/04/2026 14:00,14/05/2026,
A5,14/05/2026,Facebook,Phản ánh,Phòng Y,Lao động,,14/05/2026,,,
A6,20/04/2026,Facebook,Phản ánh,Phòng Y,Lao động,21/04/2026,13/05/2026,,13/05/2026,Hài lòng
A7,22/04/2026,Đơn thư,Phản ánh,Phòng X,Đầu tư,27/04/2026,30/04/2026,,15/05/2026,
A8,24/04/2026,Fanpage,Kiến nghị,Phòng Y,Đầu tư,28/04/2026,,,28/04/2026,2
A9,16/05/2026,Hotline,Phản ánh,Phòng Y,Đầu tư,,,,,
";

fn fixture() -> (tempfile::TempDir, Prepared) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("so.csv");
    std::fs::File::create(&path)
        .unwrap()
        .write_all(REGISTER.as_bytes())
        .unwrap();
    let prepared = prepare(&[path], &Config::default()).unwrap();
    (dir, prepared)
}

fn period(s: &str, mode: Mode) -> Period {
    Period::parse(
        s,
        mode,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
    )
    .unwrap()
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn cutoff_month_totals_by_hand() {
    let (_d, p) = fixture();
    assert_eq!(p.loaded.accepted(), 9);
    let f = compute(
        &p.loaded.cases,
        &p.loaded.vocab,
        &period("2026-05", Mode::Cutoff),
    )
    .unwrap();
    let t = &f.totals;
    // A1, A3 carried over (A2 was resolved before the start).
    assert_eq!(t.carried_over, 2);
    // A4–A8 received; A9 is after the end.
    assert_eq!(t.received, 5);
    assert_eq!(t.to_handle, 7);
    // A1 (late), A4 (late: legal deadline 04/05), A6 (on its due date: on time), A8 (on time).
    assert_eq!(t.resolved, 4);
    assert_eq!(t.resolved_on_time, 2);
    assert_eq!(t.resolved_late, 2);
    assert!(close(t.on_time_rate, 0.5));
    // A3, A5, A7 pending; A5 is due on the last day: not yet overdue.
    assert_eq!(t.pending, 3);
    assert_eq!(t.pending_overdue, 2);
    // A4 replied 2 days 6 hours after receipt, before its 10-working-day reply deadline.
    assert_eq!(t.responded, 1);
    assert_eq!(t.response_on_time, 1);
    assert_eq!(
        t.response_days,
        Stats {
            count: 1,
            mean: Some(2.25),
            median: Some(2.25),
            p90: Some(2.25),
            max: Some(2.25),
            hist: None,
        }
    );
    // Calendar days 4, 19, 23, 29: mean 18.75, median 21, p90 = 23 + 0.7 × 6 = 27.2.
    let r = &t.resolution_days;
    assert_eq!(r.count, 4);
    assert!(close(r.mean, 18.75) && close(r.median, 21.0) && close(r.p90, 27.2));
    assert!(close(r.max, 29.0));
    // Working days 1 (A8, across 27/4), 13, 14, 18: mean 11.5, median 13.5, p90 16.8.
    let w = &t.resolution_working_days;
    assert_eq!(w.count, 4);
    assert!(close(w.mean, 11.5) && close(w.median, 13.5) && close(w.p90, 16.8));
    assert!(close(w.max, 18.0));
    // A6 satisfied, A8 rated 2: not satisfied.
    assert_eq!(t.satisfaction.rated, 2);
    assert_eq!(t.satisfaction.satisfied, 1);
    assert!(close(t.satisfaction.rate, 0.5));
    // A6 next day, A8 on Tue 28/4 (Mon 27/4 is off): within; A7 assigned 3 days later: not.
    assert_eq!(t.assigned_within_1wd.count, 3);
    assert_eq!(t.assigned_within_1wd.within, 2);
    assert!(close(t.assigned_within_1wd.rate, 2.0 / 3.0));
}

#[test]
fn cutoff_month_breakdowns_by_hand() {
    let (_d, p) = fixture();
    let f = compute(
        &p.loaded.cases,
        &p.loaded.vocab,
        &period("2026-05", Mode::Cutoff),
    )
    .unwrap();
    let x = f.by_department.iter().find(|g| g.key == "Phòng X").unwrap();
    assert_eq!(
        (
            x.figures.carried_over,
            x.figures.received,
            x.figures.resolved,
            x.figures.resolved_on_time,
            x.figures.pending_overdue
        ),
        (2, 2, 2, 0, 2)
    );
    assert!(close(x.figures.on_time_rate, 0.0));
    let y = f.by_department.iter().find(|g| g.key == "Phòng Y").unwrap();
    assert_eq!(
        (
            y.figures.received,
            y.figures.resolved,
            y.figures.resolved_on_time,
            y.figures.pending,
            y.figures.pending_overdue
        ),
        (3, 2, 2, 1, 0)
    );
    // Every code is listed; an empty group has a null rate.
    assert_eq!(f.by_kind.len(), 4);
    let to_cao = f.by_kind.iter().find(|g| g.key == "to_cao").unwrap();
    assert_eq!(to_cao.figures.to_handle, 0);
    assert_eq!(to_cao.figures.on_time_rate, None);
    assert_eq!(to_cao.label, "Tố cáo");
    let fb = f.by_channel.iter().find(|g| g.key == "facebook").unwrap();
    assert_eq!(fb.figures.received, 3);
    // The groups add up to the totals.
    for groups in [&f.by_kind, &f.by_channel, &f.by_department, &f.by_category] {
        let sum: u64 = groups.iter().map(|g| g.figures.to_handle).sum();
        assert_eq!(sum, f.totals.to_handle);
        let sum: u64 = groups.iter().map(|g| g.figures.pending_overdue).sum();
        assert_eq!(sum, f.totals.pending_overdue);
    }
}

#[test]
fn calendar_month_by_hand() {
    let (_d, p) = fixture();
    let f = compute(
        &p.loaded.cases,
        &p.loaded.vocab,
        &period("2026-05", Mode::Calendar),
    )
    .unwrap();
    let t = &f.totals;
    // 01/05–31/05: A3, A4, A6, A7 carried; A5, A9 received.
    assert_eq!((t.carried_over, t.received, t.to_handle), (4, 2, 6));
    // A4 late, A6 on time, A7 late.
    assert_eq!((t.resolved, t.resolved_on_time, t.resolved_late), (3, 1, 2));
    // A3 (due 20/4), A5 (due 14/5), A9 (legal deadline Fri 29/05) overdue at 31/05.
    assert_eq!((t.pending, t.pending_overdue), (3, 3));
}

#[test]
fn late_case_list_matches_the_figures() {
    let (_d, p) = fixture();
    let per = period("2026-05", Mode::Cutoff);
    let late = late_cases(&p.loaded.cases, &per).unwrap();
    let ids: Vec<(&str, &str, i64)> = late
        .iter()
        .map(|c| (c.id.as_str(), c.reason.as_str(), c.days_overdue))
        .collect();
    assert_eq!(
        ids,
        vec![
            ("A1", "resolved_late", 6),
            ("A3", "pending_overdue", 24),
            ("A4", "resolved_late", 10),
            ("A7", "pending_overdue", 14),
        ]
    );
}

#[test]
fn no_deadline_when_compute_missing_is_off() {
    let (_d, p) = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("so.csv");
    std::fs::write(&path, REGISTER).unwrap();
    let cfg = Config::parse("[deadlines]\ncompute_missing = false\n").unwrap();
    let q = prepare(&[path], &cfg).unwrap();
    let per = period("2026-05", Mode::Cutoff);
    let f = compute(&q.loaded.cases, &q.loaded.vocab, &per).unwrap();
    // A4 has no recorded deadline: now on time. A8 too (it already was).
    assert_eq!(f.totals.resolved_on_time, 3);
    let g = compute(&p.loaded.cases, &p.loaded.vocab, &per).unwrap();
    assert_eq!(g.totals.resolved_on_time, 2);
}
