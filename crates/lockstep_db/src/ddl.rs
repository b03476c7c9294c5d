//! The DDL for a list of changes: PostgreSQL 15 statements, names schema-qualified and quoted
//! only where Postgres needs it, each statement ending with `;` on a line of its own group.

use std::fmt::Write;

use lockstep_sql::normalize::quote_ident;
use lockstep_sql::schema::{Bucket, Column, Identity, Index, PolicyCommand, QualifiedName, ReferentialAction};

use lockstep_schema::diff::{Change, EnumColumn, type_name};

use crate::summary::summary;

/// The statements that apply `changes`, in their order.
pub fn render(changes: &[Change]) -> String {
    let mut out = String::new();
    for change in changes {
        statement(&mut out, change);
    }
    out
}

#[expect(clippy::too_many_lines, reason = "one arm per change")]
fn statement(out: &mut String, change: &Change) {
    let alter = |table: &QualifiedName| format!("alter table {}", name(table));
    let column_of =
        |table: &QualifiedName, column: &str| format!("{} alter column {}", alter(table), quote_ident(column));
    let line = match change {
        Change::RenameTable { from, to } => format!("{} rename to {}", alter(from), quote_ident(to)),
        Change::RenameColumn { table, from, to } => {
            format!("{} rename column {} to {}", alter(table), quote_ident(from), quote_ident(to))
        }
        Change::RenameEnum { from, to } => format!("alter type {} rename to {}", name(from), quote_ident(to)),
        Change::RenameEnumValue { enum_name, from, to } => {
            format!("alter type {} rename value {} to {}", name(enum_name), literal(from), literal(to))
        }
        Change::CreateSchema(schema) => format!("create schema {}", quote_ident(schema)),
        Change::DropSchema(schema) => format!("drop schema {}", quote_ident(schema)),
        Change::CreateEnum(e) => format!("create type {} as enum ({})", name(&e.name), literals(&e.values)),
        Change::DropEnum(e) => format!("drop type {}", name(&e.name)),
        Change::AddEnumValue { enum_name, value, before, after } => {
            let mut line = format!("alter type {} add value {}", name(enum_name), literal(value));
            if let Some(before) = before {
                let _ = write!(line, " before {}", literal(before));
            } else if let Some(after) = after {
                let _ = write!(line, " after {}", literal(after));
            }
            line
        }
        Change::RemoveEnumValues { enum_name, values, columns, .. } => replace_enum(enum_name, values, columns),
        Change::CreateTable(table) => {
            let mut lines: Vec<String> = table.columns.iter().map(column).collect();
            if let Some(pk) = &table.primary_key {
                lines.push(format!("constraint {} primary key ({})", quote_ident(&pk.name), idents(&pk.columns)));
            }
            for unique in &table.uniques {
                lines.push(format!("constraint {} unique ({})", quote_ident(&unique.name), idents(&unique.columns)));
            }
            for check in &table.checks {
                lines.push(format!("constraint {} check ({})", quote_ident(&check.name), check.expression.canonical()));
            }
            format!("create table {} (\n  {}\n)", name(&table.name), lines.join(",\n  "))
        }
        Change::DropTable(table) => format!("drop table {}", name(&table.name)),
        Change::AddColumn { table, column: c } => format!("{} add column {}", alter(table), column(c)),
        Change::DropColumn { table, column } => format!("{} drop column {}", alter(table), quote_ident(&column.name)),
        Change::AlterColumnType { table, column, to, .. } => {
            format!("{} type {to} using {}::{to}", column_of(table, column), quote_ident(column))
        }
        Change::SetNotNull { table, column } => format!("{} set not null", column_of(table, column)),
        Change::DropNotNull { table, column } => format!("{} drop not null", column_of(table, column)),
        Change::SetDefault { table, column, default } => {
            format!("{} set default {}", column_of(table, column), default.canonical())
        }
        Change::DropDefault { table, column } => format!("{} drop default", column_of(table, column)),
        Change::SetIdentity { table, column, from, to } => match (from, to) {
            (_, None) => format!("{} drop identity", column_of(table, column)),
            (None, Some(identity)) => {
                format!("{} add generated {} as identity", column_of(table, column), identity_words(*identity))
            }
            (Some(_), Some(identity)) => {
                format!("{} set generated {}", column_of(table, column), identity_words(*identity))
            }
        },
        Change::AddPrimaryKey { table, key } => {
            format!("{} add constraint {} primary key ({})", alter(table), quote_ident(&key.name), idents(&key.columns))
        }
        Change::AddUnique { table, key } => {
            format!("{} add constraint {} unique ({})", alter(table), quote_ident(&key.name), idents(&key.columns))
        }
        Change::DropPrimaryKey { table, key } | Change::DropUnique { table, key } => {
            format!("{} drop constraint {}", alter(table), quote_ident(&key.name))
        }
        Change::AddForeignKey { table, key } => {
            let mut line = format!(
                "{} add constraint {} foreign key ({}) references {} ({})",
                alter(table),
                quote_ident(&key.name),
                idents(&key.columns),
                name(&key.references),
                idents(&key.referenced_columns)
            );
            if key.on_delete != ReferentialAction::NoAction {
                let _ = write!(line, " on delete {}", key.on_delete.as_str());
            }
            if key.on_update != ReferentialAction::NoAction {
                let _ = write!(line, " on update {}", key.on_update.as_str());
            }
            line
        }
        Change::DropForeignKey { table, key } => format!("{} drop constraint {}", alter(table), quote_ident(&key.name)),
        Change::AddCheck { table, check } => {
            format!(
                "{} add constraint {} check ({})",
                alter(table),
                quote_ident(&check.name),
                check.expression.canonical()
            )
        }
        Change::DropCheck { table, check } => format!("{} drop constraint {}", alter(table), quote_ident(&check.name)),
        Change::CreateIndex(index) => create_index(index, false),
        Change::DropIndex(index) => format!("drop index {}", name(&index.name)),
        Change::EnableRls(table) => format!("{} enable row level security", alter(table)),
        Change::DisableRls(table) => format!("{} disable row level security", alter(table)),
        Change::ForceRls(table) => format!("{} force row level security", alter(table)),
        Change::NoForceRls(table) => format!("{} no force row level security", alter(table)),
        Change::CreatePolicy { table, policy } => {
            let roles: Vec<String> =
                policy.roles.iter().map(|r| if r == "public" { "public".to_owned() } else { quote_ident(r) }).collect();
            let mut line = format!(
                "create policy {} on {} as {} for {} to {}",
                quote_ident(&policy.name),
                name(table),
                if policy.permissive { "permissive" } else { "restrictive" },
                match policy.command {
                    PolicyCommand::All => "all",
                    other => other.as_str(),
                },
                roles.join(", ")
            );
            if let Some(using) = &policy.using {
                let _ = write!(line, "\n  using ({})", using.canonical());
            }
            if let Some(check) = &policy.with_check {
                let _ = write!(line, "\n  with check ({})", check.canonical());
            }
            line
        }
        Change::DropPolicy { table, policy } => format!("drop policy {} on {}", quote_ident(&policy.name), name(table)),
        Change::CreateView(_) | Change::CreateFunction(_) | Change::CreateTrigger(_) => {
            // The model knows what these look like from outside, not their bodies: the
            // statement is left for a person to write, in its place in the order.
            let _ = writeln!(out, "-- {}: write its definition here (the model holds no body)", summary(change));
            return;
        }
        Change::DropView(view) => {
            format!("drop {} {}", if view.materialized { "materialized view" } else { "view" }, name(&view.name))
        }
        Change::DropFunction(function) => {
            format!("drop function {}({})", name(&function.name), function.arguments.join(", "))
        }
        Change::DropTrigger(trigger) => {
            format!("drop trigger {} on {}", quote_ident(&trigger.name), name(&trigger.table))
        }
        Change::CreateBucket(bucket) => format!(
            "insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)\n  values ({}, {}, {}, {}, {})",
            literal(&bucket.id),
            literal(&bucket.id),
            bucket.public,
            size_limit(bucket),
            mime_types(bucket)
        ),
        Change::DropBucket(bucket) => format!("delete from storage.buckets where id = {}", literal(&bucket.id)),
        Change::AlterBucket { to, .. } => format!(
            "update storage.buckets set public = {}, file_size_limit = {}, allowed_mime_types = {}\n  where id = {}",
            to.public,
            size_limit(to),
            mime_types(to),
            literal(&to.id)
        ),
    };
    let _ = writeln!(out, "{line};");
}

