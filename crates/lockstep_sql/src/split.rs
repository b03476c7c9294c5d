//! Splits a migration file into statements at top-level `;`, honouring strings, quoted
//! identifiers, dollar quotes and comments (nested block comments included), so one bad
//! statement never hides the next.

/// One statement: its byte range in the file, from its first significant character to the end
/// of its text (the `;` excluded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Statement {
    pub start: u32,
    pub end: u32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Normal,
    SingleQuote { backslash_escapes: bool },
    DoubleQuote,
    LineComment,
    BlockComment { depth: u32 },
}

/// Splits `text` into statements. Statements holding only comments and whitespace are dropped.
/// An unterminated string or comment runs to the end of the file, as Postgres would read it.
pub fn split_statements(text: &str) -> Vec<Statement> {
    let bytes = text.as_bytes();
    let mut statements = Vec::new();
    let mut state = State::Normal;
    let mut start = 0usize;
    let mut significant: Option<usize> = None;
    let mut i = 0usize;
    while i < bytes.len() {
        let byte = bytes[i];
        match state {
            State::Normal => match byte {
                b';' => {
                    if let Some(first) = significant.take() {
                        statements.push(Statement { start: first as u32, end: trim_end(bytes, start, i) as u32 });
                        // `COPY ... FROM stdin;` in a dump is followed by data up to a `\.` line.
                        if is_copy_from_stdin(&text[first..i]) {
                            i = end_of_copy_data(bytes, i + 1);
                            start = i;
                            continue;
                        }
                    }
                    start = i + 1;
                }
                b'-' if bytes.get(i + 1) == Some(&b'-') => {
                    state = State::LineComment;
                    i += 1;
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    state = State::BlockComment { depth: 1 };
                    i += 1;
                }
                b'\'' => {
                    significant.get_or_insert(i);
                    let escape = i > 0
                        && matches!(bytes[i - 1], b'e' | b'E')
                        && !is_ident_byte(bytes.get(i.wrapping_sub(2)).copied());
                    state = State::SingleQuote { backslash_escapes: escape };
                }
                b'"' => {
                    significant.get_or_insert(i);
                    state = State::DoubleQuote;
                }
                b'$' => {
                    significant.get_or_insert(i);
                    if let Some(tag_len) = dollar_tag(bytes, i) {
                        let tag = &bytes[i..i + tag_len];
                        let body = i + tag_len;
                        let close = find(bytes, body, tag).unwrap_or(bytes.len());
                        i = (close + tag_len).min(bytes.len());
                        continue;
                    }
                }
                b if b.is_ascii_whitespace() => {}
                _ => {
                    significant.get_or_insert(i);
                }
            },
            State::SingleQuote { backslash_escapes } => match byte {
                b'\\' if backslash_escapes => i += 1,
                b'\'' if bytes.get(i + 1) == Some(&b'\'') => i += 1,
                b'\'' => state = State::Normal,
                _ => {}
            },
            State::DoubleQuote => {
                if byte == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        i += 1;
                    } else {
                        state = State::Normal;
                    }
                }
            }
            State::LineComment => {
                if byte == b'\n' {
                    state = State::Normal;
                }
            }
            State::BlockComment { depth } => {
                if byte == b'*' && bytes.get(i + 1) == Some(&b'/') {
                    state = if depth == 1 { State::Normal } else { State::BlockComment { depth: depth - 1 } };
                    i += 1;
                } else if byte == b'/' && bytes.get(i + 1) == Some(&b'*') {
                    state = State::BlockComment { depth: depth + 1 };
                    i += 1;
                }
            }
        }
        i += 1;
    }
    if let Some(first) = significant {
        statements.push(Statement { start: first as u32, end: trim_end(bytes, start, bytes.len()) as u32 });
    }
    statements
}

fn is_copy_from_stdin(statement: &str) -> bool {
    let lower = statement.to_ascii_lowercase();
    lower.starts_with("copy") && lower.contains("from stdin")
}

/// The offset after the `\.` line that ends inline `COPY` data (or the end of the text).
fn end_of_copy_data(bytes: &[u8], from: usize) -> usize {
    let mut line_start = from;
    while line_start < bytes.len() {
        let line_end = bytes[line_start..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| line_start + p);
        let line = &bytes[line_start..line_end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line == b"\\." {
            return (line_end + 1).min(bytes.len());
        }
        line_start = line_end + 1;
    }
    bytes.len()
}

fn is_ident_byte(byte: Option<u8>) -> bool {
    byte.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The length of a dollar-quote tag (`$$`, `$body$`) starting at `at`, if one starts there.
/// `$1` (a parameter) is not a tag.
fn dollar_tag(bytes: &[u8], at: usize) -> Option<usize> {
    let mut end = at + 1;
    if bytes.get(end).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_' || bytes[end] >= 0x80) {
        end += 1;
    }
    (bytes.get(end) == Some(&b'$')).then_some(end + 1 - at)
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

/// The end of the statement's text before `end`, trailing whitespace excluded.
fn trim_end(bytes: &[u8], start: usize, end: usize) -> usize {
    bytes[start..end].iter().rposition(|b| !b.is_ascii_whitespace()).map_or(start, |p| start + p + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_statements(text).into_iter().map(|s| &text[s.start as usize..s.end as usize]).collect()
    }

    #[test]
    fn splits_at_top_level_semicolons() {
        assert_eq!(
            split("create table a (id int);\n\ncreate table b (id int);"),
            ["create table a (id int)", "create table b (id int)"]
        );
    }

    #[test]
    fn ignores_semicolons_in_strings_identifiers_and_comments() {
        let text = "insert into t values ('a;b', 'it''s;');\n-- c; d\nselect \"x;y\" /* e; /* nested; */ f; */ from t;";
        assert_eq!(
            split(text),
            ["insert into t values ('a;b', 'it''s;')", "select \"x;y\" /* e; /* nested; */ f; */ from t"]
        );
    }

    #[test]
    fn dollar_quotes_hold_whole_function_bodies() {
        let text = "create function f() returns int as $$ begin return 1; end; $$ language plpgsql;\ncreate function g() returns int as $body$ select 1; $body$ language sql;";
        let parts = split(text);
        assert_eq!(parts.len(), 2);
        assert!(parts[0].ends_with("language plpgsql"));
        assert!(parts[1].starts_with("create function g"));
    }

    #[test]
    fn escape_strings_and_parameters() {
        assert_eq!(split("select E'a\\';b'; select $1;"), ["select E'a\\';b'", "select $1"]);
    }

    #[test]
    fn comment_only_statements_are_dropped() {
        assert_eq!(split("-- header\n;\n/* only */;\nselect 1 -- trailing\n;"), ["select 1 -- trailing"]);
    }

    #[test]
    fn copy_data_in_dumps_is_skipped() {
        let text = "copy public.t (a, b) from stdin;\n1\tx;y\n2\tz\n\\.\nselect 1;";
        assert_eq!(split(text), ["copy public.t (a, b) from stdin", "select 1"]);
    }

    #[test]
    fn unterminated_input_runs_to_the_end() {
        assert_eq!(split("select 'open; select 2"), ["select 'open; select 2"]);
        assert_eq!(split("create function f() as $$ never closed; "), ["create function f() as $$ never closed;"]);
    }
}
