//! `remind` (SPEC §12) and `explain` (SPEC §13) end to end through the binary.
//!
//! The reminder register below was built around the holidays of the shipped tables, so that
//! every "working days left" was counted by hand on the calendar:
//! - Tết Bính Ngọ: Mon 16/02–Fri 20/02/2026 off (with the weekends, 14/02–22/02);
//! - 2025: Sat 26/04 worked (làm bù for Fri 02/05), Wed 30/04, Thu 01/05, Fri 02/05 off.
//!
//! | case | received | due | responded | resolved | department |
//! |---|---|---|---|---|---|
//! | T1 | 01/12/2025 | Mon 23/02/2026 (first working day after Tết) | 02/12/2025 | — | Phòng Quản lý Đầu tư |
//! | T2 | 01/12/2025 | Fri 13/02/2026 | 02/12/2025 | — | Văn phòng |
//! | T3 | 01/12/2025 | Thu 12/02/2026 | 02/12/2025 | — | Phòng Tài nguyên/Môi trường |
//! | T4 | 01/12/2025 | Tue 24/02/2026 | 02/12/2025 | — | Phòng Quản lý Đầu tư |
//! | T5 | 01/12/2025 | Thu 12/02/2026 | 02/12/2025 | 12/02/2026 | Văn phòng |
//! | T6 | 01/12/2025 | Thu 12/02/2026 | 02/12/2025 | 16/02/2026 | Phòng Quản lý Đầu tư |
//! | T7 | Fri 30/01/2026 | 30/03/2026 | — (reply due Fri 13/02) | — | Văn phòng |
//! | T8 | Fri 30/01/2026 | 30/03/2026 | 05/02/2026 | — | Văn phòng |
//! | L1 | 03/03/2025 | Sat 26/04/2025 (làm bù) | 04/03/2025 | 10/05/2025 | Phòng Quản lý Đầu tư |
//! | L2 | 03/03/2025 | Mon 28/04/2025 | 04/03/2025 | 10/05/2025 | Phòng Quản lý Đầu tư |
//! | L3 | 03/03/2025 | Fri 02/05/2025 (day off) | 04/03/2025 | 10/05/2025 | Phòng Quản lý Đầu tư |
//! | L4 | 03/03/2025 | Mon 05/05/2025 | 04/03/2025 | 10/05/2025 | Phòng Quản lý Đầu tư |
//! | L5 | 03/03/2025 | Thu 24/04/2025 | 04/03/2025 | 10/05/2025 | Phòng Quản lý Đầu tư |
//!
//! As of Fri 13/02/2026 (the last working day before Tết), within 1 working day:
//! T3 and T6 are overdue by exactly one working day (−1), T2 is due today (0), T1 is due on the
//! first working day after Tết (1: the nine days between are off), T4 is 2 working days away (not
//! listed), T5 is closed, T7's reply is owed today (its own deadline is 26 working days away),
//! T8 was replied to. The 2025 cases are closed by then.
//! As of Fri 25/04/2025, within 3: L5 −1 (overdue), L1 1 (the làm bù Saturday counts), L2 2,
//! L3 3 (Fri 02/05 is off: 26/04, 28/04, 29/04), L4 4 (not listed).

use crate::common::*;
use serde_json::Value;

const HEADER: &str = "STT,Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Đơn vị xử lý,Lĩnh vực,Hạn xử lý,Ngày phản hồi,Ngày hoàn thành,Họ tên,Số điện thoại,Nội dung";

/// Personal values written in the register's personal columns: none may appear in an output.
const PERSONAL: [&str; 3] = [
    "Phạm Thị Riêng",
    "0987 654 321",
    "Khiếu nại việc ông Hoàng Văn Kín thu tiền",
];

