//! Every filled column of the six forms worked out by hand on a small register, for Quý II/2026
//! (cut-off mode: 15/03/2026–14/06/2026), and every control sum.

use std::io::Write;

use super::*;
use crate::calendar::period::{Mode, Period};
use crate::config::Config;
use crate::pipeline::{Prepared, prepare};

/// `tests/fixtures/bieu-mau-quy-2-2026.csv`: K = khiếu nại, T = tố cáo, P = phản ánh / kiến nghị.
/// "Số vụ việc" links đơn of one matter: K1 and K5 are the same vụ việc (V1), so are K3 and K6
/// (V3).
const REGISTER: &str = include_str!("../../tests/fixtures/bieu-mau-quy-2-2026.csv");

/// The same cases without the optional columns (Thẩm quyền … Số vụ việc).
fn without_optional() -> String {
    REGISTER
        .lines()
        .map(|l| l.split(',').take(10).collect::<Vec<_>>().join(","))
        .collect::<Vec<_>>()
        .join("\n")
}

fn fill_forms(text: &str) -> Vec<FilledForm> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("so.csv");
    std::fs::File::create(&path)
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let cfg = Config::default();
    let p: Prepared = prepare(&[path], &cfg).unwrap();
    let period = Period::parse(
        "2026-Q2",
        Mode::Cutoff,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
    )
    .unwrap();
    let layouts = Layouts::load(&cfg).unwrap();
    compute(
        &p.loaded.cases,
        &p.loaded.vocab,
        &p.loaded.present,
        &layouts,
        &period,
    )
    .unwrap()
}

/// The values of a form, `None` for an empty column.
fn values(forms: &[FilledForm], code: &str) -> Vec<Option<u64>> {
    forms
        .iter()
        .find(|f| f.form.code == code)
        .unwrap()
        .values
        .iter()
        .map(Value::number)
        .collect()
}

fn check_states(forms: &[FilledForm], code: &str) -> Vec<(u32, Vec<u32>, CheckState)> {
    forms
        .iter()
        .find(|f| f.form.code == code)
        .unwrap()
        .checks
        .iter()
        .map(|c| (c.column, c.parts.clone(), c.state.clone()))
        .collect()
}

/// Expected values: a number, or `E` for a column left empty.
const E: Option<u64> = None;
fn n(v: u64) -> Option<u64> {
    Some(v)
}

#[test]
fn shipped_layouts_parse() {
    let l = Layouts::load(&Config::default()).unwrap();
    let codes: Vec<&str> = l.forms.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(
        codes,
        ["01/XLD", "02/XLD", "03/XLD", "04/XLD", "01/KQGQ", "03/KQGQ"]
    );
    let widths: Vec<usize> = l.forms.iter().map(|f| f.columns.len()).collect();
    assert_eq!(widths, [22, 26, 27, 20, 26, 31]);
}

#[test]
fn form_01_xld_by_hand() {
    let f = fill_forms(REGISTER);
    // Carried over: K2 (handled 20/03) and P5 (never handled); K1 was handled on 02/03, before
    // the period. Received: K3–K6, T1–T3, P1–P3, P6 (P4 comes after the end).
    // Handled: all but P2 and P5. Eligible: handled but P3 (lưu đơn).
    // Vụ việc: K3 and K6 are one (V3): 10 đơn, 9 vụ việc.
    // By state before this đơn: lần hai → "đã giải quyết lần đầu" (K2, T3, P6).
    // Within competence: K2, K3, K5, K6 | T1, T3 | P1. Outside: K4 guided; T2, P6 transferred.
    #[rustfmt::skip]
    let want = [
        n(13), n(2), n(11), n(11), n(2), n(10), n(9), n(5), n(3), n(2), n(3), n(0), n(7),
        n(7), n(4), n(2), n(1), n(3), n(1), n(2), E, E,
    ];
    assert_eq!(values(&f, "01/XLD"), want);
}

#[test]
fn form_02_xld_by_hand() {
    let f = fill_forms(REGISTER);
    // Khiếu nại: K2 carried, K3–K6 received; all handled and eligible. Vụ việc V2, V3, V4, V1.
    // Content: V2 Lao động → chế độ, chính sách; V4, V1 Đất đai; V3 Đầu tư → hành chính khác.
    // State: V2 is a second complaint (đã giải quyết lần đầu); V3, V4, V1 first.
    // Within competence V2 (lần 2), V3, V1 (lần đầu); outside V4 (guided).
    #[rustfmt::skip]
    let want = [
        n(5), n(1), n(4), n(5), n(1), n(4), n(5), n(4), n(4), n(1), n(2), n(1), n(0), n(0),
        n(0), n(1), n(0), E, n(3), n(3), n(2), n(1), n(1), n(1), E, E,
    ];
    assert_eq!(values(&f, "02/XLD"), want);
}

