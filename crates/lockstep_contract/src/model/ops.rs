//! Row access rules: which operations a role may perform on which rows.

use lockstep_diagnostics::Span;

use super::data::Literal;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    Select,
    Insert,
    Update,
    Delete,
    All,
}

impl Operation {
    pub fn from_name(name: &str) -> Option<Operation> {
        Some(match name {
            "select" => Operation::Select,
            "insert" => Operation::Insert,
            "update" => Operation::Update,
            "delete" => Operation::Delete,
            "all" => Operation::All,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Select => "select",
            Operation::Insert => "insert",
            Operation::Update => "update",
            Operation::Delete => "delete",
            Operation::All => "all",
        }
    }
}

/// One rule for one operation, shaped like a Postgres policy: `using` filters the rows that
/// can be seen or changed, `check` validates the rows written. An `allow select, update` line
/// becomes two policies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    pub operation: Operation,
    /// Empty means every role (`PUBLIC`).
    pub roles: Vec<String>,
    pub using: Option<PolicyExpr>,
    pub check: Option<PolicyExpr>,
    pub span: Span,
}

/// A rule condition with groups removed and names resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyExpr {
    Or(Vec<PolicyExpr>),
    And(Vec<PolicyExpr>),
    Not(Box<PolicyExpr>),
    Equals {
        lhs: Box<PolicyExpr>,
        rhs: Box<PolicyExpr>,
        negated: bool,
    },
    In {
        lhs: Box<PolicyExpr>,
        list: Vec<PolicyExpr>,
    },
    /// A field of the entity, by canonical name.
    Field(String),
    Auth(AuthProperty),
    Literal(Literal),
    Sql(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthProperty {
    /// The signed-in user's id (`auth.uid()` in Supabase).
    Uid,
    /// The database role of the request (`auth.role()`).
    Role,
    Email,
    /// A claim of the JWT: `auth.jwt.app_role`.
    Claim(String),
}

impl AuthProperty {
    pub const NAMES: [&'static str; 4] = ["uid", "role", "email", "jwt"];
}
