//! Text of the register's cells, written into reused buffers (no allocation on the hot path).

use unicode_normalization::UnicodeNormalization;

use super::case::{Case, Id, M_NFD, M_SPACED, M_UPPER};
use super::dates::ymd;
use super::people::{Phone, push_phone};

pub(super) fn push_2(s: &mut String, n: u32) {
    s.push((b'0' + (n / 10 % 10) as u8) as char);
    s.push((b'0' + (n % 10) as u8) as char);
}

pub(super) fn push_padded(s: &mut String, n: u64, width: usize) {
    let mut digits = [0u8; 20];
    let mut len = 0;
    let mut v = n;
    loop {
        digits[len] = b'0' + (v % 10) as u8;
        len += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for _ in len..width {
        s.push('0');
    }
    for i in (0..len).rev() {
        s.push(digits[i] as char);
    }
}

pub(super) fn push_date(s: &mut String, day: i32) {
    let (y, m, d) = ymd(day);
    push_2(s, d);
    s.push('/');
    push_2(s, m);
    s.push('/');
    push_padded(s, y.max(0) as u64, 4);
}

pub(super) fn push_time(s: &mut String, secs: u32, with_seconds: bool) {
    push_2(s, secs / 3600);
    s.push(':');
    push_2(s, secs / 60 % 60);
    if with_seconds {
        s.push(':');
        push_2(s, secs % 60);
    }
}

pub(super) fn push_id(s: &mut String, prefix: &str, id: Id) {
    if let Id::Seq { year, n } = id {
        s.push_str(prefix);
        s.push('-');
        push_padded(s, year.max(0) as u64, 4);
        s.push('-');
        push_padded(s, n as u64, 6);
    }
}

pub(super) fn push_content(s: &mut String, c: &Case, fb: bool) {
    if c.greeting {
        s.push_str("Kính gửi Ban Quản lý;\n");
    }
    s.push_str(c.content);
    if c.person.email {
        s.push_str(" Liên hệ: nguoidan");
        push_padded(s, c.person.num as u64, 4);
        s.push_str("@example.vn.");
    }
    if fb && !matches!(c.person.phone, Phone::None) {
        s.push_str(" SĐT: ");
        push_phone(s, c.person.phone);
        s.push('.');
    }
}

/// Writes `text` in a Facebook-inbox text mode: NFD, upper case, odd spacing.
pub(super) fn push_text(s: &mut String, text: &str, mode: u8, scratch: &mut String) {
    if mode == 0 || text.is_empty() {
        s.push_str(text);
        return;
    }
    scratch.clear();
    if mode & M_UPPER != 0 {
        scratch.push_str(&text.to_uppercase());
    } else if mode & M_SPACED != 0 {
        scratch.push_str("  ");
        for ch in text.to_lowercase().chars() {
            if ch == ' ' {
                scratch.push_str("   ");
            } else {
                scratch.push(ch);
            }
        }
        scratch.push(' ');
    } else {
        scratch.push_str(text);
    }
    if mode & M_NFD != 0 {
        s.extend(scratch.nfd());
    } else {
        s.push_str(scratch);
    }
}
