//! What a request carries: path keys (from a created resource when the contract links one),
//! query parameters, and the URL they make.

use std::collections::HashMap;

use lockstep_contract::model::{Contract, Endpoint, Method, Shape, ShapeField};
use serde_json::Value;

use crate::Target;
use crate::http::{HttpError, Request, encode};
use crate::values::sample;

/// A value for every path parameter: the key of a resource created through the POST on the
/// parent collection when the contract has one (so reads and deletes hit something real),
/// otherwise a sample of the parameter's type.
pub(super) fn path_values(
    contract: &Contract,
    target: &Target,
    endpoint: &Endpoint,
) -> Result<HashMap<String, String>, HttpError> {
    let mut values = HashMap::new();
    for param in &endpoint.params {
        let placeholder = format!("/{{{}}}", param.name);
        let parent = endpoint.path.split_once(&placeholder).map(|(head, _)| head);
        let create = parent.and_then(|parent| {
            contract.endpoints.iter().find(|e| e.method == Method::Post && e.path == parent && e.params.is_empty())
        });
        let mut value = None;
        if let Some(create) = create {
            let body = create.body.as_ref().map(|shape| sample(contract, shape));
            let post =
                request(target, create, &HashMap::new(), &required_query(contract, &create.query), body.as_ref(), true);
            match target.client.send(&post, target.credentials) {
                Ok(answer) if (200..300).contains(&answer.status) => {
                    let created: Option<Value> = serde_json::from_slice(&answer.body).ok();
                    value = created.as_ref().and_then(|c| c.get(&param.name).or_else(|| c.get("id"))).map(value_text);
                }
                Err(HttpError::Connect(reason)) => return Err(HttpError::Connect(reason)),
                _ => {}
            }
        }
        let value = value.unwrap_or_else(|| value_text(&sample(contract, &param.shape)));
        values.insert(param.name.clone(), value);
    }
    Ok(values)
}

pub(super) fn required_query(contract: &Contract, query: &[ShapeField]) -> Vec<(String, String)> {
    query.iter().filter(|f| required(f)).map(|f| (f.name.clone(), value_text(&sample(contract, &f.shape)))).collect()
}

/// A query parameter the request must carry: a query string has no `null`, so a nullable
/// parameter is one that may be left out, like an optional one or one with a default.
pub(super) fn required(field: &ShapeField) -> bool {
    !field.optional && field.default.is_none() && !matches!(field.shape, Shape::Nullable(_))
}

/// A JSON value as a path or query value: strings without quotes.
pub(super) fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

pub(super) fn request(
    target: &Target,
    endpoint: &Endpoint,
    params: &HashMap<String, String>,
    query: &[(String, String)],
    body: Option<&Value>,
    authenticated: bool,
) -> Request {
    let mut path = endpoint.path.clone();
    for (name, value) in params {
        path = path.replace(&format!("{{{name}}}"), &encode(value));
    }
    let mut url = format!("{}{path}", target.base_url);
    for (i, (name, value)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&encode(name));
        url.push('=');
        url.push_str(&encode(value));
    }
    Request {
        method: endpoint.method.as_str(),
        url,
        headers: Vec::new(),
        authenticated,
        body: body.map(|b| serde_json::to_vec(b).unwrap_or_default()),
    }
}
