//! `db/stale-was`: a rename the contract declares (`@was`) that the database has already made:
//! the new name exists and the old one is gone, so the `@was` has nothing left to do.

use lockstep_diagnostics::{ContractPath, Diagnostic, Span};
use lockstep_schema::QualifiedName;

use super::{Context, STALE_WAS};

pub fn check(context: &Context, findings: &mut Vec<Diagnostic>) {
    let source = context.source.describe();
    let mut stale = |what: String, was: &str, span: Span, element: ContractPath| {
        findings.push(
            Diagnostic::info(
                STALE_WAS,
                format!("{what} is renamed in {source}: `@was({was})` has nothing left to rename"),
            )
            .at(span, "the rename is made")
            .contract(element)
            .help("remove the `@was` once every layer (the code, the generated types) uses the new name"),
        );
    };
    for entity in context.contract.entities.iter().filter(|e| !e.view) {
        let name = QualifiedName::new(entity.schema.clone(), entity.table.clone());
        let Some(table) = context.table(&name) else { continue };
        if let Some(was) = &entity.was {
            let old = QualifiedName::new(entity.schema.clone(), was.clone());
            if *was != entity.table && context.table(&old).is_none() {
                stale(format!("`{was}`"), was, entity.origin.span, ContractPath::Entity(entity.name.clone()));
            }
        }
        for field in &entity.fields {
            let Some(was) = field.was.as_ref().filter(|was| **was != field.db_name) else { continue };
            let has = |column: &str| table.columns.iter().any(|c| c.name == column);
            if has(&field.db_name) && !has(was) {
                let element = ContractPath::field(&entity.name, &field.name);
                stale(format!("`{}.{was}`", entity.table), was, field.origin.span, element);
            }
        }
    }
    for declared in &context.contract.enums {
        let name = QualifiedName::public(declared.db_name.clone());
        let Some(found) = context.schema.enums.iter().find(|e| e.name == name) else { continue };
        if let Some(was) = declared.was.as_ref().filter(|was| **was != declared.db_name) {
            if !context.schema.enums.iter().any(|e| e.name == QualifiedName::public(was.clone())) {
                stale(
                    format!("the type `{was}`"),
                    was,
                    declared.origin.span,
                    ContractPath::Enum(declared.name.clone()),
                );
            }
        }
        for value in &declared.values {
            let Some(was) = value.was.as_ref().filter(|was| **was != value.name) else { continue };
            if found.values.contains(&value.name) && !found.values.contains(was) {
                let element = ContractPath::Enum(declared.name.clone());
                stale(format!("the value '{was}' of `{}`", declared.db_name), was, value.origin.span, element);
            }
        }
    }
}
