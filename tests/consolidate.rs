//! Consolidation (SPEC §11), checked against the truth: registers for several units are generated
//! (`sample`, different seeds, disjoint case numbers, each unit its own `[agency] code`), each is
//! reported on its own and all of them together; the consolidation of the units' folders must
//! give the figures of the run on all cases — every count and rate equal, means within 1e-5,
//! medians and p90 within 0.01 day — and each unit's row of the consolidated forms must be that
//! unit's own forms row, the total row the forms of the run on all cases.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use calamine::Data;
use serde_json::Value;

use crate::common::{AS_OF, Book, Run, Workdir, assert_error, cell, text};

const PERIOD: &str = "2026-05";
/// (code, name, group, seed) of the generated units.
const UNITS: [(&str, &str, &str, u64); 4] = [
    ("u-so-xd", "Sở Xây dựng", "so-nganh", 11),
    ("u-so-tnmt", "Sở Nông nghiệp và Môi trường", "so-nganh", 12),
    ("u-hong-bang", "UBND phường Hồng Bàng", "phuong-xa", 13),
    ("u-le-chan", "UBND phường Lê Chân", "phuong-xa", 14),
];

/// The generated registers and their reports, made once for every test of this module:
/// `<code>/so.csv`, `<code>/cfg.toml`, `r/<code>/` (report folders), `all/` (report on all).
fn fixture() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("consolidate-units");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut all = vec![
            "report".to_string(),
            "--period".into(),
            PERIOD.into(),
            "--as-of".into(),
            AS_OF.into(),
            "--format".into(),
            "json,xlsx".into(),
            "--out".into(),
            "all".into(),
        ];
        for (i, (code, name, _, seed)) in UNITS.iter().enumerate() {
            std::fs::create_dir_all(dir.join(code)).unwrap();
            let seed = seed.to_string();
            let prefix = format!("DV{i}-");
            crate::common::run_ok(
                &[
                    "sample",
                    "--cases",
                    "500",
                    "--seed",
                    &seed,
                    "--id-prefix",
                    &prefix,
                    "--from",
                    "2025-03-01",
                    "--to",
                    "2026-05-14",
                    "--out",
                    &format!("{code}/so.csv"),
                ],
                &dir,
            );
            std::fs::write(
                dir.join(code).join("cfg.toml"),
                format!("[agency]\ncode = \"{code}\"\nname = \"{name}\"\n"),
            )
            .unwrap();
            crate::common::run_ok(
                &[
                    "report",
                    &format!("{code}/so.csv"),
                    "--config",
                    &format!("{code}/cfg.toml"),
                    "--period",
                    PERIOD,
                    "--as-of",
                    AS_OF,
                    "--format",
                    "json,xlsx",
                    "--out",
                    &format!("r/{code}"),
                ],
                &dir,
            );
            all.insert(1, format!("{code}/so.csv"));
        }
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        crate::common::run_ok(&all, &dir);
        dir
    })
}

/// Copies a folder (flat) into the work folder under `to`.
fn copy_dir(from: &Path, w: &Workdir, to: &str) {
    let dest = w.mkdir(to);
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, dest.join(p.file_name().unwrap())).unwrap();
        }
    }
}

/// A units file: the body and its groups of (code, name) units.
fn units_file(body: &str, units: &[(&str, &str, &str)]) -> String {
    let mut s = format!(
        "[agency]\nname = \"THANH TRA {body}\"\nparent = \"UBND THÀNH PHỐ HẢI PHÒNG\"\ncode = \"{body}\"\n"
    );
    let mut groups: Vec<&str> = Vec::new();
    for (_, _, g) in units {
        if !groups.contains(g) {
            groups.push(g);
        }
    }
    for g in groups {
        s.push_str(&format!("[[group]]\ncode = \"{g}\"\nname = \"Nhóm {g}\"\n"));
    }
    for (code, name, g) in units {
        s.push_str(&format!(
            "[[unit]]\ncode = \"{code}\"\nname = \"{name}\"\ngroup = \"{g}\"\n"
        ));
    }
    s
}

