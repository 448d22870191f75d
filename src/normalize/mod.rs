//! Stage 2 — normalise and validate. Finds the header row, maps columns by name, cleans every
//! text value, reads dates and vocabularies, and gives every row read exactly one verdict:
//! skipped (blank or total row), rejected (first failing rule of SPEC §3.5), duplicate (§3.7) or
//! accepted. The accepted cases become the case table, a polars DataFrame that is the single
//! interface to the later stages (see `CaseTable` for its columns).

pub mod accounting;
pub mod columns;
pub mod dates;
pub mod vocab;

mod duplicates;
mod header;
mod judge;
mod table;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::input::{self, Cell, Flow, Row};
use crate::text::{clean, clean_cow, fold};
pub use dates::Stamp;
pub use vocab::Vocabulary;

use duplicates::*;
use header::*;
use judge::*;
use table::*;

/// One line of the reject or duplicate lists. `value` is never a personal-data field.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Issue {
    pub file: String,
    pub row: u32,
    pub field: String,
    pub value: String,
    /// The stable code of the reason (`Code`), for programs reading the lists.
    pub code: Code,
    /// The reason in Vietnamese, as the Office reads it.
    pub reason: String,
}

/// Why a row is rejected (or set aside as a duplicate): a stable code, written next to the
/// Vietnamese reason in `validate --json` and the workbook's list (docs/INPUT.md lists them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    BlankId,
    BlankReceived,
    BadDate,
    BlankKind,
    UnknownKind,
    ResolvedBeforeReceived,
    RespondedBeforeReceived,
    ClosedWithoutDate,
    /// A CSV record whose shape shows a quoting fault (SPEC §3.5, docs/INPUT.md).
    QuoteFault,
    /// A spreadsheet formula cell saved without its computed value.
    FormulaWithoutValue,
    Duplicate,
}

impl Code {
    /// The code as written in the outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::BlankId => "blank_id",
            Code::BlankReceived => "blank_received",
            Code::BadDate => "bad_date",
            Code::BlankKind => "blank_kind",
            Code::UnknownKind => "unknown_kind",
            Code::ResolvedBeforeReceived => "resolved_before_received",
            Code::RespondedBeforeReceived => "responded_before_received",
            Code::ClosedWithoutDate => "closed_without_date",
            Code::QuoteFault => "quote_fault",
            Code::FormulaWithoutValue => "formula_without_value",
            Code::Duplicate => "duplicate",
        }
    }
}

/// A warning, with how many rows carry it (the first one is named).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Warning {
    pub file: String,
    pub row: u32,
    pub field: String,
    pub value: String,
    pub reason: String,
    pub count: u64,
}

/// The row accounting of one file (SPEC §3.6).
#[derive(Debug, Clone, Default, Serialize)]
pub struct FileAccount {
    pub name: String,
    pub sha256: String,
    pub rows_read: u64,
    pub accepted: u64,
    pub rejected: u64,
    pub duplicates: u64,
    pub skipped: u64,
    #[serde(skip)]
    pub path: PathBuf,
    /// Header row number, for messages.
    #[serde(skip)]
    pub header_row: u32,
}

/// Everything the input stages produce.
#[derive(Debug)]
pub struct Loaded {
    pub cases: CaseTable,
    pub files: Vec<FileAccount>,
    pub rejects: Vec<Issue>,
    pub duplicates: Vec<Issue>,
    pub warnings: Vec<Warning>,
    pub vocab: Vocabulary,
    /// The optional form fields (`FORM_FIELDS`) that at least one file has a column for.
    pub present: Vec<&'static str>,
}

/// Optional fields read for the Inspectorate's forms (docs/FORMS.md): a form column that needs
/// one of them is left empty when no input file has it.
pub const FORM_FIELDS: &[&str] = &["signatories", "competence", "outcome", "attempt", "matter"];

impl Loaded {
    pub fn rows_read(&self) -> u64 {
        self.files.iter().map(|f| f.rows_read).sum()
    }
    pub fn accepted(&self) -> u64 {
        self.files.iter().map(|f| f.accepted).sum()
    }
    pub fn rejected(&self) -> u64 {
        self.files.iter().map(|f| f.rejected).sum()
    }
    pub fn duplicate_count(&self) -> u64 {
        self.files.iter().map(|f| f.duplicates).sum()
    }
    pub fn skipped(&self) -> u64 {
        self.files.iter().map(|f| f.skipped).sum()
    }
    /// rows read = accepted + rejected + duplicates + skipped, per file and overall.
    pub fn identity_holds(&self) -> bool {
        self.files
            .iter()
            .all(|f| f.rows_read == f.accepted + f.rejected + f.duplicates + f.skipped)
    }
}

/// The normalised case table: one row per accepted case.
///
/// | column | type | meaning |
/// |---|---|---|
/// | id | str | case number, cleaned |
/// | file_no, row_no | u32 | where the case was read (index into `Loaded::files`, 1-based row) |
/// | received_at, due_at, responded_at, resolved_at | datetime[ms] | the moment; 00:00 when only a date is known |
/// | received_has_time, due_has_time, responded_has_time, resolved_has_time | bool | a time of day was recorded |
/// | assigned_date, accepted_date | date | dates of assignment and thụ lý |
/// | kind, channel, status, complexity | str | codes of SPEC §3.3 (status null when blank or unknown) |
/// | category, department | str | normalised names (blank → "Chưa phân loại" / "Chưa giao") |
/// | satisfied | bool | rating: true satisfied, false not, null not rated |
/// | signatories, competence, outcome, attempt | str | codes of the optional form fields (null when blank or absent) |
/// | matter | str | the vụ việc a đơn belongs to (null when blank or absent) |
#[derive(Debug, Clone)]
pub struct CaseTable {
    pub df: DataFrame,
}

impl CaseTable {
    pub fn is_empty(&self) -> bool {
        self.df.height() == 0
    }
}

/// Reads, normalises and validates every input file, in order.
pub fn load(inputs: &[PathBuf], cfg: &Config) -> Result<Loaded> {
    let vocab = Vocabulary::new(cfg).map_err(Error::Runtime)?;
    let files = input::expand_inputs(inputs)?;
    // The state borrows the vocabulary, which moves into the result.
    let (builder, accounts, rejects, duplicates, mut warnings, warning_order, present, name_list) = {
        let mut state = State {
            vocab: &vocab,
            cfg,
            builder: Builder::default(),
            seen: Seen::default(),
            accounts: Vec::new(),
            rejects: Vec::new(),
            duplicates: Vec::new(),
            warnings: HashMap::new(),
            warning_order: Vec::new(),
            interned: PlHashMap::new(),
            name_list: Vec::new(),
            present: Vec::new(),
        };
        for path in &files {
            state.read_file(path)?;
        }
        let State {
            builder,
            accounts,
            rejects,
            duplicates,
            warnings,
            warning_order,
            present,
            name_list,
            ..
        } = state;
        (
            builder,
            accounts,
            rejects,
            duplicates,
            warnings,
            warning_order,
            present,
            name_list,
        )
    };
    let warnings = warning_order
        .into_iter()
        .filter_map(|k| warnings.remove(&k))
        .collect();
    Ok(Loaded {
        cases: CaseTable {
            df: builder.finish(&name_list)?,
        },
        files: accounts,
        rejects,
        duplicates,
        warnings,
        vocab,
        present: FORM_FIELDS
            .iter()
            .copied()
            .filter(|f| present.contains(f))
            .collect(),
    })
}
