//! The human renderer: a header, a code frame with carets under the span, then the contract
//! element and the help. Reads right without colour; colour only adds emphasis.

use std::borrow::Cow;
use std::fmt::Write;

use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::source::Sources;

#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    pub color: bool,
}

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const CYAN: &str = "\x1b[1;36m";
const BLUE: &str = "\x1b[1;34m";

/// Tabs are shown as this many spaces so carets line up whatever the terminal's tab stops are.
const TAB: &str = "    ";

struct Paint {
    color: bool,
}

impl Paint {
    fn wrap(&self, style: &str, text: &str) -> String {
        if self.color { format!("{style}{text}{RESET}") } else { text.to_owned() }
    }
}

fn severity_style(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
        Severity::Info => CYAN,
    }
}

/// Appends one rendered diagnostic, ending with a blank line, to `out`.
pub fn render_text(out: &mut String, diagnostic: &Diagnostic, sources: &Sources, options: RenderOptions) {
    let paint = Paint { color: options.color };
    let style = severity_style(diagnostic.severity);
    let header = format!("{}[{}]", diagnostic.severity, diagnostic.code);
    let message = escape_controls(&diagnostic.message);
    let _ = writeln!(out, "{}{}", paint.wrap(style, &header), paint.wrap(BOLD, &format!(": {message}")));

    let labels: Vec<&Label> = diagnostic.primary.iter().chain(&diagnostic.related).collect();
    let gutter = labels
        .iter()
        .map(|label| {
            let file = sources.get(label.span.file);
            file.line_index().line_col(file.text(), label.span.start).line.to_string().len()
        })
        .max()
        .unwrap_or(1);
    let pad = " ".repeat(gutter);
    let pipe = paint.wrap(BLUE, "|");

    if let Some(primary) = &diagnostic.primary {
        render_frame(out, &paint, sources, primary, '^', style, "-->", gutter);
    }
    for related in &diagnostic.related {
        render_frame(out, &paint, sources, related, '-', BLUE, ":::", gutter);
    }
    if !labels.is_empty() && (diagnostic.contract.is_some() || diagnostic.help.is_some()) {
        let _ = writeln!(out, "{pad} {pipe}");
    }
    let eq = paint.wrap(BLUE, "=");
    if let Some(contract) = &diagnostic.contract {
        let _ =
            writeln!(out, "{pad} {eq} {}: {}", paint.wrap(BOLD, "contract"), escape_controls(&contract.to_string()));
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(out, "{pad} {eq} {}: {}", paint.wrap(BOLD, "help"), escape_controls(help));
    }
    out.push('\n');
}

#[expect(clippy::too_many_arguments, reason = "a private helper threading render state")]
fn render_frame(
    out: &mut String,
    paint: &Paint,
    sources: &Sources,
    label: &Label,
    marker: char,
    style: &str,
    arrow: &str,
    gutter: usize,
) {
    let file = sources.get(label.span.file);
    let (text, index) = (file.text(), file.line_index());
    let start = index.line_col(text, label.span.start);
    let end = index.line_col(text, label.span.end);
    let pad = " ".repeat(gutter);
    let pipe = paint.wrap(BLUE, "|");
    let path = escape_controls(file.path());
    let _ = writeln!(out, "{pad}{} {path}:{}:{}", paint.wrap(BLUE, arrow), start.line, start.column);
    let _ = writeln!(out, "{pad} {pipe}");

    let line = index.line_text(text, start.line);
    let shown: String = line.chars().map(shown_char).collect();
    let _ = writeln!(out, "{} {pipe} {shown}", paint.wrap(BLUE, &format!("{:>gutter$}", start.line)));

    let prefix_width = display_width(line.chars().take(start.column as usize - 1));
    let line_chars = line.chars().count() as u32;
    let end_column = if end.line == start.line { end.column } else { line_chars + 1 };
    let span_chars =
        line.chars().skip(start.column as usize - 1).take(end_column.saturating_sub(start.column) as usize);
    let marker_width = display_width(span_chars).max(1);
    let markers: String = std::iter::repeat_n(marker, marker_width).collect();
    let message =
        if label.message.is_empty() { String::new() } else { format!(" {}", escape_controls(&label.message)) };
    let _ =
        writeln!(out, "{pad} {pipe} {}{}", " ".repeat(prefix_width), paint.wrap(style, &format!("{markers}{message}")));
}

fn display_width(chars: impl Iterator<Item = char>) -> usize {
    chars.map(|c| shown_char(c).chars().count()).sum()
}

/// A character of a quoted source line as shown: tabs as spaces, so carets line up whatever the
/// terminal's tab stops; control characters escaped.
fn shown_char(c: char) -> Cow<'static, str> {
    if c == '\t' { Cow::Borrowed(TAB) } else { escape_char(c).map_or_else(|| Cow::Owned(c.to_string()), Cow::Owned) }
}

/// `c` written out when a terminal would act on it instead of showing it: C0 and C1 controls
/// (`\x1b` starts escape sequences that recolour, retitle or clear the terminal) and the
/// bidirectional overrides that make text display in another order than it reads ("Trojan
/// Source").
fn escape_char(c: char) -> Option<String> {
    let bidi = matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if c.is_ascii_control() {
        Some(format!("\\x{:02x}", c as u32))
    } else if c.is_control() || bidi {
        Some(format!("\\u{{{:x}}}", c as u32))
    } else {
        None
    }
}

/// `text` with every control character escaped (see [`escape_char`]), tabs and line breaks
/// included: for one-line text that names files or code (messages, paths).
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| escape_char(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| escape_char(c).unwrap_or_else(|| c.to_string())).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str, start: u32, end: u32) -> String {
        let mut sources = Sources::new();
        let file = sources.add("app.lockstep", text);
        let diagnostic = Diagnostic::error("contract/unknown-type", "unknown type `Strng`")
            .at(crate::Span::new(file, start, end), "not a type")
            .contract(crate::ContractPath::Entity("Customer".to_owned()))
            .help("did you mean `text`?");
        let mut out = String::new();
        render_text(&mut out, &diagnostic, &sources, RenderOptions::default());
        out
    }

    #[test]
    fn frame_points_at_the_span() {
        let text = "entity Customer {\n  name Strng\n}\n";
        let start = text.find("Strng").unwrap() as u32;
        assert_eq!(
            render(text, start, start + 5),
            "error[contract/unknown-type]: unknown type `Strng`\n --> app.lockstep:2:8\n  |\n2 |   name Strng\n  |        ^^^^^ not a type\n  |\n  = contract: entity Customer\n  = help: did you mean `text`?\n\n"
        );
    }

    #[test]
    fn crlf_multibyte_and_tabs_keep_carets_aligned() {
        let text = "a\r\n\té日 Strng\r\n";
        let start = text.find("Strng").unwrap() as u32;
        let out = render(text, start, start + 5);
        assert!(out.contains(" --> app.lockstep:2:5\n"), "{out}");
        assert!(out.contains("2 |     é日 Strng\n"), "{out}");
        assert!(out.contains("  |        ^^^^^ not a type\n"), "{out}");
        assert!(!out.contains('\r'));
    }

    #[test]
    fn empty_span_at_end_of_file_gets_one_caret() {
        let text = "entity A {";
        let out = render(text, 10, 10);
        assert!(out.contains(" --> app.lockstep:1:11\n"), "{out}");
        assert!(out.contains("  |           ^ not a type\n"), "{out}");
    }
}