fn all_units() -> Vec<(&'static str, &'static str, &'static str)> {
    UNITS.iter().map(|(c, n, g, _)| (*c, *n, *g)).collect()
}

fn consolidate(w: &Workdir, sources: &[&str], units: &str, out: &str) -> Run {
    let mut args = vec!["consolidate"];
    args.extend_from_slice(sources);
    args.extend_from_slice(&[
        "--units", units, "--period", PERIOD, "--as-of", AS_OF, "--out", out,
    ]);
    w.run(&args)
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Compares every number of `truth` with `got` (recursively, by key; `hist` left out): counts and
/// rates exactly, means within 1e-5, medians and p90 within 0.01 day. Returns how many numbers
/// were compared; panics on the first difference.
fn compare(truth: &Value, got: &Value, path: &str) -> usize {
    match truth {
        Value::Object(m) => m
            .iter()
            .filter(|(k, _)| *k != "hist" && *k != "period")
            .map(|(k, v)| compare(v, &got[k], &format!("{path}.{k}")))
            .sum(),
        Value::Number(n) => {
            let want = n.as_f64().unwrap();
            let have = got
                .as_f64()
                .unwrap_or_else(|| panic!("{path}: {want} expected, got {got}"));
            let tol = if path.ends_with(".median") || path.ends_with(".p90") {
                0.01
            } else if path.ends_with(".mean") {
                1e-5
            } else {
                1e-12
            };
            assert!(
                (want - have).abs() <= tol,
                "{path}: consolidation {have} ≠ run on all cases {want}"
            );
            1
        }
        Value::Null => {
            assert!(got.is_null(), "{path}: null expected, got {got}");
            1
        }
        _ => 0,
    }
}

/// The breakdown lists, compared by key (both sides list the same keys in the same order).
fn compare_lists(truth: &Value, got: &Value, list: &str) -> usize {
    let keys = |v: &Value| -> Vec<String> {
        v[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["key"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(keys(truth), keys(got), "{list}: the same groups");
    truth[list]
        .as_array()
        .unwrap()
        .iter()
        .zip(got[list].as_array().unwrap())
        .map(|(t, g)| compare(t, g, &format!("{list}[{}]", t["key"])))
        .sum()
}

/// Every figure of a summary against the truth: totals, the three breakdowns, the comparisons.
fn compare_summaries(truth: &Value, got: &Value) -> usize {
    let mut n = compare(&truth["totals"], &got["totals"], "totals");
    for list in ["by_kind", "by_channel", "by_category"] {
        n += compare_lists(truth, got, list);
    }
    n += compare(&truth["compare"], &got["compare"], "compare");
    n
}

/// The rows of a form sheet under its MS row: (label in the first column, values by column).
fn form_rows(book: &Book, sheet: &str) -> Vec<(String, Vec<Option<f64>>)> {
    let g = book.sheet(sheet);
    let ms = (0..g.len())
        .find(|r| text(cell(g, *r, 0)) == Some("MS"))
        .expect("an MS row");
    let n = (1..)
        .take_while(|c| !matches!(cell(g, ms, *c), Data::Empty))
        .count();
    let mut out = Vec::new();
    for r in ms + 1..g.len() {
        let Some(label) = text(cell(g, r, 0)) else {
            break;
        };
        let values = (1..=n)
            .map(|c| match cell(g, r, c) {
                Data::Float(f) => Some(*f),
                Data::Int(i) => Some(*i as f64),
                _ => None,
            })
            .collect();
        out.push((label.to_string(), values));
    }
    out
}

/// The forms of a summary as rows: per form code, the values by column.
fn summary_forms(s: &Value) -> Vec<(String, Vec<Option<f64>>)> {
    s["forms"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(code, cols)| {
            (
                code.clone(),
                cols.as_object()
                    .unwrap()
                    .values()
                    .map(Value::as_f64)
                    .collect(),
            )
        })
        .collect()
}

const SHEETS: [(&str, &str); 6] = [
    ("01/XLD", "01-XLD"),
    ("02/XLD", "02-XLD"),
    ("03/XLD", "03-XLD"),
    ("04/XLD", "04-XLD"),
    ("01/KQGQ", "01-KQGQ"),
    ("03/KQGQ", "03-KQGQ"),
];

#[test]
fn consolidation_equals_the_run_on_all_cases() {
    let fx = fixture();
    let w = Workdir::new();
    w.write("units.toml", units_file("tt-hp", &all_units()));
    let r = consolidate(
        &w,
        &[fx.join("r").to_str().unwrap()],
        "units.toml",
        "tong-hop",
    );
    r.assert_code(0);
    assert!(r.stderr.contains("4 / 4"), "{}", r.stderr);
    let got = w.summary("tong-hop");
    let truth = json(&fx.join("all/summary.json"));
    let figures = compare_summaries(&truth, &got);
    // The histograms themselves add up to the run on all cases.
    for stat in [
        "response_days",
        "resolution_days",
        "resolution_working_days",
    ] {
        assert_eq!(
            truth["totals"][stat]["hist"], got["totals"][stat]["hist"],
            "{stat}.hist"
        );
    }
    // The forms: the total equals the run on all cases, column by column.
    let forms_truth = summary_forms(&truth);
    assert_eq!(forms_truth, summary_forms(&got));
    let columns: usize = forms_truth.iter().map(|(_, v)| v.len()).sum();
    eprintln!(
        "consolidation vs run on all cases: {figures} figures compared, all equal; {columns} form columns equal"
    );
    assert!(figures > 500, "{figures}");

    // The consolidated forms workbook: total row first, then per group its subtotal and units.
    let book = Book::open(
        &w.path()
            .join("tong-hop/bieu-mau-tt01-2024-tong-hop-2026-05.xlsx"),
    );
    let mut rows_checked = 0;
    for (i, (code, sheet)) in SHEETS.iter().enumerate() {
        let rows = form_rows(&book, sheet);
        let labels: Vec<&str> = rows.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "TỔNG CỘNG",
                "Nhóm so-nganh",
                "Sở Xây dựng",
                "Sở Nông nghiệp và Môi trường",
                "Nhóm phuong-xa",
                "UBND phường Hồng Bàng",
                "UBND phường Lê Chân"
            ],
            "{code}"
        );
        assert_eq!(
            rows[0].1, forms_truth[i].1,
            "{code}: total row = run on all cases"
        );
        // Each unit's row is that unit's own forms row (its own workbook, read back).
        for (code_u, name, _, _) in UNITS {
            let own = Book::open(&fx.join(format!("r/{code_u}/bieu-mau-tt01-2024-2026-05.xlsx")));
            let own_rows = form_rows(&own, sheet);
            let row = rows.iter().find(|(l, _)| l == name).unwrap();
            assert_eq!(row.1, own_rows[0].1, "{code} {name}");
            rows_checked += 1;
        }
        // A group's subtotal is the sum of its units.
        for (g, members) in [(1, [2, 3]), (4, [5, 6])] {
            for c in 0..rows[g].1.len() {
                let sum: Option<f64> = members
                    .iter()
                    .map(|m| rows[*m].1[c])
                    .try_fold(0.0, |a, v| v.map(|v| a + v));
                assert_eq!(rows[g].1[c], sum, "{code} group row {g} column {}", c + 1);
            }
        }
    }
    assert_eq!(rows_checked, 24);
    // Every control sum holds on every row.
    let notes = book.sheet("Chú thích");
    let all_hold = notes
        .iter()
        .flatten()
        .filter_map(text)
        .any(|t| t.starts_with("Đã kiểm tra") && t.contains("trên 42 dòng"));
    assert!(
        all_hold,
        "the notes sheet says every check was made on 42 rows"
    );

    // The consolidated workbook: Theo đơn vị has the total row, groups and units.
    let b = Book::open(&w.path().join("tong-hop/bao-cao-tong-hop-2026-05.xlsx"));
    assert_eq!(
        b.names,
        [
            "Tổng hợp",
            "Theo đơn vị",
            "Theo kênh",
            "Theo loại",
            "Theo lĩnh vực",
            "Thời gian xử lý",
            "Nguồn"
        ]
    );
    let units = b.sheet("Theo đơn vị");
    let head = (0..units.len())
        .find(|r| text(cell(units, *r, 1)) == Some("Đơn vị"))
        .unwrap();
    assert_eq!(text(cell(units, head + 1, 1)), Some("TỔNG CỘNG"));
    assert_eq!(
        cell(units, head + 1, 3),
        &Data::Float(truth["totals"]["received"].as_f64().unwrap())
    );
    assert_eq!(text(cell(units, head + 3, 1)), Some("Sở Xây dựng"));
    let own = json(&fx.join("r/u-so-xd/summary.json"));
    assert_eq!(
        cell(units, head + 3, 3),
        &Data::Float(own["totals"]["received"].as_f64().unwrap())
    );
    // Every unit used the shipped criteria: ranked.
    assert_eq!(got["scorecard"]["ranked"], true);
    let sources = b.sheet("Nguồn");
    let sha = crate::common::sha256_hex(&std::fs::read(fx.join("r/u-so-xd/summary.json")).unwrap());
    assert!(
        sources
            .iter()
            .flatten()
            .any(|d| text(d) == Some(sha.as_str()))
    );
    // The set verifies.
    w.run(&["verify", "tong-hop"]).assert_code(0);
}

#[test]
fn consolidating_consolidations_equals_consolidating_all_units() {
    let fx = fixture();
    let w = Workdir::new();
    let u = all_units();
    w.write("so-nganh.toml", units_file("so-nganh", &u[..2]));
    w.write("phuong-xa.toml", units_file("phuong-xa", &u[2..]));
    w.write("all.toml", units_file("tt-hp", &u));
    w.write(
        "upper.toml",
        units_file(
            "tt-hp",
            &[
                ("so-nganh", "Khối sở", "khoi"),
                ("phuong-xa", "Khối phường", "khoi"),
            ],
        ),
    );
    let r = |c: &str| fx.join("r").join(c).to_str().unwrap().to_string();
    let (a, b, c, d) = (r(u[0].0), r(u[1].0), r(u[2].0), r(u[3].0));
    consolidate(&w, &[&a, &b], "so-nganh.toml", "lower/so-nganh").assert_code(0);
    consolidate(&w, &[&c, &d], "phuong-xa.toml", "lower/phuong-xa").assert_code(0);
    consolidate(&w, &["lower"], "upper.toml", "upper").assert_code(0);
    consolidate(&w, &[&a, &b, &c, &d], "all.toml", "direct").assert_code(0);
    let upper = w.summary("upper");
    let direct = w.summary("direct");
    let n = compare_summaries(&direct, &upper);
    assert_eq!(summary_forms(&direct), summary_forms(&upper));
    for stat in [
        "response_days",
        "resolution_days",
        "resolution_working_days",
    ] {
        assert_eq!(
            direct["totals"][stat]["hist"],
            upper["totals"][stat]["hist"]
        );
    }
    // And both equal the run on all cases.
    let truth = json(&fx.join("all/summary.json"));
    compare_summaries(&truth, &upper);
    eprintln!("nesting: {n} figures compared, all equal");
    assert_eq!(upper["units"][0]["status"], "reported");
}

#[test]
fn a_missing_unit_is_listed_and_the_rest_consolidated() {
    let fx = fixture();
    let w = Workdir::new();
    let mut u = all_units();
    u.push(("u-thuy-nguyen", "UBND thành phố Thủy Nguyên", "phuong-xa"));
    w.write("units.toml", units_file("tt-hp", &u));
    let r = consolidate(&w, &[fx.join("r").to_str().unwrap()], "units.toml", "out");
    r.assert_code(0);
    assert!(r.stderr.contains("4 / 5"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("Chưa báo cáo: UBND thành phố Thủy Nguyên"),
        "{}",
        r.stderr
    );
    let s = w.summary("out");
    let missing = s["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "u-thuy-nguyen")
        .unwrap();
    assert_eq!(missing["status"], "missing");
    assert!(missing["totals"].is_null());
    assert_eq!(s["input"]["units_expected"], 5);
    assert_eq!(s["input"]["units_reported"], 4);
    // The rest is consolidated: the totals are the run on all four units' cases.
    compare_summaries(&json(&fx.join("all/summary.json")), &s);
    let b = Book::open(&w.path().join("out/bao-cao-tong-hop-2026-05.xlsx"));
    let sheet = b.sheet("Tổng hợp");
    let row = sheet
        .iter()
        .find(|row| row.first().and_then(text) == Some("UBND thành phố Thủy Nguyên"))
        .expect("the missing unit is listed on Tổng hợp");
    assert_eq!(text(&row[1]), Some("Chưa báo cáo"));
    let units = b.sheet("Theo đơn vị");
    assert!(units.iter().any(|row| row.get(1).and_then(text)
        == Some("UBND thành phố Thủy Nguyên")
        && row.get(2).and_then(text) == Some("Chưa báo cáo")));
    let forms = Book::open(
        &w.path()
            .join("out/bieu-mau-tt01-2024-tong-hop-2026-05.xlsx"),
    );
    let g = forms.sheet("01-XLD");
    let row = g
        .iter()
        .find(|row| row.first().and_then(text) == Some("UBND thành phố Thủy Nguyên"))
        .unwrap();
    assert!(row.iter().any(|d| text(d) == Some("Chưa báo cáo")));
}

/// Writes a forms workbook as another program might: other title rows, an STT column before
/// the unit's name, the MS row lower down, other column widths; the values of `forms`.
fn foreign_workbook(path: &Path, unit: &str, forms: &[(String, Vec<Option<f64>>)]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (i, (code, values)) in forms.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(format!("Bieu {}", i + 1)).unwrap();
        ws.set_column_width(0, 5).unwrap();
        ws.set_column_width(1, 44).unwrap();
        for c in 0..values.len() as u16 {
            ws.set_column_width(2 + c, 7.0 + (c % 3) as f64).unwrap();
        }
        ws.write(0, 0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
            .unwrap();
        ws.write(
            1,
            0,
            format!("Mẫu biểu: Biểu số {code} (TT 01/2024/TT-TTCP)"),
        )
        .unwrap();
        ws.write(2, 0, "Phần mềm quản lý đơn thư — kết xuất")
            .unwrap();
        ws.write(3, 0, "Kỳ báo cáo: từ ngày 15/04/2026 đến ngày 14/05/2026")
            .unwrap();
        ws.write(6, 0, "STT").unwrap();
        ws.write(6, 1, "Tên đơn vị").unwrap();
        ws.write(8, 0, "A").unwrap();
        ws.write(8, 1, "MS").unwrap();
        for c in 0..values.len() {
            ws.write(6, 2 + c as u16, format!("Cột {}", c + 1)).unwrap();
            ws.write(8, 2 + c as u16, format!("{}", c + 1)).unwrap();
        }
        ws.write(9, 0, 1).unwrap();
        ws.write(9, 1, unit).unwrap();
        for (c, v) in values.iter().enumerate() {
            if let Some(v) = v {
                ws.write(9, 2 + c as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn a_forms_workbook_of_other_software_is_read_through_its_ms_row() {
    let fx = fixture();
    let w = Workdir::new();
    w.write("units.toml", units_file("tt-hp", &all_units()));
    // The fourth unit sends only a forms workbook made elsewhere, with its own figures.
    let own = json(&fx.join("r/u-le-chan/summary.json"));
    let forms = summary_forms(&own);
    foreign_workbook(
        &w.path().join("le-chan.xlsx"),
        "UBND PHƯỜNG LÊ CHÂN",
        &forms,
    );
    let r = |c: &str| fx.join("r").join(c).to_str().unwrap().to_string();
    let (a, b, c) = (r("u-so-xd"), r("u-so-tnmt"), r("u-hong-bang"));
    let run = consolidate(&w, &[&a, &b, &c, "le-chan.xlsx"], "units.toml", "out");
    run.assert_code(0);
    assert!(run.stderr.contains("1 chỉ có biểu mẫu"), "{}", run.stderr);
    let s = w.summary("out");
    let unit = s["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "u-le-chan")
        .unwrap();
    assert_eq!(unit["status"], "forms_only");
    // The forms total is still the run on all four units' cases.
    let truth = json(&fx.join("all/summary.json"));
    assert_eq!(summary_forms(&truth), summary_forms(&s));
    let book = Book::open(
        &w.path()
            .join("out/bieu-mau-tt01-2024-tong-hop-2026-05.xlsx"),
    );
    for (i, (_, sheet)) in SHEETS.iter().enumerate() {
        let rows = form_rows(&book, sheet);
        let row = rows
            .iter()
            .find(|(l, _)| l == "UBND phường Lê Chân")
            .unwrap();
        assert_eq!(row.1, forms[i].1, "{sheet}");
    }
    let g = book.sheet("01-XLD");
    assert!(
        g.iter()
            .flatten()
            .any(|d| text(d) == Some("Chỉ có biểu mẫu"))
    );

    // A control sum that does not hold is refused, naming the unit and the file.
    let mut broken = forms.clone();
    broken[0].1[0] = broken[0].1[0].map(|v| v + 1.0);
    foreign_workbook(&w.path().join("sai.xlsx"), "UBND PHƯỜNG LÊ CHÂN", &broken);
    let run = consolidate(&w, &[&a, "sai.xlsx"], "units.toml", "out2");
    assert_error(
        &run,
        1,
        "sai.xlsx",
        &[
            "đơn vị 'u-le-chan'",
            "biểu 01/XLD, cột 1 = 2 + 3",
            "control sum does not hold",
        ],
    );
    assert!(!w.exists("out2/summary.json"));
}

#[test]
fn each_check_is_refused_with_one_sentence() {
    let fx = fixture();
    let w = Workdir::new();
    w.write("units.toml", units_file("tt-hp", &all_units()));
    copy_dir(&fx.join("r/u-so-xd"), &w, "so-xd");
    copy_dir(&fx.join("r/u-so-tnmt"), &w, "so-tnmt");

    // A unit twice.
    copy_dir(&fx.join("r/u-so-xd"), &w, "so-xd-lan-2");
    let r = consolidate(
        &w,
        &["so-xd", "so-tnmt", "so-xd-lan-2"],
        "units.toml",
        "out",
    );
    assert_error(
        &r,
        1,
        "so-xd-lan-2",
        &[
            "đơn vị 'u-so-xd' đã có nguồn so-xd",
            "two sources for one unit",
        ],
    );

    // A unit code not in the units file.
    w.write("thieu.toml", units_file("tt-hp", &all_units()[1..]));
    let r = consolidate(&w, &["so-tnmt", "so-xd"], "thieu.toml", "out");
    assert_error(
        &r,
        1,
        "so-xd/summary.json",
        &[
            "mã đơn vị 'u-so-xd'",
            "thieu.toml",
            "unit code not in the units file",
        ],
    );

    // A period other than --period.
    crate::common::run_ok(
        &[
            "report",
            &fx.join("u-so-xd/so.csv").to_string_lossy(),
            "--config",
            &fx.join("u-so-xd/cfg.toml").to_string_lossy(),
            "--period",
            "2026-04",
            "--as-of",
            AS_OF,
            "--format",
            "json",
            "--out",
            "thang-4",
        ],
        w.path(),
    );
    let r = consolidate(&w, &["thang-4", "so-tnmt"], "units.toml", "out");
    assert_error(
        &r,
        1,
        "thang-4/summary.json",
        &[
            "đơn vị 'u-so-xd'",
            "Tháng 4/2026",
            "không phải kỳ Tháng 5/2026",
            "another period",
        ],
    );

    // A file changed after the report was written.
    let s = w
        .read("so-xd/summary.json")
        .replacen("\"received\": ", "\"received\": 1", 1);
    w.write("so-xd/summary.json", s);
    let r = consolidate(&w, &["so-tnmt", "so-xd"], "units.toml", "out");
    assert_error(
        &r,
        1,
        "so-xd/summary.json",
        &[
            "đơn vị 'u-so-xd'",
            "không khớp manifest.json",
            "changed after the report was written",
        ],
    );
    // Nothing was written by any refused run.
    assert!(!w.exists("out"));
}

/// "1.234" as the report prints counts.
fn vi_int(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// "86,3%" as the report prints rates.
fn vi_pct(r: f64) -> String {
    format!("{:.1}%", r * 100.0).replace('.', ",")
}

/// The cells the report prints for figures (received, to handle, resolved, on time, on-time
/// rate, pending, overdue), from a summary.json `totals`.
fn printed(t: &Value) -> Vec<String> {
    let n = |k: &str| vi_int(t[k].as_u64().unwrap());
    vec![
        n("received"),
        n("to_handle"),
        n("resolved"),
        n("resolved_on_time"),
        t["on_time_rate"]
            .as_f64()
            .map(vi_pct)
            .unwrap_or_else(|| "—".into()),
        n("pending"),
        n("pending_overdue"),
    ]
}

/// The rows of the tables of a DOCX's word/document.xml, each as its cells' text.
fn docx_rows(path: &Path) -> Vec<Vec<String>> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let texts = |s: &str| -> String {
        let mut out = String::new();
        for piece in s.split("<w:t").skip(1) {
            let Some(start) = piece.find('>') else {
                continue;
            };
            if piece[..start].ends_with('/') {
                continue;
            }
            let rest = &piece[start + 1..];
            let end = rest.find("</w:t>").unwrap_or(0);
            out.push_str(&rest[..end]);
        }
        out.replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    };
    xml.split("<w:tr>")
        .chain(xml.split("<w:tr "))
        .skip(1)
        .filter_map(|tr| tr.split("</w:tr>").next())
        .map(|tr| {
            tr.split("<w:tc>")
                .skip(1)
                .map(|tc| texts(tc).trim().to_string())
                .collect::<Vec<String>>()
        })
        .filter(|r| !r.is_empty())
        .collect()
}

fn pdf_text(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed for this test");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Whitespace squashed to single spaces.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The báo cáo tổng hợp (PDF and DOCX): the totals, each unit's row and the missing unit equal
/// the consolidated summary.json; reruns give the same bytes; the set verifies.
#[test]
fn the_consolidated_report_pdf_and_docx_say_what_summary_json_says() {
    let fx = fixture();
    let w = Workdir::new();
    let mut u = all_units();
    u.push(("u-thuy-nguyen", "UBND TP Thủy Nguyên", "phuong-xa"));
    w.write("units.toml", units_file("tt-hp", &u));
    let src = fx.join("r");
    consolidate(&w, &[src.to_str().unwrap()], "units.toml", "out").assert_code(0);
    let s = w.summary("out");
    let pdf = w.path().join("out/bao-cao-tong-hop-2026-05.pdf");
    let docx = w.path().join("out/bao-cao-tong-hop-2026-05.docx");
    let m = json(&w.path().join("out/manifest.json"));
    let outs: Vec<&str> = m["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert!(outs.contains(&"bao-cao-tong-hop-2026-05.pdf"), "{outs:?}");
    assert!(outs.contains(&"bao-cao-tong-hop-2026-05.docx"), "{outs:?}");

    let text = pdf_text(&pdf);
    let flat = squash(&text);
    let rows = docx_rows(&docx);
    // The header of the consolidating body and the total row of the units table.
    assert!(flat.contains("THANH TRA tt-hp"), "{flat}");
    assert!(flat.contains("4/5 đơn vị"), "{flat}");
    let total = printed(&s["totals"]);
    let want = format!("TỔNG CỘNG {}", total.join(" "));
    assert!(flat.contains(&want), "PDF lacks «{want}»");
    let mut cells = vec![String::new(), "TỔNG CỘNG".to_string()];
    cells.extend(total.iter().cloned());
    assert!(rows.contains(&cells), "DOCX lacks {cells:?} in {rows:?}");
    let t = &s["totals"];
    let received = vi_int(t["received"].as_u64().unwrap());
    assert!(flat.contains(&format!("các đơn vị tiếp nhận {received} vụ việc")));
    // Each unit's row, numbered in the units file's order.
    let mut checked = 0;
    for (i, unit) in s["units"].as_array().unwrap().iter().enumerate() {
        let name = unit["name"].as_str().unwrap();
        let n = (i + 1).to_string();
        if unit["status"] == "missing" {
            let label = format!("{name} (Chưa báo cáo)");
            // The PDF may wrap the label within its cell.
            assert!(
                flat.contains(&format!("{name} (Chưa báo")),
                "PDF lacks {label}"
            );
            assert!(
                rows.iter()
                    .any(|r| r.len() == 9 && r[0] == n && r[1] == label),
                "DOCX lacks {label}"
            );
            assert!(flat.contains(&format!("Các đơn vị chưa báo cáo (1): {name}.")));
            continue;
        }
        let figures = printed(&unit["totals"]);
        let want = format!("{n} {name} {}", figures.join(" "));
        assert!(flat.contains(&want), "PDF lacks «{want}»");
        let mut cells = vec![n, name.to_string()];
        cells.extend(figures);
        assert!(rows.contains(&cells), "DOCX lacks {cells:?}");
        checked += 1;
    }
    assert_eq!(checked, UNITS.len());
    // Each group's subtotal equals the sum of its units in summary.json.
    for g in ["so-nganh", "phuong-xa"] {
        let sum: u64 = s["units"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["group"] == g && x["status"] == "reported")
            .map(|x| x["totals"]["received"].as_u64().unwrap())
            .sum();
        let label = format!("Nhóm {g}");
        let row = rows
            .iter()
            .find(|r| r.get(1).map(String::as_str) == Some(label.as_str()))
            .unwrap_or_else(|| panic!("DOCX lacks the row of {label}"));
        assert_eq!(row[2], vi_int(sum), "{label}");
    }
    // No case numbers of the units' registers (DV0-…) in either file.
    assert!(!text.contains("DV0-") && !text.contains("DV1-"));
    assert!(!rows.iter().flatten().any(|c| c.contains("DV0-")));

    // Same inputs, same bytes.
    consolidate(&w, &[src.to_str().unwrap()], "units.toml", "out2").assert_code(0);
    for name in [
        "bao-cao-tong-hop-2026-05.pdf",
        "bao-cao-tong-hop-2026-05.docx",
        "manifest.json",
    ] {
        assert_eq!(
            std::fs::read(w.path().join("out").join(name)).unwrap(),
            std::fs::read(w.path().join("out2").join(name)).unwrap(),
            "{name} differs between two runs"
        );
    }
    w.run(&["verify", "out"]).assert_code(0);

    // Only what was asked for.
    let mut args = vec!["consolidate", src.to_str().unwrap()];
    args.extend_from_slice(&[
        "--units",
        "units.toml",
        "--period",
        PERIOD,
        "--as-of",
        AS_OF,
        "--out",
        "pdf-only",
        "--format",
        "pdf",
    ]);
    w.run(&args).assert_code(0);
    assert!(w.exists("pdf-only/bao-cao-tong-hop-2026-05.pdf"));
    assert!(!w.exists("pdf-only/bao-cao-tong-hop-2026-05.docx"));
    assert!(!w.exists("pdf-only/summary.json"));
}
