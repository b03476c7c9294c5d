//! What means the same to an app though Postgres stores it differently: the spellings that
//! satisfy a contract default, and [`as_the_contract_allows`], a lowered contract completed
//! with what a database has and the contract cannot say. The typed diff itself compares
//! exactly; `check` and `migrate plan` diff against a contract passed through it.

use std::collections::{HashMap, HashSet};

use crate::merge::typescript_family_admits;
use crate::{Column, Expr, QualifiedName, Schema, Table};

/// The spellings of the contract's `@default(now)`, canonical (as
/// `lockstep_sql::normalize::canonical_expr` prints them; a test there keeps the two in step).
/// The first is the one lowering writes.
pub const NOW: &[&str] = &[
    "now()",
    "current_timestamp",
    "timezone('utc', now())",
    "statement_timestamp()",
    "transaction_timestamp()",
    "current_date",
];

/// The spellings of `@default(random)` on a uuid.
pub const RANDOM_UUID: &[&str] = &["gen_random_uuid()", "uuid_generate_v4()", "extensions.uuid_generate_v4()"];

/// An empty list: `'{}'`, or `ARRAY[]` (which Postgres needs cast).
pub const EMPTY_LIST: &[&str] = &["'{}'", "array[]"];

/// Every class of spellings that stand for one default.
pub const DEFAULT_EQUIVALENCES: &[&[&str]] = &[NOW, RANDOM_UUID, EMPTY_LIST];

/// A column's default as the comparison sees it: an expression and whether the column is an
/// identity column.
#[derive(Clone, Copy, Debug)]
pub struct DefaultSide<'a> {
    pub expression: Option<&'a Expr>,
    pub identity: bool,
}

impl DefaultSide<'_> {
    /// A column's default and identity.
    pub fn of(column: &Column) -> DefaultSide<'_> {
        DefaultSide { expression: column.default.as_ref(), identity: column.identity.is_some() }
    }
}

/// The default's canonical form; `None` for none and for `default null`.
fn expression(side: DefaultSide<'_>) -> Option<&str> {
    side.expression.map(Expr::canonical).filter(|e| *e != "null")
}

/// Whether the `actual` column's default satisfies the `expected` one: equal canonical forms,
/// two spellings of one equivalence class, or, for an identity column expected, an identity or
/// a sequence (`serial`). `default null` is no default.
pub fn same_default(expected: DefaultSide<'_>, actual: DefaultSide<'_>) -> bool {
    if expected.identity {
        return actual.identity || expression(actual).is_some_and(|a| a.starts_with("nextval("));
    }
    match (expression(expected), expression(actual)) {
        (None, None) => !actual.identity,
        (Some(expected), Some(actual)) => {
            expected == actual
                || DEFAULT_EQUIVALENCES.iter().any(|class| class.contains(&expected) && class.contains(&actual))
        }
        _ => false,
    }
}

/// `to` (a lowered contract) with what `from` has and the contract has no spelling for, or
/// spells otherwise, taken from `from`:
///
/// - a column's default in another spelling of the same meaning (`current_timestamp` for
///   `now()`), and `autoincrement` met by any identity or a `serial` sequence;
/// - a type's fractional-second precision (`timestamp(3)`), a type known only as a TypeScript
///   family (a column the generated types describe) that admits the contract's, and a
///   generated column's expression;
/// - a foreign key's `on update` action;
/// - a unique key in another column order;
/// - row-level security forced, or on for a table with no rules (never switched off by a
///   contract that says nothing), and restrictive policies;
/// - partial and expression indexes, and a unique index standing for a unique key;
/// - schemas holding only functions, views or triggers;
/// - views, functions, triggers and storage buckets: the contract declares a view's columns and
///   a function's or a bucket's use, never their definitions, so it cannot ask for them to
///   change (`check` compares the declarations with what the database has).
///
/// Everything the contract does say is kept as it says it, so the diff from `from` to the
/// result is what the contract asks for and nothing else.
pub fn as_the_contract_allows(from: &Schema, mut to: Schema) -> Schema {
    let from_tables: HashMap<&QualifiedName, &Table> = from.tables.iter().map(|t| (&t.name, t)).collect();
    for table in &mut to.tables {
        let Some(old) = from_tables.get(&table.name) else { continue };
        table_as_allowed(old, table);
    }
    let to_tables: HashMap<QualifiedName, usize> =
        to.tables.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect();
    let mut to_indexes: HashSet<QualifiedName> = to.indexes.iter().map(|i| i.name.clone()).collect();
    for index in &from.indexes {
        let Some(&at) = to_tables.get(&index.table) else { continue };
        let table = &mut to.tables[at];
        let stands_for_key =
            index.unique && !index.partial && table.uniques.iter().any(|u| same_columns(&u.columns, &index.columns));
        let has_no_spelling =
            index.partial || index.columns.iter().any(|c| !table.columns.iter().any(|col| &col.name == c));
        if stands_for_key {
            table.uniques.retain(|u| !same_columns(&u.columns, &index.columns));
        }
        if (stands_for_key || has_no_spelling) && to_indexes.insert(index.name.clone()) {
            to.indexes.push(index.clone());
        }
    }
    for schema in &from.schemas {
        let holds_unmodelled = from.functions.iter().any(|f| &f.name.schema == schema)
            || from.views.iter().any(|v| &v.name.schema == schema)
            || from.triggers.iter().any(|t| &t.table.schema == schema);
        if holds_unmodelled && !to.schemas.contains(schema) {
            to.schemas.push(schema.clone());
        }
    }
    to.views.clone_from(&from.views);
    to.functions.clone_from(&from.functions);
    to.triggers.clone_from(&from.triggers);
    to.buckets.clone_from(&from.buckets);
    to.sort();
    to
}

