//! The one error type of the program, mapped to the exit codes of SPEC §2.
//!
//! Every message is one sentence that names the file, row and column where that applies.

use std::path::PathBuf;

/// Exit status for a run that succeeded.
pub const EXIT_OK: i32 = 0;
/// Exit status for a runtime error (unreadable file, bad config, missing required column).
pub const EXIT_RUNTIME: i32 = 1;
/// Exit status for a usage error (bad arguments).
pub const EXIT_USAGE: i32 = 2;
/// Exit status under `--strict` when at least one row was rejected.
pub const EXIT_REJECTED: i32 = 3;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad command-line usage (exit 2).
    #[error("{0}")]
    Usage(String),
    /// An input, template or config file could not be read or parsed (exit 1).
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
    /// A required column is missing from an input file (exit 1).
    #[error(
        "{path}: thiếu cột bắt buộc '{field}' (missing required column '{field}'); các cột tìm thấy / headers found: {found}"
    )]
    MissingColumn {
        path: PathBuf,
        field: String,
        found: String,
    },
    /// Any other runtime failure (exit 1).
    #[error("{0}")]
    Runtime(String),
    /// The reader of stdout went away (`pakn-report validate --json | head`): the command stops
    /// quietly with exit 0, as a filter should.
    #[error("stdout đã đóng (stdout closed)")]
    StdoutClosed,
}

impl Error {
    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::File {
            path: path.into(),
            message: message.into(),
        }
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => EXIT_USAGE,
            Error::StdoutClosed => EXIT_OK,
            _ => EXIT_RUNTIME,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Runtime(e.to_string())
    }
}

impl From<polars::error::PolarsError> for Error {
    fn from(e: polars::error::PolarsError) -> Self {
        Error::Runtime(format!("lỗi tính toán số liệu (figure engine error): {e}"))
    }
}

pub type Result<T> = std::result::Result<T, Error>;
