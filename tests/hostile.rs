//! Hostile and odd inputs (SPEC §2, §3.5, §3.6, §8): one regression test per class of fault an
//! independent battery found, then a table of further cases of each class. Every input is
//! generated here; every case states the exit status, a fragment of the message and, when the
//! run reads rows, the row identity rows read = accepted + rejected + duplicates + skipped.

use std::io::Write as _;

use crate::common::*;
use serde_json::Value;

const HEADER: &str = "Mã hồ sơ,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Lĩnh vực";
const PHONE: &str = "0912345678";

// ---------------------------------------------------------------------------------------------
// Generated workbooks.

fn col_name(mut c: u32) -> String {
    let mut s = Vec::new();
    c += 1;
    while c > 0 {
        let r = (c - 1) % 26;
        s.push(b'A' + r as u8);
        c = (c - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

/// A cell of a generated sheet.
#[derive(Clone)]
enum X {
    S(&'static str),
    N(f64),
    /// A formula, with its cached value or none.
    F(&'static str, Option<f64>),
}

/// A minimal .xlsx (inline strings) holding these cells (0-based row, column).
fn xlsx(cells: &[(u32, u32, X)]) -> Vec<u8> {
    let mut rows: std::collections::BTreeMap<u32, Vec<(u32, X)>> = Default::default();
    for (r, c, v) in cells {
        rows.entry(*r).or_default().push((*c, v.clone()));
    }
    let mut data = String::new();
    for (r, mut cs) in rows {
        cs.sort_by_key(|(c, _)| *c);
        data.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, v) in cs {
            let at = format!("{}{}", col_name(c), r + 1);
            data.push_str(&match v {
                X::S(s) => format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{s}</t></is></c>"),
                X::N(n) => format!("<c r=\"{at}\"><v>{n}</v></c>"),
                X::F(f, None) => format!("<c r=\"{at}\"><f>{f}</f></c>"),
                X::F(f, Some(n)) => format!("<c r=\"{at}\"><f>{f}</f><v>{n}</v></c>"),
            });
        }
        data.push_str("</row>");
    }
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>"#
            ),
        ),
    ];
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        z.start_file(name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// The header and one valid case in A1:D2 of a sheet, plus `more` cells.
fn sheet_with(more: &[(u32, u32, X)]) -> Vec<u8> {
    let mut cells = vec![
        (0, 0, X::S("Mã hồ sơ")),
        (0, 1, X::S("Ngày tiếp nhận")),
        (0, 2, X::S("Kênh tiếp nhận")),
        (0, 3, X::S("Loại đơn")),
        (1, 0, X::S("A1")),
        (1, 1, X::S("01/05/2026")),
        (1, 2, X::S("Hotline")),
        (1, 3, X::S("Phản ánh")),
    ];
    cells.extend_from_slice(more);
    xlsx(&cells)
}

/// An HTML table as the "Xuất Excel" button of many systems writes it.
fn html_xls(rows: &[&[&str]], title: bool) -> String {
    let mut s = String::from(
        "<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head><meta charset=\"utf-8\"></head><body><table border=\"1\">",
    );
    if title {
        s.push_str("<tr><td colspan=\"5\"><b>SỔ THEO DÕI ĐƠN THƯ</b></td></tr>");
    }
    for (i, r) in rows.iter().enumerate() {
        s.push_str("<tr>");
        for c in *r {
            let tag = if i == 0 { "th" } else { "td" };
            s.push_str(&format!("<{tag}>{c}</{tag}>"));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</table></body></html>");
    s
}

const SPREADSHEET_ML: &str = r#"<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Worksheet ss:Name="Sheet1"><Table><Row><Cell><Data ss:Type="String">Mã hồ sơ</Data></Cell></Row></Table></Worksheet>
</Workbook>"#;

/// A file of `tests/fixtures/` (small workbooks saved by LibreOffice: the header and three rows,
/// the third without an id).
fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir().join(name)).expect("fixture")
}

fn csv(rows: &[&str]) -> String {
    csv_text(HEADER, rows)
}

fn reject_codes(v: &Value) -> Vec<String> {
    v["rejects"]
        .as_array()
        .expect("rejects")
        .iter()
        .map(|r| r["code"].as_str().expect("code").to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// One regression test per class.

/// Class 1: a stray quote swallowed two cases silently (rows read 1 = accepted 1), or shifted a
/// phone number into the category that summary.json prints.
#[test]
fn stray_quote_is_a_rejected_record_with_its_lines_never_a_merge() {
    let wd = Workdir::new();
    wd.write(
        "q.csv",
        "Mã hồ sơ,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Lĩnh vực\nA1,01/05/2026,Hotline,Phản ánh,\"Đất đai\nA2,02/05/2026,Hotline,Phản ánh,Xây dựng\nA3,03/05/2026,Hotline,Phản ánh,Xây dựng\n",
    );
    let v = wd.validate_json(&["q.csv"]);
    assert_eq!(account(&v), (1, 0, 1, 0, 0));
    let r = &v["rejects"][0];
    assert_eq!(r["code"], "quote_fault");
    assert_eq!(r["row"], 2);
    assert_eq!(r["value"], "");
    let reason = r["reason"].as_str().unwrap();
    assert!(reason.contains("các dòng 2–4"), "{reason}");
    assert!(reason.contains("kiểm tra dấu ngoặc kép"), "{reason}");

    wd.write(
        "p.csv",
        format!("Mã hồ sơ,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Lĩnh vực,Họ tên,Số điện thoại,Nội dung\nA1,01/05/2026,Hotline,Phản ánh,\"Đất đai,Nguyễn Văn A,{PHONE},\"Khiếu nại, nhà số 9\"\nA2,02/05/2026,Hotline,Phản ánh,Xây dựng,Trần B,0987654321,\"x\"\n"),
    );
    let run = wd.report("o", &["p.csv", "--period", "2026-05"]);
    run.assert_code(0);
    let summary = wd.read("o/summary.json");
    for secret in [PHONE, "Nguyễn", "0987654321", "Trần B"] {
        assert!(
            !summary.contains(secret),
            "{secret} leaked into summary.json"
        );
    }
    let v = wd.validate_json(&["p.csv"]);
    assert_eq!(account(&v), (2, 1, 1, 0, 0));
    assert!(!serde_json::to_string(&v).unwrap().contains(PHONE));
    let s = wd.summary("o");
    assert_eq!(keys(&s, "by_category"), vec!["Xây dựng".to_string()]);
}

/// Class 2: with "Mã số" (a row number) and "Mã hồ sơ", the leftmost won silently.
#[test]
fn two_columns_for_one_field_name_both_and_the_config_key() {
    let wd = Workdir::new();
    wd.write(
        "a.csv",
        "Mã số,Mã hồ sơ,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn\n1,HS-9,01/05/2026,Hotline,Phản ánh\n",
    );
    let run = wd.run(&["validate", "a.csv"]);
    assert_error(
        &run,
        1,
        "a.csv",
        &["'Mã số'", "'Mã hồ sơ'", "[columns] id", "dòng 1"],
    );
    wd.write("c.toml", "[columns]\nid = [\"Mã hồ sơ\"]\n");
    let v = wd.validate_json(&["--config", "c.toml", "a.csv"]);
    assert_eq!(account(&v), (1, 1, 0, 0, 0));
}

/// Class 3: a department typed with a soft hyphen, NUL or another invisible character made a
/// second group that looked identical in every output.
#[test]
fn invisible_characters_do_not_split_groups_or_ids() {
    let wd = Workdir::new();
    let header = "Mã hồ sơ,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Đơn vị xử lý";
    let rows = [
        "A1,01/05/2026,Hotline,Phản ánh,Phòng Tư pháp",
        "A2,01/05/2026,Hotline,Phản ánh,Phòng Tư\u{ad} pháp",
        "A3,01/05/2026,Hotline,Phản ánh,Phòng\u{0} Tư pháp",
        "A4,01/05/2026,Hotline,Phản ánh,\u{200e}Phòng Tư pháp\u{200b}",
        "A5,01/05/2026,Hotline,Phản ánh,\u{feff}Phòng \u{2060}Tư pháp",
        "A\u{200b}1,01/05/2026,Hotline,Phản ánh,Phòng Tư pháp",
    ];
    wd.write("d.csv", csv_text(header, &rows));
    let s = wd.report_json("o", &["d.csv", "--period", "2026-05"]);
    assert_eq!(
        received_by(&s, "by_department"),
        vec![("Phòng Tư pháp".to_string(), 5)]
    );
    let v = wd.validate_json(&["d.csv"]);
    assert_eq!(account(&v), (6, 5, 0, 1, 0));
}

/// Class 4: `verify DIR INPUT` said all matched when INPUT was missing or not the manifest's.
#[test]
fn verify_checks_every_named_input() {
    let wd = Workdir::new();
    wd.write("in.csv", csv(&["A1,01/05/2026,Hotline,Phản ánh,Đất đai"]));
    wd.write(
        "other.csv",
        csv(&["B1,01/05/2026,Hotline,Phản ánh,Đất đai"]),
    );
    wd.report("o", &["in.csv", "--period", "2026-05"])
        .assert_code(0);
    wd.run(&["verify", "o", "in.csv"]).assert_code(0);
    let run = wd.run(&["verify", "o", "missing.csv"]);
    run.assert_code(1);
    assert!(run.stdout.contains("THIẾU\tmissing.csv"), "{}", run.stdout);
    assert!(run.stderr.contains("missing.csv"), "{}", run.stderr);
    let run = wd.run(&["verify", "o", "other.csv"]);
    run.assert_code(1);
    assert!(
        run.stdout.contains("KHÔNG CÓ TRONG MANIFEST"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("other.csv"), "{}", run.stderr);
    wd.write("in.csv", csv(&["A1,02/05/2026,Hotline,Phản ánh,Đất đai"]));
    let run = wd.run(&["verify", "o", "in.csv"]);
    run.assert_code(1);
    assert!(run.stdout.contains("ĐÃ THAY ĐỔI\tin.csv"), "{}", run.stdout);
}

/// Class 5: one cell at XFD1048576 aborted the process (a 550 GB allocation); one at A1048576
/// cost 3.6 GB. The sheet is now read cell by cell.
#[test]
fn far_cells_cost_their_cells_not_the_sheet_extent() {
    let wd = Workdir::new();
    wd.write("xfd.xlsx", sheet_with(&[(1_048_575, 16_383, X::S("x"))]));
    wd.write("a.xlsx", sheet_with(&[(1_048_575, 0, X::S("x"))]));
    for f in ["xfd.xlsx", "a.xlsx"] {
        let v = wd.validate_json(&[f]);
        // Row 1 is the header; rows 3 … 1048575 are blank; row 1048576 holds the stray cell.
        assert_eq!(account(&v), (1_048_575, 1, 1, 0, 1_048_573), "{f}");
    }
}

/// Class 6: a config value out of range was an internal error after 9 s.
#[test]
fn config_values_are_range_checked_at_load() {
    let wd = Workdir::new();
    wd.write("in.csv", csv(&["A1,01/05/2026,Hotline,Phản ánh,Đất đai"]));
    wd.write(
        "c.toml",
        "[deadlines]\n# the reply term\nresponse_working_days = 100000000\n",
    );
    let run = wd.run(&["validate", "--config", "c.toml", "in.csv"]);
    assert_error(
        &run,
        1,
        "c.toml",
        &["dòng 3", "response_working_days", "1–60"],
    );
}

/// Class 7: an invalid `input.date_format` was accepted and every row rejected, exit 0.
#[test]
fn a_date_format_that_cannot_read_its_own_output_is_refused() {
    let wd = Workdir::new();
    wd.write("in.csv", csv(&["A1,01/05/2026,Hotline,Phản ánh,Đất đai"]));
    for bad in ["%Q%Q", ""] {
        wd.write("c.toml", format!("[input]\ndate_format = \"{bad}\"\n"));
        let run = wd.run(&["validate", "--config", "c.toml", "in.csv"]);
        assert_error(&run, 1, "c.toml", &["dòng 2", "date_format"]);
    }
}

/// Class 8: unclear messages where users land.
#[test]
fn clear_messages_for_foreign_formats_formulas_and_far_periods() {
    let wd = Workdir::new();
    // The HTML ".xls" of a "Xuất Excel" button is read as the table it is.
    wd.write(
        "xuat.xls",
        html_xls(
            &[
                &[
                    "Mã hồ sơ",
                    "Ngày tiếp nhận",
                    "Kênh tiếp nhận",
                    "Loại đơn",
                    "Lĩnh vực",
                ],
                &["A1", "01/05/2026", "Hotline", "Phản ánh", "Đất đai"],
                &[
                    "A2",
                    "02/05/2026",
                    "Cổng TTĐT",
                    "Kiến nghị",
                    "Xây &amp; dựng",
                ],
                &["", "31/02/2026", "Hotline", "Phản ánh", ""],
            ],
            true,
        ),
    );
    let v = wd.validate_json(&["xuat.xls"]);
    assert_eq!(account(&v), (3, 2, 1, 0, 0));
    assert_eq!(reject_codes(&v), vec!["blank_id"]);
    let s = wd.report_json("o", &["xuat.xls", "--period", "2026-05"]);
    assert!(keys(&s, "by_category").contains(&"Xây & dựng".to_string()));
    // SpreadsheetML 2003: refused with the way out.
    wd.write("xml.xls", SPREADSHEET_ML);
    let run = wd.run(&["validate", "xml.xls"]);
    assert_error(&run, 1, "xml.xls", &["SpreadsheetML", "lưu thành .xlsx"]);
    // An xlsx named .csv: the format found is named, not the text encoding.
    wd.write("wb.csv", sheet_with(&[]));
    let run = wd.run(&["validate", "wb.csv"]);
    assert_error(
        &run,
        1,
        "wb.csv",
        &["bảng tính Excel .xlsx", "đổi phần mở rộng"],
    );
    // A formula saved without its value is that, not a missing id.
    wd.write(
        "f.xlsx",
        sheet_with(&[
            (2, 0, X::F("CONCATENATE(\"A\",\"2\")", None)),
            (2, 1, X::S("02/05/2026")),
            (2, 2, X::S("Hotline")),
            (2, 3, X::S("Phản ánh")),
        ]),
    );
    let v = wd.validate_json(&["f.xlsx"]);
    assert_eq!(account(&v), (2, 1, 1, 0, 0));
    assert_eq!(reject_codes(&v), vec!["formula_without_value"]);
    assert_eq!(v["rejects"][0]["field"], "id");
    // A period whose comparison would start before 1900.
    wd.write("in.csv", csv(&["A1,01/05/2026,Hotline,Phản ánh,Đất đai"]));
    let run = wd.report("p", &["in.csv", "--period", "1900-01-01..2199-12-31"]);
    run.assert_code(2);
    assert!(run.stderr.contains("01/03/1900"), "{}", run.stderr);
    assert!(!run.stderr.contains("Year 1600"), "{}", run.stderr);
}

/// Reject codes are in the workbook's list next to the Vietnamese reason.
#[test]
fn the_workbook_list_carries_the_reject_code() {
    let wd = Workdir::new();
    wd.write(
        "in.csv",
        csv(&[
            "A1,01/05/2026,Hotline,Phản ánh,Đất đai",
            ",02/05/2026,Hotline,Phản ánh,Đất đai",
            "A3,02/05/2026,Hotline,Phản ánh,\"Đất\" đai",
        ]),
    );
    let run = wd.run(&[
        "report", "in.csv", "--period", "2026-05", "--as-of", AS_OF, "--out", "o", "--format",
        "xlsx",
    ]);
    run.assert_code(0);
    let book = Book::open(&wd.path().join("o/bao-cao-pakn-2026-05.xlsx"));
    let grid = book.sheet("Dữ liệu lỗi");
    let header = grid
        .iter()
        .position(|r| r.iter().any(|c| text(c) == Some("Mã lý do")))
        .expect("a code column");
    let code_col = grid[header]
        .iter()
        .position(|c| text(c) == Some("Mã lý do"))
        .unwrap();
    let reason_col = grid[header]
        .iter()
        .position(|c| text(c) == Some("Lý do"))
        .unwrap();
    assert_eq!(code_col, reason_col + 1);
    let codes: Vec<&str> = grid[header + 1..]
        .iter()
        .filter_map(|r| r.get(code_col).and_then(text))
        .collect();
    assert_eq!(codes, vec!["blank_id", "quote_fault"]);
}

// ---------------------------------------------------------------------------------------------
// The battery: further hostile cases of each class.

/// What a case runs.
enum Cmd {
    /// `validate --json FILE…` (plus the config, when given).
    Validate,
    /// `report` into `o` first, then `verify o ARGS…`.
    Verify(&'static [&'static str]),
    /// `report --period P FILE…`.
    Period(&'static str),
}

struct Case {
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    config: Option<&'static str>,
    cmd: Cmd,
    exit: i32,
    /// Found in stdout or stderr.
    fragment: &'static str,
    /// (rows read, accepted, rejected, duplicates, skipped) of a run that reads rows.
    identity: Option<(u64, u64, u64, u64, u64)>,
}

fn case(
    name: &'static str,
    file: &'static str,
    bytes: impl Into<Vec<u8>>,
    exit: i32,
    fragment: &'static str,
    identity: Option<(u64, u64, u64, u64, u64)>,
) -> Case {
    Case {
        name,
        files: vec![(file, bytes.into())],
        config: None,
        cmd: Cmd::Validate,
        exit,
        fragment,
        identity,
    }
}

fn battery() -> Vec<Case> {
    let good = "A1,01/05/2026,Hotline,Phản ánh,Đất đai";
    let personal_header =
        "Mã hồ sơ,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Lĩnh vực,Họ tên,Số điện thoại,Nội dung";
    let with_config = |name, config, exit, fragment| Case {
        name,
        files: vec![("in.csv", csv(&[good]).into_bytes())],
        config: Some(config),
        cmd: Cmd::Validate,
        exit,
        fragment,
        identity: None,
    };
    let verify = |name, args, exit, fragment| Case {
        name,
        files: vec![
            ("in.csv", csv(&[good]).into_bytes()),
            (
                "other.csv",
                csv(&["B1,01/05/2026,Hotline,Phản ánh,Đất đai"]).into_bytes(),
            ),
        ],
        config: None,
        cmd: Cmd::Verify(args),
        exit,
        fragment,
        identity: None,
    };
    let period = |name, p, exit, fragment| Case {
        name,
        files: vec![("in.csv", csv(&[good]).into_bytes())],
        config: None,
        cmd: Cmd::Period(p),
        exit,
        fragment,
        identity: None,
    };
    vec![
        // Quotes.
        case(
            "unterminated quote on the last line",
            "in.csv",
            csv(&[good, "A2,02/05/2026,Hotline,Phản ánh,\"Xây dựng"]),
            0,
            "không được đóng",
            Some((2, 1, 1, 0, 0)),
        ),
        case(
            "stray quote swallowing the rest",
            "in.csv",
            csv(&[
                good,
                "A2,02/05/2026,Hotline,Phản ánh,\"Đất đai",
                "A3,02/05/2026,Hotline,Phản ánh,Xây dựng",
                "A4,02/05/2026,Hotline,Phản ánh,Xây dựng",
            ]),
            0,
            "các dòng 3–5",
            Some((2, 1, 1, 0, 0)),
        ),
        case(
            "quote closed two lines later",
            "in.csv",
            csv(&[
                "A2,02/05/2026,Hotline,Phản ánh,\"Đất đai",
                "A3,02/05/2026,Hotline,Phản ánh,Xây dựng\"",
                good,
            ]),
            0,
            "dữ liệu giống các dòng sau",
            Some((2, 1, 1, 0, 0)),
        ),
        case(
            "text after a closing quote",
            "in.csv",
            csv(&[good, "A2,02/05/2026,Hotline,\"Phản\" ánh,Đất đai"]),
            0,
            "sau dấu ngoặc kép đóng",
            Some((2, 1, 1, 0, 0)),
        ),
        case(
            "more fields than the header",
            "in.csv",
            csv(&[good, "A2,02/05/2026,Hotline,Phản ánh,Đất đai,0912345678"]),
            0,
            "bản ghi có 6 ô",
            Some((2, 1, 1, 0, 0)),
        ),
        case(
            "trailing empty fields are fine",
            "in.csv",
            csv(&["A1,01/05/2026,Hotline,Phản ánh,Đất đai,,"]),
            0,
            "\"accepted\": 1",
            Some((1, 1, 0, 0, 0)),
        ),
        case(
            "dropped trailing fields are fine",
            "in.csv",
            csv(&["A1,01/05/2026,Hotline,Phản ánh"]),
            0,
            "\"accepted\": 1",
            Some((1, 1, 0, 0, 0)),
        ),
        case(
            "short record ending in a swallowed delimiter",
            "in.csv",
            csv(&["A1,01/05/2026,\"Hotline,Phản ánh,Đất đai\""]),
            0,
            "ô cuối chứa dấu phân cách",
            Some((1, 0, 1, 0, 0)),
        ),
        case(
            "quoted comma and escaped quotes are fine",
            "in.csv",
            csv(&["A1,01/05/2026,Hotline,Phản ánh,\"Đất đai, nhà \"\"ở\"\"\""]),
            0,
            "\"rejected\": 0",
            Some((1, 1, 0, 0, 0)),
        ),
        case(
            "multi-line content in a personal column is fine",
            "in.csv",
            csv_text(
                personal_header,
                &[
                    "A1,01/05/2026,Hotline,Phản ánh,Đất đai,Nguyễn A,0912345678,\"dòng 1\ndòng 2, a, b, c\"",
                    "A2,01/05/2026,Hotline,Phản ánh,Đất đai,B,1,x",
                ],
            ),
            0,
            "\"accepted\": 2",
            Some((2, 2, 0, 0, 0)),
        ),
        case(
            "line break in a category without record-like text is fine",
            "in.csv",
            csv(&["A1,01/05/2026,Hotline,Phản ánh,\"Đất\nđai\""]),
            0,
            "\"accepted\": 1",
            Some((1, 1, 0, 0, 0)),
        ),
        case(
            "semicolon file with a stray quote",
            "in.csv",
            "Mã hồ sơ;Ngày tiếp nhận;Kênh tiếp nhận;Loại đơn;Lĩnh vực\nA1;01/05/2026;Hotline;Phản ánh;\"Đất\nA2;02/05/2026;Hotline;Phản ánh;Xây dựng\n",
            0,
            "quote_fault",
            Some((1, 0, 1, 0, 0)),
        ),
        case(
            "CRLF file with an unterminated quote",
            "in.csv",
            csv(&[good, "A2,02/05/2026,Hotline,Phản ánh,\"Xây"]).replace('\n', "\r\n"),
            0,
            "quote_fault",
            Some((2, 1, 1, 0, 0)),
        ),
        case(
            "stray quote in a personal column, shifted fields",
            "in.csv",
            csv_text(
                personal_header,
                &["A1,01/05/2026,Hotline,Phản ánh,Đất đai,\"Nguyễn, A\" B,0912345678,x"],
            ),
            0,
            "quote_fault",
            Some((1, 0, 1, 0, 0)),
        ),
        case(
            "a quote in the header swallowing the data",
            "in.csv",
            "Mã hồ sơ,Ngày tiếp nhận,Kênh tiếp nhận,\"Loại đơn,Số điện thoại\nA1,01/05/2026,Hotline,Phản ánh,0912345678\n",
            1,
            "dòng tiêu đề có lỗi dấu ngoặc kép",
            None,
        ),
        // Two columns for one field.
        case(
            "two receipt-date columns",
            "in.csv",
            csv_text(
                "Mã hồ sơ,Ngày tiếp nhận,Ngày nhận,Kênh tiếp nhận,Loại đơn",
                &["A1,01/05/2026,01/05/2026,Hotline,Phản ánh"],
            ),
            1,
            "[columns] received_at",
            None,
        ),
        case(
            "the same header twice",
            "in.csv",
            csv_text(
                "Mã hồ sơ,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Lĩnh vực,Lĩnh vực",
                &["A1,01/05/2026,Hotline,Phản ánh,Đất đai,Xây dựng"],
            ),
            1,
            "[columns] category",
            None,
        ),
        Case {
            config: Some("[columns]\nid = [\"Mã hồ sơ\"]\n"),
            ..case(
                "the config chooses between two id columns",
                "in.csv",
                csv_text(
                    "Mã số,Mã hồ sơ,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn",
                    &[
                        "1,HS-1,01/05/2026,Hotline,Phản ánh",
                        "1,HS-2,01/05/2026,Hotline,Phản ánh",
                    ],
                ),
                0,
                "\"accepted\": 2",
                Some((2, 2, 0, 0, 0)),
            )
        },
        // Invisible characters.
        case(
            "zero-width space in an id makes a duplicate",
            "in.csv",
            csv(&[good, "A\u{200b}1,02/05/2026,Hotline,Phản ánh,Đất đai"]),
            0,
            "\"duplicates\": 1",
            Some((2, 1, 0, 1, 0)),
        ),
        case(
            "NUL in an id makes a duplicate",
            "in.csv",
            csv(&[good, "A1\u{0},02/05/2026,Hotline,Phản ánh,Đất đai"]),
            0,
            "\"duplicates\": 1",
            Some((2, 1, 0, 1, 0)),
        ),
        case(
            "BOM and bidi marks around a kind",
            "in.csv",
            csv(&["A1,01/05/2026,Hotline,\u{feff}\u{200f}Phản ánh\u{200e},Đất đai"]),
            0,
            "\"accepted\": 1",
            Some((1, 1, 0, 0, 0)),
        ),
        case(
            "an id of invisible characters only is blank",
            "in.csv",
            csv(&["\u{200b}\u{ad},01/05/2026,Hotline,Phản ánh,Đất đai"]),
            0,
            "blank_id",
            Some((1, 0, 1, 0, 0)),
        ),
        case(
            "soft hyphen in a channel",
            "in.csv",
            csv(&["A1,01/05/2026,Hot\u{ad}line,Phản ánh,Đất đai"]),
            0,
            "\"warnings\": 0",
            Some((1, 1, 0, 0, 0)),
        ),
        case(
            "a row of control characters is blank",
            "in.csv",
            csv(&[good, "\u{0},\u{7},\u{200b},\u{feff},\u{ad}"]),
            0,
            "\"skipped\": 1",
            Some((2, 1, 0, 0, 1)),
        ),
        // verify.
        verify(
            "verify: the manifest's input unchanged",
            &["o", "in.csv"],
            0,
            "KHỚP\tin.csv",
        ),
        verify(
            "verify: a missing input",
            &["o", "nothing.csv"],
            1,
            "THIẾU\tnothing.csv",
        ),
        verify(
            "verify: an input the manifest does not list",
            &["o", "other.csv"],
            1,
            "KHÔNG CÓ TRONG MANIFEST",
        ),
        verify(
            "verify: a folder holding an unlisted input",
            &["o", "."],
            1,
            "other.csv",
        ),
        // Workbook extent and formulas.
        case(
            "a stray cell at XFD1",
            "in.xlsx",
            sheet_with(&[(0, 16_383, X::S("ghi chú"))]),
            0,
            "\"accepted\": 1",
            Some((1, 1, 0, 0, 0)),
        ),
        case(
            "a stray number at A1048576",
            "in.xlsx",
            sheet_with(&[(1_048_575, 0, X::N(7.0))]),
            0,
            "received_at",
            Some((1_048_575, 1, 1, 0, 1_048_573)),
        ),
        case(
            "a formula with its cached value",
            "in.xlsx",
            sheet_with(&[
                (2, 0, X::F("1+1", Some(2.0))),
                (2, 1, X::S("02/05/2026")),
                (2, 2, X::S("Hotline")),
                (2, 3, X::S("Phản ánh")),
            ]),
            0,
            "\"accepted\": 2",
            Some((2, 2, 0, 0, 0)),
        ),
        case(
            "a date formula without its value",
            "in.xlsx",
            sheet_with(&[
                (2, 0, X::S("A2")),
                (2, 1, X::F("TODAY()", None)),
                (2, 2, X::S("Hotline")),
                (2, 3, X::S("Phản ánh")),
            ]),
            0,
            "formula_without_value",
            Some((2, 1, 1, 0, 0)),
        ),
        case(
            "a table starting at C5 below a title",
            "in.xlsx",
            xlsx(&[
                (0, 0, X::S("SỔ THEO DÕI")),
                (4, 2, X::S("Mã hồ sơ")),
                (4, 3, X::S("Ngày tiếp nhận")),
                (4, 4, X::S("Kênh tiếp nhận")),
                (4, 5, X::S("Loại đơn")),
                (5, 2, X::S("A1")),
                (5, 3, X::N(46143.0)),
                (5, 4, X::S("Hotline")),
                (5, 5, X::S("Phản ánh")),
            ]),
            0,
            "\"accepted\": 1",
            Some((1, 1, 0, 0, 0)),
        ),
        // Config ranges.
        with_config(
            "zero reply days",
            "[deadlines]\nresponse_working_days = 0\n",
            1,
            "1–60",
        ),
        with_config(
            "a huge privacy threshold",
            "[privacy]\nmin_cell = 100000\n",
            1,
            "0–100",
        ),
        with_config(
            "a holiday table for 1500",
            "[holidays.1500]\noff = []\n",
            1,
            "1900",
        ),
        with_config(
            "a date format without a date",
            "[input]\ndate_format = \"%H:%M\"\n",
            1,
            "không đọc lại được",
        ),
        with_config(
            "a year-only date format",
            "[input]\ndate_format = \"%Y\"\n",
            1,
            "date_format",
        ),
        with_config(
            "a valid US date format",
            "[input]\ndate_format = \"%m/%d/%Y\"\n",
            0,
            "\"accepted\": 1",
        ),
        // Formats and messages.
        case(
            "HTML .xls with a title row and entities",
            "in.xls",
            html_xls(
                &[
                    &["Mã hồ sơ", "Ngày tiếp nhận", "Kênh tiếp nhận", "Loại đơn"],
                    &["A&#49;", "01/05/2026", "Hotline", "Ph&#7843;n &#225;nh"],
                    &["A2", "02/05/2026", "Hotline", "Phản ánh"],
                ],
                true,
            ),
            0,
            "\"accepted\": 2",
            Some((2, 2, 0, 0, 0)),
        ),
        case(
            "HTML .xls with a duplicate",
            "in.xls",
            html_xls(
                &[
                    &["Mã hồ sơ", "Ngày tiếp nhận", "Kênh tiếp nhận", "Loại đơn"],
                    &["A1", "01/05/2026", "Hotline", "Phản ánh"],
                    &["a1", "02/05/2026", "Hotline", "Phản ánh"],
                ],
                false,
            ),
            0,
            "\"duplicates\": 1",
            Some((2, 1, 0, 1, 0)),
        ),
        case(
            "a real Excel 97-2003 .xls",
            "in.xls",
            fixture_bytes("so-theo-doi-nho.xls"),
            0,
            "blank_id",
            Some((3, 2, 1, 0, 0)),
        ),
        case(
            "an OpenDocument .ods",
            "in.ods",
            fixture_bytes("so-theo-doi-nho.ods"),
            0,
            "blank_id",
            Some((3, 2, 1, 0, 0)),
        ),
        case(
            "an .xls named .xlsx",
            "in.xlsx",
            fixture_bytes("so-theo-doi-nho.xls"),
            1,
            "đổi phần mở rộng thành .xls",
            None,
        ),
        case(
            "HTML page without a table",
            "in.xls",
            "<html><body><p>Không có dữ liệu</p></body></html>",
            1,
            "không có bảng",
            None,
        ),
        case(
            "SpreadsheetML named .xlsx",
            "in.xlsx",
            SPREADSHEET_ML,
            1,
            "SpreadsheetML",
            None,
        ),
        case(
            "xlsx named .xls",
            "in.xls",
            sheet_with(&[]),
            1,
            "đổi phần mở rộng thành .xlsx",
            None,
        ),
        case(
            "HTML named .csv",
            "in.csv",
            html_xls(&[&["Mã hồ sơ"]], false),
            1,
            "trang HTML",
            None,
        ),
        case(
            "CSV named .xlsx",
            "in.xlsx",
            csv(&[good]),
            1,
            "văn bản thuần",
            None,
        ),
        case(
            "OLE header named .csv",
            "in.csv",
            [0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0].to_vec(),
            1,
            "97–2003",
            None,
        ),
        period(
            "a 300-year period",
            "1900-01-01..2199-12-31",
            2,
            "01/03/1900",
        ),
        period("the year 1900", "1900", 2, "trước ngày 01/03/1900"),
    ]
}

#[test]
fn battery_of_hostile_inputs() {
    let cases = battery();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let wd = Workdir::new();
        for (name, bytes) in &c.files {
            wd.write(name, bytes);
        }
        let mut args: Vec<String> = Vec::new();
        let files: Vec<String> = c.files.iter().map(|(n, _)| n.to_string()).collect();
        match &c.cmd {
            Cmd::Validate => {
                args.extend(["validate", "--json"].map(String::from));
                if let Some(cfg) = c.config {
                    wd.write("c.toml", cfg);
                    args.extend(["--config", "c.toml"].map(String::from));
                }
                args.extend(files);
            }
            Cmd::Verify(rest) => {
                wd.report("o", &["in.csv", "--period", "2026-05"])
                    .assert_code(0);
                args.push("verify".into());
                args.extend(rest.iter().map(|s| s.to_string()));
            }
            Cmd::Period(p) => {
                args.extend(
                    [
                        "report", "--format", "json", "--as-of", AS_OF, "--out", "o", "--period", p,
                    ]
                    .map(String::from),
                );
                args.extend(files);
            }
        }
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = wd.run(&argv);
        let all = format!("{}{}", run.stdout, run.stderr);
        if std::env::var_os("PAKN_BATTERY_TABLE").is_some() {
            // The table of cases, for the notes: name | exit | fragment | identity.
            eprintln!(
                "| {} | {:?} | {} | {} |",
                c.name,
                run.code,
                c.fragment.replace('\n', " "),
                c.identity.map_or("—".to_string(), |i| format!("{i:?}"))
            );
        }
        let mut problems = Vec::new();
        if run.code != Some(c.exit) {
            problems.push(format!("exit {:?}, expected {}", run.code, c.exit));
        }
        if !all.contains(c.fragment) {
            problems.push(format!("no {:?} in the output", c.fragment));
        }
        if let Some(want) = c.identity {
            match serde_json::from_str::<Value>(&run.stdout) {
                Ok(v) => {
                    let got = account(&v);
                    if got != want {
                        problems.push(format!("accounting {got:?}, expected {want:?}"));
                    }
                }
                Err(e) => problems.push(format!("stdout is not JSON: {e}")),
            }
        }
        if all.contains(PHONE) {
            problems.push("personal data in the output".into());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {}\n--- stdout\n{}\n--- stderr\n{}",
                c.name,
                problems.join("; "),
                run.stdout.chars().take(1500).collect::<String>(),
                run.stderr
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
