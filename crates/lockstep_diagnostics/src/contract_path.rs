//! The contract element a finding concerns, as a typed path: an entity, one of its fields or
//! access rules, an enum, an endpoint (optionally one of its responses), a webhook, an env
//! variable or a function.

use std::fmt;

/// A contract element by name. Names are the contract's (`Order.customerId`), never the
/// database's or the wire's. `Display` gives the spelling every output format shows, and only
/// that: `Entity.field`, `entity Order`, `enum Status`, `GET /api/orders`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ContractPath {
    /// `entity Order`
    Entity(String),
    /// `Order.customerId`
    Field { entity: String, field: String },
    /// An `allow` rule of an entity, by its operation: `entity Order (allow select)`.
    Policy { entity: String, operation: String },
    /// `enum Status`
    Enum(String),
    /// `Status.paid`: one value of an enum.
    EnumValue { enumeration: String, value: String },
    /// `GET /api/orders`. `status` narrows the element to one declared or returned status; the
    /// text names the endpoint alone, as it always has, and the finding's message names the status.
    Endpoint { method: String, path: String, status: Option<u16> },
    /// `webhook POST /api/stripe`
    Webhook { method: String, path: String },
    /// `env DATABASE_URL`
    EnvVar(String),
    /// `function search_orders`
    Function(String),
    /// `bucket avatars`
    Bucket(String),
}

impl ContractPath {
    pub fn field(entity: &str, field: &str) -> ContractPath {
        ContractPath::Field { entity: entity.to_owned(), field: field.to_owned() }
    }

    /// The element's kind as a lowercase word (`entity`, `field`, `endpoint`, ...), for
    /// machine output.
    pub fn kind(&self) -> &'static str {
        match self {
            ContractPath::Entity(_) => "entity",
            ContractPath::Field { .. } => "field",
            ContractPath::Policy { .. } => "policy",
            ContractPath::Enum(_) => "enum",
            ContractPath::Endpoint { .. } => "endpoint",
            ContractPath::Webhook { .. } => "webhook",
            ContractPath::EnvVar(_) => "env",
            ContractPath::Function(_) => "function",
            ContractPath::EnumValue { .. } => "enum_value",
            ContractPath::Bucket(_) => "bucket",
        }
    }
}

impl fmt::Display for ContractPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ContractPath::Entity(name) => write!(f, "entity {name}"),
            ContractPath::Field { entity, field } => write!(f, "{entity}.{field}"),
            ContractPath::Policy { entity, operation } => write!(f, "entity {entity} (allow {operation})"),
            ContractPath::Enum(name) => write!(f, "enum {name}"),
            ContractPath::Endpoint { method, path, status: _ } => write!(f, "{method} {path}"),
            ContractPath::Webhook { method, path } => write!(f, "webhook {method} {path}"),
            ContractPath::EnvVar(name) => write!(f, "env {name}"),
            ContractPath::Function(name) => write!(f, "function {name}"),
            ContractPath::EnumValue { enumeration, value } => write!(f, "{enumeration}.{value}"),
            ContractPath::Bucket(name) => write!(f, "bucket {name}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ContractPath;

    #[test]
    fn displays_the_spelling_findings_have_always_shown() {
        let owned = str::to_owned;
        let cases = [
            (ContractPath::Entity(owned("Order")), "entity Order"),
            (ContractPath::Field { entity: owned("Order"), field: owned("customerId") }, "Order.customerId"),
            (ContractPath::Policy { entity: owned("Order"), operation: owned("all") }, "entity Order (allow all)"),
            (ContractPath::Enum(owned("Status")), "enum Status"),
            (
                ContractPath::Endpoint { method: owned("GET"), path: owned("/api/orders"), status: Some(200) },
                "GET /api/orders",
            ),
            (ContractPath::Webhook { method: owned("POST"), path: owned("/api/stripe") }, "webhook POST /api/stripe"),
            (ContractPath::EnvVar(owned("DATABASE_URL")), "env DATABASE_URL"),
            (ContractPath::Function(owned("search_orders")), "function search_orders"),
            (ContractPath::EnumValue { enumeration: owned("Status"), value: owned("paid") }, "Status.paid"),
            (ContractPath::Bucket(owned("avatars")), "bucket avatars"),
        ];
        for (path, text) in cases {
            assert_eq!(path.to_string(), text, "{path:?}");
        }
    }
}
