//! What `migrate plan` accepts of a database beyond what the contract says: the schema-level
//! equivalence ([`as_the_contract_allows`]), and what `check` does not judge because the
//! contract is silent on it.

use lockstep_contract::model::{Contract, Entity};
use lockstep_schema::equivalence::{as_the_contract_allows, same_columns};
use lockstep_schema::{QualifiedName, Schema, Table};

/// [`as_the_contract_allows`], and then, entity by entity, what `check` does not judge because
/// the contract says nothing of it: an entity that declares no uniques, checks or indexes keeps
/// the database's; one without access rules keeps its row-level security and policies; a
/// column without a reference keeps its foreign key (unless the table it points at goes).
/// `migrate plan` diffs against this, so a plan changes only what `check` would report.
pub fn as_accepted(contract: &Contract, current: &Schema, target: &Schema) -> Schema {
    let mut accepted = as_the_contract_allows(current, target.clone());
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

/// The uniques, checks and references the entity does not declare.
fn unsaid_keys(entity: &Entity, now: &Table, table: &mut Table, kept_tables: &[QualifiedName]) {
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
