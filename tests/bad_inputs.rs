//! Hostile and broken inputs (issue: cron-grade operation): each gets its clear message and exit
//! status, never a panic, never a hang. Files are generated in a temp folder, not committed.

use crate::common::output as run;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

fn validate(dir: &Path, file: &str) -> (i32, String, String) {
    let start = Instant::now();
    let out = run(&["validate", file, "--json"], dir);
    assert!(
        start.elapsed() < Duration::from_secs(120),
        "{file}: took {:?}",
        start.elapsed()
    );
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{file}: {stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "{file}: {stderr}");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

const HEADER: &str = "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn\n";

#[test]
fn empty_file() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("empty.csv"), b"").unwrap();
    let (code, _, err) = validate(d.path(), "empty.csv");
    assert_eq!(code, 1);
    assert!(err.contains("empty.csv"), "{err}");
    assert!(err.contains("không tìm thấy dòng tiêu đề"), "{err}");
}

#[test]
fn header_only() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("h.csv"), HEADER).unwrap();
    let (code, out, _) = validate(d.path(), "h.csv");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["rows_read"], 0);
    assert_eq!(v["accepted"], 0);
}

#[test]
fn binary_garbage() {
    let d = tempfile::tempdir().unwrap();
    // Deterministic pseudo-random bytes.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..200_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    std::fs::write(d.path().join("garbage.csv"), &bytes).unwrap();
    let (code, _, err) = validate(d.path(), "garbage.csv");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("garbage.csv"), "{err}");
    // The same bytes posing as a workbook.
    std::fs::write(d.path().join("garbage.xlsx"), &bytes).unwrap();
    let (code, _, err) = validate(d.path(), "garbage.xlsx");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("không đọc được bảng tính"), "{err}");
}

#[test]
fn windows_1258_text_is_named() {
    let d = tempfile::tempdir().unwrap();
    // "Mã số,Ngày tiếp nhận,…" in Windows-1258: ã = 0xE3, ô = 0xF4 + tone byte 0xEC, à = 0xE0.
    let mut bytes = b"M\xE3 s\xF4\xEC,Ng\xE0y ti\xEA\xECp nh\xE2\xF2n,K\xEAnh,Lo\xE1i\n".to_vec();
    bytes.extend_from_slice(b"A1,01/05/2026,Hotline,PA\n");
    std::fs::write(d.path().join("cp1258.csv"), &bytes).unwrap();
    let (code, _, err) = validate(d.path(), "cp1258.csv");
    assert_eq!(code, 1);
    assert!(err.contains("không phải UTF-8"), "{err}");
    assert!(err.contains("Windows-1258"), "{err}");
    assert!(err.contains("dòng 1"), "{err}");
}

/// A multi-byte letter cut in two by a delimiter: each cell is checked on its own, so the file
/// is refused naming the cell (the bytes of the whole record, delimiters left out, would pass).
#[test]
fn a_letter_split_by_a_delimiter_is_refused_naming_the_cell() {
    let d = tempfile::tempdir().unwrap();
    let bytes = b"M\xC3\xA3 s\xE1\xBB\x91,Ng\xC3\xA0y ti\xE1\xBA\xBFp nh\xE1\xBA\xADn,K\xC3\xAAnh ti\xE1\xBA\xBFp nh\xE1\xBA\xADn,Lo\xE1\xBA\xA1i \xC4\x91\xC6\xA1n,Ghi chu,X\nA1,02/05/2026,Hotline,PA,ab\xC3,\xA9cd\n";
    std::fs::write(d.path().join("split.csv"), bytes).unwrap();
    let (code, _, err) = validate(d.path(), "split.csv");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("dòng 2, cột 5"), "{err}");
    assert!(err.contains("không phải UTF-8"), "{err}");
}

