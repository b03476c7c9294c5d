//! `lockstep fmt`: rewrite contract files in the canonical layout, or report which are not.

use std::fmt::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, bail};
use lockstep_contract::format::format;
use lockstep_contract::syntax::lexer::{TokenKind, tokenize};
use lockstep_contract::syntax::parse;
use lockstep_diagnostics::Sources;

use crate::ExitStatus;
use crate::cli::{FmtArgs, GlobalArgs};
use crate::load;
use crate::printer::Printer;
use crate::read::Within;
use crate::report::Report;

pub fn run(printer: &Printer, global: &GlobalArgs, args: &FmtArgs) -> anyhow::Result<ExitStatus> {
    let started = Instant::now();
    let mut sources = Sources::new();
    let (paths, base, root) = if args.paths.is_empty() {
        let project = load::project(None, &mut sources, printer.color_stderr)?;
        let paths = load::contract_paths(&project, &sources, printer.color_stderr)?;
        let root = crate::read::canonical_root(&project.root);
        (paths, project.root, Some(root))
    } else {
        let mut paths = Vec::new();
        for path in &args.paths {
            let found = load::contract_files_in(path)?;
            if found.is_empty() {
                bail!("no `.{}` files in `{}`", load::CONTRACT_EXTENSION, path.display());
            }
            paths.extend(found);
        }
        (paths, PathBuf::from("."), None)
    };
    let within = root.as_deref().map_or(Within::Anywhere, Within::Root);

    let mut diagnostics = Vec::new();
    let mut unformatted = Vec::new();
    for path in &paths {
        let text = load::read_text(path, within)?;
        let file = sources.add(load::display_path(path, &base), text);
        let text = sources.get(file).text();
        let parsed = parse(file, text);
        if parsed.has_errors() {
            diagnostics.extend(parsed.diagnostics);
            continue;
        }
        let formatted = with_line_endings_of(text, format(&parsed.tree, text));
        verify(file, text, &formatted)
            .with_context(|| format!("formatting `{}` would lose text; the file was left unchanged", path.display()))?;
        if formatted != text {
            unformatted.push(sources.get(file).path().to_owned());
            if !args.check {
                crate::write::write_file(path, formatted.as_bytes(), crate::write::Existing::Replace)?;
            }
        }
    }

    let has_errors = !diagnostics.is_empty();
    if has_errors {
        let report = Report::new(&sources, diagnostics, paths.len(), started.elapsed());
        printer.out(&report.render(global.format, printer.color_stdout))?;
    }
    if args.check {
        let listing: String = unformatted.iter().fold(String::new(), |mut out, p| {
            let _ = writeln!(out, "would reformat: {}", lockstep_diagnostics::escape_controls(p));
            out
        });
        printer.out(&listing)?;
        printer.status(&format!("{} of {} files would be reformatted", unformatted.len(), paths.len()));
    } else {
        printer.status(&format!("formatted {} of {} files", unformatted.len(), paths.len()));
    }
    let failed = has_errors || (args.check && !unformatted.is_empty());
    Ok(if failed { ExitStatus::Findings } else { ExitStatus::Success })
}

/// Keeps Windows line endings in files that use them.
fn with_line_endings_of(original: &str, formatted: String) -> String {
    if original.contains("\r\n") { formatted.replace('\n', "\r\n") } else { formatted }
}

/// A formatter bug must never cost a user their text: the output has to parse cleanly and
/// keep every comment.
fn verify(file: lockstep_diagnostics::FileId, original: &str, formatted: &str) -> anyhow::Result<()> {
    let reparsed = parse(file, formatted);
    if reparsed.has_errors() {
        bail!("the formatted text does not parse (a formatter bug; please report it)");
    }
    let comments = |text: &str| {
        tokenize(text).iter().filter(|t| matches!(t.kind, TokenKind::LineComment | TokenKind::DocComment)).count()
    };
    let (before, after) = (comments(original), comments(formatted));
    if before != after {
        bail!("the formatted text has {after} comments instead of {before} (a formatter bug; please report it)");
    }
    Ok(())
}
