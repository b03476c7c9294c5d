//! A shape's JSON object keys: one answer to "which keys does this value have, which must be
//! present, which may be `null`, and what is in each", shared by the rules, the OpenAPI export
//! and (later) code generation and tests.

use std::borrow::Cow;

use super::api::{Shape, ShapeField};
use super::data::{Entity, Field, FieldType, Literal};
use super::{Contract, Origin};

/// Named types may alias each other (`type A = B`); deeper than this, a shape is not an object
/// anyone can know, and a loop of aliases ends here.
const MAX_ALIASES: usize = 16;

/// Which names an entity's fields carry in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldNames {
    /// What the app's API sends: the contract's API names (`@map(api: ...)`, API casing).
    Api,
    /// What PostgREST sends (a database function's rows): the column names.
    Database,
}

/// One key of a JSON object.
#[derive(Clone, Debug)]
pub struct JsonField<'c> {
    /// The key, under the names asked for.
    pub name: &'c str,
    /// The key is always there: every field of an entity (a null column is sent as `null`), and
    /// the fields of an object type not written `name?:`.
    pub required: bool,
    /// The value may be `null`.
    pub nullable: bool,
    /// The value's shape, without the `?` that `nullable` says.
    pub shape: Cow<'c, Shape>,
    /// `= value` on an object type's field.
    pub default: Option<&'c Literal>,
    /// Where the field is declared, with its doc comment.
    pub origin: &'c Origin,
}

/// The keys of the object `shape` is, following named types and `?`; `None` when it is not an
/// object (a scalar, an enum, a list) or names nothing the contract declares. `Pick` and `Omit`
/// keep what each kept field is in its base: an entity's picked fields stay required.
pub fn json_fields<'c>(contract: &'c Contract, shape: &'c Shape, names: FieldNames) -> Option<Vec<JsonField<'c>>> {
    let mut shape = shape;
    for _ in 0..MAX_ALIASES {
        match shape {
            Shape::Nullable(inner) => shape = inner,
            Shape::Type(name) => shape = &contract.type_def(name)?.shape,
            Shape::Entity(name) => return Some(entity_fields(contract.entity(name)?, names)),
            Shape::Select { base, fields } => {
                // `fields` holds the base's field names as the contract writes them: an
                // entity's, or an object type's keys. Resolution lets `Pick` take only an
                // entity or an object type.
                let picked = |name: &str| fields.iter().any(|f| f == name);
                if let Some(entity) = contract.entity(base) {
                    let kept = entity.fields.iter().filter(|f| picked(&f.name));
                    return Some(kept.map(|f| entity_field(f, names)).collect());
                }
                let Shape::Object(all) = &contract.type_def(base)?.shape else { return None };
                return Some(all.iter().filter(|f| picked(&f.name)).map(object_field).collect());
            }
            Shape::Object(fields) => return Some(fields.iter().map(object_field).collect()),
            Shape::Scalar(_) | Shape::Enum(_) | Shape::Array(_) => return None,
        }
    }
    None
}

/// An entity as the API (or PostgREST) sends it: every field, each one present.
pub fn entity_fields(entity: &Entity, names: FieldNames) -> Vec<JsonField<'_>> {
    entity.fields.iter().map(|f| entity_field(f, names)).collect()
}

fn entity_field(field: &Field, names: FieldNames) -> JsonField<'_> {
    JsonField {
        name: match names {
            FieldNames::Api => &field.api_name,
            FieldNames::Database => &field.db_name,
        },
        required: true,
        nullable: field.nullable,
        shape: Cow::Owned(column_shape(&field.ty)),
        default: None,
        origin: &field.origin,
    }
}

fn object_field(field: &ShapeField) -> JsonField<'_> {
    let (nullable, shape) = match &field.shape {
        Shape::Nullable(inner) => (true, inner.as_ref()),
        other => (false, other),
    };
    JsonField {
        name: &field.name,
        required: !field.optional,
        nullable,
        shape: Cow::Borrowed(shape),
        default: field.default.as_ref(),
        origin: &field.origin,
    }
}

/// A column's type as a JSON shape: the same scalar, enum or list.
fn column_shape(ty: &FieldType) -> Shape {
    match ty {
        FieldType::Scalar(scalar) => Shape::Scalar(*scalar),
        FieldType::Enum(name) => Shape::Enum(name.clone()),
        FieldType::Array(inner) => Shape::Array(Box::new(column_shape(inner))),
    }
}
