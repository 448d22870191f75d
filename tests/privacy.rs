//! Privacy as a tested guarantee (SPEC §8): a register full of names, phone numbers, addresses,
//! e-mails and content text goes through every command and output format, and none of those values
//! appears in any output byte — the workbook and the Word report unzipped, the PDF's text and raw bytes, the JSON
//! files, stdout and stderr.

use crate::common::output as run;
use std::io::Read;
use std::path::Path;
use std::process::Command;

/// Personal values, each written into the personal-data columns of the register. The hotline
/// numbers are written in the several ways clerks write them.
const PERSONAL: &[&str] = &[
    "Trần Thị Bí Mật",
    "Lê Văn Kín Đáo",
    "0225 3836 666",
    "0225.3836.666",
    "02253836666",
    "+84 225 3836 666",
    "0912 345 678",
    "0912345678",
    "Số 12 ngõ Riêng Tư, phường Lạch Tray",
    "bimat.nguoidan@example.vn",
    "Tôi tố cáo ông Nguyễn Văn Kín nhận hối lộ của doanh nghiệp",
    "fb.com/taikhoan.rieng.tu",
];

fn register() -> String {
    let mut s = String::from(
        "Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Đơn vị xử lý,Lĩnh vực,Ngày hoàn thành,Họ tên,Số điện thoại,Địa chỉ,Email,Nội dung,Tên tài khoản\n",
    );
    let kinds = ["Phản ánh", "Kiến nghị", "Khiếu nại", "Tố cáo"];
    for i in 0..40 {
        let name = PERSONAL[i % 2];
        let phone = PERSONAL[2 + i % 6];
        let resolved = if i % 3 == 0 { "" } else { "28/04/2026" };
        s.push_str(&format!(
            "BQL-{i:03},{:02}/04/2026 08:30,Đường dây nóng,{},Phòng Quản lý Đầu tư,Đầu tư,{resolved},{name},\"{phone}\",\"{}\",{},\"{}\",{}\n",
            1 + i % 27,
            kinds[i % 4],
            PERSONAL[8],
            PERSONAL[9],
            PERSONAL[10],
            PERSONAL[11]
        ));
    }
    // Rejected rows carry personal data too: the reject list shows only the offending field.
    s.push_str(&format!(
        ",01/04/2026,Hotline,Phản ánh,Văn phòng,Khác,,{},{},\"{}\",{},\"{}\",{}\n",
        PERSONAL[0], PERSONAL[2], PERSONAL[8], PERSONAL[9], PERSONAL[10], PERSONAL[11]
    ));
    s.push_str(&format!(
        "BQL-900,31/02/2026,Hotline,Phản ánh,Văn phòng,Khác,,{},{},\"{}\",{},\"{}\",{}\n",
        PERSONAL[1], PERSONAL[3], PERSONAL[8], PERSONAL[9], PERSONAL[10], PERSONAL[11]
    ));
    s.push_str(&format!(
        "BQL-001,02/04/2026,Hotline,Phản ánh,Văn phòng,Khác,,{},{},\"{}\",{},\"{}\",{}\n",
        PERSONAL[1], PERSONAL[4], PERSONAL[8], PERSONAL[9], PERSONAL[10], PERSONAL[11]
    ));
    s
}

/// Every form of a value that could betray it: as written, and its digits alone for phones.
fn needles() -> Vec<String> {
    let mut v: Vec<String> = PERSONAL.iter().map(|s| s.to_string()).collect();
    v.push("3836666".into());
    v.push("345678".into());
    v.push("Bí Mật".into());
    v.push("Kín Đáo".into());
    v.push("Riêng Tư".into());
    v.push("hối lộ".into());
    v
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for n in needles() {
        assert!(
            !text.contains(&n),
            "{what} contains the personal value {n:?}"
        );
    }
}

/// Each entry of a zip file (the workbook), decompressed.
fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let name = format!("{:?}", f.name());
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (name, b)
        })
        .collect()
}

