//! Text normalisation shared by every stage (SPEC §3.1): NFC, trimmed, whitespace collapsed;
//! and the folded matching key (case-, diacritic-, punctuation- and spacing-insensitive).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// NFC-normalises, trims and collapses every run of whitespace to one space.
pub fn clean(s: &str) -> String {
    clean_cow(s).into_owned()
}

/// `clean`, borrowing the text when it is already clean — most values are (ASCII or NFC, single
/// spaces, trimmed).
pub fn clean_cow(s: &str) -> std::borrow::Cow<'_, str> {
    // ASCII (most codes, dates and ids): clean when every byte prints or is a single inner space.
    if s.is_ascii() {
        let b = s.as_bytes();
        let tidy = b.first() != Some(&b' ')
            && b.last() != Some(&b' ')
            && b.iter().all(|&c| (0x20..0x7f).contains(&c))
            && !b.windows(2).any(|w| w == b"  ");
        return if tidy {
            std::borrow::Cow::Borrowed(s)
        } else {
            std::borrow::Cow::Owned(clean_slow(s))
        };
    }
    let tidy = !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
        && !s
            .chars()
            .any(|c| (c.is_whitespace() && c != ' ') || is_invisible(c));
    if tidy
        && (s.is_ascii()
            || unicode_normalization::is_nfc_quick(s.chars())
                == unicode_normalization::IsNormalized::Yes)
    {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(clean_slow(s))
}

fn clean_slow(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfc() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if is_invisible(c) {
            // Control and format characters are dropped, not read as a space: a soft hyphen or
            // zero-width joiner typed inside a word must not split it.
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// The matching key of a header name or vocabulary value: no diacritics, lower case,
/// letters and digits only ("Mã số" → "maso", "Đơn vị xử lý" → "donvixuly").
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// True when the cleaned text is empty.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// A control (Unicode Cc) or format (Cf) character that is not whitespace: NUL and the other C0/C1
/// controls, soft hyphen, zero-width space/joiners, the bidi marks and embeddings, word joiner,
/// BOM, interlinear annotation marks and the tag characters. Such characters print as nothing, so
/// two values that differ only by them look identical in every output: `clean` removes them
/// before any value is compared or grouped (ids, vocabularies, group names).
pub fn is_invisible(c: char) -> bool {
    if c.is_whitespace() {
        return false;
    }
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{ad}'
        | '\u{600}'..='\u{605}'
        | '\u{61c}'
        | '\u{6dd}'
        | '\u{70f}'
        | '\u{890}'..='\u{891}'
        | '\u{8e2}'
        | '\u{180e}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{110bd}'
        | '\u{110cd}'
        | '\u{13430}'..='\u{1343f}'
        | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0001}'
        | '\u{e0020}'..='\u{e007f}')
}

/// Vietnamese collation key for sorting group names in reports: letters in the order of the
/// Vietnamese alphabet (a ă â b c d đ e ê … ư v x y), tone marks as a secondary key.
pub fn collation_key(s: &str) -> (Vec<u32>, Vec<u32>) {
    const ALPHABET: &str = "aăâbcdđeêghiklmnoôơpqrstuưvxyfjwz";
    let mut primary = Vec::with_capacity(s.len());
    let mut secondary = Vec::with_capacity(s.len());
    for c in s.nfc().flat_map(char::to_lowercase) {
        // Split the tone mark from the base letter (which keeps its vowel-quality mark).
        let mut base = c;
        let mut tone = 0u32;
        let decomposed: Vec<char> = c.to_string().nfd().collect();
        if decomposed.len() > 1 {
            let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
            let kept: String = decomposed
                .iter()
                .filter(|m| {
                    if let Some(i) = tones.iter().position(|t| t == *m) {
                        tone = i as u32 + 1;
                        false
                    } else {
                        true
                    }
                })
                .collect();
            base = kept.nfc().next().unwrap_or(c);
        }
        let p = match ALPHABET.chars().position(|a| a == base) {
            Some(i) => 0x10_0000 + i as u32,
            None if base.is_ascii_digit() => base as u32,
            None => 0x20_0000 + base as u32,
        };
        primary.push(p);
        secondary.push(tone);
    }
    (primary, secondary)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII shortcut of `clean_cow` gives what the general path gives, for every string of
    /// up to five characters over spaces, letters, tabs, line ends and control characters.
    #[test]
    fn clean_cow_ascii_shortcut_agrees_with_the_general_path() {
        let alphabet = [
            ' ', 'a', 'B', '\t', '\n', '\r', '\u{0}', '\u{1f}', '\u{7f}', '~',
        ];
        let mut stack = vec![String::new()];
        let mut checked = 0;
        while let Some(s) = stack.pop() {
            let fast = clean_cow(&s);
            let general = clean_slow(&s);
            assert_eq!(fast, general, "{s:?}");
            // Borrowed exactly when the general path would change nothing.
            assert_eq!(
                matches!(fast, std::borrow::Cow::Borrowed(_)),
                general == s,
                "{s:?}"
            );
            checked += 1;
            if s.len() < 5 {
                for c in alphabet {
                    stack.push(format!("{s}{c}"));
                }
            }
        }
        assert_eq!(checked, 111_111);
    }

    #[test]
    fn clean_nfc_trims_and_collapses() {
        let nfd = "Pha\u{309}n  a\u{301}nh\t kiê\u{301}n nghi\u{323} ";
        assert_eq!(clean(nfd), "Phản ánh kiến nghị");
        assert_eq!(clean("\u{feff}  Hải\u{a0}Phòng "), "Hải Phòng");
        assert_eq!(clean(""), "");
    }

    #[test]
    fn clean_drops_control_and_format_characters() {
        for dirty in [
            "Phòng Tư\u{ad} pháp",
            "Phòng\u{0} Tư pháp",
            "\u{200e}Phòng Tư pháp\u{200f}",
            "Phòng \u{200d}Tư\u{2060} pháp\u{feff}",
            "\u{202b}Phòng Tư pháp\u{202c}",
            "Phòng Tư pháp\u{7}",
        ] {
            assert_eq!(clean(dirty), "Phòng Tư pháp", "{dirty:?}");
        }
        assert!(is_blank("\u{0}\u{ad}\u{200b} "));
        assert!(!is_invisible('\t') && !is_invisible('a') && !is_invisible('đ'));
    }

    #[test]
    fn fold_ignores_case_marks_punctuation() {
        assert_eq!(fold("Mã số"), "maso");
        assert_eq!(fold("ĐƠN VỊ XỬ LÝ"), "donvixuly");
        assert_eq!(fold("Cổng TTĐT"), "congttdt");
        assert_eq!(fold("Ngày nhận (đơn)"), "ngaynhandon");
        assert_eq!(fold("Pha\u{309}n a\u{301}nh"), fold("PHẢN ÁNH"));
    }

    #[test]
    fn collation_puts_d_stroke_after_d_and_before_e() {
        let mut v = vec![
            "Đất đai",
            "Môi trường",
            "An ninh",
            "Dân số",
            "Ẩm thực",
            "Lao động",
        ];
        v.sort_by_key(|s| collation_key(s));
        assert_eq!(
            v,
            vec![
                "An ninh",
                "Ẩm thực",
                "Dân số",
                "Đất đai",
                "Lao động",
                "Môi trường"
            ]
        );
    }
}
