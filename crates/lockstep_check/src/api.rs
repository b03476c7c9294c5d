//! Contract ↔ API: the route handlers the app serves against the contract's endpoints. Runs
//! only when the app has route handlers at all.

use lockstep_contract::model::{Contract, Endpoint};
use lockstep_diagnostics::{Diagnostic, did_you_mean};
use lockstep_ts::routes::RouteHandler;

pub const MISSING_HANDLER: &str = "api/missing-handler";
pub const UNDECLARED_ROUTE: &str = "api/undeclared-route";
pub const UNDECLARED_STATUS: &str = "api/undeclared-status";
pub const MISSING_STATUS: &str = "api/missing-status";
pub const WEBHOOK_UNVERIFIED: &str = "webhook/unverified";
pub const WEBHOOK_NO_IDEMPOTENCY: &str = "webhook/no-idempotency";

/// The handlers of one route file, with the path the file serves.
pub struct RouteFile<'a> {
    pub path: &'a str,
    pub handlers: &'a [RouteHandler],
}

pub fn check_routes(contract: &Contract, routes: &[RouteFile]) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    if routes.iter().all(|r| r.handlers.is_empty()) {
        return findings;
    }
    let served = |endpoint: &Endpoint| {
        routes
            .iter()
            .find(|r| same_path(r.path, &endpoint.path))
            .and_then(|r| r.handlers.iter().find(|h| h.method.name == endpoint.method.as_str()))
    };
    for endpoint in &contract.endpoints {
        match served(endpoint) {
            None => findings.push(
                Diagnostic::error(MISSING_HANDLER, format!("no route handler serves `{}`", endpoint.label()))
                    .at(endpoint.origin.span, "declared here")
                    .contract(endpoint.label())
                    .help(format!(
                        "export `{}` from `app{}/route.ts`, or remove the endpoint from the contract",
                        endpoint.method.as_str(),
                        endpoint.path
                    )),
            ),
            Some(handler) => statuses(endpoint, handler, &mut findings),
        }
    }
    webhooks(contract, routes, &mut findings);
    for route in routes {
        for handler in route.handlers {
            let declared = contract
                .endpoints
                .iter()
                .any(|e| same_path(route.path, &e.path) && e.method.as_str() == handler.method.name)
                || contract
                    .webhooks
                    .iter()
                    .any(|w| same_path(route.path, &w.path) && w.method.as_str() == handler.method.name);
            if declared {
                continue;
            }
            let paths: Vec<&str> = contract.endpoints.iter().map(|e| e.path.as_str()).collect();
            findings.push(
                Diagnostic::warning(
                    UNDECLARED_ROUTE,
                    format!("`{} {}` is not in the contract", handler.method.name, route.path),
                )
                .at(handler.method.span, "this handler")
                .help(did_you_mean(route.path, paths).map_or_else(
                    || format!("declare it: `endpoint {} {} {{ ... }}`", handler.method.name, route.path),
                    |s| format!("the contract has `{s}`: did the route move?"),
                )),
            );
        }
    }
    findings
}

/// Webhooks: a handler must exist, verify the signature the contract names, and use the
/// idempotency key.
fn webhooks(contract: &Contract, routes: &[RouteFile], findings: &mut Vec<Diagnostic>) {
    for webhook in &contract.webhooks {
        let label = format!("webhook {} {}", webhook.method.as_str(), webhook.path);
        let handler = routes
            .iter()
            .find(|r| same_path(r.path, &webhook.path))
            .and_then(|r| r.handlers.iter().find(|h| h.method.name == webhook.method.as_str()));
        let Some(handler) = handler else {
            findings.push(
                Diagnostic::error(MISSING_HANDLER, format!("no route handler serves `{label}`"))
                    .at(webhook.origin.span, "declared here")
                    .contract(label.clone())
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
                        .contract(label.clone())
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
                        .contract(label)
                        .help(format!("record `{key}` (a unique insert) and skip events already seen, so a redelivered event is processed once")),
                );
            }
        }
    }
}

fn statuses(endpoint: &Endpoint, handler: &RouteHandler, findings: &mut Vec<Diagnostic>) {
    for (status, span) in &handler.statuses {
        if endpoint.response(*status).is_none() {
            let declared: Vec<String> = endpoint.responses.iter().map(|r| r.status.to_string()).collect();
            findings.push(
                Diagnostic::error(
                    UNDECLARED_STATUS,
                    format!("`{}` returns {status}, which the contract does not declare", endpoint.label()),
                )
                .at(*span, format!("status {status}"))
                .related(endpoint.origin.span, "the endpoint")
                .contract(endpoint.label())
                .help(format!(
                    "the contract declares {}: return one of them, or declare {status}",
                    declared.join(", ")
                )),
            );
        }
    }
    for response in endpoint.responses.iter().filter(|r| (200..300).contains(&r.status)) {
        if !handler.statuses.iter().any(|(s, _)| *s == response.status) {
            findings.push(
                Diagnostic::warning(
                    MISSING_STATUS,
                    format!("`{}` never returns {}, which the contract declares", endpoint.label(), response.status),
                )
                .at(handler.method.span, "this handler")
                .related(response.span, "declared here")
                .contract(endpoint.label())
                .help(format!("return {} where the contract says, or change the contract", response.status)),
            );
        }
    }
}

/// Paths agree segment by segment; parameters agree whatever their names.
fn same_path(a: &str, b: &str) -> bool {
    let split = |p: &str| {
        p.trim_matches('/').split('/').map(|s| if s.starts_with('{') { "{}" } else { s }).collect::<Vec<_>>().join("/")
    };
    split(a) == split(b)
}
