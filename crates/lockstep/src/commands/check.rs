//! `lockstep check`: every layer against the contract, findings at their file and line.

use std::time::Instant;

use lockstep_diagnostics::{Severity, Sources};

use crate::ExitStatus;
use crate::cli::{CheckArgs, Deny, GlobalArgs};
use crate::load;
use crate::printer::Printer;
use crate::report::Report;

pub fn run(printer: &Printer, global: &GlobalArgs, args: &CheckArgs) -> anyhow::Result<ExitStatus> {
    let started = Instant::now();
    let mut sources = Sources::new();
    let project = load::project(args.path.as_deref(), &mut sources, printer.color_stderr)?;
    printer.detail(&format!("project root: {}", project.root.display()));
    let paths = load::contract_paths(&project, &sources, printer.color_stderr)?;
    let loaded = load::contract(&paths, &project.root, &mut sources)?;
    let files = loaded.files.len();
    let report = Report::new(&sources, loaded.diagnostics, files, started.elapsed());
    printer.out(&report.render(global.format, printer.color_stdout))?;
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let failed = errors > 0 || (args.deny == Some(Deny::Warnings) && warnings > 0);
    Ok(if failed { ExitStatus::Findings } else { ExitStatus::Success })
}
