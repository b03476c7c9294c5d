//! Suppressions: a `lockstep-ignore: <code> [<code>...] <reason>` comment (`//`, `--` or `#`)
//! on the line above a finding silences it. A suppression that silences nothing is itself a
//! warning, so stale ones do not pile up.

use lockstep_diagnostics::{Diagnostic, Sources, Span};

pub const UNUSED_SUPPRESSION: &str = "lockstep/unused-suppression";
pub const MARKER: &str = "lockstep-ignore:";

struct Suppression {
    span: Span,
    /// The 1-based line it applies to.
    target_line: u32,
    codes: Vec<String>,
    used: bool,
}

/// Removes suppressed findings and adds one warning per suppression that matched nothing.
pub fn apply(sources: &Sources, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut suppressions: Vec<Suppression> = Vec::new();
    for (file, source) in sources.iter() {
        let text = source.text();
        if !text.contains(MARKER) {
            continue;
        }
        let mut offset = 0usize;
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        for (index, line) in lines.iter().enumerate() {
            if let Some(at) = line.find(MARKER) {
                let before = line[..at].trim_end();
                if before.ends_with("//") || before.ends_with("--") || before.ends_with('#') {
                    let codes: Vec<String> = line[at + MARKER.len()..]
                        .split([' ', ','])
                        .filter(|w| !w.is_empty())
                        .take_while(|w| w.contains('/'))
                        .map(|w| w.trim().to_owned())
                        .collect();
                    // The next line that is not blank.
                    let target = lines
                        .iter()
                        .enumerate()
                        .skip(index + 1)
                        .find(|(_, l)| !l.trim().is_empty())
                        .map_or(index + 2, |(i, _)| i + 1);
                    let start = offset + before.len() - 2.min(before.len());
                    let end = offset + line.trim_end().len();
                    suppressions.push(Suppression {
                        span: Span::new(file, start as u32, end as u32),
                        target_line: target as u32,
                        codes,
                        used: false,
                    });
                }
            }
            offset += line.len();
        }
    }
    if suppressions.is_empty() {
        return diagnostics;
    }
    let mut kept = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        let suppressed = diagnostic.primary.as_ref().and_then(|primary| {
            let file = sources.get(primary.span.file);
            let line = file.line_index().line_col(file.text(), primary.span.start).line;
            suppressions.iter_mut().find(|s| {
                s.span.file == primary.span.file
                    && s.target_line == line
                    && s.codes.iter().any(|c| c == diagnostic.code)
            })
        });
        match suppressed {
            Some(suppression) => suppression.used = true,
            None => kept.push(diagnostic),
        }
    }
    for suppression in suppressions.iter().filter(|s| !s.used) {
        let message = if suppression.codes.is_empty() {
            "this suppression names no finding code".to_owned()
        } else {
            format!("nothing to suppress: no {} finding on the next line", suppression.codes.join(" or "))
        };
        kept.push(
            Diagnostic::warning(UNUSED_SUPPRESSION, message)
                .at(suppression.span, "unused suppression")
                .help("remove it, or name the code of the finding on the next line: `lockstep-ignore: ui/unknown-column <reason>`"),
        );
    }
    kept
}
