//! Reading register exports (SPEC §2, §3): CSV and XLSX layouts, header names, text
//! normalisation, dates, vocabularies, rejects, duplicates, folders, errors and personal data.
//!
//! Every test runs the real binary on files written to a temporary folder and checks the exact
//! row accounting (rows read = accepted + rejected + duplicates + skipped) and, through
//! `report --format json`, the values that were read.

use crate::common::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use unicode_normalization::UnicodeNormalization;

/// A period that holds every case of the small fixtures below (April 2026, whole days).
const APRIL: &str = "2026-04-01..2026-04-30";

/// The messy register of the CSV tests, with the given delimiter:
///
/// | row | content | verdict |
/// |---|---|---|
/// | 1 | title "SỔ THEO DÕI TIẾP NHẬN, XỬ LÝ …" (quoted: it holds commas) | above the header |
/// | 2 | "(Từ ngày … đến ngày …)" | above the header |
/// | 3 | empty cells only | above the header |
/// | 4 | header, with an STT column | header |
/// | 5 | PA-001 | accepted |
/// | 6 | PA-002, department quoted with the delimiter inside | accepted |
/// | 7 | empty cells only | skipped |
/// | 8 | PA-003, category quoted over two lines | accepted |
/// | 9 | spaces and a tab only | skipped |
/// | 10 | STT 4, blank id | rejected: Thiếu mã số vụ việc |
/// | 11 | PA-005 | accepted |
/// | 12 | "Cộng" | skipped (total) |
/// | 13 | "Tổng cộng (4 vụ việc)" | skipped (total) |
/// | 14, 15 | empty cells only | skipped (trailing blank rows) |
///
/// Rows read 11 = accepted 4 + rejected 1 + duplicates 0 + skipped 6.
fn messy_register(d: char) -> String {
    let rows: Vec<String> = vec![
        "\"SỔ THEO DÕI TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ\"{d}{d}{d}{d}{d}{d}".into(),
        "(Từ ngày 01/04/2026 đến ngày 30/04/2026){d}{d}{d}{d}{d}{d}".into(),
        "{d}{d}{d}{d}{d}{d}".into(),
        "STT{d}Mã số{d}Ngày tiếp nhận{d}Kênh tiếp nhận{d}Loại đơn{d}Đơn vị xử lý{d}Lĩnh vực".into(),
        "1{d}PA-001{d}01/04/2026{d}Đường dây nóng{d}Phản ánh{d}Văn phòng{d}Đầu tư".into(),
        "2{d}PA-002{d}02/04/2026{d}Facebook{d}Kiến nghị{d}\"Phòng Quản lý Đầu tư{d} Doanh nghiệp\"{d}Doanh nghiệp".into(),
        "{d}{d}{d}{d}{d}{d}".into(),
        "3{d}PA-003{d}03/04/2026{d}Email{d}Phản ánh{d}Văn phòng{d}\"Đầu tư\nxây dựng\"".into(),
        "  {d}   {d}\t{d} {d}{d} {d} ".into(),
        "4{d}{d}04/04/2026{d}Hotline{d}Phản ánh{d}Văn phòng{d}Đầu tư".into(),
        "5{d}PA-005{d}05/04/2026{d}Cổng TTĐT{d}Tố cáo{d}Văn phòng{d}Đất đai".into(),
        "Cộng{d}{d}{d}{d}{d}{d}".into(),
        "Tổng cộng (4 vụ việc){d}{d}{d}{d}{d}{d}".into(),
        "{d}{d}{d}{d}{d}{d}".into(),
        "{d}{d}{d}{d}{d}{d}".into(),
    ];
    let mut s = String::new();
    for r in rows {
        s.push_str(&r.replace("{d}", &d.to_string()));
        s.push('\n');
    }
    s
}

/// Checks the accounting and the values of `messy_register`, read from `name`.
fn check_messy_register(wd: &Workdir, name: &str, d: char) {
    let v = wd.validate_json(&[name]);
    assert_eq!(file_names(&v), vec![name]);
    assert_eq!(account(&v), (11, 4, 1, 0, 6));
    assert_eq!(
        rejects(&v),
        vec![issue(name, 10, "id", "", reason::BLANK_ID)]
    );
    assert!(duplicates(&v).is_empty());
    assert_eq!(v["warnings"], 0);

    let s = wd.report_json("out", &[name, "--period", APRIL, "--calendar-months"]);
    assert_eq!(s["input"]["rows_read"], 11);
    assert_eq!(s["input"]["accepted"], 4);
    assert_eq!(s["totals"]["received"], 4);
    // The quoted delimiter stays inside the value; a tab inside a value collapses to a space.
    let joint = if d == '\t' {
        "Phòng Quản lý Đầu tư Doanh nghiệp".to_string()
    } else {
        format!("Phòng Quản lý Đầu tư{d} Doanh nghiệp")
    };
    assert_eq!(
        received_by(&s, "by_department"),
        vec![(joint, 1), ("Văn phòng".to_string(), 3)]
    );
    // The line break inside the quoted category is whitespace: collapsed to one space.
    assert_eq!(
        received_by(&s, "by_category"),
        vec![
            ("Doanh nghiệp".to_string(), 1),
            ("Đất đai".to_string(), 1),
            ("Đầu tư".to_string(), 1),
            ("Đầu tư xây dựng".to_string(), 1),
        ]
    );
    let kinds: Vec<(String, u64)> = received_by(&s, "by_kind");
    assert_eq!(
        kinds,
        vec![
            ("phan_anh".to_string(), 2),
            ("kien_nghi".to_string(), 1),
            ("khieu_nai".to_string(), 0),
            ("to_cao".to_string(), 1),
        ]
    );
    assert_eq!(group(&s, "by_channel", "hotline")["received"], 1);
    assert_eq!(group(&s, "by_channel", "facebook")["received"], 1);
    assert_eq!(group(&s, "by_channel", "email")["received"], 1);
    assert_eq!(group(&s, "by_channel", "portal")["received"], 1);
}

#[test]
fn csv_comma_with_bom() {
    let wd = Workdir::new();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(messy_register(',').as_bytes());
    wd.write("so-bom.csv", bytes);
    check_messy_register(&wd, "so-bom.csv", ',');
}

#[test]
fn csv_comma_without_bom() {
    let wd = Workdir::new();
    wd.write("so.csv", messy_register(','));
    check_messy_register(&wd, "so.csv", ',');
}

#[test]
fn csv_semicolon() {
    let wd = Workdir::new();
    wd.write("so-chấm-phẩy.csv", messy_register(';'));
    check_messy_register(&wd, "so-chấm-phẩy.csv", ';');
}

#[test]
fn csv_semicolon_with_bom() {
    let wd = Workdir::new();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(messy_register(';').as_bytes());
    wd.write("so.csv", bytes);
    check_messy_register(&wd, "so.csv", ';');
}

#[test]
fn csv_tab() {
    let wd = Workdir::new();
    wd.write("so-tab.csv", messy_register('\t'));
    check_messy_register(&wd, "so-tab.csv", '\t');
}

#[test]
fn csv_crlf_line_ends() {
    let wd = Workdir::new();
    wd.write("so.csv", messy_register(',').replace('\n', "\r\n"));
    check_messy_register(&wd, "so.csv", ',');
}

/// The exact text report of `validate` for the messy register.
#[test]
fn validate_text_output() {
    let wd = Workdir::new();
    wd.write("so.csv", messy_register(','));
    let run = wd.run(&["validate", "so.csv"]);
    run.assert_code(0);
    let identity = "Số dòng đọc 11 = hợp lệ 4 + bị loại 1 + trùng 0 + bỏ qua 6 (rows read = accepted + rejected + duplicates + skipped)";
    let expected = format!(
        "\
Tệp / file  dòng đọc    hợp lệ   bị loại     trùng    bỏ qua
so.csv            11         4         1         0         6
{identity}

Dòng bị loại (rejected rows): 1
  so.csv dòng 10: [id] '' — Thiếu mã số vụ việc
"
    );
    assert_eq!(run.stdout, expected);
    assert_eq!(run.stderr, format!("{identity}\n"));
}

/// A quoted field may hold a delimiter, a quote and line breaks; the row numbers stay those of
/// the spreadsheet (one record = one row), so a reject after a multi-line record is numbered
/// by records, not by lines.
#[test]
fn csv_multiline_record_keeps_spreadsheet_row_numbers() {
    let wd = Workdir::new();
    wd.write(
        "so.csv",
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Lĩnh vực\n\
         M-1,01/04/2026,Hotline,PA,\"Đầu tư, \"\"xây dựng\"\"\n\nnhà xưởng\"\n\
         M-2,,Hotline,PA,Đầu tư\n\
         M-3,31/04/2026,Hotline,PA,Đầu tư\n",
    );
    let v = wd.validate_json(&["so.csv"]);
    assert_eq!(account(&v), (3, 1, 2, 0, 0));
    assert_eq!(
        rejects(&v),
        vec![
            issue("so.csv", 3, "received_at", "", reason::BLANK_RECEIVED),
            issue("so.csv", 4, "received_at", "31/04/2026", reason::BAD_DATE),
        ]
    );
    let s = wd.report_json("out", &["so.csv", "--period", APRIL, "--calendar-months"]);
    assert_eq!(
        received_by(&s, "by_category"),
        vec![("Đầu tư, \"xây dựng\" nhà xưởng".to_string(), 1)]
    );
}