#[test]
fn form_03_xld_by_hand() {
    let f = fill_forms(REGISTER);
    // Tố cáo T1–T3, all received and handled. T1 Tham nhũng, T2 Thủ tục hành chính (công chức,
    // công vụ), T3 Đất đai. T3 is a tố cáo tiếp. Within competence T1, T3; T2 transferred.
    #[rustfmt::skip]
    let want = [
        n(3), n(0), n(3), n(3), n(0), n(3), n(3), n(3), n(2), n(0), n(1), n(1), n(0), n(1),
        n(0), n(0), n(0), E, E, n(2), n(2), n(1), n(1), n(1), n(1), E, E,
    ];
    assert_eq!(values(&f, "03/XLD"), want);
}

#[test]
fn form_04_xld_by_hand() {
    let f = fill_forms(REGISTER);
    // P5 carried (never handled); P1, P2, P3, P6 received; P1, P3, P6 handled; P3 lưu đơn.
    // P1 Môi trường → khác, within competence, resolved; P6 Tư pháp, outside, transferred,
    // second time.
    #[rustfmt::skip]
    let want = [
        n(5), n(1), n(4), n(3), n(0), n(3), n(2), n(2), n(0), n(0), n(1), n(1), n(1), n(1),
        n(1), n(1), n(1), E, n(1), n(0),
    ];
    assert_eq!(values(&f, "04/XLD"), want);
}

#[test]
fn form_01_kqgq_by_hand() {
    let f = fill_forms(REGISTER);
    // Khiếu nại within competence: K1, K2 carried (not resolved before 15/03); K3, K5, K6
    // received. Vụ việc V1 (K1, K5), V2, V3 (K3, K6). Settled in the period: V1 and V3; a vụ
    // việc is judged by its latest đơn among those settled: V1 by K5 (withdrawn, on time), V3 by
    // K6 (decision: sai, late). So 5 = 1 (V3), 6 = 1 (V1), 21 = 1, 25 = 1 (V1), 26 = 1 (V3).
    let mut want = vec![n(5), n(2), n(3), n(3), n(1), n(1)];
    want.extend(std::iter::repeat_n(E, 13));
    want.extend([n(0), n(1), n(0), n(0), n(0), n(1), n(1)]);
    assert_eq!(values(&f, "01/KQGQ"), want);
}

#[test]
fn form_03_kqgq_by_hand() {
    let f = fill_forms(REGISTER);
    // Tố cáo within competence: T1 (open), T3 (tố cáo tiếp, resolved 01/06 after its due date
    // 15/05, có đúng có sai).
    let mut want = vec![n(2), n(0), n(2), n(2), n(1), n(1), n(0), n(1), n(0), E];
    want.extend(std::iter::repeat_n(E, 13));
    want.extend([n(0), n(0), n(0), n(0), n(1), n(1), n(0), n(1)]);
    assert_eq!(values(&f, "03/KQGQ"), want);
}

#[test]
fn control_sums_hold_on_the_fixture() {
    use CheckState::*;
    let f = fill_forms(REGISTER);
    for form in &f {
        for c in &form.checks {
            assert!(
                !matches!(c.state, Violated { .. }),
                "{} column {} = {:?}: {:?}",
                form.form.code,
                c.column,
                c.parts,
                c.state
            );
        }
    }
    assert_eq!(
        check_states(&f, "01/XLD"),
        vec![
            (1, vec![2, 3], Holds),
            (1, vec![4, 5], Holds),
            (6, vec![8, 9, 10], Holds),
            (6, vec![11, 12, 13], Holds),
            (6, vec![14, 18], Holds),
            (14, vec![15, 16, 17], Holds),
            (18, vec![19, 20, 21], HoldsEmptyAsZero),
        ]
    );
    // 03/XLD: T3 is a tố cáo tiếp, and why it came again (overdue / concluded) is not in the
    // register, so 8 = 18 + 19 + 20 cannot be checked.
    let x3 = check_states(&f, "03/XLD");
    assert!(x3.contains(&(8, vec![18, 19, 20], NotCheckable)), "{x3:?}");
    assert!(x3.contains(&(8, vec![9, 14, 15, 16, 17], Holds)), "{x3:?}");
    let k3 = check_states(&f, "03/KQGQ");
    assert!(
        k3.contains(&(6, vec![7, 8, 9, 10], HoldsEmptyAsZero)),
        "{k3:?}"
    );
    assert!(k3.contains(&(6, vec![30, 31], Holds)), "{k3:?}");
    assert!(k3.contains(&(8, vec![25, 27, 29], Holds)), "{k3:?}");
    let k1 = check_states(&f, "01/KQGQ");
    assert!(k1.contains(&(5, vec![20, 21, 22, 23, 24], Holds)), "{k1:?}");
}

