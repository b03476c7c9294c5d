//! The webhook tests: deliveries signed per the declared scheme with the secret from the
//! environment. A valid one must be accepted; a wrong signature, a missing header and a
//! timestamp outside the tolerance refused; the same event delivered twice processed once
//! (with a database: the second delivery changes no contract table).

use std::fmt::Write as _;

use lockstep_contract::model::{Contract, Signature, Webhook};
use postgres::Client;
use serde_json::{Value, json};

use crate::db::fingerprint;
use crate::http::{HttpError, Request, excerpt, shell_quote};
use crate::sign::{has_timestamp, sign};
use crate::values::{sample, unique_token};
use crate::{Case, Check, Group, Target};

/// The tolerance when the contract gives none: Stripe's and Slack's five minutes.
const DEFAULT_TOLERANCE: u64 = 300;
/// The secret a wrong signature is made with; not a secret, so reproducers may show it.
const WRONG_SECRET: &str = "lockstep-wrong-secret";

pub fn run(contract: &Contract, target: &Target, mut db: Option<&mut Client>) -> Result<Vec<Case>, HttpError> {
    let mut cases = Vec::new();
    for webhook in &contract.webhooks {
        let label = format!("webhook {} {}", webhook.method.as_str(), webhook.path);
        let Some(signature) = &webhook.signature else {
            let mut case = Case::new(Group::Webhooks, &label, "signed delivery");
            case.skipped = Some("the contract declares no signature scheme".to_owned());
            cases.push(case);
            continue;
        };
        let Ok(secret) = std::env::var(&signature.secret) else {
            let mut case = Case::new(Group::Webhooks, &label, "signed delivery");
            case.skipped = Some(format!("`{}` is not set: the deliveries need the signing secret", signature.secret));
            cases.push(case);
            continue;
        };
        let hook = Hook { contract, target, webhook, signature, secret: &secret, label: &label };
        hook.cases(db.as_deref_mut(), &mut cases)?;
    }
    Ok(cases)
}

struct Hook<'a> {
    contract: &'a Contract,
    target: &'a Target<'a>,
    webhook: &'a Webhook,
    signature: &'a Signature,
    secret: &'a str,
    label: &'a str,
}

/// How a delivery is signed.
#[derive(Clone, Copy)]
enum Signing {
    Valid,
    WrongSecret,
    Missing,
    Stale,
}

