//! A contract element by the name a person or an agent writes (`Order`, `Order.status`,
//! `OrderStatus.paid`, `GET /api/orders/{id}`, `STRIPE_SECRET_KEY`, `order_item_count`, a
//! bucket's name, or the database's names `orders` and `orders.customer_id`) to its typed path,
//! and a typed path to the span that defines it.

use lockstep_diagnostics::{ContractPath, Span, did_you_mean};

use super::Contract;
use super::api::Method;

impl Contract {
    /// The element `text` names. A kind word may lead (`entity`, `enum`, `env`, `function`,
    /// `bucket`, `webhook`); without one, entities, enums, env variables, functions and buckets
    /// are tried in that order. The error says what was expected and, when one is close, what
    /// was meant.
    pub fn find_element(&self, text: &str) -> Result<ContractPath, String> {
        let text = text.trim();
        let (kind, rest) = match text.split_once(char::is_whitespace) {
            Some((word, rest)) if KINDS.contains(&word) => (Some(word), rest.trim()),
            _ => (None, text),
        };
        if let Some((method, path)) = rest.split_once(char::is_whitespace) {
            if let Some(method) = Method::from_name(&method.to_ascii_uppercase()) {
                return self.route(kind, method, path.trim());
            }
        }
        if let Some((owner, member)) = rest.split_once('.') {
            return self.member(owner, member);
        }
        let found = match kind {
            Some("entity") => self.entity(rest).map(|e| ContractPath::Entity(e.name.clone())),
            Some("enum") => self.enumeration(rest).map(|e| ContractPath::Enum(e.name.clone())),
            Some("env") => self.env_var(rest).map(|v| ContractPath::EnvVar(v.name.clone())),
            Some("function") => self.function(rest).map(|f| ContractPath::Function(f.name.clone())),
            Some("bucket") => self.bucket(rest),
            _ => self
                .entity(rest)
                .or_else(|| self.entity_by_table(rest))
                .map(|e| ContractPath::Entity(e.name.clone()))
                .or_else(|| self.enumeration(rest).map(|e| ContractPath::Enum(e.name.clone())))
                .or_else(|| self.env_var(rest).map(|v| ContractPath::EnvVar(v.name.clone())))
                .or_else(|| self.function(rest).map(|f| ContractPath::Function(f.name.clone())))
                .or_else(|| self.bucket(rest)),
        };
        found.ok_or_else(|| {
            let names = self
                .entities
                .iter()
                .map(|e| e.name.as_str())
                .chain(self.enums.iter().map(|e| e.name.as_str()))
                .chain(self.env.iter().map(|v| v.name.as_str()))
                .chain(self.functions.iter().map(|f| f.name.as_str()))
                .chain(self.buckets.iter().map(|b| b.name.as_str()));
            not_found(&format!("`{rest}`"), did_you_mean(rest, names))
        })
    }

    /// Where `path` is defined: the element's whole declaration (an entity's block, a field's
    /// line, an endpoint's block or one response's line).
    pub fn definition(&self, path: &ContractPath) -> Option<Span> {
        match path {
            ContractPath::Entity(name) => self.entity(name).map(|e| e.origin.span),
            ContractPath::Field { entity, field } => self.entity(entity)?.field(field).map(|f| f.origin.span),
            ContractPath::Policy { entity, operation } => {
                let entity = self.entity(entity)?;
                entity.policies.iter().find(|p| p.operation.as_str() == operation).map(|p| p.span)
            }
            ContractPath::Enum(name) => self.enumeration(name).map(|e| e.origin.span),
            ContractPath::EnumValue { enumeration, value } => {
                self.enumeration(enumeration)?.values.iter().find(|v| v.name == *value).map(|v| v.origin.span)
            }
            ContractPath::Endpoint { method, path, status } => {
                let endpoint = self.endpoints.iter().find(|e| e.method.as_str() == method && e.path == *path)?;
                match status {
                    Some(status) => endpoint.response(*status).map(|r| r.span),
                    None => Some(endpoint.origin.span),
                }
            }
            ContractPath::Webhook { method, path } => {
                self.webhooks.iter().find(|w| w.method.as_str() == method && w.path == *path).map(|w| w.origin.span)
            }
            ContractPath::EnvVar(name) => self.env_var(name).map(|v| v.origin.span),
            ContractPath::Function(name) => self.function(name).map(|f| f.origin.span),
            ContractPath::Bucket(name) => self.buckets.iter().find(|b| b.name == *name).map(|b| b.origin.span),
        }
    }

    fn bucket(&self, name: &str) -> Option<ContractPath> {
        self.buckets.iter().find(|b| b.name == name).map(|b| ContractPath::Bucket(b.name.clone()))
    }

    /// `GET /api/orders/{id}` (parameter names need not agree) or `webhook POST /api/stripe`.
    fn route(&self, kind: Option<&str>, method: Method, path: &str) -> Result<ContractPath, String> {
        let shape = |p: &str| -> Vec<String> {
            p.trim_matches('/')
                .split('/')
                .map(|s| if s.starts_with('{') || s.starts_with(':') { "{}".to_owned() } else { s.to_owned() })
                .collect()
        };
        let wanted = shape(path);
        let webhook = self.webhooks.iter().find(|w| w.method == method && shape(&w.path) == wanted);
        let endpoint = self.endpoints.iter().find(|e| e.method == method && shape(&e.path) == wanted);
        match (kind, endpoint, webhook) {
            (Some("webhook"), _, Some(w)) | (None, None, Some(w)) => {
                Ok(ContractPath::Webhook { method: w.method.as_str().to_owned(), path: w.path.clone() })
            }
            (None | Some("endpoint"), Some(e), _) => Ok(e.element(None)),
            _ => {
                let labels: Vec<String> = self.endpoints.iter().map(super::Endpoint::label).collect();
                let wanted = format!("{} {path}", method.as_str());
                Err(not_found(&format!("`{wanted}`"), did_you_mean(&wanted, labels.iter().map(String::as_str))))
            }
        }
    }

