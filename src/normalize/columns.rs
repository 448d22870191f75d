//! The case table's columns: the contract between the stages. Normalise (stage 2) builds the
//! `NORMALISED` columns; calendar and deadlines (stage 3) add the `DEADLINES` columns; the figures
//! (`queries/*.sql`), the forms, `explain` and `remind` read them by these names. A test checks
//! the table a real run builds against both lists, names and types in order.

/// The type of a column, as polars holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dtype {
    /// UTF-8 text (codes and names).
    Str,
    /// An unsigned position (file index, row number).
    U32,
    /// A moment: milliseconds, no time zone; 00:00 when only a date is known.
    DatetimeMs,
    /// A day.
    Date,
    Bool,
    F64,
    I64,
}

/// One column: its name and type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Col {
    pub name: &'static str,
    pub dtype: Dtype,
}

const fn c(name: &'static str, dtype: Dtype) -> Col {
    Col { name, dtype }
}

// Stage 2: the normalised register.
pub const ID: &str = "id";
pub const FILE_NO: &str = "file_no";
pub const ROW_NO: &str = "row_no";
pub const RECEIVED_AT: &str = "received_at";
pub const RECEIVED_HAS_TIME: &str = "received_has_time";
pub const DUE_AT: &str = "due_at";
pub const DUE_HAS_TIME: &str = "due_has_time";
pub const RESPONDED_AT: &str = "responded_at";
pub const RESPONDED_HAS_TIME: &str = "responded_has_time";
pub const RESOLVED_AT: &str = "resolved_at";
pub const RESOLVED_HAS_TIME: &str = "resolved_has_time";
pub const ASSIGNED_DATE: &str = "assigned_date";
pub const ACCEPTED_DATE: &str = "accepted_date";
pub const KIND: &str = "kind";
pub const CHANNEL: &str = "channel";
pub const STATUS: &str = "status";
pub const COMPLEXITY: &str = "complexity";
pub const CATEGORY: &str = "category";
pub const DEPARTMENT: &str = "department";
pub const SATISFIED: &str = "satisfied";
pub const SIGNATORIES: &str = "signatories";
pub const COMPETENCE: &str = "competence";
pub const OUTCOME: &str = "outcome";
pub const ATTEMPT: &str = "attempt";
pub const MATTER: &str = "matter";

// Stage 3: the calendar and deadline columns.
pub const RECEIVED_DATE: &str = "received_date";
pub const RESPONDED_DATE: &str = "responded_date";
pub const RESOLVED_DATE: &str = "resolved_date";
pub const DEADLINE_AT: &str = "deadline_at";
pub const DEADLINE_DATE: &str = "deadline_date";
pub const LEGAL_DEADLINE: &str = "legal_deadline";
pub const RESPONSE_DEADLINE: &str = "response_deadline";
pub const RESPONSE_DAYS: &str = "response_days";
pub const RESOLUTION_DAYS: &str = "resolution_days";
pub const RESOLUTION_WORKING_DAYS: &str = "resolution_working_days";
pub const ASSIGNED_WITHIN_1WD: &str = "assigned_within_1wd";

/// The columns of the normalised table, in order (see `CaseTable` for their meaning).
pub const NORMALISED: &[Col] = &[
    c(ID, Dtype::Str),
    c(FILE_NO, Dtype::U32),
    c(ROW_NO, Dtype::U32),
    c(RECEIVED_AT, Dtype::DatetimeMs),
    c(RECEIVED_HAS_TIME, Dtype::Bool),
    c(DUE_AT, Dtype::DatetimeMs),
    c(DUE_HAS_TIME, Dtype::Bool),
    c(RESPONDED_AT, Dtype::DatetimeMs),
    c(RESPONDED_HAS_TIME, Dtype::Bool),
    c(RESOLVED_AT, Dtype::DatetimeMs),
    c(RESOLVED_HAS_TIME, Dtype::Bool),
    c(ASSIGNED_DATE, Dtype::Date),
    c(ACCEPTED_DATE, Dtype::Date),
    c(KIND, Dtype::Str),
    c(CHANNEL, Dtype::Str),
    c(STATUS, Dtype::Str),
    c(COMPLEXITY, Dtype::Str),
    c(CATEGORY, Dtype::Str),
    c(DEPARTMENT, Dtype::Str),
    c(SATISFIED, Dtype::Bool),
    c(SIGNATORIES, Dtype::Str),
    c(COMPETENCE, Dtype::Str),
    c(OUTCOME, Dtype::Str),
    c(ATTEMPT, Dtype::Str),
    c(MATTER, Dtype::Str),
];

/// The columns `calendar::deadlines::annotate` adds, in order.
pub const DEADLINES: &[Col] = &[
    c(RECEIVED_DATE, Dtype::Date),
    c(RESPONDED_DATE, Dtype::Date),
    c(RESOLVED_DATE, Dtype::Date),
    c(DEADLINE_AT, Dtype::DatetimeMs),
    c(DEADLINE_DATE, Dtype::Date),
    c(LEGAL_DEADLINE, Dtype::Date),
    c(RESPONSE_DEADLINE, Dtype::Date),
    c(RESPONSE_DAYS, Dtype::F64),
    c(RESOLUTION_DAYS, Dtype::F64),
    c(RESOLUTION_WORKING_DAYS, Dtype::I64),
    c(ASSIGNED_WITHIN_1WD, Dtype::Bool),
];

impl Dtype {
    /// The polars type of this column.
    pub fn polars(self) -> polars::prelude::DataType {
        use polars::prelude::{DataType, TimeUnit};
        match self {
            Dtype::Str => DataType::String,
            Dtype::U32 => DataType::UInt32,
            Dtype::DatetimeMs => DataType::Datetime(TimeUnit::Milliseconds, None),
            Dtype::Date => DataType::Date,
            Dtype::Bool => DataType::Boolean,
            Dtype::F64 => DataType::Float64,
            Dtype::I64 => DataType::Int64,
        }
    }
}
