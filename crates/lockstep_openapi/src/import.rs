//! An OpenAPI 3.0 or 3.1 document to contract text: named schemas become `type`s and `enum`s,
//! operations become `endpoint`s. What the contract cannot say (validation keywords, other
//! content types, `oneOf`, cookies, servers, extensions) is listed as a warning, never dropped
//! silently.

use std::collections::BTreeSet;
use std::fmt::Write;

use lockstep_contract::format::name_or_string;

use crate::refs::{RefError, follow, pointer};
use crate::value::Value;

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// The scalars `shape` writes; each may be a parameter.
const PARAMETER_SCALARS: [&str; 13] = [
    "text",
    "timestamptz",
    "date",
    "time",
    "uuid",
    "bytea",
    "int",
    "bigint",
    "real",
    "double",
    "numeric",
    "bool",
    "json",
];

/// Schemas nested deeper than this (inline, or through references that are inlined) are typed
/// `json`: the conversion recurses once per level.
const MAX_SCHEMA_DEPTH: usize = 64;
/// Schemas converted in one document at most: inlined references that each use others twice
/// would otherwise cost exponential time. Past it, schemas are typed `json`.
const MAX_SCHEMA_CONVERSIONS: usize = 100_000;

/// Schema keywords that constrain values; the contract keeps types, not constraints.
const CONSTRAINTS: [&str; 16] = [
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "multipleOf",
    "minProperties",
    "maxProperties",
    "const",
    "not",
    "discriminator",
];

#[derive(Debug)]
pub struct Imported {
    /// The contract source, not yet formatted.
    pub contract: String,
    pub warnings: Vec<String>,
}

#[derive(Debug)]
pub enum ImportError {
    NotOpenApi(String),
    Ref(RefError),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::NotOpenApi(why) => f.write_str(why),
            ImportError::Ref(e) => e.fmt(f),
        }
    }
}

impl From<RefError> for ImportError {
    fn from(e: RefError) -> Self {
        ImportError::Ref(e)
    }
}

pub fn import(doc: &Value) -> Result<Imported, ImportError> {
    let version = doc.str("openapi").ok_or_else(|| {
        ImportError::NotOpenApi(if doc.get("swagger").is_some() {
            "this is a Swagger 2.0 document; convert it to OpenAPI 3 first (e.g. with `swagger2openapi`)".to_owned()
        } else {
            "no `openapi` version field: this is not an OpenAPI document".to_owned()
        })
    })?;
    if !(version.starts_with("3.0") || version.starts_with("3.1")) {
        return Err(ImportError::NotOpenApi(format!("OpenAPI {version} is not supported; 3.0 and 3.1 are")));
    }
    let mut importer = Importer {
        doc,
        warnings: Vec::new(),
        enums: Vec::new(),
        out: String::new(),
        depth: 0,
        conversions: 0,
        inlining: Vec::new(),
        reserved: BTreeSet::new(),
    };
    importer.header(version);
    importer.schemas()?;
    importer.paths()?;
    let mut contract = String::new();
    for (name, values, docs) in &importer.enums {
        write_docs(&mut contract, docs, "");
        let values: Vec<String> = values.iter().map(|v| name_or_string(v)).collect();
        let _ = writeln!(contract, "enum {name} {{ {} }}\n", values.join(" "));
    }
    contract.push_str(&importer.out);
    Ok(Imported { contract: importer.header_text(version) + &contract, warnings: importer.warnings })
}

struct Importer<'d> {
    doc: &'d Value,
    warnings: Vec<String>,
    /// Enums found along the way: name, values, docs.
    enums: Vec<(String, Vec<String>, String)>,
    out: String,
    /// Schemas being converted, one inside the other.
    depth: usize,
    conversions: usize,
    /// The references being inlined, outermost first: one met again refers to itself.
    inlining: Vec<String>,
    /// The contract names of `components.schemas`, which inline enums must not take.
    reserved: BTreeSet<String>,
}

