//! The database schema as JSON (`lockstep db inspect --format json`): sorted, stable, with the
//! migration statement that last defined each object where there is one.

use lockstep_diagnostics::{Sources, Span};
use lockstep_sql::schema::{Expr, Identity, QualifiedName, Schema};
use serde_json::{Value, json};

use super::location_json;

pub fn render(schema: &Schema, sources: &Sources, include: &dyn Fn(&str) -> bool) -> String {
    let mut schema = schema.clone();
    schema.sort();
    let origin = |span: Option<Span>| span.map_or(Value::Null, |s| location_json(sources, s));
    let name = |n: &QualifiedName| json!({ "schema": n.schema, "name": n.name });
    let document = json!({
        "version": 1,
        "schemas": schema.schemas.iter().filter(|s| include(s)).collect::<Vec<_>>(),
        "enums": schema.enums.iter().filter(|e| include(&e.name.schema)).map(|e| json!({
            "name": name(&e.name), "values": e.values, "origin": origin(e.origin),
        })).collect::<Vec<_>>(),
        "tables": schema.tables.iter().filter(|t| include(&t.name.schema)).map(|t| json!({
            "name": name(&t.name),
            "columns": t.columns.iter().map(|c| json!({
                "name": c.name,
                "type": c.ty.as_str(),
                "nullable": c.nullable,
                "default": c.default.as_ref().map(Expr::text),
                "identity": c.identity.map(|i| if i == Identity::Always { "always" } else { "by default" }),
                "generated": c.generated.as_ref().map(Expr::text),
                "comment": c.comment,
                "origin": origin(c.origin),
            })).collect::<Vec<_>>(),
            "primary_key": t.primary_key.as_ref().map(|k| json!({ "name": k.name, "columns": k.columns })),
            "uniques": t.uniques.iter().map(|k| json!({ "name": k.name, "columns": k.columns })).collect::<Vec<_>>(),
            "foreign_keys": t.foreign_keys.iter().map(|f| json!({
                "name": f.name,
                "columns": f.columns,
                "references": name(&f.references),
                "referenced_columns": f.referenced_columns,
                "on_delete": f.on_delete.as_str(),
                "on_update": f.on_update.as_str(),
            })).collect::<Vec<_>>(),
            "checks": t.checks.iter().map(|c| json!({ "name": c.name, "expression": c.expression.text() })).collect::<Vec<_>>(),
            "rls_enabled": t.rls_enabled,
            "rls_forced": t.rls_forced,
            "policies": t.policies.iter().map(|p| json!({
                "name": p.name,
                "command": p.command.as_str(),
                "permissive": p.permissive,
                "roles": p.roles,
                "using": p.using.as_ref().map(Expr::text),
                "with_check": p.with_check.as_ref().map(Expr::text),
                "origin": origin(p.origin),
            })).collect::<Vec<_>>(),
            "comment": t.comment,
            "origin": origin(t.origin),
        })).collect::<Vec<_>>(),
        "indexes": schema.indexes.iter().filter(|i| include(&i.name.schema)).map(|i| json!({
            "name": name(&i.name), "table": name(&i.table), "unique": i.unique, "columns": i.columns, "origin": origin(i.origin),
        })).collect::<Vec<_>>(),
        "views": schema.views.iter().filter(|v| include(&v.name.schema)).map(|v| json!({
            "name": name(&v.name), "materialized": v.materialized, "columns": v.columns, "origin": origin(v.origin),
        })).collect::<Vec<_>>(),
        "functions": schema.functions.iter().filter(|f| include(&f.name.schema)).map(|f| json!({
            "name": name(&f.name), "arguments": f.arguments, "returns": f.returns, "origin": origin(f.origin),
        })).collect::<Vec<_>>(),
        "triggers": schema.triggers.iter().filter(|t| include(&t.table.schema)).map(|t| json!({
            "name": t.name, "table": name(&t.table), "function": name(&t.function), "origin": origin(t.origin),
        })).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values always serialize");
    text.push('\n');
    text
}
