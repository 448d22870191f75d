//! The scorecard over twelve periods (SPEC §6, issue 17): hand-computed points, ranks and changes
//! on a small register spanning four months, read back from summary.json, the workbook (calamine)
//! and the PDF (pdftotext); every earlier point equals a separate `report` run for that period.

use std::process::Command;

use crate::common::{AS_OF, Book, Workdir, cell, text};
use calamine::Data;
use serde_json::Value;

/// Two criteria of 10 points, both scored for departments: the on-time rate (100 % → 10,
/// ≥ 50 % → 5) and no overdue pending case (0 → 10). Ratings on the share of the maximum.
const CRITERIA: &str = r#"
title = "Bảng điểm thử"
rating_basis = "percent"

[[criterion]]
id = "dung_han"
title = "Giải quyết đúng hạn"
max_points = 10
figure = "on_time_rate"
compare = ">="
bands = [ { at = 1.0, points = 10 }, { at = 0.5, points = 5 } ]
when_undefined = "full"
lost_cases = "late"

[[criterion]]
id = "qua_han"
title = "Không để quá hạn"
max_points = 10
figure = "pending_overdue"
compare = "<="
bands = [ { at = 0, points = 10 } ]
when_undefined = "full"
lost_cases = "overdue"

[[rating]]
at = 80
label = "Tốt"

[[rating]]
at = 50
label = "Khá"

[[rating]]
at = 0
label = "Yếu"
"#;

const CONFIG: &str = "[scorecard]\ncriteria_file = \"tieu-chi.toml\"\n";

/// The register: the first case is received in February 2026. Per month (calendar months):
///
/// | month | Phòng A | Phòng B | Phòng C | Phòng D | agency |
/// |---|---|---|---|---|---|
/// | 2/2026 | 1/1 on time → 20 | 0/1 → 0+10 = 10 | 1/1 → 20 | — | 2/3 → 5+10 = 15 |
/// | 3/2026 | 1/2 → 5+10 = 15 | 20 | 20 | — | 3/4 → 5+10 = 15 |
/// | 4/2026 | 1/1, A6 overdue → 10+0 = 10 | 0/1 → 10 | 1/2 → 15 | 20 | 3/5 → 5, overdue → 5 |
/// | 5/2026 | 0/1, A6 overdue → 0 | 20 | 20 | 20 | 3/4 → 5, overdue → 5 |
///
/// Ranks in April: D 1, C 2, A 3, B 3 (tie). In May: B, C, D 1 (tie), A 4.
const REGISTER: &[&str] = &[
    "A1,02/02/2026,Hotline,PA,Phòng A,Đầu tư,10/02/2026,05/02/2026",
    "B1,03/02/2026,Hotline,PA,Phòng B,Đầu tư,10/02/2026,20/02/2026",
    "C1,04/02/2026,Hotline,PA,Phòng C,Đầu tư,10/02/2026,06/02/2026",
    "A2,02/03/2026,Hotline,PA,Phòng A,Đầu tư,10/03/2026,20/03/2026",
    "A3,03/03/2026,Hotline,PA,Phòng A,Đầu tư,10/03/2026,05/03/2026",
    "B2,02/03/2026,Hotline,PA,Phòng B,Đầu tư,10/03/2026,05/03/2026",
    "C2,02/03/2026,Hotline,PA,Phòng C,Đầu tư,10/03/2026,05/03/2026",
    "A4,01/04/2026,Hotline,PA,Phòng A,Đầu tư,10/04/2026,05/04/2026",
    "A6,20/04/2026,Hotline,PA,Phòng A,Đầu tư,25/04/2026,",
    "B3,01/04/2026,Hotline,PA,Phòng B,Đầu tư,10/04/2026,20/04/2026",
    "C3,01/04/2026,Hotline,PA,Phòng C,Đầu tư,10/04/2026,20/04/2026",
    "C4,02/04/2026,Hotline,PA,Phòng C,Đầu tư,10/04/2026,05/04/2026",
    "D1,02/04/2026,Hotline,PA,Phòng D,Đầu tư,10/04/2026,05/04/2026",
    "A5,04/05/2026,Hotline,PA,Phòng A,Đầu tư,10/05/2026,20/05/2026",
    "B4,04/05/2026,Hotline,PA,Phòng B,Đầu tư,10/05/2026,06/05/2026",
    "C5,04/05/2026,Hotline,PA,Phòng C,Đầu tư,10/05/2026,06/05/2026",
    "D2,04/05/2026,Hotline,PA,Phòng D,Đầu tư,10/05/2026,06/05/2026",
];

