//! The `lockstep` command line: parses arguments, runs one command, reports errors, and maps
//! the outcome to an exit code (0 success, 1 findings, 2 the tool could not do its job).

mod cli;
mod commands;
mod generated;
mod migration_name;
mod printer;
mod report;
mod rules;
mod write;

// Reading a project is the workspace's; the commands reach its modules by these names.
use lockstep_workspace::{database, env_files, load, migration_lint, read, sources, suppress};

use std::fmt::Write as _;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use lockstep_diagnostics::escape_controls;

use crate::cli::{Cli, Command};
use crate::printer::Printer;

/// How a run ended, as an exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing to report, or only what the options allow.
    Success,
    /// Drift or contract errors were found.
    Findings,
    /// The tool could not do its job: bad arguments, unreadable input, unreachable database.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        match status {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Findings => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help and version to stdout and usage errors to stderr; only the
            // latter is a failure.
            let _ = err.print();
            return if err.use_stderr() { ExitStatus::Error.into() } else { ExitStatus::Success.into() };
        }
    };
    // The command runs on a thread with a large stack: parsers (sqlparser, oxc, yaml) and the
    // walks over what they build recurse on nesting. Each input is bounded before it is parsed;
    // this is the second line of defence, and costs address space only.
    let ran = std::thread::Builder::new().stack_size(COMMAND_STACK).spawn(move || run(&cli));
    match ran.map(std::thread::JoinHandle::join) {
        Ok(Ok(code)) => code,
        // The panic message is already on stderr.
        Ok(Err(_)) => ExitStatus::Error.into(),
        Err(err) => {
            let _ = writeln!(io::stderr(), "error: cannot start the command's thread: {err}");
            ExitStatus::Error.into()
        }
    }
}

/// The stack of the thread a command runs on.
const COMMAND_STACK: usize = 256 * 1024 * 1024;

fn run(cli: &Cli) -> ExitCode {
    let printer = Printer::new(&cli.global);
    let result = match &cli.command {
        Command::Check(args) => commands::check::run(&printer, &cli.global, args),
        Command::Fmt(args) => commands::fmt::run(&printer, &cli.global, args),
        Command::Contract(args) => commands::contract::run(&printer, &cli.global, args),
        Command::Context(args) => commands::context::run(&printer, &cli.global, args),
        Command::Impact(args) => commands::impact::run(&printer, &cli.global, args),
        Command::Mcp(args) => commands::mcp::run(args),
        Command::Db(cli::DbCommand::Inspect(args)) => commands::db::inspect(&printer, &cli.global, args),
        Command::Migrate(cli::MigrateCommand::Status(args)) => {
            commands::migrate::apply::status(&printer, &cli.global, args)
        }
        Command::Migrate(cli::MigrateCommand::Apply(args)) => {
            commands::migrate::apply::apply(&printer, &cli.global, args)
        }
        Command::Migrate(cli::MigrateCommand::Plan(args)) => commands::migrate::plan::run(&printer, &cli.global, args),
        Command::Migrate(cli::MigrateCommand::Lint(args)) => commands::migrate::lint::run(&printer, &cli.global, args),
        Command::Init(args) => commands::init::run(&printer, args),
        Command::Gen(args) => commands::generate::run(&printer, &cli.global, args),
        Command::Import(cli::ImportCommand::Openapi(args)) => commands::openapi::import(&printer, args),
        Command::Export(cli::ExportCommand::Openapi(args)) => commands::openapi::export(&printer, &cli.global, args),
        Command::Test(args) => commands::test::run(&printer, &cli.global, args),
        Command::Rule(args) => commands::rule::run(&printer, cli.global.format, args),
    };
    match result {
        Ok(status) => status.into(),
        Err(err) if is_broken_pipe(&err) => ExitStatus::Success.into(),
        Err(err) => {
            report_error(&printer, &err);
            ExitStatus::Error.into()
        }
    }
}

/// A reader that stopped reading (`lockstep contract | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

/// The one place that prints an error: the message, then each cause on its own line.
fn report_error(printer: &Printer, err: &anyhow::Error) {
    if let Some(rendered) = err.downcast_ref::<load::Rendered>() {
        let _ = writeln!(io::stderr(), "{rendered}");
        return;
    }
    // Messages name files and values from the user's disk: never let them drive the terminal.
    // Line breaks are kept, since messages carry `help:` lines.
    let escape = |text: String| -> String {
        text.split('\n').map(|line| escape_controls(line).into_owned()).collect::<Vec<_>>().join("\n")
    };
    let mut text = format!("{}: {}\n", printer.paint_error("error"), escape(err.to_string()));
    for cause in err.chain().skip(1) {
        let _ = writeln!(text, "  caused by: {}", escape(cause.to_string()));
    }
    let _ = io::stderr().write_all(text.as_bytes());
}
