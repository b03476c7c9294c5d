//! Columns: `db/missing-column`, `db/extra-column`, `db/type-mismatch`,
//! `db/nullability-mismatch`, `db/default-mismatch`: each is a column change of the diff.

use std::collections::HashSet;

use lockstep_contract::model::{Entity, Field};
use lockstep_diagnostics::{ContractPath, Diagnostic, did_you_mean};
use lockstep_schema::diff::Change;
use lockstep_schema::{Column, QualifiedName, Table};

use super::{
    Context, DEFAULT_MISMATCH, EXTRA_COLUMN, MISSING_COLUMN, NULLABILITY_MISMATCH, TYPE_MISMATCH, at_database,
};

pub fn check(context: &Context, findings: &mut Vec<Diagnostic>) {
    // A column's default and identity may change together: one finding for both.
    let mut defaults_reported: HashSet<(&QualifiedName, &str)> = HashSet::new();
    for change in &context.changes {
        let (table_name, column_name) = match change {
            Change::AddColumn { table, column } | Change::DropColumn { table, column } => (table, column.name.as_str()),
            Change::AlterColumnType { table, column, .. }
            | Change::SetNotNull { table, column }
            | Change::DropNotNull { table, column }
            | Change::SetDefault { table, column, .. }
            | Change::DropDefault { table, column }
            | Change::SetIdentity { table, column, .. } => (table, column.as_str()),
            _ => continue,
        };
        let Some((entity, table)) = context.existing(table_name) else { continue };
        if let Change::DropColumn { column, .. } = change {
            let finding = Diagnostic::warning(
                EXTRA_COLUMN,
                format!("column `{}.{}` is not in the contract", table.name.name, column.name),
            )
            .contract(ContractPath::Entity(entity.name.clone()))
            .help(format!("declare it as a field of `{}`, or drop the column if nothing uses it", entity.name));
            findings.push(at_database(finding, column.origin, entity.origin.span, "this column"));
            continue;
        }
        let Some(field) = entity.field_by_column(column_name) else { continue };
        if let Change::AddColumn { .. } = change {
            findings.push(missing_column(context, entity, field, table));
            continue;
        }
        let Some(column) = table.columns.iter().find(|c| c.name == column_name) else { continue };
        let element = ContractPath::field(&entity.name, &field.name);
        match change {
            Change::AlterColumnType { to: expected, .. } => {
                let finding = Diagnostic::error(TYPE_MISMATCH, format!("column `{}` is `{}`; the contract says `{expected}`", column.name, column.ty))
                    .contract(element)
                    .help(format!("change the column type in a migration (`alter column {} type {expected}`), or the field's type in the contract", column.name));
                findings.push(at_database(finding, column.origin, field.origin.span, "column type differs"));
            }
            Change::SetNotNull { .. } | Change::DropNotNull { .. } => {
                let optional = matches!(change, Change::DropNotNull { .. });
                let (says, is) = if optional { ("optional", "not null") } else { ("required", "nullable") };
                let fix = if optional { "drop not null" } else { "set not null" };
                let finding = Diagnostic::error(
                    NULLABILITY_MISMATCH,
                    format!("column `{}` is {is}; the contract says {says}", column.name),
                )
                .contract(element)
                .help(format!(
                    "`alter column {} {fix}` in a migration, or change the field's `?` in the contract",
                    column.name
                ));
                findings.push(at_database(finding, column.origin, field.origin.span, "nullability differs"));
            }
            _ if defaults_reported.insert((table_name, column_name)) => {
                let Some(expected) = context.expected_column(entity, field) else { continue };
                findings.push(default_mismatch(expected, column, field, element));
            }
            _ => {}
        }
    }
}

fn missing_column(context: &Context, entity: &Entity, field: &Field, table: &Table) -> Diagnostic {
    let columns: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    let help = match did_you_mean(&field.db_name, columns) {
        Some(similar) => format!(
            "the table has `{similar}`: rename the column to `{}` in a migration, or map the field with `@map(\"{similar}\")`",
            field.db_name
        ),
        None => format!("add the column in a migration: `alter table {} add column {} ...`", table.name, field.db_name),
    };
    let mut finding = Diagnostic::error(
        MISSING_COLUMN,
        format!("table `{}` has no column `{}` in {}", table.name.name, field.db_name, context.source.describe()),
    )
    .at(field.origin.span, "no such column")
    .contract(ContractPath::field(&entity.name, &field.name))
    .help(help);
    if let Some(span) = table.origin {
        finding = finding.related(span, "the table is created here");
    }
    finding
}

/// `expected` is the contract's column (its default and identity as the diff sets them),
/// `column` the database's.
fn default_mismatch(expected: &Column, column: &Column, field: &Field, element: ContractPath) -> Diagnostic {
    let actual = match (&column.default, column.identity) {
        (Some(default), _) => format!("default `{default}`"),
        (None, Some(_)) => "an identity column".to_owned(),
        (None, None) => "no default".to_owned(),
    };
    let expected = match (&expected.default, expected.identity) {
        (Some(default), _) => format!("`{}`", default.text()),
        (None, Some(_)) => "`generated by default as identity`".to_owned(),
        (None, None) => "no default".to_owned(),
    };
    let finding = Diagnostic::error(
        DEFAULT_MISMATCH,
        format!("column `{}` has {actual}; the contract says {expected}", column.name),
    )
    .contract(element)
    .help("align the default in a migration (`alter column ... set default ...`) or in the contract");
    at_database(finding, column.origin, field.origin.span, "default differs")
}
