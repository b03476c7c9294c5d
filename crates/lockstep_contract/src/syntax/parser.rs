//! The parser's machinery: the token cursor, doc comment attachment, error reporting and
//! recovery. The grammar itself lives in `items.rs`, `entity.rs` and `shape.rs`.

use lockstep_diagnostics::{Diagnostic, FileId, Span, did_you_mean};

use super::ast::{Comment, Docs, Item, Name, SourceTree};
use super::lexer::{Token, TokenKind, tokenize};
use crate::diagnostics as diag;

/// The result of parsing one file: a tree (possibly partial) and everything wrong with it.
pub struct Parsed {
    pub tree: SourceTree,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    pub fn has_errors(&self) -> bool {
        !self.diagnostics.is_empty()
    }
}

/// Nested shapes, expressions and lists deeper than this are refused, so hostile input cannot
/// overflow the stack.
const MAX_DEPTH: u32 = 64;
/// After this many syntax errors in one file the rest is noise; the parser stops.
const MAX_ERRORS: usize = 50;

pub const ITEM_KEYWORDS: [&str; 9] =
    ["naming", "enum", "entity", "type", "endpoint", "env", "webhook", "bucket", "function"];

pub fn parse(file: FileId, text: &str) -> Parsed {
    let mut comments = Vec::new();
    let mut docs = Vec::new();
    let mut tokens = Vec::new();
    for token in tokenize(text) {
        match token.kind {
            TokenKind::LineComment => comments.push(Comment { span: Span::new(file, token.start, token.end) }),
            TokenKind::DocComment => docs.push(Span::new(file, token.start, token.end)),
            _ => tokens.push(token),
        }
    }
    let mut parser = Parser {
        text,
        file,
        tokens,
        pos: 0,
        prev_end: 0,
        docs,
        doc_cursor: 0,
        comments,
        diagnostics: Vec::new(),
        depth: 0,
    };
    let items = parser.parse_file();
    // Doc comments that documented nothing stay in the file as plain comments.
    let stray: Vec<Span> = parser.docs[parser.doc_cursor..].to_vec();
    parser.comments.extend(stray.into_iter().map(|span| Comment { span }));
    parser.comments.sort_by_key(|c| c.span.start);
    Parsed { tree: SourceTree { file, items, comments: parser.comments }, diagnostics: parser.diagnostics }
}

pub(super) struct Parser<'t> {
    pub(super) text: &'t str,
    pub(super) file: FileId,
    tokens: Vec<Token>,
    pos: usize,
    /// End of the last token consumed, for spans that end "here".
    prev_end: u32,
    docs: Vec<Span>,
    doc_cursor: usize,
    comments: Vec<Comment>,
    diagnostics: Vec<Diagnostic>,
    depth: u32,
}

impl<'t> Parser<'t> {
    fn parse_file(&mut self) -> Vec<Item> {
        let mut items = Vec::new();
        while !self.at_eof() && !self.gave_up() {
            let before = self.pos;
            let docs = self.take_docs();
            let token = self.peek();
            let keyword = self.token_text(token);
            let item = if token.kind == TokenKind::Ident && ITEM_KEYWORDS.contains(&keyword) {
                self.parse_item(keyword, docs)
            } else {
                let suggestion =
                    (token.kind == TokenKind::Ident).then(|| did_you_mean(keyword, ITEM_KEYWORDS)).flatten();
                self.report(diag::expected_item(self.span(token), &self.describe(token), suggestion));
                None
            };
            match item {
                Some(item) => items.push(item),
                None => self.recover_to_item(),
            }
            if self.pos == before {
                self.bump();
            }
        }
        items
    }

    // ---- cursor ----

    pub(super) fn peek(&self) -> Token {
        self.tokens[self.pos.min(self.tokens.len() - 1)]
    }

    pub(super) fn nth(&self, n: usize) -> Token {
        self.tokens[(self.pos + n).min(self.tokens.len() - 1)]
    }

    pub(super) fn at_eof(&self) -> bool {
        self.peek().kind == TokenKind::Eof
    }

