//! Reads `.env` files into facts: each variable's name and value with their spans. The dotenv
//! dialect: `KEY=value`, `export KEY=value`, single, double and backtick quotes (double quotes
//! with `\n` escapes and multi-line values), `#` comments, blank lines. Never fails: a line it
//! cannot read is returned as a problem with its span.

use lockstep_diagnostics::{FileId, Span};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvEntry {
    pub name: String,
    pub name_span: Span,
    pub value: String,
    pub value_span: Span,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnvFile {
    pub entries: Vec<EnvEntry>,
    /// Lines that are not `KEY=value`, with what is wrong.
    pub problems: Vec<(String, Span)>,
}

impl EnvFile {
    pub fn get(&self, name: &str) -> Option<&EnvEntry> {
        // A later definition wins, as dotenv loaders do.
        self.entries.iter().rev().find(|e| e.name == name)
    }
}

pub fn parse_env(file: FileId, text: &str) -> EnvFile {
    let mut result = EnvFile::default();
    let bytes = text.as_bytes();
    let mut pos = 0usize;
    while pos < bytes.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = &text[pos..line_end];
        let trimmed = line.trim_start();
        let lead = line.len() - trimmed.len();
        if trimmed.trim().is_empty() || trimmed.starts_with('#') {
            pos = line_end + 1;
            continue;
        }
        let body = trimmed.strip_prefix("export ").map_or(trimmed, str::trim_start);
        let body_start = pos + lead + (trimmed.len() - body.len());
        let Some(eq) = body.find('=') else {
            let span = Span::new(file, body_start as u32, (pos + line.trim_end().len()) as u32);
            result.problems.push(("expected `NAME=value`".to_owned(), span));
            pos = line_end + 1;
            continue;
        };
        let name = body[..eq].trim_end();
        let name_span = Span::new(file, body_start as u32, (body_start + name.len()) as u32);
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-') {
            result.problems.push((format!("`{name}` is not a variable name"), name_span));
            pos = line_end + 1;
            continue;
        }
        let after_eq = body_start + eq + 1;
        let rest = &text[after_eq..];
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let value_start = after_eq + spaces;
        let (value, value_end, next) = read_value(text, value_start, line_end);
        result.entries.push(EnvEntry {
            name: name.to_owned(),
            name_span,
            value,
            value_span: Span::new(file, value_start as u32, value_end as u32),
        });
        pos = next;
    }
    result
}

/// The value starting at `start`, where it ends, and where the next line starts.
fn read_value(text: &str, start: usize, line_end: usize) -> (String, usize, usize) {
    let quote = text[start..].chars().next().filter(|c| matches!(c, '"' | '\'' | '`'));
    if let Some(quote) = quote {
        if let Some(close) = text[start + 1..].find(quote) {
            let end = start + 1 + close;
            let raw = &text[start + 1..end];
            let value = if quote == '"' { raw.replace("\\n", "\n").replace("\\\"", "\"") } else { raw.to_owned() };
            let next_line = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
            return (value, end + 1, next_line);
        }
    }
    let raw = &text[start..line_end];
    // An unquoted value ends at ` #` (a comment) and loses trailing spaces and `\r`.
    let raw = raw.find(" #").map_or(raw, |i| &raw[..i]);
    let raw = raw.trim_end();
    (raw.to_owned(), start + raw.len(), line_end + 1)
}

/// `text` with the value of every variable `keep` rejects replaced by `*`s of the same byte
/// length, so spans into the masked text match spans into the original.
pub fn mask_values(text: &str, keep: &dyn Fn(&str) -> bool) -> String {
    let mut sources = lockstep_diagnostics::Sources::new();
    let probe = sources.add("", "");
    let parsed = parse_env(probe, text);
    let mut bytes = text.as_bytes().to_vec();
    for entry in parsed.entries.iter().filter(|e| !keep(&e.name)) {
        bytes[entry.value_span.start as usize..entry.value_span.end as usize].fill(b'*');
    }
    // Masking whole values keeps UTF-8 valid: a value starts and ends on character boundaries.
    String::from_utf8(bytes).unwrap_or_else(|_| "*".repeat(text.len()))
}

#[cfg(test)]
mod tests {
    use lockstep_diagnostics::Sources;

    use super::*;

    fn parse(text: &str) -> EnvFile {
        let mut sources = Sources::new();
        let file = sources.add(".env", text);
        parse_env(file, text)
    }

    #[test]
    fn reads_the_dotenv_dialect() {
        let env = parse(
            "# comment\nA=1\nexport B = two words # trailing\nC=\"line\\nbreak\"\r\nD='single # kept'\nE=\n\nF=\"multi\nline\"\nG=x\n",
        );
        let pairs: Vec<(&str, &str)> = env.entries.iter().map(|e| (e.name.as_str(), e.value.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("A", "1"),
                ("B", "two words"),
                ("C", "line\nbreak"),
                ("D", "single # kept"),
                ("E", ""),
                ("F", "multi\nline"),
                ("G", "x")
            ]
        );
        assert!(env.problems.is_empty(), "{:?}", env.problems);
    }

    #[test]
    fn spans_point_at_names_and_values() {
        let text = "  export KEY=value\n";
        let env = parse(text);
        let entry = &env.entries[0];
        assert_eq!(&text[entry.name_span.start as usize..entry.name_span.end as usize], "KEY");
        assert_eq!(&text[entry.value_span.start as usize..entry.value_span.end as usize], "value");
    }

    #[test]
    fn masking_hides_values_and_keeps_offsets() {
        let text = "PUBLIC_URL=https://x.dev\nSECRET=sk_live_é123\n";
        let masked = mask_values(text, &|name| name == "PUBLIC_URL");
        assert_eq!(masked.len(), text.len());
        assert!(masked.contains("PUBLIC_URL=https://x.dev"));
        assert!(!masked.contains("sk_live"));
        assert!(masked.contains("SECRET=*"));
    }

    #[test]
    fn bad_lines_are_problems_not_failures() {
        let env = parse("JUST_A_WORD\nBAD NAME=1\nOK=1\n");
        assert_eq!(env.entries.len(), 1);
        assert_eq!(env.problems.len(), 2);
    }
}
