//! Static replay: applies migration files, statement by statement, to a [`Schema`], exactly as
//! Postgres would have, without a database. Statements outside the model are skipped with an
//! info diagnostic; statements that do not parse are reported and the replay goes on.

mod alter;
mod lookup;
pub mod names;
mod objects;
mod plpgsql;
mod table;
mod uses;
mod views;

use lockstep_diagnostics::{Diagnostic, FileId, Span};
use sqlparser::ast::{Ident, ObjectName, ObjectNamePart, Statement};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

use crate::normalize::{NormalizedType, normalize_type, quote_ident};
use crate::schema::{QualifiedName, Schema};
use crate::split::split_statements;

pub const UNPARSED_STATEMENT: &str = "db/unparsed-statement";
pub const SKIPPED_STATEMENT: &str = "db/skipped-statement";
pub const REPLAY_CONFLICT: &str = "db/replay-conflict";

/// One migration file's text.
#[derive(Clone, Copy, Debug)]
pub struct MigrationFile<'a> {
    pub file: FileId,
    pub text: &'a str,
}

pub struct Replayed {
    pub schema: Schema,
    pub diagnostics: Vec<Diagnostic>,
    /// Tables and columns the migrations renamed, in order, with table names as they are at the
    /// end: what code still written against an old name should use now.
    pub renames: Vec<Rename>,
    /// Statements applied or skipped, for the summary.
    pub statements: usize,
    /// Tables (`None`) and columns the migrations dropped: another source that still lists
    /// them is out of date.
    pub dropped: Vec<(QualifiedName, Option<String>)>,
    /// Tables the migrations change (alter, index, give policies) but never create: made
    /// elsewhere (a dashboard, another tool), so the migrations are incomplete. With the first
    /// statement that assumed each.
    pub assumed: Vec<(QualifiedName, Span)>,
    /// Columns the migrations add to tables they never create.
    pub assumed_columns: Vec<(QualifiedName, crate::schema::Column)>,
    /// Functions the migrations alter but never create, with the first statement that does.
    pub assumed_functions: Vec<(QualifiedName, Span)>,
}

pub use crate::schema::Rename;

/// Replays `files` in the order given onto `base` (an empty schema, or a provider's prelude).
pub fn replay(base: Schema, files: &[MigrationFile]) -> Replayed {
    let mut replayer = Replayer::onto(base);
    let mut statements = 0;
    for file in files {
        for statement in split_statements(file.text) {
            statements += 1;
            let span = Span::new(file.file, statement.start, statement.end);
            replayer.span = Some(span);
            replayer.statement(&file.text[statement.start as usize..statement.end as usize], span);
        }
    }
    replayer.span = None;
    replayer.assume_used_in_bodies();
    Replayed {
        schema: replayer.schema,
        diagnostics: grouped_conflicts(replayer.diagnostics),
        renames: replayer.renames,
        statements,
        dropped: replayer.dropped,
        assumed: replayer.assumed,
        assumed_columns: replayer.assumed_columns,
        assumed_functions: replayer.assumed_functions,
    }
}

/// Replays SQL text that belongs to no file the user wrote, such as a provider's prelude;
/// nothing in it carries an origin.
pub fn replay_text(base: Schema, sql: &str) -> Schema {
    let mut replayer = Replayer::onto(base);
    for statement in split_statements(sql) {
        let text = &sql[statement.start as usize..statement.end as usize];
        if crate::limits::chain_too_long(text).is_some() {
            continue;
        }
        if let Ok(parsed) = Parser::parse_sql(&PostgreSqlDialect {}, text) {
            for statement in parsed {
                replayer.apply(&statement);
            }
        }
    }
    replayer.schema
}

