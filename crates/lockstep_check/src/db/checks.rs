//! `db/missing-check`: every `@check` / `@@check` the contract declares has a check
//! constraint of the same meaning on the table, so the diff adds none. Checks the database has
//! beyond the contract (the checks the diff drops) are not reported: `init` carries only the
//! checks that list a column's values, so the rest would flood every adopted app.

use lockstep_diagnostics::{ContractPath, Diagnostic};
use lockstep_schema::diff::Change;

use super::{Context, MISSING_CHECK};

pub fn check(context: &Context, findings: &mut Vec<Diagnostic>) {
    for change in &context.changes {
        let Change::AddCheck { table, check } = change else { continue };
        let Some((entity, table)) = context.existing(table) else { continue };
        // The lowering keeps each check's text as the contract wrote it; a check repeated in
        // other words is lowered once.
        let expected = check.expression.text();
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
