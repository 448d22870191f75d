//! Logging on stderr with levels (`-q`, `-v`). Progress only when stderr is a terminal.

use std::io::{IsTerminal, Write};

/// One line on stderr; a closed stderr is not worth a crash.
fn line(s: std::fmt::Arguments) {
    let _ = writeln!(std::io::stderr(), "{s}");
}

#[derive(Debug, Clone, Copy)]
pub struct Log {
    level: u8,
    pub tty: bool,
}

impl Log {
    pub fn new(quiet: bool, verbose: bool) -> Self {
        Log {
            level: if quiet {
                0
            } else if verbose {
                2
            } else {
                1
            },
            tty: std::io::stderr().is_terminal(),
        }
    }
    pub fn warn(&self, msg: &str) {
        if self.level >= 1 {
            line(format_args!("cảnh báo: {msg}"));
        }
    }
    pub fn info(&self, msg: &str) {
        if self.level >= 1 {
            line(format_args!("{msg}"));
        }
    }
    pub fn debug(&self, msg: &str) {
        if self.level >= 2 {
            line(format_args!("{msg}"));
        }
    }
    pub fn progress(&self, msg: &str) {
        if self.level >= 1 && self.tty {
            line(format_args!("… {msg}"));
        }
    }
}

static ENGINE_VERBOSE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn engine_warning(msg: &str, kind: polars::error::PolarsWarning) {
    if ENGINE_VERBOSE.load(std::sync::atomic::Ordering::Relaxed) {
        line(format_args!("polars {kind:?}: {}", msg.replace('\n', " ")));
    }
}

/// The figure engine's own warnings (deprecation notices about its internals) are not the
/// operator's business: shown with `-v` only, on one line each.
pub fn route_engine_warnings(verbose: bool) {
    ENGINE_VERBOSE.store(verbose, std::sync::atomic::Ordering::Relaxed);
    polars::error::set_warning_function(engine_warning);
}