#[test]
fn a_violated_sum_is_reported() {
    let l = Layouts::load(&Config::default()).unwrap();
    let form = &l.forms[0];
    let mut values: Vec<Value> = (0..form.columns.len()).map(|_| Value::Number(0)).collect();
    values[0] = Value::Number(3); // 1 = 2 + 3 with 2 = 3 = 0
    let checks = checks(form, &values);
    assert_eq!(checks[0].state, CheckState::Violated { left: 3, right: 0 });
}

#[test]
fn without_optional_columns_the_columns_that_need_them_are_empty() {
    let f = fill_forms(&without_optional());
    let x1 = values(&f, "01/XLD");
    // 11–13 need "Lần giải quyết"; vụ việc (7) are đơn.
    assert_eq!(&x1[10..13], &[E, E, E]);
    assert_eq!(x1[5], n(10));
    assert_eq!(x1[6], n(10));
    // Competence from the status alone: P6 (transferred) is still outside; K5 and K2 within.
    assert_eq!(x1[17], n(3));
    let k1 = values(&f, "01/KQGQ");
    // 20–24 need "Kết quả giải quyết" and "Lần giải quyết".
    assert_eq!(&k1[19..24], &[E, E, E, E, E]);
    // Vụ việc are đơn: K1, K2, K3, K5, K6.
    assert_eq!(k1[3], n(5));
    let checks = check_states(&f, "01/KQGQ");
    assert!(checks.contains(&(5, vec![20, 21, 22, 23, 24], CheckState::NotCheckable)));
}

#[test]
fn bad_layouts_are_refused_with_a_reason() {
    let base = include_str!("../../report-templates/bieu-mau-tt01-2024.toml");
    let bad = base.replacen("sum = [2, 3]", "sum = [2, 99]", 1);
    let e = Layouts::parse(&bad, "x.toml").unwrap_err();
    assert!(e.contains("99"), "{e}");
    let bad = base.replacen("no = 2\n", "no = 3\n", 1);
    let e = Layouts::parse(&bad, "x.toml").unwrap_err();
    assert!(e.contains("liên tục"), "{e}");
    let bad = base.replacen("needs = [\"attempt\"]", "needs = [\"signature\"]", 1);
    let e = Layouts::parse(&bad, "x.toml").unwrap_err();
    assert!(e.contains("signature"), "{e}");
}

/// Fills the forms of a register with a given layouts text.
fn fill_with(text: &str, layouts: &Layouts, period: &str) -> Vec<FilledForm> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("so.csv");
    std::fs::write(&path, text).unwrap();
    let cfg = Config::default();
    let p: Prepared = prepare(&[path], &cfg).unwrap();
    let period = Period::parse(
        period,
        Mode::Cutoff,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
    )
    .unwrap();
    compute(
        &p.loaded.cases,
        &p.loaded.vocab,
        &p.loaded.present,
        layouts,
        &period,
    )
    .unwrap()
}

fn assert_no_violation(forms: &[FilledForm]) {
    for f in forms {
        for c in &f.checks {
            assert!(
                !matches!(c.state, CheckState::Violated { .. }),
                "{} column {} = {:?}: {:?}",
                f.form.code,
                c.column,
                c.parts,
                c.state
            );
        }
    }
}

/// Regression: two đơn of one vụ việc on both sides of a split (lần đầu and lần hai; on time and
/// late) were counted once in the total and once in each part. A vụ việc is now judged by its
/// latest đơn, so the sums hold.
#[test]
fn a_matter_with_đơn_on_both_sides_of_a_split_is_counted_once() {
    let reg = "\
Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Lĩnh vực,Ngày giao,Hạn xử lý,Ngày hoàn thành,Trạng thái,Kết quả giải quyết,Lần giải quyết,Số vụ việc
K1,01/04/2026,Đơn thư,Khiếu nại,Đất đai,02/04/2026,30/04/2026,20/04/2026,Đã giải quyết,Đúng,1,M1
K2,01/05/2026,Đơn thư,Khiếu nại,Đất đai,02/05/2026,30/05/2026,20/05/2026,Đã giải quyết,Công nhận,2,M1
T1,01/04/2026,Đơn thư,Tố cáo,Đất đai,02/04/2026,30/04/2026,20/04/2026,Đã giải quyết,Đúng,1,m2
T2,05/04/2026,Đơn thư,Tố cáo,Đất đai,06/04/2026,30/04/2026,25/05/2026,Đã giải quyết,Đúng,1,M2
";
    let layouts = Layouts::load(&Config::default()).unwrap();
    let f = fill_with(reg, &layouts, "2026-Q2");
    assert_no_violation(&f);
    // M1 is one vụ việc, judged by K2 (its latest đơn): a second complaint, upheld.
    let x2 = values(&f, "02/XLD");
    assert_eq!((x2[7], x2[19], x2[20], x2[21]), (n(1), n(1), n(0), n(1)));
    let k1 = values(&f, "01/KQGQ");
    assert_eq!((k1[4], k1[19], k1[22]), (n(1), n(0), n(1)));
    // "m2" and "M2" are one vụ việc, judged by T2: resolved after its due date.
    let k3 = values(&f, "03/KQGQ");
    assert_eq!((k3[3], k3[5], k3[29], k3[30]), (n(1), n(1), n(0), n(1)));
}

