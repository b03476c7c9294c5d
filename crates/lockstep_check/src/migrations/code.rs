//! `migrate/breaks-code`: a migration drops or renames a table, column, function or enum value
//! that the app's code still uses, with every call site as a related location: supabase-js
//! `.from()` queries (select strings, embedded resources, filters, orderings, payloads and the
//! values they compare or write) and `.rpc()` calls.

use lockstep_diagnostics::{Diagnostic, Span};
use lockstep_schema::Schema;
use lockstep_schema::migration_facts::FactKind;
use lockstep_schema::quote_ident;
use lockstep_ts::facts::{FileFacts, TableQuery};
use lockstep_ts::select::SelectItem;

use super::{BREAKS_CODE, MigrationFile};

/// The uses in `code` of what `migration` drops or renames away. `after` is the schema after
/// every migration: a name a later migration makes again breaks nothing.
pub fn breaking_code(migration: &MigrationFile, code: &[&FileFacts], after: &Schema) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for fact in migration.facts {
        let (name, what, uses) = match &fact.kind {
            FactKind::DropColumn { table, column } | FactKind::RenameColumn { table, from: column, .. } => {
                if has_column(after, table, column) {
                    continue;
                }
                (format!("`{table}.{column}`"), what(&fact.kind), queries(code, |q| column_uses(q, table, column)))
            }
            FactKind::DropTable { table } | FactKind::RenameTable { from: table, .. } => {
                if after.tables.iter().any(|t| t.name.name == *table) {
                    continue;
                }
                (format!("`{table}`"), what(&fact.kind), queries(code, |q| table_uses(q, table)))
            }
            FactKind::DropFunction { name } | FactKind::RenameFunction { from: name, .. } => {
                if after.functions.iter().any(|f| f.name.name == *name) {
                    continue;
                }
                (format!("the function `{name}`"), what(&fact.kind), rpc_uses(code, name))
            }
            FactKind::RenameEnumValue { type_name, from, .. } => {
                let still = after.enums.iter().any(|e| e.name.name == *type_name && e.values.contains(from));
                if still {
                    continue;
                }
                let columns = enum_columns(after, type_name);
                let uses = queries(code, |q| value_uses(q, &columns, from));
                (format!("the value '{from}' of `{type_name}`"), "renamed", uses)
            }
            _ => continue,
        };
        if uses.is_empty() {
            continue;
        }
        let count = uses.len();
        let mut finding = Diagnostic::error(
            BREAKS_CODE,
            format!(
                "{name} is {what} here, and the code still uses it in {count} place{}",
                if count == 1 { "" } else { "s" }
            ),
        )
        .at(Span::new(migration.file, fact.start, fact.end), format!("{what} here"))
        .help(match what {
            "renamed" => "change every use to the new name in the same deploy as this migration (`lockstep check` reports them once the contract has the new name)",
            _ => "remove these uses before this migration runs, or keep what it drops",
        });
        for (span, label) in uses {
            finding = finding.related(span, label);
        }
        findings.push(finding);
    }
    findings
}

fn what(kind: &FactKind) -> &'static str {
    match kind {
        FactKind::DropColumn { .. } | FactKind::DropTable { .. } | FactKind::DropFunction { .. } => "dropped",
        _ => "renamed",
    }
}

fn has_column(schema: &Schema, table: &str, column: &str) -> bool {
    schema.tables.iter().filter(|t| t.name.name == table).any(|t| t.columns.iter().any(|c| c.name == column))
}

fn queries(code: &[&FileFacts], uses: impl Fn(&TableQuery) -> Vec<(Span, String)>) -> Vec<(Span, String)> {
    code.iter().flat_map(|facts| &facts.queries).flat_map(uses).collect()
}

/// The `.rpc()` calls of `function`.
fn rpc_uses(code: &[&FileFacts], function: &str) -> Vec<(Span, String)> {
    code.iter()
        .flat_map(|facts| &facts.rpc_calls)
        .filter_map(|call| call.function.as_ref().filter(|f| f.name == function))
        .map(|f| (f.span, format!("calls `{function}`")))
        .collect()
}

/// The `(table, column)` of every column of the enum type `type_name` (or an array of it).
fn enum_columns(schema: &Schema, type_name: &str) -> Vec<(String, String)> {
    let printed = quote_ident(type_name);
    let array = format!("{printed}[]");
    schema
        .tables
        .iter()
        .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
        .filter(|(_, c)| {
            let ty = c.ty.as_str();
            ty == printed || ty == array || ty.ends_with(&format!(".{printed}"))
        })
        .map(|(t, c)| (t.name.name.clone(), c.name.clone()))
        .collect()
}

/// Where `query` compares or writes `value` in one of `columns`.
fn value_uses(query: &TableQuery, columns: &[(String, String)], value: &str) -> Vec<(Span, String)> {
    let Some(table) = &query.table else { return Vec::new() };
    query
        .columns
        .iter()
        .filter(|used| columns.iter().any(|(t, c)| *t == table.name && *c == used.name.name))
        .flat_map(|used| used.values.iter().filter(|v| v.name == value))
        .map(|v| (v.span, format!("uses '{value}'")))
        .collect()
}

/// Where `query` reads or writes `table.column`: its select string, filters, orderings and
/// payloads, and embeds of `table` in queries of other tables.
fn column_uses(query: &TableQuery, table: &str, column: &str) -> Vec<(Span, String)> {
    let mut uses = Vec::new();
    let on_table = query.table.as_ref().is_some_and(|t| t.name == table);
    if let Some(select) = &query.select {
        if let Ok(items) = &select.parsed() {
            let mut found = Vec::new();
            select_columns(items, on_table, table, column, &mut found);
            uses.extend(found.into_iter().map(|(start, end)| (select.span(start, end), format!("selects `{column}`"))));
        }
    }
    if on_table {
        for used in query.columns.iter().filter(|c| c.name.name == column) {
            uses.push((used.name.span, format!("uses `{column}` in a {}", used.role.describe())));
        }
    }
    uses
}

/// The select items naming `column` of `table`: at the top level when the query is of
/// `table`, and inside embeds of `table`.
fn select_columns(items: &[SelectItem], here: bool, table: &str, column: &str, found: &mut Vec<(u32, u32)>) {
    for item in items {
        match item {
            SelectItem::Column { column: name, .. } if here && name.text == column => {
                found.push((name.start, name.end));
            }
            SelectItem::Embed { resource, items, .. } => {
                select_columns(items, resource.text == table, table, column, found);
            }
            _ => {}
        }
    }
}

/// Where `query` uses `table`: `.from(table)`, and embeds of it.
fn table_uses(query: &TableQuery, table: &str) -> Vec<(Span, String)> {
    let mut uses = Vec::new();
    if let Some(name) = query.table.as_ref().filter(|t| t.name == table) {
        uses.push((name.span, format!("queries `{table}`")));
    }
    if let Some(select) = &query.select {
        if let Ok(items) = &select.parsed() {
            let mut found = Vec::new();
            embeds(items, table, &mut found);
            uses.extend(found.into_iter().map(|(start, end)| (select.span(start, end), format!("embeds `{table}`"))));
        }
    }
    uses
}

fn embeds(items: &[SelectItem], table: &str, found: &mut Vec<(u32, u32)>) {
    for item in items {
        if let SelectItem::Embed { resource, items, .. } = item {
            if resource.text == table {
                found.push((resource.start, resource.end));
            }
            embeds(items, table, found);
        }
    }
}