fn register() -> String {
    let rows = [
        (
            "T1",
            "01/12/2025",
            "23/02/2026",
            "02/12/2025",
            "",
            "Phòng Quản lý Đầu tư",
        ),
        (
            "T2",
            "01/12/2025",
            "13/02/2026",
            "02/12/2025",
            "",
            "Văn phòng",
        ),
        (
            "T3",
            "01/12/2025",
            "12/02/2026",
            "02/12/2025",
            "",
            "Phòng Tài nguyên/Môi trường",
        ),
        (
            "T4",
            "01/12/2025",
            "24/02/2026",
            "02/12/2025",
            "",
            "Phòng Quản lý Đầu tư",
        ),
        (
            "T5",
            "01/12/2025",
            "12/02/2026",
            "02/12/2025",
            "12/02/2026",
            "Văn phòng",
        ),
        (
            "T6",
            "01/12/2025",
            "12/02/2026",
            "02/12/2025",
            "16/02/2026",
            "Phòng Quản lý Đầu tư",
        ),
        ("T7", "30/01/2026", "30/03/2026", "", "", "Văn phòng"),
        (
            "T8",
            "30/01/2026",
            "30/03/2026",
            "05/02/2026",
            "",
            "Văn phòng",
        ),
        (
            "L1",
            "03/03/2025",
            "26/04/2025",
            "04/03/2025",
            "10/05/2025",
            "Phòng Quản lý Đầu tư",
        ),
        (
            "L2",
            "03/03/2025",
            "28/04/2025",
            "04/03/2025",
            "10/05/2025",
            "Phòng Quản lý Đầu tư",
        ),
        (
            "L3",
            "03/03/2025",
            "02/05/2025",
            "04/03/2025",
            "10/05/2025",
            "Phòng Quản lý Đầu tư",
        ),
        (
            "L4",
            "03/03/2025",
            "05/05/2025",
            "04/03/2025",
            "10/05/2025",
            "Phòng Quản lý Đầu tư",
        ),
        (
            "L5",
            "03/03/2025",
            "24/04/2025",
            "04/03/2025",
            "10/05/2025",
            "Phòng Quản lý Đầu tư",
        ),
    ];
    let mut s = format!("{HEADER}\n");
    for (i, (id, rec, due, resp, res, dept)) in rows.iter().enumerate() {
        s.push_str(&format!(
            "{},{id},{rec},Hotline,Phản ánh,{dept},Đầu tư,{due},{resp},{res},{},\"{}\",\"{}\"\n",
            i + 1,
            PERSONAL[0],
            PERSONAL[1],
            PERSONAL[2]
        ));
    }
    s
}

