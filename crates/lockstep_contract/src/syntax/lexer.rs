//! Splits contract text into tokens. Never fails: unknown characters become `Unknown` tokens
//! and unterminated strings are reported by the parser, which sees the token kind.

/// What a token is. Keywords are plain identifiers; the parser gives them meaning by position,
/// so `status` stays usable as a field name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Ident,
    /// Digits with an optional fraction and unit suffix: `20`, `1.5`, `300s`, `5MB`.
    Number,
    /// `"..."`; `terminated` is false when the line ended first.
    String {
        terminated: bool,
    },
    /// `` `...` ``: raw SQL, passed through untouched.
    RawSql {
        terminated: bool,
    },
    /// An HTTP path after a method: `/api/customers/{id: uuid}`.
    Path,
    LineComment,
    DocComment,
    LBrace,
    RBrace,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Lt,
    Gt,
    Comma,
    Colon,
    Dot,
    Question,
    Eq,
    EqEq,
    NotEq,
    Arrow,
    At,
    AtAt,
    Pipe,
    Unknown,
    Eof,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: u32,
    pub end: u32,
    /// A line break separates this token from the previous one (or it starts the file). Some
    /// constructs end at the end of a line, so the parser needs to know.
    pub line_start: bool,
}

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// Tokenizes the whole text. Comments are kept as tokens (the formatter needs them); the
/// parser filters them out.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 4);
    let mut pos = 0usize;
    let mut line_start = true;
    let mut previous_significant: Option<(TokenKind, u32, u32)> = None;

    while pos < bytes.len() {
        let byte = bytes[pos];
        if byte == b'\n' {
            line_start = true;
            pos += 1;
            continue;
        }
        if byte.is_ascii_whitespace() {
            pos += 1;
            continue;
        }
        let start = pos;
        let kind = match byte {
            b'/' if bytes.get(pos + 1) == Some(&b'/') => {
                let doc = bytes.get(pos + 2) == Some(&b'/') && bytes.get(pos + 3) != Some(&b'/');
                pos = line_end(bytes, pos);
                if doc { TokenKind::DocComment } else { TokenKind::LineComment }
            }
            b'/' if follows_method(text, previous_significant) => {
                pos = path_end(bytes, pos);
                TokenKind::Path
            }
            b'"' => {
                let (end, terminated) = quoted_end(bytes, pos, b'"');
                pos = end;
                TokenKind::String { terminated }
            }
            b'`' => {
                let (end, terminated) = quoted_end(bytes, pos, b'`');
                pos = end;
                TokenKind::RawSql { terminated }
            }
            b'0'..=b'9' => {
                pos = number_end(bytes, pos);
                TokenKind::Number
            }
            b'-' if bytes.get(pos + 1) == Some(&b'>') => {
                pos += 2;
                TokenKind::Arrow
            }
            b'-' if bytes.get(pos + 1).is_some_and(u8::is_ascii_digit) => {
                pos = number_end(bytes, pos + 1);
                TokenKind::Number
            }
            b'=' if bytes.get(pos + 1) == Some(&b'=') => {
                pos += 2;
                TokenKind::EqEq
            }
            b'!' if bytes.get(pos + 1) == Some(&b'=') => {
                pos += 2;
                TokenKind::NotEq
            }
            b'@' if bytes.get(pos + 1) == Some(&b'@') => {
                pos += 2;
                TokenKind::AtAt
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                pos += 1;
                while pos < bytes.len() && (bytes[pos].is_ascii_alphanumeric() || bytes[pos] == b'_') {
                    pos += 1;
                }
                TokenKind::Ident
            }
            _ => {
                pos += 1;
                punctuation(byte).unwrap_or_else(|| {
                    // Keep multi-byte characters whole so spans stay on char boundaries.
                    while pos < bytes.len() && !text.is_char_boundary(pos) {
                        pos += 1;
                    }
                    TokenKind::Unknown
                })
            }
        };
        let token = Token { kind, start: start as u32, end: pos as u32, line_start };
        if !matches!(kind, TokenKind::LineComment | TokenKind::DocComment) {
            previous_significant = Some((kind, token.start, token.end));
        }
        tokens.push(token);
        line_start = false;
    }
    tokens.push(Token { kind: TokenKind::Eof, start: text.len() as u32, end: text.len() as u32, line_start: true });
    tokens
}

