//! `lockstep gen [--check]`: writes the outputs configured under `[gen]` from the contract, or
//! with `--check` lists those that are missing or stale. What each output holds is
//! `lockstep_gen`'s; this module decides where it goes and does the I/O.

use std::path::Path;

use anyhow::{Context, bail};
use lockstep_config::Project;

use crate::ExitStatus;
use crate::cli::{GenArgs, GlobalArgs, OutputFormat};
use crate::load;
use crate::printer::Printer;
use crate::read::Within;
use crate::write::{Existing, write_file};
use lockstep_workspace::generated_outputs::{HEADER_START, Output, State, escape, outputs, state};

pub fn run(printer: &Printer, global: &GlobalArgs, args: &GenArgs) -> anyhow::Result<ExitStatus> {
    let load::SoundProject { sources, project, files: contract_files, contract } =
        load::sound_project(args.path.as_deref(), printer.color_stderr)?;
    let contract = &contract;
    let root = crate::read::canonical_root(&project.root);
    let files: Vec<(&str, &str)> =
        contract_files.iter().map(|&id| (sources.get(id).path(), sources.get(id).text())).collect();
    let outputs = outputs(&project, contract, &files);
    if outputs.is_empty() {
        printer.status("nothing to generate: every output is turned off under [gen] in lockstep.toml");
        return Ok(ExitStatus::Success);
    }
    if !args.check {
        refuse_foreign_files(&project, &root, &outputs)?;
    }
    let mut report = Vec::new();
    let mut outdated = 0usize;
    for output in &outputs {
        let shown = load::display_path(&output.path, Path::new(""));
        let state = state(&project.root, &root, output);
        let verdict = if args.check {
            match &state {
                State::Current => "current",
                State::Missing => {
                    outdated += 1;
                    printer.status(&format!("{shown}: missing (run `lockstep gen`)"));
                    "missing"
                }
                State::Stale { line, found, expected } => {
                    outdated += 1;
                    printer.status(&format!(
                        "{shown}:{line}: stale (run `lockstep gen`)\n  found:    {}\n  expected: {}",
                        escape(found),
                        escape(expected)
                    ));
                    "stale"
                }
                State::Unreadable(problem) => bail!("`{shown}` {problem}"),
            }
        } else if state == State::Current {
            printer.detail(&format!("{shown}: unchanged"));
            "unchanged"
        } else {
            if let State::Unreadable(problem) = &state {
                bail!("`{shown}` {problem}; it was left as it is");
            }
            write_output(&project.root, &root, output, &shown)?;
            printer.status(&format!("wrote {shown}"));
            "written"
        };
        report.push((shown, verdict));
    }
    if global.format == OutputFormat::Json {
        let files: Vec<serde_json::Value> =
            report.iter().map(|(path, state)| serde_json::json!({ "path": path, "state": state })).collect();
        let document = serde_json::json!({ "version": 1, "files": files });
        printer.out(&format!("{}\n", serde_json::to_string_pretty(&document)?))?;
    } else if args.check && outdated == 0 {
        printer.status(&format!("{} generated file(s) current", outputs.len()));
    }
    Ok(if outdated > 0 { ExitStatus::Findings } else { ExitStatus::Success })
}

/// Nothing is written when any target holds a file lockstep did not generate (its first line is
/// not lockstep's header): a default path may name a file the app wrote by hand. The one
/// exception is the `Database` type over a file another generator wrote (`supabase gen types`),
/// which `gen` replaces by design.
pub(crate) fn refuse_foreign_files(project: &Project, canonical_root: &Path, outputs: &[Output]) -> anyhow::Result<()> {
    for output in outputs {
        let path = project.root.join(&output.path);
        if std::fs::symlink_metadata(&path).is_err() {
            continue;
        }
        let Ok(text) = crate::read::read_text(&path, Within::Root(canonical_root), crate::read::TYPES) else {
            continue;
        };
        let ours = text.lines().next().is_some_and(|first| first.contains(HEADER_START));
        let database = project.config.generate.database.as_ref() == Some(&output.path);
        if ours || (database && text.contains("export type Database")) {
            continue;
        }
        let shown = load::display_path(&output.path, Path::new(""));
        bail!(
            "`{shown}` exists and was not written by `lockstep gen`; nothing was written\n  help: move the file, or set another path for it under [gen] in lockstep.toml (or `false` to generate none)"
        );
    }
    Ok(())
}

/// Writes one output through the one writing policy (atomic, never through a link); its folder
/// is created if needed and must resolve inside the project, so a linked folder cannot carry the
/// write elsewhere.
pub(crate) fn write_output(root: &Path, canonical_root: &Path, output: &Output, shown: &str) -> anyhow::Result<()> {
    let path = root.join(&output.path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create the folder of `{shown}`"))?;
        if !crate::read::resolves_inside(parent, canonical_root) {
            bail!(
                "the folder of `{shown}` resolves to a place outside the project root (through a linked folder); lockstep writes only inside the project"
            );
        }
    }
    write_file(&path, output.text.as_bytes(), Existing::Replace)
}
