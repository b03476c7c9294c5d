//! `db/missing-foreign-key` and `db/missing-unique`: the foreign keys and uniques the diff adds.
//! A foreign key the diff adds while it drops one on the same column to the same target has
//! another `on delete` action.

use std::collections::HashMap;

use lockstep_diagnostics::{ContractPath, Diagnostic};
use lockstep_schema::diff::Change;
use lockstep_schema::equivalence::same_columns;
use lockstep_schema::{ForeignKey, QualifiedName};

use super::{Context, MISSING_FOREIGN_KEY, MISSING_UNIQUE};

pub fn check(context: &Context, findings: &mut Vec<Diagnostic>) {
    let mut dropped: HashMap<&QualifiedName, Vec<&ForeignKey>> = HashMap::new();
    for change in &context.changes {
        if let Change::DropForeignKey { table, key } = change {
            dropped.entry(table).or_default().push(key);
        }
    }
    for change in &context.changes {
        match change {
            Change::AddForeignKey { table, key } => {
                let dropped = dropped.get(table).map_or(&[][..], Vec::as_slice);
                foreign_key(context, table, key, dropped, findings);
            }
            Change::AddUnique { table, key } => unique(context, table, &key.columns, findings),
            _ => {}
        }
    }
}

/// `dropped`: the foreign keys the diff drops from the table.
fn foreign_key(
    context: &Context,
    table_name: &QualifiedName,
    lowered: &ForeignKey,
    dropped: &[&ForeignKey],
    findings: &mut Vec<Diagnostic>,
) {
    let Some((entity, table)) = context.existing(table_name) else { return };
    // The contract lowers a reference per field: a key on one column.
    let [column] = lowered.columns.as_slice() else { return };
    let Some(field) = entity.field_by_column(column) else { return };
    if !table.columns.iter().any(|c| &c.name == column) {
        return; // reported as a missing column
    }
    let (target, target_column) = (&lowered.references, &lowered.referenced_columns[0]);
    let element = ContractPath::field(&entity.name, &field.name);
    let expected_action = lowered.on_delete;
    let replaced = dropped.iter().find(|key| {
        key.columns == lowered.columns
            && key.references == *target
            && key.referenced_columns == lowered.referenced_columns
    });
    match replaced {
        None => findings.push(
            Diagnostic::error(MISSING_FOREIGN_KEY, format!("column `{}.{}` has no foreign key to `{target}({target_column})`", table.name.name, field.db_name))
                .at(field.origin.span, "the contract declares this reference")
                .contract(element)
                .help(format!(
                    "add it in a migration: `alter table {} add foreign key ({}) references {target} ({target_column}) on delete {}`",
                    table.name, field.db_name, expected_action.as_str()
                )),
        ),
        Some(fk) => {
            let mut finding = Diagnostic::error(
                MISSING_FOREIGN_KEY,
                format!("foreign key `{}` deletes with `{}`; the contract says `on delete {}`", fk.name, fk.on_delete.as_str(), expected_action.as_str()),
            )
            .contract(element)
            .help("recreate the constraint with the contract's action, or change `on delete` in the contract");
            finding = match fk.origin {
                Some(span) => finding.at(span, "the constraint").related(field.origin.span, "the contract says"),
                None => finding.at(field.origin.span, "the contract says"),
            };
            findings.push(finding);
        }
    }
}

/// `columns` in the contract's order.
fn unique(context: &Context, table_name: &QualifiedName, columns: &[String], findings: &mut Vec<Diagnostic>) {
    let Some((entity, table)) = context.existing(table_name) else { return };
    if !columns.iter().all(|c| table.columns.iter().any(|col| &col.name == c)) {
        return; // a missing column is reported on its own
    }
    // The database's primary key holds the columns unique too (whatever the contract's key is).
    if table.primary_key.as_ref().is_some_and(|pk| same_columns(&pk.columns, columns)) {
        return;
    }
    let span = columns.first().and_then(|c| entity.field_by_column(c)).map_or(entity.origin.span, |f| f.origin.span);
    let mut sorted = columns.to_vec();
    sorted.sort();
    findings.push(
        Diagnostic::error(
            MISSING_UNIQUE,
            format!("table `{}` has no unique constraint on ({})", table.name.name, sorted.join(", ")),
        )
        .at(span, "the contract declares this unique")
        .contract(ContractPath::Entity(entity.name.clone()))
        .help(format!(
            "add it in a migration: `alter table {} add unique ({})`",
            table.name,
            sorted.join(", ")
        )),
    );
}
