//! What a migration file does, statement by statement, as the migration lint needs it: which
//! tables it creates, alters, renames and drops, the indexes it builds and how, the columns
//! it adds with their defaults, the constraints and whether they are `not valid`, the
//! transaction it opens, the timeouts it sets, the enum values it adds and the literals it
//! uses. Read from tokens (strings, quoted names, dollar quotes and comments honoured), so a
//! statement `sqlparser` cannot parse is still read; never fails.

pub use lockstep_schema::migration_facts::{ConstraintKind, Fact, FactKind, MAX_IDENTIFIER_BYTES, is_volatile_default};

use crate::split::split_statements;

/// The first line of a migration that must run outside a transaction (`create index
/// concurrently`): tools that apply migrations one transaction per file must run it alone,
/// statement by statement. `migrate plan` writes it; the lint honours it.
pub const NO_TRANSACTION_MARKER: &str = "-- lockstep:no-transaction";

/// Whether the file starts with [`NO_TRANSACTION_MARKER`].
pub fn has_no_transaction_marker(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines().next().is_some_and(|line| line.trim_end() == NO_TRANSACTION_MARKER)
}

/// The facts of `text`, statement by statement, in order.
pub fn migration_facts(text: &str) -> Vec<Fact> {
    let mut facts = Vec::new();
    for statement in split_statements(text) {
        let tokens = tokens(text, statement.start as usize, statement.end as usize);
        let before = facts.len();
        statement_facts(text, &tokens, statement.start, statement.end, &mut facts);
        if facts.len() == before {
            facts.push(Fact { start: statement.start, end: statement.end, kind: FactKind::Other });
        }
        for token in &tokens {
            match &token.kind {
                TokenKind::String(value) => {
                    facts.push(Fact {
                        start: token.start,
                        end: token.end,
                        kind: FactKind::Literal { value: value.clone() },
                    });
                }
                TokenKind::Word(name) | TokenKind::Quoted(name) if name.len() > MAX_IDENTIFIER_BYTES => {
                    facts.push(Fact {
                        start: token.start,
                        end: token.end,
                        kind: FactKind::LongIdentifier { name: name.clone() },
                    });
                }
                _ => {}
            }
        }
    }
    facts
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum TokenKind {
    /// An unquoted word, lower case.
    Word(String),
    Quoted(String),
    String(String),
    Punct(char),
    Other,
}

#[derive(Clone, Debug)]
struct Token {
    kind: TokenKind,
    start: u32,
    end: u32,
}

impl Token {
    fn is(&self, word: &str) -> bool {
        matches!(&self.kind, TokenKind::Word(w) if w == word)
    }

    fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct(c)
    }

    /// A name: a word or a quoted identifier.
    fn name(&self) -> Option<&str> {
        match &self.kind {
            TokenKind::Word(w) | TokenKind::Quoted(w) => Some(w),
            _ => None,
        }
    }
}

/// The tokens of `text[start..end]`, comments and whitespace left out.
#[expect(clippy::cast_possible_truncation, reason = "migration files are far below 4 GiB (read limits)")]
fn tokens(text: &str, start: usize, end: usize) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        let c = bytes[i];
        let from = i;
        let kind = if c.is_ascii_whitespace() {
            i += 1;
            continue;
        } else if c == b'-' && bytes.get(i + 1) == Some(&b'-') {
            while i < end && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        } else if c == b'/' && bytes.get(i + 1) == Some(&b'*') {
            i = after_block_comment(bytes, i, end);
            continue;
        } else if c == b'\'' || ((c == b'e' || c == b'E') && bytes.get(i + 1) == Some(&b'\'')) {
            let escapes = c != b'\'';
            let (value, next) = quoted(bytes, if escapes { i + 2 } else { i + 1 }, end, b'\'', escapes);
            i = next;
            TokenKind::String(value)
        } else if c == b'"' {
            let (value, next) = quoted(bytes, i + 1, end, b'"', false);
            i = next;
            TokenKind::Quoted(value)
        } else if c == b'$' {
            // `$tag$ ... $tag$` (or a parameter `$1`, read as punctuation and digits).
            let tag_end = text[i + 1..end].find('$').map(|p| i + 1 + p);
            match tag_end {
                Some(close) if text[i + 1..close].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') => {
                    let tag = &text[i..=close];
                    let body = close + 1;
                    // Unterminated, it runs to the end of the statement.
                    let (content_end, finish) =
                        text[body..end].find(tag).map_or((end, end), |p| (body + p, body + p + tag.len()));
                    i = finish;
                    TokenKind::String(text[body..content_end].to_owned())
                }
                _ => {
                    i += 1;
                    TokenKind::Punct('$')
                }
            }
        } else if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            while i < end
                && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'$' || bytes[i] >= 0x80)
            {
                i += 1;
            }
            TokenKind::Word(text[from..i].to_lowercase())
        } else if c.is_ascii_digit() {
            while i < end && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'.') {
                i += 1;
            }
            TokenKind::Other
        } else {
            i += 1;
            TokenKind::Punct(c as char)
        };
        out.push(Token { kind, start: from as u32, end: i as u32 });
    }
    out
}

