//! `DO $$ ... $$` blocks: the idempotent idioms migrations written by AI assistants (and Bolt)
//! use everywhere — `BEGIN CREATE TYPE ... EXCEPTION WHEN duplicate_object THEN null; END`,
//! `IF NOT EXISTS (SELECT 1 FROM information_schema.columns ...) THEN ALTER TABLE ... END IF`,
//! `EXECUTE 'create index ...'`. The body is read far enough to apply the DDL it guards; every
//! other PL/pgSQL statement (assignments, loops, `RAISE`, `PERFORM`) is skipped.
//!
//! Statements in a block are applied leniently: a block exists to make its DDL safe to run
//! twice, so "already exists" or "does not exist" is what its guard or handler catches, not a
//! conflict in the migrations.

use lockstep_diagnostics::Span;

use super::Replayer;
use crate::schema::QualifiedName;
use crate::split::split_statements;

/// One open `IF`, `BEGIN` or loop while reading a block.
#[derive(Clone, Copy)]
enum Frame {
    /// `BEGIN ... END`; `handler` once its `EXCEPTION` section starts (skipped: it only runs
    /// when a statement above failed).
    Block { handler: bool },
    /// `IF`: whether the branch being read applies, and whether an earlier branch did.
    If { active: bool, taken: bool },
    /// `LOOP`, `FOR ... LOOP`, `WHILE ... LOOP`, `CASE`: what runs in them depends on data.
    Opaque,
}

/// The catalog columns a guard may look a name up by.
const KEYS: [&str; 16] = [
    "table_schema",
    "schemaname",
    "nspname",
    "routine_schema",
    "constraint_schema",
    "table_name",
    "tablename",
    "relname",
    "column_name",
    "attname",
    "typname",
    "conname",
    "constraint_name",
    "policyname",
    "polname",
    "indexname",
];

impl Replayer {
    /// Applies what a `DO` statement (`text`, at `span`) does to the schema.
    pub(super) fn do_block(&mut self, text: &str, span: Span) {
        let Some((body_start, body_end)) = dollar_body(text) else {
            self.skipped(span, "do");
            return;
        };
        let body = &text[body_start..body_end];
        let was_lenient = std::mem::replace(&mut self.lenient, true);
        let mut frames: Vec<Frame> = Vec::new();
        let mut declaring = false;
        for piece in split_statements(body) {
            let mut rest = &body[piece.start as usize..piece.end as usize];
            // A piece can open several frames before its statement: `BEGIN IF x THEN ALTER ...`.
            loop {
                rest = skip_comments(rest);
                let lower = rest.to_ascii_lowercase();
                if declaring && !starts_with_word(&lower, "begin") {
                    rest = "";
                    break;
                }
                if let Some(after) = keyword(&lower, rest, "declare") {
                    declaring = true;
                    rest = after;
                    if !starts_with_word(&rest.trim_start().to_ascii_lowercase(), "begin") {
                        rest = "";
                        break;
                    }
                    continue;
                }
                if let Some(after) = keyword(&lower, rest, "begin") {
                    declaring = false;
                    frames.push(Frame::Block { handler: false });
                    rest = after;
                    continue;
                }
                if let Some(after) = keyword(&lower, rest, "exception") {
                    if let Some(Frame::Block { handler }) =
                        frames.iter_mut().rev().find(|f| matches!(f, Frame::Block { .. }))
                    {
                        *handler = true;
                    }
                    // `WHEN ... THEN <statement>`: the statement belongs to the handler.
                    rest = after;
                    break;
                }
                if starts_with_word(&lower, "end") {
                    let closes = lower["end".len()..].trim_start();
                    if starts_with_word(closes, "if") {
                        pop(&mut frames, |f| matches!(f, Frame::If { .. }));
                    } else if starts_with_word(closes, "loop") || starts_with_word(closes, "case") {
                        pop(&mut frames, |f| matches!(f, Frame::Opaque));
                    } else {
                        pop(&mut frames, |f| matches!(f, Frame::Block { .. }));
                    }
                    rest = "";
                    break;
                }
                if let Some((condition, after)) = branch(&lower, rest, "if") {
                    let holds = self.condition(condition).unwrap_or(true);
                    frames.push(Frame::If { active: holds, taken: holds });
                    rest = after;
                    continue;
                }
                if let Some((condition, after)) =
                    branch(&lower, rest, "elsif").or_else(|| branch(&lower, rest, "elseif"))
                {
                    let holds = self.condition(condition).unwrap_or(true);
                    if let Some(Frame::If { active, taken }) = frames.last_mut() {
                        *active = !*taken && holds;
                        *taken |= *active;
                    }
                    rest = after;
                    continue;
                }
                if let Some(after) = keyword(&lower, rest, "else") {
                    if let Some(Frame::If { active, taken }) = frames.last_mut() {
                        *active = !*taken;
                        *taken = true;
                    }
                    rest = after;
                    continue;
                }
                if opens_loop(&lower) {
                    frames.push(Frame::Opaque);
                    rest = "";
                    break;
                }
                break;
            }
            let statement = skip_comments(rest).trim_end();
            if statement.is_empty() || !runs(&frames) {
                continue;
            }
            let offset = statement.as_ptr() as usize - text.as_ptr() as usize;
            let inner =
                Span::new(span.file, span.start + offset as u32, span.start + (offset + statement.len()) as u32);
            self.block_statement(statement, inner);
        }
        self.lenient = was_lenient;
    }

