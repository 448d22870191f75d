//! Command-line interface (SPEC §2).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "pakn-report",
    version,
    about = "Báo cáo thống kê tiếp nhận, xử lý phản ánh, kiến nghị, khiếu nại, tố cáo từ sổ theo dõi.\nMonthly PAKN/KNTC statistics reports from a case register export."
)]
pub struct Cli {
    /// Print less on stderr (errors only).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more on stderr.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the reports of a period (summary.json; workbook and PDF when available).
    Report(ReportArgs),
    /// Check the exports only: row accounting, rejects, duplicates, warnings.
    Validate(ValidateArgs),
    /// Write a synthetic but realistic register (for trials and benchmarks).
    Sample(SampleArgs),
    /// Print the holidays and working days of a year.
    Calendar(CalendarArgs),
    /// Re-check the hashes in a report folder's manifest.json.
    Verify(VerifyArgs),
    /// Open cases overdue or due soon, and replies owed, by department (nhắc hạn).
    Remind(RemindArgs),
    /// The case numbers behind a figure of summary.json (giải thích số liệu).
    Explain(ExplainArgs),
    /// The receiving body's report from its units' reports (báo cáo tổng hợp).
    Consolidate(ConsolidateArgs),
}

/// An output of `consolidate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConsolidateFormat {
    /// The consolidated workbook and the consolidated forms workbook.
    Xlsx,
    /// summary.json.
    Json,
    /// The báo cáo tổng hợp as PDF (NĐ 30/2020).
    Pdf,
    /// The báo cáo tổng hợp as Word (DOCX), the same text as the PDF.
    Docx,
}

#[derive(Debug, Args)]
pub struct ConsolidateArgs {
    /// Report folders written by `report` or `consolidate`, folders holding them, or TT 01/2024
    /// forms workbooks made by other software.
    #[arg(required = true)]
    pub sources: Vec<PathBuf>,
    /// The units file (TOML): the consolidating body, groups and units.
    #[arg(long)]
    pub units: PathBuf,
    /// The period the units reported (as for `report`).
    #[arg(long)]
    pub period: String,
    /// Output folder (default: reports/tong-hop-<period>).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The reporting date (default: today), YYYY-MM-DD.
    #[arg(long)]
    pub as_of: Option<String>,
    /// Whole calendar months instead of the 15th-to-14th data cut-off.
    #[arg(long)]
    pub calendar_months: bool,
    /// Outputs to write, comma-separated.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "xlsx,pdf,docx,json"
    )]
    pub format: Vec<ConsolidateFormat>,
}

/// Outputs of `remind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RemindFormat {
    /// nhac-han-<as-of>.xlsx (and one workbook per department with --split).
    Xlsx,
    /// remind.json.
    Json,
}

#[derive(Debug, Args)]
pub struct RemindArgs {
    /// Export files (.csv, .xlsx, .xls) or folders; default: the shipped sample-data/.
    pub inputs: Vec<PathBuf>,
    /// Config file (TOML).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// The day the reminders are for (default: today), YYYY-MM-DD.
    #[arg(long)]
    pub as_of: Option<String>,
    /// Cases due within this many working days after --as-of are listed.
    #[arg(long, default_value_t = 3)]
    pub within: u32,
    /// Output folder (default: reports/nhac-han-<as-of>).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Outputs to write, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "xlsx,json")]
    pub format: Vec<RemindFormat>,
    /// Also write one workbook per department (nhac-han-<as-of>-<department>.xlsx).
    #[arg(long)]
    pub split: bool,
}

/// Output of `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// A table for the terminal.
    Table,
    /// CSV with a header row.
    Csv,
    /// JSON: {figure, by, period, count, cases}.
    Json,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The figure: carried_over, received, to_handle, resolved, resolved_on_time, resolved_late,
    /// pending, pending_overdue, responded, response_on_time, satisfaction.rated,
    /// satisfaction.satisfied, assigned_within_1wd.count, assigned_within_1wd.within, or
    /// scorecard.<criterion id>.
    pub figure: String,
    /// Export files (.csv, .xlsx, .xls) or folders; default: the shipped sample-data/.
    pub inputs: Vec<PathBuf>,
    /// The period, as for `report`.
    #[arg(long)]
    pub period: String,
    /// One group only: kind=CODE, channel=CODE, department=NAME or category=NAME.
    #[arg(long)]
    pub by: Option<String>,
    /// Config file (TOML).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// The reporting date (default: today), YYYY-MM-DD.
    #[arg(long)]
    pub as_of: Option<String>,
    /// Whole calendar months instead of the 15th-to-14th data cut-off.
    #[arg(long)]
    pub calendar_months: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ExplainFormat,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The report folder (holding manifest.json).
    pub dir: PathBuf,
    /// The input files, to check them too.
    pub inputs: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Export files (.csv, .xlsx, .xls) or folders; default: the shipped sample-data/.
    pub inputs: Vec<PathBuf>,
    /// 2026-05, 2026-Q2, 2026-H1, 2026-9M, 2026, 2026-04-15..2026-05-14, previous-month, previous-quarter.
    #[arg(long)]
    pub period: String,
    /// Config file (TOML).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Output folder (default: reports/<period>).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The reporting date (default: today), YYYY-MM-DD.
    #[arg(long)]
    pub as_of: Option<String>,
    /// Whole calendar months instead of the 15th-to-14th data cut-off.
    #[arg(long)]
    pub calendar_months: bool,
    /// Exit with status 3 when any row was rejected (the reports are still written).
    #[arg(long)]
    pub strict: bool,
    /// Outputs to write, comma-separated.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "xlsx,pdf,docx,json"
    )]
    pub format: Vec<OutFormat>,
}

/// An output of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutFormat {
    /// The statistics workbook (and the Inspectorate's forms workbook).
    Xlsx,
    /// The report in the NĐ 30/2020 layout.
    Pdf,
    /// The same report as an editable Word document.
    Docx,
    /// summary.json.
    Json,
}

/// The layout of a generated register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Style {
    /// The Office's register (title rows, STT column, total row).
    Register,
    /// The Facebook page's inbox export.
    Facebook,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Export files (.csv, .xlsx, .xls) or folders; default: the shipped sample-data/.
    pub inputs: Vec<PathBuf>,
    /// Config file (TOML).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Print the accounting, rejects and duplicates as JSON on stdout.
    #[arg(long)]
    pub json: bool,
    /// Exit with status 3 when any row was rejected.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct SampleArgs {
    /// Number of cases.
    #[arg(long)]
    pub cases: usize,
    /// Random seed (same seed, same file).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// First receipt date, YYYY-MM-DD (default 2025-01-01).
    #[arg(long)]
    pub from: Option<String>,
    /// Last receipt date, YYYY-MM-DD (default 2026-11-20).
    #[arg(long)]
    pub to: Option<String>,
    /// Output file, .csv or .xlsx.
    #[arg(long)]
    pub out: PathBuf,
    /// Layout of the register.
    #[arg(long, value_enum, default_value = "register")]
    pub style: Style,
    /// Deliberately bad rows to mix in (blank id, impossible date, unknown kind, …).
    #[arg(long, default_value_t = 0)]
    pub bad_rows: usize,
    /// Prefix of case numbers.
    #[arg(long)]
    pub id_prefix: Option<String>,
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// The year.
    #[arg(long)]
    pub year: i32,
    /// Config file (TOML) with extra holiday tables.
    #[arg(long)]
    pub config: Option<PathBuf>,
}