impl<'d> Importer<'d> {
    fn warn(&mut self, at: &str, message: impl std::fmt::Display) {
        self.warnings.push(format!("{at}: {message}"));
    }

    fn header(&mut self, _version: &str) {
        if let Some(servers) = self.doc.get("servers") {
            let urls: Vec<&str> = servers.items().iter().filter_map(|s| s.str("url")).collect();
            if !urls.is_empty() {
                self.warn(
                    "servers",
                    format!("not represented ({}); endpoint paths are kept as written", urls.join(", ")),
                );
            }
        }
        if let Some(security) = self.doc.get("components").and_then(|c| c.get("securitySchemes")) {
            let names: Vec<&str> = security.entries().iter().map(|(n, _)| n.as_str()).collect();
            self.warn(
                "components.securitySchemes",
                format!(
                    "scheme details are not represented ({}); operations that require one get `auth required`",
                    names.join(", ")
                ),
            );
        }
    }

    fn header_text(&self, version: &str) -> String {
        let info = self.doc.get("info");
        // The header is one comment line: line breaks and other control characters in the
        // document's strings would end it and leave the rest as contract text.
        let one_line = |text: &str| -> String {
            text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_owned()
        };
        let title = one_line(info.and_then(|i| i.str("title")).unwrap_or("an API"));
        let api_version = one_line(info.and_then(|i| i.str("version")).unwrap_or("?"));
        let version = one_line(version);
        format!("// Imported from {title} {api_version} (OpenAPI {version}) by `lockstep import openapi`.\n\n")
    }

    fn schemas(&mut self) -> Result<(), ImportError> {
        let Some(schemas) = self.doc.get("components").and_then(|c| c.get("schemas")) else { return Ok(()) };
        self.reserved = schemas.entries().iter().map(|(raw, _)| type_name(raw)).collect();
        let mut written: BTreeSet<String> = BTreeSet::new();
        for (raw_name, schema) in schemas.entries() {
            let name = type_name(raw_name);
            let at = format!("components.schemas.{raw_name}");
            if !written.insert(name.clone()) {
                self.warn(&at, format!("its contract name `{name}` is another schema's too; it is left out"));
                continue;
            }
            let docs = schema.str("description").unwrap_or_default().to_owned();
            let resolved = follow(self.doc, schema)?;
            if let Some(values) = string_enum(resolved) {
                self.enums.push((name, values, docs));
                continue;
            }
            let shape = self.shape(schema, &at, &name)?;
            write_docs(&mut self.out, &docs, "");
            if shape.starts_with('{') {
                let _ = writeln!(self.out, "type {name} {shape}\n");
            } else {
                let _ = writeln!(self.out, "type {name} = {shape}\n");
            }
        }
        Ok(())
    }

