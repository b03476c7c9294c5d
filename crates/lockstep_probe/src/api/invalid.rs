//! The invalid variants of a valid request: a required key missing or in the other casing, a
//! value of the wrong type, an enum value the enum lacks, a path key that is no key.

use std::collections::HashMap;

use lockstep_contract::model::{Contract, Endpoint, FieldNames, Scalar, Shape, json_fields};
use serde_json::{Map, Value, json};

use super::request::request;
use crate::Target;
use crate::http::Request;
use crate::values::{other_casing, unique_token, wrong_type};

/// The invalid variants of the valid request, named for the report.
pub(super) fn invalid_requests(
    contract: &Contract,
    target: &Target,
    endpoint: &Endpoint,
    params: &HashMap<String, String>,
    query: &[(String, String)],
    body: Option<&Value>,
    authenticated: bool,
) -> Vec<(String, Request)> {
    let mut out = Vec::new();
    let make = |params: &HashMap<String, String>, query: &[(String, String)], body: Option<&Value>| {
        request(target, endpoint, params, query, body, authenticated)
    };
    if let (Some(shape), Some(Value::Object(valid))) = (&endpoint.body, body)
        && let Some(fields) = json_fields(contract, shape, FieldNames::Api)
    {
        for field in &fields {
            let mut changed = valid.clone();
            if field.required {
                changed.remove(field.name);
                out.push((
                    format!("body without required `{}`", field.name),
                    make(params, query, Some(&Value::Object(changed))),
                ));
                if let Some(other) = other_casing(field.name) {
                    let mut renamed: Map<String, Value> = valid.clone();
                    if let Some(v) = renamed.remove(field.name) {
                        renamed.insert(other.clone(), v);
                    }
                    out.push((
                        format!("body with `{}` written `{other}`", field.name),
                        make(params, query, Some(&Value::Object(renamed))),
                    ));
                }
            }
            let mut changed = valid.clone();
            changed.insert(field.name.to_owned(), wrong_type(&field.shape));
            out.push((
                format!("body with `{}` of the wrong type", field.name),
                make(params, query, Some(&Value::Object(changed))),
            ));
            if let Some(name) = enum_of(&field.shape) {
                let mut changed = valid.clone();
                changed.insert(field.name.to_owned(), json!(unknown_enum_value()));
                out.push((
                    format!("body with `{}` not a {name} value", field.name),
                    make(params, query, Some(&Value::Object(changed))),
                ));
            }
        }
    }
    for field in &endpoint.query {
        let bad = if let Some(name) = enum_of(&field.shape) {
            Some((format!("query `{}` not a {name} value", field.name), unknown_enum_value()))
        } else if matches!(strip(&field.shape), Shape::Scalar(Scalar::SmallInt | Scalar::Int | Scalar::BigInt)) {
            Some((format!("query `{}` not an integer", field.name), "not-a-number".to_owned()))
        } else {
            None
        };
        if let Some((name, value)) = bad {
            let mut query: Vec<(String, String)> = query.iter().filter(|(k, _)| *k != field.name).cloned().collect();
            query.push((field.name.clone(), value));
            out.push((name, make(params, &query, body)));
        }
    }
    for param in endpoint
        .params
        .iter()
        .filter(|p| matches!(p.shape, Shape::Scalar(Scalar::Uuid | Scalar::Int | Scalar::BigInt | Scalar::SmallInt)))
    {
        let mut params = params.clone();
        params.insert(param.name.clone(), "not-a-valid-key".to_owned());
        out.push((format!("path `{}` of the wrong type", param.name), make(&params, query, body)));
    }
    out
}

/// A string no contract enum plausibly has.
fn unknown_enum_value() -> String {
    unique_token("lockstep_unknown_")
}

fn strip(shape: &Shape) -> &Shape {
    match shape {
        Shape::Nullable(inner) => strip(inner),
        other => other,
    }
}

pub(super) fn enum_of(shape: &Shape) -> Option<&str> {
    match strip(shape) {
        Shape::Enum(name) => Some(name),
        _ => None,
    }
}
