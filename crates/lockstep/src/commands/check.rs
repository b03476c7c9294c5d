//! `lockstep check`: every layer against the contract, findings at their file and line.
//!
//! Layers run independently: one that cannot run (an unreachable database) is reported, the
//! others still run, and the exit code is then 2. The work is the workspace's
//! ([`lockstep_workspace::Workspace`]); with `--watch` it stays loaded and checks again after
//! every change, re-deriving only what the change touched.

use std::time::Duration;

use lockstep_diagnostics::Severity;
use lockstep_workspace::Workspace;
use lockstep_workspace::check::{CheckOptions, Checked, Progress};

use crate::ExitStatus;
use crate::cli::{CheckArgs, Deny, GlobalArgs};
use crate::printer::Printer;
use crate::report::Report;

/// How often `--watch` looks for changed files.
const WATCH_INTERVAL: Duration = Duration::from_millis(250);

pub fn run(printer: &Printer, global: &GlobalArgs, args: &CheckArgs) -> anyhow::Result<ExitStatus> {
    let mut workspace = workspace(printer, args);
    let checked = workspace.check(printer)?;
    let status = print(printer, global, args, &workspace, checked)?;
    if !args.watch {
        return Ok(status);
    }
    printer.status("watching for changes (Ctrl-C stops)");
    loop {
        std::thread::sleep(WATCH_INTERVAL);
        if !workspace.refresh() {
            continue;
        }
        let checked = workspace.check(printer)?;
        printer.status(&format!("checked again in {} ms", checked.elapsed.as_millis()));
        print(printer, global, args, &workspace, checked)?;
    }
}

/// The workspace `args` describe.
pub(crate) fn workspace(printer: &Printer, args: &CheckArgs) -> Workspace {
    let workspace = Workspace::new(args.path.as_deref(), options(printer, args), printer.color_stderr);
    if args.watch { workspace.watching() } else { workspace }
}

pub(crate) fn options(printer: &Printer, args: &CheckArgs) -> CheckOptions {
    CheckOptions {
        only: args.only.clone(),
        db: args.database.db.clone(),
        migrations: args.migrations,
        all_migrations: args.all_migrations,
        verbose: printer.is_verbose(),
    }
}

fn print(
    printer: &Printer,
    global: &GlobalArgs,
    args: &CheckArgs,
    workspace: &Workspace,
    checked: Checked,
) -> anyhow::Result<ExitStatus> {
    let layer_failed = !checked.failures.is_empty();
    let mut report = Report::new(workspace.sources(), checked.diagnostics, checked.files, checked.elapsed);
    report.failures = checked.failures;
    printer.out(&report.render(global.format, printer.color_stdout))?;
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    Ok(if layer_failed {
        ExitStatus::Error
    } else if errors > 0 || (args.deny == Some(Deny::Warnings) && warnings > 0) {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    })
}

impl Progress for Printer {
    fn detail(&self, message: &str) {
        Printer::detail(self, message);
    }

    fn status(&self, message: &str) {
        Printer::status(self, message);
    }

    fn paint_error(&self, text: &str) -> String {
        Printer::paint_error(self, text)
    }
}
