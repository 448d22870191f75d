//! Vocabularies of the synthetic register (all NFC): the spellings it writes with their
//! weights, and the shares of channels, kinds, categories and departments.
//!
//! The spellings are those of the shipped `report-templates/vocabulary.toml`, which the report
//! reads them with; the test below checks every one of them against it (the deliberately
//! unknown ones included), so the two cannot drift apart.

/// Channel groups of the Register style: (share %, weekend factor, spellings with weights).
pub(super) type Variants = &'static [(&'static str, u32)];
pub(super) const CHANNELS: [(f64, f64, Variants); 7] = [
    // hotline
    (
        35.0,
        0.12,
        &[("Đường dây nóng", 60), ("Hotline", 25), ("Điện thoại", 15)],
    ),
    // facebook
    (25.0, 0.7, &[("Facebook", 70), ("Fanpage", 30)]),
    // in person
    (12.0, 0.02, &[("Trực tiếp", 65), ("Tiếp công dân", 35)]),
    // letter
    (
        10.0,
        0.03,
        &[("Đơn thư", 50), ("Bưu điện", 20), ("Văn bản", 30)],
    ),
    // e-mail
    (6.0, 0.45, &[("Email", 70), ("Thư điện tử", 30)]),
    // portal
    (
        7.0,
        0.45,
        &[("Cổng thông tin điện tử", 50), ("Cổng dịch vụ công", 50)],
    ),
    // transferred
    (
        5.0,
        0.02,
        &[
            ("UBND chuyển", 40),
            ("Thanh tra chuyển", 25),
            ("Cơ quan khác chuyển đến", 35),
        ],
    ),
];
pub(super) const G_HOTLINE: usize = 0;
pub(super) const G_FACEBOOK: usize = 1;
pub(super) const G_IN_PERSON: usize = 2;
pub(super) const G_EMAIL: usize = 4;
pub(super) const G_PORTAL: usize = 5;

/// The Facebook inbox has one channel group with its own spellings.
pub(super) const FB_CHANNEL: (f64, f64, Variants) = (
    100.0,
    0.7,
    &[
        ("Facebook", 40),
        ("Fanpage", 25),
        ("Trang Facebook", 15),
        ("Messenger", 20),
    ],
);

/// Values no vocabulary knows: the report tool counts them as `other` and warns.
pub(super) const UNKNOWN_CHANNELS: [(&str, u32); 3] =
    [("Zalo", 60), ("Zalo OA", 25), ("Tin nhắn Zalo", 15)];

/// Kind groups: indexes of `normalize::vocab::KIND_CODES`.
pub(super) const K_PA: usize = 0;
pub(super) const K_KN: usize = 1;
pub(super) const K_KNAI: usize = 2;
pub(super) const K_TC: usize = 3;
pub(super) const KIND_WEIGHTS: [u32; 4] = [50, 32, 12, 6];
/// Per kind group: (probability of the rarer spelling, rarer spelling, usual spelling).
pub(super) const KIND_SPELLINGS: [(f64, &str, &str); 4] = [
    (0.03, "PA", "Phản ánh"),
    (0.03, "KN", "Kiến nghị"),
    (0.3, "Đơn khiếu nại", "Khiếu nại"),
    (0.3, "Đơn tố cáo", "Tố cáo"),
];

pub(super) const DEPARTMENTS: [&str; 8] = [
    "Văn phòng",
    "Phòng Quản lý Đầu tư",
    "Phòng Quản lý Doanh nghiệp",
    "Phòng Quản lý Lao động",
    "Phòng Quản lý Tài nguyên và Môi trường",
    "Phòng Quản lý Quy hoạch và Xây dựng",
    "Phòng Kế hoạch - Tổng hợp",
    "Trung tâm Dịch vụ hỗ trợ doanh nghiệp",
];
/// Spelling variants clerks use (written for about 4 % of the rows of each department).
pub(super) const DEPARTMENT_VARIANTS: [[&str; 2]; 8] = [
    ["VP", "Văn phòng Ban"],
    ["P. Quản lý Đầu tư", "P. QLĐT"],
    ["P. Quản lý Doanh nghiệp", "P. QLDN"],
    ["P. Quản lý Lao động", "Phòng QL Lao động"],
    ["P. Quản lý Tài nguyên và Môi trường", "Phòng QL TN&MT"],
    ["P. Quản lý Quy hoạch và Xây dựng", "P. QH-XD"],
    ["P. Kế hoạch - Tổng hợp", "Phòng KH-TH"],
    ["TT Dịch vụ hỗ trợ doanh nghiệp", "Trung tâm DVHTDN"],
];

