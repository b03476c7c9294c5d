//! Endpoints from the route handlers: method, path, the statuses each handler answers with, and
//! bodies as loose as the code makes them (`{ data: json, nextCursor: json }` for a literal,
//! `json[]` for rows, `json` where the code does not say); handlers that verify a signature are
//! webhooks.

use std::collections::BTreeMap;
use std::fmt::Write;

use lockstep_ts::routes::{ANY_METHOD, BodyShape, Framework, RouteHandler, RowsFrom};

use lockstep_contract::format::name_or_string;

/// `env_reads_of` gives the env variables a handler's file reads (for webhook secrets).
pub fn endpoints(
    handlers: &[RouteHandler],
    env_reads_of: &dyn Fn(&RouteHandler) -> Vec<String>,
    notes: &mut Vec<String>,
) -> String {
    let mut out = String::from(
        "// The API, derived by `lockstep init` from the route handlers. Bodies are `json` where the\n// code does not say more: tighten them into types as you go.\n\n",
    );
    let empty = out.len();
    let mut seen: Vec<(String, String)> = Vec::new();
    for handler in handlers {
        let method = if handler.method.name == ANY_METHOD {
            // A handler for every method: the contract names one. POST when the handler reads a
            // body or is an Edge Function (`functions.invoke` sends POST), else GET.
            let reason = if handler.framework == Framework::EdgeFunction {
                Some("Edge Functions are invoked with POST")
            } else if !handler.body_fields.is_empty() || handler.verifies_signature {
                Some("it reads a request body")
            } else {
                None
            };
            let method = if reason.is_some() { "POST" } else { "GET" };
            if handlers.iter().any(|h| h.path == handler.path && h.method.name == method) {
                continue;
            }
            notes.push(format!(
                "`{}` answers every method; it is declared as {method}{}",
                handler.path,
                reason.map_or(String::new(), |r| format!(" ({r})"))
            ));
            method.to_owned()
        } else if handler.method.name == "OPTIONS" {
            continue;
        } else {
            handler.method.name.clone()
        };
        let key = (method.clone(), path_key(&handler.path));
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let path = contract_path(&handler.path);
        if let Some(webhook) = crate::webhook::webhook(handler, &method, &path, &env_reads_of(handler), notes) {
            let _ = writeln!(out, "{webhook}");
            continue;
        }
        let mut body = String::new();
        if !handler.body_fields.is_empty() {
            let mut fields: Vec<String> = Vec::new();
            for field in &handler.body_fields {
                let field = format!("{}: json", name_or_string(&field.name));
                if !fields.contains(&field) {
                    fields.push(field);
                }
            }
            let _ = writeln!(body, "  body {{ {} }}", fields.join(", "));
        }
        let mut bodies: BTreeMap<u16, Vec<&BodyShape>> = BTreeMap::new();
        if handler.body_known {
            for response in &handler.responses {
                bodies.entry(response.status).or_default().push(&response.body);
            }
        }
        let statuses: BTreeMap<u16, Option<String>> =
            bodies.into_iter().map(|(status, variants)| (status, merged(&variants))).collect();
        for (status, shape) in &statuses {
            match shape {
                Some(shape) if !matches!(status, 204 | 205 | 304) => {
                    let _ = writeln!(body, "  {status} {shape}");
                }
                _ => {
                    let _ = writeln!(body, "  {status}");
                }
            }
        }
        if statuses.is_empty() {
            body.push_str("  200 json\n");
        }
        let _ = writeln!(out, "endpoint {method} {path} {{\n{body}}}\n");
    }
    if out.len() == empty {
        out.clear();
    }
    out
}

/// One status's bodies as one shape. Objects make a union: a key every variant sends is
/// required, one that only some send is optional (`{ data: json, error?: json }`), so a client
/// may read any key some variant has and no other. Other mixes are `json`.
fn merged(variants: &[&BodyShape]) -> Option<String> {
    let objects: Vec<&Vec<lockstep_ts::facts::Named>> = variants
        .iter()
        .filter_map(|body| match body {
            BodyShape::Object(keys) if !keys.is_empty() => Some(keys),
            _ => None,
        })
        .collect();
    if variants.len() > 1 && objects.len() == variants.len() {
        let mut fields: Vec<String> = Vec::new();
        let mut names: Vec<&str> = Vec::new();
        for key in objects.iter().flat_map(|keys| keys.iter()) {
            if names.contains(&key.name.as_str()) {
                continue;
            }
            names.push(&key.name);
            let everywhere = objects.iter().all(|keys| keys.iter().any(|k| k.name == key.name));
            fields.push(format!("{}{}: json", name_or_string(&key.name), if everywhere { "" } else { "?" }));
        }
        return Some(format!("{{ {} }}", fields.join(", ")));
    }
    let first = shape(variants.first()?);
    if variants.iter().all(|body| shape(body) == first) { first } else { Some("json".to_owned()) }
}

fn shape(body: &BodyShape) -> Option<String> {
    match body {
        BodyShape::Empty => None,
        BodyShape::Object(keys) if keys.is_empty() => Some("json".to_owned()),
        BodyShape::Object(keys) => {
            let mut fields: Vec<String> = Vec::new();
            for key in keys {
                let field = format!("{}: json", name_or_string(&key.name));
                if !fields.contains(&field) {
                    fields.push(field);
                }
            }
            Some(format!("{{ {} }}", fields.join(", ")))
        }
        // An rpc's data is whatever the function returns: a list, a row or a scalar.
        BodyShape::Rows { from: RowsFrom::Function(_), .. }
        | BodyShape::Rows { single: true, .. }
        | BodyShape::Unknown => Some("json".to_owned()),
        BodyShape::Array | BodyShape::Rows { single: false, .. } => Some("json[]".to_owned()),
    }
}

/// `{id}` → `{id: text}`; other segments as they are.
fn contract_path(path: &str) -> String {
    path.split('/')
        .map(|segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => format!("{{{name}: text}}"),
            None => segment.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn path_key(path: &str) -> String {
    path.split('/').map(|s| if s.starts_with('{') { "{}" } else { s }).collect::<Vec<_>>().join("/")
}