pub(crate) struct Replayer {
    pub(crate) schema: Schema,
    lookup: lookup::Lookup,
    diagnostics: Vec<Diagnostic>,
    /// The statement being applied; `None` while replaying a prelude.
    pub(crate) span: Option<Span>,
    renames: Vec<Rename>,
    /// Inside a `DO` block: what Postgres would refuse is what the block's guard or exception
    /// handler catches, so it is not a conflict.
    lenient: bool,
    dropped: Vec<(QualifiedName, Option<String>)>,
    assumed: Vec<(QualifiedName, Span)>,
    assumed_columns: Vec<(QualifiedName, crate::schema::Column)>,
    assumed_functions: Vec<(QualifiedName, Span)>,
    /// Relations function bodies use, with the function's statement: Postgres does not check
    /// them when the function is created, so they are judged once the replay is done.
    used_in_bodies: Vec<(QualifiedName, Span)>,
}

/// Statements that start with these words are outside the schema model: skipped, not errors,
/// even when the SQL parser does not know them.
const OUTSIDE_THE_MODEL: [&str; 23] = [
    "grant",
    "revoke",
    "insert",
    "update",
    "delete",
    "select",
    "with",
    "copy",
    "set",
    "reset",
    "begin",
    "commit",
    "rollback",
    "start",
    "end",
    "analyze",
    "vacuum",
    "notify",
    "listen",
    "security",
    "create extension",
    "alter publication",
    "create publication",
];

impl Replayer {
    /// A replayer that applies statements onto `base`.
    fn onto(base: Schema) -> Replayer {
        Replayer {
            schema: base,
            lookup: lookup::Lookup::default(),
            diagnostics: Vec::new(),
            span: None,
            renames: Vec::new(),
            lenient: false,
            dropped: Vec::new(),
            assumed: Vec::new(),
            assumed_columns: Vec::new(),
            assumed_functions: Vec::new(),
            used_in_bodies: Vec::new(),
        }
    }

    fn statement(&mut self, text: &str, span: Span) {
        let lower = text.trim_start().to_lowercase();
        if lower.starts_with("do") && lower[2..].starts_with(|c: char| !c.is_alphanumeric() && c != '_') {
            self.do_block(text, span);
            return;
        }
        let outside = |lower: &str| {
            OUTSIDE_THE_MODEL
                .iter()
                .any(|w| lower.starts_with(w) && lower[w.len()..].starts_with(|c: char| !c.is_alphanumeric()))
                || lower.starts_with("alter default privileges")
                || lower.starts_with("create role")
                || lower.starts_with("alter role")
                || lower.starts_with("drop publication")
                || lower.starts_with("alter extension")
                || lower.starts_with("create sequence")
                || lower.starts_with("alter sequence")
                || comments_outside_the_model(lower)
        };
        if outside(&lower) {
            if let Some(target) = uses::dml_target(text) {
                if target == QualifiedName::new("storage", "buckets") {
                    self.insert_buckets(text, span);
                }
                self.uses_table(&target);
            }
            self.skipped(span, &first_words(&lower));
            return;
        }
        if let Some(at) = crate::limits::chain_too_long(text) {
            let at = span.start + u32::try_from(at).unwrap_or(0);
            let max = crate::limits::MAX_SQL_CHAIN;
            self.diagnostics.push(
                Diagnostic::warning(UNPARSED_STATEMENT, format!("an expression in this statement chains more than {max} operators; lockstep did not read the statement, so its effect on the schema is unknown"))
                    .at(span, "not read")
                    .related(Span::new(span.file, at, at + 1), "the limit is reached here")
                    .help(format!("split the expression (a lookup table or an `in (...)` list instead of a long `or` chain), or add `-- lockstep-ignore: {UNPARSED_STATEMENT}` above the statement and describe its effect in the contract")),
            );
            return;
        }
        match Parser::parse_sql(&PostgreSqlDialect {}, text) {
            Ok(statements) => {
                for statement in &statements {
                    self.apply(statement);
                }
            }
            Err(err) => {
                let message = err.to_string();
                let message = message.strip_prefix("sql parser error: ").unwrap_or(&message).to_owned();
                self.diagnostics.push(
                    Diagnostic::warning(UNPARSED_STATEMENT, "lockstep could not parse this statement; its effect on the schema is unknown")
                        .at(span, "not understood")
                        .help(format!("the SQL parser says: {message}. If Postgres accepts this statement, add `-- lockstep-ignore: {UNPARSED_STATEMENT}` above it and describe its effect in the contract")),
                );
            }
        }
    }

