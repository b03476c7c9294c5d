//! Changes that break what already exists: a required column without a default on a table
//! with rows, renames and drops that code still using the old name does not survive, and names
//! Postgres truncates.

use lockstep_diagnostics::Diagnostic;
use lockstep_schema::migration_facts::{FactKind, MAX_IDENTIFIER_BYTES};

use super::{Context, DROP, IDENTIFIER_TOO_LONG, NOT_NULL_WITHOUT_DEFAULT, RENAME};

pub(super) fn check(context: &Context, findings: &mut Vec<Diagnostic>) {
    for (at, fact) in context.facts() {
        let span = context.span(fact);
        let finding = match &fact.kind {
            FactKind::AddColumn { table, column, not_null: true, default: None, generated: false }
                if context.existing(at, table) =>
            {
                Diagnostic::error(
                    NOT_NULL_WITHOUT_DEFAULT,
                    format!("`{table}.{column}` is added NOT NULL without a default: Postgres refuses it if the table has a row"),
                )
                .at(span, "fails on a table with rows")
                .help("give it a default, or add it nullable, fill it, then `set not null`")
            }
            FactKind::RenameColumn { table, from, to } => Diagnostic::warning(
                RENAME,
                format!("`{table}.{from}` is renamed to `{to}`: code that still uses `{from}` fails once this runs"),
            )
            .at(span, "breaks code using the old name")
            .help("ship the code that uses the new name with this migration (`lockstep check` finds the old name in the code), or add a view or a generated column under the old name for the transition"),
            FactKind::RenameTable { from, to } => Diagnostic::warning(
                RENAME,
                format!("`{from}` is renamed to `{to}`: code that still uses `{from}` fails once this runs"),
            )
            .at(span, "breaks code using the old name")
            .help(format!("ship the code that uses the new name with this migration, or keep a view named `{from}` for the transition")),
            FactKind::RenameEnumValue { type_name, from, to } => Diagnostic::warning(
                RENAME,
                format!("the value '{from}' of `{type_name}` is renamed to '{to}': code that still sends '{from}' is refused"),
            )
            .at(span, "breaks code sending the old value")
            .help("ship the code that sends the new value with this migration"),
            FactKind::RenameFunction { from, to } => Diagnostic::warning(
                RENAME,
                format!("the function `{from}` is renamed to `{to}`: code that still calls `{from}` (`.rpc('{from}')`) fails once this runs"),
            )
            .at(span, "breaks code calling the old name")
            .help("ship the code that calls the new name with this migration"),
            FactKind::DropColumn { table, column } => Diagnostic::warning(
                DROP,
                format!("`{table}.{column}` is dropped with its data: code that still selects or writes it fails"),
            )
            .at(span, "data lost, old code breaks")
            .help("stop using the column in the code first and deploy that; keep a backup of the data if it may be needed"),
            FactKind::DropTable { table } if context.existing(at, table) => Diagnostic::warning(
                DROP,
                format!("`{table}` is dropped with every row: code that still reads or writes it fails"),
            )
            .at(span, "data lost, old code breaks")
            .help("stop using the table in the code first and deploy that; keep a backup of the data if it may be needed"),
            FactKind::LongIdentifier { name } => Diagnostic::warning(
                IDENTIFIER_TOO_LONG,
                format!("the name `{name}` is {} bytes long: Postgres keeps the first {MAX_IDENTIFIER_BYTES}, so the object gets another name than the code uses", name.len()),
            )
            .at(span, "truncated by Postgres")
            .help(format!("use a name of at most {MAX_IDENTIFIER_BYTES} bytes")),
            _ => continue,
        };
        findings.push(finding);
    }
}
