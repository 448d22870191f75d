//! Logging on stderr with levels (`-q`, `-v`). Progress only when stderr is a terminal.

use std::io::IsTerminal;

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
            eprintln!("cảnh báo: {msg}");
        }
    }
    pub fn info(&self, msg: &str) {
        if self.level >= 1 {
            eprintln!("{msg}");
        }
    }
    pub fn debug(&self, msg: &str) {
        if self.level >= 2 {
            eprintln!("{msg}");
        }
    }
    pub fn progress(&self, msg: &str) {
        if self.level >= 1 && self.tty {
            eprintln!("… {msg}");
        }
    }
}