/// Where a block comment starting at `i` ends (comments nest).
fn after_block_comment(bytes: &[u8], mut i: usize, end: usize) -> usize {
    let mut depth = 0;
    while i < end {
        if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                break;
            }
        } else {
            i += 1;
        }
    }
    i
}

/// The text of a string or quoted name whose content starts at `i`, up to the closing `quote`
/// (doubled inside; backslash escapes in `E'...'`), and where it ends.
fn quoted(bytes: &[u8], mut i: usize, end: usize, quote: u8, escapes: bool) -> (String, usize) {
    let mut value = Vec::new();
    while i < end {
        match bytes[i] {
            b'\\' if escapes && i + 1 < end => {
                value.push(bytes[i + 1]);
                i += 2;
            }
            b if b == quote && i + 1 < end && bytes[i + 1] == quote => {
                value.push(quote);
                i += 2;
            }
            b if b == quote => {
                i += 1;
                break;
            }
            other => {
                value.push(other);
                i += 1;
            }
        }
    }
    (String::from_utf8_lossy(&value).into_owned(), i)
}

/// A cursor over a statement's tokens.
struct Cursor<'a> {
    tokens: &'a [Token],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<&'a Token> {
        self.tokens.get(self.at)
    }

    /// Consumes `words` if they come next.
    fn eat(&mut self, words: &[&str]) -> bool {
        let matches = words.iter().enumerate().all(|(n, w)| self.tokens.get(self.at + n).is_some_and(|t| t.is(w)));
        if matches {
            self.at += words.len();
        }
        matches
    }

    /// A possibly schema-qualified name; its last part.
    fn name(&mut self) -> Option<String> {
        let mut last = self.peek()?.name()?.to_owned();
        self.at += 1;
        while self.peek().is_some_and(|t| t.is_punct('.')) {
            self.at += 1;
            self.peek()?.name()?.clone_into(&mut last);
            self.at += 1;
        }
        Some(last)
    }
}

