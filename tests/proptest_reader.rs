//! Property tests of the reader: whatever bytes a `.csv` export holds, `pakn-report validate
//! --json` never panics, exits 0, 1 or 3 only, and when it succeeds every file's row identity
//! holds: rows read = accepted + rejected + duplicates + skipped (SPEC §2, §3.6).
//!
//! Each case runs the real binary once on a small file, so the case counts stay modest.

use crate::common::*;
use proptest::prelude::*;

/// Runs `validate --json` (optionally `--strict`) on `bytes` written as `register.csv` and
/// checks the properties. Returns the exit status.
fn check(bytes: &[u8], strict: bool) -> Result<i32, TestCaseError> {
    let wd = Workdir::new();
    wd.write("register.csv", bytes);
    let mut args = vec!["validate", "--json", "register.csv"];
    if strict {
        args.push("--strict");
    }
    // `Workdir::run` already fails on "panicked" in stderr or death by a signal.
    let run = wd.run(&args);
    let code = run.code.unwrap_or(-1);
    prop_assert!(
        code == 0 || code == 1 || code == 3,
        "exit status {} for {:?}\n{}",
        code,
        String::from_utf8_lossy(bytes),
        run.stderr
    );
    prop_assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    if code == 3 {
        prop_assert!(strict, "exit 3 without --strict");
    }
    if code == 1 {
        // One clear sentence on stderr, nothing on stdout.
        prop_assert!(run.stdout.is_empty(), "stdout on error: {}", run.stdout);
        prop_assert!(
            run.stderr.starts_with("lỗi (error): register.csv: "),
            "{}",
            run.stderr
        );
        return Ok(code);
    }
    let v: serde_json::Value = serde_json::from_str(&run.stdout)
        .map_err(|e| TestCaseError::fail(format!("stdout is not JSON: {e}\n{}", run.stdout)))?;
    let files = v["files"].as_array().cloned().unwrap_or_default();
    prop_assert_eq!(files.len(), 1);
    let n = |f: &serde_json::Value, k: &str| f[k].as_u64().unwrap_or(u64::MAX);
    for f in &files {
        prop_assert_eq!(
            n(f, "rows_read"),
            n(f, "accepted") + n(f, "rejected") + n(f, "duplicates") + n(f, "skipped"),
            "identity broken: {}",
            f
        );
    }
    let f = &files[0];
    prop_assert_eq!(n(&v, "rows_read"), n(f, "rows_read"));
    prop_assert_eq!(n(&v, "rejected"), n(f, "rejected"));
    prop_assert_eq!(
        v["rejects"].as_array().map(|a| a.len() as u64),
        Some(n(f, "rejected"))
    );
    prop_assert_eq!(
        v["duplicate_rows"].as_array().map(|a| a.len() as u64),
        Some(n(f, "duplicates"))
    );
    if strict {
        prop_assert_eq!(code == 3, n(f, "rejected") > 0);
    } else {
        prop_assert_eq!(code, 0);
    }
    Ok(code)
}

/// Pieces a register cell is made of: ids, dates good and bad, vocabulary values, Vietnamese
/// text (NFC, NFD, odd marks), quotes, delimiters, line breaks, numbers, total-row words.
const PIECES: &[&str] = &[
    "",
    " ",
    "  ",
    "\t",
    "A-1",
    "a-1",
    "HP-0001",
    "PA",
    "KN",
    "PAKN",
    "Tố cáo",
    "Khiếu nại",
    "Hotline",
    "Facebook",
    "Zalo",
    "Đã giải quyết",
    "Đang xử lý",
    "Lưu đơn",
    "Hài lòng",
    "5",
    "01/04/2026",
    "1/4/2026 8:30",
    "31/02/2026",
    "2026-04-01T08:00:00+07:00",
    "2026-13-01",
    "46113",
    "46113.75",
    "-1",
    "1e308",
    "NaN",
    "99999999999999999999",
    "9999-12-31",
    "0000-01-01",
    "00/00/0000",
    "29/02/2024 23:59:59",
    "01/04/2026 24:00",
    "Tổng cộng",
    "Cộng",
    "STT",
    "Mã số",
    "Ngày tiếp nhận",
    "Phòng Quản lý Đầu tư",
    "Pha\u{309}n a\u{301}nh",
    "Nguyễn Thị Ánh",
    "ữ",
    "ặ",
    "\u{feff}",
    "\u{200b}",
    "\u{a0}",
    "🙂",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "\r",
    ",",
    ";",
    "\\",
];

/// Header names: the required ones, the optional ones, personal data, unknown ones.
const HEADERS: &[&str] = &[
    "Mã số",
    "Ngày tiếp nhận",
    "Kênh tiếp nhận",
    "Loại đơn",
    "Đơn vị xử lý",
    "Lĩnh vực",
    "Hạn xử lý",
    "Ngày phản hồi",
    "Ngày hoàn thành",
    "Trạng thái",
    "Mức độ hài lòng",
    "Mức độ phức tạp",
    "Ngày giao",
    "Ngày thụ lý",
    "Họ tên",
    "STT",
    "Ghi chú",
    "Cột lạ",
    "id",
    "MÃ HỒ SƠ:",
];

