//! Contract text lockstep writes for the user (`import openapi`, `init`): formatted the way
//! `lockstep fmt` would, and refused when it does not check, since such text is a bug of the
//! writer and must not reach the user's contract folder.

use anyhow::bail;
use lockstep_contract::format::format;
use lockstep_contract::resolve::resolve;
use lockstep_contract::syntax::parse;
use lockstep_diagnostics::{RenderOptions, Severity, Sources, render_text};

/// Each file formatted; the files together must parse and resolve without errors. `writer`
/// names the command in the message of a refusal.
pub fn formatted(files: &[(String, String)], writer: &str) -> anyhow::Result<Vec<(String, String)>> {
    if let Err(Problems { rendered, .. }) = errors_by_item(files) {
        bail!(
            "the contract text `{writer}` produced from its input does not check, so nothing was written; the input holds something lockstep cannot yet represent (please report it with the input):\n{rendered}"
        );
    }
    Ok(files.iter().map(|(name, text)| (name.clone(), format_text(name, text))).collect())
}

/// A contract file's name and text.
type NamedText = (String, String);

/// Like [`formatted`], for text derived from an app's own files (`init`): an item that does
/// not check (a constraint over a column the derivation could not type, say) is left out and
/// named with why, and the rest is kept, so one odd corner of an app never stops the adoption.
/// Returns the files and one note per item left out.
pub fn formatted_leaving_out(
    files: &[(String, String)],
    writer: &str,
) -> anyhow::Result<(Vec<NamedText>, Vec<String>)> {
    let mut files = files.to_vec();
    let mut notes = Vec::new();
    // Leaving an item out can break the items that name it; each round removes those too.
    for _ in 0..32 {
        let Err(problems) = errors_by_item(&files) else {
            let formatted = files.iter().map(|(name, text)| (name.clone(), format_text(name, text))).collect();
            return Ok((formatted, notes));
        };
        if problems.items.iter().all(Vec::is_empty) {
            bail!(
                "the contract text `{writer}` produced does not check (a bug in lockstep; please report it with the input):\n{}",
                problems.rendered
            );
        }
        for (file, ranges) in problems.items.iter().enumerate() {
            // One item can hold several errors: it is left out once, with its first message.
            let mut ranges = ranges.clone();
            ranges.sort_by_key(|(start, end, _)| (*start, *end));
            ranges.dedup_by_key(|(start, end, _)| (*start, *end));
            for (start, end, message) in ranges.into_iter().rev() {
                let text = &mut files[file].1;
                let Some(item) = text.get(start..end) else { continue };
                let head = item.lines().find(|l| !l.trim_start().starts_with("///")).unwrap_or_default();
                let head = head.trim().trim_end_matches('{').trim_end().to_owned();
                notes.push(format!("left out `{head}`: {message}"));
                text.replace_range(start..end, "");
            }
        }
    }
    bail!(
        "the contract text `{writer}` produced does not check even after leaving out the items in error (a bug in lockstep)"
    )
}

/// Errors of contract text: rendered, and per file the items (byte range with docs, first
/// message) they fall in.
struct Problems {
    rendered: String,
    items: Vec<Vec<(usize, usize, String)>>,
}

fn format_text(name: &str, text: &str) -> String {
    let mut sources = Sources::new();
    let id = sources.add(name.to_owned(), text.to_owned());
    let parsed = parse(id, sources.get(id).text());
    format(&parsed.tree, sources.get(id).text())
}

fn errors_by_item(files: &[(String, String)]) -> Result<(), Problems> {
    let mut sources = Sources::new();
    let mut trees = Vec::new();
    let mut problems = Vec::new();
    for (name, text) in files {
        let id = sources.add(name.clone(), text.clone());
        let parsed = parse(id, sources.get(id).text());
        problems.extend(parsed.diagnostics.clone());
        trees.push(parsed.tree);
    }
    if !problems.iter().any(|d| d.severity == Severity::Error) {
        problems.extend(resolve(&sources, &trees).diagnostics);
    }
    let errors: Vec<_> = problems.iter().filter(|d| d.severity == Severity::Error).collect();
    if errors.is_empty() {
        return Ok(());
    }
    let mut rendered = String::new();
    let mut items = vec![Vec::new(); files.len()];
    let mut all_placed = true;
    for error in &errors {
        render_text(&mut rendered, error, &sources, RenderOptions::default());
        let placed = error.primary.as_ref().and_then(|label| {
            let index = trees.iter().position(|t| t.file == label.span.file)?;
            let item = trees[index]
                .items
                .iter()
                .find(|item| item.span.start <= label.span.start && label.span.start <= item.span.end)?;
            let start = item.docs.start().unwrap_or(item.span.start) as usize;
            Some((index, start, item.span.end as usize))
        });
        match placed {
            Some((index, start, end)) => items[index].push((start, end, error.message.clone())),
            None => all_placed = false,
        }
    }
    if !all_placed {
        items.iter_mut().for_each(Vec::clear);
    }
    Err(Problems { rendered, items })
}
