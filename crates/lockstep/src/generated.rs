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
    let mut sources = Sources::new();
    let mut trees = Vec::new();
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for (name, text) in files {
        let id = sources.add(name.clone(), text.clone());
        let parsed = parse(id, sources.get(id).text());
        problems.extend(parsed.diagnostics.clone());
        out.push((name.clone(), format(&parsed.tree, sources.get(id).text())));
        trees.push(parsed.tree);
    }
    if !problems.iter().any(|d| d.severity == Severity::Error) {
        problems.extend(resolve(&sources, &trees).diagnostics);
    }
    let errors: Vec<_> = problems.iter().filter(|d| d.severity == Severity::Error).collect();
    if !errors.is_empty() {
        let mut rendered = String::new();
        for error in errors {
            render_text(&mut rendered, error, &sources, RenderOptions::default());
        }
        bail!(
            "the contract text `{writer}` produced does not check (a bug in lockstep; please report it with the input):\n{rendered}"
        );
    }
    Ok(out)
}
