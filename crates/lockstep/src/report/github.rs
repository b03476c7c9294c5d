//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding, which
//! GitHub shows as an annotation on the file and line.

use std::fmt::Write;

use lockstep_diagnostics::{Severity, escape_controls};

use super::Report;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut properties = vec![format!("title={}", property(d.code))];
        if let Some(primary) = &d.primary {
            let file = report.sources.get(primary.span.file);
            let index = file.line_index();
            let start = index.line_col(file.text(), primary.span.start);
            let end = index.line_col(file.text(), primary.span.end);
            properties.insert(0, format!("file={}", property(file.path())));
            properties.insert(1, format!("line={}", start.line));
            properties.insert(2, format!("col={}", start.column));
            properties.insert(3, format!("endLine={}", end.line));
            properties.insert(4, format!("endColumn={}", end.column));
        }
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            let _ = write!(message, "\nhelp: {help}");
        }
        let _ = writeln!(out, "::{command} {}::{}", properties.join(","), data(&message));
    }
    for failure in &report.failures {
        let message = format!("the {} layer could not run: {}", failure.layer, failure.message);
        let _ = writeln!(out, "::error title={}::{}", property("lockstep"), data(&message));
    }
    let _ = writeln!(out, "{}", report.summary());
    out
}

/// Escapes a message as GitHub's workflow command parser expects; other control characters are
/// written out, since the log shows them to a terminal too.
fn data(text: &str) -> String {
    let lines: Vec<String> = text.split('\n').map(|line| escape_controls(line).into_owned()).collect();
    lines.join("\n").replace('%', "%25").replace('\n', "%0A")
}

/// Escapes a property value, where `:` and `,` are separators.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}
