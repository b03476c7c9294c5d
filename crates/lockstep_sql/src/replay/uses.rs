//! The tables a statement uses without changing the schema: the target of a top-level
//! `insert`, `update` or `delete`, and the relations a function body reads or writes. A table
//! used this way that no migration creates was made elsewhere (a dashboard), which is what
//! the replay notes as an assumption.

use sqlparser::ast::{CreateFunction, CreateFunctionBody, Expr, Value};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::tokenizer::{Token, Tokenizer, Word};

use crate::schema::QualifiedName;

/// The table an `insert into`, `update` or `delete from` statement writes to.
pub(crate) fn dml_target(statement: &str) -> Option<QualifiedName> {
    // Only the head matters; a seed `insert` can be megabytes of values.
    let mut end = statement.len().min(512);
    while !statement.is_char_boundary(end) {
        end -= 1;
    }
    let tokens = words_and_marks(&statement[..end]);
    let first = tokens.first()?.word()?;
    let at = match first.as_str() {
        "insert" if tokens.get(1)?.word()? == "into" => 2,
        "delete" if tokens.get(1)?.word()? == "from" => 2,
        "update" => 1,
        _ => return None,
    };
    let at = if tokens.get(at).and_then(Piece::word).as_deref() == Some("only") { at + 1 } else { at };
    name_at(&tokens, at).map(|(name, _)| name)
}