const MONTHS: [&str; 12] = [
    "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01",
    "2026-02", "2026-03", "2026-04", "2026-05",
];

fn workdir() -> Workdir {
    let wd = Workdir::new();
    let mut csv = String::from(
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Đơn vị xử lý,Lĩnh vực,Hạn xử lý,Ngày hoàn thành\n",
    );
    for r in REGISTER {
        csv.push_str(r);
        csv.push('\n');
    }
    wd.write("so.csv", csv);
    wd.write("tieu-chi.toml", CRITERIA);
    wd.write("cfg.toml", CONFIG);
    wd
}

fn report(wd: &Workdir, out: &str, period: &str, format: &[&str]) {
    let mut args = vec![
        "report",
        "so.csv",
        "--config",
        "cfg.toml",
        "--calendar-months",
        "--period",
        period,
        "--as-of",
        AS_OF,
        "--out",
        out,
    ];
    for f in format {
        args.extend(["--format", f]);
    }
    wd.run(&args).assert_code(0);
}

/// Points of a trend as numbers (None for null).
fn points(trend: &Value) -> Vec<Option<f64>> {
    trend
        .as_array()
        .expect("trend is a list")
        .iter()
        .map(|p| p["points"].as_f64())
        .collect()
}

fn department<'a>(s: &'a Value, key: &str) -> &'a Value {
    s["scorecard"]["by_department"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["key"] == key)
        .unwrap_or_else(|| panic!("department {key}"))
}

const N: Option<f64> = None;