    fn paths(&mut self) -> Result<(), ImportError> {
        let Some(paths) = self.doc.get("paths") else { return Ok(()) };
        let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
        for (path, item) in paths.entries() {
            let item = follow(self.doc, item)?;
            let shared = item.get("parameters").map(Value::items).unwrap_or_default();
            for (key, _) in item.entries() {
                if !METHODS.contains(&key.as_str())
                    && !matches!(key.as_str(), "parameters" | "summary" | "description" | "servers")
                {
                    self.warn(&format!("paths.{path}"), format!("`{key}` is not represented"));
                }
            }
            for method in METHODS {
                let Some(operation) = item.get(method) else { continue };
                let at = format!("{} {path}", method.to_ascii_uppercase());
                let key = (method.to_owned(), path_key(path));
                if !seen.insert(key) {
                    self.warn(
                        &at,
                        "the same method and path (up to parameter names) appear twice; the second is left out",
                    );
                    continue;
                }
                self.operation(path, method, operation, shared, &at)?;
            }
        }
        Ok(())
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        operation: &'d Value,
        shared: &'d [Value],
        at: &str,
    ) -> Result<(), ImportError> {
        let mut body = String::new();
        let mut params: Vec<&'d Value> = Vec::new();
        for parameter in shared.iter().chain(operation.get("parameters").map(Value::items).unwrap_or_default()) {
            let parameter = follow(self.doc, parameter)?;
            let name = parameter.str("name").unwrap_or_default();
            let place = parameter.str("in").unwrap_or_default();
            params.retain(|p| !(p.str("name") == Some(name) && p.str("in") == Some(place)));
            params.push(parameter);
        }
        if let Some(problem) = unwritable_path(path) {
            self.warn(at, format!("the path cannot be written in a contract ({problem}); the operation is left out"));
            return Ok(());
        }
        let contract_path = self.contract_path(path, &params, at)?;
        match security(self.doc, operation) {
            Auth::Required => body.push_str("  auth required\n"),
            Auth::Optional => body.push_str("  auth optional\n"),
            Auth::None => {}
        }
        for (place, keyword) in [("query", "query"), ("header", "headers")] {
            // A parameter needs a name, and one name is one field: a nameless or repeated
            // parameter would write contract text that does not resolve.
            let mut named: Vec<&Value> = Vec::new();
            for parameter in params.iter().filter(|p| p.str("in") == Some(place)) {
                match parameter.str("name") {
                    None => self.warn(at, format!("a {place} parameter without a `name` is left out")),
                    Some(name) if named.iter().any(|p| p.str("name") == Some(name)) => {
                        self.warn(at, format!("{place} parameter `{name}` is listed twice; the first is kept"));
                    }
                    Some(_) => named.push(parameter),
                }
            }
            let fields: Vec<String> = named.iter().map(|p| self.parameter(p, at)).collect::<Result<_, _>>()?;
            if !fields.is_empty() {
                let _ = writeln!(body, "  {keyword} {{ {} }}", fields.join(", "));
            }
        }
        for parameter in params.iter().filter(|p| p.str("in") == Some("cookie")) {
            self.warn(at, format!("cookie parameter `{}` is not represented", parameter.str("name").unwrap_or("?")));
        }
        if let Some(request) = operation.get("requestBody") {
            let request = follow(self.doc, request)?;
            if request.get("required").and_then(Value::as_bool) != Some(true) {
                self.warn(at, "the request body is optional in the spec; the contract's `body` is required");
            }
            if let Some(schema) = self.json_schema(request, &format!("{at} request body")) {
                let shape = self.shape(
                    schema,
                    &format!("{at} request body"),
                    &format!("{}Body", operation_name(operation, method, path)),
                )?;
                let _ = writeln!(body, "  body {shape}");
            }
        }
        if let Some(responses) = operation.get("responses") {
            let hint = operation_name(operation, method, path);
            self.responses(responses, at, &hint, &mut body)?;
        }
        for (key, _) in operation.entries() {
            if key.starts_with("x-") || matches!(key.as_str(), "callbacks" | "servers" | "deprecated" | "externalDocs")
            {
                self.warn(at, format!("`{key}` is not represented"));
            }
        }
        let docs = operation.str("summary").or_else(|| operation.str("description")).unwrap_or_default();
        write_docs(&mut self.out, docs, "");
        let _ = writeln!(self.out, "endpoint {} {contract_path} {{\n{body}}}\n", method.to_ascii_uppercase());
        Ok(())
    }