    /// One statement inside a block: DDL is applied, `EXECUTE '<literal>'` is applied as the
    /// literal's SQL, PL/pgSQL control statements are skipped.
    fn block_statement(&mut self, statement: &str, span: Span) {
        const SQL: [&str; 6] = ["create", "alter", "drop", "comment", "do", "grant"];
        let lower = statement.to_ascii_lowercase();
        if let Some(after) = keyword(&lower, statement, "execute") {
            match string_literal(after.trim()) {
                Some(sql) => {
                    let saved = self.span;
                    for inner in split_statements(&sql) {
                        let text = &sql[inner.start as usize..inner.end as usize];
                        self.span = Some(span);
                        self.statement(text, span);
                    }
                    self.span = saved;
                }
                None => self.skipped(span, "execute (dynamic sql)"),
            }
            return;
        }
        if SQL.iter().any(|w| starts_with_word(&lower, w)) {
            let saved = self.span.replace(span);
            self.statement(statement, span);
            self.span = saved;
        }
        // Everything else (`RAISE`, `PERFORM`, `NULL`, assignments, `INSERT`, `RETURN`) leaves
        // the schema as it is.
    }

    /// Evaluates the catalog look-ups guards are written with (`EXISTS (SELECT 1 FROM
    /// pg_type WHERE typname = 'x')`) against the schema replayed so far; `None` when the
    /// condition is anything else.
    fn condition(&mut self, condition: &str) -> Option<bool> {
        let lower = condition.trim().to_ascii_lowercase();
        let (negated, rest) = match lower.strip_prefix("not") {
            Some(rest) if rest.starts_with(|c: char| c.is_whitespace() || c == '(') => (true, rest.trim_start()),
            _ => (false, lower.as_str()),
        };
        let rest = rest.strip_prefix("exists")?.trim_start();
        // One sub-select, nothing combined with it.
        if !rest.starts_with('(') || !rest.ends_with(')') || rest.contains(" or ") || rest.matches("exists").count() > 0
        {
            return None;
        }
        let literals = equalities(rest);
        // Only look-ups by name are understood: another comparison (`rowsecurity = true`, a
        // join, `<>`) makes the result unknown.
        let comparisons = rest.matches('=').count() + rest.matches('<').count() + rest.matches('>').count();
        if comparisons != literals.len()
            || literals
                .iter()
                .any(|(k, _)| !KEYS.contains(&k.as_str()) && !matches!(k.as_str(), "proname" | "routine_name"))
        {
            return None;
        }
        let value = |keys: &[&str]| literals.iter().find(|(k, _)| keys.contains(&k.as_str())).map(|(_, v)| v.clone());
        let schema = value(&["table_schema", "schemaname", "nspname", "routine_schema", "constraint_schema"]);
        let table_name = value(&["table_name", "tablename", "relname"]);
        let qualified = |name: String| QualifiedName::new(schema.clone().unwrap_or_else(|| "public".to_owned()), name);
        let found = if rest.contains("information_schema.columns") || rest.contains("pg_attribute") {
            let column = value(&["column_name", "attname"])?;
            let table = qualified(table_name?);
            self.table(&table).map(|t| t.columns.iter().any(|c| c.name == column))
        } else if rest.contains("pg_type") {
            let name = qualified(value(&["typname"])?);
            Some(self.schema.enum_type(&name).is_some())
        } else if rest.contains("pg_constraint") || rest.contains("information_schema.table_constraints") {
            let name = value(&["conname", "constraint_name"])?;
            Some(self.schema.tables.iter().any(|t| {
                t.primary_key.iter().chain(&t.uniques).any(|k| k.name == name)
                    || t.foreign_keys.iter().any(|k| k.name == name)
                    || t.checks.iter().any(|c| c.name == name)
            }))
        } else if rest.contains("pg_policies") || rest.contains("pg_policy") {
            let name = value(&["policyname", "polname"])?;
            let table = table_name.map(&qualified);
            Some(
                self.schema
                    .tables
                    .iter()
                    .any(|t| table.as_ref().is_none_or(|n| *n == t.name) && t.policies.iter().any(|p| p.name == name)),
            )
        } else if rest.contains("pg_indexes") {
            let name = qualified(value(&["indexname"])?);
            Some(self.schema.index(&name).is_some())
        } else if rest.contains("pg_proc") || rest.contains("information_schema.routines") {
            let name = qualified(value(&["proname", "routine_name"])?);
            Some(self.schema.functions.iter().any(|f| f.name == name))
        } else if rest.contains("information_schema.tables") || rest.contains("pg_tables") || rest.contains("pg_class")
        {
            let table = qualified(table_name?);
            Some(self.table(&table).is_some() || self.schema.view(&table).is_some())
        } else {
            None
        }?;
        Some(found != negated)
    }
}

