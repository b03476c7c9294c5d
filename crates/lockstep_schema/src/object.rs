//! The key of every schema object a change concerns: an object by its schema-qualified name.

use crate::QualifiedName;

/// A database object, by its schema-qualified name. Constraints and policies are named within
/// their table.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Object {
    Schema(String),
    Enum(QualifiedName),
    EnumValue {
        enum_name: QualifiedName,
        value: String,
    },
    Table(QualifiedName),
    Column {
        table: QualifiedName,
        column: String,
    },
    /// A primary key, unique, foreign key or check constraint.
    Constraint {
        table: QualifiedName,
        name: String,
    },
    /// Indexes live in their table's schema.
    Index(QualifiedName),
    Policy {
        table: QualifiedName,
        name: String,
    },
    View(QualifiedName),
    /// Functions are told apart by their argument types (overloads).
    Function {
        name: QualifiedName,
        arguments: Vec<String>,
    },
    Trigger {
        table: QualifiedName,
        name: String,
    },
    /// A Supabase storage bucket, by id.
    Bucket(String),
}

impl std::fmt::Display for Object {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Object::Schema(name) => write!(f, "schema {name}"),
            Object::Enum(name) => write!(f, "type {name}"),
            Object::EnumValue { enum_name, value } => write!(f, "value '{value}' of type {enum_name}"),
            Object::Table(name) => write!(f, "table {name}"),
            Object::Column { table, column } => write!(f, "column {table}.{column}"),
            Object::Constraint { table, name } => write!(f, "constraint {name} on {table}"),
            Object::Index(name) => write!(f, "index {name}"),
            Object::Policy { table, name } => write!(f, "policy {name} on {table}"),
            Object::View(name) => write!(f, "view {name}"),
            Object::Function { name, arguments } => write!(f, "function {name}({})", arguments.join(", ")),
            Object::Trigger { table, name } => write!(f, "trigger {name} on {table}"),
            Object::Bucket(id) => write!(f, "bucket {id}"),
        }
    }
}
