//! The one helper the tests go through: text in, diagnostics and formatted text out.

use lockstep_contract::describe::describe;
use lockstep_contract::format::format;
use lockstep_contract::resolve::resolve;
use lockstep_contract::syntax::parse;
use lockstep_diagnostics::{RenderOptions, Sources, render_text, sort_diagnostics};

pub struct Checked {
    /// Every diagnostic, rendered with code frames, without colour.
    pub rendered: String,
    pub error_count: usize,
    pub diagnostic_count: usize,
    /// The formatted text, when the file parsed.
    pub formatted: Option<String>,
    /// The resolved contract described, when it resolved.
    pub described: Option<String>,
}

pub fn check(path: &str, text: &str) -> Checked {
    let mut sources = Sources::new();
    let file = sources.add(path, text);
    let parsed = parse(file, sources.get(file).text());
    let mut diagnostics = parsed.diagnostics;
    let mut formatted = None;
    let mut described = None;
    if diagnostics.is_empty() {
        formatted = Some(format(&parsed.tree, text));
        let resolved = resolve(&sources, &[parsed.tree]);
        diagnostics.extend(resolved.diagnostics);
        described = Some(describe(&resolved.contract));
    }
    sort_diagnostics(&mut diagnostics, &sources);
    let mut rendered = String::new();
    for diagnostic in &diagnostics {
        render_text(&mut rendered, diagnostic, &sources, RenderOptions::default());
    }
    let error_count = diagnostics.iter().filter(|d| d.severity == lockstep_diagnostics::Severity::Error).count();
    Checked { rendered, error_count, diagnostic_count: diagnostics.len(), formatted, described }
}
