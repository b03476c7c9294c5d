//! Contract ↔ API: the route handlers the app serves (any framework) against the contract's
//! endpoints: which exist, the statuses and bodies they respond with, the request fields they
//! read, and webhooks' signatures and idempotency. Runs only when the app has route handlers.

use lockstep_contract::model::{Contract, Endpoint, FieldNames, Shape, json_fields, split_words};
use lockstep_diagnostics::{ContractPath, Diagnostic, did_you_mean};
use lockstep_ts::routes::{ANY_METHOD, BodyShape, HandlerResponse, RouteHandler, RowsFrom};

use crate::shape::{Node, shape_node};

pub const MISSING_HANDLER: &str = "api/missing-handler";
pub const UNDECLARED_ROUTE: &str = "api/undeclared-route";
pub const UNDECLARED_STATUS: &str = "api/undeclared-status";
pub const MISSING_STATUS: &str = "api/missing-status";
pub const WEBHOOK_UNVERIFIED: &str = "webhook/unverified";
pub const WEBHOOK_NO_IDEMPOTENCY: &str = "webhook/no-idempotency";
pub const RESPONSE_SHAPE: &str = "api/response-shape";
pub const REQUEST_FIELD: &str = "api/request-field";

/// The handler serving `method` at `path`: one for that method, else one serving any method.
fn handler_for<'h>(handlers: &'h [RouteHandler], method: &str, path: &str) -> Option<&'h RouteHandler> {
    let at_path = || handlers.iter().filter(|h| same_path(&h.path, path));
    at_path().find(|h| h.method.name == method).or_else(|| at_path().find(|h| h.method.name == ANY_METHOD))
}

/// `unparsed_routes` are the paths of route files that do not parse (reported at the file): their
/// endpoints are not reported as missing a handler.
pub fn check_routes(contract: &Contract, handlers: &[RouteHandler], unparsed_routes: &[String]) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    if handlers.is_empty() {
        return findings;
    }
    let served = |endpoint: &Endpoint| handler_for(handlers, endpoint.method.as_str(), &endpoint.path);
    for endpoint in &contract.endpoints {
        if unparsed_routes.iter().any(|route| same_path(route, &endpoint.path)) {
            continue;
        }
        match served(endpoint) {
            None => findings.push(
                Diagnostic::error(MISSING_HANDLER, format!("no route handler serves `{}`", endpoint.label()))
                    .at(endpoint.origin.span, "declared here")
                    .contract(endpoint.element(None))
                    .help(format!(
                        "serve it (Next.js: export `{}` from `app{}/route.ts`), or remove the endpoint from the contract",
                        endpoint.method.as_str(),
                        endpoint.path
                    )),
            ),
            Some(handler) if handler.body_known => {
                statuses(endpoint, handler, &mut findings);
                bodies(contract, endpoint, handler, &mut findings);
                request_fields(contract, endpoint, handler, &mut findings);
            }
            Some(_) => {}
        }
    }
    webhooks(contract, handlers, unparsed_routes, &mut findings);
    for handler in handlers {
        let method = handler.method.name.as_str();
        let matches = |other_method: &str, other_path: &str| {
            same_path(&handler.path, other_path) && (method == ANY_METHOD || method == other_method)
        };
        let declared = contract.endpoints.iter().any(|e| matches(e.method.as_str(), &e.path))
            || contract.webhooks.iter().any(|w| matches(w.method.as_str(), &w.path));
        // CORS preflight answers are plumbing, not API.
        if declared || method == "OPTIONS" {
            continue;
        }
        {
            let route = handler;
            let paths: Vec<&str> = contract.endpoints.iter().map(|e| e.path.as_str()).collect();
            let shown = if method == ANY_METHOD { route.path.clone() } else { format!("{method} {}", route.path) };
            let declare = if method == ANY_METHOD { "GET" } else { method };
            findings.push(
                Diagnostic::warning(UNDECLARED_ROUTE, format!("`{shown}` is not in the contract"))
                    .at(handler.method.span, format!("this {} handler", handler.framework.describe()))
                    .help(did_you_mean(&route.path, paths).map_or_else(
                        || format!("declare it: `endpoint {declare} {} {{ ... }}`", route.path),
                        |s| format!("the contract has `{s}`: did the route move?"),
                    )),
            );
        }
    }
    findings
}

