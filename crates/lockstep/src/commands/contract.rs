//! `lockstep contract`: print the resolved contract, as text or as JSON.

use std::path::Path;
use std::time::Instant;

use lockstep_diagnostics::{Severity, Sources};

use crate::ExitStatus;
use crate::cli::{ContractArgs, GlobalArgs, OutputFormat};
use crate::load;
use crate::printer::Printer;
use crate::report::{Report, contract_json};

pub fn run(printer: &Printer, global: &GlobalArgs, args: &ContractArgs) -> anyhow::Result<ExitStatus> {
    let started = Instant::now();
    let mut sources = Sources::new();
    // A file named on the command line is read wherever it is; a project's contract stays inside
    // the project.
    let (paths, base, root) = match args.path.as_deref() {
        Some(path) if path.is_file() => {
            (vec![path.to_owned()], path.parent().unwrap_or(Path::new(".")).to_owned(), None)
        }
        path => {
            let project = load::project(path, &mut sources, printer.color_stderr)?;
            let root = crate::read::canonical_root(&project.root);
            (load::contract_paths(&project, &sources, printer.color_stderr)?, project.root, Some(root))
        }
    };
    let within = root.as_deref().map_or(crate::read::Within::Anywhere, crate::read::Within::Root);
    let loaded = load::contract(&paths, &base, within, &mut sources)?;
    let has_errors = loaded.diagnostics.iter().any(|d| d.severity == Severity::Error);
    let report = Report::new(&sources, loaded.diagnostics, loaded.files.len(), started.elapsed());
    let contract = match loaded.contract {
        Some(contract) if !has_errors => contract,
        _ => {
            printer.out(&report.render(global.format, printer.color_stdout))?;
            return Ok(ExitStatus::Findings);
        }
    };
    if !report.diagnostics.is_empty() {
        // Warnings go to stderr so stdout stays a clean document.
        printer.status(&report.render(OutputFormat::Text, printer.color_stderr));
    }
    let output = match global.format {
        OutputFormat::Text => lockstep_contract::describe::describe(&contract),
        OutputFormat::Json => contract_json::render(&contract, &sources),
        OutputFormat::Sarif | OutputFormat::Github => {
            anyhow::bail!(
                "`lockstep contract` prints `--format text` or `json`; sarif and github are formats for findings"
            )
        }
    };
    printer.out(&output)?;
    Ok(ExitStatus::Success)
}
