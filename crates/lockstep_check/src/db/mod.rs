//! Contract ↔ database: the tables, columns, keys, enums and row-level security a database has
//! (replayed from migrations or read live) against what the contract declares, and the
//! functions it declares for `.rpc()`.
//!
//! The rules read the typed diff from the database to the lowered contract (as the contract
//! allows it: `lockstep_schema::equivalence`): each change the diff makes is a finding, under
//! the code and words of the rule that owns it. Views, functions and `@was` renames, which the
//! diff does not compare, are looked up directly.

mod checks;
mod columns;
mod drift;
mod enums;
mod functions;
mod keys;
mod renames;
mod security;
mod sources;
mod tables;

use lockstep_contract::model::{Contract, Entity, Field};
use lockstep_diagnostics::{Diagnostic, Span};
use std::collections::{HashMap, HashSet};

use lockstep_schema::diff::{Change, diff};
use lockstep_schema::equivalence::as_the_contract_allows;
use lockstep_schema::{Column, QualifiedName, Schema, Table};

pub use drift::{DRIFT_FROM_MIGRATIONS, check_drift};
pub use sources::{
    SchemaSources, ScriptsSource, TypesSource, check_schema_sources, merge_incomplete_sources, undescribed_buckets,
    undescribed_queried_tables,
};

pub const MISSING_TABLE: &str = "db/missing-table";
pub const EXTRA_TABLE: &str = "db/extra-table";
pub const MISSING_COLUMN: &str = "db/missing-column";
pub const EXTRA_COLUMN: &str = "db/extra-column";
pub const TYPE_MISMATCH: &str = "db/type-mismatch";
pub const NULLABILITY_MISMATCH: &str = "db/nullability-mismatch";
pub const DEFAULT_MISMATCH: &str = "db/default-mismatch";
pub const ENUM_MISMATCH: &str = "db/enum-mismatch";
pub const MISSING_FOREIGN_KEY: &str = "db/missing-foreign-key";
pub const MISSING_UNIQUE: &str = "db/missing-unique";
pub const RLS_DISABLED: &str = "db/rls-disabled";
pub const POLICY_MISSING: &str = "db/policy-missing";
pub const POLICY_MISMATCH: &str = "db/policy-mismatch";
pub const MISSING_FUNCTION: &str = "db/missing-function";
pub const FUNCTION_MISMATCH: &str = "db/function-mismatch";
pub const MISSING_CHECK: &str = "db/missing-check";
pub const INCOMPLETE_MIGRATIONS: &str = "db/incomplete-migrations";
pub const STALE_TYPES: &str = "db/stale-types";
pub const STALE_WAS: &str = "db/stale-was";

/// Where the database side came from, for messages: the migrations or a live database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Migrations,
    LiveDatabase,
}

impl Source {
    fn describe(self) -> &'static str {
        match self {
            Source::Migrations => "the migrations",
            Source::LiveDatabase => "the live database",
        }
    }
}

/// Checks `schema` against the data side of `contract`. `expected` is the contract lowered to
/// a schema (`lockstep_db::lower`): the types, defaults, checks, keys and policies it means,
/// with every expression in canonical form. The findings are the typed diff from `schema` to
/// `expected` (as the contract allows it), so the rules compare values and never parse.
/// `expected` is taken, not borrowed: the equivalence completes it in place (a large contract
/// lowers to a schema whose copy would cost more than the rules).
pub fn check_database(
    contract: &Contract,
    expected: Schema,
    schema: &Schema,
    source: Source,
    is_provider_schema: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    let tables = schema.tables.iter().enumerate().map(|(i, t)| (&t.name, i)).collect();
    let declared = contract.entities.iter().map(|e| (e.schema.as_str(), e.table.as_str())).collect();
    let entities = contract
        .entities
        .iter()
        .filter(|e| !e.view)
        .map(|e| (QualifiedName::new(e.schema.clone(), e.table.clone()), e))
        .collect();
    // What carries the database to the contract: every change is something the contract says
    // and the database does not do.
    let expected = as_the_contract_allows(schema, expected);
    let changes = diff(schema, &expected);
    let expected_tables = expected.tables.iter().enumerate().map(|(i, t)| (&t.name, i)).collect();
    let context =
        Context { contract, expected: &expected, schema, source, changes, tables, expected_tables, entities, declared };
    tables::check(&context, is_provider_schema, &mut findings);
    columns::check(&context, &mut findings);
    enums::check(&context, &mut findings);
    keys::check(&context, &mut findings);
    checks::check(&context, &mut findings);
    security::check(&context, &mut findings);
    functions::check(&context, &mut findings);
    renames::check(&context, &mut findings);
    findings
}

pub(crate) struct Context<'a> {
    pub contract: &'a Contract,
    /// The contract lowered to a schema, as it allows `schema`: where the diff changes a
    /// column, the column is the contract's.
    pub expected: &'a Schema,
    pub schema: &'a Schema,
    pub source: Source,
    /// The diff from `schema` to `expected`, as the contract allows it.
    pub changes: Vec<Change>,
    /// Tables by name, so large schemas check in linear time.
    tables: HashMap<&'a QualifiedName, usize>,
    expected_tables: HashMap<&'a QualifiedName, usize>,
    /// The entity of every table the contract declares (not `@view`s), by table name.
    entities: HashMap<QualifiedName, &'a Entity>,
    /// `(schema, table)` of every entity.
    pub declared: HashSet<(&'a str, &'a str)>,
}

impl<'a> Context<'a> {
    pub fn table(&self, name: &QualifiedName) -> Option<&'a Table> {
        self.tables.get(name).map(|&i| &self.schema.tables[i])
    }

    /// The entity whose table `name` is, when the database has that table: a change to a table
    /// the database lacks is reported as the missing table.
    pub fn existing(&self, name: &QualifiedName) -> Option<(&'a Entity, &'a Table)> {
        Some((*self.entities.get(name)?, self.table(name)?))
    }

    /// The entity whose table `name` is; `@view` entities have none.
    pub fn entity(&self, name: &QualifiedName) -> Option<&'a Entity> {
        self.entities.get(name).copied()
    }

    /// The column the contract lowers `field` of `entity` to.
    pub fn expected_column(&self, entity: &Entity, field: &Field) -> Option<&'a Column> {
        let name = QualifiedName::new(entity.schema.clone(), entity.table.clone());
        let table = self.expected_tables.get(&name).map(|&i| &self.expected.tables[i])?;
        table.columns.iter().find(|c| c.name == field.db_name)
    }
}

/// A finding about something the database has: located at the migration statement that made
/// it when there is one, with the contract element as related; at the contract element
/// otherwise (a live database has no file to point at).
pub(crate) fn at_database(diagnostic: Diagnostic, database: Option<Span>, contract: Span, label: &str) -> Diagnostic {
    match database {
        Some(span) => diagnostic.at(span, label).related(contract, "the contract says"),
        None => diagnostic.at(contract, "the contract says"),
    }
}