    fn apply(&mut self, statement: &Statement) {
        match statement {
            Statement::CreateTable(create) => self.create_table(create),
            Statement::AlterTable(alter) => self.alter_table(alter),
            Statement::CreateIndex(index) => self.create_index(index),
            Statement::CreateType { name, representation } => self.create_type(name, representation.as_ref()),
            Statement::AlterType(alter) => self.alter_type(alter),
            Statement::CreatePolicy(policy) => self.create_policy(policy),
            Statement::AlterPolicy(policy) => self.alter_policy(policy),
            Statement::DropPolicy(policy) => self.drop_policy(policy),
            Statement::CreateView(view) => self.create_view(view),
            Statement::CreateFunction(function) => self.create_function(function),
            Statement::DropFunction(drop) => self.drop_function(drop),
            Statement::AlterFunction(alter) => self.alter_function(alter),
            Statement::CreateTrigger(trigger) => self.create_trigger(trigger),
            Statement::DropTrigger(trigger) => self.drop_trigger(trigger),
            Statement::CreateSchema { schema_name, .. } => self.create_schema(schema_name),
            Statement::Comment { object_type, object_name, comment, .. } => {
                self.comment(*object_type, object_name, comment.as_deref());
            }
            Statement::Drop { object_type, if_exists, names, cascade, .. } => {
                self.drop(*object_type, *if_exists, names, *cascade);
            }
            other => {
                if let Some(span) = self.span {
                    let text = other.to_string().to_lowercase();
                    self.skipped(span, &first_words(&text));
                }
            }
        }
    }

    fn skipped(&mut self, span: Span, what: &str) {
        self.diagnostics.push(
            Diagnostic::info(SKIPPED_STATEMENT, format!("`{what}` is outside the schema model; skipped"))
                .at(span, "skipped"),
        );
    }

    /// Something Postgres would have refused: the migrations disagree with themselves.
    pub(crate) fn conflict(&mut self, message: String, help: &str) {
        if self.lenient {
            return;
        }
        if let Some(span) = self.span {
            self.diagnostics.push(
                Diagnostic::warning(REPLAY_CONFLICT, message).at(span, "in this statement").help(help.to_owned()),
            );
        }
    }

    /// A statement names a table that does not exist. When the migrations never created (or
    /// dropped) it, it was made elsewhere: noted once, as an assumption, instead of a conflict
    /// per statement. A table the migrations dropped is a real conflict.
    pub(crate) fn missing_table(&mut self, table: &QualifiedName, help: &str) {
        if !self.assume_table(table) {
            self.conflict(format!("table `{table}` does not exist here"), help);
        }
    }

    /// Notes that the migrations use `table` without creating it; `false` when that cannot be
    /// an assumption (the migrations dropped it, or this is a provider's prelude).
    pub(crate) fn assume_table(&mut self, table: &QualifiedName) -> bool {
        let Some(span) = self.span.filter(|_| !self.removed(table)) else { return false };
        if !self.assumed.iter().any(|(t, _)| t == table) {
            self.assumed.push((table.clone(), span));
        }
        true
    }

    /// A statement writes to `table` without changing the schema (`insert`, `update`,
    /// `delete`, a trigger): when no migration made it, it was made elsewhere. Only tables in
    /// `public` or a schema the migrations create: others belong to the provider.
    pub(crate) fn uses_table(&mut self, table: &QualifiedName) {
        let ours = table.schema == "public" || self.schema.schemas.contains(&table.schema);
        if ours && self.table_position(table).is_none() && self.schema.view(table).is_none() {
            self.missing_table(table, "Postgres refuses this statement; create the table first");
        }
    }

    /// `insert into storage.buckets ...`: the buckets it creates join the schema. A row for an
    /// id already there (`on conflict do nothing`, or an update of it) keeps the first.
    fn insert_buckets(&mut self, text: &str, span: Span) {
        for mut bucket in crate::supabase::buckets(text) {
            if self.schema.bucket(&bucket.id).is_none() {
                bucket.origin = Some(span);
                self.schema.buckets.push(bucket);
            }
        }
    }

