//! `pakn-report report`.
use crate::cli::ReportArgs;
use crate::error::{Error, Result};
use crate::log::Log;

pub fn run(_args: &ReportArgs, _log: &Log) -> Result<i32> {
    Err(Error::Runtime("report: not implemented yet".into()))
}
