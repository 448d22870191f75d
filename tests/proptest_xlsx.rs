//! Hostile workbooks never panic the reader: random bytes named .xlsx, and valid workbooks with
//! random bytes flipped or cut (a bounded number of cases, so it runs in CI).

use std::path::Path;
use std::process::Command;

use proptest::prelude::*;

fn validate(dir: &Path, file: &str) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pakn-report"))
        .args(["validate", file, "--json"])
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A small valid register workbook, made once per process.
fn valid_workbook() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| {
        let d = tempfile::tempdir().unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_pakn-report"))
            .args(["sample", "--cases", "40", "--seed", "5", "--bad-rows", "3"])
            .args(["--out", "ok.xlsx"])
            .current_dir(d.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        std::fs::read(d.path().join("ok.xlsx")).unwrap()
    })
}

fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("w.xlsx"), bytes).unwrap();
    let (code, stderr) = validate(d.path(), "w.xlsx");
    prop_assert!(!stderr.contains("panicked"), "{}", stderr);
    prop_assert!(!stderr.contains("lỗi nội bộ"), "{}", stderr);
    prop_assert!(code == 0 || code == 1, "exit {} — {}", code, stderr);
    if code == 1 {
        prop_assert!(stderr.starts_with("lỗi (error): w.xlsx"), "{}", stderr);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(fuzz_cases(48)))]

    #[test]
    fn random_bytes_as_workbook(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        check(&bytes)?;
    }

    #[test]
    fn flipped_bytes_in_a_valid_workbook(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16)
    ) {
        let mut bytes = valid_workbook().to_vec();
        for (i, b) in flips {
            let at = i.index(bytes.len());
            bytes[at] ^= b | 1;
        }
        check(&bytes)?;
    }

    #[test]
    fn cut_valid_workbook(keep in any::<prop::sample::Index>()) {
        let bytes = valid_workbook();
        check(&bytes[..keep.index(bytes.len())])?;
    }
}

/// Cases per property: bounded for CI; `PAKN_FUZZ_CASES=N` runs more (e.g. before a release).
fn fuzz_cases(default: u32) -> u32 {
    std::env::var("PAKN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