impl Hook<'_> {
    fn cases(&self, db: Option<&mut Client>, out: &mut Vec<Case>) -> Result<(), HttpError> {
        let event = self.event();
        let mut case = Case::new(Group::Webhooks, self.label, "signed delivery");
        let first = self.deliver(&event, Signing::Valid, &mut case)?;
        if let Some(status) = first
            && !(200..300).contains(&status)
        {
            case.fail(Check::WebhookValidRefused, format!("a correctly signed delivery was answered {status}"));
        }
        let accepted = case.failures.is_empty();
        out.push(case);

        if self.webhook.idempotency.is_some() && accepted {
            let mut case = Case::new(Group::Webhooks, self.label, "the same event delivered twice");
            match db {
                None => case.skipped = Some("counting what a delivery changed needs --db".to_owned()),
                Some(client) => {
                    let before = fingerprint(client, self.contract);
                    let second = self.deliver(&event, Signing::Valid, &mut case)?;
                    let after = fingerprint(client, self.contract);
                    match (before, after) {
                        (Ok(before), Ok(after)) => {
                            let changes = before.changes(&after);
                            if !changes.is_empty() {
                                case.fail(
                                    Check::WebhookDuplicateProcessed,
                                    format!(
                                        "a repeated delivery of one event was processed again: {}",
                                        changes.join(", ")
                                    ),
                                );
                            }
                        }
                        (Err(e), _) | (_, Err(e)) => case.skipped = Some(format!("cannot read the database: {e}")),
                    }
                    if let Some(status) = second
                        && status >= 500
                    {
                        case.fail(Check::ServerError, format!("the repeated delivery was answered {status}"));
                    }
                }
            }
            out.push(case);
        }

        let mut refusals = vec![
            (Signing::WrongSecret, "wrong signature", Check::WebhookBadSignatureAccepted),
            (Signing::Missing, "no signature header", Check::WebhookMissingSignatureAccepted),
        ];
        if has_timestamp(self.signature.scheme) {
            refusals.push((Signing::Stale, "timestamp outside the tolerance", Check::WebhookStaleAccepted));
        }
        for (signing, name, check) in refusals {
            let mut case = Case::new(Group::Webhooks, self.label, name);
            if let Some(status) = self.deliver(&self.event(), signing, &mut case)? {
                if (200..300).contains(&status) {
                    case.fail(check, format!("a delivery with {name} was accepted with {status}; it must be refused"));
                } else if status >= 500 {
                    case.fail(
                        Check::ServerError,
                        format!("a delivery with {name} was answered {status}, not a 4xx refusal"),
                    );
                }
            }
            out.push(case);
        }
        Ok(())
    }

    /// A fresh event: the declared body's sample, with a new value at the idempotency key.
    fn event(&self) -> Vec<u8> {
        let mut body = self.webhook.body.as_ref().map_or_else(|| json!({}), |shape| sample(self.contract, shape));
        if let Some(path) = &self.webhook.idempotency {
            set_path(&mut body, path, json!(unique_token("evt_lockstep_")));
        }
        serde_json::to_vec(&body).unwrap_or_default()
    }

    /// Sends one delivery; the status, or `None` (and a failure) when no answer came. The case
    /// gets the reproducer whether or not it fails.
    fn deliver(&self, body: &[u8], signing: Signing, case: &mut Case) -> Result<Option<u16>, HttpError> {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let tolerance = self.signature.tolerance_seconds.unwrap_or(DEFAULT_TOLERANCE);
        let (timestamp, shell_time) = match signing {
            Signing::Stale => {
                let age = tolerance + 60;
                (now.saturating_sub(age), format!("t=$(( $(date +%s) - {age} ))"))
            }
            _ => (now, "t=$(date +%s)".to_owned()),
        };
        let timestamp = i64::try_from(timestamp).unwrap_or(0);
        let id = unique_token("msg_lockstep_");
        let (secret, shell_signature) = match signing {
            Signing::WrongSecret => {
                (WRONG_SECRET, Signature { secret: "WRONG_SECRET".to_owned(), ..self.signature.clone() })
            }
            _ => (self.secret, self.signature.clone()),
        };
        let signed = sign(&shell_signature, secret, body, timestamp, &id);
        let headers = if matches!(signing, Signing::Missing) { Vec::new() } else { signed.headers };
        let url = format!("{}{}", self.target.base_url, self.webhook.path);
        let request = Request {
            method: self.webhook.method.as_str(),
            url: url.clone(),
            headers,
            authenticated: false,
            body: Some(body.to_vec()),
        };

        let mut script = format!("body={}\n", shell_quote(&String::from_utf8_lossy(body)));
        if !matches!(signing, Signing::Missing) {
            if matches!(signing, Signing::WrongSecret) {
                let _ = writeln!(script, "WRONG_SECRET={WRONG_SECRET}");
            }
            let _ = write!(script, "{shell_time}\n{}\n", signed.shell_setup);
        }
        let _ =
            write!(script, "curl -i -X {} {} -H 'content-type: application/json'", request.method, shell_quote(&url));
        if !matches!(signing, Signing::Missing) {
            for header in &signed.shell_headers {
                script.push(' ');
                script.push_str(header);
            }
        }
        script.push_str(" --data \"$body\"");
        case.reproducer = Some(script);

        match self.target.client.send(&request, None) {
            Ok(answer) => {
                if answer.status >= 500 && matches!(signing, Signing::Valid) {
                    case.fail(Check::ServerError, format!("answered {}: {}", answer.status, excerpt(&answer.body)));
                }
                Ok(Some(answer.status))
            }
            Err(HttpError::Connect(reason)) => Err(HttpError::Connect(reason)),
            Err(other) => {
                case.fail(Check::Unreachable, other.to_string());
                Ok(None)
            }
        }
    }
}

/// Puts `value` at `path` in `body`, making objects on the way.
fn set_path(body: &mut Value, path: &[String], value: Value) {
    let Some((last, parents)) = path.split_last() else { return };
    let mut at = body;
    for key in parents {
        if !at.get(key).is_some_and(Value::is_object) {
            if let Value::Object(map) = at {
                map.insert(key.clone(), json!({}));
            } else {
                return;
            }
        }
        at = &mut at[key.as_str()];
    }
    if let Value::Object(map) = at {
        map.insert(last.clone(), value);
    }
}