/// `create index`, or with `concurrently` the form that does not block writes (and cannot run
/// in a transaction).
fn create_index(index: &Index, concurrently: bool) -> String {
    format!(
        "create {}index {}{} on {} ({})",
        if index.unique { "unique " } else { "" },
        if concurrently { "concurrently " } else { "" },
        quote_ident(&index.name.name),
        name(&index.table),
        index.columns.iter().map(|c| index_column(c)).collect::<Vec<_>>().join(", ")
    )
}

/// `create index concurrently` for `index`, as a statement of its own.
pub fn render_concurrent_index(index: &Index) -> String {
    format!("{};\n", create_index(index, true))
}

/// Postgres cannot remove an enum value: the type is renamed, made again with the new values,
/// every column cast to it through `text` (a row holding a removed value makes the cast fail),
/// and the old type dropped.
fn replace_enum(enum_name: &QualifiedName, values: &[String], columns: &[EnumColumn]) -> String {
    let old = format!("{}_old", enum_name.name);
    let mut lines = vec![
        format!("alter type {} rename to {}", name(enum_name), quote_ident(&old)),
        format!("create type {} as enum ({})", name(enum_name), literals(values)),
    ];
    let new_type = type_name(enum_name);
    for column in columns {
        let alter = format!("alter table {} alter column {}", name(&column.table), quote_ident(&column.column));
        if column.default.is_some() {
            lines.push(format!("{alter} drop default"));
        }
        let (text, ty) = if column.array { ("text[]", format!("{new_type}[]")) } else { ("text", new_type.clone()) };
        lines.push(format!("{alter} type {ty} using {}::{text}::{ty}", quote_ident(&column.column)));
        if let Some(default) = &column.default {
            lines.push(format!("{alter} set default {}", default.canonical()));
        }
    }
    lines.push(format!("drop type {}", name(&QualifiedName::new(enum_name.schema.clone(), old))));
    lines.join(";\n")
}

