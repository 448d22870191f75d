//! Deadlines through the binary around the 2026 changes of the law's calendar (SPEC §4.1, §4.3):
//! Quốc khánh 2026 (Sat 22/08 worked, Sat 29/08 – Wed 02/09 off with Mon 31/08 swapped) and the
//! longer term of a second complaint (Luật Khiếu nại 2011 Điều 37). Every figure was worked out
//! by hand; each case has its own category so that its verdict can be read alone.

use crate::common::*;

/// Phản ánh received around Quốc khánh 2026, without a recorded deadline: 10 working days from
/// receipt (Luật Tiếp công dân Điều 28), counted per BLDS Điều 147–148.
///
/// | case | received | assigned | resolved | legal deadline | working days to resolution |
/// |---|---|---|---|---|---|
/// | P1 (cat. A) | Thu 20/08 | Fri 21/08 | Mon 07/09 | Fri 21 (1), **Sat 22 (2)**, Mon 24 … Fri 28 (7), Thu 3/9 (8), Fri 4/9 (9), **Mon 07/09** (10) — on time | 10 |
/// | P2 (cat. B) | Fri 28/08 | Thu 03/09 | Wed 16/09 | Thu 3/9 (1) … **Wed 16/09** (10) — on time (Tue 15/09 under the old table: late) | 10 |
/// | P3 (cat. C) | Fri 14/08 | Mon 17/08 | Fri 28/08 | Mon 17 … Fri 21 (5), Sat 22 (6), Mon 24 … **Thu 27/08** (10) — late (Fri 28/08 under the old table: on time) | 11 |
///
/// Assigned within 1 working day: P1 (Fri 21/08 is the 1st working day after Thu 20/08), P2
/// (Thu 03/09 is the 1st after Fri 28/08; Mon 31/08 was under the old table), P3 (Mon 17/08):
/// 3 of 3. Working days to resolution 10, 10, 11: mean 31/3 (written 10.333333), median 10,
/// p90 10.8 (rank 1.8), max 11.
#[test]
fn pakn_terms_across_quoc_khanh_2026() {
    let wd = Workdir::new();
    wd.write(
        "so.csv",
        csv_text(
            "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Lĩnh vực,Ngày giao,Ngày hoàn thành",
            &[
                "P1,20/08/2026,Hotline,PA,A,21/08/2026,07/09/2026",
                "P2,28/08/2026,Hotline,PA,B,03/09/2026,16/09/2026",
                "P3,14/08/2026,Hotline,PA,C,17/08/2026,28/08/2026",
            ],
        ),
    );
    let s = wd.report_json("out", &["so.csv", "--period", "2026-08-01..2026-09-30"]);
    // carried_over, received, to_handle, resolved, on time, late, pending, pending overdue.
    assert_eq!(counts(&s["totals"]), [0, 3, 3, 3, 2, 1, 0, 0]);
    assert_eq!(
        counts(group(&s, "by_category", "A")),
        [0, 1, 1, 1, 1, 0, 0, 0]
    );
    assert_eq!(
        counts(group(&s, "by_category", "B")),
        [0, 1, 1, 1, 1, 0, 0, 0]
    );
    assert_eq!(
        counts(group(&s, "by_category", "C")),
        [0, 1, 1, 1, 0, 1, 0, 0]
    );
    assert_eq!(s["totals"]["assigned_within_1wd"]["within"], 3);
    assert_stats(
        &s["totals"]["resolution_working_days"],
        3,
        10.333333,
        10.0,
        10.8,
        11.0,
    );
}