/// (id, working days left, overdue, reply owed) of remind.json, in list order.
fn listed(v: &Value) -> Vec<(String, i64, bool, bool)> {
    v["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["working_days_left"].as_i64().expect("days left"),
                c["overdue"].as_bool().unwrap(),
                c["reply_owed"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn l(id: &str, days: i64, overdue: bool, reply: bool) -> (String, i64, bool, bool) {
    (id.to_string(), days, overdue, reply)
}

fn remind(dir: &Workdir, args: &[&str]) -> Run {
    let mut all = vec!["remind", "so.csv"];
    all.extend_from_slice(args);
    dir.run(&all)
}

#[test]
fn remind_before_tet_counts_working_days_across_the_holiday() {
    let dir = Workdir::new();
    dir.write("so.csv", register());
    let run = remind(
        &dir,
        &["--as-of", "2026-02-13", "--within", "1", "--out", "out"],
    );
    run.assert_code(0);
    assert!(
        run.stderr_lines()
            .contains(&"Quá hạn 2, đến hạn trong 1 ngày làm việc 2, chưa phản hồi 1"),
        "{}",
        run.stderr
    );
    let v: Value = serde_json::from_str(&dir.read("out/remind.json")).unwrap();
    assert_eq!(v["schema"], "pakn-report/remind/v1");
    assert_eq!(v["as_of"], "2026-02-13");
    assert_eq!(v["within"], 1);
    // By department in Vietnamese order, most urgent first.
    assert_eq!(
        listed(&v),
        vec![
            l("T6", -1, true, false),
            l("T1", 1, false, false),
            l("T3", -1, true, false),
            l("T2", 0, false, false),
            l("T7", 26, false, true),
        ]
    );
    let t7 = &v["cases"][4];
    assert_eq!(t7["department"], "Văn phòng");
    assert_eq!(t7["received_at"], "2026-01-30");
    assert_eq!(t7["due"], "2026-03-30");
    assert_eq!(t7["reply_due"], "2026-02-13");
    assert_eq!(t7["reply_working_days_left"], 0);
    assert_eq!(t7["replied"], false);
    assert_eq!(v["cases"][1]["due"], "2026-02-23");
    assert_eq!(v["cases"][1]["replied"], true);
    assert_eq!(v["cases"][1]["kind"], "phan_anh");
    assert_eq!(v["cases"][1]["channel"], "hotline");

    // The workbook: Tổng hợp, then one sheet per department, names valid for Excel.
    let book = Book::open(&dir.path().join("out/nhac-han-2026-02-13.xlsx"));
    assert_eq!(
        book.names,
        vec![
            "Tổng hợp",
            "Phòng Quản lý Đầu tư",
            "Phòng Tài nguyên-Môi trường",
            "Văn phòng"
        ]
    );
    let sum = book.sheet("Tổng hợp");
    let row_of = |grid: &Vec<Vec<calamine::Data>>, first: &str| -> Vec<f64> {
        let r = grid
            .iter()
            .position(|row| row.first().and_then(text) == Some(first))
            .unwrap_or_else(|| panic!("no row {first}"));
        (1..=5)
            .map(|c| match cell(grid, r, c) {
                calamine::Data::Float(f) => *f,
                other => panic!("{first} column {c}: {other:?}"),
            })
            .collect()
    };
    // overdue, due today, due within N, replies owed, cases
    assert_eq!(
        row_of(sum, "Phòng Quản lý Đầu tư"),
        vec![1., 0., 1., 0., 2.]
    );
    assert_eq!(
        row_of(sum, "Phòng Tài nguyên/Môi trường"),
        vec![1., 0., 0., 0., 1.]
    );
    assert_eq!(row_of(sum, "Văn phòng"), vec![0., 1., 0., 1., 2.]);
    assert_eq!(row_of(sum, "Tổng cộng"), vec![2., 1., 1., 1., 5.]);
    let heads: Vec<&str> = sum
        .iter()
        .find(|r| r.first().and_then(text) == Some("Đơn vị"))
        .expect("header row")
        .iter()
        .filter_map(text)
        .collect();
    assert_eq!(heads[3], "Đến hạn trong 1 ngày làm việc tới");

    let dept = book.sheet("Phòng Quản lý Đầu tư");
    let h = dept
        .iter()
        .position(|r| r.first().and_then(text) == Some("Mã số"))
        .expect("header row");
    let heads: Vec<&str> = dept[h].iter().filter_map(text).collect();
    assert_eq!(
        heads,
        vec![
            "Mã số",
            "Loại",
            "Lĩnh vực",
            "Kênh",
            "Ngày tiếp nhận",
            "Hạn giải quyết",
            "Số ngày làm việc còn lại",
            "Hạn phản hồi",
            "Đã phản hồi"
        ]
    );
    assert_eq!(text(cell(dept, h + 1, 0)), Some("T6"));
    assert_eq!(cell(dept, h + 1, 6), &calamine::Data::Float(-1.0));
    assert_eq!(text(cell(dept, h + 2, 0)), Some("T1"));
    assert_eq!(cell(dept, h + 2, 6), &calamine::Data::Float(1.0));
    assert_eq!(text(cell(dept, h + 2, 1)), Some("Phản ánh"));
    assert!(
        matches!(cell(dept, h + 2, 5), calamine::Data::DateTime(d) if d.as_f64() == 46076.0),
        "the deadline is a date cell (23/02/2026): {:?}",
        cell(dept, h + 2, 5)
    );
    assert_eq!(text(cell(dept, h + 3, 0)), None, "only two cases");

    // Two working days ahead, T4 (due Tue 24/02) comes in.
    let run = remind(
        &dir,
        &[
            "--as-of",
            "2026-02-13",
            "--within",
            "2",
            "--out",
            "out2",
            "--format",
            "json",
        ],
    );
    run.assert_code(0);
    let v: Value = serde_json::from_str(&dir.read("out2/remind.json")).unwrap();
    let ids: Vec<String> = listed(&v).into_iter().map(|c| c.0).collect();
    assert_eq!(ids, vec!["T6", "T1", "T4", "T3", "T2", "T7"]);
    assert!(!dir.exists("out2/nhac-han-2026-02-13.xlsx"), "json only");
}

#[test]
fn remind_counts_a_lam_bu_saturday_and_skips_the_holidays() {
    let dir = Workdir::new();
    dir.write("so.csv", register());
    let run = remind(
        &dir,
        &["--as-of", "2025-04-25", "--out", "out", "--format", "json"],
    );
    run.assert_code(0);
    assert!(
        run.stderr_lines()
            .contains(&"Quá hạn 1, đến hạn trong 3 ngày làm việc 3, chưa phản hồi 0"),
        "{}",
        run.stderr
    );
    let v: Value = serde_json::from_str(&dir.read("out/remind.json")).unwrap();
    assert_eq!(v["within"], 3, "the default window is 3 working days");
    assert_eq!(
        listed(&v),
        vec![
            l("L5", -1, true, false),
            l("L1", 1, false, false),
            l("L2", 2, false, false),
            l("L3", 3, false, false),
        ]
    );
}

#[test]
fn remind_split_writes_one_workbook_per_department_with_safe_names() {
    let dir = Workdir::new();
    dir.write("so.csv", register());
    let run = remind(
        &dir,
        &[
            "--as-of",
            "2026-02-13",
            "--within",
            "1",
            "--out",
            "out",
            "--split",
        ],
    );
    run.assert_code(0);
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            "nhac-han-2026-02-13-phong-quan-ly-dau-tu.xlsx",
            "nhac-han-2026-02-13-phong-tai-nguyen-moi-truong.xlsx",
            "nhac-han-2026-02-13-van-phong.xlsx",
            "nhac-han-2026-02-13.xlsx",
            "remind.json",
        ],
        "no temporary file is left behind"
    );
    for n in &names {
        assert!(
            n.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'),
            "{n}"
        );
    }
    let one = Book::open(&dir.path().join("out/nhac-han-2026-02-13-van-phong.xlsx"));
    assert_eq!(one.names, vec!["Văn phòng"]);
    let grid = one.sheet("Văn phòng");
    let ids: Vec<&str> = grid
        .iter()
        .filter_map(|r| r.first().and_then(text))
        .collect();
    assert!(ids.contains(&"T2") && ids.contains(&"T7"), "{ids:?}");
    assert!(!ids.contains(&"T6"), "another department's case: {ids:?}");
    assert!(
        grid.iter()
            .flatten()
            .filter_map(text)
            .any(|t| t == "Đơn vị: Văn phòng"),
        "the sheet names its department"
    );

    // The same inputs and --as-of give byte-identical files.
    remind(
        &dir,
        &[
            "--as-of",
            "2026-02-13",
            "--within",
            "1",
            "--out",
            "again",
            "--split",
        ],
    )
    .assert_code(0);
    for n in &names {
        assert_eq!(
            std::fs::read(dir.path().join("out").join(n)).unwrap(),
            std::fs::read(dir.path().join("again").join(n)).unwrap(),
            "{n}"
        );
    }
    // An output folder that cannot be made is a runtime error naming it.
    dir.write("taken", "a file");
    let bad = remind(&dir, &["--as-of", "2026-02-13", "--out", "taken/sub"]);
    bad.assert_code(1);
    assert!(bad.stderr.contains("taken"), "{}", bad.stderr);

    // --split writes workbooks: without xlsx it is a usage error.
    let bad = remind(
        &dir,
        &["--as-of", "2026-02-13", "--format", "json", "--split"],
    );
    bad.assert_code(2);
    let bad = remind(&dir, &["--format", "pdf"]);
    bad.assert_code(2);
    assert!(
        bad.stderr.contains("xlsx") && bad.stderr.contains("json"),
        "{}",
        bad.stderr
    );
}

#[test]
fn remind_and_explain_print_no_personal_value() {
    let dir = Workdir::new();
    dir.write("so.csv", register());
    let mut outputs: Vec<(String, Vec<u8>)> = Vec::new();
    let r = remind(&dir, &["--as-of", "2026-02-13", "--out", "out", "--split"]);
    r.assert_code(0);
    outputs.push(("remind stderr".into(), r.stderr.clone().into_bytes()));
    outputs.push(("remind stdout".into(), r.stdout.clone().into_bytes()));
    for e in std::fs::read_dir(dir.path().join("out")).unwrap() {
        let p = e.unwrap().path();
        outputs.extend(unzip_or_read(&p));
    }
    for fmt in ["table", "csv", "json"] {
        let e = dir.run(&[
            "explain",
            "pending",
            "so.csv",
            "--period",
            "2026-02-01..2026-02-28",
            "--format",
            fmt,
        ]);
        e.assert_code(0);
        assert!(e.stdout.contains("T7"), "{}", e.stdout);
        outputs.push((format!("explain {fmt}"), e.stdout.into_bytes()));
        outputs.push((format!("explain {fmt} stderr"), e.stderr.into_bytes()));
    }
    for (what, bytes) in &outputs {
        let t = String::from_utf8_lossy(bytes);
        for p in PERSONAL
            .iter()
            .chain(["Riêng", "654 321", "Hoàng Văn Kín"].iter())
        {
            assert!(!t.contains(p), "{what} contains the personal value {p:?}");
        }
    }
}

/// A file's bytes; for a workbook, each of its zip entries decompressed.
fn unzip_or_read(p: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let name = p.file_name().unwrap().to_string_lossy().into_owned();
    if !name.ends_with(".xlsx") {
        return vec![(name, std::fs::read(p).unwrap())];
    }
    let mut z = zip::ZipArchive::new(std::fs::File::open(p).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let part = format!("{name}:{:?}", f.name());
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (part, b)
        })
        .collect()
}

