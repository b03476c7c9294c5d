//! The database schema as lockstep sees it: one model whether it comes from replaying
//! migrations or from a live database. Names are stored as Postgres stores them (unquoted
//! identifiers folded to lower case); types and expressions in a normalised spelling so that
//! two models of the same database compare equal.

mod ddl;
pub mod diff;
pub mod equivalence;
mod expr;
mod ident;
mod lookup;
pub mod merge;
pub mod migration_facts;
pub mod object;
mod sql_type;

pub use ddl::to_ddl;
pub use expr::Expr;
pub use ident::quote_ident;
pub use sql_type::{SqlType, without_time_precision};

use lockstep_diagnostics::Span;

/// A schema-qualified name: `public.orders`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QualifiedName {
    pub schema: String,
    pub name: String,
}

impl QualifiedName {
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> QualifiedName {
        QualifiedName { schema: schema.into(), name: name.into() }
    }

    pub fn public(name: impl Into<String>) -> QualifiedName {
        QualifiedName::new("public", name)
    }
}

impl std::fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.schema, self.name)
    }
}

/// Everything lockstep knows about one database.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schema {
    /// Schemas created besides `public`, sorted.
    pub schemas: Vec<String>,
    pub tables: Vec<Table>,
    pub enums: Vec<EnumType>,
    pub views: Vec<View>,
    pub functions: Vec<Function>,
    pub triggers: Vec<Trigger>,
    pub indexes: Vec<Index>,
    /// Supabase storage buckets (rows of `storage.buckets`), by id.
    pub buckets: Vec<Bucket>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub name: QualifiedName,
    pub columns: Vec<Column>,
    pub primary_key: Option<KeyConstraint>,
    pub uniques: Vec<KeyConstraint>,
    pub foreign_keys: Vec<ForeignKey>,
    pub checks: Vec<Check>,
    pub rls_enabled: bool,
    pub rls_forced: bool,
    pub policies: Vec<Policy>,
    pub comment: Option<String>,
    /// The statement that created the table (static replay only).
    pub origin: Option<Span>,
}

impl Table {
    /// A table with no columns, keys, rules or comment yet, row-level security off.
    pub fn new(name: QualifiedName, origin: Option<Span>) -> Table {
        Table {
            name,
            columns: Vec::new(),
            primary_key: None,
            uniques: Vec::new(),
            foreign_keys: Vec::new(),
            checks: Vec::new(),
            rls_enabled: false,
            rls_forced: false,
            policies: Vec::new(),
            comment: None,
            origin,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    /// The type as Postgres's `format_type` prints it: `character varying(80)`, `integer[]`,
    /// `order_status` (enum types outside `public` are schema-qualified).
    pub ty: SqlType,
    pub nullable: bool,
    /// The default expression; `None` without one.
    pub default: Option<Expr>,
    pub identity: Option<Identity>,
    /// The expression of a `GENERATED ALWAYS AS (...) STORED` column.
    pub generated: Option<Expr>,
    pub comment: Option<String>,
    /// The statement that last defined or changed the column.
    pub origin: Option<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Identity {
    Always,
    ByDefault,
}

/// A primary key or unique constraint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyConstraint {
    pub name: String,
    pub columns: Vec<String>,
    pub origin: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForeignKey {
    pub name: String,
    pub columns: Vec<String>,
    pub references: QualifiedName,
    pub referenced_columns: Vec<String>,
    pub on_delete: ReferentialAction,
    pub on_update: ReferentialAction,
    pub origin: Option<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferentialAction {
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl ReferentialAction {
    pub fn as_str(self) -> &'static str {
        match self {
            ReferentialAction::NoAction => "no action",
            ReferentialAction::Restrict => "restrict",
            ReferentialAction::Cascade => "cascade",
            ReferentialAction::SetNull => "set null",
            ReferentialAction::SetDefault => "set default",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub name: String,
    pub expression: Expr,
    pub origin: Option<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PolicyCommand {
    All,
    Select,
    Insert,
    Update,
    Delete,
}

impl PolicyCommand {
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyCommand::All => "all",
            PolicyCommand::Select => "select",
            PolicyCommand::Insert => "insert",
            PolicyCommand::Update => "update",
            PolicyCommand::Delete => "delete",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    pub name: String,
    pub command: PolicyCommand,
    pub permissive: bool,
    /// Sorted; `public` when the policy names no role.
    pub roles: Vec<String>,
    pub using: Option<Expr>,
    pub with_check: Option<Expr>,
    /// The statement that created it; in a lowered contract, the rule it comes from.
    pub origin: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumType {
    pub name: QualifiedName,
    /// In sort order.
    pub values: Vec<String>,
    pub origin: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    pub name: QualifiedName,
    pub materialized: bool,
    /// Column names in order; `None` when the replay could not tell (a view over an unknown
    /// relation).
    pub columns: Option<Vec<String>>,
    pub origin: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Function {
    pub name: QualifiedName,
    /// Argument types, normalised.
    pub arguments: Vec<String>,
    /// The input arguments' names, one per type (empty for an unnamed argument): supabase-js
    /// `.rpc()` passes arguments by name.
    pub argument_names: Vec<String>,
    pub returns: String,
    /// The named columns of its result, `(name, normalised type)`: those of `returns table
    /// (...)`, or its output arguments. PostgREST sends rows with these keys.
    pub result_columns: Vec<(String, String)>,
    /// How many of the last input arguments have defaults (`pg_proc.pronargdefaults`): a caller
    /// may leave them out.
    pub defaulted_arguments: usize,
    pub origin: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trigger {
    pub name: String,
    pub table: QualifiedName,
    pub function: QualifiedName,
    pub origin: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Index {
    /// Indexes live in their table's schema.
    pub name: QualifiedName,
    pub table: QualifiedName,
    pub unique: bool,
    /// A partial index (`... where deleted_at is null`): unique only among some rows.
    pub partial: bool,
    /// Column names, or normalised expressions.
    pub columns: Vec<String>,
    pub origin: Option<Span>,
}

/// A table or column renamed by a migration statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rename {
    Table {
        from: QualifiedName,
        to: QualifiedName,
        span: Span,
    },
    /// `table` is the table's name after every later rename.
    Column {
        table: QualifiedName,
        from: String,
        to: String,
        span: Span,
    },
}

/// A Supabase storage bucket: a row of `storage.buckets`, which the app's uploads and downloads
/// name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    pub id: String,
    pub public: bool,
    pub file_size_limit: Option<u64>,
    pub allowed_mime_types: Vec<String>,
    /// The statement that inserted it (static replay only).
    pub origin: Option<Span>,
}

impl Bucket {
    /// A private bucket with no limits.
    pub fn new(id: impl Into<String>, origin: Option<Span>) -> Bucket {
        Bucket { id: id.into(), public: false, file_size_limit: None, allowed_mime_types: Vec::new(), origin }
    }
}
