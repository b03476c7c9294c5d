//! Statements that lock an existing table for as long as they run, or rewrite it: index builds
//! without `concurrently`, column type changes, `set not null`, constraints validated while
//! added, per-row defaults; and a file that takes such locks without a `lock_timeout`.

use lockstep_diagnostics::{Diagnostic, Severity};
use lockstep_schema::migration_facts::{ConstraintKind, FactKind, is_volatile_default};

use super::{
    CONSTRAINT_WITHOUT_NOT_VALID, Context, INDEX_WITHOUT_CONCURRENTLY, NO_LOCK_TIMEOUT, SET_NOT_NULL, TYPE_CHANGE,
    VOLATILE_DEFAULT,
};

pub(super) fn check(context: &Context, findings: &mut Vec<Diagnostic>) {
    let mut timeout_set = false;
    let mut timeout_reported = false;
    for (at, fact) in context.facts() {
        let span = context.span(fact);
        let locks_existing = |table: &str| context.existing(at, table);
        let finding = match &fact.kind {
            FactKind::LockTimeout => {
                timeout_set = true;
                None
            }
            FactKind::CreateIndex { table, concurrently: false } if locks_existing(table) => Some(
                Diagnostic::warning(
                    INDEX_WITHOUT_CONCURRENTLY,
                    format!("the index on `{table}` is built without `concurrently`: writes to the table wait until it is built (SHARE lock)"),
                )
                .at(span, "blocks writes while it builds")
                .help("build it with `create index concurrently`, in a migration of its own (`migrate plan --online` writes one): it cannot run in a transaction"),
            ),
            FactKind::AlterColumnType { table, column } if locks_existing(table) => Some(
                Diagnostic::warning(
                    TYPE_CHANGE,
                    format!("changing the type of `{table}.{column}` rewrites the table and its indexes under an ACCESS EXCLUSIVE lock, unless the new type is binary-compatible"),
                )
                .at(span, "reads and writes wait until it is done")
                .help("add a column of the new type, fill it in batches, switch the code to it, then drop the old one; or run it when the table is small or the app is down"),
            ),
            FactKind::SetNotNull { table, column } if locks_existing(table) => Some(
                Diagnostic::warning(
                    SET_NOT_NULL,
                    format!("`set not null` on `{table}.{column}` scans every row under an ACCESS EXCLUSIVE lock, and fails if one holds null"),
                )
                .at(span, "reads and writes wait for the scan")
                .help(format!("first `add constraint {column}_not_null check ({column} is not null) not valid`, then `validate constraint` (no exclusive lock), then `set not null` uses the valid check and skips the scan")),
            ),
            FactKind::AddConstraint { table, kind: kind @ (ConstraintKind::ForeignKey | ConstraintKind::Check), not_valid: false }
                if locks_existing(table) =>
            {
                let what = if *kind == ConstraintKind::ForeignKey { "foreign key" } else { "check" };
                Some(
                    Diagnostic::warning(
                        CONSTRAINT_WITHOUT_NOT_VALID,
                        format!("the {what} added to `{table}` is validated against every row while writes to the table wait"),
                    )
                    .at(span, "checks every row under lock")
                    .help("add it `not valid` (only new rows are checked), then `alter table ... validate constraint` in the next migration, which takes a lock that lets writes through"),
                )
            }
            FactKind::AddColumn { table, column, default: Some(default), .. }
                if locks_existing(table) && is_volatile_default(default) =>
            {
                Some(
                    Diagnostic::warning(
                        VOLATILE_DEFAULT,
                        format!("`{table}.{column}` is added with the per-row default `{default}`: the table is rewritten under an ACCESS EXCLUSIVE lock"),
                    )
                    .at(span, "rewrites every row")
                    .help("add the column without a default (or with a constant one), set the default afterwards, and fill the existing rows in batches"),
                )
            }
            _ => None,
        };
        let exclusive =
            takes_exclusive_lock(&fact.kind) && table_of(&fact.kind).is_some_and(|t| context.existing(at, t));
        if exclusive && !timeout_set && !timeout_reported {
            timeout_reported = true;
            findings.push(
                Diagnostic::new(
                    NO_LOCK_TIMEOUT,
                    Severity::Warning,
                    "this statement takes an ACCESS EXCLUSIVE lock with no `lock_timeout` set: while it waits behind a long query, every other query on the table waits behind it",
                )
                .at(span, "may queue every query on the table")
                .help("start the migration with `set lock_timeout = '5s';` so it fails fast and can be retried, instead of stalling the app"),
            );
        }
        findings.extend(finding);
    }
}

fn takes_exclusive_lock(kind: &FactKind) -> bool {
    matches!(
        kind,
        FactKind::AddColumn { .. }
            | FactKind::DropColumn { .. }
            | FactKind::DropTable { .. }
            | FactKind::RenameColumn { .. }
            | FactKind::RenameTable { .. }
            | FactKind::AlterColumnType { .. }
            | FactKind::SetNotNull { .. }
            | FactKind::AddConstraint { .. }
    )
}

fn table_of(kind: &FactKind) -> Option<&str> {
    match kind {
        FactKind::AddColumn { table, .. }
        | FactKind::DropColumn { table, .. }
        | FactKind::DropTable { table }
        | FactKind::RenameColumn { table, .. }
        | FactKind::AlterColumnType { table, .. }
        | FactKind::SetNotNull { table, .. }
        | FactKind::AddConstraint { table, .. }
        | FactKind::RenameTable { from: table, .. } => Some(table),
        _ => None,
    }
}
