//! The pipeline's guarantees to a cron job (SPEC §7 "one set", §2, §9): a run that fails at any
//! point replaces nothing, and `validate` fails with the same message on every file `report`
//! loads; the small things a user hits at a shell (a closed pipe, the value lists of `--help`, no
//! INPUT outside the source folder).

use crate::common::{AS_OF, Run, Workdir};

/// A small register and a complete report set of it in `out` (every format).
fn workdir_with_a_report() -> Workdir {
    let wd = Workdir::new();
    wd.run(&[
        "sample",
        "--cases",
        "300",
        "--seed",
        "5",
        "--from",
        "2026-01-01",
        "--to",
        "2026-06-30",
        "--out",
        "reg.csv",
    ])
    .assert_code(0);
    full_report(&wd, "out", None).assert_code(0);
    wd
}

fn full_report(wd: &Workdir, out: &str, config: Option<&str>) -> Run {
    let mut args = vec![
        "report", "reg.csv", "--period", "2026-05", "--as-of", AS_OF, "--out", out,
    ];
    if let Some(c) = config {
        args.extend(["--config", c]);
    }
    wd.run(&args)
}

/// Every file of a folder, by name, with its bytes.
fn snapshot(wd: &Workdir, dir: &str) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(wd.path().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// The one error line of a failed run.
fn error_line(run: &Run) -> String {
    run.stderr
        .lines()
        .find(|l| l.starts_with("lỗi (error):"))
        .unwrap_or_else(|| panic!("no error line in:\n{}", run.stderr))
        .to_string()
}

/// Each broken file `report` loads besides the inputs: the config line that names it, the file,
/// and a fragment its error message must hold.
const BROKEN: &[(&str, &str, &str, &str)] = &[
    (
        "font",
        "[agency]\nfont_file = \"khong-co.ttf\"\n",
        "",
        "khong-co.ttf",
    ),
    (
        "font that is not a font",
        "[agency]\nfont_file = \"phong.ttf\"\n",
        "phong.ttf:not a font at all",
        "phong.ttf",
    ),
    (
        "criteria",
        "[scorecard]\ncriteria_file = \"tieu-chi.toml\"\n",
        "tieu-chi.toml:[[criterion]]\nid = 1\n",
        "tieu-chi.toml",
    ),
    (
        "form layouts",
        "[forms]\nlayouts_file = \"bieu-mau.toml\"\n",
        "bieu-mau.toml:[workbook\n",
        "bieu-mau.toml",
    ),
    (
        "deadline rules",
        "[deadlines]\nrules_file = \"thoi-han.toml\"\n",
        "thoi-han.toml:[[rule]]\nfrom = \"2025-01-01\"\nkinds = [\"khong_ro\"]\nworking_days = 10\n",
        "thoi-han.toml",
    ),
    (
        "holiday table",
        "[holidays.2026]\noff = [\"31/13\"]\n",
        "",
        "2026",
    ),
    ("config", "[agency\nname = \"X\"\n", "", "cfg.toml"),
    (
        "report wording",
        "[templates]\nreport_file = \"bc.toml\"\n",
        "bc.toml:khoa_la = 1\n",
        "bc.toml",
    ),
    (
        "workbook wording",
        "[templates]\nworkbook_file = \"bt.toml\"\n",
        "bt.toml:[sheets\n",
        "bt.toml",
    ),
];

/// SPEC §7: a failure at any output replaces nothing; the previous set still passes `verify`; and
/// `validate` fails on the same file with the same message as `report`.
#[test]
fn a_broken_file_fails_validate_and_report_alike_and_replaces_nothing() {
    let wd = workdir_with_a_report();
    let before = snapshot(&wd, "out");
    assert_eq!(before.len(), 6, "{:?}", names(&before));
    for (what, cfg, extra, fragment) in BROKEN {
        wd.write("cfg.toml", cfg);
        if let Some((name, text)) = extra.split_once(':') {
            wd.write(name, text);
        }
        let v = wd.run(&["validate", "reg.csv", "--config", "cfg.toml"]);
        v.assert_code(1);
        let r = full_report(&wd, "out", Some("cfg.toml"));
        r.assert_code(1);
        let (v_line, r_line) = (error_line(&v), error_line(&r));
        assert_eq!(
            v_line, r_line,
            "{what}: validate and report say different things"
        );
        assert!(r_line.contains(fragment), "{what}: {r_line}");
        assert_eq!(r.stderr.lines().count(), 1, "{what}: {}", r.stderr);
        assert_eq!(
            snapshot(&wd, "out"),
            before,
            "{what}: the previous set was touched"
        );
        wd.run(&["verify", "out", "reg.csv"]).assert_code(0);
    }
}

/// A failure while writing (here: a folder where an output goes) replaces nothing either: the
/// files already rendered are not renamed into place, no temporary file is left behind.
#[test]
fn a_failure_while_writing_replaces_nothing() {
    let wd = workdir_with_a_report();
    // A set without summary.json, then a folder in its place.
    let run = wd.run(&[
        "report", "reg.csv", "--period", "2026-05", "--as-of", AS_OF, "--out", "b", "--format",
        "xlsx,pdf",
    ]);
    run.assert_code(0);
    wd.mkdir("b/summary.json");
    let before = snapshot(&wd, "b");
    let r = full_report(&wd, "b", None);
    r.assert_code(1);
    assert!(error_line(&r).contains("summary.json"), "{}", r.stderr);
    assert_eq!(snapshot(&wd, "b"), before, "the previous set was touched");
    wd.run(&["verify", "b"]).assert_code(0);
    // An output folder that cannot be created.
    wd.write("tep", "x");
    let r = full_report(&wd, "tep/out", None);
    r.assert_code(1);
    assert!(error_line(&r).contains("tep"), "{}", r.stderr);
}

/// A successful run replaces the whole set; the manifest lists exactly the files it wrote.
#[test]
fn a_new_run_replaces_the_set_and_the_manifest_lists_it() {
    let wd = workdir_with_a_report();
    let run = wd.run(&[
        "report",
        "reg.csv",
        "--period",
        "2026-05",
        "--as-of",
        "2026-11-30",
        "--out",
        "out",
        "--format",
        "json,pdf",
    ]);
    run.assert_code(0);
    let manifest: serde_json::Value = serde_json::from_str(&wd.read("out/manifest.json")).unwrap();
    let listed: Vec<&str> = manifest["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ["summary.json", "bao-cao-pakn-2026-05.pdf"]);
    assert_eq!(manifest["as_of"], "2026-11-30");
    wd.run(&["verify", "out"]).assert_code(0);
    assert!(
        snapshot(&wd, "out")
            .iter()
            .all(|(n, _)| !n.ends_with(".tmp")),
        "a temporary file was left"
    );
}

fn names(files: &[(String, Vec<u8>)]) -> Vec<&str> {
    files.iter().map(|(n, _)| n.as_str()).collect()
}

/// `validate --json | head -1`: the reader goes away; the command stops quietly with exit 0.
#[test]
fn a_closed_pipe_ends_quietly() {
    let wd = Workdir::new();
    wd.run(&[
        "sample",
        "--cases",
        "3000",
        "--bad-rows",
        "400",
        "--out",
        "reg.csv",
    ])
    .assert_code(0);
    let mut child = std::process::Command::new(crate::common::BIN)
        .args(["validate", "--json", "reg.csv"])
        .current_dir(wd.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close the pipe.
    {
        use std::io::BufRead;
        let stdout = child.stdout.take().unwrap();
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "{");
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("lỗi"), "{stderr}");
}

/// `--help` lists the values of `--format` and `--style`; a value outside them is a usage error
/// that lists them.
#[test]
fn value_lists_are_in_help_and_errors() {
    let wd = Workdir::new();
    let help = wd.run(&["report", "--help"]);
    help.assert_code(0);
    for v in ["xlsx", "pdf", "json"] {
        assert!(help.stdout.contains(v), "{v}: {}", help.stdout);
    }
    let r = wd.run(&["report", "--period", "2026-05", "--format", "xlsx,odt"]);
    r.assert_code(2);
    assert!(
        r.stderr.contains("odt") && r.stderr.contains("pdf"),
        "{}",
        r.stderr
    );
    let r = wd.run(&[
        "sample", "--cases", "3", "--style", "zalo", "--out", "x.csv",
    ]);
    r.assert_code(2);
    assert!(r.stderr.contains("facebook"), "{}", r.stderr);
    // period.mode in a config is one of its values too.
    wd.write("cfg.toml", "[period]\nmode = \"tuan\"\n");
    let r = wd.run(&["validate", "--config", "cfg.toml"]);
    r.assert_code(1);
    assert!(
        r.stderr.contains("cfg.toml") && r.stderr.contains("calendar"),
        "{}",
        r.stderr
    );
}

/// The README's usage block names every command and flag `--help` has, and no other.
#[test]
fn readme_usage_matches_help() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let start = readme.find("\npakn-report report").expect("usage block");
    let block = &readme[start..start + readme[start..].find("```").unwrap()];
    let wd = Workdir::new();
    let top = wd.run(&["--help"]);
    let commands: Vec<String> = top
        .stdout
        .split("Commands:")
        .nth(1)
        .unwrap()
        .split("Options:")
        .next()
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect();
    assert!(commands.len() >= 5, "{commands:?}");
    for c in &commands {
        let at = block
            .find(&format!("pakn-report {c} "))
            .unwrap_or_else(|| panic!("README usage lacks `{c}`"));
        // The lines of this command: up to the next "pakn-report ".
        let rest = &block[at + 1..];
        let usage = &rest[..rest.find("pakn-report ").unwrap_or(rest.len())];
        let help = wd.run(&[c, "--help"]);
        help.assert_code(0);
        let flags = |text: &str| -> Vec<String> {
            let mut v: Vec<String> = text
                .split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '-'))
                .filter(|w| w.starts_with("--") && w.len() > 2)
                .map(str::to_string)
                .filter(|w| w != "--help" && w != "--quiet" && w != "--verbose")
                .collect();
            v.sort();
            v.dedup();
            v
        };
        assert_eq!(
            flags(usage),
            flags(&help.stdout),
            "README usage of `{c}` and its --help differ"
        );
    }
}

