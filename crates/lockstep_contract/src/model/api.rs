//! The API side of the model: shapes, endpoints, environment variables, webhooks, buckets.

use lockstep_diagnostics::{ContractPath, Span};

use super::Origin;
use super::data::{Literal, Scalar};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeDef {
    pub name: String,
    pub shape: Shape,
    pub origin: Origin,
}

/// A JSON value's shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    Scalar(Scalar),
    Enum(String),
    /// An entity as the API sends it: every field, under its API name.
    Entity(String),
    /// A named `type`.
    Type(String),
    /// Some fields of an entity or type, already resolved from `Pick` or `Omit`.
    Select {
        base: String,
        fields: Vec<String>,
    },
    Object(Vec<ShapeField>),
    Array(Box<Shape>),
    Nullable(Box<Shape>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeField {
    pub name: String,
    /// The key may be absent.
    pub optional: bool,
    pub shape: Shape,
    pub default: Option<Literal>,
    pub origin: Origin,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
}

impl Method {
    pub const ALL: [Method; 7] =
        [Method::Get, Method::Post, Method::Put, Method::Patch, Method::Delete, Method::Head, Method::Options];

    pub fn from_name(name: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Auth {
    Required,
    Optional,
    None,
}

impl Auth {
    pub fn as_str(self) -> &'static str {
        match self {
            Auth::Required => "required",
            Auth::Optional => "optional",
            Auth::None => "none",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub method: Method,
    /// The path with typed parameters reduced to their names: `/api/customers/{id}`.
    pub path: String,
    pub params: Vec<PathParam>,
    pub auth: Auth,
    pub query: Vec<ShapeField>,
    pub headers: Vec<ShapeField>,
    pub body: Option<Shape>,
    pub responses: Vec<Response>,
    pub origin: Origin,
}

impl Endpoint {
    /// `GET /api/customers`, as findings name endpoints.
    pub fn label(&self) -> String {
        format!("{} {}", self.method.as_str(), self.path)
    }

    /// The endpoint as a finding's contract element; `status` when the finding concerns one
    /// response.
    pub fn element(&self, status: Option<u16>) -> ContractPath {
        ContractPath::Endpoint { method: self.method.as_str().to_owned(), path: self.path.clone(), status }
    }

    pub fn response(&self, status: u16) -> Option<&Response> {
        self.responses.iter().find(|r| r.status == status)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathParam {
    pub name: String,
    pub shape: Shape,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    /// `None`: the response has no body.
    pub body: Option<Shape>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Environment {
    pub name: String,
    pub span: Option<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvType {
    Text,
    Url,
    Int,
    Bool,
    Email,
    Json,
}

impl EnvType {
    pub const ALL: [(&'static str, EnvType); 6] = [
        ("text", EnvType::Text),
        ("url", EnvType::Url),
        ("int", EnvType::Int),
        ("bool", EnvType::Bool),
        ("email", EnvType::Email),
        ("json", EnvType::Json),
    ];

    pub fn as_str(self) -> &'static str {
        EnvType::ALL.iter().find(|(_, t)| *t == self).map_or("text", |(n, _)| n)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visibility {
    /// Never sent to a browser, never printed.
    Secret,
    /// May be bundled into client code.
    Public,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvVar {
    pub name: String,
    pub ty: EnvType,
    pub visibility: Visibility,
    /// The environments that must define it.
    pub required_in: Vec<String>,
    pub origin: Origin,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureScheme {
    Stripe,
    Github,
    Slack,
    StandardWebhooks,
    HmacSha256,
}

impl SignatureScheme {
    pub const ALL: [(&'static str, SignatureScheme); 5] = [
        ("stripe", SignatureScheme::Stripe),
        ("github", SignatureScheme::Github),
        ("slack", SignatureScheme::Slack),
        ("standard_webhooks", SignatureScheme::StandardWebhooks),
        ("hmac_sha256", SignatureScheme::HmacSha256),
    ];

    pub fn as_str(self) -> &'static str {
        SignatureScheme::ALL.iter().find(|(_, s)| *s == self).map_or("hmac_sha256", |(n, _)| n)
    }

    /// The header that carries the signature.
    pub fn default_header(self) -> Option<&'static str> {
        match self {
            SignatureScheme::Stripe => Some("Stripe-Signature"),
            SignatureScheme::Github => Some("X-Hub-Signature-256"),
            SignatureScheme::Slack => Some("X-Slack-Signature"),
            SignatureScheme::StandardWebhooks => Some("webhook-signature"),
            SignatureScheme::HmacSha256 => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    pub scheme: SignatureScheme,
    /// The env variable holding the signing secret.
    pub secret: String,
    pub header: String,
    /// Maximum age of a signed timestamp, in seconds.
    pub tolerance_seconds: Option<u64>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Webhook {
    pub method: Method,
    pub path: String,
    pub signature: Option<Signature>,
    /// The property path of the event's unique id: `["event", "id"]`.
    pub idempotency: Option<Vec<String>>,
    pub body: Option<Shape>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    pub name: String,
    pub public: bool,
    pub max_size_bytes: Option<u64>,
    pub mime_types: Vec<String>,
    pub origin: Origin,
}

/// A database function the app calls with supabase-js `.rpc(name, args)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Function {
    pub name: String,
    /// Named arguments, as PostgREST takes them: the keys of the `args` object.
    pub args: Vec<ShapeField>,
    pub returns: Option<Shape>,
    pub origin: Origin,
}