/// Whether every enclosing frame lets its statements run.
fn runs(frames: &[Frame]) -> bool {
    frames.iter().all(|frame| match frame {
        Frame::Block { handler } => !handler,
        Frame::If { active, .. } => *active,
        Frame::Opaque => false,
    })
}

fn pop(frames: &mut Vec<Frame>, kind: impl Fn(&Frame) -> bool) {
    if let Some(position) = frames.iter().rposition(kind) {
        frames.truncate(position);
    }
}

/// `text` after leading whitespace and comments (`-- ...` lines, `/* ... */` blocks, nested).
fn skip_comments(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        if let Some(rest) = text.strip_prefix("--") {
            text = rest.find('\n').map_or("", |end| &rest[end + 1..]);
        } else if text.starts_with("/*") {
            let mut depth = 0usize;
            let mut end = text.len();
            let bytes = text.as_bytes();
            let mut i = 0;
            while i + 1 < bytes.len() {
                if bytes[i] == b'/' && bytes[i + 1] == b'*' {
                    depth += 1;
                    i += 2;
                } else if bytes[i] == b'*' && bytes[i + 1] == b'/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        end = i;
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            text = &text[end..];
        } else {
            return text;
        }
    }
}

fn starts_with_word(lower: &str, word: &str) -> bool {
    lower.starts_with(word) && !lower[word.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
}

/// The text after a leading keyword, or `None`.
fn keyword<'a>(lower: &str, text: &'a str, word: &str) -> Option<&'a str> {
    starts_with_word(lower, word).then(|| &text[word.len()..])
}

/// `IF <condition> THEN <rest>`: the condition and what follows `THEN`.
fn branch<'a>(lower: &str, text: &'a str, word: &str) -> Option<(&'a str, &'a str)> {
    if !starts_with_word(lower, word) {
        return None;
    }
    let then = find_word(lower, "then")?;
    Some((&text[word.len()..then], &text[then + "then".len()..]))
}

fn opens_loop(lower: &str) -> bool {
    ["loop", "for", "foreach", "while", "case"].iter().any(|w| starts_with_word(lower, w))
}