fn table_as_allowed(old: &Table, table: &mut Table) {
    for column in &mut table.columns {
        let Some(was) = old.columns.iter().find(|c| c.name == column.name) else { continue };
        column_as_allowed(was, column);
    }
    for unique in &mut table.uniques {
        if let Some(have) = old.uniques.iter().find(|u| same_columns(&u.columns, &unique.columns)) {
            unique.clone_from(have);
        }
    }
    for key in &mut table.foreign_keys {
        let same = old.foreign_keys.iter().find(|k| {
            k.columns == key.columns
                && k.references == key.references
                && k.referenced_columns == key.referenced_columns
                && k.on_delete == key.on_delete
        });
        if let Some(same) = same {
            key.on_update = same.on_update;
        }
    }
    table.rls_forced = old.rls_forced;
    if old.rls_enabled && table.policies.is_empty() {
        table.rls_enabled = true;
    }
    table.policies.extend(old.policies.iter().filter(|p| !p.permissive).cloned());
}

fn column_as_allowed(was: &Column, column: &mut Column) {
    if was.generated.is_some() && column.generated.is_none() {
        // The contract cannot say a column is generated: it keeps its expression and default.
        column.generated.clone_from(&was.generated);
        column.default.clone_from(&was.default);
    } else if same_default(DefaultSide::of(column), DefaultSide::of(was)) {
        column.default.clone_from(&was.default);
        column.identity = was.identity;
        // An identity or `serial` column is not null whatever the contract's `?` says.
        if was.identity.is_some() || was.default.as_ref().is_some_and(|d| d.canonical().starts_with("nextval(")) {
            column.nullable = was.nullable;
        }
    }
    let admitted = typescript_family_admits(was.ty.as_str(), column.ty.as_str());
    if admitted.unwrap_or_else(|| was.ty.is_or_refines(&column.ty)) {
        column.ty = was.ty.clone();
    }
}

/// Whether two column lists hold the same columns, in any order.
pub fn same_columns(a: &[String], b: &[String]) -> bool {
    let mut a = a.to_vec();
    let mut b = b.to_vec();
    a.sort();
    b.sort();
    a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(expression: Option<&Expr>, identity: bool) -> DefaultSide<'_> {
        DefaultSide { expression, identity }
    }

    #[test]
    fn spellings_of_one_class_match() {
        let now = Expr::canonical_text("now()");
        let current = Expr::canonical_text("current_timestamp");
        let uuid = Expr::canonical_text("gen_random_uuid()");
        assert!(same_default(side(Some(&now), false), side(Some(&current), false)));
        assert!(!same_default(side(Some(&now), false), side(Some(&uuid), false)));
        assert!(!same_default(side(Some(&now), false), side(None, false)));
    }

    #[test]
    fn identity_is_met_by_an_identity_or_a_sequence() {
        let serial = Expr::canonical_text("nextval('t_id_seq')");
        assert!(same_default(side(None, true), side(None, true)));
        assert!(same_default(side(None, true), side(Some(&serial), false)));
        assert!(!same_default(side(None, true), side(None, false)));
        assert!(!same_default(side(None, false), side(None, true)));
    }

    #[test]
    fn default_null_is_no_default() {
        let null = Expr::canonical_text("null");
        assert!(same_default(side(None, false), side(Some(&null), false)));
        assert!(same_default(side(Some(&null), false), side(None, false)));
    }
}