#[test]
fn no_personal_value_in_any_output() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("so.csv"), register()).unwrap();

    let v = run(&["validate", "so.csv"], d.path());
    assert!(v.status.success());
    assert_clean("validate stdout", &v.stdout);
    assert_clean("validate stderr", &v.stderr);
    let stdout = String::from_utf8_lossy(&v.stdout);
    assert!(stdout.contains("Thiếu mã số vụ việc"), "{stdout}");
    assert!(stdout.contains("31/02/2026"), "{stdout}");

    let j = run(&["validate", "so.csv", "--json", "--strict"], d.path());
    assert_eq!(j.status.code(), Some(3));
    assert_clean("validate --json", &j.stdout);
    assert_clean("validate --json stderr", &j.stderr);

    let r = run(
        &[
            "report",
            "so.csv",
            "--period",
            "2026-05",
            "--as-of",
            "2026-11-28",
            "--out",
            "out",
        ],
        d.path(),
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert_clean("report stdout", &r.stdout);
    assert_clean("report stderr", &r.stderr);

    let out = d.path().join("out");
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(&out).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&p).unwrap();
        assert_clean(&name, &bytes);
        if name.ends_with(".xlsx") || name.ends_with(".docx") {
            for (part, b) in unzip(&p) {
                assert_clean(&format!("{name}:{part}"), &b);
            }
        }
        if name.ends_with(".pdf") {
            crate::pdf::poppler();
            let t = Command::new("pdftotext")
                .arg(&p)
                .arg("-")
                .output()
                .expect("pdftotext runs");
            assert!(t.status.success() && !t.stdout.is_empty());
            assert_clean(&format!("{name} (pdftotext)"), &t.stdout);
        }
        seen.push(name);
    }
    seen.sort();
    for expected in [
        "bao-cao-pakn-2026-05.docx",
        "bao-cao-pakn-2026-05.pdf",
        "bao-cao-pakn-2026-05.xlsx",
        "bieu-mau-tt01-2024-2026-05.xlsx",
        "manifest.json",
        "summary.json",
    ] {
        assert!(
            seen.iter().any(|s| s == expected),
            "{expected} missing: {seen:?}"
        );
    }

    let c = run(&["verify", "out", "so.csv"], d.path());
    assert!(c.status.success());
    assert_clean("verify stdout", &c.stdout);
}

/// The consolidated outputs (SPEC §11) carry no personal value either: a unit's report made from
/// the register above is consolidated, and every byte of every output is checked.
#[test]
fn no_personal_value_in_consolidated_outputs() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("so.csv"), register()).unwrap();
    std::fs::write(
        d.path().join("cfg.toml"),
        "[agency]\ncode = \"bqlkkt\"\nname = \"Ban Quản lý Khu kinh tế Hải Phòng\"\n",
    )
    .unwrap();
    std::fs::write(
        d.path().join("units.toml"),
        "[agency]\nname = \"THANH TRA THÀNH PHỐ HẢI PHÒNG\"\ncode = \"tt-hp\"\n[[group]]\ncode = \"so-nganh\"\nname = \"Sở, ban, ngành\"\n[[unit]]\ncode = \"bqlkkt\"\nname = \"Ban Quản lý Khu kinh tế Hải Phòng\"\ngroup = \"so-nganh\"\n",
    )
    .unwrap();
    let r = run(
        &[
            "report",
            "so.csv",
            "--config",
            "cfg.toml",
            "--period",
            "2026-05",
            "--as-of",
            "2026-11-28",
            "--format",
            "json,xlsx",
            "--out",
            "don-vi",
        ],
        d.path(),
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let c = run(
        &[
            "consolidate",
            "don-vi",
            "--units",
            "units.toml",
            "--period",
            "2026-05",
            "--as-of",
            "2026-11-28",
            "--out",
            "tong-hop",
        ],
        d.path(),
    );
    assert!(c.status.success(), "{}", String::from_utf8_lossy(&c.stderr));
    assert_clean("consolidate stdout", &c.stdout);
    assert_clean("consolidate stderr", &c.stderr);
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(d.path().join("tong-hop")).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        assert_clean(&name, &std::fs::read(&p).unwrap());
        if name.ends_with(".pdf") {
            let out = std::process::Command::new("pdftotext")
                .arg(&p)
                .arg("-")
                .output()
                .expect("pdftotext (poppler-utils) is needed for this test");
            assert!(out.status.success());
            assert!(
                String::from_utf8_lossy(&out.stdout).contains("Ban Quản lý Khu kinh tế"),
                "the PDF's text is read"
            );
            assert_clean(&format!("{name} (text)"), &out.stdout);
        }
        if name.ends_with(".xlsx") || name.ends_with(".docx") {
            for (part, b) in unzip(&p) {
                assert_clean(&format!("{name}:{part}"), &b);
            }
        }
        seen.push(name);
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            "bao-cao-tong-hop-2026-05.docx",
            "bao-cao-tong-hop-2026-05.pdf",
            "bao-cao-tong-hop-2026-05.xlsx",
            "bieu-mau-tt01-2024-tong-hop-2026-05.xlsx",
            "manifest.json",
            "summary.json"
        ]
    );
}