/// The byte offset of `word` standing alone in `lower`, outside string literals.
fn find_word(lower: &str, word: &str) -> Option<usize> {
    let bytes = lower.as_bytes();
    let mut quoted = false;
    for (i, &byte) in bytes.iter().enumerate() {
        if byte == b'\'' {
            quoted = !quoted;
        }
        // Compared as bytes: `i` walks bytes, and may sit inside a multi-byte character.
        if quoted || !bytes[i..].starts_with(word.as_bytes()) {
            continue;
        }
        let before = i.checked_sub(1).map(|p| bytes[p]);
        let after = bytes.get(i + word.len()).copied();
        let boundary = |b: Option<u8>| b.is_none_or(|b| !(b.is_ascii_alphanumeric() || b == b'_'));
        if boundary(before) && boundary(after) {
            return Some(i);
        }
    }
    None
}

/// The body of `DO [LANGUAGE plpgsql] $tag$ ... $tag$ [LANGUAGE plpgsql]`, as byte offsets.
fn dollar_body(text: &str) -> Option<(usize, usize)> {
    let open = text.find('$')?;
    let tag_end = text[open + 1..].find('$')? + open + 1;
    let tag = &text[open..=tag_end];
    if !tag[1..tag.len() - 1].chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let body_start = tag_end + 1;
    let close = text[body_start..].find(tag).map_or(text.len(), |p| p + body_start);
    Some((body_start, close))
}

/// The value of one SQL string literal (`'it''s'`, `E'a\'b'`, `$q$...$q$`); `None` when the
/// text is anything more (a concatenation, `format(...)`).
fn string_literal(text: &str) -> Option<String> {
    let text = text.trim();
    if let Some(inner) = text.strip_prefix('$') {
        let tag_end = inner.find('$')?;
        let tag = &text[..tag_end + 2];
        let body = text[tag.len()..].strip_suffix(tag)?;
        return Some(body.to_owned());
    }
    let (escapes, quoted) = match text.strip_prefix(['e', 'E']) {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let inner = quoted.strip_prefix('\'')?.strip_suffix('\'')?;
    let mut value = String::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' if chars.peek() == Some(&'\'') => {
                chars.next();
                value.push('\'');
            }
            // A lone quote inside means the literal ended earlier: `'a' || b || 'c'`.
            '\'' => return None,
            '\\' if escapes => value.push(chars.next()?),
            c => value.push(c),
        }
    }
    Some(value)
}

/// `key = 'value'` pairs in a condition, keys without their table qualifier.
fn equalities(text: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut rest = text;
    while let Some(quote) = rest.find('\'') {
        let before = rest[..quote].trim_end();
        let Some(before) = before.strip_suffix('=') else {
            rest = skip_literal(&rest[quote..]);
            continue;
        };
        let before = before.trim_end();
        let key_start = before.rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.')).map_or(0, |p| p + 1);
        let key = before[key_start..].rsplit('.').next().unwrap_or_default().to_owned();
        let literal_end = rest[quote + 1..].find('\'').map_or(rest.len(), |p| p + quote + 1);
        let value = rest[quote + 1..literal_end].to_owned();
        pairs.push((key, value));
        rest = rest.get(literal_end + 1..).unwrap_or("");
    }
    pairs
}

fn skip_literal(text: &str) -> &str {
    match text[1..].find('\'') {
        Some(end) => &text[end + 2..],
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::{equalities, string_literal};

    #[test]
    fn literals_unescape_or_refuse_concatenation() {
        assert_eq!(string_literal("'create index i on t (a)'").as_deref(), Some("create index i on t (a)"));
        assert_eq!(string_literal("'it''s'").as_deref(), Some("it's"));
        assert_eq!(string_literal("$q$select 1$q$").as_deref(), Some("select 1"));
        assert_eq!(string_literal("'a' || b || 'c'"), None);
        assert_eq!(string_literal("format('x %I', t)"), None);
    }

    #[test]
    fn equalities_drop_qualifiers() {
        assert_eq!(
            equalities(
                "(select 1 from information_schema.columns c where c.table_name='orders' and column_name = 'note')"
            ),
            [("table_name".to_owned(), "orders".to_owned()), ("column_name".to_owned(), "note".to_owned())]
        );
    }
}
