//! `db/missing-check`: every `@check` / `@@check` the contract declares has a check
//! constraint of the same meaning on the table. Checks the database has beyond the contract
//! are not reported: `init` carries only the checks that list a column's values, so the rest
//! would flood every adopted app.

use lockstep_diagnostics::{ContractPath, Diagnostic};
use lockstep_schema::QualifiedName;

use super::{Context, MISSING_CHECK};

pub fn check(context: &Context, findings: &mut Vec<Diagnostic>) {
    for entity in context.contract.entities.iter().filter(|e| !e.view) {
        let name = QualifiedName::new(entity.schema.clone(), entity.table.clone());
        let Some(table) = context.table(&name) else { continue };
        let Some(lowered) = context.expected_table(entity) else { continue };
        for expected in &entity.checks {
            // The lowering keeps each check's text as the contract wrote it, with its canonical
            // form; a check repeated in other words is lowered once.
            let Some(lowered) = lowered.checks.iter().find(|c| c.expression.text() == expected) else { continue };
            if table.checks.iter().any(|c| c.expression == lowered.expression) {
                continue;
            }
            let mut finding = Diagnostic::error(
                MISSING_CHECK,
                format!("table `{}` has no check `{expected}` in {}", table.name.name, context.source.describe()),
            )
            .at(entity.origin.span, "the contract declares the check")
            .contract(ContractPath::Entity(entity.name.clone()))
            .help(format!(
                "add it in a migration: `alter table {} add constraint {}_check check ({expected})`, or remove the check from the contract",
                table.name, table.name.name
            ));
            if let Some(span) = table.origin {
                finding = finding.related(span, "the table is created here");
            }
            findings.push(finding);
        }
    }
}