#[test]
fn summary_json_carries_the_hand_computed_trend_ranks_and_changes() {
    let wd = workdir();
    report(&wd, "out", "2026-05", &["json"]);
    let s = wd.summary("out");
    let sc = &s["scorecard"];
    let trend = sc["trend"].as_array().unwrap();
    assert_eq!(trend.len(), 12);
    assert_eq!(trend[0]["period"]["label"], "Tháng 6/2025");
    assert_eq!(trend[0]["period"]["start"], "2025-06-01");
    assert_eq!(trend[11]["period"]["label"], "Tháng 5/2026");
    // Before the first case: no data, not zero points.
    let mut agency = vec![N; 8];
    agency.extend([Some(15.0), Some(15.0), Some(5.0), Some(5.0)]);
    assert_eq!(points(&sc["trend"]), agency);
    assert!(trend[0]["rating"].is_null());
    assert_eq!(trend[0]["max_points"], 20);
    assert_eq!(trend[8]["rating"], "Khá");
    assert_eq!(trend[11]["rating"], "Yếu");
    assert_eq!(sc["points_change"], 0);
    // The last point is this period's scorecard.
    assert_eq!(trend[11]["points"], sc["points"]);
    assert_eq!(trend[11]["rating"], sc["rating"]);

    let expect = [
        // key, points (Feb–May), rank, previous rank, change, status
        (
            "Phòng A",
            [Some(20.0), Some(15.0), Some(10.0), Some(0.0)],
            4,
            3,
            -10,
            "down",
        ),
        (
            "Phòng B",
            [Some(10.0), Some(20.0), Some(10.0), Some(20.0)],
            1,
            3,
            10,
            "up",
        ),
        (
            "Phòng C",
            [Some(20.0), Some(20.0), Some(15.0), Some(20.0)],
            1,
            2,
            5,
            "up",
        ),
        ("Phòng D", [N, N, Some(20.0), Some(20.0)], 1, 1, 0, "same"),
    ];
    for (key, pts, rank, prev, change, status) in expect {
        let d = department(&s, key);
        let mut want = vec![N; 8];
        want.extend(pts);
        assert_eq!(points(&d["trend"]), want, "{key}");
        assert_eq!(d["rank"], rank, "{key}");
        assert_eq!(d["previous_rank"], prev, "{key}");
        assert_eq!(d["points_change"], change, "{key}");
        assert_eq!(d["status"], status, "{key}");
        assert_eq!(d["trend"][11]["points"], d["points"], "{key}");
        assert_eq!(d["trend"][11]["rating"], d["rating"], "{key}");
    }
    assert_eq!(department(&s, "Phòng A")["trend"][10]["rating"], "Khá");
    assert_eq!(department(&s, "Phòng A")["trend"][11]["rating"], "Yếu");

    // In April, Phòng D is new (no case in March): no previous rank, no change; A and B tie at
    // rank 3 (March: B and C 1, A 3).
    report(&wd, "apr", "2026-04", &["json"]);
    let s = wd.summary("apr");
    let d = department(&s, "Phòng D");
    assert_eq!(
        (d["rank"].as_u64(), d["status"].as_str()),
        (Some(1), Some("new"))
    );
    assert!(d["previous_rank"].is_null() && d["points_change"].is_null());
    for (key, rank, prev, change, status) in [
        ("Phòng A", 3, 3, -5, "same"),
        ("Phòng B", 3, 1, -10, "down"),
        ("Phòng C", 2, 1, -5, "down"),
    ] {
        let d = department(&s, key);
        assert_eq!(d["rank"], rank, "{key}");
        assert_eq!(d["previous_rank"], prev, "{key}");
        assert_eq!(d["points_change"], change, "{key}");
        assert_eq!(d["status"], status, "{key}");
    }
    assert_eq!(s["scorecard"]["points_change"], -10);
}

/// Each point of the trend is the scorecard of a separate run for that period; the periods
/// before the first case are null where a separate run would score an empty period.
#[test]
fn every_earlier_point_equals_a_separate_report_for_that_period() {
    let wd = workdir();
    report(&wd, "now", "2026-05", &["json"]);
    let now = wd.summary("now");
    let trend = now["scorecard"]["trend"].as_array().unwrap().clone();
    for (i, m) in MONTHS.iter().enumerate() {
        let out = format!("m{i}");
        report(&wd, &out, m, &["json"]);
        let s = wd.summary(&out);
        assert_eq!(trend[i]["period"], s["period"], "{m}");
        if i < 8 {
            assert!(trend[i]["points"].is_null(), "{m}");
            assert_eq!(s["totals"]["to_handle"], 0, "{m}");
            continue;
        }
        assert_eq!(trend[i]["points"], s["scorecard"]["points"], "{m}");
        assert_eq!(trend[i]["rating"], s["scorecard"]["rating"], "{m}");
        for d in now["scorecard"]["by_department"].as_array().unwrap() {
            let key = d["key"].as_str().unwrap();
            let there = s["scorecard"]["by_department"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["key"] == key);
            match there {
                Some(x) => {
                    assert_eq!(d["trend"][i]["points"], x["points"], "{m} {key}");
                    assert_eq!(d["trend"][i]["rating"], x["rating"], "{m} {key}");
                }
                None => assert!(d["trend"][i]["points"].is_null(), "{m} {key}"),
            }
        }
        // The previous period's ranks are that run's ranks.
        if i == 11 {
            let prev = wd.summary("m10");
            for d in prev["scorecard"]["by_department"].as_array().unwrap() {
                let key = d["key"].as_str().unwrap();
                assert_eq!(department(&now, key)["previous_rank"], d["rank"], "{key}");
            }
        }
    }
}

