//! Shared helpers of the integration tests, in the style of xsv's test suite: every test runs the
//! real `pakn-report` binary in its own temporary folder, on fixture files written there, and
//! checks its exact output and exit status.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_pakn-report");

/// The reporting date used by every `report` run, so that results never depend on today.
pub const AS_OF: &str = "2026-11-28";

/// Runs the binary in `dir` and returns what it did, whatever the exit status.
pub fn output(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run pakn-report")
}

/// Runs the binary in `dir` and fails the test unless it exits 0.
pub fn run_ok(args: &[&str], dir: &Path) -> std::process::Output {
    let out = output(args, dir);
    assert!(
        out.status.success(),
        "pakn-report {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A temporary working folder; removed when dropped.
pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Default for Workdir {
    fn default() -> Self {
        Self::new()
    }
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::Builder::new()
                .prefix("pakn-test-")
                .tempdir()
                .expect("create a temporary folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating its parent folders) and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent folder");
        }
        std::fs::write(&path, contents).expect("write fixture");
        path
    }

    /// Copies a file of `tests/fixtures/` into the folder under the same name.
    pub fn fixture(&self, name: &str) -> PathBuf {
        let src = fixtures_dir().join(name);
        let bytes =
            std::fs::read(&src).unwrap_or_else(|e| panic!("read fixture {}: {e}", src.display()));
        self.write(name, bytes)
    }

    pub fn mkdir(&self, name: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::create_dir_all(&path).expect("create folder");
        path
    }

    pub fn read(&self, name: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    pub fn exists(&self, name: &str) -> bool {
        self.dir.path().join(name).exists()
    }

    /// Runs the binary with these arguments, in this folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(BIN)
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LIB_BACKTRACE")
            .output()
            .expect("run pakn-report");
        let run = Run {
            args: args.iter().map(|s| s.to_string()).collect(),
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        };
        run.assert_no_panic();
        run
    }

    /// `validate --json` on these arguments; asserts exit 0 and parses stdout.
    pub fn validate_json(&self, args: &[&str]) -> Value {
        let mut all = vec!["validate", "--json"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        run.assert_code(0);
        run.json()
    }

    /// `report --format json --as-of 2026-11-28 --out <out>` plus these arguments; asserts exit 0
    /// and returns the parsed summary.json.
    pub fn report_json(&self, out: &str, args: &[&str]) -> Value {
        let run = self.report(out, args);
        run.assert_code(0);
        self.summary(out)
    }

    /// `report --format json --as-of 2026-11-28 --out <out>` plus these arguments.
    pub fn report(&self, out: &str, args: &[&str]) -> Run {
        let mut all = vec!["report", "--format", "json", "--as-of", AS_OF, "--out", out];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// The summary.json of a report folder.
    pub fn summary(&self, out: &str) -> Value {
        let text = self.read(&format!("{out}/summary.json"));
        serde_json::from_str(&text).expect("summary.json is JSON")
    }
}

/// The result of one run of the binary.
#[derive(Debug)]
pub struct Run {
    pub args: Vec<String>,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// SPEC §2: never a panic or a backtrace.
    pub fn assert_no_panic(&self) {
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("RUST_BACKTRACE"),
            "pakn-report {:?} panicked:\n{}",
            self.args,
            self.stderr
        );
        assert!(
            self.code.is_some(),
            "pakn-report {:?} was killed by a signal:\n{}",
            self.args,
            self.stderr
        );
    }

    pub fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "pakn-report {:?}: expected exit {code}\n--- stdout\n{}\n--- stderr\n{}",
            self.args,
            self.stdout,
            self.stderr
        );
        self
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "pakn-report {:?}: stdout is not JSON ({e}):\n{}\n--- stderr\n{}",
                self.args, self.stdout, self.stderr
            )
        })
    }

    /// The lines of stderr.
    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }
}

pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// The row accounting of SPEC §3.6: (rows_read, accepted, rejected, duplicates, skipped).
pub type Account = (u64, u64, u64, u64, u64);

fn n(v: &Value, key: &str) -> u64 {
    v[key]
        .as_u64()
        .unwrap_or_else(|| panic!("'{key}' is not a count in {v}"))
}

/// The accounting of one entry of `files`, by file name.
pub fn file_account(v: &Value, name: &str) -> Account {
    let files = v["files"].as_array().expect("files is an array");
    let f = files
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no file '{name}' in {}", v["files"]));
    (
        n(f, "rows_read"),
        n(f, "accepted"),
        n(f, "rejected"),
        n(f, "duplicates"),
        n(f, "skipped"),
    )
}

/// The names of the files read, in order.
pub fn file_names(v: &Value) -> Vec<String> {
    v["files"]
        .as_array()
        .expect("files is an array")
        .iter()
        .map(|f| f["name"].as_str().expect("file name").to_string())
        .collect()
}

/// The overall accounting of a `validate --json` output or of summary.json's `input`.
///
/// `validate --json` prints the `input` object of summary.json plus the arrays `rejects` and
/// `duplicates`; the `duplicates` array takes the place of the overall count there, so the
/// overall duplicate count is read from the files and checked against the array. Also checks
/// that the overall figures are the sums of the per-file ones and that the identity of §3.6
/// holds for every file.
pub fn account(v: &Value) -> Account {
    let files = v["files"].as_array().expect("files is an array");
    let mut sum = (0, 0, 0, 0, 0);
    for f in files {
        let a = (
            n(f, "rows_read"),
            n(f, "accepted"),
            n(f, "rejected"),
            n(f, "duplicates"),
            n(f, "skipped"),
        );
        assert_eq!(
            a.0,
            a.1 + a.2 + a.3 + a.4,
            "identity broken for {}: {f}",
            f["name"]
        );
        sum = (
            sum.0 + a.0,
            sum.1 + a.1,
            sum.2 + a.2,
            sum.3 + a.3,
            sum.4 + a.4,
        );
    }
    assert_eq!(n(v, "rows_read"), sum.0, "overall rows_read");
    assert_eq!(n(v, "accepted"), sum.1, "overall accepted");
    assert_eq!(n(v, "rejected"), sum.2, "overall rejected");
    assert_eq!(n(v, "skipped"), sum.4, "overall skipped");
    assert_eq!(n(v, "duplicates"), sum.3, "overall duplicates");
    if let Some(list) = v["duplicate_rows"].as_array() {
        assert_eq!(list.len() as u64, sum.3, "duplicates listed");
    }
    if let Some(list) = v["rejects"].as_array() {
        assert_eq!(list.len() as u64, sum.2, "rejects listed");
    }
    sum
}

/// One line of the reject or duplicate list: (file, row, field, value, reason).
pub type Issue = (String, u64, String, String, String);

fn issues(v: &Value, key: &str) -> Vec<Issue> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("'{key}' is not an array"))
        .iter()
        .map(|r| {
            (
                r["file"].as_str().expect("file").to_string(),
                r["row"].as_u64().expect("row"),
                r["field"].as_str().expect("field").to_string(),
                r["value"].as_str().expect("value").to_string(),
                r["reason"].as_str().expect("reason").to_string(),
            )
        })
        .collect()
}

pub fn rejects(v: &Value) -> Vec<Issue> {
    issues(v, "rejects")
}

pub fn duplicates(v: &Value) -> Vec<Issue> {
    issues(v, "duplicate_rows")
}

/// Shorthand to build an expected issue.
pub fn issue(file: &str, row: u64, field: &str, value: &str, reason: &str) -> Issue {
    (
        file.to_string(),
        row,
        field.to_string(),
        value.to_string(),
        reason.to_string(),
    )
}