fn statement_facts(text: &str, tokens: &[Token], start: u32, end: u32, facts: &mut Vec<Fact>) {
    let mut cursor = Cursor { tokens, at: 0 };
    let mut push = |kind: FactKind| facts.push(Fact { start, end, kind });
    if cursor.eat(&["begin"]) || cursor.eat(&["start", "transaction"]) {
        push(FactKind::Begin);
    } else if cursor.eat(&["commit"]) || cursor.eat(&["end"]) || cursor.eat(&["rollback"]) {
        push(FactKind::Commit);
    } else if cursor.eat(&["set"]) {
        let _ = cursor.eat(&["local"]) || cursor.eat(&["session"]);
        if cursor.eat(&["lock_timeout"]) {
            push(FactKind::LockTimeout);
        }
    } else if cursor.eat(&["create"]) {
        let unique = cursor.eat(&["unique"]);
        if cursor.eat(&["index"]) {
            let concurrently = cursor.eat(&["concurrently"]);
            let _ = cursor.eat(&["if", "not", "exists"]);
            if !cursor.peek().is_some_and(|t| t.is("on")) {
                cursor.name();
            }
            if cursor.eat(&["on"]) {
                let _ = cursor.eat(&["only"]);
                if let Some(table) = cursor.name() {
                    push(FactKind::CreateIndex { table, concurrently });
                }
            }
        } else if !unique && cursor.eat(&["type"]) {
            let Some(type_name) = cursor.name() else { return };
            if cursor.eat(&["as", "enum"]) {
                let values = tokens[cursor.at..]
                    .iter()
                    .filter_map(|t| if let TokenKind::String(s) = &t.kind { Some(s.clone()) } else { None })
                    .collect();
                push(FactKind::CreateEnum { type_name, values });
            }
        } else if !unique {
            let _ = cursor.eat(&["unlogged"]) || cursor.eat(&["temporary"]) || cursor.eat(&["temp"]);
            if cursor.eat(&["table"]) {
                let _ = cursor.eat(&["if", "not", "exists"]);
                if let Some(table) = cursor.name() {
                    push(FactKind::CreateTable { table });
                }
            }
        }
    } else if cursor.eat(&["drop", "table"]) {
        let _ = cursor.eat(&["if", "exists"]);
        while let Some(table) = cursor.name() {
            push(FactKind::DropTable { table });
            if !cursor.peek().is_some_and(|t| t.is_punct(',')) {
                break;
            }
            cursor.at += 1;
        }
    } else if cursor.eat(&["drop", "function"]) {
        for name in dropped_functions(&mut cursor) {
            push(FactKind::DropFunction { name });
        }
    } else if cursor.eat(&["alter", "function"]) {
        let Some(from) = cursor.name() else { return };
        let rest = &tokens[cursor.at..];
        if let Some(at) = rest.windows(2).position(|w| w[0].is("rename") && w[1].is("to")) {
            if let Some(to) = rest.get(at + 2).and_then(Token::name) {
                push(FactKind::RenameFunction { from, to: to.to_owned() });
            }
        }
    } else if cursor.eat(&["drop", "index"]) {
        push(FactKind::DropIndex { concurrently: cursor.eat(&["concurrently"]) });
    } else if cursor.eat(&["alter", "type"]) {
        let Some(type_name) = cursor.name() else { return };
        if cursor.eat(&["add", "value"]) {
            let _ = cursor.eat(&["if", "not", "exists"]);
            if let Some(TokenKind::String(value)) = cursor.peek().map(|t| &t.kind) {
                push(FactKind::AddEnumValue { type_name, value: value.clone() });
            }
        } else if cursor.eat(&["rename", "value"]) {
            let strings: Vec<&String> = tokens[cursor.at..]
                .iter()
                .filter_map(|t| if let TokenKind::String(s) = &t.kind { Some(s) } else { None })
                .collect();
            if let [from, to] = strings.as_slice() {
                push(FactKind::RenameEnumValue { type_name, from: (*from).clone(), to: (*to).clone() });
            }
        }
    } else if cursor.eat(&["alter", "table"]) {
        let _ = cursor.eat(&["if", "exists"]);
        let _ = cursor.eat(&["only"]);
        let Some(table) = cursor.name() else { return };
        let rest = &tokens[cursor.at..];
        for action in split_actions(rest) {
            if let Some(kind) = alter_action(text, &table, action) {
                let start = action.first().map_or(start, |t| t.start);
                let end = action.last().map_or(end, |t| t.end);
                facts.push(Fact { start, end, kind });
            }
        }
    }
}

/// The functions a `drop function [if exists] a(int), b` names, the cursor after `function`.
fn dropped_functions(cursor: &mut Cursor) -> Vec<String> {
    let _ = cursor.eat(&["if", "exists"]);
    let mut names = Vec::new();
    while let Some(name) = cursor.name() {
        names.push(name);
        // Skip the argument list, then on to the next name.
        let mut depth = 0;
        while let Some(token) = cursor.peek() {
            match token.kind {
                TokenKind::Punct('(') => depth += 1,
                TokenKind::Punct(')') => depth -= 1,
                TokenKind::Punct(',') if depth == 0 => break,
                _ => {}
            }
            cursor.at += 1;
        }
        if cursor.peek().is_none() {
            break;
        }
        cursor.at += 1;
    }
    names
}

/// The comma-separated actions of an `alter table`, commas inside parentheses kept.
fn split_actions(tokens: &[Token]) -> Vec<&[Token]> {
    let mut actions = Vec::new();
    let mut depth = 0i32;
    let mut from = 0;
    for (at, token) in tokens.iter().enumerate() {
        match token.kind {
            TokenKind::Punct('(') => depth += 1,
            TokenKind::Punct(')') => depth -= 1,
            TokenKind::Punct(',') if depth == 0 => {
                actions.push(&tokens[from..at]);
                from = at + 1;
            }
            _ => {}
        }
    }
    actions.push(&tokens[from..]);
    actions
}