fn sample() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data")
}

/// The count figures of SPEC §13, as paths into a FIGURES object of summary.json.
const COUNT_FIGURES: [&str; 14] = [
    "carried_over",
    "received",
    "to_handle",
    "resolved",
    "resolved_on_time",
    "resolved_late",
    "pending",
    "pending_overdue",
    "responded",
    "response_on_time",
    "satisfaction.rated",
    "satisfaction.satisfied",
    "assigned_within_1wd.count",
    "assigned_within_1wd.within",
];

fn figure(g: &Value, path: &str) -> u64 {
    let mut v = g;
    for part in path.split('.') {
        v = &v[part];
    }
    v.as_u64()
        .unwrap_or_else(|| panic!("{path} is not a count: {v}"))
}

const DIMS: [(&str, &str); 4] = [
    ("kind", "by_kind"),
    ("channel", "by_channel"),
    ("department", "by_department"),
    ("category", "by_category"),
];

/// For every count figure, and every group of every breakdown of the sample register's May
/// 2026, the cases `explain` lists are as many as summary.json says.
#[test]
fn explain_counts_equal_summary_for_every_figure_and_group_of_the_sample() {
    let dir = Workdir::new();
    let data = sample();
    let data = data.to_str().unwrap();
    let cfg = format!("{data}/pakn-report.toml");
    let base = [
        data, "--config", &cfg, "--period", "2026-05", "--as-of", AS_OF,
    ];
    let summary = dir.report_json("rep", &[data, "--config", &cfg, "--period", "2026-05"]);

    // Each figure without --by: the total, and per group the cases whose group column holds
    // the key (the JSON carries each case's kind, channel, department and category).
    for fig in COUNT_FIGURES {
        let mut args = vec!["explain", fig];
        args.extend_from_slice(&base);
        args.extend_from_slice(&["--format", "json"]);
        let v = dir.run(&args);
        v.assert_code(0);
        let v = v.json();
        let cases = v["cases"].as_array().unwrap();
        assert_eq!(v["count"].as_u64(), Some(cases.len() as u64));
        assert_eq!(
            cases.len() as u64,
            figure(&summary["totals"], fig),
            "{fig}: total"
        );
        let mut ids: Vec<&str> = cases.iter().map(|c| c["id"].as_str().unwrap()).collect();
        ids.dedup();
        assert_eq!(ids.len(), cases.len(), "{fig}: a case listed twice");
        for (dim, list) in DIMS {
            for g in summary[list].as_array().unwrap() {
                let key = g["key"].as_str().unwrap();
                let n = cases.iter().filter(|c| c[dim] == key).count() as u64;
                assert_eq!(n, figure(g, fig), "{fig} in {dim}={key}");
            }
        }
    }

    // Each group through --by itself, each with the next figure in turn (every figure is
    // checked in every group above; this checks the --by filter of the command).
    let mut i = 0;
    for (dim, list) in DIMS {
        for g in summary[list].as_array().unwrap() {
            let key = g["key"].as_str().unwrap();
            let by = format!("{dim}={key}");
            {
                let fig = COUNT_FIGURES[i % COUNT_FIGURES.len()];
                let mut args = vec!["explain", fig];
                args.extend_from_slice(&base);
                args.extend_from_slice(&["--by", &by, "--format", "json"]);
                let v = dir.run(&args);
                v.assert_code(0);
                let v = v.json();
                assert_eq!(v["by"]["dimension"], dim);
                assert_eq!(v["by"]["key"], key);
                assert_eq!(
                    v["count"].as_u64(),
                    Some(figure(g, fig)),
                    "explain {fig} --by {by}"
                );
                assert_eq!(v["cases"].as_array().unwrap().len() as u64, figure(g, fig));
            }
            i += 1;
        }
    }
    assert!(i >= 20, "the sample has groups in every breakdown: {i}");
}