/// (name, weight, departments with weights, content templates)
pub(super) type Category = (
    &'static str,
    u32,
    &'static [(usize, u32)],
    &'static [&'static str],
);
pub(super) const CATEGORIES: [Category; 10] = [
    (
        "Đầu tư",
        10,
        &[(1, 80), (7, 10), (6, 10)],
        &[
            "Đề nghị hướng dẫn thủ tục điều chỉnh giấy chứng nhận đăng ký đầu tư của dự án mẫu.",
            "Phản ánh dự án chậm triển khai, để đất trống nhiều năm trong KCN Thử nghiệm.",
            "Kiến nghị rút ngắn thời gian thẩm định hồ sơ dự án đầu tư mở rộng.",
        ],
    ),
    (
        "Doanh nghiệp",
        9,
        &[(2, 70), (7, 25), (0, 5)],
        &[
            "Doanh nghiệp mẫu đề nghị giải đáp quy định về báo cáo tình hình hoạt động.",
            "Phản ánh doanh nghiệp ngừng hoạt động nhưng chưa thanh toán công nợ cho nhà cung cấp.",
            "Đề nghị hỗ trợ kết nối doanh nghiệp trong KCN với nhà cung cấp địa phương.",
        ],
    ),
    (
        "Lao động",
        18,
        &[(3, 90), (2, 5), (0, 5)],
        &[
            "Người lao động phản ánh công ty mẫu chậm trả lương tháng trước.",
            "Khiếu nại việc công ty chấm dứt hợp đồng lao động không đúng quy định.",
            "Phản ánh công ty không đóng bảo hiểm xã hội cho người lao động.",
            "Đề nghị làm rõ chế độ làm thêm giờ tại nhà máy mẫu.",
        ],
    ),
    (
        "Môi trường",
        15,
        &[(4, 92), (5, 8)],
        &[
            "Phản ánh khói bụi và mùi hôi từ nhà máy trong KCN Thử nghiệm.",
            "Phản ánh nước thải chưa qua xử lý chảy ra kênh thoát nước chung.",
            "Phản ánh tiếng ồn từ xưởng sản xuất vào ban đêm, ảnh hưởng khu dân cư.",
        ],
    ),
    (
        "Xây dựng",
        9,
        &[(5, 90), (4, 5), (1, 5)],
        &[
            "Phản ánh công trình nhà xưởng xây dựng sai giấy phép trong KCN Thử nghiệm.",
            "Đề nghị kiểm tra công trình có dấu hiệu mất an toàn khi thi công.",
            "Kiến nghị hướng dẫn thủ tục cấp phép xây dựng nhà xưởng mở rộng.",
        ],
    ),
    (
        "Đất đai",
        7,
        &[(4, 55), (5, 45)],
        &[
            "Kiến nghị về tiến độ bồi thường, giải phóng mặt bằng dự án mẫu.",
            "Khiếu nại về giá đất bồi thường khi thu hồi đất làm KCN.",
            "Phản ánh doanh nghiệp lấn chiếm đất hành lang đường nội bộ.",
        ],
    ),
    (
        "Thủ tục hành chính",
        11,
        &[(0, 45), (7, 40), (6, 15)],
        &[
            "Phản ánh thời gian giải quyết hồ sơ cấp giấy phép lao động kéo dài.",
            "Đề nghị hướng dẫn nộp hồ sơ trực tuyến trên cổng dịch vụ công.",
            "Phản ánh cán bộ tiếp nhận hồ sơ hướng dẫn chưa rõ ràng.",
        ],
    ),
    (
        "Hạ tầng khu công nghiệp",
        11,
        &[(5, 55), (6, 35), (1, 10)],
        &[
            "Phản ánh đường nội bộ KCN Thử nghiệm xuống cấp, nhiều ổ gà.",
            "Phản ánh hệ thống chiếu sáng trong KCN không hoạt động.",
            "Kiến nghị bổ sung tuyến xe buýt đưa đón công nhân.",
        ],
    ),
    (
        "Xuất nhập khẩu",
        5,
        &[(2, 60), (1, 30), (7, 10)],
        &[
            "Đề nghị hướng dẫn thủ tục xác nhận xuất xứ hàng hóa.",
            "Phản ánh vướng mắc thủ tục nhập khẩu máy móc cho dự án mẫu.",
        ],
    ),
    (
        "An ninh trật tự",
        5,
        &[(0, 70), (3, 30)],
        &[
            "Phản ánh tình trạng mất trộm tài sản của công nhân tại khu nhà trọ.",
            "Phản ánh tụ tập gây mất trật tự trước cổng nhà máy.",
            "Tố cáo hành vi thu tiền trái phép tại khu vực chợ công nhân (nội dung mẫu).",
        ],
    ),
];