/// SPEC §5: rows read are all rows below the header, blank ones included, and row numbers are
/// those a spreadsheet shows. A CSV line with nothing on it is a blank row too (Excel and
/// LibreOffice show it as an empty row).
#[test]

fn csv_empty_lines_are_blank_rows_and_keep_row_numbers() {
    let wd = Workdir::new();
    wd.write(
        "so.csv",
        "SỔ THEO DÕI TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ\n\
         \n\
         Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn\n\
         E-1,01/04/2026,Hotline,PA\n\
         \n\
         E-2,,Hotline,PA\n",
    );
    let v = wd.validate_json(&["so.csv"]);
    // Rows 4, 5, 6 are below the header (row 3): E-1, the empty line, E-2.
    assert_eq!(account(&v), (3, 1, 1, 0, 1));
    assert_eq!(
        rejects(&v),
        vec![issue(
            "so.csv",
            6,
            "received_at",
            "",
            reason::BLANK_RECEIVED
        )]
    );
}

/// The header is the first row among the first 30 with three known column names.
#[test]
fn header_row_within_the_first_30_rows() {
    let wd = Workdir::new();
    let header = "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn\n";
    let data = "H-1,01/04/2026,Hotline,PA\nH-2,,Hotline,PA\n";
    // 29 title lines: the header is row 30.
    let titles: String = (1..=29).map(|i| format!("Dòng tiêu đề {i},,,\n")).collect();
    wd.write("hang-30.csv", format!("{titles}{header}{data}"));
    let v = wd.validate_json(&["hang-30.csv"]);
    assert_eq!(account(&v), (2, 1, 1, 0, 0));
    assert_eq!(
        rejects(&v),
        vec![issue(
            "hang-30.csv",
            32,
            "received_at",
            "",
            reason::BLANK_RECEIVED
        )]
    );

    // 30 title lines: the header is row 31, too far down.
    let titles: String = (1..=30).map(|i| format!("Dòng tiêu đề {i},,,\n")).collect();
    wd.write("hang-31.csv", format!("{titles}{header}{data}"));
    let run = wd.run(&["validate", "hang-31.csv"]);
    assert_error(&run, 1, "hang-31.csv", &NO_HEADER);
}

// ---------------------------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------------------------

fn ymd(y: u16, m: u8, d: u8) -> ExcelDateTime {
    ExcelDateTime::from_ymd(y, m, d).unwrap()
}

fn ymd_hms(y: u16, m: u8, d: u8, hh: u16, mm: u8) -> ExcelDateTime {
    ExcelDateTime::from_ymd(y, m, d)
        .unwrap()
        .and_hms(hh, mm, 0)
        .unwrap()
}

/// Writes the register sheet of the XLSX tests on `ws`:
///
/// | row | content | verdict |
/// |---|---|---|
/// | 1 | title merged across A:H | above the header |
/// | 2 | "Từ ngày … đến ngày …" merged across A:H | above the header |
/// | 3 | nothing | above the header |
/// | 4 | header (STT, Mã số, …) | header |
/// | 5 | X1: received a date cell (00:00), resolved a date cell with 10:00 | accepted |
/// | 6 | X2: received 01/04 08:00, resolved 02/04 20:00, both date cells with times | accepted |
/// | 7 | X3: serial numbers 46113 (01/04/2026) and 46115.5 (03/04/2026 12:00) | accepted |
/// | 8 | X4: text dates "01/04/2026 08:00" and "2026-04-03T08:00:00" | accepted |
/// | 9 | X5: serials 46113.25 (01/04 06:00) and 46114.75 (02/04 18:00) | accepted |
/// | 10 | X6: text "31/02/2026" | rejected: received_at unreadable |
/// | 11 | X7: received date cell 02/04, resolved date cell 01/04 | rejected: resolved before |
/// | 12 | nothing | skipped (blank) |
/// | 13 | "Tổng cộng" merged across A:B (the id cell is blank), a count | skipped (total) |
///
/// Rows read 9 = accepted 5 + rejected 2 + duplicates 0 + skipped 2.
fn register_sheet(ws: &mut rust_xlsxwriter::Worksheet) {
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let datetime = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    ws.merge_range(
        0,
        0,
        0,
        7,
        "SỔ THEO DÕI TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ",
        &bold,
    )
    .unwrap();
    ws.merge_range(
        1,
        0,
        1,
        7,
        "Từ ngày 01/04/2026 đến ngày 30/04/2026",
        &Format::new(),
    )
    .unwrap();
    let header = [
        "STT",
        "Mã số",
        "Ngày tiếp nhận",
        "Kênh tiếp nhận",
        "Loại đơn",
        "Đơn vị xử lý",
        "Ghi chú",
        "Ngày hoàn thành",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &bold).unwrap();
    }
    let base = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, stt: u32, id: &str, ch: &str| {
        ws.write_number(r, 0, stt).unwrap();
        ws.write_string(r, 1, id).unwrap();
        ws.write_string(r, 3, ch).unwrap();
        ws.write_string(r, 4, if id == "X3" { "KN" } else { "PA" })
            .unwrap();
        ws.write_string(r, 5, "Văn phòng").unwrap();
    };
    // Row 5: X1.
    base(ws, 4, 1, "X1", "Hotline");
    ws.write_datetime_with_format(4, 2, ymd(2026, 4, 1), &date)
        .unwrap();
    ws.write_datetime_with_format(4, 7, ymd_hms(2026, 4, 3, 10, 0), &datetime)
        .unwrap();
    // Row 6: X2.
    base(ws, 5, 2, "X2", "Facebook");
    ws.write_datetime_with_format(5, 2, ymd_hms(2026, 4, 1, 8, 0), &datetime)
        .unwrap();
    ws.write_datetime_with_format(5, 7, ymd_hms(2026, 4, 2, 20, 0), &datetime)
        .unwrap();
    // Row 7: X3, serial numbers without a date format.
    base(ws, 6, 3, "X3", "Email");
    ws.write_number(6, 2, 46113).unwrap();
    ws.write_number(6, 7, 46115.5).unwrap();
    // Row 8: X4, text dates.
    base(ws, 7, 4, "X4", "Cổng TTĐT");
    ws.write_string(7, 2, "01/04/2026 08:00").unwrap();
    ws.write_string(7, 7, "2026-04-03T08:00:00").unwrap();
    // Row 9: X5, serial numbers with a time of day.
    base(ws, 8, 5, "X5", "Hotline");
    ws.write_number(8, 2, 46113.25).unwrap();
    ws.write_number(8, 7, 46114.75).unwrap();
    // Row 10: X6, impossible date.
    base(ws, 9, 6, "X6", "Hotline");
    ws.write_string(9, 2, "31/02/2026").unwrap();
    // Row 11: X7, resolved the day before it was received.
    base(ws, 10, 7, "X7", "Hotline");
    ws.write_datetime_with_format(10, 2, ymd(2026, 4, 2), &date)
        .unwrap();
    ws.write_datetime_with_format(10, 7, ymd(2026, 4, 1), &date)
        .unwrap();
    // Row 12: nothing. Row 13: the total row.
    ws.merge_range(12, 0, 12, 1, "Tổng cộng", &bold).unwrap();
    ws.write_string(12, 5, "7 vụ việc").unwrap();
}

/// Checks what `register_sheet` holds, read from `name` (with `args` such as a config).
fn check_register_sheet(wd: &Workdir, name: &str, args: &[&str]) {
    let mut a = vec![name];
    a.extend_from_slice(args);
    let v = wd.validate_json(&a);
    assert_eq!(account(&v), (9, 5, 2, 0, 2));
    assert_eq!(
        rejects(&v),
        vec![
            issue(name, 10, "received_at", "31/02/2026", reason::BAD_DATE),
            issue(
                name,
                11,
                "resolved_at",
                "01/04/2026",
                reason::RESOLVED_BEFORE
            ),
        ]
    );

    // Every accepted case was received on 01/04/2026, whatever the form of its date.
    let mut a = vec![
        name,
        "--period",
        "2026-04-01..2026-04-01",
        "--calendar-months",
    ];
    a.extend_from_slice(args);
    let s = wd.report_json("out", &a);
    let t = &s["totals"];
    assert_eq!(t["received"], 5);
    assert_eq!(
        received_by(&s, "by_kind"),
        vec![
            ("phan_anh".to_string(), 4),
            ("kien_nghi".to_string(), 1),
            ("khieu_nai".to_string(), 0),
            ("to_cao".to_string(), 0),
        ]
    );
    assert_eq!(group(&s, "by_channel", "hotline")["received"], 2);
    assert_eq!(group(&s, "by_channel", "portal")["received"], 1);

    // Resolution days over April: X1 2 (the receipt is a date only: whole days), X2 1.5 (both
    // ends are date cells with times), X3 2 (an integer serial is a date only), X4 2.0 (text
    // with times), X5 1.5 (serials with fractions). Sorted 1.5 1.5 2 2 2: mean 9/5 = 1.8,
    // median 2, p90 at rank 3.6 = 2, max 2.
    let mut a = vec![name, "--period", APRIL, "--calendar-months"];
    a.extend_from_slice(args);
    let s = wd.report_json("out-april", &a);
    let t = &s["totals"];
    assert_eq!(t["resolved"], 5);
    assert_stats(&t["resolution_days"], 5, 1.8, 2.0, 2.0, 2.0);
}

