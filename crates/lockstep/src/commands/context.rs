//! `lockstep context FINDING`: one finding's smallest useful slice (the lines at it, the
//! signature around them, the related places, the fix) with its size in tokens, so an agent fixes
//! it without reading whole files.

use serde_json::json;

use crate::ExitStatus;
use crate::cli::{CheckArgs, ContextArgs, GlobalArgs, OutputFormat};
use crate::printer::Printer;
use crate::report::context::Slicer;
use crate::report::finding_id::finding_ids;

pub fn run(printer: &Printer, global: &GlobalArgs, args: &ContextArgs) -> anyhow::Result<ExitStatus> {
    let check = CheckArgs {
        path: args.path.clone(),
        deny: None,
        only: args.only.clone(),
        database: crate::cli::DatabaseArgs { db: args.db.clone() },
        migrations: false,
        all_migrations: false,
        watch: false,
    };
    let mut workspace = crate::commands::check::workspace(printer, &check);
    let checked = workspace.check(printer)?;
    let sources = workspace.sources();
    let ids = finding_ids(&checked.diagnostics, sources);
    let index = match args.finding.parse::<usize>() {
        Ok(n) if n >= 1 && n <= ids.len() => n - 1,
        Ok(n) => anyhow::bail!(
            "there is no finding {n}: the check found {} (numbered from 1 in its output order)",
            ids.len()
        ),
        Err(_) => ids.iter().position(|id| *id == args.finding).ok_or_else(|| {
            anyhow::anyhow!(
                "no finding has the id `{}` now: it is fixed, or the id is mistyped (`lockstep check --format json` lists the ids)",
                args.finding
            )
        })?,
    };
    let finding = &checked.diagnostics[index];
    let slice = Slicer::new(sources).context(finding);
    let output = match global.format {
        OutputFormat::Text => format!(
            "{}\n{} tokens (the whole files it touches: {} tokens)\n",
            slice.text, slice.tokens, slice.file_tokens
        ),
        OutputFormat::Json => format!(
            "{:#}\n",
            json!({
                "version": 1,
                "id": ids[index],
                "code": finding.code,
                "context": slice.text,
                "tokens": slice.tokens,
                "file_tokens": slice.file_tokens,
            })
        ),
        OutputFormat::Sarif | OutputFormat::Github => {
            anyhow::bail!("`lockstep context` prints `--format text` or `json`")
        }
    };
    printer.out(&output)?;
    Ok(ExitStatus::Success)
}