    pub(super) fn at(&self, kind: TokenKind) -> bool {
        self.peek().kind == kind
    }

    pub(super) fn at_keyword(&self, keyword: &str) -> bool {
        let token = self.peek();
        token.kind == TokenKind::Ident && self.token_text(token) == keyword
    }

    /// True when the current token continues the current line: the construct being parsed may
    /// take it. Line-oriented members (fields, env variables) end at a line break.
    pub(super) fn on_same_line(&self) -> bool {
        let token = self.peek();
        !token.line_start && token.kind != TokenKind::Eof
    }

    pub(super) fn bump(&mut self) -> Token {
        let token = self.peek();
        if token.kind != TokenKind::Eof {
            self.pos += 1;
            self.prev_end = token.end;
        }
        token
    }

    pub(super) fn eat(&mut self, kind: TokenKind) -> Option<Token> {
        self.at(kind).then(|| self.bump())
    }

    pub(super) fn eat_keyword(&mut self, keyword: &str) -> Option<Token> {
        self.at_keyword(keyword).then(|| self.bump())
    }

    /// Consumes a token of `kind` or reports what was expected instead.
    pub(super) fn expect(&mut self, kind: TokenKind, expected: &str) -> Option<Token> {
        if self.at(kind) {
            return Some(self.bump());
        }
        let token = self.peek();
        self.report(diag::expected(self.span(token), expected, &self.describe(token)));
        None
    }

    pub(super) fn expect_name(&mut self, expected: &str) -> Option<Name> {
        let token = self.expect(TokenKind::Ident, expected)?;
        Some(self.name(token))
    }

