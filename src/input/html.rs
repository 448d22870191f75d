//! HTML tables saved as ".xls": what the "Xuất Excel" button of many government systems writes
//! (Excel opens them with a warning). Every `<tr>` of the page, in order, is a row; its `<td>` and
//! `<th>` cells are text (a `colspan` cell is followed by empty cells, so columns stay in place).
//! The rows then go through the same header detection, rules and accounting as any other file.

use std::path::Path;

use super::{Cell, Flow, Row};
use crate::error::{Error, Result};

struct HtmlRow {
    cells: Vec<String>,
}

impl Row for HtmlRow {
    fn len(&self) -> usize {
        self.cells.len()
    }
    fn cell(&self, i: usize) -> Cell<'_> {
        match self.cells.get(i) {
            None => Cell::Empty,
            Some(t) if t.is_empty() => Cell::Empty,
            Some(t) => Cell::Text(t),
        }
    }
}

/// Largest colspan honoured (a bigger one is a broken page, not a wider table).
const MAX_COLSPAN: usize = 256;

/// The page's text: UTF-8 (with or without BOM) or UTF-16 with its byte-order mark.
fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    let utf16 = |be: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if be {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if bytes.starts_with(b"\xFF\xFE") {
        return Ok(utf16(false));
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Ok(utf16(true));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(body.to_vec()).map_err(|e| {
        Error::file(
            path,
            format!(
                "trang HTML không mã hóa UTF-8 (byte {}) — hãy mở bằng Excel và lưu thành .xlsx (the HTML page is not UTF-8; open it in Excel and save as .xlsx)",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// Replaces the character references of HTML text (`&amp;`, `&nbsp;`, `&#7871;`, `&#x1EBF;` …).
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(';').map(|j| j + 1).filter(|&j| j <= 10);
        let decoded = end.and_then(|j| {
            let name = &rest[1..j];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            };
            c.map(|c| (c, j + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

pub fn for_each_row(
    path: &Path,
    visit: &mut dyn FnMut(u32, &dyn Row) -> Result<Flow>,
) -> Result<()> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::file(path, format!("không đọc được tệp (cannot read): {e}")))?;
    let text = decode(path, &bytes)?;
    let dom = tl::parse(&text, tl::ParserOptions::default()).map_err(|e| {
        Error::file(
            path,
            format!("trang HTML không đọc được (cannot parse the HTML page): {e}"),
        )
    })?;
    let parser = dom.parser();
    let Some(trs) = dom.query_selector("tr") else {
        return Ok(());
    };
    let mut row = HtmlRow { cells: Vec::new() };
    let mut any = false;
    for (i, tr) in trs.enumerate() {
        any = true;
        row.cells.clear();
        let Some(tag) = tr.get(parser).and_then(|n| n.as_tag()) else {
            continue;
        };
        for child in tag.children().top().iter() {
            let Some(cell) = child.get(parser).and_then(|n| n.as_tag()) else {
                continue;
            };
            let name = cell.name().as_utf8_str().to_ascii_lowercase();
            if name != "td" && name != "th" {
                continue;
            }
            row.cells.push(unescape(&cell.inner_text(parser)));
            let span = cell
                .attributes()
                .get("colspan")
                .flatten()
                .and_then(|v| v.as_utf8_str().trim().parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, MAX_COLSPAN);
            for _ in 1..span {
                row.cells.push(String::new());
            }
        }
        if visit(i as u32 + 1, &row)? == Flow::Stop {
            break;
        }
    }
    if !any {
        return Err(Error::file(
            path,
            "trang HTML không có bảng nào (the HTML page holds no table)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes_references() {
        assert_eq!(
            unescape("Ph&#7843;n &aacute;nh &amp; x"),
            "Phản &aacute;nh & x"
        );
        assert_eq!(unescape("Ki&#x1EBF;n ngh&#x1ECB;&nbsp;"), "Kiến nghị\u{a0}");
        assert_eq!(unescape("a & b"), "a & b");
    }
}
