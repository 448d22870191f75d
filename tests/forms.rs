//! The Inspectorate's forms workbook (TT 01/2024/TT-TTCP; issue 9), read back with calamine from
//! runs of the real binary: the official layout (title, data span, MS row, unit row, Ghi chú),
//! every control sum of the layouts file on the values written, the hand-worked fixture end to
//! end, and the layouts file as configuration.

use crate::common::{AS_OF, Book, Workdir, cell, text};

use calamine::Data;
use serde_json::Value;

const AGENCY: &str = "BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG";
const SHEETS: [&str; 7] = [
    "01-XLD",
    "02-XLD",
    "03-XLD",
    "04-XLD",
    "01-KQGQ",
    "03-KQGQ",
    "Chú thích",
];

/// One form of the shipped layouts file, as the test reads it (independently of the program).
struct FormSpec {
    code: String,
    sheet: String,
    title: String,
    columns: usize,
    unsupported: Vec<usize>,
    /// (column, parts) for every `sum` and `equals`.
    sums: Vec<(usize, Vec<usize>)>,
}

fn layouts() -> Vec<FormSpec> {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("report-templates/bieu-mau-tt01-2024.toml"),
    )
    .unwrap();
    let v: toml::Value = toml::from_str(&text).unwrap();
    let nums = |a: &toml::Value| -> Vec<usize> {
        a.as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_integer().unwrap() as usize)
            .collect()
    };
    v["form"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let cols = f["column"].as_array().unwrap();
            let mut sums = Vec::new();
            let mut unsupported = Vec::new();
            for c in cols {
                let no = c["no"].as_integer().unwrap() as usize;
                if let Some(parts) = c.get("sum") {
                    sums.push((no, nums(parts)));
                }
                if let Some(eq) = c.get("equals") {
                    for parts in eq.as_array().unwrap() {
                        sums.push((no, nums(parts)));
                    }
                }
                if c.get("unsupported").is_some() {
                    unsupported.push(no);
                }
            }
            FormSpec {
                code: f["code"].as_str().unwrap().to_string(),
                sheet: f["sheet"].as_str().unwrap().to_string(),
                title: f["title"].as_str().unwrap().to_string(),
                columns: cols.len(),
                unsupported,
                sums,
            }
        })
        .collect()
}

/// The rows of a form sheet the tests look at.
struct FormSheet<'a> {
    grid: &'a [Vec<Data>],
    ms: usize,
}

impl<'a> FormSheet<'a> {
    fn new(book: &'a Book, sheet: &str) -> FormSheet<'a> {
        let grid = book.sheet(sheet);
        let ms = (0..grid.len())
            .find(|&r| text(cell(grid, r, 0)) == Some("MS"))
            .unwrap_or_else(|| panic!("{sheet}: no MS row"));
        FormSheet { grid, ms }
    }
    /// The unit row's value of a form column: a number, or None for an empty cell.
    fn value(&self, no: usize) -> Option<u64> {
        match cell(self.grid, self.ms + 1, no) {
            Data::Empty => None,
            Data::Float(f) => Some(*f as u64),
            Data::Int(i) => Some(*i as u64),
            other => panic!("column {no}: not a number cell: {other:?}"),
        }
    }
    fn values(&self, n: usize) -> Vec<Option<u64>> {
        (1..=n).map(|no| self.value(no)).collect()
    }
}

fn forms_book(wd: &Workdir, out: &str, slug: &str) -> Book {
    Book::open(
        &wd.path()
            .join(format!("{out}/bieu-mau-tt01-2024-{slug}.xlsx")),
    )
}

fn report_sample(wd: &Workdir, period: &str, out: &str) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = root.join("sample-data");
    let config = root.join("sample-data/pakn-report.toml");
    let run = wd.run(&[
        "report",
        data.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
        "--period",
        period,
        "--as-of",
        AS_OF,
        "--format",
        "xlsx,json",
        "--out",
        out,
    ]);
    run.assert_code(0);
    assert!(
        !run.stderr.contains("không khớp"),
        "a control sum does not hold: {}",
        run.stderr
    );
}

/// Every control sum of the layouts file on the values written. A sum with an empty part holds
/// when the empty parts count as zero, or is one the register legitimately cannot check.
fn assert_control_sums(book: &Book, specs: &[FormSpec], may_not_check: &[(&str, usize)]) {
    let mut checked = 0;
    for f in specs {
        let s = FormSheet::new(book, &f.sheet);
        for (col, parts) in &f.sums {
            let left = s.value(*col);
            let right: u64 = parts.iter().filter_map(|p| s.value(*p)).sum();
            let all = left.is_some() && parts.iter().all(|p| s.value(*p).is_some());
            if all || left == Some(right) {
                assert_eq!(left, Some(right), "{} column {col} = {parts:?}", f.code);
                checked += 1;
            } else {
                assert!(
                    may_not_check.contains(&(f.code.as_str(), *col)),
                    "{} column {col} = {parts:?}: {left:?} vs {right}",
                    f.code
                );
            }
        }
    }
    assert!(checked >= 30, "only {checked} control sums checked");
}