/// The reasons of SPEC §3.5, as the program words them (docs/INPUT.md).
pub mod reason {
    pub const BLANK_ID: &str = "Thiếu mã số vụ việc";
    pub const BLANK_RECEIVED: &str = "Thiếu ngày tiếp nhận";
    pub const BAD_DATE: &str = "Ngày không đọc được";
    pub const BLANK_KIND: &str = "Thiếu loại đơn";
    pub const UNKNOWN_KIND: &str = "Loại đơn không xác định";
    pub const RESOLVED_BEFORE: &str = "Ngày hoàn thành trước ngày tiếp nhận";
    pub const RESPONDED_BEFORE: &str = "Ngày phản hồi trước ngày tiếp nhận";
    pub const CLOSED_NO_DATE: &str = "Trạng thái đã kết thúc nhưng thiếu ngày hoàn thành";
    pub const UNKNOWN_CHANNEL: &str = "Kênh tiếp nhận không xác định, tính vào \"Khác\"";

    pub fn duplicate(first_file: &str, first_row: u64) -> String {
        format!("Trùng mã với dòng {first_row} tệp {first_file} (đã giữ bản ghi đó)")
    }
}

/// The group of a `by_*` list of summary.json with this key.
pub fn group<'a>(summary: &'a Value, list: &str, key: &str) -> &'a Value {
    summary[list]
        .as_array()
        .unwrap_or_else(|| panic!("'{list}' is not an array"))
        .iter()
        .find(|g| g["key"] == key)
        .unwrap_or_else(|| {
            panic!(
                "no group '{key}' in {list}: {}",
                keys(summary, list).join(" | ")
            )
        })
}

/// The keys of a `by_*` list, in order.
pub fn keys(summary: &Value, list: &str) -> Vec<String> {
    summary[list]
        .as_array()
        .unwrap_or_else(|| panic!("'{list}' is not an array"))
        .iter()
        .map(|g| g["key"].as_str().expect("key").to_string())
        .collect()
}

/// `(key, received)` of every group of a `by_*` list, in order.
pub fn received_by(summary: &Value, list: &str) -> Vec<(String, u64)> {
    summary[list]
        .as_array()
        .unwrap_or_else(|| panic!("'{list}' is not an array"))
        .iter()
        .map(|g| {
            (
                g["key"].as_str().expect("key").to_string(),
                g["received"].as_u64().expect("received"),
            )
        })
        .collect()
}

/// Asserts a JSON number (or null) within 1e-9 of the expected value.
#[track_caller]
pub fn assert_num(v: &Value, expected: Option<f64>, what: &str) {
    match expected {
        None => assert!(v.is_null(), "{what}: expected null, got {v}"),
        Some(e) => {
            let got = v
                .as_f64()
                .unwrap_or_else(|| panic!("{what}: expected {e}, got {v}"));
            assert!((got - e).abs() < 1e-9, "{what}: expected {e}, got {got}");
        }
    }
}

/// Asserts the `{count, mean, median, p90, max}` statistics of a duration figure.
#[track_caller]
pub fn assert_stats(v: &Value, count: u64, mean: f64, median: f64, p90: f64, max: f64) {
    assert_eq!(v["count"].as_u64(), Some(count), "count of {v}");
    assert_num(&v["mean"], Some(mean), "mean");
    assert_num(&v["median"], Some(median), "median");
    assert_num(&v["p90"], Some(p90), "p90");
    assert_num(&v["max"], Some(max), "max");
}

/// Asserts statistics over no case: count 0 and every statistic null.
#[track_caller]
pub fn assert_no_stats(v: &Value) {
    assert_eq!(v["count"].as_u64(), Some(0), "count of {v}");
    for k in ["mean", "median", "p90", "max"] {
        assert!(v[k].is_null(), "{k} of {v} should be null");
    }
}

