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
mod error;
mod figures;
mod input;
mod log;
mod normalize;
mod pipeline;
mod render;
mod sample;
mod scorecard;
mod text;

use clap::Parser;

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
    // A bug (ours or a library's) must not print a backtrace: one clear line and exit 1.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "lỗi nội bộ (internal error){at}: chương trình gặp lỗi không lường trước khi đọc hoặc ghi dữ liệu; không có báo cáo nào bị ghi dở. Xin gửi lệnh đã chạy và tệp đầu vào cho người bảo trì."
        );
    }));
    let result = std::panic::catch_unwind(|| match &cli.command {
        cli::Command::Report(a) => cmd::report::run(a, &log),
        cli::Command::Validate(a) => cmd::validate::run(a, &log),
        cli::Command::Sample(a) => cmd::sample::run(a, &log),
        cli::Command::Calendar(a) => cmd::calendar::run(a, &log),
        cli::Command::Verify(a) => cmd::verify::run(a, &log),
    })
    .unwrap_or_else(|_| std::process::exit(error::EXIT_RUNTIME));
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("lỗi (error): {e}");
            std::process::exit(e.exit_code());
        }
    }
}