#[test]
fn tcvn3_text_read_as_unicode_is_named() {
    let d = tempfile::tempdir().unwrap();
    // What TCVN3 (ABC) text looks like once read as Latin-1 and saved as UTF-8.
    let text = "M· sè,Ngµy tiÕp nhËn,Kªnh tiÕp nhËn,Lo¹i ®¬n\nA1,01/05/2026,§\u{ad}êng d©y nãng,Ph¶n ¸nh\n";
    std::fs::write(d.path().join("tcvn3.csv"), text).unwrap();
    let (code, _, err) = validate(d.path(), "tcvn3.csv");
    assert_eq!(code, 1);
    assert!(err.contains("TCVN3"), "{err}");
}

#[test]
fn utf16_is_named() {
    let d = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for u in HEADER.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    std::fs::write(d.path().join("u16.csv"), &bytes).unwrap();
    let (code, _, err) = validate(d.path(), "u16.csv");
    assert_eq!(code, 1);
    assert!(err.contains("UTF-16"), "{err}");
}

#[test]
fn a_100_mb_single_line() {
    let d = tempfile::tempdir().unwrap();
    let mut f = std::fs::File::create(d.path().join("line.csv")).unwrap();
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..100 {
        f.write_all(&chunk).unwrap();
    }
    drop(f);
    let (code, _, err) = validate(d.path(), "line.csv");
    assert_eq!(code, 1);
    assert!(err.contains("không tìm thấy dòng tiêu đề"), "{err}");
}

#[test]
fn a_million_columns() {
    let d = tempfile::tempdir().unwrap();
    let mut s = String::from("Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn");
    for i in 0..1_000_000 {
        s.push_str(&format!(",c{i}"));
    }
    s.push('\n');
    s.push_str("A1,01/05/2026,Hotline,Phản ánh\nA2,02/05/2026,Facebook,Kiến nghị\n");
    std::fs::write(d.path().join("wide.csv"), s).unwrap();
    let (code, out, err) = validate(d.path(), "wide.csv");
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v["rows_read"].as_u64(), v["accepted"].as_u64()),
        (Some(2), Some(2))
    );
}

#[test]
fn impossible_dates_are_rejected_rows_not_errors() {
    let d = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEADER}A1,31/02/2026,Hotline,Phản ánh\nA2,29/02/2024,Hotline,Phản ánh\nA3,29/02/2025,Hotline,PA\n"
    );
    std::fs::write(d.path().join("d.csv"), text).unwrap();
    let (code, out, _) = validate(d.path(), "d.csv");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["accepted"], 1);
    assert_eq!(v["rejected"], 2);
    assert_eq!(v["rejects"][0]["row"], 2);
    assert_eq!(v["rejects"][0]["value"], "31/02/2026");
    assert_eq!(v["rejects"][0]["reason"], "Ngày không đọc được");
    assert_eq!(v["rejects"][1]["value"], "29/02/2025");
    let strict = run(&["validate", "d.csv", "--strict"], d.path());
    assert_eq!(strict.status.code(), Some(3));
}

#[test]
fn zip_bomb_posing_as_a_workbook_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("bomb.xlsx");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    z.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let zeros = vec![b'0'; 1 << 20];
    for _ in 0..300 {
        z.write_all(&zeros).unwrap();
    }
    z.finish().unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 5 << 20);
    let (code, _, err) = validate(d.path(), "bomb.xlsx");
    assert_eq!(code, 1);
    assert!(err.contains("bomb.xlsx"), "{err}");
    assert!(err.contains("quá lớn"), "{err}");
}

#[test]
fn truncated_workbook() {
    let d = tempfile::tempdir().unwrap();
    let out = run(
        &["sample", "--cases", "300", "--out", "full.xlsx"],
        d.path(),
    );
    assert!(out.status.success());
    let bytes = std::fs::read(d.path().join("full.xlsx")).unwrap();
    std::fs::write(d.path().join("cut.xlsx"), &bytes[..bytes.len() / 2]).unwrap();
    let (code, _, err) = validate(d.path(), "cut.xlsx");
    assert_eq!(code, 1);
    assert!(err.contains("cut.xlsx"), "{err}");
}
