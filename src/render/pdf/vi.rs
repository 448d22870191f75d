//! Vietnamese number, date and comparison wording: "," decimal separator, "." thousands separator
//! (1.234; 93,0%), "tăng 12,5% so với kỳ trước", "Hải Phòng, ngày 05 tháng 01 năm 2026".

use chrono::{Datelike, NaiveDate};

use super::templates::Change;

/// Groups the digits of a non-negative integer string by thousands with ".".
fn group_thousands(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// An integer: 1234567 → "1.234.567".
pub fn int(n: u64) -> String {
    group_thousands(&n.to_string())
}

/// A decimal number with `decimals` digits after ","; thousands grouped: 1234.56 → "1.234,6".
pub fn dec(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let s = format!("{:.*}", decimals, x.abs());
    let (int_part, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let zero = s.chars().all(|c| c == '0' || c == '.');
    let mut out = String::new();
    if x < 0.0 && !zero {
        out.push('-');
    }
    out.push_str(&group_thousands(&int_part));
    if let Some(f) = frac {
        out.push(',');
        out.push_str(&f);
    }
    out
}

/// A fraction as a percentage with one decimal: 0.93 → "93,0%".
pub fn pct(frac: f64) -> String {
    format!("{}%", dec(frac * 100.0, 1))
}

/// A rate that may be undefined: None → "—".
pub fn pct_opt(frac: Option<f64>) -> String {
    frac.map(pct).unwrap_or_else(|| "—".into())
}

/// Number of days with one decimal, or "—".
pub fn days_opt(x: Option<f64>) -> String {
    x.map(|v| dec(v, 1)).unwrap_or_else(|| "—".into())
}

/// Points of a scorecard: whole numbers without decimals, otherwise up to 2 decimals ("7,5").
pub fn points(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    if r.fract() == 0.0 {
        dec(r, 0)
    } else {
        let s = dec(r, 2);
        s.trim_end_matches('0').to_string()
    }
}

/// dd/mm/yyyy.
pub fn date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// Day and month of "ngày … tháng … năm …" per NĐ 30/2020 Phụ lục I: a day below 10 and the
/// months 1 and 2 take a leading zero ("ngày 05 tháng 01", "ngày 28 tháng 11", "tháng 5").
pub fn day_month(d: NaiveDate) -> (String, String) {
    let day = format!("{:02}", d.day());
    let month = if d.month() <= 2 {
        format!("{:02}", d.month())
    } else {
        d.month().to_string()
    };
    (day, month)
}

/// The first letter in lower case, for a label used inside a sentence ("Đường dây nóng" →
/// "đường dây nóng"); labels starting with two capitals (an acronym) are kept.
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            let mut out: String = a.to_lowercase().collect();
            out.push(b);
            out.extend(chars);
            out
        }
        _ => s.to_string(),
    }
}

/// The change of a count against a reference period: "tăng 12,5% so với kỳ trước",
/// "giảm 3,0% so với cùng kỳ năm trước", "bằng kỳ trước"; when the reference is 0, the change
/// is given in cases ("tăng 4 vụ việc so với kỳ trước").
pub fn change_count(cur: u64, prev: u64, reference: &str, w: &Change) -> String {
    if cur == prev {
        return w.equal.replace("{ref}", reference);
    }
    if prev == 0 {
        return w
            .increase_from_zero
            .replace("{diff}", &int(cur))
            .replace("{ref}", reference);
    }
    let change = (cur as f64 - prev as f64) / prev as f64 * 100.0;
    let mut amount = dec(change.abs(), 1);
    if amount == "0,0" {
        amount = dec(change.abs(), 2);
    }
    let t = if cur > prev { &w.increase } else { &w.decrease };
    t.replace("{pct}", &format!("{amount}%"))
        .replace("{ref}", reference)
}

