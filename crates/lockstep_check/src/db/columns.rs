//! Columns: `db/missing-column`, `db/extra-column`, `db/type-mismatch`,
//! `db/nullability-mismatch`, `db/default-mismatch`; and `db/enum-mismatch` for enum types.

use lockstep_contract::model::{Entity, Field};
use lockstep_diagnostics::{ContractPath, Diagnostic, did_you_mean};
use lockstep_schema::{Column, QualifiedName, Table};

use super::expected::{default_matches, default_sql, same_type};
use super::{
    Context, DEFAULT_MISMATCH, ENUM_MISMATCH, EXTRA_COLUMN, MISSING_COLUMN, NULLABILITY_MISMATCH, TYPE_MISMATCH,
    at_database,
};

pub fn check(context: &Context, findings: &mut Vec<Diagnostic>) {
    for entity in &context.contract.entities {
        let name = QualifiedName::new(entity.schema.clone(), entity.table.clone());
        let Some(table) = context.table(&name) else { continue };
        for field in &entity.fields {
            match table.columns.iter().find(|c| c.name == field.db_name) {
                Some(column) => check_column(context, entity, field, column, findings),
                None => findings.push(missing_column(context, entity, field, table)),
            }
        }
        for column in &table.columns {
            if entity.field_by_column(&column.name).is_none() {
                let finding = Diagnostic::warning(
                    EXTRA_COLUMN,
                    format!("column `{}.{}` is not in the contract", table.name.name, column.name),
                )
                .contract(ContractPath::Entity(entity.name.clone()))
                .help(format!("declare it as a field of `{}`, or drop the column if nothing uses it", entity.name));
                findings.push(at_database(finding, column.origin, entity.origin.span, "this column"));
            }
        }
    }
    check_enums(context, findings);
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

fn check_column(context: &Context, entity: &Entity, field: &Field, column: &Column, findings: &mut Vec<Diagnostic>) {
    let element = ContractPath::field(&entity.name, &field.name);
    // The lowered column: every field of a table entity has one (a `@view` entity has none).
    let expected = context.expected_column(entity, field);
    if let Some(expected) = expected.map(|c| &c.ty).filter(|ty| !same_type(ty, &column.ty)) {
        let finding = Diagnostic::error(TYPE_MISMATCH, format!("column `{}` is `{}`; the contract says `{expected}`", column.name, column.ty))
            .contract(element.clone())
            .help(format!("change the column type in a migration (`alter column {} type {expected}`), or the field's type in the contract", column.name));
        findings.push(at_database(finding, column.origin, field.origin.span, "column type differs"));
    }
    if field.nullable != column.nullable {
        let (says, is) = if field.nullable { ("optional", "not null") } else { ("required", "nullable") };
        let fix = if field.nullable { "drop not null" } else { "set not null" };
        let finding = Diagnostic::error(
            NULLABILITY_MISMATCH,
            format!("column `{}` is {is}; the contract says {says}", column.name),
        )
        .contract(element.clone())
        .help(format!(
            "`alter column {} {fix}` in a migration, or change the field's `?` in the contract",
            column.name
        ));
        findings.push(at_database(finding, column.origin, field.origin.span, "nullability differs"));
    }
    if let Some(expected) = expected.filter(|expected| !default_matches(expected, column)) {
        let actual = match (&column.default, column.identity) {
            (Some(default), _) => format!("default `{default}`"),
            (None, Some(_)) => "an identity column".to_owned(),
            (None, None) => "no default".to_owned(),
        };
        let expected = default_sql(expected).map_or_else(|| "no default".to_owned(), |d| format!("`{d}`"));
        let finding = Diagnostic::error(
            DEFAULT_MISMATCH,
            format!("column `{}` has {actual}; the contract says {expected}", column.name),
        )
        .contract(element)
        .help("align the default in a migration (`alter column ... set default ...`) or in the contract");
        findings.push(at_database(finding, column.origin, field.origin.span, "default differs"));
    }
}

fn check_enums(context: &Context, findings: &mut Vec<Diagnostic>) {
    for contract_enum in &context.contract.enums {
        let name = QualifiedName::public(contract_enum.db_name.clone());
        let element = ContractPath::Enum(contract_enum.name.clone());
        let Some(db_enum) = context.schema.enum_type(&name) else {
            let used = context
                .contract
                .entities
                .iter()
                .flat_map(|e| &e.fields)
                .any(|f| f.ty.contract_name().trim_end_matches("[]") == contract_enum.name);
            if used {
                findings.push(
                    Diagnostic::error(
                        ENUM_MISMATCH,
                        format!("enum type `{name}` does not exist in {}", context.source.describe()),
                    )
                    .at(contract_enum.origin.span, "no such type")
                    .contract(element)
                    .help("create it in a migration: `create type ... as enum (...)`"),
                );
            }
            continue;
        };
        let declared: Vec<&str> = contract_enum.values.iter().map(|v| v.name.as_str()).collect();
        let missing: Vec<&str> = declared.iter().copied().filter(|v| !db_enum.values.iter().any(|d| d == v)).collect();
        let extra: Vec<&str> = db_enum.values.iter().map(String::as_str).filter(|v| !declared.contains(v)).collect();
        let quoted = |values: &[&str]| values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
        if !missing.is_empty() {
            let finding = Diagnostic::error(ENUM_MISMATCH, format!("enum `{name}` lacks {}", quoted(&missing)))
                .contract(element.clone())
                .help(format!(
                    "`alter type {} add value ...` in a migration, or remove the values from the contract",
                    name.name
                ));
            findings.push(at_database(finding, db_enum.origin, contract_enum.origin.span, "values missing"));
        }
        if !extra.is_empty() {
            let finding = Diagnostic::error(
                ENUM_MISMATCH,
                format!("enum `{name}` has {} that the contract does not declare", quoted(&extra)),
            )
            .contract(element.clone())
            .help(format!("add the values to `enum {}` in the contract", contract_enum.name));
            findings.push(at_database(finding, db_enum.origin, contract_enum.origin.span, "extra values"));
        }
        if missing.is_empty()
            && extra.is_empty()
            && declared != db_enum.values.iter().map(String::as_str).collect::<Vec<_>>()
        {
            let finding = Diagnostic::warning(
                ENUM_MISMATCH,
                format!(
                    "enum `{name}` orders its values as {}",
                    quoted(&db_enum.values.iter().map(String::as_str).collect::<Vec<_>>())
                ),
            )
            .contract(element)
            .help("Postgres sorts enum values in this order; list them the same way in the contract");
            findings.push(at_database(finding, db_enum.origin, contract_enum.origin.span, "order differs"));
        }
    }
}