    /// The contract path of an OpenAPI path, path parameters typed from `params`.
    fn contract_path(&mut self, path: &str, params: &[&'d Value], at: &str) -> Result<String, ImportError> {
        let mut contract_path = String::new();
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            contract_path.push('/');
            let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
                contract_path.push_str(segment);
                continue;
            };
            let schema = params
                .iter()
                .find(|p| p.str("in") == Some("path") && p.str("name") == Some(name))
                .and_then(|p| p.get("schema"));
            let place = format!("{at} path parameter `{name}`");
            let mut ty = match schema {
                Some(schema) => self.shape(schema, &place, "")?,
                None => "text".to_owned(),
            };
            if !self.is_parameter_shape(&ty, false) {
                let shown = if ty.starts_with('{') { "an object".to_owned() } else { format!("`{ty}`") };
                self.warn(&place, format!("a path segment holds one scalar or enum value, not {shown}; typed `text`"));
                "text".clone_into(&mut ty);
            }
            let _ = write!(contract_path, "{{{}: {ty}}}", name_or_string(name));
        }
        if contract_path.is_empty() {
            contract_path.push('/');
        }
        Ok(contract_path)
    }

    /// The responses of an operation, one line each, into `body`; `hint` names inline enums.
    fn responses(&mut self, responses: &'d Value, at: &str, hint: &str, body: &mut String) -> Result<(), ImportError> {
        let mut statuses: BTreeSet<u16> = BTreeSet::new();
        for (status, response) in responses.entries() {
            let Some(code) = status.parse::<u16>().ok().filter(|code| (100..=599).contains(code)) else {
                self.warn(at, format!("response `{status}` is not a status code; it is left out"));
                continue;
            };
            if !statuses.insert(code) {
                self.warn(at, format!("response `{status}` is status {code} again; it is left out"));
                continue;
            }
            let response = follow(self.doc, response)?;
            let where_ = format!("{at} response {code}");
            let mut schema = self.json_schema(response, &where_);
            if schema.is_some() && matches!(code, 204 | 205 | 304) {
                self.warn(&where_, format!("a {code} response has no body in HTTP; its body is left out"));
                schema = None;
            }
            match schema {
                Some(schema) => {
                    let shape = self.shape(schema, &where_, &format!("{hint}{code}"))?;
                    let _ = writeln!(body, "  {code} {shape}");
                }
                None => {
                    let _ = writeln!(body, "  {code}");
                }
            }
            if response.get("headers").is_some() {
                self.warn(&where_, "response headers are not represented");
            }
        }
        Ok(())
    }

    /// A query or header parameter as a contract field.
    fn parameter(&mut self, parameter: &Value, at: &str) -> Result<String, ImportError> {
        let name = parameter.str("name").unwrap_or("?");
        let required = parameter.get("required").and_then(Value::as_bool) == Some(true);
        let Some(schema) = parameter.get("schema") else {
            self.warn(at, format!("parameter `{name}` has no schema; it is typed `text`"));
            return Ok(format!("{}{}: text", name_or_string(name), if required { "" } else { "?" }));
        };
        let place = format!("{at} parameter `{name}`");
        let mut shape = self.shape(schema, &place, "")?;
        if !self.is_parameter_shape(&shape, true) {
            let shown = if shape.starts_with('{') { "an object".to_owned() } else { format!("`{shape}`") };
            self.warn(
                &place,
                format!("the parameter ({shown}) is not a scalar, an enum or a list of them; typed `json`"),
            );
            "json".clone_into(&mut shape);
        }
        let default = match follow(self.doc, schema)?.get("default") {
            Some(default) => self.default_text(&shape, default, &place),
            None => None,
        };
        let optional = if required || default.is_some() { "" } else { "?" };
        Ok(match default {
            Some(default) => format!("{}{optional}: {shape} = {default}", name_or_string(name)),
            None => format!("{}{optional}: {shape}", name_or_string(name)),
        })
    }

    /// The `application/json` schema of a request or response; other content is warned about.
    fn json_schema(&mut self, holder: &'d Value, at: &str) -> Option<&'d Value> {
        let content = holder.get("content")?;
        let mut found = None;
        for (media, item) in content.entries() {
            if media == "application/json" || (found.is_none() && media.ends_with("+json")) {
                found = item.get("schema");
            } else {
                self.warn(at, format!("content `{media}` is not represented"));
            }
        }
        found
    }

    /// A schema as a contract shape. `hint` names inline enums (`ArticleStatus`).
    fn shape(&mut self, schema: &Value, at: &str, hint: &str) -> Result<String, ImportError> {
        if self.depth >= MAX_SCHEMA_DEPTH {
            self.warn(at, format!("the schema nests more than {MAX_SCHEMA_DEPTH} levels deep; typed `json`"));
            return Ok("json".to_owned());
        }
        self.conversions += 1;
        if self.conversions == MAX_SCHEMA_CONVERSIONS {
            self.warn(at, format!("the document asks for more than {MAX_SCHEMA_CONVERSIONS} schema conversions (inlined references that use others); from here on schemas are typed `json`"));
        }
        if self.conversions >= MAX_SCHEMA_CONVERSIONS {
            return Ok("json".to_owned());
        }
        self.depth += 1;
        let shape = self.nested_shape(schema, at, hint);
        self.depth -= 1;
        shape
    }

    fn nested_shape(&mut self, schema: &Value, at: &str, hint: &str) -> Result<String, ImportError> {
        if let Some(reference) = schema.str("$ref") {
            // A whole component is a named type; a part of one (`.../A/properties/b`) is inlined.
            let component = reference.strip_prefix("#/components/schemas/").filter(|name| !name.contains('/'));
            if let Some(name) = component {
                pointer(self.doc, reference)?;
                return Ok(type_name(name));
            }
            if self.inlining.iter().any(|r| r == reference) {
                self.warn(at, format!("`$ref: {reference}` is inside the schema it refers to; typed `json`"));
                return Ok("json".to_owned());
            }
            let target = follow(self.doc, schema)?;
            self.inlining.push(reference.to_owned());
            let shape = self.shape(target, at, hint);
            self.inlining.pop();
            return shape;
        }
        for keyword in CONSTRAINTS {
            if schema.get(keyword).is_some() {
                self.warn(at, format!("`{keyword}` is not represented"));
            }
        }
        if schema.get("oneOf").is_some() || schema.get("anyOf").is_some() {
            let (inner, nullable) = nullable_variant(schema);
            if let Some(inner) = inner {
                let shape = self.shape(inner, at, hint)?;
                return Ok(if nullable { format!("{shape}?") } else { shape });
            }
            self.warn(at, "`oneOf`/`anyOf` is not represented; typed `json`");
            return Ok("json".to_owned());
        }
        if let Some(all) = schema.get("allOf") {
            return self.all_of(all.items(), at, hint);
        }
        let (ty, nullable) = schema_type(schema);
        let mut shape = match ty.as_deref() {
            Some("string") if schema.get("enum").is_some() => {
                if let Some(values) = string_enum(schema) {
                    let name = if hint.is_empty() { "Value".to_owned() } else { type_name(hint) };
                    self.add_enum(&name, values)
                } else {
                    self.warn(at, "an `enum` whose values are not all strings is not represented; typed `text`");
                    "text".to_owned()
                }
            }
            Some("string") => match schema.str("format") {
                Some("date-time") => "timestamptz".to_owned(),
                Some("date") => "date".to_owned(),
                Some("time") => "time".to_owned(),
                Some("uuid") => "uuid".to_owned(),
                Some("byte" | "binary") => "bytea".to_owned(),
                Some(other) => {
                    self.warn(at, format!("string format `{other}` is not represented; typed `text`"));
                    "text".to_owned()
                }
                None => "text".to_owned(),
            },
            Some("integer") => match schema.str("format") {
                Some("int64") => "bigint".to_owned(),
                _ => "int".to_owned(),
            },
            Some("number") => match schema.str("format") {
                Some("float") => "real".to_owned(),
                Some("double") => "double".to_owned(),
                _ => "numeric".to_owned(),
            },
            Some("boolean") => "bool".to_owned(),
            Some("array") => match schema.get("items") {
                Some(items) => format!("{}[]", self.shape(items, at, hint)?),
                None => "json[]".to_owned(),
            },
            Some("object") | None if schema.get("properties").is_some() => self.object(schema, at, hint)?,
            Some("object") | None => {
                if schema.get("additionalProperties").is_some_and(|a| !matches!(a, Value::Bool(_))) {
                    self.warn(at, "a map (`additionalProperties` with a schema) is not represented; typed `json`");
                }
                "json".to_owned()
            }
            Some(other) => {
                self.warn(at, format!("type `{other}` is not represented; typed `json`"));
                "json".to_owned()
            }
        };
        if nullable {
            shape.push('?');
        }
        Ok(shape)
    }

    fn object(&mut self, schema: &Value, at: &str, hint: &str) -> Result<String, ImportError> {
        let required: Vec<&str> = schema
            .get("required")
            .map(|r| {
                r.items().iter().filter_map(|v| if let Value::Str(s) = v { Some(s.as_str()) } else { None }).collect()
            })
            .unwrap_or_default();
        let mut fields = Vec::new();
        for (name, property) in schema.get("properties").map(Value::entries).unwrap_or_default() {
            let field_hint = format!("{hint}{}", upper_first(name));
            let shape = self.shape(property, &format!("{at}.{name}"), &field_hint)?;
            let docs = property.str("description").map(|d| d.lines().next().unwrap_or_default().to_owned());
            let optional = if required.contains(&name.as_str()) { "" } else { "?" };
            let mut field = String::new();
            if let Some(docs) = docs.filter(|d| !d.trim().is_empty()) {
                let _ = write!(field, "\n/// {}\n", docs.trim());
            }
            let _ = write!(field, "{}{optional}: {shape}", name_or_string(name));
            if let Some(default) = follow(self.doc, property)?.get("default") {
                if let Some(default) = self.default_text(&shape, default, &format!("{at}.{name}")) {
                    let _ = write!(field, " = {default}");
                }
            }
            fields.push(field);
        }
        if schema.get("additionalProperties").is_some_and(|a| !matches!(a, Value::Bool(false))) {
            self.warn(at, "extra properties (`additionalProperties`) are not represented");
        }
        Ok(format!("{{\n{}\n}}", fields.join("\n")))
    }

    /// `allOf` of objects (directly or by reference): their fields together.
    fn all_of(&mut self, parts: &[Value], at: &str, hint: &str) -> Result<String, ImportError> {
        if let [one] = parts {
            return self.shape(one, at, hint);
        }
        let mut merged: Vec<(String, Value)> = Vec::new();
        let mut required: Vec<Value> = Vec::new();
        for part in parts {
            let part = follow(self.doc, part)?;
            if part.get("allOf").is_some() || part.get("properties").is_none() {
                self.warn(at, "an `allOf` part that is not an object with properties is not represented");
                continue;
            }
            for (name, property) in part.get("properties").map(Value::entries).unwrap_or_default() {
                merged.retain(|(n, _)| n != name);
                merged.push((name.clone(), property.clone()));
            }
            required.extend(part.get("required").map(Value::items).unwrap_or_default().iter().cloned());
        }
        let object = Value::Object(vec![
            ("type".to_owned(), Value::Str("object".to_owned())),
            ("required".to_owned(), Value::Array(required)),
            ("properties".to_owned(), Value::Object(merged)),
        ]);
        self.object(&object, at, hint)
    }

    /// A default as contract text, when the contract can hold it and it fits `shape` (the
    /// contract text of its type); otherwise a warning says why it is left out.
    fn default_text(&mut self, shape: &str, value: &Value, at: &str) -> Option<String> {
        let problem = match literal(value) {
            Ok(text) => match self.default_misfit(shape, value) {
                None => return Some(text),
                Some(problem) => problem,
            },
            Err(problem) => problem,
        };
        self.warn(at, format!("the default is left out: {problem}"));
        None
    }

    /// Why `value` is not a value of the contract type `shape`, if it is not.
    fn default_misfit(&self, shape: &str, value: &Value) -> Option<String> {
        let misfit = || Some(format!("it is not a value of type `{shape}`"));
        if let Some(inner) = shape.strip_suffix('?') {
            return if matches!(value, Value::Null) { None } else { self.default_misfit(inner, value) };
        }
        if let Some(item) = shape.strip_suffix("[]") {
            return match value {
                Value::Array(items) => items.iter().find_map(|v| self.default_misfit(item, v)),
                _ => misfit(),
            };
        }
        match (shape, value) {
            ("int", Value::Int(i)) if i32::try_from(*i).is_err() => {
                Some(format!("`{i}` is out of range for `int` (add `format: int64`)"))
            }
            ("json", _)
            | ("bool", Value::Bool(_))
            | ("int" | "bigint", Value::Int(_))
            | ("real" | "double" | "numeric", Value::Int(_) | Value::Real(_))
            | ("text" | "timestamptz" | "date" | "time" | "uuid" | "bytea", Value::Str(_)) => None,
            (name, Value::Str(s)) => match self.enums.iter().find(|(e, _, _)| e == name) {
                Some((_, values, _)) if values.contains(s) => None,
                Some(_) => Some(format!("{s:?} is not a value of enum `{name}`")),
                None => misfit(),
            },
            _ => misfit(),
        }
    }

    /// Whether the contract text `shape` is a scalar or an enum, as parameters must be; `list`
    /// allows a list of them too (query and header parameters).
    fn is_parameter_shape(&self, shape: &str, list: bool) -> bool {
        let mut shape = shape.strip_suffix('?').unwrap_or(shape);
        if list {
            shape = shape.strip_suffix("[]").unwrap_or(shape);
            shape = shape.strip_suffix('?').unwrap_or(shape);
        }
        PARAMETER_SCALARS.contains(&shape) || self.enums.iter().any(|(name, _, _)| name == shape)
    }

    /// Adds an inline enum under a free name (or finds the same one).
    fn add_enum(&mut self, name: &str, values: Vec<String>) -> String {
        if let Some((existing, _, _)) = self.enums.iter().find(|(_, v, _)| *v == values) {
            return existing.clone();
        }
        let mut candidate = name.to_owned();
        let mut n = 2;
        while self.enums.iter().any(|(e, _, _)| *e == candidate) || self.reserved.contains(&candidate) {
            candidate = format!("{name}{n}");
            n += 1;
        }
        self.enums.push((candidate.clone(), values, String::new()));
        candidate
    }
}

