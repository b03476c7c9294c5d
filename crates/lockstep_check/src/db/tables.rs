//! `db/missing-table` and `db/extra-table`.

use lockstep_diagnostics::{Diagnostic, did_you_mean};
use lockstep_sql::schema::QualifiedName;

use super::{Context, EXTRA_TABLE, MISSING_TABLE};

pub fn check(context: &Context, is_provider_schema: &dyn Fn(&str) -> bool, findings: &mut Vec<Diagnostic>) {
    let tables: Vec<String> = context.schema.tables.iter().map(|t| t.name.name.clone()).collect();
    for entity in &context.contract.entities {
        let name = QualifiedName::new(entity.schema.clone(), entity.table.clone());
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
                .contract(format!("entity {}", entity.name))
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
