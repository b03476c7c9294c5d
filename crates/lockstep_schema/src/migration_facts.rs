//! The facts of a migration file the lint reads (`lockstep_sql::migration_facts` extracts them
//! from a file's tokens): data only, so the lint rules read facts and never parse.

/// One fact, at the byte range of the statement (or the part of it) it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    pub start: u32,
    pub end: u32,
    pub kind: FactKind,
}

/// Table names are as written, folded to lower case unless quoted, without their schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FactKind {
    Begin,
    Commit,
    /// `set [local] lock_timeout`.
    LockTimeout,
    CreateTable {
        table: String,
    },
    CreateIndex {
        table: String,
        concurrently: bool,
    },
    DropIndex {
        concurrently: bool,
    },
    DropTable {
        table: String,
    },
    AddColumn {
        table: String,
        column: String,
        not_null: bool,
        default: Option<String>,
        generated: bool,
    },
    DropColumn {
        table: String,
        column: String,
    },
    RenameColumn {
        table: String,
        from: String,
        to: String,
    },
    RenameTable {
        from: String,
        to: String,
    },
    AlterColumnType {
        table: String,
        column: String,
    },
    SetNotNull {
        table: String,
        column: String,
    },
    AddConstraint {
        table: String,
        kind: ConstraintKind,
        not_valid: bool,
    },
    /// `create type name as enum (values)`.
    CreateEnum {
        type_name: String,
        values: Vec<String>,
    },
    AddEnumValue {
        type_name: String,
        value: String,
    },
    RenameEnumValue {
        type_name: String,
        from: String,
        to: String,
    },
    /// `drop function` (one fact per function named).
    DropFunction {
        name: String,
    },
    /// `alter function ... rename to`.
    RenameFunction {
        from: String,
        to: String,
    },
    /// A string literal anywhere in a statement.
    Literal {
        value: String,
    },
    /// An identifier (quoted or not) longer than Postgres keeps (63 bytes).
    LongIdentifier {
        name: String,
    },
    /// Any other statement.
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConstraintKind {
    ForeignKey,
    Check,
    Unique,
    PrimaryKey,
    Exclude,
}

/// The longest identifier Postgres keeps; longer ones are truncated.
pub const MAX_IDENTIFIER_BYTES: usize = 63;

/// Whether a default expression is computed per row, so adding a column with it rewrites the
/// table (a constant, `now()` and other stable calls are stored once).
pub fn is_volatile_default(default: &str) -> bool {
    let lower = default.to_ascii_lowercase();
    ["random(", "gen_random_uuid(", "uuid_generate_v", "clock_timestamp(", "nextval(", "timeofday("]
        .iter()
        .any(|f| lower.contains(f))
}
