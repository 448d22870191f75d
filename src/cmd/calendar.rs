//! `pakn-report calendar`.
use crate::cli::CalendarArgs;
use crate::error::{Error, Result};
use crate::log::Log;

pub fn run(_args: &CalendarArgs, _log: &Log) -> Result<i32> {
    Err(Error::Runtime("calendar: not implemented yet".into()))
}