fn punctuation(byte: u8) -> Option<TokenKind> {
    Some(match byte {
        b'{' => TokenKind::LBrace,
        b'}' => TokenKind::RBrace,
        b'(' => TokenKind::LParen,
        b')' => TokenKind::RParen,
        b'[' => TokenKind::LBracket,
        b']' => TokenKind::RBracket,
        b'<' => TokenKind::Lt,
        b'>' => TokenKind::Gt,
        b',' => TokenKind::Comma,
        b':' => TokenKind::Colon,
        b'.' => TokenKind::Dot,
        b'?' => TokenKind::Question,
        b'=' => TokenKind::Eq,
        b'@' => TokenKind::At,
        b'|' => TokenKind::Pipe,
        _ => return None,
    })
}

/// A path follows an HTTP method, or `webhook` directly (its method defaults to POST).
fn follows_method(text: &str, previous: Option<(TokenKind, u32, u32)>) -> bool {
    previous.is_some_and(|(kind, start, end)| {
        let word = &text[start as usize..end as usize];
        // Any casing: `get /x` lexes as a path so the resolver can say "methods are upper case".
        kind == TokenKind::Ident && (METHODS.iter().any(|m| m.eq_ignore_ascii_case(word)) || word == "webhook")
    })
}

fn line_end(bytes: &[u8], mut pos: usize) -> usize {
    while pos < bytes.len() && bytes[pos] != b'\n' {
        pos += 1;
    }
    // A CRLF's `\r` is part of the line break, not of the comment.
    if pos > 0 && bytes[pos - 1] == b'\r' { pos - 1 } else { pos }
}

/// A path runs to the first whitespace outside `{...}`, so `{id: uuid}` may contain a space.
fn path_end(bytes: &[u8], mut pos: usize) -> usize {
    let mut depth = 0u32;
    while pos < bytes.len() {
        match bytes[pos] {
            b'{' => depth += 1,
            b'}' if depth == 0 => break,
            b'}' => depth -= 1,
            b'\n' | b'\r' => break,
            b if b.is_ascii_whitespace() && depth == 0 => break,
            _ => {}
        }
        pos += 1;
    }
    pos
}

fn quoted_end(bytes: &[u8], start: usize, quote: u8) -> (usize, bool) {
    let mut pos = start + 1;
    while pos < bytes.len() {
        match bytes[pos] {
            b'\\' if quote == b'"' => pos += 2,
            b'\n' if quote == b'"' => return (pos, false),
            b if b == quote => return (pos + 1, true),
            _ => pos += 1,
        }
    }
    (bytes.len(), false)
}

fn number_end(bytes: &[u8], mut pos: usize) -> usize {
    while pos < bytes.len() && (bytes[pos].is_ascii_digit() || bytes[pos] == b'_') {
        pos += 1;
    }
    if pos + 1 < bytes.len() && bytes[pos] == b'.' && bytes[pos + 1].is_ascii_digit() {
        pos += 1;
        while pos < bytes.len() && bytes[pos].is_ascii_digit() {
            pos += 1;
        }
    }
    // A unit suffix such as `s`, `ms`, `MB`.
    while pos < bytes.len() && bytes[pos].is_ascii_alphabetic() {
        pos += 1;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokenize(text).into_iter().map(|t| (t.kind, &text[t.start as usize..t.end as usize])).collect()
    }

    #[test]
    fn paths_follow_methods_and_keep_typed_params() {
        let tokens = kinds("endpoint DELETE /api/customers/{id: uuid} {");
        assert_eq!(tokens[2], (TokenKind::Path, "/api/customers/{id: uuid}"));
        assert_eq!(tokens[3], (TokenKind::LBrace, "{"));
    }

    #[test]
    fn numbers_strings_and_operators() {
        let tokens = kinds(r#"300s "a\"b" `x = 'y'` -> == != @@ -2"#);
        let kinds: Vec<TokenKind> = tokens.iter().map(|t| t.0).collect();
        assert_eq!(
            kinds,
            [
                TokenKind::Number,
                TokenKind::String { terminated: true },
                TokenKind::RawSql { terminated: true },
                TokenKind::Arrow,
                TokenKind::EqEq,
                TokenKind::NotEq,
                TokenKind::AtAt,
                TokenKind::Number,
                TokenKind::Eof
            ]
        );
    }

    #[test]
    fn comments_and_line_starts() {
        let tokens = tokenize("a // x\r\n/// doc\nb");
        assert_eq!(tokens[1].kind, TokenKind::LineComment);
        assert_eq!(tokens[1].end, 6);
        assert_eq!(tokens[2].kind, TokenKind::DocComment);
        assert!(tokens[3].line_start);
        assert!(!tokens[1].line_start);
    }

    #[test]
    fn unknown_multibyte_characters_stay_whole() {
        let tokens = kinds("é");
        assert_eq!(tokens[0], (TokenKind::Unknown, "é"));
    }
}