pub(super) const OPEN_NEW: &str = "Mới tiếp nhận";
pub(super) const OPEN_ONGOING: &str = "Đang xử lý";
pub(super) const SATISFACTION: [&str; 4] =
    ["Rất hài lòng", "Hài lòng", "Bình thường", "Không hài lòng"];

/// Complexity as written on khiếu nại and tố cáo, with weights; the term of each comes from
/// the deadline rules through its code in the shipped vocabulary.
pub(super) const KNAI_COMPLEXITY: [(&str, u32); 3] = [("", 55), ("Không", 25), ("Phức tạp", 20)];
pub(super) const TC_COMPLEXITY: [(&str, u32); 4] = [
    ("", 55),
    ("Không", 25),
    ("Phức tạp", 15),
    ("Đặc biệt phức tạp", 5),
];

/// A kind no vocabulary knows (a deliberately bad row).
pub(super) const UNKNOWN_KIND: &str = "Góp ý khác";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::normalize::vocab::{CHANNEL_CODES, KIND_CODES, Vocabulary};
    use unicode_normalization::is_nfc;

    #[test]
    fn vocabulary_is_nfc() {
        let mut all: Vec<&str> = vec![];
        all.extend(DEPARTMENTS);
        all.extend(DEPARTMENT_VARIANTS.iter().flatten());
        all.extend(SATISFACTION);
        for c in CATEGORIES {
            all.push(c.0);
            all.extend(c.3);
        }
        for g in CHANNELS.iter().chain([&FB_CHANNEL]) {
            all.extend(g.2.iter().map(|v| v.0));
        }
        for (_, rare, usual) in KIND_SPELLINGS {
            all.extend([rare, usual]);
        }
        all.extend(KNAI_COMPLEXITY.iter().chain(&TC_COMPLEXITY).map(|v| v.0));
        for s in all {
            assert!(is_nfc(s), "{s:?} is not NFC");
        }
    }

    #[test]
    fn spellings_are_those_of_the_shipped_vocabulary() {
        let v = Vocabulary::new(&Config::default()).unwrap();
        for (i, group) in CHANNELS.iter().enumerate() {
            for (s, _) in group.2 {
                assert_eq!(v.channel.code(s), Some(CHANNEL_CODES[i]), "{s}");
            }
        }
        for (s, _) in FB_CHANNEL.2 {
            assert_eq!(v.channel.code(s), Some("facebook"), "{s}");
        }
        for (s, _) in UNKNOWN_CHANNELS {
            assert_eq!(v.channel.code(s), None, "{s} must stay unknown");
        }
        for (i, (_, rare, usual)) in KIND_SPELLINGS.into_iter().enumerate() {
            assert_eq!(v.kind.code(rare), Some(KIND_CODES[i]), "{rare}");
            assert_eq!(v.kind.code(usual), Some(KIND_CODES[i]), "{usual}");
        }
        assert_eq!(
            [K_PA, K_KN, K_KNAI, K_TC].map(|k| KIND_CODES[k]),
            ["phan_anh", "kien_nghi", "khieu_nai", "to_cao"]
        );
        assert_eq!(v.kind.code(UNKNOWN_KIND), None);
        for s in [OPEN_NEW, OPEN_ONGOING] {
            assert_eq!(v.status.code(s), Some("open"), "{s}");
        }
        let sat = SATISFACTION.map(|s| v.satisfaction.code(s));
        assert_eq!(
            sat,
            [
                Some("satisfied"),
                Some("satisfied"),
                Some("not_satisfied"),
                Some("not_satisfied")
            ]
        );
        for (s, _) in KNAI_COMPLEXITY.iter().chain(&TC_COMPLEXITY) {
            if !s.is_empty() {
                assert!(v.complexity.code(s).is_some(), "{s}");
            }
        }
    }
}