fn alter_action(text: &str, table: &str, tokens: &[Token]) -> Option<FactKind> {
    let mut cursor = Cursor { tokens, at: 0 };
    let table = table.to_owned();
    let has = |word: &str| tokens.iter().any(|t| t.is(word));
    let has_pair = |a: &str, b: &str| tokens.windows(2).any(|w| w[0].is(a) && w[1].is(b));
    if cursor.eat(&["add"]) {
        let _ = cursor.eat(&["constraint"]) && cursor.name().is_some();
        let kind = if cursor.eat(&["foreign", "key"]) {
            Some(ConstraintKind::ForeignKey)
        } else if cursor.eat(&["check"]) {
            Some(ConstraintKind::Check)
        } else if cursor.eat(&["unique"]) {
            Some(ConstraintKind::Unique)
        } else if cursor.eat(&["primary", "key"]) {
            Some(ConstraintKind::PrimaryKey)
        } else if cursor.eat(&["exclude"]) {
            Some(ConstraintKind::Exclude)
        } else {
            None
        };
        if let Some(kind) = kind {
            return Some(FactKind::AddConstraint {
                table,
                kind,
                not_valid: has_pair("not", "valid") || has_pair("using", "index"),
            });
        }
        let _ = cursor.eat(&["column"]);
        let _ = cursor.eat(&["if", "not", "exists"]);
        let column = cursor.peek()?.name()?.to_owned();
        let default = tokens.iter().position(|t| t.is("default")).map(|at| {
            let stop =
                ["not", "null", "constraint", "check", "references", "primary", "unique", "generated", "collate"];
            let expression = &tokens[at + 1..];
            let length = expression.iter().position(|t| stop.iter().any(|s| t.is(s))).unwrap_or(expression.len());
            let (Some(first), Some(last)) = (expression.first(), expression.get(length.saturating_sub(1))) else {
                return String::new();
            };
            text[first.start as usize..last.end as usize].to_owned()
        });
        return Some(FactKind::AddColumn {
            table,
            column,
            not_null: has_pair("not", "null") || has_pair("primary", "key"),
            default,
            generated: has("generated") || has("serial") || has("bigserial") || has("smallserial"),
        });
    }
    if cursor.eat(&["drop"]) {
        if cursor.eat(&["constraint"]) {
            return None;
        }
        let _ = cursor.eat(&["column"]);
        let _ = cursor.eat(&["if", "exists"]);
        let column = cursor.peek()?.name()?.to_owned();
        return Some(FactKind::DropColumn { table, column });
    }
    if cursor.eat(&["rename"]) {
        if cursor.eat(&["to"]) {
            return Some(FactKind::RenameTable { from: table, to: cursor.name()? });
        }
        if cursor.eat(&["constraint"]) {
            return None;
        }
        let _ = cursor.eat(&["column"]);
        let from = cursor.peek()?.name()?.to_owned();
        cursor.at += 1;
        cursor.eat(&["to"]).then_some(())?;
        let to = cursor.peek()?.name()?.to_owned();
        return Some(FactKind::RenameColumn { table, from, to });
    }
    if cursor.eat(&["alter"]) {
        let _ = cursor.eat(&["column"]);
        let column = cursor.peek()?.name()?.to_owned();
        cursor.at += 1;
        if cursor.eat(&["type"]) || cursor.eat(&["set", "data", "type"]) {
            return Some(FactKind::AlterColumnType { table, column });
        }
        if cursor.eat(&["set", "not", "null"]) {
            return Some(FactKind::SetNotNull { table, column });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(sql: &str) -> Vec<FactKind> {
        migration_facts(sql).into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn statements_become_facts() {
        let facts = kinds(
            "create index concurrently if not exists i on public.\"Orders\" (a);\nalter table only orders add column b int not null default 0, alter column c type text;",
        );
        assert_eq!(facts[0], FactKind::CreateIndex { table: "Orders".to_owned(), concurrently: true });
        assert_eq!(
            facts[1],
            FactKind::AddColumn {
                table: "orders".to_owned(),
                column: "b".to_owned(),
                not_null: true,
                default: Some("0".to_owned()),
                generated: false,
            }
        );
        assert_eq!(facts[2], FactKind::AlterColumnType { table: "orders".to_owned(), column: "c".to_owned() });
        let created = kinds("create type public.\"Status\" as enum ('a', 'b');");
        assert_eq!(
            created[0],
            FactKind::CreateEnum { type_name: "Status".to_owned(), values: vec!["a".to_owned(), "b".to_owned()] }
        );
    }

    #[test]
    fn strings_comments_and_dollar_quotes_hide_what_they_hold() {
        let facts =
            kinds("select $x$ drop table t; $x$; -- drop table u;\n/* drop /* table */ v; */ select 'drop table w';");
        assert!(!facts.iter().any(|f| matches!(f, FactKind::DropTable { .. })), "{facts:?}");
    }

    #[test]
    fn any_input_is_read_without_panicking() {
        let pieces = [
            "$",
            "$a$",
            "'",
            "e'\\",
            "\"",
            "/*",
            "*/",
            "--",
            ";",
            "alter table",
            "é",
            "add",
            "(",
            ")",
            ",",
            "\n",
            "type",
            "x",
        ];
        let mut state = 7u64;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..12 {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
                text.push(' ');
            }
            let _ = migration_facts(&text);
        }
    }
}
