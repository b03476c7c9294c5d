//! `types.ts` and `client.ts`: the API side of the contract in TypeScript, under the API naming
//! (what the app's route handlers send and take, not the column names). `types.ts` holds the
//! enums (a string union and an `as const` array each), the entities and named types, and per
//! endpoint its path parameters, query, body and responses by status; `client.ts` a typed
//! `fetch` client over them.

mod client;
mod names;
mod validators;

pub use client::client_ts;
pub use validators::validators_ts;

use lockstep_contract::model::{
    Contract, Endpoint, FieldNames, JsonField, Scalar, Shape, ShapeField, entity_fields, json_fields,
};

use crate::collate::sort_by_name;
use crate::doc::{Doc, concat, print, text};
use crate::ts::{Member, Ty, doc, string_literal};
use names::operation_name;

/// The whole `types.ts` after `header`.
pub fn types_ts(contract: &Contract, header: &str) -> String {
    let mut blocks: Vec<String> = vec![
        "export type Json =\n  | string\n  | number\n  | boolean\n  | null\n  | { [key: string]: Json | undefined }\n  | Json[]"
            .to_owned(),
    ];
    let mut enums: Vec<_> = contract.enums.iter().collect();
    sort_by_name(&mut enums, |e| &e.name);
    for e in enums {
        let values: Vec<Ty> = e.values.iter().map(|v| Ty::Str(v.name.clone())).collect();
        let union = if values.len() == 1 { values[0].clone() } else { Ty::Union(values) };
        blocks.push(alias(&e.name, &union));
        let items: Vec<Doc> = e.values.iter().map(|v| text(string_literal(&v.name))).collect();
        let array = crate::database::array(items);
        blocks.push(print(&concat(vec![text(format!("export const {}Values = ", e.name)), array, text(" as const")])));
    }
    let mut entities: Vec<_> = contract.entities.iter().collect();
    sort_by_name(&mut entities, |e| &e.name);
    for entity in entities {
        let members = object_members(contract, &entity_fields(entity, FieldNames::Api));
        blocks.push(alias(&entity.name, &Ty::object(members, true)));
    }
    let mut types: Vec<_> = contract.types.iter().collect();
    sort_by_name(&mut types, |t| &t.name);
    for type_def in types {
        blocks.push(alias(&type_def.name, &shape_ty(contract, &type_def.shape, true)));
    }
    for (endpoint, name) in sorted_endpoints(contract) {
        blocks.push(alias(&name, &endpoint_ty(contract, endpoint)));
    }
    format!("{header}\n{}\n", blocks.join("\n\n"))
}

/// Endpoints by path, then method (the order of the files, whatever the contract's order), each
/// with its TypeScript name; a name two endpoints would share gets a number (`GetApiOrders2`).
pub fn sorted_endpoints(contract: &Contract) -> Vec<(&Endpoint, String)> {
    let mut endpoints: Vec<&Endpoint> = contract.endpoints.iter().collect();
    endpoints.sort_by(|a, b| a.path.cmp(&b.path).then(a.method.cmp(&b.method)));
    let mut taken = std::collections::BTreeSet::new();
    endpoints
        .into_iter()
        .map(|endpoint| {
            let base = operation_name(endpoint);
            let mut name = base.clone();
            let mut n = 1;
            while !taken.insert(name.clone()) {
                n += 1;
                name = format!("{base}{n}");
            }
            (endpoint, name)
        })
        .collect()
}

/// `export type Name = ...`.
fn alias(name: &str, ty: &Ty) -> String {
    print(&concat(vec![text(format!("export type {name} = ")), doc(ty)]))
}

/// An endpoint as one object type: `params`, `query`, `headers`, `body` when it has them, and
/// `responses` by status (`undefined` for a response without a body).
fn endpoint_ty(contract: &Contract, endpoint: &Endpoint) -> Ty {
    let mut members = Vec::new();
    if !endpoint.params.is_empty() {
        let params =
            endpoint.params.iter().map(|p| Member::new(p.name.clone(), shape_ty(contract, &p.shape, false))).collect();
        members.push(Member::new("params", Ty::object(params, false)));
    }
    for (key, fields) in [("query", &endpoint.query), ("headers", &endpoint.headers)] {
        if !fields.is_empty() {
            members.push(Member::new(key, Ty::object(parameter_members(contract, fields), false)));
        }
    }
    if let Some(body) = &endpoint.body {
        members.push(Member::new("body", shape_ty(contract, body, false)));
    }
    let mut responses: Vec<_> = endpoint.responses.iter().collect();
    responses.sort_by_key(|r| r.status);
    let responses = responses
        .iter()
        .map(|r| {
            let ty = r.body.as_ref().map_or_else(|| Ty::raw("undefined"), |b| shape_ty(contract, b, false));
            Member::numbered(r.status, ty)
        })
        .collect();
    members.push(Member::new("responses", Ty::object(responses, true)));
    Ty::object(members, true)
}

/// Query parameters and headers: a URL or a header cannot carry `null`, so one that may be
/// missing, `null` or has a default is an optional key.
fn parameter_members(contract: &Contract, fields: &[ShapeField]) -> Vec<Member> {
    fields
        .iter()
        .map(|f| {
            let (nullable, shape) = match &f.shape {
                Shape::Nullable(inner) => (true, inner.as_ref()),
                other => (false, other),
            };
            let ty = shape_ty(contract, shape, false);
            Member { key: f.name.clone(), optional: f.optional || nullable || f.default.is_some(), ty, numeric: false }
        })
        .collect()
}

/// Whether the caller must pass this query or these headers.
pub fn parameters_required(fields: &[ShapeField]) -> bool {
    fields.iter().any(|f| !f.optional && f.default.is_none() && !matches!(f.shape, Shape::Nullable(_)))
}

/// The members of an object: required keys plain, optional ones `?`, nullable ones `| null`.
fn object_members(contract: &Contract, fields: &[JsonField<'_>]) -> Vec<Member> {
    fields
        .iter()
        .map(|f| {
            let ty = shape_ty(contract, &f.shape, false);
            let ty = if f.nullable { Ty::nullable(ty) } else { ty };
            Member { key: f.name.to_owned(), optional: !f.required, ty, numeric: false }
        })
        .collect()
}

/// A JSON shape as TypeScript: named enums, entities and types by name, objects inline
/// (`expanded`: one member per line).
pub fn shape_ty(contract: &Contract, shape: &Shape, expanded: bool) -> Ty {
    match shape {
        Shape::Scalar(scalar) => Ty::raw(scalar_ty(*scalar)),
        Shape::Enum(name) | Shape::Entity(name) | Shape::Type(name) => Ty::raw(name.clone()),
        Shape::Array(inner) => Ty::Array(Box::new(shape_ty(contract, inner, false))),
        Shape::Nullable(inner) => Ty::nullable(shape_ty(contract, inner, false)),
        Shape::Select { .. } | Shape::Object(_) => {
            let fields = json_fields(contract, shape, FieldNames::Api).unwrap_or_default();
            Ty::object(object_members(contract, &fields), expanded)
        }
    }
}

/// A scalar as JSON carries it: numbers, booleans, `Json` for JSON, strings for the rest (dates,
/// times, ids, addresses and bytes travel as text).
fn scalar_ty(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::Bool => "boolean",
        Scalar::Json | Scalar::Jsonb => "Json",
        s if s.is_numeric() => "number",
        _ => "string",
    }
}
