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
        if let Some(close) = closing_quote(&text[start + 1..], quote) {
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

/// The offset of the quote that closes a value in `rest`: inside double quotes a backslash
/// escapes the next character (`"a\"b"` is one value), as dotenv loaders read it.
fn closing_quote(rest: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (offset, c) in rest.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quote == '"' => escaped = true,
            _ if c == quote => return Some(offset),
            _ => {}
        }
    }
    None
}

/// `text` with everything that could be a value replaced by `*`s of the same byte length, so
/// spans into the masked text match spans into the original. Only the values of variables `keep`
/// accepts (the public ones) stay readable.
///
/// When in doubt, mask: of a `NAME=value` line only the part before the value stays (its
/// indentation, `export`, the name and `=`); the rest of the line is masked, so text after a
/// closing quote goes too, and so do the lines of a multi-line value. Every other line, a
/// comment (`# KEY=sk_live_...`), a line that does not parse (`KEY: value`), is masked whole.
/// Line breaks and blank lines stay, so line numbers do not move.
pub fn mask_values(text: &str, keep: &dyn Fn(&str) -> bool) -> String {
    let mut sources = lockstep_diagnostics::Sources::new();
    let probe = sources.add("", "");
    let parsed = parse_env(probe, text);
    let mut visible = vec![false; text.len()];
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = |at: usize| text[at..].find('\n').map_or(text.len(), |i| at + i);
    for entry in &parsed.entries {
        let (name, value) = (entry.name_span.start as usize, entry.value_span.start as usize);
        visible[line_start(name)..value].fill(true);
        if keep(&entry.name) {
            visible[value..line_end(entry.value_span.end as usize)].fill(true);
        }
    }
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            visible[start..start + line.len()].fill(true);
        }
        start += line.len();
    }
    let bytes: Vec<u8> = text
        .bytes()
        .zip(&visible)
        .map(|(byte, &shown)| if shown || byte == b'\n' || byte == b'\r' { byte } else { b'*' })
        .collect();
    // Visible ranges start and end at line starts, line ends and value starts, all character
    // boundaries, so the result is valid UTF-8; if it ever were not, everything is masked.
    String::from_utf8(bytes).unwrap_or_else(|_| text.bytes().map(|b| if b == b'\n' { '\n' } else { '*' }).collect())
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
    fn an_escaped_quote_does_not_end_a_value() {
        let env = parse("KEY=\"ab\\\"cd\"\nNEXT=1\n");
        let pairs: Vec<(&str, &str)> = env.entries.iter().map(|e| (e.name.as_str(), e.value.as_str())).collect();
        assert_eq!(pairs, [("KEY", "ab\"cd"), ("NEXT", "1")]);
    }

    #[test]
    fn masking_leaves_nothing_that_could_be_a_value() {
        let text = "A=\"sk_live_ab\\\"cdTAIL\"\nB=\"sk_live_x\" sk_live_AFTER\nC: sk_live_COLON\n# D=sk_live_COMMENT\n  \nE=\"multi\nsk_live_LINE2\"\nPUBLIC=https://x.dev # note\nJUST_sk_live_WORD\n";
        let masked = mask_values(text, &|name| name == "PUBLIC");
        assert_eq!(masked.len(), text.len());
        assert_eq!(masked.lines().count(), text.lines().count());
        for secret in ["sk_live", "TAIL", "AFTER", "COLON", "COMMENT", "LINE2", "WORD"] {
            assert!(!masked.contains(secret), "{secret} in:\n{masked}");
        }
        assert_eq!(
            masked,
            "A=********************\nB=*************************\n****************\n*******************\n  \nE=******\n**************\nPUBLIC=https://x.dev # note\n*****************\n"
        );
    }

    #[test]
    fn bad_lines_are_problems_not_failures() {
        let env = parse("JUST_A_WORD\nBAD NAME=1\nOK=1\n");
        assert_eq!(env.entries.len(), 1);
        assert_eq!(env.problems.len(), 2);
    }
}