#[test]
fn sample_data_quarter_and_nine_months_follow_the_layouts() {
    let specs = layouts();
    for (period, slug, span) in [
        (
            "2026-Q2",
            "2026-Q2",
            "Số liệu tính từ ngày 15/03/2026 đến ngày 14/06/2026",
        ),
        (
            "2026-9M",
            "2026-9M",
            "Số liệu tính từ ngày 15/12/2025 đến ngày 14/09/2026",
        ),
    ] {
        let wd = Workdir::new();
        report_sample(&wd, period, "out");
        let book = forms_book(&wd, "out", slug);
        assert_eq!(book.names, SHEETS);
        for f in &specs {
            let s = FormSheet::new(&book, &f.sheet);
            let g = s.grid;
            assert_eq!(text(cell(g, 3, 0)), Some(f.title.as_str()), "{}", f.code);
            assert_eq!(text(cell(g, 4, 0)), Some(span), "{}", f.code);
            assert_eq!(
                text(cell(g, 0, f.columns - 3)),
                Some(format!("Biểu số {}", f.code).as_str())
            );
            // The header starts on row 6 with "Đơn vị" and ends with "Ghi chú".
            assert_eq!(text(cell(g, 6, 0)), Some("Đơn vị"));
            assert_eq!(text(cell(g, 6, f.columns + 1)), Some("Ghi chú"));
            // MS row: the official column numbers, in order, with the control sums as the
            // forms write them ("1 = 2+3 = 4+5").
            for no in 1..=f.columns {
                let mut want = no.to_string();
                for (col, parts) in &f.sums {
                    if *col == no {
                        let p: Vec<String> = parts.iter().map(usize::to_string).collect();
                        want = format!("{want} = {}", p.join("+"));
                    }
                }
                assert_eq!(
                    text(cell(g, s.ms, no)),
                    Some(want.as_str()),
                    "{} MS row",
                    f.code
                );
            }
            assert_eq!(text(cell(g, s.ms + 1, 0)), Some(AGENCY));
            // The register has the optional columns: only unsupported columns are empty.
            for no in 1..=f.columns {
                assert_eq!(
                    s.value(no).is_none(),
                    f.unsupported.contains(&no),
                    "{} column {no}",
                    f.code
                );
            }
        }
        // 03/XLD: why a tố cáo tiếp came again is not in the register (columns 18, 19).
        assert_control_sums(&book, &specs, &[("03/XLD", 8)]);
        // 01/XLD column 3 (received in the period) is the report's "tiếp nhận trong kỳ".
        let summary: Value =
            serde_json::from_str(&wd.read("out/summary.json")).expect("summary.json");
        let x1 = FormSheet::new(&book, "01-XLD");
        assert_eq!(x1.value(3), summary["totals"]["received"].as_u64());
        // No control sum is reported as broken on the notes sheet.
        let notes = book.sheet("Chú thích");
        assert!(
            !notes
                .iter()
                .flatten()
                .any(|c| text(c).is_some_and(|t| t.starts_with("KHÔNG KHỚP")))
        );
    }
}

/// The hand-worked register of the unit tests (src/forms/tests.rs), end to end.
#[test]
fn fixture_register_gives_the_hand_worked_01_xld_and_01_kqgq() {
    let wd = Workdir::new();
    wd.fixture("bieu-mau-quy-2-2026.csv");
    let run = wd.run(&[
        "report",
        "bieu-mau-quy-2-2026.csv",
        "--period",
        "2026-Q2",
        "--as-of",
        AS_OF,
        "--format",
        "xlsx",
        "--out",
        "out",
    ]);
    run.assert_code(0);
    let book = forms_book(&wd, "out", "2026-Q2");
    let x1 = FormSheet::new(&book, "01-XLD");
    let n = Some;
    #[rustfmt::skip]
    let want = [
        n(13), n(2), n(11), n(11), n(2), n(10), n(9), n(5), n(3), n(2), n(3), n(0), n(7),
        n(7), n(4), n(2), n(1), n(3), n(1), n(2), None, None,
    ];
    assert_eq!(x1.values(22), want);
    let k1 = FormSheet::new(&book, "01-KQGQ");
    let mut want = vec![n(5), n(2), n(3), n(3), n(1), n(1)];
    want.extend(std::iter::repeat_n(None, 13));
    want.extend([n(0), n(1), n(0), n(0), n(0), n(1), n(1)]);
    assert_eq!(k1.values(26), want);
    // The notes sheet names the register column that would fill an empty one.
    let notes = book.sheet("Chú thích");
    assert!(notes.iter().flatten().any(|c| {
        text(c).is_some_and(|t| t.contains("Đôn đốc giải quyết: cần cột \"Hướng xử lý\""))
    }));
    assert_control_sums(&book, &layouts(), &[("03/XLD", 8)]);
}

