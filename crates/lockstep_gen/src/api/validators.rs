//! `validators.ts` (opt-in): zod 4 schemas for the API's enums, entities, named types and every
//! endpoint's request body and responses, so a client or a handler can check a payload at run
//! time against the same contract the types come from. Each schema is named after its type with
//! `Schema` appended (`OrderSchema`), so it can be imported beside `types.ts`.

use std::fmt::Write as _;

use lockstep_contract::model::{Contract, FieldNames, JsonField, Scalar, Shape, entity_fields, json_fields};

use super::sorted_endpoints;
use crate::collate::sort_by_name;
use crate::ts::{property_key, string_literal};

/// The whole `validators.ts` after `header`.
pub fn validators_ts(contract: &Contract, header: &str) -> String {
    let mut out = format!("{header}\nimport {{ z }} from \"zod\"\n");
    let mut enums: Vec<_> = contract.enums.iter().collect();
    sort_by_name(&mut enums, |e| &e.name);
    for e in enums {
        let values: Vec<String> = e.values.iter().map(|v| string_literal(&v.name)).collect();
        let _ = write!(out, "\nexport const {}Schema = z.enum([{}])\n", e.name, values.join(", "));
    }
    // Entities refer only to enums, declared above; named types may refer to each other in any
    // order, so references to them are lazy.
    let mut entities: Vec<_> = contract.entities.iter().collect();
    sort_by_name(&mut entities, |e| &e.name);
    for entity in entities {
        let object = object(contract, &entity_fields(entity, FieldNames::Api), 0);
        let _ = write!(out, "\nexport const {}Schema = {object}\n", entity.name);
    }
    let mut types: Vec<_> = contract.types.iter().collect();
    sort_by_name(&mut types, |t| &t.name);
    for type_def in types {
        let _ = write!(out, "\nexport const {}Schema = {}\n", type_def.name, schema(contract, &type_def.shape, 0));
    }
    for (endpoint, name) in sorted_endpoints(contract) {
        let _ =
            write!(out, "\n/** `{} {}` */\nexport const {name}Schemas = {{\n", endpoint.method.as_str(), endpoint.path);
        if let Some(body) = &endpoint.body {
            let _ = writeln!(out, "  body: {},", schema(contract, body, 1));
        }
        out.push_str("  responses: {\n");
        let mut responses: Vec<_> = endpoint.responses.iter().collect();
        responses.sort_by_key(|r| r.status);
        for response in responses {
            let body = response.body.as_ref().map_or_else(|| "z.undefined()".to_owned(), |b| schema(contract, b, 2));
            let _ = writeln!(out, "    {}: {body},", response.status);
        }
        out.push_str("  },\n}\n");
    }
    out
}

/// A shape's schema; `depth` is the indentation level it starts at.
fn schema(contract: &Contract, shape: &Shape, depth: usize) -> String {
    match shape {
        Shape::Scalar(scalar) => scalar_schema(*scalar).to_owned(),
        Shape::Enum(name) | Shape::Entity(name) => format!("{name}Schema"),
        Shape::Type(name) => format!("z.lazy(() => {name}Schema)"),
        Shape::Array(inner) => format!("z.array({})", schema(contract, inner, depth)),
        Shape::Nullable(inner) => format!("{}.nullable()", schema(contract, inner, depth)),
        Shape::Select { .. } | Shape::Object(_) => {
            object(contract, &json_fields(contract, shape, FieldNames::Api).unwrap_or_default(), depth)
        }
    }
}

fn object(contract: &Contract, fields: &[JsonField<'_>], depth: usize) -> String {
    if fields.is_empty() {
        return "z.object({})".to_owned();
    }
    let indent = "  ".repeat(depth + 1);
    let mut out = String::from("z.object({\n");
    for field in fields {
        let mut value = schema(contract, &field.shape, depth + 1);
        if field.nullable {
            value.push_str(".nullable()");
        }
        if !field.required {
            value.push_str(".optional()");
        }
        let _ = writeln!(out, "{indent}{}: {value},", property_key(field.name));
    }
    let _ = write!(out, "{}}})", "  ".repeat(depth));
    out
}

/// A scalar as JSON carries it: integers checked as such, JSON as any JSON value, text for the
/// rest.
fn scalar_schema(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::Bool => "z.boolean()",
        Scalar::Json | Scalar::Jsonb => "z.json()",
        s if s.is_integer() => "z.number().int()",
        s if s.is_numeric() => "z.number()",
        _ => "z.string()",
    }
}