/// The relations a function body names after `from`, `join`, `insert into`, `update` or
/// `delete from`, leaving out its own common table expressions, calls of set-returning
/// functions, and the `from` of `extract(... from x)` and its kin.
pub(crate) fn relations_in_function(create: &CreateFunction) -> Vec<QualifiedName> {
    let Some(body) = body_text(create) else { return Vec::new() };
    let tokens = words_and_marks(&body);
    let ctes: Vec<String> = tokens
        .windows(3)
        .filter(|w| w[1].word().as_deref() == Some("as") && matches!(w[2], Piece::Open))
        .filter_map(|w| w[0].word())
        .collect();
    let mut found: Vec<QualifiedName> = Vec::new();
    let mut openers: Vec<Option<String>> = Vec::new();
    for (i, piece) in tokens.iter().enumerate() {
        match piece {
            Piece::Open => openers.push(i.checked_sub(1).and_then(|p| tokens[p].word())),
            Piece::Close => {
                openers.pop();
            }
            _ => {}
        }
        let Some(word) = piece.word() else { continue };
        let previous = i.checked_sub(1).and_then(|p| tokens[p].word());
        let names_a_relation = match word.as_str() {
            "from" => {
                !matches!(previous.as_deref(), Some("distinct"))
                    && !matches!(
                        openers.last().cloned().flatten().as_deref(),
                        Some("extract" | "substring" | "trim" | "overlay" | "position")
                    )
            }
            "join" => true,
            "into" => previous.as_deref() == Some("insert"),
            "update" => !matches!(previous.as_deref(), Some("for" | "do" | "no" | "key")),
            _ => false,
        };
        if !names_a_relation {
            continue;
        }
        let at = if tokens.get(i + 1).and_then(Piece::word).as_deref() == Some("only") { i + 2 } else { i + 1 };
        let Some((name, next)) = name_at(&tokens, at) else { continue };
        // `from f(...)` calls a set-returning function; `insert into t (columns)` does not.
        let is_call = word != "into" && matches!(tokens.get(next), Some(Piece::Open));
        let internal = name.schema == "pg_catalog"
            || name.schema == "information_schema"
            || name.name.starts_with("pg_")
            || (name.schema == "public" && ctes.contains(&name.name));
        if !is_call && !internal && !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

/// The text of a function's body: the dollar- or single-quoted string, or the SQL of a
/// standard `begin atomic` / `return` body.
fn body_text(create: &CreateFunction) -> Option<String> {
    let expr = match create.function_body.as_ref()? {
        CreateFunctionBody::AsBeforeOptions { body, .. }
        | CreateFunctionBody::AsAfterOptions(body)
        | CreateFunctionBody::Return(body)
        | CreateFunctionBody::AsReturnExpr(body) => body,
        CreateFunctionBody::AsBeginEnd(statements) | CreateFunctionBody::BeginAtomic(statements) => {
            return Some(statements.to_string());
        }
        CreateFunctionBody::AsReturnSelect(select) => return Some(select.to_string()),
    };
    match expr {
        Expr::Value(value) => match &value.value {
            Value::DollarQuotedString(text) => Some(text.value.clone()),
            Value::SingleQuotedString(text) => Some(text.clone()),
            _ => None,
        },
        other => Some(other.to_string()),
    }
}

/// What the scan looks at: words (folded as Postgres folds them), dots and parentheses.
#[derive(Clone, Debug)]
enum Piece {
    Word(String),
    Dot,
    Open,
    Close,
    Other,
}

impl Piece {
    fn word(&self) -> Option<String> {
        match self {
            Piece::Word(w) => Some(w.clone()),
            _ => None,
        }
    }
}

fn words_and_marks(text: &str) -> Vec<Piece> {
    let Ok(tokens) = Tokenizer::new(&PostgreSqlDialect {}, text).tokenize() else { return Vec::new() };
    tokens
        .into_iter()
        .filter_map(|token| match token {
            Token::Whitespace(_) => None,
            Token::Word(Word { value, quote_style, .. }) => {
                Some(Piece::Word(if quote_style.is_some() { value } else { value.to_lowercase() }))
            }
            Token::Period => Some(Piece::Dot),
            Token::LParen => Some(Piece::Open),
            Token::RParen => Some(Piece::Close),
            _ => Some(Piece::Other),
        })
        .collect()
}

/// A possibly qualified name starting at `at`, and the position after it.
fn name_at(tokens: &[Piece], at: usize) -> Option<(QualifiedName, usize)> {
    let first = tokens.get(at)?.word()?;
    if is_keyword_after_from(&first) {
        return None;
    }
    if matches!(tokens.get(at + 1), Some(Piece::Dot)) {
        let second = tokens.get(at + 2)?.word()?;
        return Some((QualifiedName::new(first, second), at + 3));
    }
    Some((QualifiedName::public(first), at + 1))
}

/// Words that can follow `from` or `update` without naming a table.
fn is_keyword_after_from(word: &str) -> bool {
    matches!(word, "select" | "lateral" | "set" | "values" | "unnest" | "rows")
}

#[cfg(test)]
mod tests {
    use super::{dml_target, relations_in_function};
    use crate::schema::QualifiedName;
    use sqlparser::ast::Statement;
    use sqlparser::dialect::PostgreSqlDialect;
    use sqlparser::parser::Parser;

    fn relations(sql: &str) -> Vec<String> {
        let parsed = Parser::parse_sql(&PostgreSqlDialect {}, sql).expect("parses");
        let Statement::CreateFunction(create) = &parsed[0] else { panic!("not a function") };
        relations_in_function(create).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_dml_statement_names_its_target() {
        assert_eq!(
            dml_target("INSERT INTO ad_placements (a) VALUES (1)"),
            Some(QualifiedName::public("ad_placements"))
        );
        assert_eq!(dml_target("update only public.songs set x = 1"), Some(QualifiedName::public("songs")));
        assert_eq!(dml_target("delete from \"Bots\" where true"), Some(QualifiedName::public("Bots")));
        assert_eq!(dml_target("select 1"), None);
    }

    #[test]
    fn a_function_body_names_the_relations_it_uses() {
        let sql = "create function f() returns int language plpgsql as $$
            declare n int;
            begin
              with recent as (select * from public.plays p join songs s on s.id = p.song_id)
              select count(*) into n from recent, unnest(array[1]) u
              where extract(epoch from now()) > 0 and trim(both from 'x') is distinct from s.title;
              insert into audit_log (n) values (n) on conflict do update set n = 1;
              update counters set n = n + 1;
              perform 1 from pg_class;
              select 1 from only archive for update;
              return n;
            end $$";
        assert_eq!(
            relations(sql),
            ["public.plays", "public.songs", "public.audit_log", "public.counters", "public.archive"]
        );
    }
}
