//! pakn-report — monthly statistics reports on phản ánh, kiến nghị, khiếu nại, tố cáo from a
//! Vietnamese office's case register.
//!
//! The data flows through one module per stage:
//! `input` (read files) → `normalize` (validate, the case table) → `calendar` (working days,
//! periods, deadlines) → `figures` → `scorecard` → `render` (json, xlsx, pdf).

mod calendar;
mod cli;
mod cmd;
mod config;
mod consolidate;
mod error;
mod figures;
mod forms;
mod input;
mod log;
mod normalize;
mod pipeline;
mod privacy;
mod render;
mod sample;
mod scorecard;
mod templates;
mod text;

use clap::Parser;

/// Where the last panic happened, for the one-line internal-error message.
static PANIC_AT: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// A source path without the machine's folders: "calamine-0.38.0/src/xlsx/mod.rs".
fn short_path(file: &str) -> String {
    let parts: Vec<&str> = file.split(['/', '\\']).collect();
    match parts.iter().rposition(|p| *p == "src") {
        Some(i) if i > 0 => parts[i - 1..].join("/"),
        _ => parts.last().copied().unwrap_or("").to_string(),
    }
}

fn main() {
    let cli = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // --help and --version print and exit 0; anything else is a usage error (exit 2).
            let code = if e.use_stderr() {
                error::EXIT_USAGE
            } else {
                error::EXIT_OK
            };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let log = log::Log::new(cli.quiet, cli.verbose);
    log::route_engine_warnings(cli.verbose);
    // A bug (ours or a library's) must not print a backtrace: the hook only notes where it
    // happened; a caught panic while reading a workbook becomes a clear error about that file,
    // any other one line and exit 1.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" ({}:{})", short_path(l.file()), l.line()))
            .unwrap_or_default();
        *PANIC_AT.lock().unwrap_or_else(|e| e.into_inner()) = at;
    }));
    let result = std::panic::catch_unwind(|| match &cli.command {
        cli::Command::Report(a) => cmd::report::run(a, &log),
        cli::Command::Validate(a) => cmd::validate::run(a, &log),
        cli::Command::Sample(a) => cmd::sample::run(a, &log),
        cli::Command::Calendar(a) => cmd::calendar::run(a, &log),
        cli::Command::Verify(a) => cmd::verify::run(a, &log),
        cli::Command::Remind(a) => cmd::remind::run(a, &log),
        cli::Command::Explain(a) => cmd::explain::run(a, &log),
        cli::Command::Consolidate(a) => cmd::consolidate::run(a, &log),
    })
    .unwrap_or_else(|_| {
        let at = PANIC_AT.lock().map(|a| a.clone()).unwrap_or_default();
        eprintln!(
            "lỗi nội bộ (internal error){at}: chương trình gặp lỗi không lường trước; không có báo cáo nào bị ghi dở. Xin gửi lệnh đã chạy và tệp đầu vào cho người bảo trì."
        );
        std::process::exit(error::EXIT_RUNTIME)
    });
    match result {
        Ok(code) => std::process::exit(code),
        Err(error::Error::StdoutClosed) => std::process::exit(error::EXIT_OK),
        Err(e) => {
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "lỗi (error): {e}");
            std::process::exit(e.exit_code());
        }
    }
}
