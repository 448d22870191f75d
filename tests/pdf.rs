//! The PDF report (SPEC §7, §8; issue 6), read back from runs of the real binary.
//!
//! Each test makes a register with `pakn-report sample --cases 1500 --seed 3 --bad-rows 6` in a
//! temporary folder, runs `report … --format pdf,json`, and reads the PDF back with poppler's
//! `pdftotext` / `pdfinfo` / `pdffonts` (Debian `poppler-utils`, installed by `.ci/run`). When
//! poppler is missing the tests that need it fail with a line saying what to install; the
//! byte-identity test does not need it.

use crate::common::run_ok as run;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

const PERIOD: &str = "2026-05";
const AS_OF: &str = "2026-11-28";

fn sample(dir: &Path) {
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
        dir,
    );
}

/// Runs the report into `dir/out` and returns the PDF path and summary.json.
fn report(dir: &Path, out: &str) -> (PathBuf, Value) {
    run(
        &[
            "report", "reg.xlsx", "--period", PERIOD, "--as-of", AS_OF, "--format", "pdf,json",
            "--out", out,
        ],
        dir,
    );
    let out_dir = dir.join(out);
    let pdf = out_dir.join(format!("bao-cao-pakn-{PERIOD}.pdf"));
    assert!(pdf.is_file(), "no PDF written");
    let summary: Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("summary.json")).unwrap()).unwrap();
    (pdf, summary)
}