/// With no INPUT and no sample-data/ in the folder (an installed binary), the built-in sample
/// register is read: the same accounting as the shipped folder.
#[test]
fn no_input_outside_the_source_folder_reads_the_built_in_sample() {
    let wd = Workdir::new();
    let run = wd.run(&["validate", "--json"]);
    run.assert_code(0);
    let v = run.json();
    assert_eq!(v["rows_read"], 3021, "{v}");
    assert_eq!(v["accepted"], 3000);
    assert!(run.stderr.contains("sổ mẫu"), "{}", run.stderr);
}

/// `[templates]`: an edited copy of the wording reaches the PDF, the DOCX and the workbook; a
/// placeholder the renderer does not fill at that key fails `validate` and `report` alike, naming
/// the file, the line, the key and the placeholders allowed there.
#[test]
fn edited_wording_reaches_every_output_and_a_wrong_placeholder_is_named() {
    let wd = workdir_with_a_report();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("report-templates");
    let bc = std::fs::read_to_string(root.join("bao-cao.toml")).unwrap();
    let bt = std::fs::read_to_string(root.join("bang-tinh.toml")).unwrap();
    let from = "Trong kỳ, Ban tiếp nhận {received} vụ việc";
    assert!(bc.contains(from));
    wd.write(
        "bc.toml",
        bc.replace(
            from,
            "Trong kỳ này, Ban đã tiếp nhận tổng cộng {received} vụ việc",
        ),
    );
    let title = "title = \"Báo cáo PAKN, KNTC — {period_label}\"";
    assert!(bt.contains(title));
    wd.write(
        "bt.toml",
        bt.replace(title, "title = \"BÁO CÁO ĐÃ SỬA — {period_label}\""),
    );
    wd.write(
        "cfg.toml",
        "[templates]\nreport_file = \"bc.toml\"\nworkbook_file = \"bt.toml\"\n",
    );
    wd.run(&["validate", "reg.csv", "--config", "cfg.toml"])
        .assert_code(0);
    full_report(&wd, "sua", Some("cfg.toml")).assert_code(0);
    let files = snapshot(&wd, "sua");
    let part = |ext: &str, inner: &str| -> String {
        let (_, bytes) = files
            .iter()
            .find(|(n, _)| n.starts_with("bao-cao") && n.ends_with(ext))
            .unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(inner).unwrap(), &mut s).unwrap();
        s
    };
    assert!(part(".docx", "word/document.xml").contains("Ban đã tiếp nhận tổng cộng"));
    assert!(part(".xlsx", "docProps/core.xml").contains("BÁO CÁO ĐÃ SỬA — Tháng 5/2026"));
    crate::pdf::poppler();
    let pdf = wd
        .path()
        .join("sua")
        .join(&files.iter().find(|(n, _)| n.ends_with(".pdf")).unwrap().0);
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("Ban đã tiếp nhận tổng cộng"), "{text}");

    // A placeholder that key does not have.
    wd.write(
        "bc.toml",
        bc.replace(from, "Trong kỳ, Ban tiếp nhận {so_vu} vụ việc"),
    );
    let line = bc.lines().position(|l| l.contains(from)).unwrap() + 1;
    let v = wd.run(&["validate", "reg.csv", "--config", "cfg.toml"]);
    v.assert_code(1);
    let r = full_report(&wd, "sua", Some("cfg.toml"));
    r.assert_code(1);
    assert_eq!(error_line(&v), error_line(&r));
    let e = error_line(&r);
    for part in [
        "bc.toml",
        &format!("dòng {line}"),
        "receipt.volume",
        "{so_vu}",
        "{received}",
    ] {
        assert!(e.contains(part), "{part} not in {e}");
    }
}
