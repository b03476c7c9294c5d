//! `lockstep import openapi FILE` and `lockstep export openapi`: a spec to contract text, and the
//! contract to an OpenAPI 3.1 document.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::ExitStatus;
use crate::cli::{ExportOpenApiArgs, GlobalArgs, ImportOpenApiArgs};
use crate::load;
use crate::printer::Printer;
use crate::write::{Existing, write_file};

pub fn import(printer: &Printer, args: &ImportOpenApiArgs) -> anyhow::Result<ExitStatus> {
    let shown = args.file.display().to_string();
    // Named on the command line: read wherever it is, as a regular file under the size limit.
    let text = crate::read::read_text(&args.file, crate::read::Within::Anywhere, crate::read::OPENAPI)
        .map_err(|problem| anyhow::anyhow!("`{shown}` {problem}"))?;
    let document = lockstep_openapi::load(&text).map_err(|e| match e.at {
        Some((line, column)) => anyhow::anyhow!("`{shown}`:{line}:{column} is not valid YAML or JSON: {}", e.message),
        None => anyhow::anyhow!("`{shown}` is not valid YAML or JSON: {}", e.message),
    })?;
    let imported = lockstep_openapi::import(&document).map_err(|e| anyhow::anyhow!("`{shown}`: {e}"))?;
    let file = ("imported.lockstep".to_owned(), imported.contract);
    let contract = crate::generated::formatted(std::slice::from_ref(&file), "lockstep import openapi")?.remove(0).1;
    for warning in &imported.warnings {
        printer.status(&format!("warning: {warning}"));
    }
    if args.dry_run {
        printer.out(&contract)?;
        return Ok(ExitStatus::Success);
    }
    let out = args.out.clone().unwrap_or_else(|| default_output(&args.file));
    if out.symlink_metadata().is_ok() && !args.force {
        bail!("`{}` exists; pass --force to overwrite it, or --out to write elsewhere", out.display());
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
    }
    let existing = if args.force { Existing::Replace } else { Existing::Refuse };
    write_file(&out, contract.as_bytes(), existing)?;
    printer.status(&format!(
        "wrote {} ({} warnings: what the contract cannot say is listed above)",
        out.display(),
        imported.warnings.len()
    ));
    Ok(ExitStatus::Success)
}

/// `contract/<stem>.lockstep` when the current folder has a contract folder, else `<stem>.lockstep`.
fn default_output(spec: &Path) -> PathBuf {
    let stem = spec.file_stem().map_or_else(|| "openapi".to_owned(), |s| s.to_string_lossy().into_owned());
    let file = format!("{stem}.{}", load::CONTRACT_EXTENSION);
    if Path::new("contract").is_dir() { Path::new("contract").join(file) } else { PathBuf::from(file) }
}

pub fn export(printer: &Printer, _global: &GlobalArgs, args: &ExportOpenApiArgs) -> anyhow::Result<ExitStatus> {
    let load::SoundProject { project, contract, .. } = load::sound_project(args.path.as_deref(), printer.color_stderr)?;
    let title = std::fs::canonicalize(&project.root)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "API".to_owned());
    let exported = lockstep_openapi::export(&contract, &title);
    for warning in &exported.warnings {
        printer.status(&format!("warning: {warning}"));
    }
    let json = exported.document.to_json();
    match &args.out {
        Some(out) => {
            write_file(out, json.as_bytes(), Existing::Replace)?;
            printer.status(&format!("wrote {}", out.display()));
        }
        None => printer.out(&json)?,
    }
    Ok(ExitStatus::Success)
}
