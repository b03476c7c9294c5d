//! Renames the contract declares (`@was`): carried out before the diff, so a renamed table,
//! column, type or enum value keeps its data instead of being dropped and made again. Renames
//! are never guessed; [`crate::hazard::suspected_renames`] only says when a drop and an add
//! look like one.

use lockstep_contract::model::Contract;
use lockstep_sql::replay::replay_text;
use lockstep_sql::schema::{QualifiedName, Schema};

use lockstep_schema::diff::Change;

/// The renames the contract declares, as changes from the previous names: types first, then
/// their values, tables, and columns (each on its table's new name), the order they apply in.
pub fn declared(contract: &Contract) -> Vec<Change> {
    let mut renames = Vec::new();
    for declared in &contract.enums {
        if let Some(was) = declared.was.as_ref().filter(|was| **was != declared.db_name) {
            renames.push(Change::RenameEnum { from: QualifiedName::public(was.clone()), to: declared.db_name.clone() });
        }
    }
    for declared in &contract.enums {
        for value in &declared.values {
            if let Some(was) = value.was.as_ref().filter(|was| **was != value.name) {
                renames.push(Change::RenameEnumValue {
                    enum_name: QualifiedName::public(declared.db_name.clone()),
                    from: was.clone(),
                    to: value.name.clone(),
                });
            }
        }
    }
    let tables = contract.entities.iter().filter(|e| !e.view);
    for entity in tables.clone() {
        if let Some(was) = entity.was.as_ref().filter(|was| **was != entity.table) {
            renames.push(Change::RenameTable {
                from: QualifiedName::new(entity.schema.clone(), was.clone()),
                to: entity.table.clone(),
            });
        }
    }
    for entity in tables {
        let table = QualifiedName::new(entity.schema.clone(), entity.table.clone());
        for field in &entity.fields {
            if let Some(was) = field.was.as_ref().filter(|was| **was != field.db_name) {
                renames.push(Change::RenameColumn {
                    table: table.clone(),
                    from: was.clone(),
                    to: field.db_name.clone(),
                });
            }
        }
    }
    renames
}

/// A schema with the declared renames that apply to it carried out.
#[derive(Clone, Debug)]
pub struct Renamed {
    /// The renames carried out, in order.
    pub applied: Vec<Change>,
    /// The schema after them, in canonical form: what the other changes start from.
    pub schema: Schema,
    /// Declared renames with nothing to do: the old name is gone and the new one exists (an
    /// earlier migration made the rename), or neither exists.
    pub stale: Vec<Change>,
}

/// Carries out each rename whose old name `from` (canonical) has and whose new name it lacks,
/// by replaying its DDL, so a renamed table's keys, indexes, references and rules follow it as
/// they do in Postgres.
pub fn apply(from: &Schema, renames: &[Change]) -> Renamed {
    let mut current = from.clone();
    let mut applied = Vec::new();
    let mut stale = Vec::new();
    for rename in renames {
        if applies(&current, rename) {
            current = replay_text(current, &crate::ddl::render(std::slice::from_ref(rename)));
            applied.push(rename.clone());
        } else {
            stale.push(rename.clone());
        }
    }
    current.sort();
    Renamed { applied, schema: current, stale }
}

/// Whether `schema` has the old name and not the new one.
fn applies(schema: &Schema, rename: &Change) -> bool {
    match rename {
        Change::RenameTable { from, to } => {
            schema.table(from).is_some() && schema.table(&QualifiedName::new(from.schema.clone(), to.clone())).is_none()
        }
        Change::RenameColumn { table, from, to } => schema
            .table(table)
            .is_some_and(|t| t.columns.iter().any(|c| c.name == *from) && !t.columns.iter().any(|c| c.name == *to)),
        Change::RenameEnum { from, to } => {
            let renamed = QualifiedName::new(from.schema.clone(), to.clone());
            schema.enums.iter().any(|e| e.name == *from) && !schema.enums.iter().any(|e| e.name == renamed)
        }
        Change::RenameEnumValue { enum_name, from, to } => schema
            .enums
            .iter()
            .find(|e| e.name == *enum_name)
            .is_some_and(|e| e.values.contains(from) && !e.values.contains(to)),
        _ => false,
    }
}