/// `api/response-shape`: a body the handler builds against the body the contract declares for
/// that status: envelope or bare array, and top-level keys (with their casing).
fn bodies(contract: &Contract, endpoint: &Endpoint, handler: &RouteHandler, findings: &mut Vec<Diagnostic>) {
    for response in &handler.responses {
        let Some(declared) = endpoint.response(response.status).and_then(|r| r.body.as_ref()) else { continue };
        let node = shape_node(contract, declared, FieldNames::Api);
        let Some(body) = sent_rows(contract, &response.body) else { continue };
        let label = format!("`{}` {} body", endpoint.label(), response.status);
        let problem = |message: String, at: lockstep_diagnostics::Span, note: &str, help: String| {
            Diagnostic::error(RESPONSE_SHAPE, message)
                .at(at, note.to_owned())
                .related(endpoint.origin.span, "the endpoint")
                .contract(endpoint.element(Some(response.status)))
                .help(help)
        };
        match (&body, &node) {
            (BodyShape::Object(keys), Node::Object(fields)) => {
                for key in keys {
                    if fields.iter().any(|(name, _)| *name == key.name) {
                        continue;
                    }
                    let names = fields.iter().map(|(n, _)| n.as_str());
                    let help = match fields.iter().find(|(n, _)| split_words(n) == split_words(&key.name)) {
                        Some((other, _)) => format!(
                            "the contract spells it `{other}`: clients read `{other}`, so rename the key (or change the contract first)"
                        ),
                        None => did_you_mean(&key.name, names).map_or_else(
                            || {
                                format!(
                                    "declare `{}` in the contract's {} body, or stop sending it",
                                    key.name, response.status
                                )
                            },
                            |s| format!("did you mean `{s}`?"),
                        ),
                    };
                    findings.push(problem(
                        format!("{label} has no key `{}`", key.name),
                        key.span,
                        "not in the contract",
                        help,
                    ));
                }
                let missing: Vec<String> = required_keys(contract, declared)
                    .into_iter()
                    .filter(|name| !keys.iter().any(|k| k.name == *name))
                    .filter(|name| !keys.iter().any(|k| split_words(&k.name) == split_words(name)))
                    .collect();
                if !missing.is_empty() {
                    let list = missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
                    findings.push(problem(
                        format!("the handler's {} body leaves out {list}", response.status),
                        response.span,
                        "this response",
                        format!("{label} requires {list}"),
                    ));
                }
            }
            (BodyShape::Object(_), Node::Array(_)) => findings.push(problem(
                format!("the handler answers {} with an object; {label} is an array", response.status),
                response.span,
                "an object",
                "send the list itself, or change the contract to an envelope".to_owned(),
            )),
            (BodyShape::Array | BodyShape::Rows { single: false, .. }, Node::Object(fields)) => {
                let keys: Vec<String> = fields.iter().map(|(n, _)| format!("`{n}`")).collect();
                let list = fields.iter().find(|(_, n)| matches!(n, Node::Array(_))).map(|(n, _)| n.clone());
                findings.push(problem(
                    format!(
                        "the handler answers {} with a bare array; {label} is an object with {}",
                        response.status,
                        keys.join(", ")
                    ),
                    response.span,
                    "a bare array",
                    list.map_or_else(
                        || "send the object the contract declares".to_owned(),
                        |key| format!("wrap it: `{{ {key}: rows }}`; callers read `.{key}`"),
                    ),
                ));
            }
            (BodyShape::Rows { single: true, .. }, Node::Array(_)) => findings.push(problem(
                format!("the handler answers {} with one row; {label} is a list", response.status),
                response.span,
                "one row (`.single()`)",
                "drop `.single()`, or change the contract to one item".to_owned(),
            )),
            (BodyShape::Rows { single: true, from }, Node::Object(_)) => {
                if let Some((list, key)) = envelope_missed(contract, declared, from) {
                    findings.push(problem(
                        format!(
                            "the handler answers {} with one row; {label} is an object with {list}",
                            response.status
                        ),
                        response.span,
                        "one row",
                        format!("wrap it: `{{ {key}: row }}`; callers read `.{key}`"),
                    ));
                }
            }
            _ => {}
        }
    }
}

