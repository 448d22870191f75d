//! The Word report (SPEC §7 `.docx`, §8; issue 14), read back by its XML from runs of the real
//! binary on the shipped sample-data: the package is unzipped and `word/document.xml`,
//! `word/styles.xml` and the headers are read as text. The PDF's text comes from poppler's
//! `pdftotext` (Debian `poppler-utils`, installed by `.ci/run`); a missing `pdftotext` fails the
//! test that needs it.

use crate::common::run_ok as run;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

const AS_OF: &str = "2026-11-28";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `report` on the shipped sample (no INPUT: the binary reads sample-data/ of the source
/// folder) into `out`, with the default formats.
fn report(period: &str, out: &Path) {
    let config = root().join("sample-data/pakn-report.toml");
    run(
        &[
            "report",
            "--period",
            period,
            "--config",
            config.to_str().unwrap(),
            "--as-of",
            AS_OF,
            "--out",
            out.to_str().unwrap(),
        ],
        &root(),
    );
}

fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    (0..z.len())
        .map(|i| {
            let mut e = z.by_index(i).unwrap();
            let name = e.name().unwrap().to_string();
            let mut b = Vec::new();
            e.read_to_end(&mut b).unwrap();
            (name, b)
        })
        .collect()
}

fn part(parts: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, b) = parts
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} missing"));
    String::from_utf8(b.clone()).unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// What `word/document.xml` holds, in reading order.
#[derive(Debug)]
enum Item {
    /// A paragraph outside tables, with its style.
    Para { style: String, text: String },
    /// A table: rows of cell texts, and whether each row is a repeating header row.
    Table {
        rows: Vec<Vec<String>>,
        header: Vec<bool>,
        borders: bool,
    },
}

/// A small reader of the WordprocessingML the writer produces (no nested tables).
fn items(xml: &str) -> Vec<Item> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut in_t = false;
    let mut para = String::new();
    let mut style = String::new();
    let mut depth = 0; // table depth
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut header: Vec<bool> = Vec::new();
    let mut borders = false;
    let mut cell = String::new();
    while let Some(a) = xml[i..].find('<') {
        let a = i + a;
        if in_t {
            para.push_str(&unescape(&xml[i..a]));
        }
        let b = a + xml[a..].find('>').unwrap();
        let tag = &xml[a + 1..b];
        let name = tag
            .trim_end_matches('/')
            .split_whitespace()
            .next()
            .unwrap_or("");
        match name {
            "w:t" => in_t = !tag.ends_with('/'),
            "/w:t" => in_t = false,
            "w:p" => {
                para.clear();
                style.clear();
            }
            "w:pStyle" => {
                if let Some(v) = tag.split("w:val=\"").nth(1) {
                    style = v.split('"').next().unwrap().to_string();
                }
            }
            "w:br" => para.push('\n'),
            "/w:p" => {
                if depth == 0 {
                    out.push(Item::Para {
                        style: style.clone(),
                        text: para.clone(),
                    });
                } else {
                    if !cell.is_empty() {
                        cell.push('\n');
                    }
                    cell.push_str(&para);
                }
                para.clear();
            }
            "w:tbl" => {
                depth += 1;
                rows.clear();
                header.clear();
                borders = false;
            }
            "w:tblBorders" => borders |= !tag.ends_with('/'),
            "w:tr" => {
                rows.push(Vec::new());
                header.push(false);
            }
            "w:tblHeader" => *header.last_mut().unwrap() = true,
            "w:tc" => cell.clear(),
            "/w:tc" => rows.last_mut().unwrap().push(cell.clone()),
            "/w:tbl" => {
                depth -= 1;
                out.push(Item::Table {
                    rows: rows.clone(),
                    header: header.clone(),
                    borders,
                });
            }
            _ => {}
        }
        i = b + 1;
    }
    out
}

fn squash(s: &str) -> String {
    s.nfc().filter(|c| !c.is_whitespace()).collect()
}

/// "1.234" → 1234.
fn int(s: &str) -> u64 {
    s.replace('.', "")
        .parse()
        .unwrap_or_else(|_| panic!("not a count: {s:?}"))
}

/// "85,9%" → 85.9.
fn pct(s: &str) -> f64 {
    s.trim_end_matches('%').replace(',', ".").parse().unwrap()
}

struct Run {
    _dir: tempfile::TempDir,
    out: PathBuf,
    period: String,
}