fn size_limit(bucket: &Bucket) -> String {
    bucket.file_size_limit.map_or_else(|| "null".to_owned(), |limit| limit.to_string())
}

/// `null` for any type, as Supabase stores it.
fn mime_types(bucket: &Bucket) -> String {
    if bucket.allowed_mime_types.is_empty() {
        "null".to_owned()
    } else {
        format!("array[{}]", literals(&bucket.allowed_mime_types))
    }
}

fn column(column: &Column) -> String {
    let mut line = format!("{} {}", quote_ident(&column.name), column.ty);
    if let Some(generated) = &column.generated {
        let _ = write!(line, " generated always as ({}) stored", generated.canonical());
    }
    if let Some(identity) = column.identity {
        let _ = write!(line, " generated {} as identity", identity_words(identity));
    }
    if !column.nullable {
        line.push_str(" not null");
    }
    if let Some(default) = &column.default {
        let _ = write!(line, " default {}", default.canonical());
    }
    line
}

fn identity_words(identity: Identity) -> &'static str {
    match identity {
        Identity::Always => "always",
        Identity::ByDefault => "by default",
    }
}

/// An index column: a name as the model keeps it (unquoted), or an expression in parentheses.
fn index_column(column: &str) -> String {
    let is_name = !column.contains(['(', ' ', ':', '\'']);
    if is_name { quote_ident(column) } else { format!("({column})") }
}

fn name(name: &QualifiedName) -> String {
    format!("{}.{}", quote_ident(&name.schema), quote_ident(&name.name))
}

fn idents(columns: &[String]) -> String {
    columns.iter().map(|c| quote_ident(c)).collect::<Vec<_>>().join(", ")
}

fn literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

fn literals(values: &[String]) -> String {
    values.iter().map(|v| literal(v)).collect::<Vec<_>>().join(", ")
}
