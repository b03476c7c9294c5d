//! A contract to an OpenAPI 3.1 document: types, enums and the entities that shapes use become
//! `components.schemas`; endpoints become operations. What OpenAPI has no place for (row access
//! rules, database functions, webhooks' signatures) is listed as a warning.

use lockstep_contract::model::{
    Auth, Contract, Endpoint, FieldNames, JsonField, Literal, Scalar, Shape, ShapeField, entity_fields, json_fields,
};

use crate::value::Value;

pub struct Exported {
    pub document: Value,
    pub warnings: Vec<String>,
}

fn s(text: &str) -> Value {
    Value::Str(text.to_owned())
}

fn obj(entries: Vec<(&str, Value)>) -> Value {
    Value::Object(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

const SECURITY_SCHEME: &str = "bearerAuth";

pub fn export(contract: &Contract, title: &str) -> Exported {
    let mut warnings = Vec::new();
    let mut paths: Vec<(String, Value)> = Vec::new();
    let mut uses_auth = false;
    for endpoint in &contract.endpoints {
        uses_auth |= endpoint.auth != Auth::None;
        let path = openapi_path(&endpoint.path);
        let operation = operation(contract, endpoint);
        let method = endpoint.method.as_str().to_ascii_lowercase();
        match paths.iter_mut().find(|(p, _)| *p == path) {
            Some((_, Value::Object(item))) => item.push((method, operation)),
            _ => paths.push((path, Value::Object(vec![(method, operation)]))),
        }
    }
    let mut schemas: Vec<(String, Value)> = Vec::new();
    for e in &contract.enums {
        let values = e.values.iter().map(|v| s(&v.name)).collect();
        schemas.push((
            e.name.clone(),
            with_docs(obj(vec![("type", s("string")), ("enum", Value::Array(values))]), e.origin.doc.as_ref()),
        ));
    }
    for entity in &contract.entities {
        let fields = object_schema(contract, &entity_fields(entity, FieldNames::Api));
        schemas.push((entity.name.clone(), with_docs(fields, entity.origin.doc.as_ref())));
        if !entity.policies.is_empty() {
            warnings.push(format!("entity {}: row access rules have no place in OpenAPI", entity.name));
        }
    }
    for t in &contract.types {
        schemas.push((t.name.clone(), with_docs(shape_schema(contract, &t.shape), t.origin.doc.as_ref())));
    }
    for f in &contract.functions {
        warnings.push(format!("function {}: database functions have no place in OpenAPI", f.name));
    }
    for w in &contract.webhooks {
        warnings.push(format!("webhook {}: incoming webhooks are not exported", w.path));
    }
    let mut components = vec![("schemas", Value::Object(schemas))];
    if uses_auth {
        components.push((
            "securitySchemes",
            obj(vec![(SECURITY_SCHEME, obj(vec![("type", s("http")), ("scheme", s("bearer"))]))]),
        ));
    }
    let document = obj(vec![
        ("openapi", s("3.1.0")),
        ("info", obj(vec![("title", s(title)), ("version", s("0.0.0"))])),
        ("paths", Value::Object(paths)),
        ("components", obj(components)),
    ]);
    Exported { document, warnings }
}

fn openapi_path(path: &str) -> String {
    path.split('/')
        .map(|segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(inner) => format!("{{{}}}", inner.split(':').next().unwrap_or(inner).trim()),
            None => segment.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn operation(contract: &Contract, endpoint: &Endpoint) -> Value {
    let mut entries: Vec<(&str, Value)> = Vec::new();
    if let Some(docs) = &endpoint.origin.doc {
        entries.push(("description", s(docs)));
    }
    let mut parameters = Vec::new();
    for param in &endpoint.params {
        parameters.push(obj(vec![
            ("name", s(&param.name)),
            ("in", s("path")),
            ("required", Value::Bool(true)),
            ("schema", shape_schema(contract, &param.shape)),
        ]));
    }
    for (place, fields) in [("query", &endpoint.query), ("header", &endpoint.headers)] {
        for field in fields {
            let mut parameter = vec![
                ("name", s(&field.name)),
                ("in", s(place)),
                ("required", Value::Bool(!field.optional && field.default.is_none())),
                ("schema", field_value_schema(contract, field)),
            ];
            if let Some(docs) = &field.origin.doc {
                parameter.insert(2, ("description", s(docs)));
            }
            parameters.push(obj(parameter));
        }
    }
    if !parameters.is_empty() {
        entries.push(("parameters", Value::Array(parameters)));
    }
    if let Some(body) = &endpoint.body {
        entries.push((
            "requestBody",
            obj(vec![
                ("required", Value::Bool(true)),
                ("content", obj(vec![("application/json", obj(vec![("schema", shape_schema(contract, body))]))])),
            ]),
        ));
    }
    let responses: Vec<(String, Value)> = endpoint
        .responses
        .iter()
        .map(|r| {
            let mut response = vec![("description", s(reason(r.status)))];
            if let Some(body) = &r.body {
                response.push((
                    "content",
                    obj(vec![("application/json", obj(vec![("schema", shape_schema(contract, body))]))]),
                ));
            }
            (r.status.to_string(), obj(response))
        })
        .collect();
    entries.push(("responses", Value::Object(responses)));
    match endpoint.auth {
        Auth::Required => {
            entries.push(("security", Value::Array(vec![obj(vec![(SECURITY_SCHEME, Value::Array(Vec::new()))])])));
        }
        Auth::Optional => entries.push((
            "security",
            Value::Array(vec![obj(Vec::new()), obj(vec![(SECURITY_SCHEME, Value::Array(Vec::new()))])]),
        )),
        Auth::None => {}
    }
    obj(entries)
}

/// A query or header parameter's schema, with its default.
fn field_value_schema(contract: &Contract, field: &ShapeField) -> Value {
    with_default(shape_schema(contract, &field.shape), field.default.as_ref())
}

fn with_default(schema: Value, default: Option<&Literal>) -> Value {
    match (default, schema) {
        (Some(default), Value::Object(mut entries)) => {
            entries.push(("default".to_owned(), literal(default)));
            Value::Object(entries)
        }
        (_, schema) => schema,
    }
}

fn literal(literal: &Literal) -> Value {
    match literal {
        Literal::Bool(b) => Value::Bool(*b),
        Literal::Number(n) => n.parse::<i64>().map_or_else(|_| Value::Real(n.clone()), Value::Int),
        Literal::String(t) => s(t),
        Literal::Null => Value::Null,
        Literal::List(items) => Value::Array(items.iter().map(self::literal).collect()),
    }
}

fn shape_schema(contract: &Contract, shape: &Shape) -> Value {
    match shape {
        Shape::Scalar(scalar) => scalar_schema(*scalar),
        Shape::Enum(name) | Shape::Entity(name) | Shape::Type(name) => reference(name),
        // A `Pick` of a name the contract lacks was reported when resolving; an empty object
        // stands in.
        Shape::Select { .. } | Shape::Object(_) => {
            object_schema(contract, &json_fields(contract, shape, FieldNames::Api).unwrap_or_default())
        }
        Shape::Array(inner) => obj(vec![("type", s("array")), ("items", shape_schema(contract, inner))]),
        Shape::Nullable(inner) => nullable(shape_schema(contract, inner)),
    }
}

fn reference(name: &str) -> Value {
    obj(vec![("$ref", s(&format!("#/components/schemas/{name}")))])
}

/// An object's schema: each key's value (`null` allowed where the field is nullable, its
/// default, its doc comment), and the keys that must be present.
fn object_schema(contract: &Contract, fields: &[JsonField]) -> Value {
    let required: Vec<Value> = fields.iter().filter(|f| f.required).map(|f| s(f.name)).collect();
    let mut entries = vec![("type", s("object"))];
    if !required.is_empty() {
        entries.push(("required", Value::Array(required)));
    }
    let properties = fields.iter().map(|f| {
        let schema = shape_schema(contract, &f.shape);
        let schema = if f.nullable { nullable(schema) } else { schema };
        (f.name.to_owned(), with_docs(with_default(schema, f.default), f.origin.doc.as_ref()))
    });
    entries.push(("properties", Value::Object(properties.collect())));
    obj(entries)
}

/// A value that may also be `null`: `type: [T, "null"]`, or `oneOf` with a reference.
fn nullable(schema: Value) -> Value {
    let Value::Object(mut entries) = schema else { return schema };
    if let Some((_, ty)) = entries.iter_mut().find(|(k, _)| k == "type") {
        if let Value::Str(t) = ty {
            *ty = Value::Array(vec![s(t), s("null")]);
        }
        return Value::Object(entries);
    }
    obj(vec![("oneOf", Value::Array(vec![Value::Object(entries), obj(vec![("type", s("null"))])]))])
}

fn with_docs(schema: Value, docs: Option<&String>) -> Value {
    match (schema, docs) {
        (Value::Object(mut entries), Some(docs)) if !entries.iter().any(|(k, _)| k == "$ref") => {
            entries.push(("description".to_owned(), s(docs)));
            Value::Object(entries)
        }
        (schema, _) => schema,
    }
}

fn scalar_schema(scalar: Scalar) -> Value {
    let (ty, format) = match scalar {
        Scalar::Uuid => ("string", Some("uuid")),
        Scalar::Text
        | Scalar::Varchar(_)
        | Scalar::Char(_)
        | Scalar::Interval
        | Scalar::Tsvector
        | Scalar::Inet
        | Scalar::Cidr
        | Scalar::Macaddr => ("string", None),
        Scalar::SmallInt | Scalar::Int => ("integer", None),
        Scalar::BigInt => ("integer", Some("int64")),
        Scalar::Numeric(_) => ("number", None),
        Scalar::Real => ("number", Some("float")),
        Scalar::Double => ("number", Some("double")),
        Scalar::Bool => ("boolean", None),
        Scalar::Date => ("string", Some("date")),
        Scalar::Time => ("string", Some("time")),
        Scalar::Timestamp | Scalar::Timestamptz => ("string", Some("date-time")),
        Scalar::Json | Scalar::Jsonb => return obj(Vec::new()),
        Scalar::Bytea => ("string", Some("byte")),
        // pgvector sends an embedding as a JSON array of numbers.
        Scalar::Vector(_) => return obj(vec![("type", s("array")), ("items", obj(vec![("type", s("number"))]))]),
    };
    let mut entries = vec![("type", s(ty))];
    if let Some(format) = format {
        entries.push(("format", s(format)));
    }
    obj(entries)
}

/// The reason phrase OpenAPI wants as a response description.
fn reason(status: u16) -> &'static str {
    let known = [
        (200, "OK"),
        (201, "Created"),
        (202, "Accepted"),
        (204, "No Content"),
        (301, "Moved Permanently"),
        (302, "Found"),
        (304, "Not Modified"),
        (400, "Bad Request"),
        (401, "Unauthorized"),
        (403, "Forbidden"),
        (404, "Not Found"),
        (409, "Conflict"),
        (410, "Gone"),
        (422, "Unprocessable Content"),
        (429, "Too Many Requests"),
        (500, "Internal Server Error"),
        (503, "Service Unavailable"),
    ];
    if let Some((_, phrase)) = known.iter().find(|(code, _)| *code == status) {
        return phrase;
    }
    match status / 100 {
        1 => "Informational",
        2 => "Success",
        3 => "Redirection",
        4 => "Client error",
        _ => "Server error",
    }
}
