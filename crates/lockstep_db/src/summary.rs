//! One line per change, for people: what a planned migration's header lists.

use lockstep_schema::View;
use lockstep_schema::diff::Change;

/// `add column public.orders.note (text, nullable)`.
pub fn summary(change: &Change) -> String {
    let column_type =
        |c: &lockstep_sql::schema::Column| format!("{}{}", c.ty, if c.nullable { ", nullable" } else { ", not null" });
    match change {
        Change::RenameTable { from, to } => format!("rename table {from} to {to}"),
        Change::RenameColumn { table, from, to } => format!("rename column {table}.{from} to {to}"),
        Change::RenameEnum { from, to } => format!("rename type {from} to {to}"),
        Change::RenameEnumValue { enum_name, from, to } => format!("rename value '{from}' of {enum_name} to '{to}'"),
        Change::CreateSchema(name) => format!("create schema {name}"),
        Change::DropSchema(name) => format!("drop schema {name}"),
        Change::CreateEnum(e) => format!("create type {} ({})", e.name, e.values.join(", ")),
        Change::DropEnum(e) => format!("drop type {}", e.name),
        Change::AddEnumValue { enum_name, value, .. } => format!("add value '{value}' to {enum_name}"),
        Change::RemoveEnumValues { enum_name, removed, values, .. } if removed.is_empty() => {
            format!("reorder the values of {enum_name}: {}", values.join(", "))
        }
        Change::RemoveEnumValues { enum_name, removed, .. } => {
            format!("remove {} from {enum_name} (the type is replaced)", removed.join(", "))
        }
        Change::CreateTable(table) => format!("create table {} ({} columns)", table.name, table.columns.len()),
        Change::DropTable(table) => format!("drop table {}", table.name),
        Change::AddColumn { table, column } => {
            format!("add column {table}.{} ({})", column.name, column_type(column))
        }
        Change::DropColumn { table, column } => format!("drop column {table}.{}", column.name),
        Change::AlterColumnType { table, column, from, to } => {
            format!("change the type of {table}.{column} from {from} to {to}")
        }
        Change::SetNotNull { table, column } => format!("make {table}.{column} not null"),
        Change::DropNotNull { table, column } => format!("make {table}.{column} nullable"),
        Change::SetDefault { table, column, default } => format!("set the default of {table}.{column} to {default}"),
        Change::DropDefault { table, column } => format!("drop the default of {table}.{column}"),
        Change::SetIdentity { table, column, to, .. } => match to {
            Some(_) => format!("make {table}.{column} an identity column"),
            None => format!("make {table}.{column} no longer an identity column"),
        },
        Change::AddPrimaryKey { table, key } => format!("add primary key on {table} ({})", key.columns.join(", ")),
        Change::DropPrimaryKey { table, key } => format!("drop primary key {} on {table}", key.name),
        Change::AddUnique { table, key } => format!("add unique on {table} ({})", key.columns.join(", ")),
        Change::DropUnique { table, key } => format!("drop unique {} on {table}", key.name),
        Change::AddForeignKey { table, key } => format!(
            "add foreign key {table} ({}) -> {} ({}) on delete {}",
            key.columns.join(", "),
            key.references,
            key.referenced_columns.join(", "),
            key.on_delete.as_str()
        ),
        Change::DropForeignKey { table, key } => format!("drop foreign key {} on {table}", key.name),
        Change::AddCheck { table, check } => format!("add check on {table}: {}", check.expression),
        Change::DropCheck { table, check } => format!("drop check {} on {table}", check.name),
        Change::CreateIndex(index) => {
            format!("create index {} on {} ({})", index.name, index.table, index.columns.join(", "))
        }
        Change::DropIndex(index) => format!("drop index {}", index.name),
        Change::EnableRls(table) => format!("enable row level security on {table}"),
        Change::DisableRls(table) => format!("disable row level security on {table}"),
        Change::ForceRls(table) => format!("force row level security on {table}"),
        Change::NoForceRls(table) => format!("stop forcing row level security on {table}"),
        Change::CreatePolicy { table, policy } => {
            format!("create policy {} on {table} (for {})", policy.name, policy.command.as_str())
        }
        Change::DropPolicy { table, policy } => format!("drop policy {} on {table}", policy.name),
        Change::CreateView(view) => format!("create {} {}", view_kind(view), view_columns(view)),
        Change::DropView(view) => format!("drop {} {}", view_kind(view), view.name),
        Change::CreateFunction(function) => {
            format!("create function {}({}) returns {}", function.name, function.arguments.join(", "), function.returns)
        }
        Change::DropFunction(function) => format!("drop function {}({})", function.name, function.arguments.join(", ")),
        Change::CreateTrigger(trigger) => {
            format!("create trigger {} on {} (executes {})", trigger.name, trigger.table, trigger.function)
        }
        Change::DropTrigger(trigger) => format!("drop trigger {} on {}", trigger.name, trigger.table),
        Change::CreateBucket(bucket) => {
            format!("create {} storage bucket {}", if bucket.public { "public" } else { "private" }, bucket.id)
        }
        Change::DropBucket(bucket) => format!("delete storage bucket {}", bucket.id),
        Change::AlterBucket { to, .. } => format!("change the settings of storage bucket {}", to.id),
    }
}

fn view_kind(view: &View) -> &'static str {
    if view.materialized { "materialized view" } else { "view" }
}

/// `public.totals (id, total)`.
fn view_columns(view: &View) -> String {
    match &view.columns {
        Some(columns) => format!("{} ({})", view.name, columns.join(", ")),
        None => view.name.to_string(),
    }
}
