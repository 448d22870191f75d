//! The integration tests: one test crate (as ripgrep has), one module per area. Every test runs
//! the real binary in a temporary folder (`common::Workdir`); `regression` holds one test per
//! fixed bug, each saying what broke.

mod common;

mod bad_inputs;
mod cli_input;
mod cli_ops;
mod cli_report;
mod consolidate;
mod deadlines;
mod docx;
mod forms;
mod hostile;
mod pdf;
mod pipeline;
mod privacy;
mod proptest_reader;
mod proptest_xlsx;
mod regression;
mod remind_explain;
mod trend;
mod xlsx;
