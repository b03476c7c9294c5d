//! Contract ↔ database: the tables, columns, keys, enums and row-level security a database has
//! (replayed from migrations or read live) against what the contract declares, and the
//! functions it declares for `.rpc()`.

mod checks;
mod columns;
mod drift;
mod expected;
mod functions;
mod keys;
mod renames;
mod security;
mod sources;
mod tables;

use lockstep_contract::model::{Contract, Entity, Field};
use lockstep_diagnostics::{Diagnostic, Span};
use std::collections::{HashMap, HashSet};

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
/// with every expression in canonical form, so the rules compare values and never parse.
pub fn check_database(
    contract: &Contract,
    expected: &Schema,
    schema: &Schema,
    source: Source,
    is_provider_schema: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    let tables = schema.tables.iter().enumerate().map(|(i, t)| (&t.name, i)).collect();
    let expected_tables = expected.tables.iter().enumerate().map(|(i, t)| (&t.name, i)).collect();
    let declared = contract.entities.iter().map(|e| (e.schema.as_str(), e.table.as_str())).collect();
    let context = Context { contract, expected, schema, source, tables, expected_tables, declared };
    tables::check(&context, is_provider_schema, &mut findings);
    columns::check(&context, &mut findings);
    keys::check(&context, &mut findings);
    checks::check(&context, &mut findings);
    security::check(&context, &mut findings);
    functions::check(&context, &mut findings);
    renames::check(&context, &mut findings);
    findings
}

pub(crate) struct Context<'a> {
    pub contract: &'a Contract,
    /// The contract lowered to a schema.
    pub expected: &'a Schema,
    pub schema: &'a Schema,
    pub source: Source,
    /// Tables by name, so large schemas check in linear time.
    tables: HashMap<&'a QualifiedName, usize>,
    expected_tables: HashMap<&'a QualifiedName, usize>,
    /// `(schema, table)` of every entity.
    pub declared: HashSet<(&'a str, &'a str)>,
}

impl<'a> Context<'a> {
    pub fn table(&self, name: &QualifiedName) -> Option<&'a Table> {
        self.tables.get(name).map(|&i| &self.schema.tables[i])
    }

    /// The table the contract lowers `entity` to; `None` for a `@view` entity.
    pub fn expected_table(&self, entity: &Entity) -> Option<&'a Table> {
        let name = QualifiedName::new(entity.schema.clone(), entity.table.clone());
        self.expected_tables.get(&name).map(|&i| &self.expected.tables[i])
    }

    /// The column the contract lowers `field` of `entity` to.
    pub fn expected_column(&self, entity: &Entity, field: &Field) -> Option<&'a Column> {
        self.expected_table(entity)?.columns.iter().find(|c| c.name == field.db_name)
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
