//! The contract element a lowered object came from; objects themselves are keyed by
//! [`lockstep_schema::object::Object`].

use lockstep_contract::model::Operation;
use lockstep_diagnostics::Span;

/// The contract element a lowered object came from, and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub element: Element,
    pub span: Span,
}

/// A contract element, by its contract names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Element {
    /// An entity: its table, primary key, composite uniques and indexes, checks, RLS switch.
    Entity(String),
    /// A field: its column, single-field unique or index, foreign key.
    Field {
        entity: String,
        field: String,
    },
    Enum(String),
    EnumValue {
        enum_name: String,
        value: String,
    },
    /// One operation of an `allow` rule.
    Policy {
        entity: String,
        operation: Operation,
    },
}