#[test]
fn layouts_file_in_the_config_is_an_edit_not_a_code_change() {
    let wd = Workdir::new();
    wd.fixture("bieu-mau-quy-2-2026.csv");
    let shipped = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("report-templates/bieu-mau-tt01-2024.toml"),
    )
    .unwrap();
    let edited = shipped.replace(
        "title = \"TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN\"",
        "title = \"TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN (BẢN SỬA)\"",
    );
    assert_ne!(edited, shipped);
    wd.write("bieu-mau.toml", edited);
    wd.write("cfg.toml", "[forms]\nlayouts_file = \"bieu-mau.toml\"\n");
    let args = [
        "report",
        "bieu-mau-quy-2-2026.csv",
        "--config",
        "cfg.toml",
        "--period",
        "2026-Q2",
        "--as-of",
        AS_OF,
        "--format",
        "xlsx",
        "--out",
        "out",
    ];
    wd.run(&args).assert_code(0);
    let book = forms_book(&wd, "out", "2026-Q2");
    assert_eq!(
        text(cell(book.sheet("01-XLD"), 3, 0)),
        Some("TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN (BẢN SỬA)")
    );

    // A broken layouts file is refused with its name and the reason; nothing is written.
    wd.write(
        "bieu-mau.toml",
        shipped.replacen("sum = [2, 3]", "sum = [2, 30]", 1),
    );
    let mut bad = args.to_vec();
    let last = bad.len() - 1;
    bad[last] = "out2";
    let run = wd.run(&bad);
    assert_ne!(run.code, Some(0));
    assert!(run.stderr.contains("bieu-mau.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("30"), "{}", run.stderr);
    assert!(!wd.exists("out2/bieu-mau-tt01-2024-2026-Q2.xlsx"));
    assert!(!wd.exists("out2/bao-cao-pakn-2026-Q2.xlsx"));

    // A predicate naming no flag is found before any output is written, whatever the order of
    // the formats; the message names the form and the column.
    wd.write(
        "bieu-mau.toml",
        shipped.replacen("count = \"don_ky_truoc\"", "count = \"don_ky_truc\"", 1),
    );
    let mut typo = args.to_vec();
    typo[9] = "json,xlsx,pdf";
    typo[last] = "out4";
    let run = wd.run(&typo);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("01/XLD") && run.stderr.contains("cột 2"),
        "{}",
        run.stderr
    );
    let written: Vec<_> = std::fs::read_dir(wd.path().join("out4"))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(written.is_empty(), "{written:?}");

    // forms.enabled = false: the report's workbook only.
    wd.write("off.toml", "[forms]\nenabled = false\n");
    let mut off = args.to_vec();
    off[3] = "off.toml";
    off[last] = "out3";
    wd.run(&off).assert_code(0);
    assert!(wd.exists("out3/bao-cao-pakn-2026-Q2.xlsx"));
    assert!(!wd.exists("out3/bieu-mau-tt01-2024-2026-Q2.xlsx"));
}

/// `validate` says which optional form columns the inputs have.
#[test]
fn validate_lists_the_optional_form_columns_found() {
    let wd = Workdir::new();
    wd.fixture("bieu-mau-quy-2-2026.csv");
    let v = wd.validate_json(&["bieu-mau-quy-2-2026.csv"]);
    assert_eq!(
        v["form_fields"],
        serde_json::json!(["competence", "outcome", "attempt", "matter"])
    );
    wd.write(
        "plain.csv",
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn\nA1,01/04/2026,Email,Phản ánh\n",
    );
    let v = wd.validate_json(&["plain.csv"]);
    assert_eq!(v["form_fields"], serde_json::json!([]));
    let run = wd.run(&["validate", "plain.csv"]);
    run.assert_code(0);
    assert!(
        !run.stdout.contains("optional form columns"),
        "{}",
        run.stdout
    );
    let run = wd.run(&["validate", "bieu-mau-quy-2-2026.csv"]);
    run.assert_code(0);
    assert!(
        run.stdout.contains(
            "(optional form columns): có Thẩm quyền, Kết quả giải quyết, Lần giải quyết, Số vụ việc; không có Số người đứng tên"
        ),
        "{}",
        run.stdout
    );
}