/// The counting figures of a group, in a fixed order, for compact assertions:
/// (carried_over, received, to_handle, resolved, resolved_on_time, resolved_late, pending,
/// pending_overdue).
pub fn counts(g: &Value) -> [u64; 8] {
    let k = [
        "carried_over",
        "received",
        "to_handle",
        "resolved",
        "resolved_on_time",
        "resolved_late",
        "pending",
        "pending_overdue",
    ];
    let mut out = [0; 8];
    for (i, key) in k.iter().enumerate() {
        out[i] = g[*key]
            .as_u64()
            .unwrap_or_else(|| panic!("'{key}' is not a count in {g}"));
    }
    out
}

/// A register in CSV with the given header and rows (joined with commas and newlines).
pub fn csv_text(header: &str, rows: &[&str]) -> String {
    let mut s = String::new();
    writeln!(s, "{header}").unwrap();
    for r in rows {
        writeln!(s, "{r}").unwrap();
    }
    s
}

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(bytes);
    h.finalize().iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The folder of the shared data (the NYC 311 sample): `$PAKN_SHARED_DATA`, else
/// `../shared/data` next to the checkout. None when it is not there.
pub fn shared_data() -> Option<PathBuf> {
    let dir = match std::env::var_os("PAKN_SHARED_DATA") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
    };
    dir.is_dir().then_some(dir)
}

/// Asserts a runtime error as SPEC §2 wants it: the exit status, nothing on stdout, and one
/// line on stderr that starts with the error prefix and the file, and holds every `part`.
#[track_caller]
pub fn assert_error(run: &Run, code: i32, file: &str, parts: &[&str]) {
    run.assert_code(code);
    assert_eq!(run.stdout, "", "stdout of a failed run");
    let prefix = format!("lỗi (error): {file}: ");
    assert!(
        run.stderr.starts_with(&prefix),
        "stderr should start with {prefix:?}:\n{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.lines().count(),
        1,
        "the error should be one line:\n{}",
        run.stderr
    );
    for p in parts {
        assert!(
            run.stderr.contains(p),
            "stderr lacks {p:?}:\n{}",
            run.stderr
        );
    }
}

/// The key phrases of the "no header row" error.
pub const NO_HEADER: [&str; 2] = [
    "không tìm thấy dòng tiêu đề trong 30 dòng đầu",
    "no header row with at least 3 known column names in the first 30 rows",
];

/// A workbook read back with calamine: sheet names and every sheet as a grid with absolute row
/// and column numbers.
pub struct Book {
    pub names: Vec<String>,
    pub sheets: Vec<Vec<Vec<Data>>>,
}

impl Book {
    pub fn open(path: &Path) -> Book {
        let mut wb: Xlsx<_> = open_workbook(path).expect("open the workbook");
        let names = wb.sheet_names();
        let sheets = names
            .iter()
            .map(|n| {
                let range = wb.worksheet_range(n).expect("read sheet");
                let (r0, c0) = range.start().unwrap_or((0, 0));
                let mut grid: Vec<Vec<Data>> = Vec::new();
                for (r, c, v) in range.used_cells() {
                    let (r, c) = (r + r0 as usize, c + c0 as usize);
                    if grid.len() <= r {
                        grid.resize(r + 1, Vec::new());
                    }
                    if grid[r].len() <= c {
                        grid[r].resize(c + 1, Data::Empty);
                    }
                    grid[r][c] = v.clone();
                }
                grid
            })
            .collect();
        Book { names, sheets }
    }

    pub fn sheet(&self, name: &str) -> &Vec<Vec<Data>> {
        let i = self
            .names
            .iter()
            .position(|n| n == name)
            .expect("sheet exists");
        &self.sheets[i]
    }
}

/// A cell of a grid; `Data::Empty` outside it.
pub fn cell(grid: &[Vec<Data>], r: usize, c: usize) -> &Data {
    grid.get(r)
        .and_then(|row| row.get(c))
        .unwrap_or(&Data::Empty)
}

/// The text of a string cell.
pub fn text(d: &Data) -> Option<&str> {
    match d {
        Data::String(s) => Some(s),
        _ => None,
    }
}
