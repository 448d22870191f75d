//! The Excel workbook (SPEC §7, §8; issue 5), read back with calamine from runs of the real
//! binary on generated registers: sheet order, the headline cells against summary.json, number and
//! date cells, total rows equal to the sum of their groups, the overdue list, no personal data,
//! byte-identical reruns, and `--format` choosing the outputs.

use crate::common::run_ok as run;
use crate::common::{Book, cell, text};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use calamine::Data;
use serde_json::Value;

const SHEETS: [&str; 9] = [
    "Tổng hợp",
    "Theo kênh",
    "Theo đơn vị",
    "Theo lĩnh vực",
    "Theo loại",
    "Thời gian xử lý",
    "Chấm điểm",
    "Quá hạn",
    "Dữ liệu lỗi",
];
const WORKBOOK: &str = "bao-cao-pakn-2026-05.xlsx";

/// A generated register (1,500 cases, 6 bad rows) and one report run on it.
struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::Builder::new()
            .prefix("pakn-xlsx-")
            .tempdir()
            .unwrap();
        run(
            &[
                "sample",
                "--cases",
                "1500",
                "--seed",
                "3",
                "--bad-rows",
                "6",
                "--out",
                "reg.xlsx",
            ],
            dir.path(),
        );
        let f = Fixture { dir };
        f.report("out", "xlsx,json");
        f
    }

    fn report(&self, out: &str, formats: &str) {
        run(
            &[
                "report",
                "reg.xlsx",
                "--period",
                "2026-05",
                "--as-of",
                "2026-11-28",
                "--format",
                formats,
                "--out",
                out,
            ],
            self.dir.path(),
        );
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn summary(&self) -> Value {
        serde_json::from_slice(&std::fs::read(self.path("out/summary.json")).unwrap()).unwrap()
    }

    fn workbook(&self) -> Book {
        Book::open(&self.path(&format!("out/{WORKBOOK}")))
    }
}

/// A number cell's value; panics on anything but a number (a count written as text fails here).
fn number(d: &Data, what: &str) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("{what}: expected a number cell, found {other:?}"),
    }
}

/// A rate or statistic: a number, or a blank cell for null.
fn optional(d: &Data, what: &str) -> Option<f64> {
    match d {
        Data::Empty => None,
        other => Some(number(other, what)),
    }
}