/// One row where the contract has an envelope: the row carries none of the keys the contract
/// requires (compared by words, so casing is not the difference). The required keys, listed,
/// and the first of them.
fn envelope_missed(contract: &Contract, declared: &Shape, from: &RowsFrom) -> Option<(String, String)> {
    let columns = row_keys(contract, from)?;
    let required = required_keys(contract, declared);
    let carried = |key: &String| columns.iter().any(|c| split_words(c) == split_words(key));
    if required.is_empty() || required.iter().any(carried) {
        return None;
    }
    let list = required.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
    Some((list, required[0].clone()))
}

/// A handler's body with an rpc's rows resolved through the function's declared result: a list
/// when it returns one, a row when it returns an object; `None` when the result is not known
/// (not declared, a scalar, `json`), so nothing is judged.
fn sent_rows(contract: &Contract, body: &BodyShape) -> Option<BodyShape> {
    let BodyShape::Rows { single, from: RowsFrom::Function(name) } = body else { return Some(body.clone()) };
    let returns = contract.function(name)?.returns.as_ref()?;
    let single = match shape_node(contract, returns, FieldNames::Database) {
        Node::Array(_) => *single,
        Node::Object(_) => true,
        _ => return None,
    };
    Some(BodyShape::Rows { single, from: RowsFrom::Unknown })
}

/// The keys one row of a table carries: the select's output names, or every column.
fn row_keys(contract: &Contract, from: &RowsFrom) -> Option<Vec<String>> {
    let RowsFrom::Table { name, columns } = from else { return None };
    if let Some(columns) = columns {
        return Some(columns.clone());
    }
    let entity = contract.entities.iter().find(|e| e.table == *name)?;
    Some(entity.fields.iter().map(|f| f.db_name.clone()).collect())
}

/// The keys an object shape requires (not `name?:`; every field of an entity, picked or not);
/// empty for anything else.
fn required_keys(contract: &Contract, shape: &Shape) -> Vec<String> {
    let fields = json_fields(contract, shape, FieldNames::Api).unwrap_or_default();
    fields.into_iter().filter(|f| f.required).map(|f| f.name.to_owned()).collect()
}

/// `api/request-field`: the handler reads a request-body field the contract does not declare.
fn request_fields(contract: &Contract, endpoint: &Endpoint, handler: &RouteHandler, findings: &mut Vec<Diagnostic>) {
    let mut seen: Vec<&str> = Vec::new();
    let declared = endpoint.body.as_ref().map(|b| shape_node(contract, b, FieldNames::Api));
    for field in &handler.body_fields {
        if seen.contains(&field.name.as_str()) {
            continue;
        }
        seen.push(&field.name);
        let finding = match &declared {
            None => Diagnostic::error(
                REQUEST_FIELD,
                format!(
                    "the handler reads `{}` from the request body; `{}` declares no body",
                    field.name,
                    endpoint.label()
                ),
            )
            .at(field.span, "not in the contract")
            .help(format!("declare the body: `body {{ {}: ... }}`", field.name)),
            Some(Node::Object(fields)) => {
                if fields.iter().any(|(n, _)| *n == field.name) {
                    continue;
                }
                let help = match fields.iter().find(|(n, _)| split_words(n) == split_words(&field.name)) {
                    Some((other, _)) => format!(
                        "the contract spells it `{other}`: clients send `{other}`, the handler reads `{}`",
                        field.name
                    ),
                    None => did_you_mean(&field.name, fields.iter().map(|(n, _)| n.as_str())).map_or_else(
                        || format!("declare `{}` in the body, or stop reading it", field.name),
                        |s| format!("did you mean `{s}`?"),
                    ),
                };
                Diagnostic::error(
                    REQUEST_FIELD,
                    format!(
                        "the handler reads `{}` from the request body; `{}` does not declare it",
                        field.name,
                        endpoint.label()
                    ),
                )
                .at(field.span, "not in the contract's body")
                .help(help)
            }
            Some(_) => continue,
        };
        findings.push(finding.related(endpoint.origin.span, "the endpoint").contract(endpoint.element(None)));
    }
}