/// Regression: the "lĩnh vực khác" columns listed group codes, so a group added to the layouts
/// file fell out of every content column.
#[test]
fn a_new_content_group_falls_in_lĩnh_vực_khác() {
    let base = include_str!("../../report-templates/bieu-mau-tt01-2024.toml");
    let text = base
        .replace(
            "[workbook.content_labels]\n",
            "[workbook.content_labels]\nmoi_truong = \"Môi trường\"\n",
        )
        .replace(
            "[[content.groups]]\ncode = \"che_do\"",
            "[[content.groups]]\ncode = \"moi_truong\"\ncategories = [\"Môi trường\"]\n[[content.groups]]\ncode = \"che_do\"",
        );
    let layouts = Layouts::parse(&text, "x.toml").unwrap();
    let reg = "\
Mã số,Ngày tiếp nhận,Kênh tiếp nhận,Loại đơn,Lĩnh vực,Ngày giao
K1,01/04/2026,Đơn thư,Khiếu nại,Môi trường,02/04/2026
T1,01/04/2026,Đơn thư,Tố cáo,Môi trường,02/04/2026
";
    let f = fill_with(reg, &layouts, "2026-Q2");
    assert_no_violation(&f);
    assert_eq!(values(&f, "02/XLD")[14], n(1));
    assert_eq!(values(&f, "03/XLD")[16], n(1));
}

/// Regression: mistakes in a layouts file surfaced only after the main workbook was written,
/// or as a panic. They are refused when the file is read, naming what is wrong.
#[test]
fn layouts_mistakes_are_refused_when_read() {
    let base = include_str!("../../report-templates/bieu-mau-tt01-2024.toml");
    let parse = |t: &str| Layouts::parse(t, "x.toml");
    let e = parse(&base.replace(
        "checks_headers = [\"Biểu\", \"Phép kiểm tra\", \"Kết quả\"]",
        "checks_headers = [\"Biểu\"]",
    ))
    .unwrap_err();
    assert!(e.contains("checks_headers"), "{e}");
    let e = parse(&base.replace("sheet = \"02-XLD\"", "sheet = \"01-XLD\"")).unwrap_err();
    assert!(e.contains("01-XLD"), "{e}");
    let e = parse(&base.replace("sheet = \"02-XLD\"", "sheet = \"02/XLD\"")).unwrap_err();
    assert!(e.contains("02/XLD"), "{e}");
    for file in [
        "bao-cao-pakn-{slug}.xlsx",
        "../x-{slug}.xlsx",
        "bieu-mau.xlsx",
        "summary.json",
    ] {
        let t = base.replace(
            "file = \"bieu-mau-tt01-2024-{slug}.xlsx\"",
            &format!("file = \"{file}\""),
        );
        let e = parse(&t).unwrap_err();
        assert!(e.contains("workbook.file"), "{file}: {e}");
    }
    // A predicate naming no flag: the form and the column are named.
    let t = base.replacen("count = \"don_ky_truoc\"", "count = \"don_ky_truc\"", 1);
    let layouts = parse(&t).unwrap();
    let e = check(&layouts).unwrap_err().to_string();
    assert!(e.contains("01/XLD") && e.contains("cột 2"), "{e}");
    check(&Layouts::load(&Config::default()).unwrap()).unwrap();
}

#[test]
fn signatories_vocabulary_extends_from_the_config() {
    let cfg = Config::parse("[vocab.signatories]\nmany = [\"Tập thể\"]\n").unwrap();
    let v = Vocabulary::new(&cfg).unwrap();
    assert_eq!(v.signatories.code("tập thể"), Some("many"));
    assert_eq!(v.signatories.code("x"), Some("many"));
}