fn json_opt(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn same(a: Option<f64>, b: Option<f64>, what: &str) {
    match (a, b) {
        (None, None) => {}
        (Some(x), Some(y)) => assert!((x - y).abs() < 1e-9, "{what}: {x} ≠ {y}"),
        _ => panic!("{what}: {a:?} ≠ {b:?}"),
    }
}

/// The first row whose column `col` reads `label`.
fn row_of(grid: &[Vec<Data>], col: usize, label: &str) -> usize {
    (0..grid.len())
        .find(|&r| text(cell(grid, r, col)) == Some(label))
        .unwrap_or_else(|| panic!("no row with '{label}' in column {col}"))
}

#[test]
fn sheets_in_order_and_headline_cells_equal_summary() {
    let fx = Fixture::new();
    let s = fx.summary();
    let book = fx.workbook();
    assert_eq!(book.names, SHEETS);

    let g = book.sheet("Tổng hợp");
    let all: Vec<&str> = g.iter().flatten().filter_map(text).collect();
    for t in [
        "BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG",
        "BÁO CÁO KẾT QUẢ TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ, KHIẾU NẠI, TỐ CÁO",
        "Tháng 5/2026",
        "Số liệu tính từ ngày 15/4/2026 đến ngày 14/5/2026",
    ] {
        assert!(all.contains(&t), "Tổng hợp shows '{t}'");
    }

    let t = &s["totals"];
    let headline: [(&str, &Value, bool); 20] = [
        ("Kỳ trước chuyển sang", &t["carried_over"], true),
        ("Tiếp nhận trong kỳ", &t["received"], true),
        ("Tổng số phải xử lý", &t["to_handle"], true),
        ("Đã giải quyết", &t["resolved"], true),
        ("Đúng hạn", &t["resolved_on_time"], true),
        ("Quá hạn (giải quyết muộn)", &t["resolved_late"], true),
        ("Chuyển kỳ sau", &t["pending"], true),
        ("Trong đó quá hạn", &t["pending_overdue"], true),
        ("Tỷ lệ giải quyết đúng hạn", &t["on_time_rate"], false),
        ("Đã phản hồi", &t["responded"], true),
        ("Phản hồi đúng hạn", &t["response_on_time"], true),
        (
            "Số vụ việc được đánh giá mức độ hài lòng",
            &t["satisfaction"]["rated"],
            true,
        ),
        ("Hài lòng", &t["satisfaction"]["satisfied"], true),
        ("Tỷ lệ hài lòng", &t["satisfaction"]["rate"], false),
        (
            "Số vụ việc tiếp nhận có ngày giao xử lý",
            &t["assigned_within_1wd"]["count"],
            true,
        ),
        (
            "Giao xử lý trong 1 ngày làm việc",
            &t["assigned_within_1wd"]["within"],
            true,
        ),
        (
            "Tỷ lệ giao xử lý trong 1 ngày làm việc",
            &t["assigned_within_1wd"]["rate"],
            false,
        ),
        (
            "Thời gian phản hồi trung bình (ngày)",
            &t["response_days"]["mean"],
            false,
        ),
        (
            "Thời gian giải quyết trung bình (ngày)",
            &t["resolution_days"]["mean"],
            false,
        ),
        (
            "Thời gian giải quyết trung bình (ngày làm việc)",
            &t["resolution_working_days"]["mean"],
            false,
        ),
    ];
    for (label, want, is_count) in headline {
        let r = row_of(g, 0, label);
        let got = if is_count {
            Some(number(cell(g, r, 1), label))
        } else {
            optional(cell(g, r, 1), label)
        };
        same(got, json_opt(want), label);
    }
    assert!(
        t["received"].as_u64().unwrap() > 0,
        "the fixture has cases in the period"
    );

    // Comparisons: received and on-time rate of the three periods, with real date cells.
    for (prefix, key) in [
        ("Kỳ này (", None),
        ("Kỳ trước (", Some("previous")),
        ("Cùng kỳ năm trước (", Some("same_period_last_year")),
    ] {
        let r = (0..g.len())
            .find(|&r| text(cell(g, r, 0)).is_some_and(|x| x.starts_with(prefix)))
            .unwrap_or_else(|| panic!("comparison row {prefix}"));
        let (rec, rate) = match key {
            None => (&t["received"], &t["on_time_rate"]),
            Some(k) => (
                &s["compare"][k]["received"],
                &s["compare"][k]["on_time_rate"],
            ),
        };
        same(Some(number(cell(g, r, 3), prefix)), json_opt(rec), prefix);
        same(optional(cell(g, r, 4), prefix), json_opt(rate), prefix);
        assert!(
            matches!(cell(g, r, 1), Data::DateTime(_)),
            "{prefix} start is a date"
        );
        assert!(
            matches!(cell(g, r, 2), Data::DateTime(_)),
            "{prefix} end is a date"
        );
    }
    let r = row_of(g, 0, "Tăng (+) / giảm (−) so với kỳ trước");
    let prev = s["compare"]["previous"]["received"].as_f64().unwrap();
    same(
        Some(number(cell(g, r, 3), "change")),
        Some(t["received"].as_f64().unwrap() - prev),
        "received change",
    );

    // 12 months, each with two number cells.
    let h = row_of(g, 0, "Tháng");
    let months: Vec<usize> = (h + 1..g.len())
        .take_while(|&r| text(cell(g, r, 0)).is_some_and(|x| x.contains('/')))
        .collect();
    assert_eq!(months.len(), 12);
    for r in months {
        number(cell(g, r, 3), "month received");
        number(cell(g, r, 4), "month resolved");
    }

    // Row accounting per file and in total, and the file's SHA-256.
    let input = &s["input"];
    let h = row_of(g, 0, "Tệp dữ liệu");
    assert_eq!(text(cell(g, h + 1, 0)), Some("reg.xlsx"));
    let total = row_of(g, 0, "Tổng cộng");
    for (c, key) in ["rows_read", "accepted", "rejected", "duplicates", "skipped"]
        .iter()
        .enumerate()
    {
        same(
            Some(number(cell(g, h + 1, c + 1), key)),
            json_opt(&input["files"][0][key]),
            key,
        );
        same(
            Some(number(cell(g, total, c + 1), key)),
            json_opt(&input[key]),
            key,
        );
    }
    assert_eq!(text(cell(g, total, 6)), Some("Khớp"));
    let sha = input["files"][0]["sha256"].as_str().unwrap();
    assert!(all.contains(&sha), "the input's SHA-256 is shown");
}

/// Breakdown columns holding counts, by their header, and the summary.json field.
const COUNT_COLUMNS: [(&str, &str, Option<&str>); 15] = [
    ("Kỳ trước chuyển sang", "carried_over", None),
    ("Tiếp nhận trong kỳ", "received", None),
    ("Tổng số phải xử lý", "to_handle", None),
    ("Đã giải quyết", "resolved", None),
    ("Đúng hạn", "resolved_on_time", None),
    ("Quá hạn", "resolved_late", None),
    ("Chuyển kỳ sau", "pending", None),
    ("Trong đó quá hạn", "pending_overdue", None),
    ("Đã phản hồi", "responded", None),
    ("Phản hồi đúng hạn", "response_on_time", None),
    ("Được đánh giá", "satisfaction", Some("rated")),
    ("Hài lòng", "satisfaction", Some("satisfied")),
    ("Có ngày giao", "assigned_within_1wd", Some("count")),
    ("Giao trong 1 ngày", "assigned_within_1wd", Some("within")),
    ("Tỷ lệ đúng hạn", "on_time_rate", None),
];

fn field<'a>(v: &'a Value, key: &str, sub: Option<&str>) -> &'a Value {
    match sub {
        Some(s) => &v[key][s],
        None => &v[key],
    }
}

