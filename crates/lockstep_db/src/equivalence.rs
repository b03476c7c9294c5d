//! Comparing a database with a lowered contract: what the contract cannot say is left as the
//! database has it, and what it says in one spelling is met by the others. The typed diff
//! itself compares exactly; a plan or a comparison against a contract first passes the
//! contract's side through [`as_the_contract_allows`].

use lockstep_contract::model::{Contract, Entity};
use lockstep_schema::equivalence::{DefaultSide, same_default};
use lockstep_schema::{Column, QualifiedName, Schema, Table};

/// `to` (a lowered contract) with what `from` has and the contract has no spelling for, or
/// spells otherwise, taken from `from`:
///
/// - a column's default in another spelling of the same meaning (`current_timestamp` for
///   `now()`), and `autoincrement` met by any identity or a `serial` sequence;
/// - a type's fractional-second precision (`timestamp(3)`), and a generated column's
///   expression;
/// - a foreign key's `on update` action;
/// - row-level security forced, or on for a table with no rules (never switched off by a
///   contract that says nothing), and restrictive policies;
/// - partial and expression indexes, and a unique index standing for a unique key;
/// - schemas holding only functions, views or triggers.
///
/// Everything the contract does say is kept as it says it, so the diff from `from` to the
/// result is what the contract asks for and nothing else.
pub fn as_the_contract_allows(from: &Schema, to: &Schema) -> Schema {
    let mut to = to.clone();
    for table in &mut to.tables {
        let Some(old) = from.table(&table.name) else { continue };
        table_as_allowed(old, table);
    }
    for index in &from.indexes {
        let Some(table) = to.table(&index.table) else { continue };
        let stands_for_key =
            index.unique && !index.partial && table.uniques.iter().any(|u| same_columns(&u.columns, &index.columns));
        let has_no_spelling =
            index.partial || index.columns.iter().any(|c| !table.columns.iter().any(|col| &col.name == c));
        if stands_for_key {
            if let Some(table) = to.table_mut(&index.table) {
                table.uniques.retain(|u| !same_columns(&u.columns, &index.columns));
            }
        }
        if (stands_for_key || has_no_spelling) && !to.indexes.iter().any(|i| i.name == index.name) {
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
    to.sort();
    to
}

fn table_as_allowed(old: &Table, table: &mut Table) {
    for column in &mut table.columns {
        let Some(was) = old.columns.iter().find(|c| c.name == column.name) else { continue };
        column_as_allowed(was, column);
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
    if was.ty.is_or_refines(&column.ty) {
        column.ty = was.ty.clone();
    }
}

fn same_columns(a: &[String], b: &[String]) -> bool {
    let mut a = a.to_vec();
    let mut b = b.to_vec();
    a.sort();
    b.sort();
    a == b
}

/// [`as_the_contract_allows`], and then, entity by entity, what `check` does not judge because
/// the contract says nothing of it: an entity that declares no uniques, checks or indexes keeps
/// the database's; one without access rules keeps its row-level security and policies; a
/// column without a reference keeps its foreign key (unless the table it points at goes).
/// `migrate plan` diffs against this, so a plan changes only what `check` would report.
pub fn as_accepted(contract: &Contract, current: &Schema, target: &Schema) -> Schema {
    let mut accepted = as_the_contract_allows(current, target);
    let kept_tables: Vec<QualifiedName> = target.tables.iter().map(|t| t.name.clone()).collect();
    for entity in contract.entities.iter().filter(|e| !e.view) {
        let name = QualifiedName::new(entity.schema.clone(), entity.table.clone());
        let (Some(now), Some(table)) = (current.table(&name), accepted.tables.iter_mut().find(|t| t.name == name))
        else {
            continue;
        };
        unsaid_keys(entity, now, table, &kept_tables);
        if entity.policies.is_empty() {
            table.rls_enabled = now.rls_enabled;
            table.rls_forced = now.rls_forced;
            table.policies.clone_from(&now.policies);
        }
        if entity.indexes.is_empty() {
            for index in current.indexes.iter().filter(|i| i.table == name) {
                if !accepted.indexes.iter().any(|i| {
                    i.name == index.name || (i.table == name && i.columns == index.columns && i.unique == index.unique)
                }) {
                    accepted.indexes.push(index.clone());
                }
            }
        }
    }
    accepted.sort();
    accepted
}

/// Uniques in another column order, and the uniques, checks and references the entity does
/// not declare.
fn unsaid_keys(entity: &Entity, now: &Table, table: &mut Table, kept_tables: &[QualifiedName]) {
    for unique in &mut table.uniques {
        if let Some(have) = now.uniques.iter().find(|u| same_columns(&u.columns, &unique.columns)) {
            unique.clone_from(have);
        }
    }
    if entity.uniques.is_empty() {
        for have in &now.uniques {
            if !table.uniques.iter().any(|u| same_columns(&u.columns, &have.columns)) {
                table.uniques.push(have.clone());
            }
        }
    }
    if entity.checks.is_empty() {
        table.checks.clone_from(&now.checks);
    }
    for have in &now.foreign_keys {
        let declared = table.foreign_keys.iter().any(|k| k.columns == have.columns);
        let referenced = kept_tables.contains(&have.references) || have.references.schema != table.name.schema;
        if !declared && referenced {
            table.foreign_keys.push(have.clone());
        }
    }
}
