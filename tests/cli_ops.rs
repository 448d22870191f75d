//! Cron-grade behaviour of `report` and `verify` (SPEC §7, §9): reproducible outputs, the manifest,
//! atomic replacement under kill, concurrent runs on one folder.

use crate::common::output as run;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pakn-report"))
}

fn sample(dir: &Path, cases: &str) -> PathBuf {
    let out = run(
        &[
            "sample", "--cases", cases, "--seed", "11", "--out", "reg.csv",
        ],
        dir,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join("reg.csv")
}

const FORMATS: &str = "json";

fn report(dir: &Path, out: &str, as_of: &str) -> Output {
    run(
        &[
            "report", "reg.csv", "--period", "2026-05", "--as-of", as_of, "--format", FORMATS,
            "--out", out,
        ],
        dir,
    )
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
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
}

#[test]
fn same_inputs_give_byte_identical_outputs_and_the_manifest_verifies() {
    let d = tempfile::tempdir().unwrap();
    sample(d.path(), "800");
    assert!(report(d.path(), "a", "2026-11-28").status.success());
    assert!(report(d.path(), "b", "2026-11-28").status.success());
    let (a, b) = (files(&d.path().join("a")), files(&d.path().join("b")));
    assert_eq!(a, b, "two runs differ");
    let names: Vec<&str> = a.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"summary.json") && names.contains(&"manifest.json"));
    // No temporary file is left behind.
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");

    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("a/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["as_of"], "2026-11-28");
    assert_eq!(manifest["period"]["label"], "Tháng 5/2026");
    assert_eq!(manifest["inputs"][0]["name"], "reg.csv");
    assert_eq!(
        manifest["inputs"][0]["size"].as_u64().unwrap(),
        std::fs::metadata(d.path().join("reg.csv")).unwrap().len()
    );

    let ok = run(&["verify", "a", "reg.csv"], d.path());
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(stdout.contains("KHỚP\tsummary.json"), "{stdout}");
    assert!(stdout.contains("KHỚP\treg.csv"), "{stdout}");

    // Tamper with an output: verify names it and exits 1.
    let p = d.path().join("a/summary.json");
    let mut bytes = std::fs::read(&p).unwrap();
    bytes.extend_from_slice(b" ");
    std::fs::write(&p, bytes).unwrap();
    let bad = run(&["verify", "a"], d.path());
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("summary.json"), "{err}");
    assert!(String::from_utf8_lossy(&bad.stdout).contains("ĐÃ THAY ĐỔI\tsummary.json"));
    // A missing output is named too.
    std::fs::remove_file(&p).unwrap();
    let missing = run(&["verify", "a"], d.path());
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stdout).contains("THIẾU\tsummary.json"));
}

#[test]
fn a_killed_run_leaves_the_previous_or_the_new_complete_reports() {
    let d = tempfile::tempdir().unwrap();
    sample(d.path(), "20000");
    // The previous month's complete reports, and what a complete new run writes.
    assert!(report(d.path(), "out", "2026-11-27").status.success());
    let before = files(&d.path().join("out"));
    assert!(report(d.path(), "ref", "2026-11-28").status.success());
    let after = files(&d.path().join("ref"));
    assert_ne!(before, after, "the two runs must differ (manifest as_of)");
    for delay_ms in [1u64, 10, 40, 80, 150, 300, 600] {
        let mut child = bin()
            .args([
                "report",
                "reg.csv",
                "--period",
                "2026-05",
                "--as-of",
                "2026-11-28",
                "--format",
                FORMATS,
                "--out",
                "out",
            ])
            .current_dir(d.path())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        for (name, bytes) in files(&d.path().join("out")) {
            if name.ends_with(".tmp") {
                continue; // a killed run may leave its temporary file; never a final name
            }
            let old = before.iter().find(|(n, _)| *n == name).map(|(_, b)| b);
            let new = after.iter().find(|(n, _)| *n == name).map(|(_, b)| b);
            assert!(
                Some(&bytes) == old || Some(&bytes) == new,
                "{name} is neither the previous nor the new complete file after a kill at {delay_ms} ms"
            );
        }
    }
}

#[test]
fn concurrent_runs_on_one_folder_do_not_corrupt_each_other() {
    let d = tempfile::tempdir().unwrap();
    sample(d.path(), "5000");
    assert!(report(d.path(), "ref", "2026-11-28").status.success());
    let reference = files(&d.path().join("ref"));
    let children: Vec<_> = (0..3)
        .map(|_| {
            bin()
                .args([
                    "report",
                    "reg.csv",
                    "--period",
                    "2026-05",
                    "--as-of",
                    "2026-11-28",
                    "--format",
                    FORMATS,
                    "--out",
                    "out",
                ])
                .current_dir(d.path())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    assert_eq!(files(&d.path().join("out")), reference);
}