/// The change of a rate in percentage points: "tăng 2,5 điểm phần trăm so với kỳ trước (90,0%)";
/// equal when the rounded values are equal.
pub fn change_rate(cur: Option<f64>, prev: Option<f64>, reference: &str, w: &Change) -> String {
    match (cur, prev) {
        (Some(c), Some(p)) => {
            let diff = (c - p) * 100.0;
            let amount = dec(diff.abs(), 1);
            if pct(c) == pct(p) || amount == "0,0" {
                return w
                    .rate_equal
                    .replace("{ref}", reference)
                    .replace("{value}", &pct(p));
            }
            let t = if diff > 0.0 {
                &w.rate_increase
            } else {
                &w.rate_decrease
            };
            t.replace("{points}", &amount)
                .replace("{ref}", reference)
                .replace("{value}", &pct(p))
        }
        _ => w.rate_no_base.replace("{ref}", reference),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change() -> Change {
        super::super::templates::Templates::shipped().change
    }

    #[test]
    fn integers_group_thousands_with_dots() {
        assert_eq!(int(0), "0");
        assert_eq!(int(999), "999");
        assert_eq!(int(1000), "1.000");
        assert_eq!(int(1234), "1.234");
        assert_eq!(int(1_000_000), "1.000.000");
        assert_eq!(int(12_345_678), "12.345.678");
    }

    #[test]
    fn decimals_use_a_comma() {
        assert_eq!(dec(3.349, 1), "3,3");
        assert_eq!(dec(1234.56, 1), "1.234,6");
        assert_eq!(dec(0.0, 1), "0,0");
        assert_eq!(dec(-0.01, 1), "0,0");
        assert_eq!(dec(-2.5, 1), "-2,5");
        assert_eq!(dec(7.0, 0), "7");
        assert_eq!(pct(0.93), "93,0%");
        assert_eq!(pct(0.8441558441558441), "84,4%");
        assert_eq!(pct(1.0), "100,0%");
        assert_eq!(pct_opt(None), "—");
        assert_eq!(points(20.0), "20");
        assert_eq!(points(7.5), "7,5");
        assert_eq!(points(1234.25), "1.234,25");
    }

    #[test]
    fn dates_follow_phu_luc_i() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(day_month(d(2026, 1, 5)), ("05".into(), "01".into()));
        assert_eq!(day_month(d(2026, 2, 28)), ("28".into(), "02".into()));
        assert_eq!(day_month(d(2026, 5, 9)), ("09".into(), "5".into()));
        assert_eq!(day_month(d(2026, 11, 28)), ("28".into(), "11".into()));
        assert_eq!(date(d(2026, 4, 5)), "05/04/2026");
    }

    #[test]
    fn changes_are_worded() {
        let w = change();
        assert_eq!(
            change_count(90, 80, "kỳ trước", &w),
            "tăng 12,5% so với kỳ trước"
        );
        assert_eq!(
            change_count(74, 83, "kỳ trước", &w),
            "giảm 10,8% so với kỳ trước"
        );
        assert_eq!(
            change_count(55, 55, "cùng kỳ năm trước", &w),
            "bằng cùng kỳ năm trước"
        );
        assert_eq!(
            change_count(4, 0, "cùng kỳ năm trước", &w),
            "tăng 4 vụ việc so với cùng kỳ năm trước"
        );
        assert_eq!(
            change_count(10_001, 10_000, "kỳ trước", &w),
            "tăng 0,01% so với kỳ trước"
        );
        assert_eq!(
            change_rate(Some(0.95), Some(0.9), "kỳ trước", &w),
            "tăng 5,0 điểm phần trăm so với kỳ trước (90,0%)"
        );
        assert_eq!(
            change_rate(Some(0.8441558), Some(0.9718309), "kỳ trước", &w),
            "giảm 12,8 điểm phần trăm so với kỳ trước (97,2%)"
        );
        assert_eq!(
            change_rate(Some(0.84), Some(0.84), "cùng kỳ năm trước", &w),
            "bằng cùng kỳ năm trước (84,0%)"
        );
        assert!(change_rate(Some(0.5), None, "kỳ trước", &w).contains("kỳ trước"));
    }

    #[test]
    fn labels_in_sentences() {
        assert_eq!(lower_first("Đường dây nóng"), "đường dây nóng");
        assert_eq!(lower_first("Trang Facebook"), "trang Facebook");
        assert_eq!(lower_first("KCN"), "KCN");
        assert_eq!(lower_first(""), "");
    }
}