#[test]
fn breakdown_total_rows_equal_the_sum_of_their_groups_and_summary() {
    let fx = Fixture::new();
    let s = fx.summary();
    let book = fx.workbook();
    for (sheet, dim, key) in [
        ("Theo kênh", "Kênh tiếp nhận", "by_channel"),
        ("Theo đơn vị", "Đơn vị xử lý", "by_department"),
        ("Theo lĩnh vực", "Lĩnh vực", "by_category"),
        ("Theo loại", "Loại đơn", "by_kind"),
    ] {
        let g = book.sheet(sheet);
        let h = row_of(g, 0, dim);
        // A column's name: its second header row, or the first when merged over both.
        let width = g[h].len().max(g[h + 1].len());
        let names: Vec<String> = (0..width)
            .map(|c| {
                text(cell(g, h + 1, c))
                    .or(text(cell(g, h, c)))
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        let col = |name: &str| {
            names
                .iter()
                .position(|n| n == name)
                .unwrap_or_else(|| panic!("{sheet}: no column '{name}' in {names:?}"))
        };
        let total = row_of(g, 0, "Tổng cộng");
        let groups: Vec<usize> = (h + 2..total).collect();
        let want = s[key].as_array().unwrap();
        assert_eq!(groups.len(), want.len(), "{sheet}: one row per group");
        for (header, k, sub) in COUNT_COLUMNS {
            let c = col(header);
            let what = format!("{sheet} / {header}");
            if k == "on_time_rate" {
                same(
                    optional(cell(g, total, c), &what),
                    json_opt(&s["totals"][k]),
                    &what,
                );
                for (r, j) in groups.iter().zip(want) {
                    same(optional(cell(g, *r, c), &what), json_opt(&j[k]), &what);
                }
                continue;
            }
            let sum: f64 = groups.iter().map(|&r| number(cell(g, r, c), &what)).sum();
            let tot = number(cell(g, total, c), &what);
            assert_eq!(sum, tot, "{what}: total row = sum of the groups");
            same(Some(tot), json_opt(field(&s["totals"], k, sub)), &what);
            for (r, j) in groups.iter().zip(want) {
                assert_eq!(
                    text(cell(g, *r, 0)),
                    j["label"].as_str(),
                    "{sheet}: group order"
                );
                same(
                    Some(number(cell(g, *r, c), &what)),
                    json_opt(field(j, k, sub)),
                    &what,
                );
            }
        }
        // The statistics of the total row are the agency's, blank when null.
        let c = names
            .iter()
            .position(|n| n == "Trung vị")
            .expect("median column");
        same(
            optional(cell(g, total, c), "median"),
            json_opt(&s["totals"]["response_days"]["median"]),
            &format!("{sheet} median"),
        );
    }

    // Thời gian xử lý: one row per kind and the agency, counts equal to summary.json.
    let g = book.sheet("Thời gian xử lý");
    let r = row_of(g, 0, "Toàn cơ quan");
    same(
        Some(number(cell(g, r, 1), "response count")),
        json_opt(&s["totals"]["response_days"]["count"]),
        "response count",
    );
    same(
        Some(number(cell(g, r, 6), "resolution count")),
        json_opt(&s["totals"]["resolution_days"]["count"]),
        "resolution count",
    );
    same(
        optional(cell(g, r, 14), "working-day p90"),
        json_opt(&s["totals"]["resolution_working_days"]["p90"]),
        "working-day p90",
    );
    let r = row_of(g, 0, "Phản ánh");
    same(
        optional(cell(g, r, 8), "median"),
        json_opt(&s["by_kind"][0]["resolution_days"]["median"]),
        "Phản ánh resolution median",
    );
}

#[test]
fn overdue_sheet_lists_every_overdue_and_late_case_with_date_cells() {
    let fx = Fixture::new();
    let s = fx.summary();
    let book = fx.workbook();
    let g = book.sheet("Quá hạn");
    let h = row_of(g, 1, "Mã số");
    let rows: Vec<usize> = (h + 1..g.len())
        .take_while(|&r| text(cell(g, r, 1)).is_some_and(|x| !x.is_empty()))
        .collect();
    let pending = s["totals"]["pending_overdue"].as_u64().unwrap() as usize;
    let late = s["totals"]["resolved_late"].as_u64().unwrap() as usize;
    assert!(pending + late > 0, "the fixture has overdue cases");
    assert_eq!(rows.len(), pending + late);
    let mut ids = BTreeSet::new();
    let (mut n_pending, mut n_late) = (0, 0);
    for r in rows {
        assert!(
            ids.insert(text(cell(g, r, 1)).unwrap().to_string()),
            "case listed once"
        );
        assert!(
            matches!(cell(g, r, 2), Data::DateTime(_)),
            "received is a date cell"
        );
        assert!(
            matches!(cell(g, r, 7), Data::DateTime(_)),
            "deadline is a date cell"
        );
        assert!(number(cell(g, r, 9), "days overdue") >= 0.0);
        match text(cell(g, r, 10)) {
            Some("Chưa giải quyết, quá hạn") => {
                n_pending += 1;
                assert_eq!(cell(g, r, 8), &Data::Empty, "no resolved date when pending");
            }
            Some("Giải quyết quá hạn") => {
                n_late += 1;
                assert!(
                    matches!(cell(g, r, 8), Data::DateTime(_)),
                    "resolved is a date cell"
                );
            }
            other => panic!("unexpected reason {other:?}"),
        }
        for c in [3, 4, 5, 6] {
            assert!(
                text(cell(g, r, c)).is_some_and(|x| !x.is_empty()),
                "label in column {c}"
            );
        }
    }
    assert_eq!((n_pending, n_late), (pending, late));
}

/// Personal values of the register: every non-blank cell of its personal-data columns.
fn personal_values(register: &Path) -> BTreeSet<String> {
    let book = Book::open(register);
    let g = &book.sheets[0];
    let h = (0..g.len())
        .find(|&r| g[r].iter().any(|c| text(c) == Some("Họ tên")))
        .expect("the register's header row");
    let cols: Vec<usize> = (0..g[h].len())
        .filter(|&c| {
            matches!(
                text(cell(g, h, c)),
                Some("Họ tên" | "Số điện thoại" | "Địa chỉ" | "Nội dung" | "Email")
            )
        })
        .collect();
    assert!(
        cols.len() >= 4,
        "the register has the personal-data columns"
    );
    let mut out = BTreeSet::new();
    for r in h + 1..g.len() {
        for &c in &cols {
            let v = match cell(g, r, c) {
                Data::String(s) => s.trim().to_string(),
                Data::Float(f) => format!("{f}"),
                Data::Int(i) => i.to_string(),
                _ => continue,
            };
            if v.chars().count() >= 6 {
                out.insert(v);
            }
        }
    }
    out
}

#[test]
fn no_personal_data_from_the_register_in_any_cell() {
    let fx = Fixture::new();
    let personal = personal_values(&fx.path("reg.xlsx"));
    assert!(
        personal.len() > 1000,
        "names, phones, addresses and content were read"
    );
    let book = fx.workbook();
    let mut cells = 0;
    for (name, g) in book.names.iter().zip(&book.sheets) {
        for v in g.iter().flatten() {
            let s = match v {
                Data::String(s) => s.clone(),
                Data::Float(f) => format!("{f}"),
                _ => continue,
            };
            cells += 1;
            for p in &personal {
                assert!(
                    !s.contains(p.as_str()),
                    "{name}: personal value '{p}' in cell '{s}'"
                );
            }
        }
    }
    assert!(cells > 500);

    // The reject, duplicate and warning lists are there (and hold none of it).
    let s = fx.summary();
    let g = book.sheet("Dữ liệu lỗi");
    let count = |t: &str| {
        g.iter()
            .filter(|r| r.get(1).and_then(text) == Some(t))
            .count()
    };
    assert_eq!(
        count("Bị loại") as u64,
        s["input"]["rejected"].as_u64().unwrap()
    );
    assert_eq!(
        count("Trùng") as u64,
        s["input"]["duplicates"].as_u64().unwrap()
    );
    assert_eq!(
        count("Cảnh báo") as u64,
        s["input"]["warnings"].as_u64().unwrap()
    );
    assert!(s["input"]["rejected"].as_u64().unwrap() > 0);
}

#[test]
fn same_inputs_give_a_byte_identical_workbook() {
    let fx = Fixture::new();
    fx.report("again", "xlsx,json");
    let a = std::fs::read(fx.path(&format!("out/{WORKBOOK}"))).unwrap();
    let b = std::fs::read(fx.path(&format!("again/{WORKBOOK}"))).unwrap();
    assert!(a.len() > 10_000);
    assert!(a == b, "two runs wrote different workbooks");
}

#[test]
fn format_json_writes_no_workbook() {
    let fx = Fixture::new();
    fx.report("json-only", "json");
    assert!(fx.path("json-only/summary.json").exists());
    let xlsx: Vec<_> = std::fs::read_dir(fx.path("json-only"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "xlsx"))
        .collect();
    assert!(xlsx.is_empty(), "no workbook with --format json");
    fx.report("xlsx-only", "xlsx");
    assert!(fx.path(&format!("xlsx-only/{WORKBOOK}")).exists());
    assert!(!fx.path("xlsx-only/summary.json").exists());
}

#[test]
fn shipped_sample_data_gives_a_workbook() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::Builder::new()
        .prefix("pakn-xlsx-")
        .tempdir()
        .unwrap();
    let config = root.join("sample-data/pakn-report.toml");
    let data = root.join("sample-data");
    run(
        &[
            "report",
            data.to_str().unwrap(),
            "--config",
            config.to_str().unwrap(),
            "--period",
            "2026-05",
            "--as-of",
            "2026-11-28",
            "--format",
            "xlsx,json",
            "--out",
            "out",
        ],
        dir.path(),
    );
    let book = Book::open(&dir.path().join(format!("out/{WORKBOOK}")));
    assert_eq!(book.names, SHEETS);
    let g = book.sheet("Tổng hợp");
    let r = row_of(g, 0, "Tổng cộng");
    assert_eq!(
        text(cell(g, r, 6)),
        Some("Khớp"),
        "row identity holds over both files"
    );
}