/// A quarter's trend is twelve quarters.
#[test]
fn a_quarter_scores_twelve_quarters() {
    let wd = workdir();
    report(&wd, "q", "2026-Q2", &["json"]);
    let s = wd.summary("q");
    let t = s["scorecard"]["trend"].as_array().unwrap();
    assert_eq!(t.len(), 12);
    assert_eq!(t[0]["period"]["start"], "2023-07-01");
    assert_eq!(t[11]["period"]["start"], "2026-04-01");
    assert_eq!(t[11]["period"]["end"], "2026-06-30");
    // Q1 2026 (February and March): 5 of 7 resolved on time → 5; no overdue → 10.
    assert_eq!(t[10]["points"], 15);
    assert!(t[9]["points"].is_null());
}

fn find_row(grid: &[Vec<Data>], col: usize, s: &str) -> usize {
    (0..grid.len())
        .find(|&r| text(cell(grid, r, col)) == Some(s))
        .unwrap_or_else(|| panic!("no row with {s:?} in column {col}"))
}

fn num(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

#[test]
fn the_workbook_shows_points_ranks_arrows_and_no_data() {
    let wd = workdir();
    report(&wd, "out", "2026-05", &["xlsx"]);
    let book = Book::open(&wd.path().join("out/bao-cao-pakn-2026-05.xlsx"));
    let g = book.sheet("Chấm điểm");
    let sec = find_row(g, 0, "Điểm qua 12 kỳ, xếp hạng và thay đổi so với kỳ trước");
    let head = sec + 1;
    assert_eq!(text(cell(g, head, 0)), Some("Hạng"));
    assert_eq!(text(cell(g, head, 9)), Some("6/2025"));
    assert_eq!(text(cell(g, head, 20)), Some("5/2026"));
    // The agency first, then the departments best rank first (ties alphabetical).
    assert_eq!(text(cell(g, head + 1, 1)), Some("Toàn cơ quan"));
    assert_eq!(num(cell(g, head + 1, 3)), Some(5.0));
    assert_eq!(num(cell(g, head + 1, 7)), Some(0.0));
    let rows: Vec<(String, f64, Option<f64>, String, Option<f64>)> = (head + 2..head + 6)
        .map(|r| {
            (
                text(cell(g, r, 1)).unwrap().to_string(),
                num(cell(g, r, 0)).unwrap(),
                num(cell(g, r, 5)),
                text(cell(g, r, 6)).unwrap().to_string(),
                num(cell(g, r, 7)),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                "Phòng B".into(),
                1.0,
                Some(3.0),
                "↑ (3 → 1)".into(),
                Some(10.0)
            ),
            (
                "Phòng C".into(),
                1.0,
                Some(2.0),
                "↑ (2 → 1)".into(),
                Some(5.0)
            ),
            (
                "Phòng D".into(),
                1.0,
                Some(1.0),
                "= (1 → 1)".into(),
                Some(0.0)
            ),
            (
                "Phòng A".into(),
                4.0,
                Some(3.0),
                "↓ (3 → 4)".into(),
                Some(-10.0)
            ),
        ]
    );
    // Phòng A over the twelve months: no data, then 20, 15, 10, 0.
    let a = head + 5;
    assert_eq!(text(cell(g, a, 9)), Some("chưa có số liệu"));
    assert_eq!(text(cell(g, a, 16)), Some("chưa có số liệu"));
    let pts: Vec<Option<f64>> = (17..=20).map(|c| num(cell(g, a, c))).collect();
    assert_eq!(pts, vec![Some(20.0), Some(15.0), Some(10.0), Some(0.0)]);
    // Phòng D had no case before April.
    assert_eq!(text(cell(g, head + 4, 18)), Some("chưa có số liệu"));
    // The chart's data: the agency and the three worst ranks (A, then the tied D, C).
    let data = find_row(g, 0, "Số liệu của biểu đồ (ô trống: chưa có số liệu)");
    let names: Vec<&str> = (data + 2..data + 6)
        .map(|r| text(cell(g, r, 8)).unwrap())
        .collect();
    assert_eq!(names, vec!["Toàn cơ quan", "Phòng A", "Phòng D", "Phòng C"]);
    assert_eq!(cell(g, data + 2, 9), &Data::Empty);
    assert_eq!(num(cell(g, data + 2, 17)), Some(15.0));
    // A native line chart in the sheet's drawing.
    let bytes = std::fs::read(wd.path().join("out/bao-cao-pakn-2026-05.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut found = false;
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().unwrap().starts_with("xl/charts/") {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut f, &mut s).unwrap();
            if s.contains("<c:lineChart>") {
                found = true;
                assert!(
                    s.contains("'Chấm điểm'"),
                    "the line chart reads the Chấm điểm sheet"
                );
            }
        }
    }
    assert!(found, "no line chart in the workbook");
}

fn pdftotext(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, installed by .ci/run) must be installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_report_ranks_departments_and_gives_each_its_own_block() {
    let wd = workdir();
    report(&wd, "out", "2026-05", &["pdf"]);
    let pdf = wd.path().join("out/bao-cao-pakn-2026-05.pdf");
    let txt = pdftotext(&pdf);
    let flat = squash(&txt);
    assert!(flat.contains("Xếp hạng các đơn vị và thay đổi so với kỳ trước"));
    assert!(flat.contains("Điểm của toàn cơ quan 6/2025 – 5/2026: 5 điểm kỳ này, 0 điểm so với kỳ trước; cao nhất 15 điểm (2/2026), thấp nhất 5 điểm (4/2026)."), "{flat}");
    // Ranking rows: rank, department, points, rating, previous rank, arrow, change.
    for row in [
        "1 Phòng B 20 Tốt 3 ↑ (3 → 1) +10",
        "1 Phòng C 20 Tốt 2 ↑ (2 → 1) +5",
        "1 Phòng D 20 Tốt 1 = (1 → 1) 0",
        "4 Phòng A 0 Yếu 3 ↓ (3 → 4) −10",
        "Toàn cơ quan 5 Yếu 0",
    ] {
        assert!(flat.contains(row), "ranking row {row:?} missing:\n{txt}");
    }
    // The annex: one block per department, each at the top or the middle of a page.
    assert!(flat.contains("PHỤ LỤC: PHIẾU CHẤM ĐIỂM"));
    let pages: Vec<&str> = txt.split('\u{c}').collect();
    for key in ["Phòng A", "Phòng B", "Phòng C", "Phòng D"] {
        let title = format!("PHIẾU CHẤM ĐIỂM: {key}");
        let n = pages.iter().filter(|p| squash(p).contains(&title)).count();
        assert_eq!(n, 1, "{title} once");
    }
    assert!(flat.contains(
        "PHIẾU CHẤM ĐIỂM: Phòng A Tháng 5/2026: 0/20 điểm — Yếu. Hạng 4/4 (kỳ trước: 3) ↓; −10 điểm so với kỳ trước."
    ), "{flat}");
    // The case numbers behind each lost point of Phòng A.
    assert!(
        flat.contains("Hồ sơ gây mất điểm — Giải quyết đúng hạn: A5."),
        "{flat}"
    );
    assert!(
        flat.contains("Hồ sơ gây mất điểm — Không để quá hạn: A6."),
        "{flat}"
    );
    assert!(flat.contains(
        "PHIẾU CHẤM ĐIỂM: Phòng D Tháng 5/2026: 20/20 điểm — Tốt. Hạng 1/4 (kỳ trước: 1) =; 0 điểm so với kỳ trước."
    ));
    // Each block's twelve-period line, with the periods before the first case marked.
    assert_eq!(flat.matches("Điểm của đơn vị qua 12 kỳ").count(), 4);
    assert!(flat.contains("chưa có số liệu"));
}