fn have(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

/// Poppler's tools are required: a missing one fails the test, never skips it.
pub fn poppler() {
    for tool in ["pdftotext", "pdfinfo", "pdffonts"] {
        assert!(
            have(tool),
            "{tool} is missing: install Debian's poppler-utils (`.ci/run` does) to read the PDF back"
        );
    }
}

fn pdftotext(pdf: &Path, mode: &str) -> String {
    let out = Command::new("pdftotext")
        .args([mode, "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("pdftotext gives UTF-8")
}

/// Whitespace (line breaks included) collapsed to single spaces, for phrases that may wrap.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Vietnamese integer formatting, written independently of the renderer: 1234 → "1.234".
fn vi_int(n: u64) -> String {
    let d = n.to_string();
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A fraction as "84,4%".
fn vi_pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0).replace('.', ",")
}

fn n(v: &Value, key: &str) -> u64 {
    v[key]
        .as_u64()
        .unwrap_or_else(|| panic!("summary.json: {key} missing"))
}

#[test]
fn pdf_text_is_the_official_layout_with_the_figures_in_reading_order() {
    poppler();
    let d = tempfile::tempdir().unwrap();
    sample(d.path());
    let (pdf, summary) = report(d.path(), "out");
    let raw = pdftotext(&pdf, "-raw");
    let layout = pdftotext(&pdf, "-layout");
    let lines: Vec<&str> = raw.lines().map(str::trim).collect();
    let flat = collapse(&raw);

    // Header block, title, summary line (NĐ 30/2020).
    for exact in [
        "UBND THÀNH PHỐ HẢI PHÒNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "Nơi nhận:",
        "KT. TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "I. TÌNH HÌNH TIẾP NHẬN",
        "II. KẾT QUẢ XỬ LÝ",
        "III. ĐÁNH GIÁ THEO BỘ TIÊU CHÍ \"CÔNG SỞ THÂN THIỆN\"",
        "IV. TỒN TẠI, HẠN CHẾ VÀ KIẾN NGHỊ",
        "- Lưu: VT, VP.",
    ] {
        assert!(
            lines.contains(&exact),
            "line {exact:?} not found in:\n{raw}"
        );
    }
    for phrase in [
        "BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG",
        "Số: /BC-BQL",
        "Hải Phòng, ngày 28 tháng 11 năm 2026",
        "Kết quả tiếp nhận, xử lý phản ánh, kiến nghị, khiếu nại, tố cáo tháng 5 năm 2026",
        "(số liệu từ ngày 15/04/2026 đến ngày 14/05/2026)",
    ] {
        assert!(flat.contains(phrase), "{phrase:?} not found in:\n{raw}");
    }

    // Reading order: header, title, sections I–IV, closing, signature.
    let pos = |s: &str| flat.find(s).unwrap_or_else(|| panic!("{s:?} not found"));
    let order = [
        "UBND THÀNH PHỐ HẢI PHÒNG",
        "BÁO CÁO",
        "I. TÌNH HÌNH TIẾP NHẬN",
        "II. KẾT QUẢ XỬ LÝ",
        "III. ĐÁNH GIÁ THEO BỘ TIÊU CHÍ",
        "IV. TỒN TẠI, HẠN CHẾ VÀ KIẾN NGHỊ",
        "Trên đây là báo cáo",
        "KT. TRƯỞNG BAN",
        "Nơi nhận:",
    ];
    for w in order.windows(2) {
        assert!(
            pos(w[0]) < pos(w[1]),
            "{:?} should come before {:?}",
            w[0],
            w[1]
        );
    }

    // The figures of summary.json, in Vietnamese formatting.
    let t = &summary["totals"];
    let input = &summary["input"];
    let prev = &summary["compare"]["previous"];
    for phrase in [
        format!("Ban tiếp nhận {} vụ việc", vi_int(n(t, "received"))),
        format!("({} vụ việc)", vi_int(n(prev, "received"))),
        format!(
            "Kỳ trước chuyển sang {} vụ việc",
            vi_int(n(t, "carried_over"))
        ),
        format!("đã giải quyết {} vụ việc", vi_int(n(t, "resolved"))),
        format!(
            "trong đó {} vụ việc đã quá hạn giải quyết",
            vi_int(n(t, "pending_overdue"))
        ),
        format!(
            "Tỷ lệ giải quyết đúng hạn đạt {}",
            vi_pct(t["on_time_rate"].as_f64().unwrap())
        ),
        format!("đọc {} dòng", vi_int(n(input, "rows_read"))),
        format!("{} vụ việc hợp lệ", vi_int(n(input, "accepted"))),
    ] {
        assert!(flat.contains(&phrase), "{phrase:?} not found in:\n{raw}");
    }
    assert!(
        n(input, "rows_read") >= 1000,
        "the thousands separator is exercised"
    );
    // The comparison is worded, with a decimal comma.
    let received = n(t, "received") as f64;
    let before = n(prev, "received") as f64;
    let change = (received - before) / before * 100.0;
    let word = if change > 0.0 { "tăng" } else { "giảm" };
    let expected = format!(
        "{word} {}% so với kỳ trước",
        format!("{:.1}", change.abs()).replace('.', ",")
    );
    assert!(flat.contains(&expected), "{expected:?} not found");
    assert!(flat.contains("so với cùng kỳ năm trước"));

    // The totals row of the first table, numbers right-aligned in -layout output.
    let total_line = layout
        .lines()
        .find(|l| l.trim_start().starts_with("Tổng cộng"))
        .expect("a total row");
    assert!(
        total_line.contains(&vi_int(n(t, "to_handle"))),
        "{total_line}"
    );

    // Page count.
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("pdfinfo Pages");
    // The body, then the annex: one scorecard block per department (at most one page each).
    let departments = summary["scorecard"]["by_department"]
        .as_array()
        .map_or(0, |d| d.len() as u32);
    assert!((2..=15 + departments).contains(&pages), "{pages} pages");
    assert!(
        info.contains("Page size:") && info.contains("(A4)"),
        "{info}"
    );

    // Page numbers from page 2, none on page 1.
    let pages_text: Vec<&str> = raw.split('\u{c}').collect();
    assert!(pages_text[1].trim_start().starts_with('2'), "page 2 number");
    assert!(
        pages_text[0].trim_start().starts_with("UBND"),
        "no number on page 1"
    );
}

/// Personal-data values of the register: Họ tên, Số điện thoại, Địa chỉ, Nội dung.
fn personal_values(xlsx: &Path) -> Vec<String> {
    let mut wb: Xlsx<_> = open_workbook(xlsx).expect("open reg.xlsx");
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).expect("read the sheet");
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let header_at = rows
        .iter()
        .position(|r| r.iter().any(|c| c.trim() == "Họ tên"))
        .expect("a header row with Họ tên");
    let wanted = ["Họ tên", "Số điện thoại", "Địa chỉ", "Nội dung"];
    let cols: Vec<usize> = rows[header_at]
        .iter()
        .enumerate()
        .filter(|(_, h)| wanted.contains(&h.trim()))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(cols.len(), 4, "the four personal-data columns");
    let mut values: Vec<String> = rows[header_at + 1..]
        .iter()
        .flat_map(|r| cols.iter().filter_map(|&i| r.get(i)))
        .map(|v| v.trim().nfc().collect::<String>())
        .filter(|v| v.chars().count() >= 5)
        .collect();
    values.sort();
    values.dedup();
    values
}

#[test]
fn pdf_holds_no_personal_data() {
    let d = tempfile::tempdir().unwrap();
    sample(d.path());
    let (pdf, _) = report(d.path(), "out");
    let values = personal_values(&d.path().join("reg.xlsx"));
    assert!(values.len() > 1000, "{} personal values read", values.len());
    let bytes = std::fs::read(&pdf).unwrap();
    poppler();
    let haystacks = vec![pdftotext(&pdf, "-raw"), pdftotext(&pdf, "-layout")];
    let flat: Vec<String> = haystacks.iter().map(|h| collapse(h)).collect();
    for v in &values {
        let needle = v.as_bytes();
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "personal value {v:?} in the PDF bytes"
        );
        let v_flat = collapse(v);
        for (h, f) in haystacks.iter().zip(&flat) {
            assert!(
                !h.contains(v.as_str()) && !f.contains(&v_flat),
                "personal value {v:?} in the PDF text"
            );
        }
    }
}

#[test]
fn pdf_is_byte_identical_across_runs() {
    let d = tempfile::tempdir().unwrap();
    sample(d.path());
    let (a, _) = report(d.path(), "out1");
    let (b, _) = report(d.path(), "out2");
    let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    assert!(a.starts_with(b"%PDF-"));
    assert!(
        a == b,
        "two runs gave different PDFs ({} / {} bytes)",
        a.len(),
        b.len()
    );
}

#[test]
fn pdf_fonts_are_embedded_subsets() {
    poppler();
    let d = tempfile::tempdir().unwrap();
    sample(d.path());
    let (pdf, _) = report(d.path(), "out");
    let out = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let fonts: Vec<&str> = text.lines().skip(2).collect();
    assert!(fonts.len() >= 3, "regular, bold and italic faces:\n{text}");
    for f in &fonts {
        let cols: Vec<&str> = f.split_whitespace().collect();
        // name type… encoding emb sub uni object ID
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{f}");
        assert!(f.contains("Identity-H"), "{f}");
    }
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(size < 400_000, "the fonts are subset: {size} bytes");
}