    pub(super) fn token_text(&self, token: Token) -> &'t str {
        &self.text[token.start as usize..token.end as usize]
    }

    pub(super) fn span(&self, token: Token) -> Span {
        Span::new(self.file, token.start, token.end)
    }

    /// A span from `start` to the end of the last consumed token.
    pub(super) fn span_from(&self, start: u32) -> Span {
        Span::new(self.file, start, self.prev_end.max(start))
    }

    pub(super) fn name(&self, token: Token) -> Name {
        Name { text: self.token_text(token).to_owned(), span: self.span(token) }
    }

    /// How a token reads in an error message.
    pub(super) fn describe(&self, token: Token) -> String {
        match token.kind {
            TokenKind::Eof => "end of file".to_owned(),
            TokenKind::String { .. } => "a string".to_owned(),
            TokenKind::RawSql { .. } => "raw SQL".to_owned(),
            TokenKind::Path => "a path".to_owned(),
            _ => {
                let text: String = self.token_text(token).chars().take(40).collect();
                format!("`{text}`")
            }
        }
    }

    // ---- docs and comments ----

    /// Doc comments between the previous token and the current one, for the item or member
    /// about to be parsed. Doc comments stranded inside an earlier construct become plain
    /// comments so nothing written is lost.
    pub(super) fn take_docs(&mut self) -> Docs {
        let next_start = self.peek().start;
        let mut candidates = Vec::new();
        while let Some(&span) = self.docs.get(self.doc_cursor) {
            if span.start >= next_start {
                break;
            }
            candidates.push(span);
            self.doc_cursor += 1;
        }
        // Only the run of `///` lines directly above the next token documents it: one
        // separated from it by a plain comment or a blank line, one inside an earlier construct, or one after
        // code on the same line documents nothing and stays a plain comment where it is. This
        // keeps formatting idempotent.
        let mut attached = candidates.len();
        let mut boundary = next_start;
        while attached > 0 {
            let span = candidates[attached - 1];
            let gap = &self.text[span.end as usize..boundary as usize];
            let gap_is_blank = gap.trim().is_empty() && gap.matches('\n').count() <= 1;
            let inside = span.start < self.prev_end;
            let trails_code =
                !inside && self.prev_end > 0 && !self.text[self.prev_end as usize..span.start as usize].contains('\n');
            if !gap_is_blank || inside || trails_code {
                break;
            }
            attached -= 1;
            boundary = span.start;
        }
        self.comments.extend(candidates[..attached].iter().map(|&span| Comment { span }));
        Docs { lines: candidates[attached..].to_vec() }
    }

    /// Turns doc comments before the current token into plain comments: used before a closing
    /// brace, where there is nothing left to document.
    pub(super) fn release_docs(&mut self) {
        let docs = self.take_docs();
        self.comments.extend(docs.lines.into_iter().map(|span| Comment { span }));
    }

    // ---- errors and recovery ----

    pub(super) fn report(&mut self, diagnostic: Diagnostic) {
        if self.diagnostics.len() < MAX_ERRORS {
            self.diagnostics.push(diagnostic);
        } else if self.diagnostics.len() == MAX_ERRORS {
            let span = Span::new(self.file, self.peek().start, self.peek().start);
            self.diagnostics.push(diag::too_many_errors(span, MAX_ERRORS));
        }
    }

    pub(super) fn gave_up(&self) -> bool {
        self.diagnostics.len() > MAX_ERRORS
    }

    /// Enters one level of nesting, or reports that the input nests too deeply.
    pub(super) fn enter(&mut self) -> bool {
        if self.depth >= MAX_DEPTH {
            let token = self.peek();
            self.report(diag::too_deep(self.span(token), MAX_DEPTH));
            return false;
        }
        self.depth += 1;
        true
    }

    pub(super) fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Skips the rest of a broken line-oriented member: up to the next line start or the
    /// closing brace of the enclosing block, skipping nested blocks whole.
    fn skip_rest_of_line(&mut self) {
        loop {
            let token = self.peek();
            match token.kind {
                TokenKind::Eof | TokenKind::RBrace => return,
                _ if token.line_start => return,
                TokenKind::LBrace => self.skip_balanced(),
                _ => {
                    self.bump();
                }
            }
        }
    }

    /// Skips to the next item keyword at the start of a line, outside any braces.
    fn recover_to_item(&mut self) {
        loop {
            let token = self.peek();
            match token.kind {
                TokenKind::Eof => return,
                TokenKind::Ident if token.line_start && ITEM_KEYWORDS.contains(&self.token_text(token)) => return,
                TokenKind::LBrace => self.skip_balanced(),
                _ => {
                    self.bump();
                }
            }
        }
    }

    /// Skips a `{ ... }` group with everything nested in it, iteratively.
    fn skip_balanced(&mut self) {
        let mut depth = 0usize;
        loop {
            match self.bump().kind {
                TokenKind::LBrace => depth += 1,
                TokenKind::RBrace => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                TokenKind::Eof => return,
                _ => {}
            }
        }
    }

    /// Parses `{ member* }` with `member` for each entry, recovering line by line. Returns the
    /// members and whether the block was closed.
    pub(super) fn block<T>(&mut self, mut member: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let open = self.expect(TokenKind::LBrace, "`{`")?;
        let mut members = Vec::new();
        loop {
            if self.gave_up() {
                return Some(fitted(members));
            }
            if self.at(TokenKind::RBrace) {
                self.release_docs();
                self.bump();
                return Some(fitted(members));
            }
            if self.at_eof() {
                self.release_docs();
                self.report(diag::unclosed_block(self.span(open)));
                return Some(fitted(members));
            }
            let before = self.pos;
            if let Some(parsed) = member(self) {
                members.push(parsed);
            } else {
                // A member that failed on its first token must not stall the loop; one that
                // consumed tokens stops where the next member may start.
                if self.pos == before {
                    self.bump();
                }
                self.skip_rest_of_line();
            }
            if self.pos == before {
                self.bump();
            }
        }
    }
}

/// `list` without the room it grew into: a large contract's tree holds hundreds of thousands
/// of short lists, and growth by doubling leaves a list of one attribute room for four.
pub(super) fn fitted<T>(mut list: Vec<T>) -> Vec<T> {
    list.shrink_to_fit();
    list
}
