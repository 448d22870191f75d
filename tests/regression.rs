//! One test per fixed bug, in the order they were fixed; each says what broke. A bug fixed later
//! gets its test here, named after what the user saw.

use crate::common::{AS_OF, Workdir};

fn register(wd: &Workdir) {
    wd.run(&[
        "sample",
        "--cases",
        "200",
        "--seed",
        "9",
        "--from",
        "2026-04-01",
        "--to",
        "2026-05-31",
        "--out",
        "reg.csv",
    ])
    .assert_code(0);
}

fn report(wd: &Workdir, config: Option<&str>) -> crate::common::Run {
    let mut args = vec![
        "report", "reg.csv", "--period", "2026-05", "--as-of", AS_OF, "--out", "out",
    ];
    if let Some(c) = config {
        args.extend(["--config", c]);
    }
    wd.run(&args)
}

/// Broke: with `[agency] font_file` pointing to a missing file, `report` exited 1 after it had
/// already replaced the two workbooks; the folder mixed new workbooks, the old PDF and a stale
/// manifest, and `verify` failed on it.
#[test]
fn a_missing_font_leaves_the_previous_set_whole() {
    let wd = Workdir::new();
    register(&wd);
    report(&wd, None).assert_code(0);
    let before: Vec<(String, Vec<u8>)> = {
        let mut v: Vec<_> = std::fs::read_dir(wd.path().join("out"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    wd.write("cfg.toml", "[agency]\nfont_file = \"khong-co.ttf\"\n");
    let run = report(&wd, Some("cfg.toml"));
    run.assert_code(1);
    assert!(run.stderr.contains("khong-co.ttf"), "{}", run.stderr);
    for (name, bytes) in &before {
        assert_eq!(
            &std::fs::read(wd.path().join("out").join(name)).unwrap(),
            bytes,
            "{name} changed"
        );
    }
    wd.run(&["verify", "out"]).assert_code(0);
}

/// Broke: `validate` read the inputs only, so a deadline rules file with an unknown kind passed
/// `validate` and then failed the cron run.
#[test]
fn validate_reads_the_deadline_rules_report_reads() {
    let wd = Workdir::new();
    register(&wd);
    wd.write(
        "thoi-han.toml",
        "response_working_days = 10\n[[rule]]\nkinds = [\"khong_ro\"]\nfrom = \"2025-01-01\"\nworking_days = 10\n",
    );
    wd.write("cfg.toml", "[deadlines]\nrules_file = \"thoi-han.toml\"\n");
    let v = wd.run(&["validate", "reg.csv", "--config", "cfg.toml"]);
    v.assert_code(1);
    assert!(
        v.stderr.contains("thoi-han.toml") && v.stderr.contains("khong_ro"),
        "{}",
        v.stderr
    );
}

/// Broke: a config value equal to the default could not override a rules file — the reply term
/// was taken from the config only when it differed from 10, so `response_working_days = 10` in
/// the config left a rules file's 15 in force.
#[test]
fn a_config_value_equal_to_the_default_still_overrides_the_rules_file() {
    let wd = Workdir::new();
    register(&wd);
    let shipped = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("report-templates/deadlines.toml"),
    )
    .unwrap();
    let fifteen = shipped.replace("response_working_days = 10", "response_working_days = 15");
    assert_ne!(fifteen, shipped);
    wd.write("thoi-han.toml", fifteen);
    wd.write(
        "rules15.toml",
        "[deadlines]\nrules_file = \"thoi-han.toml\"\n",
    );
    wd.write(
        "rules15-config10.toml",
        "[deadlines]\nrules_file = \"thoi-han.toml\"\nresponse_working_days = 10\n",
    );
    let late = |cfg: Option<&str>| {
        let mut args = vec![
            "report", "reg.csv", "--period", "2026-05", "--as-of", AS_OF, "--format", "json",
        ];
        let out = format!("out-{}", cfg.unwrap_or("none"));
        args.extend(["--out", &out]);
        if let Some(c) = cfg {
            args.extend(["--config", c]);
        }
        wd.run(&args).assert_code(0);
        wd.summary(&out)["totals"]["response_on_time"].clone()
    };
    let shipped10 = late(None);
    let rules15 = late(Some("rules15.toml"));
    let config10 = late(Some("rules15-config10.toml"));
    assert_ne!(
        shipped10, rules15,
        "the rules file's 15 days change the late replies"
    );
    assert_eq!(
        config10, shipped10,
        "the config's 10 days override the rules file's 15"
    );
}

/// The glossary (`docs/FIGURES.md`) names every figure of the registry, as qsv's glossary names
/// its commands: a figure added without its definition fails here.
#[test]
fn the_glossary_names_every_figure() {
    let glossary = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/FIGURES.md"),
    )
    .unwrap();
    let words = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("report-templates/chi-tieu.toml"),
    )
    .unwrap();
    let names: Vec<&str> = words
        .lines()
        .filter_map(|l| l.strip_prefix('[')?.strip_suffix(']'))
        .map(|n| n.trim_matches('"'))
        .collect();
    assert!(names.len() > 20, "{names:?}");
    let missing: Vec<&&str> = names
        .iter()
        .filter(|n| {
            let base = n.split('.').next().unwrap();
            !glossary.contains(&format!("`{n}`")) && !glossary.contains(&format!("`{base}`"))
        })
        .collect();
    assert!(missing.is_empty(), "docs/FIGURES.md lacks {missing:?}");
}

/// Broke: the report listed departments with equal scorecard shares in byte order of their names
/// ("Phòng Quản lý Quy hoạch…" before "Phòng Quản lý Đầu tư", since Đ sorts after Q in Unicode)
/// while the workbook used Vietnamese alphabetical order (Đ after D). Both now use the
/// scorecard's one ranking.
#[test]
fn tied_departments_are_listed_in_vietnamese_order_in_the_report() {
    let wd = Workdir::new();
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let cfg = sample.join("pakn-report.toml");
    wd.run(&[
        "report",
        sample.to_str().unwrap(),
        "--config",
        cfg.to_str().unwrap(),
        "--period",
        "2026-05",
        "--as-of",
        AS_OF,
        "--format",
        "pdf,json",
        "--out",
        "out",
    ])
    .assert_code(0);
    // The two departments tie on the sample (31 of 90 points).
    let s = wd.summary("out");
    let points = |k: &str| {
        s["scorecard"]["by_department"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["key"] == k)
            .map(|d| d["points"].clone())
            .unwrap()
    };
    let (dt, qh) = (
        "Phòng Quản lý Đầu tư",
        "Phòng Quản lý Quy hoạch và Xây dựng",
    );
    assert_eq!(points(dt), points(qh), "the sample's tie");
    crate::pdf::poppler();
    let pdf = std::fs::read_dir(wd.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text: String = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // The worst-first sentence of section III: "Name (points/max điểm, rating)".
    let at = |name: &str| {
        let p = s["scorecard"]["by_department"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["key"] == name)
            .unwrap()
            .clone();
        let needle = format!("{name} ({}/{} điểm", p["points"], p["max_points"]);
        text.find(&needle)
            .unwrap_or_else(|| panic!("{needle} not in the report"))
    };
    assert!(at(dt) < at(qh), "Đầu tư must come before Quy hoạch");
}
