//! `db/missing-table` and `db/extra-table`: the tables the diff creates and drops; and `@view`
//! entities, which the diff does not compare, against the database's views.

use lockstep_diagnostics::{ContractPath, Diagnostic, did_you_mean};
use lockstep_schema::QualifiedName;
use lockstep_schema::diff::Change;

use super::{Context, EXTRA_TABLE, MISSING_COLUMN, MISSING_TABLE};

pub fn check(context: &Context, is_provider_schema: &dyn Fn(&str) -> bool, findings: &mut Vec<Diagnostic>) {
    for entity in context.contract.entities.iter().filter(|e| e.view) {
        let name = QualifiedName::new(entity.schema.clone(), entity.table.clone());
        check_view(context, entity, &name, findings);
    }
    let tables: Vec<&str> = context.schema.tables.iter().map(|t| t.name.name.as_str()).collect();
    for change in &context.changes {
        match change {
            Change::CreateTable(table) => {
                let Some(entity) = context.entity(&table.name) else { continue };
                let suggestion = did_you_mean(&entity.table, tables.iter().copied());
                let help = suggestion.map_or_else(
                    || "create the table in a migration, or map the entity to an existing table with `@map(\"...\")`".to_owned(),
                    |s| format!("a table `{s}` exists: if that is this entity, write `entity {} @map(\"{s}\")`, or rename the table", entity.name),
                );
                findings.push(
                    Diagnostic::error(
                        MISSING_TABLE,
                        format!("table `{}` does not exist in {}", table.name, context.source.describe()),
                    )
                    .at(entity.origin.span, "no such table")
                    .contract(ContractPath::Entity(entity.name.clone()))
                    .help(help),
                );
            }
            // A table named like a `@view` entity is the entity's, not an extra one.
            Change::DropTable(table)
                if !is_provider_schema(&table.name.schema)
                    && !context.declared.contains(&(table.name.schema.as_str(), table.name.name.as_str())) =>
            {
                let mut finding =
                    Diagnostic::warning(EXTRA_TABLE, format!("table `{}` is not in the contract", table.name))
                        .help("declare it as an entity, or drop it if nothing uses it");
                if let Some(span) = table.origin {
                    finding = finding.at(span, "created here");
                }
                findings.push(finding);
            }
            _ => {}
        }
    }
}

/// An `@view` entity: the view exists, and has a column for every field (when the source
/// knows its columns).
fn check_view(
    context: &Context,
    entity: &lockstep_contract::model::Entity,
    name: &QualifiedName,
    findings: &mut Vec<Diagnostic>,
) {
    let Some(view) = context.schema.view(name) else {
        let views = context.schema.views.iter().map(|v| v.name.name.as_str());
        let help = did_you_mean(&entity.table, views).map_or_else(
            || "create the view in a migration, or map the entity to an existing one with `@map(\"...\")`".to_owned(),
            |s| format!("a view `{s}` exists: if that is this entity, write `@map(\"{s}\")`"),
        );
        findings.push(
            Diagnostic::error(MISSING_TABLE, format!("view `{name}` does not exist in {}", context.source.describe()))
                .at(entity.origin.span, "no such view")
                .contract(ContractPath::Entity(entity.name.clone()))
                .help(help),
        );
        return;
    };
    let Some(columns) = &view.columns else { return };
    for field in &entity.fields {
        if columns.contains(&field.db_name) {
            continue;
        }
        let finding = Diagnostic::error(
            MISSING_COLUMN,
            format!("view `{}` has no column `{}` in {}", name.name, field.db_name, context.source.describe()),
        )
        .at(field.origin.span, "no such column")
        .contract(ContractPath::field(&entity.name, &field.name))
        .help(did_you_mean(&field.db_name, columns.iter().map(String::as_str)).map_or_else(
            || "add the column to the view's query, or remove the field".to_owned(),
            |s| format!("the view has `{s}`: map the field with `@map(\"{s}\")`, or rename the column"),
        ));
        findings.push(match view.origin {
            Some(span) => finding.related(span, "the view is created here"),
            None => finding,
        });
    }
}
