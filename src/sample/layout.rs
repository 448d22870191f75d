//! The two layouts of the register (`SampleStyle`): title rows, header names, column widths.
//!
//! Every header name is one the shipped vocabulary reads (checked by the test below).

use super::generator::Generator;
use super::text::push_date;

pub(super) const REGISTER_TITLE: [&str; 2] = [
    "BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG",
    "SỔ THEO DÕI TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ, KHIẾU NẠI, TỐ CÁO",
];
pub(super) const REGISTER_HEADER: [&str; 23] = [
    "STT",
    "Mã hồ sơ",
    "Ngày tiếp nhận",
    "Kênh tiếp nhận",
    "Loại đơn",
    "Lĩnh vực",
    "Đơn vị xử lý",
    "Ngày giao",
    "Ngày thụ lý",
    "Hạn xử lý",
    "Ngày phản hồi",
    "Ngày hoàn thành",
    "Trạng thái",
    "Mức độ phức tạp",
    "Mức độ hài lòng",
    "Thẩm quyền",
    "Lần giải quyết",
    "Kết quả giải quyết",
    "Số người đứng tên",
    "Họ tên",
    "Số điện thoại",
    "Địa chỉ",
    "Nội dung",
];
pub(super) const REGISTER_WIDTHS: [f64; 23] = [
    7.0, 17.0, 16.0, 20.0, 13.0, 22.0, 34.0, 11.0, 11.0, 11.0, 13.0, 15.0, 14.0, 15.0, 15.0, 20.0,
    13.0, 24.0, 12.0, 24.0, 14.0, 40.0, 60.0,
];
pub(super) const FB_HEADER: [&str; 16] = [
    "Mã PAKN",
    "Thời gian tiếp nhận",
    "Nguồn tiếp nhận",
    "Phân loại",
    "Nhóm lĩnh vực",
    "Đơn vị được giao",
    "Ngày chuyển xử lý",
    "Hạn trả lời",
    "Ngày trả lời",
    "Ngày kết thúc",
    "Tình trạng",
    "Đánh giá",
    "Lần khiếu nại",
    "Kết luận giải quyết",
    "Người gửi",
    "Nội dung",
];
pub(super) const FB_WIDTHS: [f64; 16] = [
    16.0, 20.0, 16.0, 12.0, 22.0, 34.0, 16.0, 12.0, 12.0, 13.0, 14.0, 9.0, 13.0, 24.0, 24.0, 60.0,
];

pub(super) const XLSX_MAX_ROWS: usize = 1_048_576;

/// The Register's third title row: "(Từ ngày dd/mm/yyyy đến ngày dd/mm/yyyy)".
pub(super) fn period_line(g: &Generator) -> String {
    let mut s = String::from("(Từ ngày ");
    push_date(&mut s, g.from_day);
    s.push_str(" đến ngày ");
    push_date(&mut s, g.to_day);
    s.push(')');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::normalize::vocab::Vocabulary;
    use crate::text::fold;
    use unicode_normalization::is_nfc;

    #[test]
    fn headers_are_known_to_the_shipped_vocabulary_and_nfc() {
        let v = Vocabulary::new(&Config::default()).unwrap();
        for h in REGISTER_HEADER.iter().chain(&FB_HEADER) {
            assert!(v.is_known_header(&fold(h)), "{h}");
        }
        for s in REGISTER_TITLE
            .iter()
            .chain(&REGISTER_HEADER)
            .chain(&FB_HEADER)
        {
            assert!(is_nfc(s), "{s:?} is not NFC");
        }
        assert_eq!(REGISTER_HEADER.len(), REGISTER_WIDTHS.len());
        assert_eq!(FB_HEADER.len(), FB_WIDTHS.len());
    }
}