enum Auth {
    Required,
    Optional,
    None,
}

/// An operation's `security`, or the document's: a requirement list with an empty entry is
/// optional, one without is required.
fn security(doc: &Value, operation: &Value) -> Auth {
    let Some(requirements) = operation.get("security").or_else(|| doc.get("security")) else { return Auth::None };
    let items = requirements.items();
    if items.is_empty() {
        return Auth::None;
    }
    if items.iter().any(|r| r.entries().is_empty()) { Auth::Optional } else { Auth::Required }
}

/// `type` and whether `null` is allowed: 3.0 `nullable: true`, 3.1 `type: [T, "null"]`.
fn schema_type(schema: &Value) -> (Option<String>, bool) {
    let nullable_30 = schema.get("nullable").and_then(Value::as_bool) == Some(true);
    match schema.get("type") {
        Some(Value::Str(t)) => (Some(t.clone()), nullable_30),
        Some(Value::Array(types)) => {
            let names: Vec<&str> =
                types.iter().filter_map(|t| if let Value::Str(s) = t { Some(s.as_str()) } else { None }).collect();
            let nullable = names.contains(&"null");
            let other = names.iter().find(|n| **n != "null").map(|n| (*n).to_owned());
            (other, nullable || nullable_30)
        }
        _ => (None, nullable_30),
    }
}

