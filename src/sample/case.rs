//! One row of the synthetic register as generated, before it is written as text or cells.

use super::forms::FormFields;
use super::people::Person;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Bad {
    BlankId,
    UnreadableReceipt,
    UnknownKind,
    ResolvedBeforeReceipt,
    ClosedWithoutResolved,
    DuplicateId,
}
pub(super) const BAD_ROTATION: [Bad; 6] = [
    Bad::BlankId,
    Bad::UnreadableReceipt,
    Bad::UnknownKind,
    Bad::ResolvedBeforeReceipt,
    Bad::ClosedWithoutResolved,
    Bad::DuplicateId,
];

/// A date in the register; `secs` is the time of day when `has_time`. `as_text`: an xlsx cell
/// typed by a clerk as "dd/mm/yyyy" text instead of a date cell.
#[derive(Debug, Clone, Copy)]
pub(super) struct DateV {
    pub(super) day: i32,
    pub(super) secs: u32,
    pub(super) has_time: bool,
    pub(super) as_text: bool,
}

impl DateV {
    pub(super) fn date(day: i32) -> Self {
        DateV {
            day,
            secs: 0,
            has_time: false,
            as_text: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Id {
    Blank,
    Seq { year: i32, n: u32 },
}

/// Text-mode bits for the Facebook inbox (a third NFD, a few odd spacing or case).
pub(super) const M_NFD: u8 = 1;
pub(super) const M_UPPER: u8 = 2;
pub(super) const M_SPACED: u8 = 4;
/// Indexes into `Case::modes`.
pub(super) const T_CHANNEL: usize = 0;
pub(super) const T_KIND: usize = 1;
pub(super) const T_CATEGORY: usize = 2;
pub(super) const T_DEPT: usize = 3;
pub(super) const T_STATUS: usize = 4;
pub(super) const T_NAME: usize = 5;
pub(super) const T_CONTENT: usize = 6;

#[derive(Debug, Clone, Copy)]
pub(super) struct Case {
    pub(super) stt: usize,
    pub(super) id: Id,
    pub(super) bad: Option<Bad>,
    pub(super) received: DateV,
    pub(super) channel: &'static str,
    pub(super) kind: &'static str,
    pub(super) category: &'static str,
    pub(super) department: &'static str,
    pub(super) assigned: Option<DateV>,
    pub(super) accepted: Option<DateV>,
    pub(super) due: Option<DateV>,
    pub(super) responded: Option<DateV>,
    pub(super) resolved: Option<DateV>,
    pub(super) status: &'static str,
    pub(super) complexity: &'static str,
    pub(super) satisfaction: &'static str,
    /// 1–5 for the Facebook inbox, 0 = not rated.
    pub(super) rating: u8,
    pub(super) person: Person,
    pub(super) content: &'static str,
    /// "Kính gửi Ban Quản lý;\n" prefix: an embedded `;` and newline (Facebook inbox).
    pub(super) greeting: bool,
    pub(super) modes: [u8; 7],
    /// The optional columns of the Inspectorate's forms (docs/FORMS.md).
    pub(super) forms: FormFields,
}

#[allow(clippy::large_enum_variant)]
pub(super) enum Row {
    Blank,
    Case(Case),
}

// ------------------------------------------------------------------------------------------------
