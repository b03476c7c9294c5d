//! The resolved contract: names checked, types known, naming rules applied. This is the one
//! source of truth that `check`, `gen`, `migrate`, `diff` and `mcp` read.

mod api;
mod data;
mod json;
mod lookup;
mod naming;
mod ops;

pub use api::{
    Auth, Bucket, Endpoint, EnvType, EnvVar, Environment, Function, Method, PathParam, Response, Shape, ShapeField,
    Signature, SignatureScheme, TypeDef, Visibility, Webhook,
};
pub use data::{
    Default, Entity, Enum, EnumMember, Field, FieldType, ForeignKey, ForeignTarget, Index, Literal, OnDelete, Scalar,
    check_value_list,
};
pub use json::{FieldNames, JsonField, entity_fields, json_fields};
pub use naming::{Casing, Naming, TableNaming, convert_case, pluralize, split_words};
pub use ops::{AuthProperty, Operation, Policy, PolicyExpr};

use lockstep_diagnostics::Span;

/// A whole contract: every file of the contract folder, resolved together.
#[derive(Clone, Debug, Default)]
pub struct Contract {
    pub naming: Naming,
    pub enums: Vec<Enum>,
    pub entities: Vec<Entity>,
    pub types: Vec<TypeDef>,
    pub endpoints: Vec<Endpoint>,
    pub environments: Vec<Environment>,
    pub env: Vec<EnvVar>,
    pub webhooks: Vec<Webhook>,
    pub buckets: Vec<Bucket>,
    pub functions: Vec<Function>,
}

impl Contract {
    pub fn entity(&self, name: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.name == name)
    }

    /// The entity stored in a database table, by the table's name.
    pub fn entity_by_table(&self, table: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.table == table)
    }

    pub fn enumeration(&self, name: &str) -> Option<&Enum> {
        self.enums.iter().find(|e| e.name == name)
    }

    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
    }

    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.iter().find(|f| f.name == name)
    }

    pub fn env_var(&self, name: &str) -> Option<&EnvVar> {
        self.env.iter().find(|v| v.name == name)
    }
}

/// Doc comment text and the place a contract element was defined; shared by every element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub span: Span,
    /// The `///` lines, without the slashes, joined by newlines.
    pub doc: Option<String>,
}