#[test]
fn xlsx_date_cells_serials_text_dates_title_and_total_rows() {
    let wd = Workdir::new();
    let mut wb = Workbook::new();
    register_sheet(wb.add_worksheet());
    wb.save(wd.path().join("so-theo-doi.xlsx")).unwrap();
    check_register_sheet(&wd, "so-theo-doi.xlsx", &[]);
}

/// `[input] sheet = "…"` picks the sheet; without it the first sheet is read.
#[test]
fn xlsx_sheet_from_config() {
    let wd = Workdir::new();
    let mut wb = Workbook::new();
    let guide = wb.add_worksheet();
    guide.set_name("Hướng dẫn").unwrap();
    guide
        .write_string(0, 0, "Hướng dẫn nhập sổ theo dõi")
        .unwrap();
    guide
        .write_string(1, 0, "Ghi ngày theo dạng dd/mm/yyyy")
        .unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("Sổ theo dõi").unwrap();
    register_sheet(ws);
    wb.save(wd.path().join("so.xlsx")).unwrap();

    // The first sheet has no header row.
    let run = wd.run(&["validate", "so.xlsx"]);
    assert_error(&run, 1, "so.xlsx", &NO_HEADER);

    wd.write("sheet.toml", "[input]\nsheet = \"Sổ theo dõi\"\n");
    check_register_sheet(&wd, "so.xlsx", &["--config", "sheet.toml"]);

    // A sheet that is not there: the error names it and lists the sheets.
    wd.write("sheet9.toml", "[input]\nsheet = \"Sheet9\"\n");
    let run = wd.run(&["validate", "so.xlsx", "--config", "sheet9.toml"]);
    run.assert_code(1);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("lỗi (error): so.xlsx: ")
            && run.stderr.contains("'Sheet9'")
            && run.stderr.contains("Hướng dẫn, Sổ theo dõi"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

/// A table that starts below and to the right of A1 (rows 1–2 and column A empty): row numbers
/// are still those of the spreadsheet, and a numeric case number reads as its digits.
#[test]
fn xlsx_table_away_from_a1_keeps_spreadsheet_row_numbers() {
    let wd = Workdir::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let rows: [[&str; 4]; 5] = [
        ["Mã số", "Ngày tiếp nhận", "Kênh tiếp nhận", "Loại đơn"],
        ["", "01/04/2026", "Hotline", "PA"],
        ["B-2", "", "Hotline", "PA"],
        ["", "", "", ""],
        ["", "Cộng", "", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                ws.write_string(2 + r as u32, 1 + c as u16, *cell).unwrap();
            }
        }
    }
    // Row 4 holds a case number typed as a number.
    ws.write_number(3, 1, 1001).unwrap();
    // Row 8 (after the blank row 6 and the total row 7) is the last case.
    ws.write_number(7, 1, 1002.0).unwrap();
    ws.write_string(7, 2, "2026-04-02").unwrap();
    ws.write_string(7, 3, "Email").unwrap();
    ws.write_string(7, 4, "KN").unwrap();
    wb.save(wd.path().join("lech.xlsx")).unwrap();
    wd.write(
        "them.csv",
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn\n1001,03/04/2026,Hotline,PA\n",
    );

    let v = wd.validate_json(&["lech.xlsx", "them.csv"]);
    // Rows 4–8 are below the header (row 3): 1001, B-2 (no date), blank, "Cộng", 1002.
    assert_eq!(file_account(&v, "lech.xlsx"), (5, 2, 1, 0, 2));
    assert_eq!(
        rejects(&v),
        vec![issue(
            "lech.xlsx",
            5,
            "received_at",
            "",
            reason::BLANK_RECEIVED
        )]
    );
    // The CSV's "1001" is the same case as the workbook's number 1001.
    assert_eq!(
        duplicates(&v),
        vec![issue(
            "them.csv",
            2,
            "id",
            "1001",
            &reason::duplicate("lech.xlsx", 4)
        )]
    );
}

// ---------------------------------------------------------------------------------------------
// Header names
// ---------------------------------------------------------------------------------------------

/// Header matching ignores case, diacritics, punctuation and spacing; the canonical English
/// field names are accepted too.
#[test]
fn header_names_case_diacritic_punctuation_spacing_insensitive() {
    let wd = Workdir::new();
    let nfd = "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn"
        .nfd()
        .collect::<String>();
    let files = [
        (
            "hoa.csv",
            "MÃ HỒ SƠ,NGÀY TIẾP NHẬN,KÊNH TIẾP NHẬN,LOẠI ĐƠN".to_string(),
        ),
        (
            "khong-dau.csv",
            "ma ho so,ngay tiep nhan,kenh tiep nhan,loai don".to_string(),
        ),
        (
            "hai-cham.csv",
            "Mã hồ sơ:,Ngày tiếp nhận:,Kênh tiếp nhận:,Loại đơn:".to_string(),
        ),
        (
            "cach.csv",
            " Mã  Hồ-Sơ ,Ngày_tiếp_nhận,Kênh (tiếp nhận),\"Loại  đơn.\"".to_string(),
        ),
        ("tieng-anh.csv", "id,received_at,channel,kind".to_string()),
        ("tieng-anh-2.csv", "ID,Received At,CHANNEL,Kind".to_string()),
        ("nfd.csv", nfd),
        (
            "khac.csv",
            "Số hiệu,Thời gian tiếp nhận,Nguồn đơn,Phân loại".to_string(),
        ),
    ];
    let mut names = Vec::new();
    for (i, (name, header)) in files.iter().enumerate() {
        wd.write(
            name,
            format!(
                "{header}\nK-{i},0{}/04/2026,Hotline,PA\nK-{i}b,,Hotline,PA\n",
                i + 1
            ),
        );
        names.push(*name);
    }
    let v = wd.validate_json(&names);
    assert_eq!(file_names(&v), names);
    for name in &names {
        assert_eq!(file_account(&v, name), (2, 1, 1, 0, 0), "{name}");
    }
    assert_eq!(account(&v), (16, 8, 8, 0, 0));
    // Every file's second row is rejected on received_at: its columns were all found.
    for (i, r) in rejects(&v).iter().enumerate() {
        assert_eq!(
            r,
            &issue(names[i], 3, "received_at", "", reason::BLANK_RECEIVED)
        );
    }
}

/// A name from `[columns]` wins over a built-in or canonical name: an export with an unrelated
/// column literally called "Department".
#[test]
fn config_column_names_win_over_builtin_names() {
    let wd = Workdir::new();
    wd.write(
        "xuat.csv",
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Department,Agency\n\
         G-1,01/04/2026,Hotline,PA,Khối A,Phòng Quản lý Đầu tư\n\
         G-2,02/04/2026,Hotline,PA,Khối A,Văn phòng\n\
         G-3,03/04/2026,Hotline,PA,Khối B,Văn phòng\n",
    );
    // Without a config the canonical name "Department" is the department.
    let s = wd.report_json(
        "out1",
        &["xuat.csv", "--period", APRIL, "--calendar-months"],
    );
    assert_eq!(
        received_by(&s, "by_department"),
        vec![("Khối A".to_string(), 2), ("Khối B".to_string(), 1)]
    );
    // With `[columns] department = ["Agency"]` the Agency column is, and "Department" is ignored.
    wd.write("cfg.toml", "[columns]\ndepartment = [\"Agency\"]\n");
    let s = wd.report_json(
        "out2",
        &[
            "xuat.csv",
            "--config",
            "cfg.toml",
            "--period",
            APRIL,
            "--calendar-months",
        ],
    );
    assert_eq!(
        received_by(&s, "by_department"),
        vec![
            ("Phòng Quản lý Đầu tư".to_string(), 1),
            ("Văn phòng".to_string(), 2)
        ]
    );
}

/// Config names for required fields let a foreign export be read as it is; the config name is
/// matched like a built-in one (case, spacing and punctuation ignored).
#[test]
fn config_column_names_for_a_foreign_export() {
    let wd = Workdir::new();
    wd.write(
        "boston.csv",
        "CASE_ENQUIRY_ID,OPEN_DT,Source,TYPE,Ngày tiếp nhận\n\
         101,2026-04-01 09:15:00,Constituent Call,Street Light,31/12/1999\n\
         102,2026-04-02 10:00:00,Self Service,Pothole,31/12/1999\n",
    );
    wd.write(
        "boston.toml",
        "[columns]\n\
         id = [\"case enquiry id\"]\n\
         received_at = [\"OPEN_DT\"]\n\
         channel = [\"Source\"]\n\
         category = [\"TYPE\"]\n\
         [defaults]\n\
         kind = \"phan_anh\"\n\
         [vocab.channel]\n\
         hotline = [\"Constituent Call\"]\n\
         portal = [\"Self Service\"]\n",
    );
    let v = wd.validate_json(&["boston.csv", "--config", "boston.toml"]);
    assert_eq!(account(&v), (2, 2, 0, 0, 0));
    assert_eq!(v["warnings"], 0);
    // OPEN_DT wins over the built-in "Ngày tiếp nhận" column: both cases are April 2026.
    let s = wd.report_json(
        "out",
        &[
            "boston.csv",
            "--config",
            "boston.toml",
            "--period",
            APRIL,
            "--calendar-months",
        ],
    );
    assert_eq!(s["totals"]["received"], 2);
    assert_eq!(group(&s, "by_channel", "hotline")["received"], 1);
    assert_eq!(group(&s, "by_channel", "portal")["received"], 1);
    assert_eq!(group(&s, "by_kind", "phan_anh")["received"], 2);
    assert_eq!(
        keys(&s, "by_category"),
        vec!["Pothole".to_string(), "Street Light".to_string()]
    );
}

// ---------------------------------------------------------------------------------------------
// Text normalisation
// ---------------------------------------------------------------------------------------------

/// NFC and NFD spellings of the same department, category, kind and channel group together;
/// odd spacing collapses; letter case is kept (an upper-case variant is its own group).
#[test]
fn nfc_and_nfd_group_together_and_spacing_collapses() {
    let wd = Workdir::new();
    let dept = "Phòng Quản lý Đầu tư";
    let dept_nfd: String = dept.nfd().collect();
    assert_ne!(dept, dept_nfd);
    let cat = "Môi trường";
    let cat_nfd: String = cat.nfd().collect();
    let kind_nfd: String = "Phản ánh".nfd().collect();
    let channel_nfd: String = "Đường dây nóng".nfd().collect();
    let rows = [
        format!("N-1,01/04/2026,Đường dây nóng,Phản ánh,{dept},{cat}"),
        format!("N-2,02/04/2026,{channel_nfd},{kind_nfd},{dept_nfd},{cat_nfd}"),
        "N-3,03/04/2026,Hotline,PA,\"  Phòng   Quản lý\tĐầu  tư \",\" Môi  trường\"".to_string(),
        format!("N-4,04/04/2026,Hotline,PA,\"\u{a0}{dept_nfd}\u{a0}\",{cat}"),
        "N-5,05/04/2026,Hotline,PA,PHÒNG QUẢN LÝ ĐẦU TƯ,Môi trường".to_string(),
    ];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    wd.write(
        "nfd.csv",
        csv_text(
            "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Đơn vị xử lý,Lĩnh vực",
            &rows,
        ),
    );
    let v = wd.validate_json(&["nfd.csv"]);
    assert_eq!(account(&v), (5, 5, 0, 0, 0));
    assert_eq!(v["warnings"], 0);
    let s = wd.report_json("out", &["nfd.csv", "--period", APRIL, "--calendar-months"]);
    let depts = received_by(&s, "by_department");
    assert_eq!(depts.len(), 2, "{depts:?}");
    assert!(depts.contains(&(dept.to_string(), 4)), "{depts:?}");
    assert!(
        depts.contains(&("PHÒNG QUẢN LÝ ĐẦU TƯ".to_string(), 1)),
        "{depts:?}"
    );
    assert_eq!(received_by(&s, "by_category"), vec![(cat.to_string(), 5)]);
    assert_eq!(group(&s, "by_kind", "phan_anh")["received"], 5);
    assert_eq!(group(&s, "by_channel", "hotline")["received"], 5);
    // Every key written is NFC.
    for list in ["by_department", "by_category"] {
        for k in keys(&s, list) {
            assert_eq!(
                k,
                k.nfc().collect::<String>(),
                "{list} key {k:?} is not NFC"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/// Every date form of SPEC §3.1 as text, all meaning 5 April 2026; numeric dates are day first,
/// never month first.
#[test]
fn every_text_date_form() {
    let wd = Workdir::new();
    let good = [
        "05/04/2026",
        "5/4/2026",
        "05-04-2026",
        "05.04.2026",
        "2026-04-05",
        "05/04/2026 08:30",
        "05/04/2026 08:30:15",
        "5/4/2026 8:30",
        "05-04-2026 17:05",
        "05.04.2026 17:05:09",
        "2026-04-05 08:30",
        "2026-04-05 08:30:15",
        "2026-04-05T08:30:15",
        "2026-04-05T08:30:15+07:00",
        // An Excel serial number that lost its date format (46117 = 05/04/2026).
        "46117",
    ];
    let mut rows: Vec<String> = good
        .iter()
        .enumerate()
        .map(|(i, d)| format!("D-{:02},{d},Hotline,PA", i + 1))
        .collect();
    // Day first: 04/05/2026 is 4 May.
    rows.push("D-90,04/05/2026,Hotline,PA".into());
    // Unreadable: month-first, impossible days, words, a bad time.
    let bad = [
        "05/13/2026",
        "2026-02-30",
        "29/02/2026",
        "hôm qua",
        "05/04/2026 25:00",
    ];
    for (i, d) in bad.iter().enumerate() {
        rows.push(format!("B-{},{d},Hotline,PA", i + 1));
    }
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    wd.write(
        "ngay.csv",
        csv_text("Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn", &rows),
    );
    let v = wd.validate_json(&["ngay.csv"]);
    assert_eq!(account(&v), (21, 16, 5, 0, 0));
    let expected: Vec<Issue> = bad
        .iter()
        .enumerate()
        .map(|(i, d)| {
            issue(
                "ngay.csv",
                18 + i as u64,
                "received_at",
                d,
                reason::BAD_DATE,
            )
        })
        .collect();
    assert_eq!(rejects(&v), expected);

    let s = wd.report_json(
        "out1",
        &[
            "ngay.csv",
            "--period",
            "2026-04-05..2026-04-05",
            "--calendar-months",
        ],
    );
    assert_eq!(s["totals"]["received"], good.len() as u64);
    let s = wd.report_json(
        "out2",
        &[
            "ngay.csv",
            "--period",
            "2026-05-04..2026-05-04",
            "--calendar-months",
        ],
    );
    assert_eq!(s["totals"]["received"], 1);
}

/// A time of day is kept: durations are fractional when both ends carry a time and whole days
/// otherwise (SPEC §5).
#[test]
fn times_of_day_are_kept_for_durations() {
    let wd = Workdir::new();
    wd.write(
        "gio.csv",
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Ngày phản hồi,Ngày hoàn thành\n\
         T-1,01/04/2026 08:00,Hotline,PA,01/04/2026 14:00,03/04/2026 20:00\n\
         T-2,2026-04-01T06:00:00,Hotline,PA,2026-04-02,2026-04-02 18:00\n\
         T-3,01/04/2026,Hotline,PA,02/04/2026 08:00,04/04/2026 08:00\n",
    );
    // Response: T-1 0.25 (both times), T-2 1 (reply is a date), T-3 1 (receipt is a date).
    // Sorted 0.25 1 1: mean 0.75, median 1, p90 at rank 1.8 = 1, max 1.
    // Resolution: T-1 2.5, T-2 1.5, T-3 3. Sorted 1.5 2.5 3: mean 7/3, median 2.5,
    // p90 at rank 1.8 = 2.5 + 0.8 × 0.5 = 2.9, max 3.
    let s = wd.report_json("out", &["gio.csv", "--period", APRIL, "--calendar-months"]);
    let t = &s["totals"];
    assert_stats(&t["response_days"], 3, 0.75, 1.0, 1.0, 1.0);
    assert_stats(
        &t["resolution_days"],
        3,
        (7.0_f64 / 3.0 * 1e6).round() / 1e6,
        2.5,
        2.9,
        3.0,
    );
}

/// `input.date_format` reads a US export (NYC 311) as it is published, with a config that maps
/// its columns and values; the identity holds, and every case lands on 1 May 2022.
#[test]
fn nyc311_us_export_with_date_format() {
    let Some(shared) = shared_data() else {
        eprintln!(
            "SKIPPED nyc311_us_export_with_date_format: no shared data folder (set PAKN_SHARED_DATA or put ../shared/data next to the checkout)"
        );
        return;
    };
    let sample = shared.join("nyc311-sample.csv");
    if !sample.is_file() {
        eprintln!(
            "SKIPPED nyc311_us_export_with_date_format: {} is absent",
            sample.display()
        );
        return;
    }
    let wd = Workdir::new();
    let bytes = std::fs::read(&sample).unwrap();
    wd.write("nyc311-sample.csv", &bytes);
    wd.fixture("nyc311.toml");

    let v = wd.validate_json(&["nyc311-sample.csv", "--config", "nyc311.toml"]);
    let (read, accepted, rejected, dups, skipped) = account(&v);
    assert_eq!(read, accepted + rejected + dups + skipped);
    assert!(accepted > 800, "accepted {accepted}");
    assert_eq!(v["files"][0]["sha256"], sha256_hex(&bytes).as_str());

    // What the file holds, read independently of the program.
    let mut rdr = csv::Reader::from_reader(bytes.as_slice());
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (created, closed) = (col("Created Date"), col("Closed Date"));
    let us = "%m/%d/%Y %I:%M:%S %p";
    let mut rows = 0u64;
    let mut durations = Vec::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        rows += 1;
        if !rec[closed].is_empty() {
            let a = chrono::NaiveDateTime::parse_from_str(&rec[created], us).unwrap();
            let b = chrono::NaiveDateTime::parse_from_str(&rec[closed], us).unwrap();
            durations.push((b - a).num_seconds() as f64 / 86_400.0);
        }
    }
    assert_eq!(read, rows);

    let s = wd.report_json(
        "out",
        &[
            "nyc311-sample.csv",
            "--config",
            "nyc311.toml",
            "--period",
            "2022-05-01..2022-05-01",
            "--calendar-months",
        ],
    );
    assert_eq!(s["period"]["start"], "2022-05-01");
    assert_eq!(s["period"]["end"], "2022-05-01");
    assert_eq!(s["period"]["mode"], "calendar");
    let t = &s["totals"];
    assert_eq!(t["received"], accepted);
    assert_eq!(t["carried_over"], 0);
    // Closed the same day: resolved in the period, in fractions of a day.
    assert_eq!(t["resolved"], durations.len() as u64);
    let mean = durations.iter().sum::<f64>() / durations.len() as f64;
    let got = t["resolution_days"]["mean"].as_f64().unwrap();
    assert!((got - mean).abs() < 1e-5, "mean {got} vs {mean}");
    // Channels and departments come through the config's vocabularies.
    let ch: u64 = ["hotline", "portal", "other"]
        .iter()
        .map(|k| group(&s, "by_channel", k)["received"].as_u64().unwrap())
        .sum();
    assert_eq!(ch, accepted);
    assert!(keys(&s, "by_department").contains(&"NYPD".to_string()));
    assert_eq!(group(&s, "by_kind", "phan_anh")["received"], accepted);
}

/// docs/examples/nyc311.toml, which the README points to, is the config tested above.
#[test]
fn nyc311_example_config_is_the_tested_one() {
    let example =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/nyc311.toml");
    assert_eq!(
        std::fs::read_to_string(example).unwrap(),
        std::fs::read_to_string(fixtures_dir().join("nyc311.toml")).unwrap()
    );
    // And it is a valid config.
    let wd = Workdir::new();
    wd.fixture("nyc311.toml");
    wd.write(
        "x.csv",
        "Unique Key,Created Date,Open Data Channel Type\n1,05/01/2022 12:00:03 AM,PHONE\n",
    );
    let v = wd.validate_json(&["x.csv", "--config", "nyc311.toml"]);
    assert_eq!(account(&v), (1, 1, 0, 0, 0));
}

/// Under `input.date_format` a day-first date is not guessed; ISO dates are still read.
#[test]
fn date_format_reads_month_first_and_nothing_else() {
    let wd = Workdir::new();
    wd.write(
        "us.csv",
        "id,received_at,channel,kind\n\
         U-1,04/05/2026 02:15:30 PM,Hotline,PA\n\
         U-2,2026-04-05,Hotline,PA\n\
         U-3,13/04/2026 02:15:30 PM,Hotline,PA\n",
    );
    wd.write(
        "us.toml",
        "[input]\ndate_format = \"%m/%d/%Y %I:%M:%S %p\"\n",
    );
    let v = wd.validate_json(&["us.csv", "--config", "us.toml"]);
    assert_eq!(account(&v), (3, 2, 1, 0, 0));
    assert_eq!(
        rejects(&v),
        vec![issue(
            "us.csv",
            4,
            "received_at",
            "13/04/2026 02:15:30 PM",
            reason::BAD_DATE
        )]
    );
    let s = wd.report_json(
        "out",
        &[
            "us.csv",
            "--config",
            "us.toml",
            "--period",
            "2026-04-05..2026-04-05",
            "--calendar-months",
        ],
    );
    assert_eq!(s["totals"]["received"], 2);
}

// ---------------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------------

fn kinds_register() -> String {
    let kinds = [
        "PA",
        "Phản ánh",
        "PAKN",
        "\"Phản ánh, kiến nghị\"",
        "pa",
        "KN",
        "Kiến nghị",
        "Khiếu nại",
        "Đơn khiếu nại",
        "Tố cáo",
        "Đơn tố cáo",
        "ĐƠN TỐ CÁO",
    ];
    let rows: Vec<String> = kinds
        .iter()
        .enumerate()
        .map(|(i, k)| format!("L-{i},01/04/2026,Hotline,{k}"))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    csv_text("Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn", &rows)
}

#[test]
fn kind_synonyms() {
    let wd = Workdir::new();
    wd.write("loai.csv", kinds_register());
    let v = wd.validate_json(&["loai.csv"]);
    assert_eq!(account(&v), (12, 12, 0, 0, 0));
    let s = wd.report_json("out", &["loai.csv", "--period", APRIL, "--calendar-months"]);
    // PA, Phản ánh, PAKN, "Phản ánh, kiến nghị", pa → phản ánh; KN alone → kiến nghị.
    assert_eq!(
        received_by(&s, "by_kind"),
        vec![
            ("phan_anh".to_string(), 5),
            ("kien_nghi".to_string(), 2),
            ("khieu_nai".to_string(), 2),
            ("to_cao".to_string(), 3),
        ]
    );
    assert_eq!(group(&s, "by_kind", "phan_anh")["label"], "Phản ánh");
    assert_eq!(group(&s, "by_kind", "to_cao")["label"], "Tố cáo");
}

/// `[vocab.kind] khieu_nai = ["KN"]` overrides the built-in reading of "KN".
#[test]
fn kind_vocabulary_from_config_overrides() {
    let wd = Workdir::new();
    wd.write("loai.csv", kinds_register());
    wd.write("kn.toml", "[vocab.kind]\nkhieu_nai = [\"KN\"]\n");
    let s = wd.report_json(
        "out",
        &[
            "loai.csv",
            "--config",
            "kn.toml",
            "--period",
            APRIL,
            "--calendar-months",
        ],
    );
    assert_eq!(
        received_by(&s, "by_kind"),
        vec![
            ("phan_anh".to_string(), 5),
            ("kien_nghi".to_string(), 1),
            ("khieu_nai".to_string(), 3),
            ("to_cao".to_string(), 3),
        ]
    );
}

/// Channel synonyms; an unknown channel counts as `other` and is listed once as a warning with
/// its raw value, the first row and how many rows carry it.
#[test]
fn channel_synonyms_and_unknown_channel_warning() {
    let wd = Workdir::new();
    let channels: [(&str, &[&str]); 8] = [
        (
            "hotline",
            &["Đường dây nóng", "Điện thoại", "Hotline", "ĐDN"],
        ),
        (
            "facebook",
            &["Facebook", "Fanpage", "Trang Facebook", "Messenger"],
        ),
        ("in_person", &["Trực tiếp", "Tiếp công dân", "Tại trụ sở"]),
        (
            "letter",
            &["Văn bản", "Đơn thư", "Bưu chính", "Bưu điện", "Công văn"],
        ),
        ("email", &["Email", "Thư điện tử"]),
        (
            "portal",
            &[
                "Cổng thông tin điện tử",
                "Cổng TTĐT",
                "Website",
                "Cổng dịch vụ công",
                "Hệ thống PAKN",
            ],
        ),
        (
            "transferred",
            &[
                "Cơ quan khác chuyển đến",
                "Chuyển đến",
                "UBND chuyển",
                "Thanh tra chuyển",
            ],
        ),
        ("other", &["Khác"]),
    ];
    let mut rows = Vec::new();
    for (_, values) in &channels {
        for v in *values {
            rows.push(format!("K-{},01/04/2026,{v},PA", rows.len() + 1));
        }
    }
    // Rows 30–32 (after the 28 known values in rows 2–29): two "Zalo" (one spaced oddly) and
    // one "Tin nhắn SMS".
    rows.push(format!("K-{},01/04/2026,Zalo,PA", rows.len() + 1));
    rows.push(format!("K-{},01/04/2026,Tin nhắn SMS,PA", rows.len() + 1));
    rows.push(format!("K-{},01/04/2026,\"  Zalo \",PA", rows.len() + 1));
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    wd.write(
        "kenh.csv",
        csv_text("Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn", &rows),
    );

    let v = wd.validate_json(&["kenh.csv"]);
    assert_eq!(account(&v), (31, 31, 0, 0, 0));
    assert_eq!(v["warnings"], 2);
    assert_eq!(
        v["warning_list"],
        serde_json::json!([
            {"file": "kenh.csv", "row": 30, "field": "channel", "value": "Zalo",
             "reason": reason::UNKNOWN_CHANNEL, "count": 2},
            {"file": "kenh.csv", "row": 31, "field": "channel", "value": "Tin nhắn SMS",
             "reason": reason::UNKNOWN_CHANNEL, "count": 1},
        ])
    );
    // The text report lists the same warnings.
    let run = wd.run(&["validate", "kenh.csv"]);
    run.assert_code(0);
    assert!(
        run.stdout.ends_with(
            "\nCảnh báo (warnings): 2\n  kenh.csv dòng 30 (2 dòng): [channel] 'Zalo' — Kênh tiếp nhận không xác định, tính vào \"Khác\"\n  kenh.csv dòng 31 (1 dòng): [channel] 'Tin nhắn SMS' — Kênh tiếp nhận không xác định, tính vào \"Khác\"\n"
        ),
        "{}",
        run.stdout
    );

    let s = wd.report_json("out", &["kenh.csv", "--period", APRIL, "--calendar-months"]);
    let mut expected: Vec<(String, u64)> = channels
        .iter()
        .map(|(code, values)| (code.to_string(), values.len() as u64))
        .collect();
    expected[7].1 += 3;
    assert_eq!(received_by(&s, "by_channel"), expected);
    assert_eq!(s["input"]["warnings"], 2);
}

/// `defaults.kind` when the export has no kind column; without it the column is required.
#[test]
fn default_kind_without_a_kind_column() {
    let wd = Workdir::new();
    wd.write(
        "fb.csv",
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Lĩnh vực\n\
         F-1,01/04/2026,Facebook,Đầu tư\n\
         F-2,02/04/2026,Messenger,Lao động\n",
    );
    let run = wd.run(&["validate", "fb.csv"]);
    assert_error(
        &run,
        1,
        "fb.csv",
        &[
            "'kind'",
            "missing required column",
            "Mã số, Ngày tiếp nhận, Kênh tiếp nhận, Lĩnh vực",
        ],
    );
    wd.write("kn.toml", "[defaults]\nkind = \"kien_nghi\"\n");
    let v = wd.validate_json(&["fb.csv", "--config", "kn.toml"]);
    assert_eq!(account(&v), (2, 2, 0, 0, 0));
    let s = wd.report_json(
        "out",
        &[
            "fb.csv",
            "--config",
            "kn.toml",
            "--period",
            APRIL,
            "--calendar-months",
        ],
    );
    assert_eq!(
        received_by(&s, "by_kind"),
        vec![
            ("phan_anh".to_string(), 0),
            ("kien_nghi".to_string(), 2),
            ("khieu_nai".to_string(), 0),
            ("to_cao".to_string(), 0),
        ]
    );
    assert_eq!(group(&s, "by_channel", "facebook")["received"], 2);
}

/// `[vocab.department]` and `[vocab.category]` map spelling variants to one canonical name;
/// unmapped values stay their own group.
#[test]
fn department_and_category_synonyms_from_config() {
    let wd = Workdir::new();
    wd.write(
        "dv.csv",
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Đơn vị xử lý,Lĩnh vực\n\
         S-1,01/04/2026,Hotline,PA,P. QLĐT,Đầu tư\n\
         S-2,01/04/2026,Hotline,PA,p.qlđt,Đầu tư\n\
         S-3,01/04/2026,Hotline,PA,Phòng QLĐT,TTHC\n\
         S-4,01/04/2026,Hotline,PA,Phòng Quản lý Đầu tư,Thủ tục hành chính\n\
         S-5,01/04/2026,Hotline,PA,Văn phòng,Thủ tục HC\n\
         S-6,01/04/2026,Hotline,PA,Ban Doanh nghiệp,Đầu tư\n",
    );
    wd.write(
        "dv.toml",
        "[vocab.department]\n\
         \"Phòng Quản lý Đầu tư\" = [\"P. QLĐT\", \"Phòng QLĐT\"]\n\
         [vocab.category]\n\
         \"Thủ tục hành chính\" = [\"TTHC\", \"Thủ tục HC\"]\n",
    );
    let s = wd.report_json(
        "out",
        &[
            "dv.csv",
            "--config",
            "dv.toml",
            "--period",
            APRIL,
            "--calendar-months",
        ],
    );
    assert_eq!(
        received_by(&s, "by_department"),
        vec![
            ("Ban Doanh nghiệp".to_string(), 1),
            ("Phòng Quản lý Đầu tư".to_string(), 4),
            ("Văn phòng".to_string(), 1),
        ]
    );
    assert_eq!(
        received_by(&s, "by_category"),
        vec![
            ("Đầu tư".to_string(), 3),
            ("Thủ tục hành chính".to_string(), 3),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Rejects, duplicates, folders
// ---------------------------------------------------------------------------------------------

const PEOPLE: [&str; 5] = [
    "Nguyễn Thị Bích Ngọc",
    "0912345678",
    "Số 5 ngõ 12 Lạch Tray",
    "ngoc.nguyen@example.com",
    "Chậm cấp phép xây dựng nhà xưởng",
];

/// One row per rule of SPEC §3.5, in order, then rows that break several rules (the first
/// failing one is reported) and rows that pass.
fn rejects_register() -> String {
    let p = PEOPLE.join(",");
    let rows = [
        // 2: blank id
        format!(",01/04/2026,Hotline,PA,,,,,,{p}"),
        // 3: blank received
        format!("R-03,,Hotline,PA,,,,,,{p}"),
        // 4: unreadable received
        format!("R-04,31/02/2026,Hotline,PA,,,,,,{p}"),
        // 5: unknown kind
        format!("R-05,01/04/2026,Hotline,Góp ý,,,,,,{p}"),
        // 6: blank kind (no default)
        format!("R-06,01/04/2026,Hotline,,,,,,,{p}"),
        // 7: an unreadable other date (due)
        format!("R-07,01/04/2026,Hotline,PA,,30/02/2026,,,,{p}"),
        // 8: resolved before received
        format!("R-08,10/04/2026,Hotline,PA,,,,09/04/2026,Đã giải quyết,{p}"),
        // 9: responded before received
        format!("R-09,10/04/2026,Hotline,PA,,,09/04/2026,,,{p}"),
        // 10: closed status without a resolved date
        format!("R-10,10/04/2026,Hotline,PA,,,,,Đã giải quyết,{p}"),
        // 11: blank received, unknown kind, bad due, closed without date → received_at
        format!("R-11,,Hotline,Góp ý,,30/02/2026,,,Đã giải quyết,{p}"),
        // 12: unknown kind and a bad date and resolved before → kind
        format!("R-12,10/04/2026,Hotline,Góp ý,xx/04/2026,,,09/04/2026,,{p}"),
        // 13: a bad assigned date and resolved before → assigned_at
        format!("R-13,10/04/2026,Hotline,PA,hôm qua,,,09/04/2026,,{p}"),
        // 14: resolved and responded before, withdrawn → resolved_at
        format!("R-14,10/04/2026,Hotline,PA,,,09/04/2026,09/04/2026,Rút đơn,{p}"),
        // 15: both with times, an hour before → resolved_at
        format!("R-15,10/04/2026 10:00,Hotline,PA,,,,10/04/2026 09:00,Đã giải quyết,{p}"),
        // 16: accepted: a time against a date compares the dates
        format!("R-16,10/04/2026 10:00,Hotline,PA,,,,10/04/2026,Đã giải quyết,{p}"),
        // 17: accepted: blank status, open
        format!("R-17,10/04/2026,Hotline,PA,,,,,,{p}"),
        // 18: accepted: open status
        format!("R-18,10/04/2026,Hotline,PA,,,,,Đang xử lý,{p}"),
        // 19: accepted: blank status with a resolved date
        format!("R-19,10/04/2026,Hotline,PA,,,,11/04/2026,,{p}"),
        // 20: archived without a resolved date
        format!("R-20,10/04/2026,Hotline,PA,,,,,Lưu đơn,{p}"),
    ];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    csv_text(
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Ngày giao,Hạn xử lý,Ngày phản hồi,Ngày hoàn thành,Trạng thái,Họ tên,Số điện thoại,Địa chỉ,Email,Nội dung",
        &rows,
    )
}

#[test]
fn rejects_one_per_rule_in_order_with_first_failing_rule() {
    let wd = Workdir::new();
    wd.write("loi.csv", rejects_register());
    let v = wd.validate_json(&["loi.csv"]);
    assert_eq!(account(&v), (19, 4, 15, 0, 0));
    let f = "loi.csv";
    assert_eq!(
        rejects(&v),
        vec![
            issue(f, 2, "id", "", reason::BLANK_ID),
            issue(f, 3, "received_at", "", reason::BLANK_RECEIVED),
            issue(f, 4, "received_at", "31/02/2026", reason::BAD_DATE),
            issue(f, 5, "kind", "Góp ý", reason::UNKNOWN_KIND),
            issue(f, 6, "kind", "", reason::BLANK_KIND),
            issue(f, 7, "due_at", "30/02/2026", reason::BAD_DATE),
            issue(f, 8, "resolved_at", "09/04/2026", reason::RESOLVED_BEFORE),
            issue(f, 9, "responded_at", "09/04/2026", reason::RESPONDED_BEFORE),
            issue(f, 10, "status", "Đã giải quyết", reason::CLOSED_NO_DATE),
            issue(f, 11, "received_at", "", reason::BLANK_RECEIVED),
            issue(f, 12, "kind", "Góp ý", reason::UNKNOWN_KIND),
            issue(f, 13, "assigned_at", "hôm qua", reason::BAD_DATE),
            issue(f, 14, "resolved_at", "09/04/2026", reason::RESOLVED_BEFORE),
            issue(
                f,
                15,
                "resolved_at",
                "10/04/2026 09:00",
                reason::RESOLVED_BEFORE
            ),
            issue(f, 20, "status", "Lưu đơn", reason::CLOSED_NO_DATE),
        ]
    );
    // The text report lists them the same way.
    let run = wd.run(&["validate", "loi.csv"]);
    run.assert_code(0);
    assert!(
        run.stdout.contains(
            "\nDòng bị loại (rejected rows): 15\n  loi.csv dòng 2: [id] '' — Thiếu mã số vụ việc\n  loi.csv dòng 3: [received_at] '' — Thiếu ngày tiếp nhận\n  loi.csv dòng 4: [received_at] '31/02/2026' — Ngày không đọc được\n"
        ),
        "{}",
        run.stdout
    );
    // The accepted ones are the cases of the period; are resolved.
    let s = wd.report_json("out", &["loi.csv", "--period", APRIL, "--calendar-months"]);
    assert_eq!(s["input"]["rejected"], 15);
    assert_eq!(s["totals"]["received"], 4);
    assert_eq!(s["totals"]["resolved"], 2);
}

/// `--strict`: exit 3 when a row was rejected, 0 otherwise.
#[test]
fn validate_strict_exit_codes() {
    let wd = Workdir::new();
    wd.write("loi.csv", rejects_register());
    let run = wd.run(&["validate", "--strict", "loi.csv"]);
    run.assert_code(3);
    let run = wd.run(&["validate", "--strict", "--json", "loi.csv"]);
    run.assert_code(3);
    assert_eq!(run.json()["rejected"], 15);
    wd.write("loai.csv", kinds_register());
    wd.run(&["validate", "--strict", "loai.csv"]).assert_code(0);
}

fn dup_files(wd: &Workdir) {
    wd.write(
        "a.csv",
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn\n\
         HP-001,01/04/2026,Hotline,PA\n\
         HP-002,01/04/2026,Hotline,PA\n\
         HP-003,,Hotline,PA\n\
         hp-001,02/04/2026,Facebook,PA\n",
    );
    wd.write(
        "b.csv",
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn\n\
         HP-002,03/04/2026,Facebook,KN\n\
         HP-003,03/04/2026,Facebook,KN\n\
         HP-004,03/04/2026,Facebook,KN\n\
         HP-003,04/04/2026,Email,PA\n\
         \" Hp-004 \",04/04/2026,Email,PA\n",
    );
}

/// The first file given wins; ids compare case-insensitively after cleaning; a row whose id was
/// only seen on a rejected row is accepted.
#[test]
fn duplicates_first_file_wins_in_argument_order() {
    let wd = Workdir::new();
    dup_files(&wd);

    let v = wd.validate_json(&["a.csv", "b.csv"]);
    assert_eq!(file_names(&v), vec!["a.csv", "b.csv"]);
    assert_eq!(file_account(&v, "a.csv"), (4, 2, 1, 1, 0));
    assert_eq!(file_account(&v, "b.csv"), (5, 2, 0, 3, 0));
    assert_eq!(account(&v), (9, 4, 1, 4, 0));
    assert_eq!(
        rejects(&v),
        vec![issue("a.csv", 4, "received_at", "", reason::BLANK_RECEIVED)]
    );
    assert_eq!(
        duplicates(&v),
        vec![
            issue("a.csv", 5, "id", "hp-001", &reason::duplicate("a.csv", 2)),
            issue("b.csv", 2, "id", "HP-002", &reason::duplicate("a.csv", 3)),
            issue("b.csv", 5, "id", "HP-003", &reason::duplicate("b.csv", 3)),
            issue("b.csv", 6, "id", "Hp-004", &reason::duplicate("b.csv", 4)),
        ]
    );
    let s = wd.report_json(
        "out-ab",
        &["a.csv", "b.csv", "--period", APRIL, "--calendar-months"],
    );
    // Kept: HP-001 and HP-002 from a.csv (hotline), HP-003 and HP-004 from b.csv (facebook).
    assert_eq!(s["totals"]["received"], 4);
    assert_eq!(group(&s, "by_channel", "hotline")["received"], 2);
    assert_eq!(group(&s, "by_channel", "facebook")["received"], 2);
    assert_eq!(s["input"]["duplicates"], 4);

    // The other order: b.csv's rows win.
    let v = wd.validate_json(&["b.csv", "a.csv"]);
    assert_eq!(file_names(&v), vec!["b.csv", "a.csv"]);
    assert_eq!(file_account(&v, "b.csv"), (5, 3, 0, 2, 0));
    assert_eq!(file_account(&v, "a.csv"), (4, 1, 1, 2, 0));
    assert_eq!(
        duplicates(&v),
        vec![
            issue("b.csv", 5, "id", "HP-003", &reason::duplicate("b.csv", 3)),
            issue("b.csv", 6, "id", "Hp-004", &reason::duplicate("b.csv", 4)),
            issue("a.csv", 3, "id", "HP-002", &reason::duplicate("b.csv", 2)),
            issue("a.csv", 5, "id", "hp-001", &reason::duplicate("a.csv", 2)),
        ]
    );
    let s = wd.report_json(
        "out-ba",
        &["b.csv", "a.csv", "--period", APRIL, "--calendar-months"],
    );
    assert_eq!(group(&s, "by_channel", "hotline")["received"], 1);
    assert_eq!(group(&s, "by_channel", "facebook")["received"], 3);
    assert_eq!(group(&s, "by_kind", "kien_nghi")["received"], 3);
}

/// A folder is read as its .csv/.xlsx files in name order; lock files, hidden files and other
/// kinds of file are not exports.
#[test]
fn folder_input_in_name_order() {
    let wd = Workdir::new();
    wd.mkdir("xuat");
    wd.write(
        "xuat/02-so-theo-doi.csv",
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn\n\
         HP-2,02/04/2026,Hotline,PA\n\
         HP-3,03/04/2026,Hotline,PA\n",
    );
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in [
        ["Mã số", "Ngày tiếp nhận", "Kênh tiếp nhận", "Loại đơn"],
        ["HP-1", "01/04/2026", "Facebook", "PA"],
        ["HP-2", "01/04/2026", "Facebook", "PA"],
    ]
    .iter()
    .enumerate()
    {
        for (c, cell) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    wb.save(wd.path().join("xuat/01-facebook.xlsx")).unwrap();
    // Not exports: an Office lock file, a hidden file, a PDF.
    wd.write("xuat/~$01-facebook.xlsx", b"\x00\x01lock");
    wd.write("xuat/.~lock.csv", "not, a, register\n");
    wd.write("xuat/bao-cao.pdf", "%PDF-1.4\n");
    wd.write(
        "them.csv",
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn\nHP-3,04/04/2026,Email,PA\n",
    );

    let v = wd.validate_json(&["xuat"]);
    assert_eq!(
        file_names(&v),
        vec!["01-facebook.xlsx", "02-so-theo-doi.csv"]
    );
    assert_eq!(file_account(&v, "01-facebook.xlsx"), (2, 2, 0, 0, 0));
    assert_eq!(file_account(&v, "02-so-theo-doi.csv"), (2, 1, 0, 1, 0));
    assert_eq!(
        duplicates(&v),
        vec![issue(
            "02-so-theo-doi.csv",
            2,
            "id",
            "HP-2",
            &reason::duplicate("01-facebook.xlsx", 3)
        )]
    );

    // A file before the folder is read first.
    let v = wd.validate_json(&["them.csv", "xuat"]);
    assert_eq!(
        file_names(&v),
        vec!["them.csv", "01-facebook.xlsx", "02-so-theo-doi.csv"]
    );
    assert_eq!(account(&v), (5, 3, 0, 2, 0));
    assert_eq!(
        duplicates(&v),
        vec![
            issue(
                "02-so-theo-doi.csv",
                2,
                "id",
                "HP-2",
                &reason::duplicate("01-facebook.xlsx", 3)
            ),
            issue(
                "02-so-theo-doi.csv",
                3,
                "id",
                "HP-3",
                &reason::duplicate("them.csv", 2)
            ),
        ]
    );
}

/// SPEC §2: a folder INPUT means the `.csv`, `.xlsx` and `.xls` files inside. A note left next
/// to the exports is not one of them and must not stop the monthly run.
#[test]

fn folder_input_ignores_a_text_note() {
    let wd = Workdir::new();
    wd.write(
        "xuat/so.csv",
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn\nHP-1,01/04/2026,Hotline,PA\n",
    );
    wd.write(
        "xuat/ghi-chu.txt",
        "Sổ xuất ngày 28/11/2026 từ phần mềm một cửa.\nNgười xuất: văn thư.\n",
    );
    let v = wd.validate_json(&["xuat"]);
    assert_eq!(file_names(&v), vec!["so.csv"]);
    assert_eq!(account(&v), (1, 1, 0, 0, 0));
}

/// CSV and XLSX files and a folder in one run: the identity holds per file and overall, and
/// summary.json carries the same accounting as `validate --json`.
#[test]
fn identity_on_a_mix_of_exports() {
    let wd = Workdir::new();
    wd.write("xuat/a.csv", messy_register(';'));
    let mut wb = Workbook::new();
    register_sheet(wb.add_worksheet());
    wb.save(wd.path().join("xuat/b.xlsx")).unwrap();
    wd.write("loi.csv", rejects_register());
    dup_files(&wd);

    let v = wd.validate_json(&["loi.csv", "xuat", "a.csv", "b.csv"]);
    assert_eq!(
        file_names(&v),
        vec!["loi.csv", "a.csv", "b.xlsx", "a.csv", "b.csv"]
    );
    // 19 + 11 + 9 + 4 + 5 rows; accepted 4 + 4 + 5 + 2 + 2; rejected 15 + 1 + 2 + 1 + 0;
    // duplicates 0 + 0 + 0 + 1 + 3; skipped 0 + 6 + 2 + 0 + 0.
    assert_eq!(account(&v), (48, 17, 19, 4, 8));
    let s = wd.report_json(
        "out",
        &["loi.csv", "xuat", "a.csv", "b.csv", "--period", APRIL],
    );
    let input = &s["input"];
    assert_eq!(account(input), (48, 17, 19, 4, 8));
    assert_eq!(input["duplicates"], 4);
    assert_eq!(input["files"], v["files"]);
    assert_eq!(input["warnings"], v["warnings"]);
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

#[test]
fn error_missing_file() {
    let wd = Workdir::new();
    let run = wd.run(&["validate", "khong-co.csv"]);
    assert_error(&run, 1, "khong-co.csv", &["cannot open"]);
    // The same for report, which writes nothing.
    let run = wd.report("out", &["khong-co.csv", "--period", "2026-05"]);
    run.assert_code(1);
    assert!(run.stderr.contains("khong-co.csv"), "{}", run.stderr);
    assert!(!wd.exists("out/summary.json"));
}

#[test]
fn error_unsupported_extension() {
    let wd = Workdir::new();
    wd.write("so.pdf", "%PDF-1.4\n");
    let run = wd.run(&["validate", "so.pdf"]);
    assert_error(&run, 1, "so.pdf", &["unsupported file type", ".csv, .xlsx"]);
}

#[test]
fn error_no_recognisable_header() {
    let wd = Workdir::new();
    wd.write("rac.csv", "a,b,c\n1,2,3\nMã số,x,y\n");
    wd.write("trong.csv", "");
    for name in ["rac.csv", "trong.csv"] {
        let run = wd.run(&["validate", name]);
        assert_error(&run, 1, name, &NO_HEADER);
    }
}

#[test]
fn error_missing_required_column() {
    let wd = Workdir::new();
    wd.write(
        "thieu.csv",
        "SỔ THEO DÕI,,,,\nSTT,Mã số,Ngày tiếp nhận,Loại đơn,Ghi chú,,\n1,A,01/04/2026,PA,,,\n",
    );
    let run = wd.run(&["validate", "thieu.csv"]);
    assert_error(
        &run,
        1,
        "thieu.csv",
        &[
            "'channel'",
            "missing required column",
            // The headers found, as written (blank cells left out).
            "STT, Mã số, Ngày tiếp nhận, Loại đơn, Ghi chú",
        ],
    );
    // A second, valid file does not hide the error.
    wd.write("loai.csv", kinds_register());
    let run = wd.run(&["validate", "loai.csv", "thieu.csv"]);
    run.assert_code(1);
    assert!(run.stderr.contains("'channel'"), "{}", run.stderr);
}

#[test]
fn error_bad_config_key() {
    let wd = Workdir::new();
    wd.write("loai.csv", kinds_register());
    let cases = [
        (
            "go-sai.toml",
            "[input]\ndate_fromat = \"%d/%m/%Y\"\n",
            "date_fromat",
        ),
        ("bang-la.toml", "[inptu]\nsheet = \"Sổ\"\n", "inptu"),
        (
            "cot-la.toml",
            "[columns]\nrecieved_at = [\"OPEN_DT\"]\n",
            "recieved_at",
        ),
        ("ma-la.toml", "[vocab.channel]\nzalo = [\"Zalo\"]\n", "zalo"),
        ("mode.toml", "[period]\nmode = \"tuần\"\n", "tuần"),
    ];
    for (name, text, key) in cases {
        wd.write(name, text);
        let run = wd.run(&["validate", "loai.csv", "--config", name]);
        run.assert_code(1);
        assert_eq!(run.stdout, "", "{name}");
        assert!(
            run.stderr.starts_with("lỗi (error): ") && run.stderr.contains(key),
            "{name}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("invalid config"),
            "{name}: {}",
            run.stderr
        );
        // The report refuses the same config before writing anything.
        let run = wd.report(
            "out",
            &["loai.csv", "--config", name, "--period", "2026-04"],
        );
        run.assert_code(1);
        assert!(run.stderr.contains(key), "{name}: {}", run.stderr);
        assert!(!wd.exists("out/summary.json"));
    }
    // A config file that is not there.
    let run = wd.run(&["validate", "loai.csv", "--config", "khong-co.toml"]);
    run.assert_code(1);
    assert!(
        run.stderr.starts_with("lỗi (error): khong-co.toml: "),
        "{}",
        run.stderr
    );
}

/// Files that are not UTF-8 are refused with a sentence naming the row and column.
#[test]
fn error_not_utf8() {
    let wd = Workdir::new();
    // "Điện thoại" in Windows-1258 in row 3, column 3.
    let mut bytes =
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn\nA1,01/04/2026,Hotline,PA\nA2,01/04/2026,"
            .as_bytes()
            .to_vec();
    bytes.extend_from_slice(b"\xd0i\xean tho\xb9i,PA\n");
    wd.write("w1258.csv", bytes);
    let run = wd.run(&["validate", "w1258.csv"]);
    assert_error(
        &run,
        1,
        "w1258.csv",
        &["dòng 3, cột 3", "row 3, column 3", "not UTF-8"],
    );
    wd.write("u16.csv", b"\xff\xfeM\x00\xe3\x00");
    let run = wd.run(&["validate", "u16.csv"]);
    assert_error(&run, 1, "u16.csv", &["UTF-16"]);
}

/// A file that is not a workbook, with a workbook's extension.
#[test]
fn error_corrupt_xlsx() {
    let wd = Workdir::new();
    wd.write(
        "hong.xlsx",
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn\n",
    );
    let run = wd.run(&["validate", "hong.xlsx"]);
    assert_error(&run, 1, "hong.xlsx", &[]);
}

// ---------------------------------------------------------------------------------------------
// Personal data
// ---------------------------------------------------------------------------------------------

fn assert_no_personal_data(what: &str, text: &str) {
    for p in PEOPLE {
        assert!(
            !text.contains(p),
            "{what} contains personal data {p:?}:\n{text}"
        );
    }
    // Not even in part.
    for p in [
        "Bích Ngọc",
        "912345678",
        "Lạch Tray",
        "example.com",
        "nhà xưởng",
    ] {
        assert!(
            !text.contains(p),
            "{what} contains personal data {p:?}:\n{text}"
        );
    }
}

/// Names, phone numbers, addresses, e-mails and content never appear in any output, even for
/// rejected and duplicate rows (SPEC §8).
#[test]
fn personal_data_never_printed_or_written() {
    let wd = Workdir::new();
    wd.write("loi.csv", rejects_register());
    let p = PEOPLE.join(",");
    let rows = [
        format!("P-1,01/04/2026,Hotline,PA,Văn phòng,{p}"),
        format!("P-1,02/04/2026,Hotline,PA,Văn phòng,{p}"),
        format!(",02/04/2026,Hotline,PA,Văn phòng,{p}"),
        format!("P-3,02/04/2026,Zalo,Góp ý,Văn phòng,{p}"),
        format!("P-4,02/04/2026,Zalo,Tố cáo,Văn phòng,{p}"),
    ];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    wd.write(
        "nguoi.csv",
        csv_text(
            "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Đơn vị xử lý,Người gửi,Điện thoại liên hệ,Địa chỉ,Email,Tóm tắt nội dung",
            &rows,
        ),
    );
    let inputs = ["loi.csv", "nguoi.csv"];

    let run = wd.run(&["validate", inputs[0], inputs[1]]);
    run.assert_code(0);
    assert_no_personal_data("validate stdout", &run.stdout);
    assert_no_personal_data("validate stderr", &run.stderr);
    let run = wd.run(&["validate", "--json", inputs[0], inputs[1]]);
    run.assert_code(0);
    assert_no_personal_data("validate --json", &run.stdout);
    assert_no_personal_data("validate --json stderr", &run.stderr);
    let v = run.json();
    assert_eq!(file_account(&v, "nguoi.csv"), (5, 2, 2, 1, 0));

    let run = wd.report("out", &[inputs[0], inputs[1], "--period", APRIL]);
    run.assert_code(0);
    assert_no_personal_data("report stderr", &run.stderr);
    for entry in std::fs::read_dir(wd.path().join("out")).unwrap() {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        assert_no_personal_data(&path.display().to_string(), &text);
    }
}