/// `oneOf: [X, { type: "null" }]`: X, nullable. `None` for any other union.
fn nullable_variant(schema: &Value) -> (Option<&Value>, bool) {
    let variants = schema.get("oneOf").or_else(|| schema.get("anyOf")).map(Value::items).unwrap_or_default();
    let is_null = |v: &Value| v.str("type") == Some("null");
    match variants {
        [a, b] if is_null(b) => (Some(a), true),
        [a, b] if is_null(a) => (Some(b), true),
        [a] => (Some(a), false),
        _ => (None, false),
    }
}

fn string_enum(schema: &Value) -> Option<Vec<String>> {
    let values = schema.get("enum")?.items();
    let mut strings: Vec<String> = Vec::with_capacity(values.len());
    for value in values {
        let Value::Str(s) = value else { return None };
        // A value listed twice is one value: the contract refuses duplicates.
        if !strings.contains(s) {
            strings.push(s.clone());
        }
    }
    (!strings.is_empty()).then_some(strings)
}

/// A literal default as the contract writes it, or why the contract cannot hold it.
fn literal(value: &Value) -> Result<String, String> {
    Ok(match value {
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Real(r) => plain_number(r)?,
        Value::Str(s) => {
            if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
                return Err("a string with control characters cannot be written in a contract".to_owned());
            }
            let escaped = s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n").replace('\t', "\\t");
            format!("\"{escaped}\"")
        }
        Value::Null => "null".to_owned(),
        Value::Array(items) => format!("[{}]", items.iter().map(literal).collect::<Result<Vec<_>, _>>()?.join(", ")),
        Value::Object(_) => return Err("an object as a default is not represented".to_owned()),
    })
}

