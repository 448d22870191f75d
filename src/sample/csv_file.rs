//! The register as CSV: comma-separated for the Register style, the Facebook inbox's `;` with a
//! UTF-8 BOM; CRLF line ends.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use super::SampleStyle;
use super::case::*;
use super::dates::ymd;
use super::generator::Generator;
use super::layout::{FB_HEADER, REGISTER_HEADER, REGISTER_TITLE, period_line};
use super::people::{push_address, push_name, push_phone};
use super::text::*;
use crate::error::{Error, Result};

/// One CSV record built in a reused buffer.
struct Rec {
    buf: String,
    ends: Vec<usize>,
    scratch: String,
    scratch2: String,
}

impl Rec {
    fn new() -> Self {
        Rec {
            buf: String::with_capacity(1024),
            ends: Vec::with_capacity(32),
            scratch: String::with_capacity(512),
            scratch2: String::with_capacity(512),
        }
    }
    fn clear(&mut self) {
        self.buf.clear();
        self.ends.clear();
    }
    fn end(&mut self) {
        self.ends.push(self.buf.len());
    }
    fn str(&mut self, s: &str) {
        self.buf.push_str(s);
        self.end();
    }
    fn text(&mut self, s: &str, mode: u8) {
        push_text(&mut self.buf, s, mode, &mut self.scratch2);
        self.end();
    }
    fn date(&mut self, d: Option<DateV>) {
        if let Some(d) = d {
            push_date(&mut self.buf, d.day);
        }
        self.end();
    }
    fn fields(&self) -> impl Iterator<Item = &[u8]> {
        let bytes = self.buf.as_bytes();
        let mut start = 0;
        self.ends.iter().map(move |&e| {
            let f = &bytes[start..e];
            start = e;
            f
        })
    }
}

fn fill_register_csv(rec: &mut Rec, c: &Case, prefix: &str) {
    rec.clear();
    push_padded(&mut rec.buf, c.stt as u64, 1);
    rec.end();
    push_id(&mut rec.buf, prefix, c.id);
    rec.end();
    if c.bad == Some(Bad::UnreadableReceipt) {
        rec.buf.push_str("31/02/");
        push_padded(&mut rec.buf, ymd(c.received.day).0.max(0) as u64, 4);
    } else {
        push_date(&mut rec.buf, c.received.day);
        rec.buf.push(' ');
        push_time(&mut rec.buf, c.received.secs, false);
    }
    rec.end();
    rec.str(c.channel);
    rec.str(c.kind);
    rec.str(c.category);
    rec.str(c.department);
    rec.date(c.assigned);
    rec.date(c.accepted);
    rec.date(c.due);
    rec.date(c.responded);
    rec.date(c.resolved);
    rec.str(c.status);
    rec.str(c.complexity);
    rec.str(c.satisfaction);
    rec.str(c.forms.competence);
    rec.str(c.forms.attempt);
    rec.str(c.forms.outcome);
    rec.str(c.forms.signers);
    push_name(&mut rec.buf, &c.person);
    rec.end();
    push_phone(&mut rec.buf, c.person.phone);
    rec.end();
    push_address(&mut rec.buf, c.person.house);
    rec.end();
    push_content(&mut rec.buf, c, false);
    rec.end();
}

fn fill_fb_csv(rec: &mut Rec, c: &Case, prefix: &str) {
    rec.clear();
    push_id(&mut rec.buf, prefix, c.id);
    rec.end();
    if c.bad == Some(Bad::UnreadableReceipt) {
        rec.buf.push_str("31/02/");
        push_padded(&mut rec.buf, ymd(c.received.day).0.max(0) as u64, 4);
        rec.buf.push(' ');
    } else {
        push_date(&mut rec.buf, c.received.day);
        rec.buf.push(' ');
    }
    push_time(&mut rec.buf, c.received.secs, true);
    rec.end();
    rec.text(c.channel, c.modes[T_CHANNEL]);
    rec.text(c.kind, c.modes[T_KIND]);
    rec.text(c.category, c.modes[T_CATEGORY]);
    rec.text(c.department, c.modes[T_DEPT]);
    rec.date(c.assigned);
    rec.date(c.due);
    rec.date(c.responded);
    rec.date(c.resolved);
    rec.text(c.status, c.modes[T_STATUS]);
    if c.rating > 0 {
        push_padded(&mut rec.buf, c.rating as u64, 1);
    }
    rec.end();
    rec.str(c.forms.attempt);
    rec.str(c.forms.outcome);
    rec.scratch.clear();
    push_name(&mut rec.scratch, &c.person);
    let name = std::mem::take(&mut rec.scratch);
    rec.text(&name, c.modes[T_NAME]);
    rec.scratch = name;
    rec.scratch.clear();
    push_content(&mut rec.scratch, c, true);
    let content = std::mem::take(&mut rec.scratch);
    rec.text(&content, c.modes[T_CONTENT]);
    rec.scratch = content;
}

