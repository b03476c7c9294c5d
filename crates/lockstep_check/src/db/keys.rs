//! `db/missing-foreign-key` and `db/missing-unique`.

use lockstep_contract::model::Entity;
use lockstep_diagnostics::{ContractPath, Diagnostic};
use lockstep_schema::{QualifiedName, Table};

use super::{Context, MISSING_FOREIGN_KEY, MISSING_UNIQUE};

pub fn check(context: &Context, findings: &mut Vec<Diagnostic>) {
    for entity in &context.contract.entities {
        let name = QualifiedName::new(entity.schema.clone(), entity.table.clone());
        let Some(table) = context.table(&name) else { continue };
        foreign_keys(context, entity, table, findings);
        uniques(context, entity, table, findings);
    }
}

fn foreign_keys(context: &Context, entity: &Entity, table: &Table, findings: &mut Vec<Diagnostic>) {
    for field in &entity.fields {
        if field.references.is_none() {
            continue;
        }
        if !table.columns.iter().any(|c| c.name == field.db_name) {
            continue; // reported as a missing column
        }
        // The foreign key the contract lowers the reference to; none when it names an entity
        // the contract does not have (reported by the contract check).
        let Some(lowered) = context
            .expected_table(entity)
            .and_then(|t| t.foreign_keys.iter().find(|fk| fk.columns == [field.db_name.clone()]))
        else {
            continue;
        };
        let (target, target_column) = (&lowered.references, &lowered.referenced_columns[0]);
        let element = ContractPath::field(&entity.name, &field.name);
        let found = table.foreign_keys.iter().find(|fk| {
            fk.columns == [field.db_name.clone()]
                && fk.references == *target
                && fk.referenced_columns == lowered.referenced_columns
        });
        let expected_action = lowered.on_delete;
        match found {
            None => findings.push(
                Diagnostic::error(MISSING_FOREIGN_KEY, format!("column `{}.{}` has no foreign key to `{target}({target_column})`", table.name.name, field.db_name))
                    .at(field.origin.span, "the contract declares this reference")
                    .contract(element)
                    .help(format!(
                        "add it in a migration: `alter table {} add foreign key ({}) references {target} ({target_column}) on delete {}`",
                        table.name, field.db_name, expected_action.as_str()
                    )),
            ),
            Some(fk) if fk.on_delete != expected_action => {
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
            Some(_) => {}
        }
    }
}

fn uniques(context: &Context, entity: &Entity, table: &Table, findings: &mut Vec<Diagnostic>) {
    for unique in &entity.uniques {
        let mut columns: Vec<String> =
            unique.iter().filter_map(|f| entity.field(f)).map(|f| f.db_name.clone()).collect();
        if columns.len() != unique.len() || !columns.iter().all(|c| table.columns.iter().any(|col| &col.name == c)) {
            continue; // a missing column is reported on its own
        }
        columns.sort();
        let same = |other: &[String]| {
            let mut other = other.to_vec();
            other.sort();
            other == columns
        };
        let covered = table.primary_key.as_ref().is_some_and(|pk| same(&pk.columns))
            || context.schema.unique_keys(table).any(same);
        if covered {
            continue;
        }
        let span = unique.first().and_then(|f| entity.field(f)).map_or(entity.origin.span, |f| f.origin.span);
        findings.push(
            Diagnostic::error(
                MISSING_UNIQUE,
                format!("table `{}` has no unique constraint on ({})", table.name.name, columns.join(", ")),
            )
            .at(span, "the contract declares this unique")
            .contract(ContractPath::Entity(entity.name.clone()))
            .help(format!(
                "add it in a migration: `alter table {} add unique ({})`",
                table.name,
                columns.join(", ")
            )),
        );
    }
}