    /// `alter function` of a function no migration created: made elsewhere, noted once.
    pub(crate) fn assume_function(&mut self, name: &QualifiedName) -> bool {
        let ours = name.schema == "public" || self.schema.schemas.contains(&name.schema);
        let Some(span) = self.span.filter(|_| ours) else { return false };
        if !self.assumed_functions.iter().any(|(f, _)| f == name) {
            self.assumed_functions.push((name.clone(), span));
        }
        true
    }

    /// Whether the migrations dropped `table` or renamed it away: a statement using the old
    /// name is a conflict, not a table made elsewhere.
    fn removed(&self, table: &QualifiedName) -> bool {
        self.dropped.iter().any(|(t, column)| t == table && column.is_none())
            || self.renames.iter().any(|r| matches!(r, Rename::Table { from, .. } if from == table))
    }

    /// The relations function bodies use that no migration made by the end (and none
    /// dropped): assumed, like tables the migrations alter without creating.
    fn assume_used_in_bodies(&mut self) {
        for (table, span) in std::mem::take(&mut self.used_in_bodies) {
            let ours = table.schema == "public" || self.schema.schemas.contains(&table.schema);
            let known = self.table_position(&table).is_some() || self.schema.view(&table).is_some();
            if ours && !known && !self.removed(&table) && !self.assumed.iter().any(|(t, _)| *t == table) {
                self.assumed.push((table, span));
            }
        }
    }

    pub(crate) fn normalize_type(&self, written: &str) -> NormalizedType {
        let schema = &self.schema;
        normalize_type(written, &|name| {
            let qualified = match name.split_once('.') {
                Some((schema, name)) => QualifiedName::new(schema, name),
                None => QualifiedName::public(name),
            };
            schema.enum_type(&qualified).map(|e| {
                let name = quote_ident(&e.name.name);
                if e.name.schema == "public" { name } else { format!("{}.{name}", quote_ident(&e.name.schema)) }
            })
        })
    }
}

/// `COMMENT ON` an object the model keeps no comment for (functions, constraints, policies,
/// types, ...). Only table and column comments are kept; the SQL parser does not know every
/// form of the others (`COMMENT ON FUNCTION f(varchar[])`, `COMMENT ON CONSTRAINT c ON t`).
fn comments_outside_the_model(lower: &str) -> bool {
    let Some(rest) = lower.strip_prefix("comment") else { return false };
    let mut words = rest.split_whitespace();
    if words.next() != Some("on") {
        return false;
    }
    !matches!(words.next(), Some("table" | "column" | "view" | "materialized"))
}

/// A file that repeats what earlier ones did (Bolt saves migrations again under new names) has
/// dozens of conflicts, one per statement: more than a few in one file become one finding at
/// the first, with a count and the first messages, so they do not bury the rest.
fn grouped_conflicts(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    const SHOWN: usize = 3;
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    let mut per_file: Vec<(FileId, Vec<Diagnostic>)> = Vec::new();
    for diagnostic in diagnostics {
        let file = diagnostic.primary.as_ref().map(|l| l.span.file);
        match file {
            Some(file) if diagnostic.code == REPLAY_CONFLICT => match per_file.iter_mut().find(|(f, _)| *f == file) {
                Some((_, list)) => list.push(diagnostic),
                None => per_file.push((file, vec![diagnostic])),
            },
            _ => out.push(diagnostic),
        }
    }
    for (_, mut list) in per_file {
        if list.len() <= SHOWN + 1 {
            out.extend(list);
            continue;
        }
        let count = list.len();
        let examples: Vec<String> = list.iter().take(SHOWN).map(|d| d.message.clone()).collect();
        let mut first = list.remove(0);
        first.message = format!(
            "{count} statements in this file conflict with the migrations before it ({}, ...)",
            examples.join("; ")
        );
        first.help = Some(
            "Postgres would refuse each of them: the file repeats objects earlier migrations made (use `if not exists` / `drop ... if exists`, or remove the duplicate file)"
                .to_owned(),
        );
        out.push(first);
    }
    out
}

