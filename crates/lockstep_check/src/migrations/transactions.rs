//! Statements the transaction around a migration breaks: `concurrently` inside one, and an
//! enum value used in the transaction that added it.

use lockstep_diagnostics::Diagnostic;
use lockstep_schema::migration_facts::FactKind;

use super::{CONCURRENTLY_IN_TRANSACTION, Context, ENUM_VALUE_USED_IN_TRANSACTION};

pub(super) fn check(context: &Context, findings: &mut Vec<Diagnostic>) {
    let statements = context
        .facts
        .iter()
        .filter(|f| !matches!(f.kind, FactKind::Literal { .. } | FactKind::LongIdentifier { .. }))
        .map(|f| f.start)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let mut in_block = false;
    // Values added since the transaction began: (type, value, where).
    let mut added: Vec<(&str, &str, lockstep_diagnostics::Span)> = Vec::new();
    for (_, fact) in context.facts() {
        match &fact.kind {
            FactKind::Begin => in_block = true,
            FactKind::Commit => {
                in_block = false;
                added.clear();
            }
            FactKind::CreateIndex { concurrently: true, .. } | FactKind::DropIndex { concurrently: true } => {
                // A file of several statements is sent as one: Postgres runs it in one implicit
                // transaction, unless the file is marked to run statement by statement.
                let implicit = statements > 1 && !context.no_transaction;
                if in_block || implicit {
                    let why = if in_block {
                        "inside `begin` ... `commit`"
                    } else {
                        "in a file of several statements, which runs as one transaction"
                    };
                    findings.push(
                        Diagnostic::error(
                            CONCURRENTLY_IN_TRANSACTION,
                            format!("`concurrently` cannot run in a transaction, and this statement is {why}: Postgres refuses it"),
                        )
                        .at(context.span(fact), "fails in a transaction")
                        .help("move it to a migration of its own whose first line is `-- lockstep:no-transaction`, applied outside a transaction"),
                    );
                }
            }
            FactKind::AddEnumValue { type_name, value } => added.push((type_name, value, context.span(fact))),
            FactKind::Literal { value } if !context.no_transaction => {
                let span = context.span(fact);
                if let Some((type_name, _, where_added)) =
                    added.iter().find(|(_, v, at)| *v == value && at.end <= span.start)
                {
                    findings.push(
                        Diagnostic::error(
                            ENUM_VALUE_USED_IN_TRANSACTION,
                            format!("'{value}' is used in the transaction that adds it to `{type_name}`: Postgres refuses it (unsafe use of new value)"),
                        )
                        .at(span, "used before the value is committed")
                        .related(*where_added, "added here")
                        .help("add the value in one migration and use it in the next"),
                    );
                }
            }
            _ => {}
        }
    }
}