pub(super) fn write_csv(g: &mut Generator, tmp: &Path, out: &Path) -> Result<()> {
    let io_err = |e: &dyn std::fmt::Display| {
        Error::file(out, format!("không ghi được tệp (cannot write file): {e}"))
    };
    let file = File::create(tmp).map_err(|e| io_err(&e))?;
    let mut w = BufWriter::with_capacity(1 << 17, file);
    let fb = g.style == SampleStyle::FacebookInbox;
    if fb {
        w.write_all(b"\xEF\xBB\xBF").map_err(|e| io_err(&e))?;
    }
    let mut wtr = csv::WriterBuilder::new()
        .delimiter(if fb { b';' } else { b',' })
        .terminator(csv::Terminator::CRLF)
        .from_writer(w);
    let prefix = g.prefix.clone();
    let width = if fb {
        FB_HEADER.len()
    } else {
        REGISTER_HEADER.len()
    };
    let blank: Vec<&str> = vec![""; width];
    if fb {
        wtr.write_record(FB_HEADER).map_err(|e| io_err(&e))?;
    } else {
        let period = period_line(g);
        for title in [REGISTER_TITLE[0], REGISTER_TITLE[1], period.as_str()] {
            let mut row = blank.clone();
            row[0] = title;
            wtr.write_record(&row).map_err(|e| io_err(&e))?;
        }
        wtr.write_record(&blank).map_err(|e| io_err(&e))?;
        wtr.write_record(REGISTER_HEADER).map_err(|e| io_err(&e))?;
    }
    let mut rec = Rec::new();
    while let Some(row) = g.next_row() {
        match row {
            Row::Blank => wtr.write_record(&blank).map_err(|e| io_err(&e))?,
            Row::Case(c) => {
                if fb {
                    fill_fb_csv(&mut rec, &c, &prefix);
                } else {
                    fill_register_csv(&mut rec, &c, &prefix);
                }
                wtr.write_record(rec.fields()).map_err(|e| io_err(&e))?;
            }
        }
    }
    if !fb {
        let count = g.cases_written.to_string();
        let mut row = blank.clone();
        row[0] = "Tổng cộng";
        row[2] = &count;
        wtr.write_record(&row).map_err(|e| io_err(&e))?;
        g.rows_written += 1;
    }
    let w = wtr.into_inner().map_err(|e| io_err(&e.error()))?;
    w.into_inner().map_err(|e| io_err(&e.error()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::SampleStyle;
    use super::super::layout::FB_HEADER;
    use super::super::test_support::*;
    use chrono::NaiveDate;
    use unicode_normalization::{UnicodeNormalization, is_nfc};

    #[test]
    fn register_csv_layout() {
        let o = opts(50, 1, SampleStyle::Register, 0);
        let (bytes, _) = generate(&o, "csv");
        assert!(!bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes).unwrap();
        let mut lines = text.split("\r\n");
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG,")
        );
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("\"SỔ THEO DÕI TIẾP NHẬN, XỬ LÝ")
        );
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("(Từ ngày 01/01/2025 đến ngày 20/05/2026),")
        );
        assert_eq!(lines.next().unwrap(), ",".repeat(22));
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("STT,Mã hồ sơ,Ngày tiếp nhận,")
        );
        let first = lines.next().unwrap();
        assert!(first.starts_with("1,BQL-2025-000001,"), "{first}");
    }

    #[test]
    fn facebook_inbox_has_bom_semicolons_and_messy_text() {
        let (bytes, report) = generate(&opts(3000, 5, SampleStyle::FacebookInbox, 0), "csv");
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert!(text.starts_with(
            "Mã PAKN;Thời gian tiếp nhận;Nguồn tiếp nhận;Phân loại;Nhóm lĩnh vực;Đơn vị được giao;"
        ));
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.as_bytes());
        let headers = rdr.headers().unwrap().clone();
        assert_eq!(headers.iter().collect::<Vec<_>>(), FB_HEADER);
        let (mut nfd, mut texts, mut multiline, mut odd, mut rated) = (0, 0, 0, 0, 0);
        let mut n = 0;
        for r in rdr.records() {
            let r = r.unwrap();
            n += 1;
            assert!(r[0].starts_with("FB-20"));
            assert!(
                NaiveDate::parse_from_str(&r[1][..10], "%d/%m/%Y").is_ok() && r[1].len() == 19,
                "{}",
                &r[1]
            );
            let ch: String = r[2].nfc().collect::<String>();
            let ch = ch
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            assert!(
                ["facebook", "fanpage", "trang facebook", "messenger"].contains(&ch.as_str()),
                "{ch}"
            );
            for col in [3, 4, 5, 10, 14, 15] {
                let v = &r[col];
                if !v.is_ascii() {
                    texts += 1;
                    nfd += usize::from(!is_nfc(v));
                }
                odd += usize::from(v.starts_with("  ") || (v.len() > 3 && *v == v.to_uppercase()));
            }
            multiline += usize::from(r[15].contains('\n') && r[15].contains(';'));
            if !r[11].is_empty() {
                let v: u8 = r[11].parse().unwrap();
                assert!((1..=5).contains(&v));
                rated += 1;
            }
        }
        assert_eq!(n, report.rows_written);
        let nfd_share = nfd as f64 / texts as f64;
        assert!((0.25..0.42).contains(&nfd_share), "NFD share {nfd_share}");
        assert!(odd > 50, "odd spacing/case values: {odd}");
        assert!(multiline > 100, "multi-line contents: {multiline}");
        assert!(rated > 300);
        assert!(
            text.contains("\"Kính gửi Ban Quản lý;\r\n")
                || text.contains("\"Kính gửi Ban Quản lý;\n")
        );
    }
}
