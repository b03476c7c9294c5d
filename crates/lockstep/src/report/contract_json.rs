//! The resolved contract as JSON (docs/contract-json.md). Keys are sorted and arrays keep
//! contract order, so the output is byte-for-byte stable across runs.

use lockstep_contract::model::{
    AuthProperty, Contract, Default, Entity, Field, FieldType, ForeignTarget, Literal, Origin, Policy, PolicyExpr,
    Shape, ShapeField,
};
use lockstep_diagnostics::Sources;
use serde_json::{Value, json};

use super::location_json;

pub const CONTRACT_FORMAT_VERSION: u32 = 1;

pub fn render(contract: &Contract, sources: &Sources) -> String {
    let origin = |o: &Origin| json!({ "doc": o.doc, "location": location_json(sources, o.span) });
    let document = json!({
        "version": CONTRACT_FORMAT_VERSION,
        "naming": {
            "db": contract.naming.db.as_str(),
            "api": contract.naming.api.as_str(),
            "table": contract.naming.table.as_str(),
        },
        "enums": contract.enums.iter().map(|e| json!({
            "name": e.name,
            "db_name": e.db_name,
            "values": e.values.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(),
            "origin": origin(&e.origin),
        })).collect::<Vec<_>>(),
        "entities": contract.entities.iter().map(|e| entity(e, &origin)).collect::<Vec<_>>(),
        "types": contract.types.iter().map(|t| json!({
            "name": t.name,
            "shape": shape(&t.shape),
            "origin": origin(&t.origin),
        })).collect::<Vec<_>>(),
        "endpoints": contract.endpoints.iter().map(|e| json!({
            "method": e.method.as_str(),
            "path": e.path,
            "params": e.params.iter().map(|p| json!({ "name": p.name, "shape": shape(&p.shape) })).collect::<Vec<_>>(),
            "auth": e.auth.as_str(),
            "query": fields(&e.query),
            "headers": fields(&e.headers),
            "body": e.body.as_ref().map(shape),
            "responses": e.responses.iter().map(|r| json!({ "status": r.status, "body": r.body.as_ref().map(shape) })).collect::<Vec<_>>(),
            "origin": origin(&e.origin),
        })).collect::<Vec<_>>(),
        "environments": contract.environments.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(),
        "env": contract.env.iter().map(|v| json!({
            "name": v.name,
            "type": v.ty.as_str(),
            "visibility": match v.visibility { lockstep_contract::model::Visibility::Secret => "secret", lockstep_contract::model::Visibility::Public => "public" },
            "required_in": v.required_in,
            "origin": origin(&v.origin),
        })).collect::<Vec<_>>(),
        "webhooks": contract.webhooks.iter().map(|w| json!({
            "method": w.method.as_str(),
            "path": w.path,
            "signature": w.signature.as_ref().map(|s| json!({
                "scheme": s.scheme.as_str(),
                "secret_env": s.secret,
                "header": s.header,
                "tolerance_seconds": s.tolerance_seconds,
            })),
            "idempotency": w.idempotency,
            "body": w.body.as_ref().map(shape),
            "origin": origin(&w.origin),
        })).collect::<Vec<_>>(),
        "buckets": contract.buckets.iter().map(|b| json!({
            "name": b.name,
            "public": b.public,
            "max_size_bytes": b.max_size_bytes,
            "mime_types": b.mime_types,
            "origin": origin(&b.origin),
        })).collect::<Vec<_>>(),
        "functions": contract.functions.iter().map(|f| json!({
            "name": f.name,
            "args": fields(&f.args),
            "returns": f.returns.as_ref().map(shape),
            "origin": origin(&f.origin),
        })).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values always serialize");
    text.push('\n');
    text
}

fn entity(e: &Entity, origin: &dyn Fn(&Origin) -> Value) -> Value {
    json!({
        "name": e.name,
        "schema": e.schema,
        "table": e.table,
        "view": e.view,
        "fields": e.fields.iter().map(|f| field(f, origin)).collect::<Vec<_>>(),
        "primary_key": e.primary_key,
        "uniques": e.uniques,
        "indexes": e.indexes.iter().map(|i| &i.fields).collect::<Vec<_>>(),
        "checks": e.checks,
        "policies": e.policies.iter().map(policy).collect::<Vec<_>>(),
        "origin": origin(&e.origin),
    })
}

fn field(f: &Field, origin: &dyn Fn(&Origin) -> Value) -> Value {
    json!({
        "name": f.name,
        "db_name": f.db_name,
        "api_name": f.api_name,
        "type": field_type(&f.ty),
        "nullable": f.nullable,
        "default": f.default.as_ref().map(default),
        "allowed_values": f.allowed_values,
        "references": f.references.as_ref().map(|r| {
            let target = match &r.target {
                ForeignTarget::Entity(name) => json!({ "entity": name }),
                ForeignTarget::External { schema, table } => json!({ "schema": schema, "table": table }),
            };
            json!({ "target": target, "field": r.field, "on_delete": r.on_delete.as_str() })
        }),
        "origin": origin(&f.origin),
    })
}

fn field_type(ty: &FieldType) -> Value {
    match ty {
        FieldType::Scalar(s) => json!({ "kind": "scalar", "name": s.contract_name(), "sql": s.sql_name() }),
        FieldType::Enum(name) => json!({ "kind": "enum", "name": name }),
        FieldType::Array(inner) => json!({ "kind": "array", "items": field_type(inner) }),
    }
}

fn default(d: &Default) -> Value {
    match d {
        Default::Now => json!({ "kind": "now" }),
        Default::RandomUuid => json!({ "kind": "random_uuid" }),
        Default::AutoIncrement => json!({ "kind": "autoincrement" }),
        Default::Sequence(name) => json!({ "kind": "sequence", "name": name }),
        Default::Literal(l) => json!({ "kind": "literal", "value": literal(l) }),
        Default::EnumValue(v) => json!({ "kind": "enum_value", "value": v }),
        Default::Sql(sql) => json!({ "kind": "sql", "sql": sql }),
    }
}

fn literal(l: &Literal) -> Value {
    match l {
        Literal::String(s) => json!(s),
        Literal::Number(n) => serde_json::from_str::<serde_json::Number>(n).map_or_else(|_| json!(n), Value::Number),
        Literal::Bool(b) => json!(b),
        Literal::Null => Value::Null,
        Literal::List(items) => Value::Array(items.iter().map(literal).collect()),
    }
}

fn policy(p: &Policy) -> Value {
    json!({
        "operation": p.operation.as_str(),
        "roles": p.roles,
        "using": p.using.as_ref().map(expr),
        "check": p.check.as_ref().map(expr),
    })
}

fn expr(e: &PolicyExpr) -> Value {
    match e {
        PolicyExpr::Or(parts) => json!({ "or": parts.iter().map(expr).collect::<Vec<_>>() }),
        PolicyExpr::And(parts) => json!({ "and": parts.iter().map(expr).collect::<Vec<_>>() }),
        PolicyExpr::Not(inner) => json!({ "not": expr(inner) }),
        PolicyExpr::Equals { lhs, rhs, negated } => {
            json!({ if *negated { "ne" } else { "eq" }: [expr(lhs), expr(rhs)] })
        }
        PolicyExpr::In { lhs, list } => json!({ "in": [expr(lhs), list.iter().map(expr).collect::<Vec<_>>()] }),
        PolicyExpr::Field(name) => json!({ "field": name }),
        PolicyExpr::Auth(AuthProperty::Uid) => json!({ "auth": "uid" }),
        PolicyExpr::Auth(AuthProperty::Role) => json!({ "auth": "role" }),
        PolicyExpr::Auth(AuthProperty::Email) => json!({ "auth": "email" }),
        PolicyExpr::Auth(AuthProperty::Claim(claim)) => json!({ "auth_claim": claim }),
        PolicyExpr::Literal(l) => json!({ "literal": literal(l) }),
        PolicyExpr::Sql(sql) => json!({ "sql": sql }),
    }
}

fn fields(list: &[ShapeField]) -> Value {
    Value::Array(
        list.iter()
            .map(|f| json!({ "name": f.name, "optional": f.optional, "shape": shape(&f.shape), "default": f.default.as_ref().map(literal) }))
            .collect(),
    )
}

fn shape(s: &Shape) -> Value {
    match s {
        Shape::Scalar(scalar) => json!({ "kind": "scalar", "name": scalar.contract_name() }),
        Shape::Enum(name) => json!({ "kind": "enum", "name": name }),
        Shape::Entity(name) => json!({ "kind": "entity", "name": name }),
        Shape::Type(name) => json!({ "kind": "type", "name": name }),
        Shape::Select { base, fields } => json!({ "kind": "select", "base": base, "fields": fields }),
        Shape::Object(list) => json!({ "kind": "object", "fields": fields(list) }),
        Shape::Array(inner) => json!({ "kind": "array", "items": shape(inner) }),
        Shape::Nullable(inner) => json!({ "kind": "nullable", "inner": shape(inner) }),
    }
}