impl Run {
    fn new(period: &str) -> Run {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        report(period, &out);
        Run {
            _dir: dir,
            out,
            period: period.to_string(),
        }
    }
    fn docx(&self) -> PathBuf {
        self.out.join(format!("bao-cao-pakn-{}.docx", self.period))
    }
    fn pdf(&self) -> PathBuf {
        self.out.join(format!("bao-cao-pakn-{}.pdf", self.period))
    }
    fn summary(&self) -> Value {
        serde_json::from_slice(&std::fs::read(self.out.join("summary.json")).unwrap()).unwrap()
    }
}

#[test]
fn report_writes_the_docx_by_default_and_the_manifest_lists_it() {
    let r = Run::new("2026-05");
    let docx = r.docx();
    assert!(docx.is_file(), "no DOCX written");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(r.out.join("manifest.json")).unwrap()).unwrap();
    let text = manifest.to_string();
    assert!(
        text.contains("bao-cao-pakn-2026-05.docx"),
        "manifest lacks the DOCX: {text}"
    );
    let wd = tempfile::tempdir().unwrap();
    run(&["verify", r.out.to_str().unwrap()], wd.path());
}

#[test]
fn nd30_page_fonts_styles_and_page_numbers() {
    let r = Run::new("2026-05");
    let parts = unzip(&r.docx());
    let doc = part(&parts, "word/document.xml");
    // A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm (in twips).
    assert!(
        doc.contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#),
        "page size"
    );
    let mar = doc.split("<w:pgMar ").nth(1).unwrap();
    let attr = |k: &str| -> i64 {
        mar.split(&format!("w:{k}=\""))
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let mm = |tw: i64| tw as f64 * 25.4 / 1440.0;
    assert!(
        (20.0..=25.0).contains(&mm(attr("top"))),
        "top {}",
        attr("top")
    );
    assert!((20.0..=25.0).contains(&mm(attr("bottom"))));
    assert!((30.0..=35.0).contains(&mm(attr("left"))));
    assert!((15.0..=20.0).contains(&mm(attr("right"))));
    // The header references come first in the section (schema order), the first page has its
    // own (empty) header, and the other pages' header holds a centred PAGE field.
    let sect = doc.split("<w:sectPr>").last().unwrap();
    assert!(sect.starts_with("<w:headerReference"), "{sect}");
    assert!(sect.contains("<w:titlePg />"));
    let header_parts: Vec<String> = parts
        .iter()
        .filter(|(n, _)| n.starts_with("word/header"))
        .map(|(_, b)| String::from_utf8(b.clone()).unwrap())
        .collect();
    assert_eq!(header_parts.len(), 2);
    assert_eq!(
        header_parts
            .iter()
            .filter(|h| h.contains("PAGE") && h.contains(r#"<w:jc w:val="center" />"#))
            .count(),
        1,
        "{header_parts:?}"
    );

    // Times New Roman 13 pt for the body; real heading styles.
    let styles = part(&parts, "word/styles.xml");
    let defaults = styles.split("</w:docDefaults>").next().unwrap();
    assert!(
        defaults.contains(r#"w:ascii="Times New Roman""#),
        "{defaults}"
    );
    assert!(defaults.contains(r#"<w:sz w:val="26" />"#), "{defaults}");
    for (id, name) in [
        ("Heading1", "heading 1"),
        ("Heading2", "heading 2"),
        ("Title", "Title"),
    ] {
        assert!(
            styles.contains(&format!(r#"w:styleId="{id}"><w:name w:val="{name}" />"#)),
            "style {id}"
        );
    }
    let all = items(&doc);
    let styled = |s: &str| -> Vec<String> {
        all.iter()
            .filter_map(|i| match i {
                Item::Para { style, text } if style == s => Some(text.clone()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(
        styled("Heading1"),
        [
            "I. TÌNH HÌNH TIẾP NHẬN",
            "II. KẾT QUẢ XỬ LÝ",
            "III. ĐÁNH GIÁ THEO BỘ TIÊU CHÍ \"CÔNG SỞ THÂN THIỆN\"",
            "IV. TỒN TẠI, HẠN CHẾ VÀ KIẾN NGHỊ"
        ]
    );
    // Numbered sub-headings, and section III's one unnumbered: the scorecard trend's ranking.
    let ranking = "Xếp hạng các đơn vị và thay đổi so với kỳ trước";
    let subs = styled("Heading2");
    assert_eq!(subs.iter().filter(|s| *s == ranking).count(), 1, "{subs:?}");
    assert!(
        subs.iter()
            .filter(|s| *s != ranking)
            .all(|s| s.chars().next().unwrap().is_ascii_digit()),
        "{subs:?}"
    );
    assert_eq!(styled("Title")[0], "BÁO CÁO");
}

#[test]
fn header_block_tables_and_figures_equal_summary_json() {
    let r = Run::new("2026-05");
    let summary = r.summary();
    let parts = unzip(&r.docx());
    let all = items(&part(&parts, "word/document.xml"));
    let tables: Vec<(&Vec<Vec<String>>, &Vec<bool>, bool)> = all
        .iter()
        .filter_map(|i| match i {
            Item::Table {
                rows,
                header,
                borders,
            } => Some((rows, header, *borders)),
            _ => None,
        })
        .collect();
    // First: the header block, borderless, agency on the left, Quốc hiệu – Tiêu ngữ on the right.
    let (head, _, head_borders) = tables[0];
    assert!(
        !head_borders || {
            let doc = part(&parts, "word/document.xml");
            let first = doc.split("<w:tbl>").nth(1).unwrap();
            let b = first.split("</w:tblBorders>").next().unwrap();
            !b.contains("w:val=\"single\"")
        }
    );
    assert!(head[0][0].contains("UBND THÀNH PHỐ HẢI PHÒNG"), "{head:?}");
    assert!(head[0][0].contains("BAN QUẢN LÝ KHU"));
    assert!(head[0][1].contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(head[0][1].contains("Độc lập - Tự do - Hạnh phúc"));
    assert!(head[1][0].starts_with("Số:"), "{head:?}");
    assert_eq!(head[1][1], "Hải Phòng, ngày 28 tháng 11 năm 2026");
    // After the body: Nơi nhận beside the signature block, then the annex's one criteria table
    // per department (SPEC §6).
    let departments = summary["scorecard"]["by_department"].as_array().unwrap();
    assert!(!departments.is_empty());
    let sig_at = tables.len() - 1 - departments.len();
    let (sig, _, _) = tables[sig_at];
    assert!(sig[0][0].starts_with("Nơi nhận:"), "{sig:?}");
    assert!(sig[0][1].contains("KT. TRƯỞNG BAN"), "{sig:?}");
    for ((card, _, _), d) in tables[sig_at + 1..].iter().zip(departments) {
        let total = card.last().unwrap();
        assert_eq!(total[1], "Tổng cộng", "{card:?}");
        let points = d["points"].as_f64().unwrap();
        let shown: f64 = total[2].replace(',', ".").parse().unwrap();
        assert!((shown - points).abs() < 0.051, "{card:?} vs {points}");
    }

    // Section III's ranking: one row per department and the agency's row.
    let (ranking, _, _) = tables[1..sig_at]
        .iter()
        .find(|(rows, _, _)| rows[0][0] == "Hạng")
        .expect("ranking table");
    assert_eq!(ranking.len(), 1 + departments.len() + 1, "{ranking:?}");
    assert_eq!(ranking.last().unwrap()[1], "Toàn cơ quan");

    // Data tables: exactly the first row repeats as a header, every row has the header's width.
    let data: Vec<_> = tables[1..sig_at]
        .iter()
        .chain(&tables[sig_at + 1..])
        .collect();
    assert!(data.len() >= 5, "{}", data.len());
    for (rows, header, _) in &data {
        assert!(header[0], "header row not repeated: {:?}", rows[0]);
        assert!(header[1..].iter().all(|h| !h), "{:?}", rows[0]);
        assert!(rows.iter().all(|r| r.len() == rows[0].len()), "{rows:?}");
    }
    // Table 1 (by kind): the total row is summary.json's totals, in Vietnamese number format.
    let (kind, _, _) = data[0];
    assert_eq!(kind[0][0], "Loại vụ việc");
    let total = kind
        .iter()
        .find(|r| r[0] == "Tổng cộng")
        .expect("total row");
    let t = &summary["totals"];
    let n = |k: &str| t[k].as_u64().unwrap();
    assert_eq!(int(&total[1]), n("received"));
    assert_eq!(int(&total[2]), n("to_handle"));
    assert_eq!(int(&total[3]), n("resolved"));
    assert_eq!(int(&total[4]), n("resolved_on_time"));
    assert_eq!(int(&total[5]), n("resolved_late"));
    assert_eq!(int(&total[6]), n("pending_overdue"));
    let rate = t["on_time_rate"].as_f64().unwrap() * 100.0;
    assert!(
        (pct(&total[7]) - rate).abs() < 0.051,
        "{} vs {rate}",
        total[7]
    );
    // Each kind row is that kind's figures.
    for k in summary["by_kind"].as_array().unwrap() {
        let label = k["label"].as_str().unwrap();
        let row = kind
            .iter()
            .find(|r| r[0] == label)
            .unwrap_or_else(|| panic!("no row for {label}"));
        assert_eq!(int(&row[1]), k["received"].as_u64().unwrap(), "{label}");
        assert_eq!(int(&row[3]), k["resolved"].as_u64().unwrap(), "{label}");
    }
    // The body says the received count as the PDF does.
    let received = format!("tiếp nhận {} vụ việc", n("received"));
    assert!(
        all.iter()
            .any(|i| matches!(i, Item::Para { text, .. } if text.contains(&received))),
        "no paragraph says {received:?}"
    );

    // Charts are pictures: three bar charts, the agency's twelve periods and one line per
    // department in the annex, each a PNG file referenced from the body.
    let charts = 4 + departments.len();
    let pngs: Vec<&(String, Vec<u8>)> = parts
        .iter()
        .filter(|(n, _)| n.starts_with("word/media/") && n.ends_with(".png"))
        .collect();
    assert_eq!(pngs.len(), charts, "charts");
    for (_, b) in &pngs {
        assert!(b.starts_with(b"\x89PNG\r\n\x1a\n"));
    }
    assert_eq!(
        part(&parts, "word/document.xml")
            .matches("<pic:pic")
            .count(),
        charts
    );
}

/// The two backends never diverge: every paragraph and table cell of the DOCX is in the PDF's
/// text, and the body paragraphs come in the same order (whitespace and page numbers aside; the
/// PDF's chart labels and repeated header rows have no counterpart in the DOCX's text).
#[test]
fn docx_text_equals_the_pdf_text() {
    assert!(
        Command::new("pdftotext").arg("-v").output().is_ok(),
        "pdftotext (poppler-utils) is needed for this test"
    );
    for period in ["2026-05", "2026-Q2", "2025"] {
        let r = Run::new(period);
        let out = Command::new("pdftotext")
            .arg(r.pdf())
            .arg("-")
            .output()
            .unwrap();
        assert!(out.status.success());
        // Page numbers aside: each page after the first starts with its number.
        let text = String::from_utf8(out.stdout).unwrap();
        let pages: Vec<String> = text
            .split('\x0c')
            .enumerate()
            .map(|(i, page)| {
                let number = (i + 1).to_string();
                let mut lines = page.lines().skip_while(|l| l.trim().is_empty()).peekable();
                if i > 0 && lines.peek().map(|l| l.trim()) == Some(number.as_str()) {
                    lines.next();
                }
                lines.collect::<Vec<_>>().join("\n")
            })
            .collect();
        let pdf = squash(&pages.join("\n"));
        let parts = unzip(&r.docx());
        let all = items(&part(&parts, "word/document.xml"));
        let mut at = 0;
        let mut paragraphs = 0;
        for i in &all {
            match i {
                Item::Para { text, style } => {
                    let s = squash(text);
                    if s.is_empty() {
                        continue;
                    }
                    let found = pdf[at..].find(&s).unwrap_or_else(|| {
                        panic!(
                            "{period}: paragraph ({style}) not in the PDF after byte {at}: {text}"
                        )
                    });
                    at += found + s.len();
                    paragraphs += 1;
                }
                Item::Table { rows, .. } => {
                    // Cells word by word: pdftotext may put the two header columns' lines in
                    // either order.
                    for c in rows.iter().flatten() {
                        for w in c.split_whitespace() {
                            assert!(
                                pdf.contains(&squash(w)),
                                "{period}: table cell not in the PDF: {c:?}"
                            );
                        }
                    }
                }
            }
        }
        assert!(paragraphs > 30, "{period}: {paragraphs} paragraphs");
    }
}

#[test]
fn same_inputs_give_the_same_bytes() {
    let a = Run::new("2026-05");
    let b = Run::new("2026-05");
    let (x, y) = (
        std::fs::read(a.docx()).unwrap(),
        std::fs::read(b.docx()).unwrap(),
    );
    assert!(x == y, "two runs wrote different DOCX files");
    // The document's dates are the report's date, not the time of the run.
    let core = part(&unzip(&a.docx()), "docProps/core.xml");
    assert!(core.contains("2026-11-28T00:00:00Z"), "{core}");
    assert!(
        core.contains("<dc:creator>BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG</dc:creator>"),
        "{core}"
    );
}

#[test]
fn asking_only_for_the_other_formats_writes_no_docx() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let config = root().join("sample-data/pakn-report.toml");
    run(
        &[
            "report",
            "--period",
            "2026-05",
            "--config",
            config.to_str().unwrap(),
            "--as-of",
            AS_OF,
            "--format",
            "pdf,json",
            "--out",
            out.to_str().unwrap(),
        ],
        &root(),
    );
    assert!(!out.join("bao-cao-pakn-2026-05.docx").exists());
    assert!(out.join("bao-cao-pakn-2026-05.pdf").exists());
}
