//! Whether a JSON value has a contract shape: the keys `json_fields` says (required, nullable,
//! no others; a key in the other casing named as such), scalars of the right JSON type, enum
//! values the enum has, an object where an object is declared and a list where a list is.

use lockstep_contract::model::{Contract, FieldNames, Scalar, Shape, json_fields};
use serde_json::Value;

use crate::values::same_words;

/// Problems past this many are summarised: one wrong list item is enough to act on.
const MAX_PROBLEMS: usize = 8;
const MAX_DEPTH: usize = 32;

/// Every way `value` departs from `shape`, each naming its place (`data[0].ownerId`).
pub fn problems(contract: &Contract, shape: &Shape, value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk(contract, shape, value, "body", 0, &mut out);
    if out.len() > MAX_PROBLEMS {
        let more = out.len() - MAX_PROBLEMS;
        out.truncate(MAX_PROBLEMS);
        out.push(format!("and {more} more"));
    }
    out
}

fn walk(contract: &Contract, shape: &Shape, value: &Value, at: &str, depth: usize, out: &mut Vec<String>) {
    if depth > MAX_DEPTH || out.len() > MAX_PROBLEMS {
        return;
    }
    match shape {
        Shape::Nullable(inner) => {
            if !value.is_null() {
                walk(contract, inner, value, at, depth + 1, out);
            }
        }
        Shape::Scalar(scalar) => {
            if let Some(expected) = scalar_mismatch(*scalar, value) {
                out.push(format!("`{at}` should be {expected}, found {}", kind(value)));
            }
        }
        Shape::Enum(name) => {
            let values = contract.enumeration(name).map(|e| &e.values);
            match value.as_str() {
                Some(text) if values.is_none_or(|vs| vs.iter().any(|v| v.name == text)) => {}
                Some(text) => out.push(format!("`{at}` is \"{text}\", not a value of enum {name}")),
                None => out.push(format!("`{at}` should be a {name} string, found {}", kind(value))),
            }
        }
        Shape::Array(inner) => match value.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(contract, inner, item, &format!("{at}[{i}]"), depth + 1, out);
                }
            }
            None => out.push(format!("`{at}` should be a list, found {}", kind(value))),
        },
        Shape::Entity(_) | Shape::Type(_) | Shape::Select { .. } | Shape::Object(_) => {
            let Some(fields) = json_fields(contract, shape, FieldNames::Api) else {
                // A named type that is not an object: check what it names.
                if let Shape::Type(name) = shape
                    && let Some(def) = contract.type_def(name)
                {
                    walk(contract, &def.shape, value, at, depth + 1, out);
                }
                return;
            };
            let Some(object) = value.as_object() else {
                let keys: Vec<&str> = fields.iter().map(|f| f.name).collect();
                out.push(format!("`{at}` should be an object {{ {} }}, found {}", keys.join(", "), kind(value)));
                return;
            };
            for field in &fields {
                let place = format!("{at}.{}", field.name);
                match object.get(field.name) {
                    None if field.required => out.push(format!("`{place}` is missing")),
                    Some(Value::Null) if !field.nullable => out.push(format!("`{place}` is null but not nullable")),
                    None | Some(Value::Null) => {}
                    Some(inner) => walk(contract, &field.shape, inner, &place, depth + 1, out),
                }
            }
            for key in object.keys().filter(|k| !fields.iter().any(|f| f.name == k.as_str())) {
                match fields.iter().find(|f| same_words(f.name, key)) {
                    Some(declared) => {
                        out.push(format!(
                            "`{at}.{key}` is in the wrong casing: the contract names it `{}`",
                            declared.name
                        ));
                    }
                    None => out.push(format!("`{at}.{key}` is not declared")),
                }
            }
        }
    }
}

/// What the scalar must be in JSON, when `value` is not it.
fn scalar_mismatch(scalar: Scalar, value: &Value) -> Option<&'static str> {
    let ok = match scalar {
        Scalar::Uuid => value.as_str().is_some_and(is_uuid),
        Scalar::SmallInt | Scalar::Int => value.is_i64() || value.is_u64(),
        // node-postgres and PostgREST send bigint and numeric as strings to keep precision.
        Scalar::BigInt => value.is_i64() || value.is_u64() || value.as_str().is_some_and(|s| s.parse::<i128>().is_ok()),
        Scalar::Numeric(_) => value.is_number() || value.as_str().is_some_and(|s| s.parse::<f64>().is_ok()),
        Scalar::Real | Scalar::Double => value.is_number(),
        Scalar::Bool => value.is_boolean(),
        Scalar::Json | Scalar::Jsonb => true,
        Scalar::Vector(_) => value.is_array() || value.is_string(),
        _ => value.is_string(),
    };
    if ok {
        return None;
    }
    Some(match scalar {
        Scalar::Uuid => "a UUID string",
        Scalar::SmallInt | Scalar::Int | Scalar::BigInt => "an integer",
        Scalar::Numeric(_) | Scalar::Real | Scalar::Double => "a number",
        Scalar::Bool => "a boolean",
        Scalar::Vector(_) => "a list of numbers",
        _ => "a string",
    })
}

fn is_uuid(text: &str) -> bool {
    text.len() == 36
        && text
            .char_indices()
            .all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { c == '-' } else { c.is_ascii_hexdigit() })
}

fn kind(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > 40 => "a string".to_owned(),
        Value::String(s) => format!("\"{}\"", s.escape_debug()),
        Value::Array(items) => format!("a list of {}", items.len()),
        Value::Object(_) => "an object".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use lockstep_contract::model::{Contract, Shape};
    use lockstep_contract::resolve::resolve;
    use lockstep_contract::syntax::parse;
    use lockstep_diagnostics::Sources;
    use serde_json::json;

    use super::problems;

    fn contract() -> Contract {
        let text = "naming { db = snake_case  api = camelCase }\nenum Status { draft done }\nentity Note {\n  id uuid @id\n  ownerId uuid\n  status Status\n  note text?\n}\ntype Page { data: Note[], nextCursor: text? }\n";
        let mut sources = Sources::new();
        let id = sources.add("test.lockstep", text);
        let tree = parse(id, text).tree;
        resolve(&sources, &[tree]).contract
    }

    fn check(shape: &Shape, value: &serde_json::Value) -> Vec<String> {
        problems(&contract(), shape, value)
    }

    const ID: &str = "8d2f5c4e-1b7a-4c3d-9e8f-0a1b2c3d4e5f";

    #[test]
    fn a_conforming_value_has_no_problem() {
        let page = json!({ "data": [{ "id": ID, "ownerId": ID, "status": "done", "note": null }], "nextCursor": null });
        assert_eq!(check(&Shape::Type("Page".to_owned()), &page), Vec::<String>::new());
    }

    #[test]
    fn casing_envelope_enum_and_nullability_are_named() {
        let note = json!({ "id": ID, "owner_id": ID, "status": "gone", "note": null });
        assert_eq!(
            check(&Shape::Entity("Note".to_owned()), &note),
            [
                "`body.ownerId` is missing",
                "`body.status` is \"gone\", not a value of enum Status",
                "`body.owner_id` is in the wrong casing: the contract names it `ownerId`",
            ]
        );
        assert_eq!(
            check(&Shape::Type("Page".to_owned()), &json!([])),
            ["`body` should be an object { data, nextCursor }, found a list of 0"]
        );
        let null_id = json!({ "id": null, "ownerId": ID, "status": "done", "note": null });
        assert_eq!(check(&Shape::Entity("Note".to_owned()), &null_id), ["`body.id` is null but not nullable"]);
    }
}
