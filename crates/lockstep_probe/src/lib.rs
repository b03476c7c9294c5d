//! Contract-aware tests against a running app: requests made from the contract's endpoints,
//! deliveries signed per its webhooks' schemes, and row-level security exercised as two users
//! and as anonymous. The contract is the oracle; what comes back is judged against it.
//!
//! Results are plain data ([`Case`]); the binary renders them (text, JSON, `JUnit`).

mod api;
mod conform;
mod db;
mod http;
mod rls;
mod sign;
mod values;
mod webhook;

use std::time::Duration;

pub use api::run as run_api;
pub use db::{DbError, Fingerprint, connect, fingerprint};
pub use http::{Client, HttpError};
pub use rls::run as run_rls;
pub use webhook::run as run_webhooks;

/// The part of the app a case tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Api,
    Webhooks,
    Rls,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Api => "api",
            Group::Webhooks => "webhooks",
            Group::Rls => "rls",
        }
    }
}

/// One test: what was tried on which contract element, and what went wrong.
#[derive(Clone, Debug)]
pub struct Case {
    pub group: Group,
    /// The contract element: `GET /api/notes`, `webhook POST /api/webhooks/stripe`, `Note`.
    pub target: String,
    /// What was tried: `valid request`, `missing field title`, `user A selects`.
    pub name: String,
    pub failures: Vec<Failure>,
    /// Why the case did not run (a secret not set, no value to seed a row with).
    pub skipped: Option<String>,
    /// How to replay it by hand: a curl command, a shell snippet or SQL. Secrets appear as
    /// `$VARIABLE` placeholders, never as values.
    pub reproducer: Option<String>,
}

impl Case {
    fn new(group: Group, target: impl Into<String>, name: impl Into<String>) -> Case {
        Case { group, target: target.into(), name: name.into(), failures: Vec::new(), skipped: None, reproducer: None }
    }

    fn fail(&mut self, check: Check, message: impl Into<String>) {
        self.failures.push(Failure { check, message: message.into() });
    }

    pub fn passed(&self) -> bool {
        self.failures.is_empty() && self.skipped.is_none()
    }
}

#[derive(Clone, Debug)]
pub struct Failure {
    pub check: Check,
    pub message: String,
}

/// What a failure breaks; its `code` is stable (docs/testing.md lists them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Check {
    /// A 5xx answer.
    ServerError,
    /// A status the endpoint does not declare.
    UndeclaredStatus,
    /// The body does not have the declared shape (keys, casing, nullability, envelope).
    ResponseShape,
    /// The declared body came without a JSON content type, or was not JSON.
    ContentType,
    /// A body (or a 2xx other than 204) where the endpoint declares 204 without one.
    BodyOnNoContent,
    /// An `auth required` endpoint answered a request without credentials.
    AuthNotEnforced,
    /// A request the contract makes invalid was accepted.
    InvalidAccepted,
    /// A request the contract makes valid was refused as invalid.
    ValidRefused,
    /// After a successful delete, the resource is still there.
    NotGoneAfterDelete,
    /// A method the contract does not declare on a path was not answered 405.
    UndeclaredMethod,
    /// The request could not be made or answered (timeout, reset, oversized body).
    Unreachable,
    WebhookValidRefused,
    WebhookBadSignatureAccepted,
    WebhookMissingSignatureAccepted,
    WebhookStaleAccepted,
    WebhookDuplicateProcessed,
    RlsNotEnabled,
    RlsSelect,
    RlsUpdate,
    RlsDelete,
    RlsInsert,
}

impl Check {
    pub fn code(self) -> &'static str {
        match self {
            Check::ServerError => "test/server-error",
            Check::UndeclaredStatus => "test/undeclared-status",
            Check::ResponseShape => "test/response-shape",
            Check::ContentType => "test/content-type",
            Check::BodyOnNoContent => "test/body-on-no-content",
            Check::AuthNotEnforced => "test/auth-not-enforced",
            Check::InvalidAccepted => "test/invalid-accepted",
            Check::ValidRefused => "test/valid-refused",
            Check::NotGoneAfterDelete => "test/not-gone-after-delete",
            Check::UndeclaredMethod => "test/undeclared-method",
            Check::Unreachable => "test/no-answer",
            Check::WebhookValidRefused => "test/webhook-valid-refused",
            Check::WebhookBadSignatureAccepted => "test/webhook-bad-signature-accepted",
            Check::WebhookMissingSignatureAccepted => "test/webhook-missing-signature-accepted",
            Check::WebhookStaleAccepted => "test/webhook-stale-accepted",
            Check::WebhookDuplicateProcessed => "test/webhook-duplicate-processed",
            Check::RlsNotEnabled => "test/rls-not-enabled",
            Check::RlsSelect => "test/rls-select",
            Check::RlsUpdate => "test/rls-update",
            Check::RlsDelete => "test/rls-delete",
            Check::RlsInsert => "test/rls-insert",
        }
    }
}

/// Credentials for `auth required` endpoints: a header whose value is read from an environment
/// variable, so reproducers can name the variable instead of the value.
#[derive(Clone, Debug)]
pub struct Credentials {
    pub header: String,
    pub value: String,
    /// The variable the value came from, shown in reproducers as `$NAME`.
    pub variable: String,
}

/// How the API and webhook tests reach the app.
pub struct Target<'a> {
    pub client: &'a Client,
    /// `http://127.0.0.1:3000`, without a trailing slash.
    pub base_url: &'a str,
    pub credentials: Option<&'a Credentials>,
}

/// The default per-request timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