    /// `Entity.field` (or `table.column`), or `Enum.value`.
    fn member(&self, owner: &str, member: &str) -> Result<ContractPath, String> {
        if let Some(entity) = self.entity(owner).or_else(|| self.entity_by_table(owner)) {
            let field = entity.field(member).or_else(|| entity.field_by_column(member)).ok_or_else(|| {
                let names = entity.fields.iter().map(|f| f.name.as_str());
                not_found(&format!("entity `{}` has no field `{member}`", entity.name), did_you_mean(member, names))
            })?;
            return Ok(ContractPath::field(&entity.name, &field.name));
        }
        if let Some(enumeration) = self.enumeration(owner) {
            let value = enumeration.values.iter().find(|v| v.name == member).ok_or_else(|| {
                let names = enumeration.values.iter().map(|v| v.name.as_str());
                not_found(&format!("enum `{owner}` has no value `{member}`"), did_you_mean(member, names))
            })?;
            return Ok(ContractPath::EnumValue { enumeration: owner.to_owned(), value: value.name.clone() });
        }
        let names = self.entities.iter().map(|e| e.name.as_str()).chain(self.enums.iter().map(|e| e.name.as_str()));
        Err(not_found(&format!("no entity or enum `{owner}`"), did_you_mean(owner, names)))
    }
}

/// The kind words an element's name may start with.
const KINDS: [&str; 7] = ["entity", "enum", "env", "function", "bucket", "webhook", "endpoint"];

fn not_found(what: &str, suggestion: Option<&str>) -> String {
    let what = if what.starts_with('`') { format!("the contract has no element {what}") } else { what.to_owned() };
    match suggestion {
        Some(name) => format!("{what}; did you mean `{name}`?"),
        None => format!(
            "{what}: name an entity (`Order`), a field (`Order.status`), an enum value (`OrderStatus.paid`), an endpoint (`GET /api/orders`), an env variable, a function or a bucket"
        ),
    }
}

#[cfg(test)]
mod tests {
    use lockstep_diagnostics::{ContractPath, Sources};

    const CONTRACT: &str = "enum OrderStatus { pending paid }\n\n/// An order.\nentity Order {\n  id         uuid @id\n  customerId uuid\n  status     OrderStatus = pending\n}\n\nendpoint GET /api/orders/{id: uuid} {\n  200 Order\n}\n\nenv {\n  STRIPE_SECRET_KEY text secret\n}\n\nbucket avatars { private }\n";

    /// What each name finds, and the first line of its definition.
    fn find(name: &str) -> Result<(ContractPath, String), String> {
        let mut sources = Sources::new();
        let file = sources.add("app.lockstep", CONTRACT);
        let parsed = crate::syntax::parse(file, CONTRACT);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let resolved = crate::resolve::resolve(&sources, &[parsed.tree]);
        assert!(resolved.diagnostics.is_empty(), "{:?}", resolved.diagnostics);
        let path = resolved.contract.find_element(name)?;
        let span = resolved.contract.definition(&path).expect("every element found has a definition");
        let first = CONTRACT[span.start as usize..].lines().next().unwrap_or_default().to_owned();
        Ok((path, first))
    }

    #[test]
    fn names_find_elements_and_their_definitions() {
        let cases = [
            ("Order", "entity Order", "/// An order."),
            ("entity Order", "entity Order", "/// An order."),
            ("orders", "entity Order", "/// An order."),
            ("Order.status", "Order.status", "status     OrderStatus = pending"),
            ("orders.customer_id", "Order.customerId", "customerId uuid"),
            ("OrderStatus", "enum OrderStatus", "enum OrderStatus { pending paid }"),
            ("OrderStatus.paid", "OrderStatus.paid", "paid }"),
            ("GET /api/orders/{orderId}", "GET /api/orders/{id}", "endpoint GET /api/orders/{id: uuid} {"),
            ("get /api/orders/:id", "GET /api/orders/{id}", "endpoint GET /api/orders/{id: uuid} {"),
            ("STRIPE_SECRET_KEY", "env STRIPE_SECRET_KEY", "STRIPE_SECRET_KEY text secret"),
            ("avatars", "bucket avatars", "bucket avatars { private }"),
        ];
        for (name, element, first) in cases {
            let (path, line) = find(name).unwrap_or_else(|err| panic!("{name}: {err}"));
            assert_eq!((path.to_string(), line.as_str()), (element.to_owned(), first), "{name}");
        }
    }

    #[test]
    fn unknown_names_say_what_was_meant() {
        assert_eq!(find("Order.stauts").unwrap_err(), "entity `Order` has no field `stauts`; did you mean `status`?");
        assert_eq!(
            find("OrderStatus.shipped").unwrap_err().split(':').next(),
            Some("enum `OrderStatus` has no value `shipped`")
        );
        assert!(
            find("DELETE /api/orders/{id}")
                .unwrap_err()
                .starts_with("the contract has no element `DELETE /api/orders/{id}`")
        );
        assert!(find("Ordr").unwrap_err().ends_with("did you mean `Order`?"));
    }
}
