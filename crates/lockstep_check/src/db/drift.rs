//! `db/drift-from-migrations`: where a live database differs from what its migrations produce,
//! object by object. Someone changed the database by hand, or a migration never ran.
//!
//! What drifted is the typed diff from the replayed schema to the live one (constraints,
//! indexes and policies matched by meaning, as `migrate plan` matches them); each object it
//! touches is shown with its definition on both sides.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use lockstep_diagnostics::{Diagnostic, Span};
use lockstep_schema::diff::{Change, diff_in};
use lockstep_schema::{Expr, Identity, Index, QualifiedName, Schema, Table};

pub const DRIFT_FROM_MIGRATIONS: &str = "db/drift-from-migrations";

/// One comparable fact: an object's identity, its definition, and where the migrations
/// define it.
struct Fact {
    object: String,
    /// The definition as shown: expressions as the schema spelt them.
    definition: String,
    /// The definition compared: expressions in canonical form.
    comparable: String,
    origin: Option<Span>,
}

/// Compares a live database with the replayed migrations, in the schemas `include` accepts.
pub fn check_drift(live: &Schema, replayed: &Schema, include: &dyn Fn(&str) -> bool) -> Vec<Diagnostic> {
    let drifted = drifted(replayed, live, include);
    let live_facts = facts(live, include);
    let replayed_facts = facts(replayed, include);
    let mut live_by_object: HashMap<&str, &Fact> = HashMap::new();
    for fact in &live_facts {
        live_by_object.entry(&fact.object).or_insert(fact);
    }
    let replayed_objects: HashSet<&str> = replayed_facts.iter().map(|f| f.object.as_str()).collect();
    let mut findings = Vec::new();
    for fact in replayed_facts.iter().filter(|f| drifted.contains(&f.object)) {
        match live_by_object.get(fact.object.as_str()) {
            None => findings.push(finding(
                format!("the migrations create {} but the live database does not have it", fact.object),
                fact.origin,
                "a migration that did not run, or an object dropped by hand: apply the migrations, or write one that drops it",
            )),
            Some(live) if live.comparable != fact.comparable => findings.push(finding(
                format!("{} differs: the migrations give `{}`, the live database has `{}`", fact.object, fact.definition, live.definition),
                fact.origin,
                "someone changed the database by hand: capture the change in a new migration, or revert it",
            )),
            Some(_) => {}
        }
    }
    for fact in live_facts.iter().filter(|f| drifted.contains(&f.object)) {
        if !replayed_objects.contains(fact.object.as_str()) {
            findings.push(finding(
                format!("the live database has {} (`{}`) that no migration creates", fact.object, fact.definition),
                None,
                "capture it in a migration so every environment has it, or drop it from the database",
            ));
        }
    }
    findings
}

/// The objects (named as facts name them) the diff from `replayed` to `live` touches.
fn drifted(replayed: &Schema, live: &Schema, include: &dyn Fn(&str) -> bool) -> HashSet<String> {
    let mut drifted = HashSet::new();
    let sides = [Side::new(replayed), Side::new(live)];
    for change in diff_in(replayed, live, include) {
        match &change {
            Change::CreateEnum(e) | Change::DropEnum(e) => drifted.insert(enum_object(&e.name)),
            Change::AddEnumValue { enum_name, .. } | Change::RemoveEnumValues { enum_name, .. } => {
                drifted.insert(enum_object(enum_name))
            }
            Change::CreateTable(table) | Change::DropTable(table) => {
                // A table made or dropped whole: each of its parts is drift too, on both sides.
                for side in &sides {
                    drifted.extend(side.table_objects(&table.name));
                }
                true
            }
            Change::EnableRls(table) | Change::DisableRls(table) => drifted.insert(table_object(table)),
            Change::AddColumn { table, column } | Change::DropColumn { table, column } => {
                drifted.insert(column_object(table, &column.name))
            }
            Change::AlterColumnType { table, column, .. }
            | Change::SetNotNull { table, column }
            | Change::DropNotNull { table, column }
            | Change::SetDefault { table, column, .. }
            | Change::DropDefault { table, column }
            | Change::SetIdentity { table, column, .. } => drifted.insert(column_object(table, column)),
            Change::AddPrimaryKey { table, .. } | Change::DropPrimaryKey { table, .. } => {
                drifted.insert(primary_key_object(table))
            }
            Change::AddUnique { table, key } | Change::DropUnique { table, key } => {
                drifted.insert(unique_object(table, &key.name))
            }
            Change::AddForeignKey { table, key } | Change::DropForeignKey { table, key } => {
                drifted.insert(foreign_key_object(table, &key.name))
            }
            Change::AddCheck { table, check } | Change::DropCheck { table, check } => {
                drifted.insert(check_object(table, &check.name))
            }
            Change::CreatePolicy { table, policy } | Change::DropPolicy { table, policy } => {
                drifted.insert(policy_object(table, &policy.name))
            }
            Change::CreateIndex(index) | Change::DropIndex(index) => drifted.insert(index_object(&index.name)),
            Change::CreateView(view) | Change::DropView(view) => drifted.insert(view_object(&view.name)),
            Change::CreateFunction(function) | Change::DropFunction(function) => {
                drifted.insert(function_object(&function.name, &function.arguments))
            }
            Change::CreateTrigger(trigger) | Change::DropTrigger(trigger) => {
                drifted.insert(trigger_object(&trigger.table, &trigger.name))
            }
            // Forcing row-level security is not shown; schemas show in what they hold; the diff
            // makes no renames; storage buckets are often made in Supabase's dashboard, and the
            // code's use of them is checked against the contract instead.
            Change::ForceRls(_)
            | Change::NoForceRls(_)
            | Change::CreateSchema(_)
            | Change::DropSchema(_)
            | Change::RenameTable { .. }
            | Change::RenameColumn { .. }
            | Change::RenameEnum { .. }
            | Change::RenameEnumValue { .. }
            | Change::CreateBucket(_)
            | Change::DropBucket(_)
            | Change::AlterBucket { .. } => false,
        };
    }
    drifted
}