fn cell() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(PIECES), 0..4),
        any::<bool>(),
    )
        .prop_map(|(parts, quoted)| {
            let s = parts.concat();
            if quoted {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s
            }
        })
}

/// CSV-ish text: an optional BOM, a few title lines, a header of known (and unknown) names
/// with a random delimiter, then rows of random cells, sometimes with another delimiter or a
/// stray quote, with random line ends.
fn csvish() -> impl Strategy<Value = String> {
    let delim = prop::sample::select(vec![",", ";", "\t"]);
    let header = prop::collection::vec(prop::sample::select(HEADERS), 0..9);
    let titles = prop::collection::vec(cell(), 0..3);
    let rows = prop::collection::vec(
        (
            prop::collection::vec(cell(), 0..10),
            prop::sample::select(vec![",", ";", "\t"]),
            any::<bool>(),
        ),
        0..12,
    );
    let ends = prop::sample::select(vec!["\n", "\r\n", "", "\n\n"]);
    (
        any::<bool>(),
        titles,
        delim,
        any::<bool>(),
        header,
        rows,
        ends,
    )
        .prop_map(|(bom, titles, delim, required, mut header, rows, end)| {
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            for t in titles {
                s.push_str(&t);
                s.push('\n');
            }
            if required {
                // Usually a readable header: the required columns first.
                let mut h = vec!["Mã số", "Ngày tiếp nhận", "Kênh tiếp nhận", "Loại đơn"];
                h.append(&mut header);
                header = h;
            }
            s.push_str(&header.join(delim));
            s.push('\n');
            for (cells, row_delim, same) in rows {
                let d = if same { delim } else { row_delim };
                s.push_str(&cells.join(d));
                s.push_str(if end.is_empty() { "\n" } else { end });
            }
            if end.is_empty() {
                // No line end after the last row.
                s.pop();
            }
            s
        })
}

/// Random text (any characters, with delimiters, quotes and line breaks mixed in) around
/// valid rows below a valid header: the reader gets past the header search and into the rows.
fn header_then_noise() -> impl Strategy<Value = Vec<u8>> {
    let ch = prop_oneof![
        any::<char>(),
        prop::sample::select(vec![
            ',', ';', '\t', '\n', '\r', '"', ' ', '/', ':', '0', '1', '2'
        ]),
    ];
    let noise = prop::collection::vec(ch, 0..300).prop_map(|v| v.into_iter().collect::<String>());
    (noise.clone(), noise, any::<bool>()).prop_map(|(a, b, bytes)| {
        let mut v = "STT,Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Ngày hoàn thành\n\
                     1,A-1,01/04/2026,Hotline,PA,\n"
            .as_bytes()
            .to_vec();
        v.extend_from_slice(a.as_bytes());
        v.extend_from_slice(b"\n2,A-2,02/04/2026,Zalo,KN,03/04/2026\n");
        if bytes {
            // Raw bytes too: a stray Windows-1258 byte is refused with a clear error.
            v.extend(b.chars().map(|c| (c as u32 & 0xff) as u8));
        } else {
            v.extend_from_slice(b.as_bytes());
        }
        v
    })
}

/// A phone number in a personal column of `register_with_personal_data`: it must never appear
/// in any output, whatever happens to the quotes around it (SPEC §8).
const SECRET: &str = "0912345678";

/// A valid register of `n` cases with personal columns (name, phone, a quoted content holding
/// delimiters).
fn register_with_personal_data(n: usize) -> String {
    let mut s = String::from(
        "Mã hồ sơ,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Lĩnh vực,Họ tên,Số điện thoại,Nội dung\n",
    );
    for i in 1..=n {
        s.push_str(&format!(
            "A{i},{:02}/05/2026,Hotline,Phản ánh,Đất đai,Nguyễn Văn {i},{SECRET},\"Khiếu nại, nhà số {i}\"\n",
            i % 28 + 1
        ));
    }
    s
}

/// Inserts each `(where, what)` into `text` (where: a fraction of its length, on a character
/// boundary).
fn mutate(text: &str, edits: &[(f64, &str)]) -> String {
    let mut s = text.to_string();
    for (at, what) in edits {
        let chars = s.chars().count();
        let k = ((chars as f64) * at) as usize;
        let byte = s.char_indices().nth(k).map_or(s.len(), |(b, _)| b);
        s.insert_str(byte, what);
    }
    s
}