/// A YAML or JSON number in the contract's syntax (`-12.5`: no exponent, no `.nan`).
fn plain_number(raw: &str) -> Result<String, String> {
    let (sign, digits) = raw.strip_prefix('-').map_or(("", raw), |d| ("-", d));
    let (integral, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let is_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if is_digits(integral) && is_digits(fraction) {
        return Ok(format!("{sign}{digits}"));
    }
    let Ok(number) = raw.replace('_', "").parse::<f64>() else {
        return Err(format!("`{raw}` is not a number the contract can write"));
    };
    if !number.is_finite() {
        return Err(format!("`{raw}` is not a finite number"));
    }
    // Rust prints floats without an exponent; a huge or tiny one becomes a long digit string.
    let plain = number.to_string();
    if plain.len() > 40 {
        return Err(format!("`{raw}` needs more than 40 digits written without an exponent"));
    }
    Ok(plain)
}

/// Why `path` cannot be a contract path, if it cannot: a contract path segment is literal text
/// (letters, digits and `-._~:@*$`) or one `{name}`.
fn unwritable_path(path: &str) -> Option<String> {
    let mut names: Vec<&str> = Vec::new();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) if names.contains(&name) => return Some(format!("parameter `{name}` appears twice")),
            Some(name) if lockstep_contract::syntax::is_identifier(name) => names.push(name),
            Some(name) => return Some(format!("parameter `{name}` is not a plain name")),
            None if segment.chars().all(|c| c.is_ascii_alphanumeric() || "-._~:@*$".contains(c)) => {}
            None => return Some(format!("segment `{segment}` holds characters a contract path cannot")),
        }
    }
    None
}

/// A name usable as a contract type name: letters, digits and `_`, starting with a letter.
fn type_name(raw: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(if upper { c.to_ascii_uppercase() } else { c });
            upper = false;
        } else {
            upper = true;
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    out
}

fn upper_first(name: &str) -> String {
    type_name(name)
}

/// A name for inline enums of an operation: its `operationId`, or the method and path.
fn operation_name(operation: &Value, method: &str, path: &str) -> String {
    operation.str("operationId").map_or_else(|| type_name(&format!("{method} {path}")), type_name)
}

/// Two paths that differ only in parameter names are the same endpoint.
fn path_key(path: &str) -> String {
    // Empty segments vanish from a contract path (`/a/` is `/a`), so they do here too.
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| if s.starts_with('{') { "{}" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

fn write_docs(out: &mut String, docs: &str, indent: &str) {
    for line in docs.trim().lines() {
        let _ = writeln!(out, "{indent}/// {}", line.trim_end());
    }
}