/// One side's tables and indexes by table.
struct Side<'a> {
    tables: HashMap<&'a QualifiedName, &'a Table>,
    indexes: HashMap<&'a QualifiedName, Vec<&'a Index>>,
}

impl<'a> Side<'a> {
    fn new(schema: &'a Schema) -> Side<'a> {
        let mut indexes: HashMap<&QualifiedName, Vec<&Index>> = HashMap::new();
        for index in &schema.indexes {
            indexes.entry(&index.table).or_default().push(index);
        }
        Side { tables: schema.tables.iter().map(|t| (&t.name, t)).collect(), indexes }
    }

    /// A table's own object, its columns, keys, checks and policies, and its indexes; none when
    /// this side has no such table.
    fn table_objects(&self, name: &QualifiedName) -> Vec<String> {
        let Some(table) = self.tables.get(name) else { return Vec::new() };
        let mut objects = table_parts(table);
        let indexes = self.indexes.get(name).map_or(&[][..], Vec::as_slice);
        objects.extend(indexes.iter().map(|i| index_object(&i.name)));
        objects
    }
}

/// A table's own object, its columns, keys, checks and policies.
fn table_parts(table: &Table) -> Vec<String> {
    let name = &table.name;
    let mut objects = vec![table_object(name)];
    objects.extend(table.columns.iter().map(|c| column_object(name, &c.name)));
    if table.primary_key.is_some() {
        objects.push(primary_key_object(name));
    }
    objects.extend(table.uniques.iter().map(|u| unique_object(name, &u.name)));
    objects.extend(table.foreign_keys.iter().map(|f| foreign_key_object(name, &f.name)));
    objects.extend(table.checks.iter().map(|c| check_object(name, &c.name)));
    objects.extend(table.policies.iter().map(|p| policy_object(name, &p.name)));
    objects
}

fn enum_object(name: &QualifiedName) -> String {
    format!("type `{name}`")
}

fn table_object(name: &QualifiedName) -> String {
    format!("table `{name}`")
}

fn column_object(table: &QualifiedName, column: &str) -> String {
    format!("column `{table}.{column}`")
}

fn primary_key_object(table: &QualifiedName) -> String {
    format!("primary key of `{table}`")
}

fn unique_object(table: &QualifiedName, name: &str) -> String {
    format!("unique constraint `{name}` on `{table}`")
}

fn foreign_key_object(table: &QualifiedName, name: &str) -> String {
    format!("foreign key `{name}` on `{table}`")
}

fn check_object(table: &QualifiedName, name: &str) -> String {
    format!("check `{name}` on `{table}`")
}

fn policy_object(table: &QualifiedName, name: &str) -> String {
    format!("policy `{name}` on `{table}`")
}

fn index_object(name: &QualifiedName) -> String {
    format!("index `{name}`")
}

fn view_object(name: &QualifiedName) -> String {
    format!("view `{name}`")
}

fn function_object(name: &QualifiedName, arguments: &[String]) -> String {
    format!("function `{name}({})`", arguments.join(", "))
}

fn trigger_object(table: &QualifiedName, name: &str) -> String {
    format!("trigger `{name}` on `{table}`")
}

fn finding(message: String, origin: Option<Span>, help: &str) -> Diagnostic {
    let diagnostic = Diagnostic::error(DRIFT_FROM_MIGRATIONS, message).help(help.to_owned());
    match origin {
        Some(span) => diagnostic.at(span, "the migrations define it here"),
        None => diagnostic,
    }
}

fn facts(schema: &Schema, include: &dyn Fn(&str) -> bool) -> Vec<Fact> {
    let shown = definitions(schema, include, Expr::text);
    let compared = definitions(schema, include, Expr::canonical);
    shown
        .into_iter()
        .zip(compared)
        .map(|((object, definition, origin), (_, comparable, _))| Fact { object, definition, comparable, origin })
        .collect()
}

/// Every object's identity, definition (expressions spelt by `expression`) and origin.
fn definitions(
    schema: &Schema,
    include: &dyn Fn(&str) -> bool,
    expression: fn(&Expr) -> &str,
) -> Vec<(String, String, Option<Span>)> {
    let mut facts = Vec::new();
    let mut push = |object: String, definition: String, origin: Option<Span>| facts.push((object, definition, origin));
    for e in schema.enums.iter().filter(|e| include(&e.name.schema)) {
        push(enum_object(&e.name), e.values.join(", "), e.origin);
    }
    for t in schema.tables.iter().filter(|t| include(&t.name.schema)) {
        let rls = if t.rls_enabled { "row-level security on" } else { "row-level security off" };
        push(table_object(&t.name), rls.to_owned(), t.origin);
        for c in &t.columns {
            let mut definition = c.ty.to_string();
            if !c.nullable {
                definition.push_str(" not null");
            }
            if let Some(default) = &c.default {
                let _ = write!(definition, " default {}", expression(default));
            }
            if let Some(identity) = c.identity {
                definition.push_str(if identity == Identity::Always {
                    " identity always"
                } else {
                    " identity by default"
                });
            }
            push(column_object(&t.name, &c.name), definition, c.origin.or(t.origin));
        }
        if let Some(pk) = &t.primary_key {
            push(primary_key_object(&t.name), pk.columns.join(", "), pk.origin);
        }
        for u in &t.uniques {
            push(unique_object(&t.name, &u.name), u.columns.join(", "), u.origin);
        }
        for f in &t.foreign_keys {
            let definition = format!(
                "({}) references {} ({}) on delete {}",
                f.columns.join(", "),
                f.references,
                f.referenced_columns.join(", "),
                f.on_delete.as_str()
            );
            push(foreign_key_object(&t.name, &f.name), definition, f.origin);
        }
        for c in &t.checks {
            push(check_object(&t.name, &c.name), expression(&c.expression).to_owned(), c.origin);
        }
        for p in &t.policies {
            let definition = format!(
                "for {} to {} using ({}) with check ({})",
                p.command.as_str(),
                p.roles.join(", "),
                p.using.as_ref().map_or("-", expression),
                p.with_check.as_ref().map_or("-", expression)
            );
            push(policy_object(&t.name, &p.name), definition, p.origin);
        }
    }
    for i in schema.indexes.iter().filter(|i| include(&i.name.schema)) {
        push(
            index_object(&i.name),
            format!("{}on {} ({})", if i.unique { "unique " } else { "" }, i.table, i.columns.join(", ")),
            i.origin,
        );
    }
    for v in schema.views.iter().filter(|v| include(&v.name.schema)) {
        let kind = if v.materialized { "materialized view" } else { "view" };
        let columns = v.columns.as_ref().map_or_else(|| "?".to_owned(), |c| c.join(", "));
        push(view_object(&v.name), format!("{kind} ({columns})"), v.origin);
    }
    for f in schema.functions.iter().filter(|f| include(&f.name.schema)) {
        push(function_object(&f.name, &f.arguments), format!("returns {}", f.returns), f.origin);
    }
    for t in schema.triggers.iter().filter(|t| include(&t.table.schema)) {
        push(trigger_object(&t.table, &t.name), format!("executes {}", t.function), t.origin);
    }
    facts
}
