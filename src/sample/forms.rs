//! The optional columns of the Inspectorate's forms (docs/FORMS.md) in the synthetic register.

use super::vocab::{K_KNAI, K_TC};

/// Optional register columns read for the Inspectorate's forms. They are drawn from a stream of
/// their own (a hash of the seed and the row), so adding them left every other value as it was.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct FormFields {
    pub(super) competence: &'static str,
    pub(super) attempt: &'static str,
    pub(super) outcome: &'static str,
    pub(super) signers: &'static str,
}

/// A uniform number in [0, 1) from the seed, the row and a draw number (SplitMix64 finaliser).
fn form_draw(seed: u64, stt: usize, k: u64) -> f64 {
    let mut z = seed
        .wrapping_add((stt as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(k.wrapping_mul(0xD1B5_4A32_D192_ED03));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// The form columns of a case, consistent with its kind and status: cases transferred or guided
/// are outside competence; every settled khiếu nại or tố cáo has an outcome (right / wrong /
/// partly for a first decision, upheld / overturned for a second complaint).
pub(super) fn form_fields(
    seed: u64,
    stt: usize,
    kind_g: usize,
    status: &str,
    resolved: bool,
) -> FormFields {
    let d = |k| form_draw(seed, stt, k);
    let competence = match status {
        "Đã chuyển đơn" | "Hướng dẫn" => "Không thuộc thẩm quyền",
        "Lưu đơn" => "",
        _ if d(1) < 0.9 => "Thuộc thẩm quyền",
        _ => "",
    };
    let a = d(2);
    let attempt = match kind_g {
        K_TC if a < 0.82 => "Lần đầu",
        K_TC => "Tố cáo tiếp",
        K_KNAI if a < 0.78 => "Lần đầu",
        K_KNAI if a < 0.96 => "Lần 2",
        K_KNAI => "Nhiều lần",
        _ if a < 0.88 => "Lần đầu",
        _ if a < 0.97 => "2",
        _ => "Nhiều lần",
    };
    let settled = resolved && matches!(status, "Đã giải quyết" | "Hoàn thành" | "Đã trả lời" | "");
    let o = d(3);
    let outcome = match kind_g {
        K_KNAI if settled && attempt == "Lần đầu" => {
            if o < 0.25 {
                "Đúng"
            } else if o < 0.75 {
                "Sai"
            } else {
                "Đúng một phần"
            }
        }
        K_KNAI if settled => {
            if o < 0.7 {
                "Công nhận quyết định lần đầu"
            } else {
                "Hủy, sửa quyết định lần đầu"
            }
        }
        K_TC if settled => {
            if o < 0.3 {
                "Đúng"
            } else if o < 0.7 {
                "Sai"
            } else {
                "Có đúng có sai"
            }
        }
        _ => "",
    };
    let g = d(4);
    let signers = if g < 0.9 {
        "1"
    } else if g < 0.95 {
        "Nhiều người"
    } else if g < 0.98 {
        "5"
    } else {
        "Đơn khác"
    };
    FormFields {
        competence,
        attempt,
        outcome,
        signers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::normalize::vocab::Vocabulary;

    #[test]
    fn values_are_read_by_the_shipped_vocabulary() {
        let v = Vocabulary::new(&Config::default()).unwrap();
        let (mut competence, mut attempt, mut outcome, mut signers) = (0, 0, 0, 0);
        for stt in 1..2000 {
            for (kind_g, status) in [
                (0, "Đã giải quyết"),
                (1, "Hướng dẫn"),
                (K_KNAI, "Hoàn thành"),
                (K_KNAI, "Lưu đơn"),
                (K_TC, ""),
                (K_TC, "Đã chuyển đơn"),
            ] {
                let f = form_fields(7, stt, kind_g, status, true);
                let known = |code: Option<&str>, s: &str| {
                    assert!(code.is_some(), "{s:?} unknown");
                    1
                };
                if !f.competence.is_empty() {
                    competence += known(v.competence.code(f.competence), f.competence);
                }
                // A number is read as a number (2 = lần hai, 5 = many signers).
                if f.attempt.parse::<u32>().is_err() {
                    attempt += known(v.attempt.code(f.attempt), f.attempt);
                }
                if !f.outcome.is_empty() {
                    outcome += known(v.outcome.code(f.outcome), f.outcome);
                }
                if f.signers.parse::<u32>().is_err() {
                    signers += known(v.signatories.code(f.signers), f.signers);
                }
            }
        }
        assert!(competence > 1000 && attempt > 1000 && outcome > 1000 && signers > 100);
    }
}
