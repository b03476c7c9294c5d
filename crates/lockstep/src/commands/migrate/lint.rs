//! `lockstep migrate lint`: the hazards of migration SQL files (the files named, or every
//! migration of the project), at their file and line, in every output format.

use std::path::{Path, PathBuf};
use std::time::Instant;

use lockstep_diagnostics::{Diagnostic, Severity, Sources};

use crate::ExitStatus;
use crate::cli::{Deny, GlobalArgs, LintArgs};
use crate::database;
use crate::load;
use crate::migration_lint::Code;
use crate::printer::Printer;
use crate::report::Report;

pub fn run(printer: &Printer, global: &GlobalArgs, args: &LintArgs) -> anyhow::Result<ExitStatus> {
    let started = Instant::now();
    let mut sources = Sources::new();
    let project = load::project(args.project.as_deref(), &mut sources, printer.color_stderr);
    let (ids, mut diagnostics, count) = if args.files.is_empty() {
        let project = project.as_ref().map_err(|err| anyhow::anyhow!("{err:#}"))?;
        let Some(paths) = database::migration_paths(project)? else {
            anyhow::bail!(
                "`{}` has no migrations folder to lint\n  help: name the files (`lockstep migrate lint path/to/file.sql`), or set `[database] migrations` in lockstep.toml",
                project.root.display()
            );
        };
        let read = read_files(
            &project.root,
            &paths,
            crate::read::Within::Root(&crate::read::canonical_root(&project.root)),
            &mut sources,
        );
        (read.0, read.1, paths.len())
    } else {
        let base = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let read = read_files(&base, &args.files, crate::read::Within::Anywhere, &mut sources);
        (read.0, read.1, args.files.len())
    };
    // The app's code, for what a migration breaks in it: read when there is a project.
    match &project {
        Ok(project) => {
            let schema = crate::migration_lint::final_schema(&crate::read::Disk, project, &ids, &sources)?;
            let (paths, _) = crate::sources::source_paths(project)?;
            let (files, problems) = crate::sources::read_sources(project, &paths, &mut sources);
            let extracted = crate::sources::extract(&files, problems, &sources);
            let code = Code { facts: extracted.facts.iter().map(|(_, f)| f).collect(), schema };
            diagnostics.extend(crate::migration_lint::lint(&ids, &sources, Some(&code)));
        }
        Err(err) => {
            printer.detail(&format!("no project, so the code is not read: {err:#}"));
            diagnostics.extend(crate::migration_lint::lint(&ids, &sources, None));
        }
    }
    let mut diagnostics = crate::suppress::apply(&sources, diagnostics);
    if !printer.is_verbose() {
        diagnostics.retain(|d| d.severity != Severity::Info);
    }
    let report = Report::new(&sources, diagnostics, count, started.elapsed());
    printer.out(&report.render(global.format, printer.color_stdout))?;
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    Ok(if errors > 0 || (args.deny == Some(Deny::Warnings) && warnings > 0) {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    })
}

/// Reads the files under the reading policy; one that cannot be read is an error finding at
/// its name, and the others are still linted.
fn read_files(
    base: &Path,
    paths: &[PathBuf],
    within: crate::read::Within<'_>,
    sources: &mut Sources,
) -> (Vec<lockstep_diagnostics::FileId>, Vec<Diagnostic>) {
    let mut ids = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let shown = load::display_path(path, base);
        match crate::read::read_text(path, within, crate::read::MIGRATION) {
            Ok(text) => ids.push(sources.add(shown, text)),
            Err(message) => {
                let file = sources.add(shown.clone(), String::new());
                problems.push(
                    Diagnostic::error(
                        database::UNREADABLE_MIGRATION,
                        format!("`{shown}` {message}; it was not linted"),
                    )
                    .at(lockstep_diagnostics::Span::new(file, 0, 0), "this file")
                    .help("migrations are UTF-8 text files; check the path"),
                );
            }
        }
    }
    (ids, problems)
}
