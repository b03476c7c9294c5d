//! `db/drift-from-migrations`: where a live database differs from what its migrations produce,
//! object by object. Someone changed the database by hand, or a migration never ran.

use std::fmt::Write;

use lockstep_diagnostics::{Diagnostic, Span};
use lockstep_schema::{Expr, Identity, Schema};

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
    let live_facts = facts(live, include);
    let replayed_facts = facts(replayed, include);
    let mut findings = Vec::new();
    for fact in &replayed_facts {
        match live_facts.iter().find(|f| f.object == fact.object) {
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
    for fact in &live_facts {
        if !replayed_facts.iter().any(|f| f.object == fact.object) {
            findings.push(finding(
                format!("the live database has {} (`{}`) that no migration creates", fact.object, fact.definition),
                None,
                "capture it in a migration so every environment has it, or drop it from the database",
            ));
        }
    }
    findings
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
        push(format!("type `{}`", e.name), e.values.join(", "), e.origin);
    }
    for t in schema.tables.iter().filter(|t| include(&t.name.schema)) {
        let rls = if t.rls_enabled { "row-level security on" } else { "row-level security off" };
        push(format!("table `{}`", t.name), rls.to_owned(), t.origin);
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
            push(format!("column `{}.{}`", t.name, c.name), definition, c.origin.or(t.origin));
        }
        if let Some(pk) = &t.primary_key {
            push(format!("primary key of `{}`", t.name), pk.columns.join(", "), pk.origin);
        }
        for u in &t.uniques {
            push(format!("unique constraint `{}` on `{}`", u.name, t.name), u.columns.join(", "), u.origin);
        }
        for f in &t.foreign_keys {
            let definition = format!(
                "({}) references {} ({}) on delete {}",
                f.columns.join(", "),
                f.references,
                f.referenced_columns.join(", "),
                f.on_delete.as_str()
            );
            push(format!("foreign key `{}` on `{}`", f.name, t.name), definition, f.origin);
        }
        for c in &t.checks {
            push(format!("check `{}` on `{}`", c.name, t.name), expression(&c.expression).to_owned(), c.origin);
        }
        for p in &t.policies {
            let definition = format!(
                "for {} to {} using ({}) with check ({})",
                p.command.as_str(),
                p.roles.join(", "),
                p.using.as_ref().map_or("-", expression),
                p.with_check.as_ref().map_or("-", expression)
            );
            push(format!("policy `{}` on `{}`", p.name, t.name), definition, p.origin);
        }
    }
    for i in schema.indexes.iter().filter(|i| include(&i.name.schema)) {
        push(
            format!("index `{}`", i.name),
            format!("{}on {} ({})", if i.unique { "unique " } else { "" }, i.table, i.columns.join(", ")),
            i.origin,
        );
    }
    for v in schema.views.iter().filter(|v| include(&v.name.schema)) {
        let kind = if v.materialized { "materialized view" } else { "view" };
        let columns = v.columns.as_ref().map_or_else(|| "?".to_owned(), |c| c.join(", "));
        push(format!("view `{}`", v.name), format!("{kind} ({columns})"), v.origin);
    }
    for f in schema.functions.iter().filter(|f| include(&f.name.schema)) {
        push(format!("function `{}({})`", f.name, f.arguments.join(", ")), format!("returns {}", f.returns), f.origin);
    }
    for t in schema.triggers.iter().filter(|t| include(&t.table.schema)) {
        push(format!("trigger `{}` on `{}`", t.name, t.table), format!("executes {}", t.function), t.origin);
    }
    facts
}
