//! `db/missing-table` and `db/extra-table`.

use lockstep_diagnostics::{ContractPath, Diagnostic, did_you_mean};
use lockstep_schema::QualifiedName;

use super::{Context, EXTRA_TABLE, MISSING_COLUMN, MISSING_TABLE};

pub fn check(context: &Context, is_provider_schema: &dyn Fn(&str) -> bool, findings: &mut Vec<Diagnostic>) {
    let tables: Vec<String> = context.schema.tables.iter().map(|t| t.name.name.clone()).collect();
    for entity in &context.contract.entities {
        let name = QualifiedName::new(entity.schema.clone(), entity.table.clone());
        if entity.view {
            check_view(context, entity, &name, findings);
            continue;
        }
        if context.table(&name).is_some() {
            continue;
        }
        let suggestion = did_you_mean(&entity.table, tables.iter().map(String::as_str));
        let help = suggestion.map_or_else(
            || "create the table in a migration, or map the entity to an existing table with `@map(\"...\")`".to_owned(),
            |s| format!("a table `{s}` exists: if that is this entity, write `entity {} @map(\"{s}\")`, or rename the table", entity.name),
        );
        findings.push(
            Diagnostic::error(MISSING_TABLE, format!("table `{name}` does not exist in {}", context.source.describe()))
                .at(entity.origin.span, "no such table")
                .contract(ContractPath::Entity(entity.name.clone()))
                .help(help),
        );
    }
    for table in &context.schema.tables {
        if is_provider_schema(&table.name.schema) {
            continue;
        }
        let declared = context.declared.contains(&(table.name.schema.as_str(), table.name.name.as_str()));
        if declared {
            continue;
        }
        let mut finding = Diagnostic::warning(EXTRA_TABLE, format!("table `{}` is not in the contract", table.name))
            .help("declare it as an entity, or drop it if nothing uses it");
        if let Some(span) = table.origin {
            finding = finding.at(span, "created here");
        }
        findings.push(finding);
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