#[test]
fn explain_csv_parses_back_and_scorecard_lists_the_cases_that_cost_points() {
    let dir = Workdir::new();
    let data = sample();
    let data = data.to_str().unwrap();
    let cfg = format!("{data}/pakn-report.toml");
    let base = [
        data, "--config", &cfg, "--period", "2026-05", "--as-of", AS_OF,
    ];
    let summary = dir.report_json("rep", &[data, "--config", &cfg, "--period", "2026-05"]);

    let mut args = vec!["explain", "pending_overdue"];
    args.extend_from_slice(&base);
    args.extend_from_slice(&["--format", "csv"]);
    let run = dir.run(&args);
    run.assert_code(0);
    let mut rd = csv::Reader::from_reader(run.stdout.as_bytes());
    let heads: Vec<String> = rd.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        heads,
        vec![
            "id",
            "kind",
            "channel",
            "department",
            "category",
            "received",
            "deadline",
            "resolved",
            "responded",
            "reply_due",
            "assigned",
            "satisfied"
        ]
    );
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(
        rows.len() as u64,
        figure(&summary["totals"], "pending_overdue")
    );
    for r in &rows {
        // Pending at the period end (14/05/2026) with its deadline before that day ended.
        let deadline = &r[6];
        assert!(!deadline.is_empty() && deadline < "2026-05-15", "{r:?}");
        assert!(&r[5] <= "2026-05-14", "{r:?}");
        let resolved = &r[7];
        assert!(resolved.is_empty() || resolved > "2026-05-14", "{r:?}");
    }

    // The scorecard: the criteria that lost points list exactly the cases summary.json records.
    for c in summary["scorecard"]["criteria"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let fig = format!("scorecard.{id}");
        let mut args = vec!["explain", fig.as_str()];
        args.extend_from_slice(&base);
        args.extend_from_slice(&["--format", "json"]);
        let run = dir.run(&args);
        run.assert_code(0);
        let v = run.json();
        let got: Vec<&str> = v["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        let want: Vec<&str> = c["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(got, want, "{fig}");
        assert_eq!(
            v["criterion"]["points"].as_f64(),
            c["points"].as_f64(),
            "{fig}"
        );
    }
    let lost = summary["scorecard"]["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| !c["cases"].as_array().unwrap().is_empty())
        .expect("the sample loses points on some criterion");
    let fig = format!("scorecard.{}", lost["id"].as_str().unwrap());
    let mut args = vec!["explain", fig.as_str()];
    args.extend_from_slice(&base);
    let run = dir.run(&args);
    run.assert_code(0);
    assert!(
        run.stdout.starts_with(&format!("{fig} (")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(lost["cases"][0].as_str().unwrap()));
}

#[test]
fn explain_unknown_figure_or_key_is_a_usage_error_listing_the_valid_ones() {
    let dir = Workdir::new();
    dir.write("so.csv", register());
    let run = dir.run(&["explain", "overdue", "so.csv", "--period", "2026-02"]);
    run.assert_code(2);
    assert!(run.stdout.is_empty());
    for valid in COUNT_FIGURES {
        assert!(run.stderr.contains(valid), "{valid}: {}", run.stderr);
    }
    assert!(
        run.stderr.contains("scorecard.khong_qua_han"),
        "{}",
        run.stderr
    );

    let run = dir.run(&[
        "explain",
        "received",
        "so.csv",
        "--period",
        "2026-02",
        "--by",
        "department=Phòng Không Có",
    ]);
    run.assert_code(2);
    for valid in [
        "\"Phòng Quản lý Đầu tư\"",
        "\"Phòng Tài nguyên/Môi trường\"",
        "\"Văn phòng\"",
    ] {
        assert!(run.stderr.contains(valid), "{valid}: {}", run.stderr);
    }
    let run = dir.run(&[
        "explain", "received", "so.csv", "--period", "2026-02", "--by", "ward=1",
    ]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("kind, channel, department, category"),
        "{}",
        run.stderr
    );
    let run = dir.run(&[
        "explain",
        "received",
        "so.csv",
        "--period",
        "2026-02",
        "--by",
        "kind=to_cao_x",
    ]);
    run.assert_code(2);
    assert!(run.stderr.contains("\"khieu_nai\""), "{}", run.stderr);

    // A known key of the fixture: the cases of February received by one department.
    let run = dir.run(&[
        "explain",
        "received",
        "so.csv",
        "--period",
        "2026-02-01..2026-02-28",
        "--calendar-months",
        "--by",
        "department=Văn phòng",
        "--format",
        "csv",
    ]);
    run.assert_code(0);
    let ids: Vec<String> = csv::Reader::from_reader(run.stdout.as_bytes())
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert!(ids.is_empty(), "T7 and T8 were received on 30/01: {ids:?}");
    let run = dir.run(&[
        "explain",
        "pending",
        "so.csv",
        "--period",
        "2026-02-01..2026-02-28",
        "--by",
        "department=Văn phòng",
        "--format",
        "csv",
    ]);
    run.assert_code(0);
    let ids: Vec<String> = csv::Reader::from_reader(run.stdout.as_bytes())
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    // T2, T7, T8 are open at the end of February; T5 was resolved on 12/02.
    assert_eq!(ids, vec!["T2", "T7", "T8"]);
}

/// The personal values of the shipped sample: the senders, the contents and the phone numbers
/// written inside them (the Facebook inbox export, whose personal columns are never read).
fn sample_personal_values() -> Vec<String> {
    let path = sample().join("hop-thu-facebook-2025-2026.csv");
    let bytes = std::fs::read(&path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let text = text.trim_start_matches('\u{feff}');
    let mut rd = csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_reader(text.as_bytes());
    let heads = rd.headers().unwrap().clone();
    let col = |name: &str| heads.iter().position(|h| h == name).expect(name);
    let (sender, content) = (col("Người gửi"), col("Nội dung"));
    let mut out: Vec<String> = Vec::new();
    for r in rd.records().flatten() {
        if let Some(s) = r.get(sender).map(str::trim).filter(|s| s.len() > 5) {
            out.push(s.to_string());
        }
        if let Some(c) = r.get(content).map(str::trim).filter(|s| s.len() > 20) {
            out.push(c.chars().take(40).collect());
            // "SĐT: 0900 000 419."
            if let Some(i) = c.find("0900") {
                out.push(c[i..].chars().take(12).collect());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn no_personal_value_of_the_sample_in_reminders_or_explanations() {
    let needles = sample_personal_values();
    assert!(needles.len() > 100, "{}", needles.len());
    assert!(needles.iter().any(|n| n.starts_with("0900 000")));
    let dir = Workdir::new();
    let data = sample();
    let data = data.to_str().unwrap();
    let cfg = format!("{data}/pakn-report.toml");
    let r = dir.run(&[
        "remind", data, "--config", &cfg, "--as-of", AS_OF, "--out", "out", "--split",
    ]);
    r.assert_code(0);
    let mut outputs: Vec<(String, Vec<u8>)> = vec![("remind stderr".into(), r.stderr.into_bytes())];
    for e in std::fs::read_dir(dir.path().join("out")).unwrap() {
        outputs.extend(unzip_or_read(&e.unwrap().path()));
    }
    for fmt in ["table", "json"] {
        let e = dir.run(&[
            "explain",
            "to_handle",
            data,
            "--config",
            &cfg,
            "--period",
            "2026-05",
            "--as-of",
            AS_OF,
            "--format",
            fmt,
        ]);
        e.assert_code(0);
        outputs.push((format!("explain {fmt}"), e.stdout.into_bytes()));
    }
    for (what, bytes) in &outputs {
        let t = String::from_utf8_lossy(bytes);
        for n in &needles {
            assert!(
                !t.contains(n.as_str()),
                "{what} contains the personal value {n:?}"
            );
        }
    }
}

/// The reminders' overdue cases are the report's pending_overdue cases of any period ending on
/// the as-of day: the same flag, not a second definition.
#[test]
fn remind_overdue_is_the_reports_pending_overdue_on_the_as_of_day() {
    let dir = Workdir::new();
    let data = sample();
    let data = data.to_str().unwrap();
    let cfg = format!("{data}/pakn-report.toml");
    dir.run(&[
        "remind",
        data,
        "--config",
        &cfg,
        "--as-of",
        "2026-11-30",
        "--out",
        "out",
        "--format",
        "json",
    ])
    .assert_code(0);
    let v: Value = serde_json::from_str(&dir.read("out/remind.json")).unwrap();
    let mut overdue: Vec<&str> = v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["overdue"] == true)
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    overdue.sort();
    assert!(overdue.len() > 10, "{}", overdue.len());
    let e = dir.run(&[
        "explain",
        "pending_overdue",
        data,
        "--config",
        &cfg,
        "--period",
        "2026-11-01..2026-11-30",
        "--format",
        "json",
    ]);
    e.assert_code(0);
    let e = e.json();
    let mut listed: Vec<&str> = e["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    listed.sort();
    assert_eq!(overdue, listed);
    // Every overdue case has a negative number of working days left, the others none below 0
    // (no deadline of the sample falls earlier in the day on 30/11 with a time of day).
    for c in v["cases"].as_array().unwrap() {
        let left = c["working_days_left"].as_i64();
        if c["overdue"] == true {
            assert!(left.is_some_and(|n| n < 0), "{c}");
        } else if let Some(n) = left {
            assert!(n >= 0, "{c}");
        }
    }
}