/// Webhooks: a handler must exist, verify the signature the contract names, and use the
/// idempotency key.
fn webhooks(
    contract: &Contract,
    handlers: &[RouteHandler],
    unparsed_routes: &[String],
    findings: &mut Vec<Diagnostic>,
) {
    for webhook in &contract.webhooks {
        if unparsed_routes.iter().any(|route| same_path(route, &webhook.path)) {
            continue;
        }
        let element = ContractPath::Webhook { method: webhook.method.as_str().to_owned(), path: webhook.path.clone() };
        let handler = handler_for(handlers, webhook.method.as_str(), &webhook.path);
        let Some(handler) = handler else {
            findings.push(
                Diagnostic::error(MISSING_HANDLER, format!("no route handler serves `{element}`"))
                    .at(webhook.origin.span, "declared here")
                    .contract(element.clone())
                    .help(format!("export `{}` from `app{}/route.ts`", webhook.method.as_str(), webhook.path)),
            );
            continue;
        };
        if let Some(signature) = &webhook.signature {
            if !handler.verifies_signature {
                findings.push(
                    Diagnostic::error(WEBHOOK_UNVERIFIED, format!("the `{}` handler never verifies the {} signature", webhook.path, signature.scheme.as_str()))
                        .at(handler.method.span, "accepts any request")
                        .related(signature.span, "the contract requires it")
                        .contract(element.clone())
                        .help(format!(
                            "verify the `{}` header with `{}` before trusting the body (Stripe: `stripe.webhooks.constructEvent(rawBody, signature, secret)`)",
                            signature.header, signature.secret
                        )),
                );
            }
        }
        if let Some(key) = &webhook.idempotency {
            let key = key.join(".");
            let used = handler.member_paths.iter().any(|p| *p == key || p.ends_with(&format!(".{key}")));
            if !used {
                findings.push(
                    Diagnostic::error(WEBHOOK_NO_IDEMPOTENCY, format!("the `{}` handler never reads its idempotency key `{key}`", webhook.path))
                        .at(handler.method.span, "retries are processed again")
                        .related(webhook.origin.span, "the webhook")
                        .contract(element)
                        .help(format!("record `{key}` (a unique insert) and skip events already seen, so a redelivered event is processed once")),
                );
            }
        }
    }
}

fn statuses(endpoint: &Endpoint, handler: &RouteHandler, findings: &mut Vec<Diagnostic>) {
    for HandlerResponse { status, span, .. } in &handler.responses {
        if endpoint.response(*status).is_none() {
            let declared: Vec<String> = endpoint.responses.iter().map(|r| r.status.to_string()).collect();
            findings.push(
                Diagnostic::error(
                    UNDECLARED_STATUS,
                    format!("`{}` returns {status}, which the contract does not declare", endpoint.label()),
                )
                .at(*span, format!("status {status}"))
                .related(endpoint.origin.span, "the endpoint")
                .contract(endpoint.element(Some(*status)))
                .help(format!(
                    "the contract declares {}: return one of them, or declare {status}",
                    declared.join(", ")
                )),
            );
        }
    }
    // A computed status may be the declared one; a handler whose responses are all built
    // elsewhere (`return createResponse(...)` from another module) shows none.
    if handler.unknown_status || handler.responses.is_empty() {
        return;
    }
    for response in endpoint.responses.iter().filter(|r| (200..300).contains(&r.status)) {
        if !handler.responses.iter().any(|r| r.status == response.status) {
            findings.push(
                Diagnostic::warning(
                    MISSING_STATUS,
                    format!("`{}` never returns {}, which the contract declares", endpoint.label(), response.status),
                )
                .at(handler.method.span, "this handler")
                .related(response.span, "declared here")
                .contract(endpoint.element(Some(response.status)))
                .help(format!("return {} where the contract says, or change the contract", response.status)),
            );
        }
    }
}

/// Paths agree segment by segment; parameters agree whatever their names.
pub(crate) fn same_path(a: &str, b: &str) -> bool {
    let split = |p: &str| {
        p.trim_matches('/').split('/').map(|s| if s.starts_with('{') { "{}" } else { s }).collect::<Vec<_>>().join("/")
    };
    split(a) == split(b)
}