/// Characters printed as nothing: control (Cc) and format (Cf) characters, no line breaks.
const INVISIBLE: &[&str] = &[
    "\u{0}", "\u{7}", "\u{1b}", "\u{7f}", "\u{85}", "\u{ad}", "\u{200b}", "\u{200c}", "\u{200d}",
    "\u{200e}", "\u{200f}", "\u{202a}", "\u{202e}", "\u{2060}", "\u{2066}", "\u{feff}",
];

/// Runs `validate --json` on a mutated register; checks the common properties and that the
/// secret is in no output. Returns the parsed output of a successful run.
fn check_private(text: &str) -> Result<Option<serde_json::Value>, TestCaseError> {
    let code = check(text.as_bytes(), false)?;
    let wd = Workdir::new();
    wd.write("register.csv", text);
    let run = wd.run(&["validate", "--json", "register.csv"]);
    prop_assert!(
        !run.stdout.contains(SECRET) && !run.stderr.contains(SECRET),
        "personal data in the output of {:?}",
        text
    );
    if code != 0 {
        return Ok(None);
    }
    Ok(Some(serde_json::from_str(&run.stdout).map_err(|e| {
        TestCaseError::fail(format!("stdout is not JSON: {e}"))
    })?))
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(fuzz_cases(48))
    })]

    /// Quotes, delimiters and line breaks dropped anywhere: the identity holds and no personal
    /// value reaches the output, whatever the records' shapes became.
    #[test]
    fn quote_mutations_keep_the_identity_and_the_privacy(
        n in 1usize..8,
        edits in prop::collection::vec(
            (0.0f64..1.0, prop::sample::select(vec!["\"", "\"", "\"\"", ",", "\n", "\r\n", "\",\""])),
            1..5,
        ),
    ) {
        let text = mutate(&register_with_personal_data(n), &edits);
        check_private(&text)?;
    }

    /// Invisible characters dropped anywhere: no record is lost or merged (rows read stays the
    /// number of cases), none is a quoting fault, and no personal value reaches the output.
    #[test]
    fn control_character_mutations_lose_no_row(
        n in 1usize..8,
        edits in prop::collection::vec(
            (0.0f64..1.0, prop::sample::select(INVISIBLE.to_vec())),
            1..6,
        ),
    ) {
        let text = mutate(&register_with_personal_data(n), &edits);
        if let Some(v) = check_private(&text)? {
            prop_assert_eq!(v["rows_read"].as_u64(), Some(n as u64), "{:?}", text);
            let quote_faults = v["rejects"]
                .as_array()
                .map_or(0, |r| r.iter().filter(|x| x["code"] == "quote_fault").count());
            // An invisible character just before a quote makes the quote literal text (the
            // record then has a field too many); a non-ASCII one (not a control byte) just
            // after a closing quote is text after it: quoting faults rightly reported.
            let next_to_quote = INVISIBLE.iter().any(|c| {
                text.contains(&format!("{c}\""))
                    || (c.chars().all(|x| x as u32 >= 0x80) && text.contains(&format!("\"{c}")))
            });
            prop_assert!(quote_faults == 0 || next_to_quote, "{:?}\n{}", text, v);
        }
    }
}

proptest! {
    // 64 cases each, to keep CI time bounded; no regression files (the tests folder has no
    // lib.rs for proptest to anchor them to).
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(fuzz_cases(64))
    })]

    #[test]
    fn random_bytes_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..1024),
        strict in any::<bool>(),
    ) {
        check(&bytes, strict)?;
    }

    #[test]
    fn random_text_after_a_header_keeps_the_identity(
        bytes in header_then_noise(),
        strict in any::<bool>(),
    ) {
        check(&bytes, strict)?;
    }

    #[test]
    fn random_csvish_text_keeps_the_identity(
        text in csvish(),
        strict in any::<bool>(),
    ) {
        check(text.as_bytes(), strict)?;
    }
}

/// A fixed CSV-ish file that goes through every stage (header, rows of each verdict), as a
/// sanity check that the properties above are not vacuous.
#[test]
fn the_properties_hold_on_a_known_file() {
    let text = "\u{feff}SỔ THEO DÕI\n\
                Mã số;Ngày tiếp nhận;Kênh tiếp nhận;Loại đơn\n\
                A-1;01/04/2026;Hotline;PA\n\
                a-1;01/04/2026;Hotline;PA\n\
                ;;;\n\
                A-2;31/02/2026;Hotline;PA\n\
                ;;Tổng cộng;\n";
    assert_eq!(check(text.as_bytes(), false).unwrap(), 0);
    assert_eq!(check(text.as_bytes(), true).unwrap(), 3);
    let wd = Workdir::new();
    wd.write("register.csv", text);
    let v = wd.validate_json(&["register.csv"]);
    assert_eq!(account(&v), (5, 1, 1, 1, 2));
}

/// Cases per property: bounded for CI; `PAKN_FUZZ_CASES=N` runs more (e.g. before a release).
fn fuzz_cases(default: u32) -> u32 {
    std::env::var("PAKN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
