//! Webhooks from handlers that verify a signature: the scheme from the header the signature is
//! read from, the secret from the env variables the handler's file reads, the idempotency key
//! from the event's `id` when the handler reads it.

use std::fmt::Write;

use lockstep_ts::routes::RouteHandler;

/// Signature schemes by the header their senders sign in.
const SCHEMES: [(&str, &str); 4] = [
    ("stripe-signature", "stripe"),
    ("x-hub-signature-256", "github"),
    ("x-slack-signature", "slack"),
    ("webhook-signature", "standard_webhooks"),
];

/// Event variables whose `id` identifies a delivery.
const EVENT_NAMES: [&str; 4] = ["event", "evt", "payload", "body"];

/// The `webhook` item for a handler that verifies a signature, or `None` for any other handler.
pub fn webhook(
    handler: &RouteHandler,
    method: &str,
    path: &str,
    env_reads: &[String],
    notes: &mut Vec<String>,
) -> Option<String> {
    if !handler.verifies_signature {
        return None;
    }
    let mut out = format!("webhook {method} {path} {{\n");
    match (signature(handler), secret(env_reads)) {
        (Some(scheme), Some(secret)) => {
            let options = match &scheme {
                Scheme::Named(_) => String::new(),
                Scheme::Hmac(header) => format!(", header: \"{header}\""),
            };
            let _ = writeln!(out, "  signature {}({secret}{options})", scheme.name());
        }
        (scheme, secret) => notes.push(format!(
            "`{method} {path}` verifies a signature, but {} is not clear from its file; add a `signature` line to its webhook",
            if scheme.is_none() { "the header it is read from" } else if secret.is_none() { "the secret variable" } else { "the scheme" }
        )),
    }
    let event_id = EVENT_NAMES.iter().map(|e| format!("{e}.id")).find(|key| handler.member_paths.contains(key));
    if let Some(key) = event_id {
        let _ = writeln!(out, "  idempotency {key}");
    }
    out.push_str("}\n");
    Some(out)
}

enum Scheme {
    Named(&'static str),
    /// Any other header: HMAC-SHA256 over the body, in that header.
    Hmac(String),
}

impl Scheme {
    fn name(&self) -> &'static str {
        match self {
            Scheme::Named(name) => name,
            Scheme::Hmac(_) => "hmac_sha256",
        }
    }
}

fn signature(handler: &RouteHandler) -> Option<Scheme> {
    match handler.signature_header.as_deref() {
        Some(header) => Some(
            SCHEMES
                .iter()
                .find(|(h, _)| *h == header)
                .map_or_else(|| Scheme::Hmac(header_case(header)), |(_, scheme)| Scheme::Named(scheme)),
        ),
        // `stripe.webhooks.constructEvent(body, sig, secret)` with the header read elsewhere.
        None => handler
            .member_paths
            .iter()
            .any(|p| p.ends_with("webhooks.constructEvent") || p.ends_with("webhooks.constructEventAsync"))
            .then_some(Scheme::Named("stripe")),
    }
}

/// The variable most likely to hold the signing secret: one named for webhooks and secrets,
/// then any secret, then any signing key.
fn secret(env_reads: &[String]) -> Option<&str> {
    let public = |name: &str| lockstep_contract::resolve::PUBLIC_PREFIXES.iter().any(|p| name.starts_with(p));
    let candidates: Vec<&str> = env_reads.iter().map(String::as_str).filter(|n| !public(n)).collect();
    let find = |test: &dyn Fn(&str) -> bool| candidates.iter().copied().find(|n| test(n));
    find(&|n| n.contains("WEBHOOK") && (n.contains("SECRET") || n.contains("SIGNING")))
        .or_else(|| find(&|n| n.contains("SIGNING")))
        .or_else(|| find(&|n| n.contains("SECRET") && !n.contains("API")))
}

/// `x-signature` → `X-Signature`.
fn header_case(header: &str) -> String {
    header
        .split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |c| c.to_ascii_uppercase().to_string() + chars.as_str())
        })
        .collect::<Vec<_>>()
        .join("-")
}
