//! The senders of the synthetic register: obviously fictitious names ("Nguyễn Văn Mẫu 0123",
//! "Công ty TNHH Mẫu 0042"), phones in the unallocated "0900 000 xxx" range, addresses on
//! "đường Mẫu, KCN Thử nghiệm", e-mails at `example.vn`.

use super::rng::Rng;
use super::text::push_padded;
use super::vocab::{G_EMAIL, G_FACEBOOK, G_HOTLINE, G_IN_PERSON, K_KN};

const FAMILY: [(&str, u32); 12] = [
    ("Nguyễn", 30),
    ("Trần", 12),
    ("Lê", 10),
    ("Phạm", 8),
    ("Hoàng", 6),
    ("Vũ", 5),
    ("Đặng", 4),
    ("Bùi", 4),
    ("Đỗ", 4),
    ("Ngô", 3),
    ("Dương", 2),
    ("Lý", 2),
];
const MIDDLE: [&str; 8] = ["Văn", "Thị", "Minh", "Đức", "Thanh", "Hữu", "Ngọc", "Quang"];

#[derive(Debug, Clone, Copy)]
pub(super) enum Phone {
    None,
    /// "0900 000 123"
    Spaced(u32),
    /// "0900012345"
    Compact(u32),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Person {
    pub(super) company: bool,
    pub(super) family: &'static str,
    pub(super) middle: &'static str,
    pub(super) num: u32,
    pub(super) phone: Phone,
    pub(super) house: u32,
    pub(super) email: bool,
}

impl Person {
    /// A sender of a case of kind group `kind_g` received through channel group `group`.
    pub(super) fn draw(rng: &mut Rng, kind_g: usize, group: usize) -> Person {
        let company = rng.chance(if kind_g == K_KN { 0.25 } else { 0.08 });
        let family = rng.pick(&FAMILY);
        let middle = MIDDLE[rng.below(MIDDLE.len() as u64) as usize];
        let num = rng.below(10_000) as u32;
        let phone_p = match group {
            G_HOTLINE => 0.95,
            G_IN_PERSON => 0.8,
            G_FACEBOOK => 0.3,
            _ => 0.4,
        };
        let phone = if rng.chance(phone_p) {
            if rng.chance(0.5) {
                Phone::Spaced(rng.below(1000) as u32)
            } else {
                Phone::Compact(rng.below(100_000) as u32)
            }
        } else {
            Phone::None
        };
        let house = if rng.chance(0.55) {
            rng.range(1, 199) as u32
        } else {
            0
        };
        let email = group == G_EMAIL || rng.chance(0.03);
        Person {
            company,
            family,
            middle,
            num,
            phone,
            house,
            email,
        }
    }
}

pub(super) fn push_name(s: &mut String, p: &Person) {
    if p.company {
        s.push_str("Công ty TNHH Mẫu ");
    } else {
        s.push_str(p.family);
        s.push(' ');
        s.push_str(p.middle);
        s.push_str(" Mẫu ");
    }
    push_padded(s, p.num as u64, 4);
}

pub(super) fn push_phone(s: &mut String, phone: Phone) {
    match phone {
        Phone::None => {}
        Phone::Spaced(n) => {
            s.push_str("0900 000 ");
            push_padded(s, n as u64, 3);
        }
        Phone::Compact(n) => {
            s.push_str("09000");
            push_padded(s, n as u64, 5);
        }
    }
}

pub(super) fn push_address(s: &mut String, house: u32) {
    if house > 0 {
        s.push_str("Số ");
        push_padded(s, house as u64, 1);
        s.push_str(", đường Mẫu, KCN Thử nghiệm, Hải Phòng");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::is_nfc;

    #[test]
    fn names_are_nfc_and_look_synthetic() {
        for s in FAMILY.iter().map(|v| v.0).chain(MIDDLE) {
            assert!(is_nfc(s), "{s:?} is not NFC");
        }
        let mut rng = Rng::new(3);
        for _ in 0..500 {
            let p = Person::draw(&mut rng, K_KN, G_HOTLINE);
            let mut s = String::new();
            push_name(&mut s, &p);
            assert!(s.contains(" Mẫu "), "{s}");
            s.clear();
            push_phone(&mut s, p.phone);
            assert!(s.is_empty() || s.starts_with("0900"), "{s}");
            s.clear();
            push_address(&mut s, p.house);
            assert!(
                s.is_empty() || s.ends_with("đường Mẫu, KCN Thử nghiệm, Hải Phòng"),
                "{s}"
            );
        }
    }
}
