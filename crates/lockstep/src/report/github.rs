//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding, which
//! GitHub shows as an annotation on the file and line.

use std::fmt::Write;

use lockstep_diagnostics::Severity;

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
    let _ = writeln!(out, "{}", report.summary());
    out
}

/// Escapes a message as GitHub's workflow command parser expects.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value, where `:` and `,` are separators.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}