/// A register with the optional "Lần giải quyết" column: complaints with thụ lý recorded on
/// Wed 05/08/2026, all resolved Mon 14/09/2026 = thụ lý + 40 days.
///
/// | case | attempt | deadline | verdict |
/// |---|---|---|---|
/// | K1 (cat. A) | Lần đầu | 05/08 + 30 = Fri 04/09 | late |
/// | K2 (cat. B) | Lần hai | 05/08 + 45 = Sat 19/09 → Mon 21/09 | on time |
/// | K3 (cat. C) | blank | as a first complaint: Fri 04/09 | late |
/// | K4 (cat. D) | 3 (nhiều lần) | as a second complaint: Mon 21/09 | on time |
///
/// The same register without the column gives today's rule (30 days) to every case: all late.
#[test]
fn a_second_complaint_gets_45_days_from_thu_ly() {
    let wd = Workdir::new();
    let rows = [
        ("K1", "A", "Lần đầu"),
        ("K2", "B", "Lần hai"),
        ("K3", "C", ""),
        ("K4", "D", "3"),
    ];
    let with: Vec<String> = rows
        .iter()
        .map(|(id, cat, attempt)| {
            format!("{id},03/08/2026,Đơn thư,Khiếu nại,{cat},{attempt},05/08/2026,14/09/2026")
        })
        .collect();
    let with: Vec<&str> = with.iter().map(String::as_str).collect();
    wd.write(
        "lan.csv",
        csv_text(
            "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Lĩnh vực,Lần giải quyết,Ngày thụ lý,Ngày hoàn thành",
            &with,
        ),
    );
    let s = wd.report_json("with", &["lan.csv", "--period", "2026-Q3"]);
    assert_eq!(counts(&s["totals"]), [0, 4, 4, 4, 2, 2, 0, 0]);
    assert_eq!(
        counts(group(&s, "by_category", "A")),
        [0, 1, 1, 1, 0, 1, 0, 0]
    );
    assert_eq!(
        counts(group(&s, "by_category", "B")),
        [0, 1, 1, 1, 1, 0, 0, 0]
    );
    assert_eq!(
        counts(group(&s, "by_category", "C")),
        [0, 1, 1, 1, 0, 1, 0, 0]
    );
    assert_eq!(
        counts(group(&s, "by_category", "D")),
        [0, 1, 1, 1, 1, 0, 0, 0]
    );

    let without: Vec<String> = rows
        .iter()
        .map(|(id, cat, _)| {
            format!("{id},03/08/2026,Đơn thư,Khiếu nại,{cat},05/08/2026,14/09/2026")
        })
        .collect();
    let without: Vec<&str> = without.iter().map(String::as_str).collect();
    wd.write(
        "khong-lan.csv",
        csv_text(
            "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Lĩnh vực,Ngày thụ lý,Ngày hoàn thành",
            &without,
        ),
    );
    let s = wd.report_json("without", &["khong-lan.csv", "--period", "2026-Q3"]);
    assert_eq!(counts(&s["totals"]), [0, 4, 4, 4, 0, 4, 0, 0]);
    for cat in ["A", "B", "C", "D"] {
        assert_eq!(
            counts(group(&s, "by_category", cat)),
            [0, 1, 1, 1, 0, 1, 0, 0],
            "{cat}"
        );
    }
}

/// A second complaint still open at the end of the period is overdue only after its own,
/// longer term: thụ lý Wed 05/08/2026, period ending Mon 14/09/2026 (2026-09, cut-off mode).
/// The first complaint's deadline (Fri 04/09) has passed; the second's (Mon 21/09) has not.
#[test]
fn an_open_second_complaint_is_not_overdue_before_its_term() {
    let wd = Workdir::new();
    wd.write(
        "mo.csv",
        csv_text(
            "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Lĩnh vực,Lần giải quyết,Ngày thụ lý",
            &[
                "M1,03/08/2026,Đơn thư,Khiếu nại,A,Lần đầu,05/08/2026",
                "M2,03/08/2026,Đơn thư,Khiếu nại,B,Khiếu nại lần hai,05/08/2026",
            ],
        ),
    );
    let s = wd.report_json("out", &["mo.csv", "--period", "2026-09"]);
    // Received 03/08, before the period 15/08 – 14/09: carried over, still pending.
    assert_eq!(counts(&s["totals"]), [2, 0, 2, 0, 0, 0, 2, 1]);
    assert_eq!(
        counts(group(&s, "by_category", "A")),
        [1, 0, 1, 0, 0, 0, 1, 1]
    );
    assert_eq!(
        counts(group(&s, "by_category", "B")),
        [1, 0, 1, 0, 0, 0, 1, 0]
    );
}