/// The first words of a statement, for messages: `create extension`, `insert`.
fn first_words(lower: &str) -> String {
    let words: Vec<&str> = lower.split_whitespace().take(2).collect();
    match words.as_slice() {
        [first, second] if matches!(*first, "create" | "alter" | "drop") => format!("{first} {second}"),
        [first, ..] => (*first).to_owned(),
        [] => String::new(),
    }
}

/// An identifier as Postgres stores it: unquoted names fold to lower case, and names longer
/// than 63 bytes are cut there.
pub(crate) fn ident(ident: &Ident) -> String {
    let mut name = if ident.quote_style.is_some() { ident.value.clone() } else { ident.value.to_lowercase() };
    if name.len() > 63 {
        let mut end = 63;
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        name.truncate(end);
    }
    name
}

/// A possibly qualified name, resolved with `search_path = public`.
pub(crate) fn qualified(name: &ObjectName) -> QualifiedName {
    let parts: Vec<String> = name
        .0
        .iter()
        .map(|part| match part {
            ObjectNamePart::Identifier(i) => ident(i),
            ObjectNamePart::Function(f) => f.name.value.to_lowercase(),
        })
        .collect();
    match parts.as_slice() {
        [name] => QualifiedName::public(name.clone()),
        [.., schema, name] => QualifiedName::new(schema.clone(), name.clone()),
        [] => QualifiedName::public(String::new()),
    }
}

#[cfg(test)]
mod tests {
    use lockstep_diagnostics::Sources;

    use super::{MigrationFile, REPLAY_CONFLICT, replay};
    use crate::schema::Schema;

    fn conflicts(files: &[&str]) -> Vec<String> {
        let mut sources = Sources::new();
        let ids: Vec<_> =
            files.iter().enumerate().map(|(i, t)| sources.add(format!("{i}.sql"), (*t).to_owned())).collect();
        let inputs: Vec<MigrationFile> =
            ids.iter().map(|&id| MigrationFile { file: id, text: sources.get(id).text() }).collect();
        replay(Schema::default(), &inputs)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == REPLAY_CONFLICT)
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn many_conflicts_in_one_file_are_one_finding_and_a_few_stay_apart() {
        let first = "create table a (id int); create table b (id int); create table c (id int); create table d (id int); create table e (id int);";
        let again = "create table a (id int); create table b (id int); create table c (id int); create table d (id int); create table e (id int);";
        let grouped = conflicts(&[first, again]);
        assert_eq!(grouped.len(), 1, "{grouped:?}");
        assert!(grouped[0].starts_with("5 statements in this file conflict"), "{grouped:?}");
        let few = conflicts(&[first, "create table a (id int); create table b (id int);"]);
        assert_eq!(few.len(), 2, "{few:?}");
    }

    /// The lookups that make a rename linear stay right across removals and renames.
    #[test]
    fn a_column_rename_reaches_indexes_and_foreign_keys_after_drops() {
        let sql = "create table a (id int primary key, x int);
            create table b (id int primary key, a_id int references a (id));
            create index a_x_idx on a (x);
            create index a_id_x_idx on a (id, x);
            alter table a rename column x to w;
            drop index a_x_idx;
            alter table b rename to bb;
            alter table a rename column id to key;
            create table c (id int primary key, a_id int references a (key));
            create index a_w2_idx on a (w);
            alter table bb add foreign key (id) references a (key);
            alter table a rename column key to k;
            alter table a rename column w to y;";
        let schema = super::replay_text(Schema::default(), sql);
        let indexes: Vec<(&str, Vec<&str>)> = schema
            .indexes
            .iter()
            .map(|i| (i.name.name.as_str(), i.columns.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(indexes, [("a_id_x_idx", vec!["k", "y"]), ("a_w2_idx", vec!["y"])]);
        let keys: Vec<(&str, &str, Vec<&str>)> = schema
            .tables
            .iter()
            .flat_map(|t| t.foreign_keys.iter().map(move |k| (t.name.name.as_str(), k)))
            .map(|(t, k)| (t, k.name.as_str(), k.referenced_columns.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            keys,
            [("bb", "b_a_id_fkey", vec!["k"]), ("bb", "bb_id_fkey", vec!["k"]), ("c", "c_a_id_fkey", vec!["k"])]
        );
    }
}
