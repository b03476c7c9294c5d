//! `db/enum-mismatch`: the enum types the diff creates (when a field uses them), and the
//! values it adds, removes or reorders.

use std::collections::BTreeMap;

use lockstep_contract::model::Enum;
use lockstep_diagnostics::{ContractPath, Diagnostic};
use lockstep_schema::QualifiedName;
use lockstep_schema::diff::Change;

use super::{Context, ENUM_MISMATCH, at_database};

pub fn check(context: &Context, findings: &mut Vec<Diagnostic>) {
    let declared: BTreeMap<QualifiedName, &Enum> =
        context.contract.enums.iter().map(|e| (QualifiedName::public(e.db_name.clone()), e)).collect();
    // Values the database lacks, by type, when it has every other value in order.
    let mut added: BTreeMap<&QualifiedName, Vec<&str>> = BTreeMap::new();
    for change in &context.changes {
        match change {
            Change::CreateEnum(created) => {
                let Some(contract_enum) = declared.get(&created.name) else { continue };
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
                            format!("enum type `{}` does not exist in {}", created.name, context.source.describe()),
                        )
                        .at(contract_enum.origin.span, "no such type")
                        .contract(ContractPath::Enum(contract_enum.name.clone()))
                        .help("create it in a migration: `create type ... as enum (...)`"),
                    );
                }
            }
            Change::AddEnumValue { enum_name, value, .. } => added.entry(enum_name).or_default().push(value),
            Change::RemoveEnumValues { enum_name, removed, values, .. } => {
                let Some(contract_enum) = declared.get(enum_name) else { continue };
                let Some(db_enum) = context.schema.enum_type(enum_name) else { continue };
                let missing: Vec<&str> =
                    values.iter().map(String::as_str).filter(|v| !db_enum.values.iter().any(|d| d == v)).collect();
                let extra: Vec<&str> = removed.iter().map(String::as_str).collect();
                let order: Vec<&str> = db_enum.values.iter().map(String::as_str).collect();
                mismatch(context, contract_enum, enum_name, &missing, &extra, &order, findings);
            }
            _ => {}
        }
    }
    for (enum_name, missing) in added {
        let Some(contract_enum) = declared.get(enum_name) else { continue };
        mismatch(context, contract_enum, enum_name, &missing, &[], &[], findings);
    }
}

/// The values the database lacks, those it has beyond the contract, and, when both are none,
/// the order it has them in.
fn mismatch(
    context: &Context,
    contract_enum: &Enum,
    name: &QualifiedName,
    missing: &[&str],
    extra: &[&str],
    order: &[&str],
    findings: &mut Vec<Diagnostic>,
) {
    let origin = context.schema.enum_type(name).and_then(|e| e.origin);
    let element = ContractPath::Enum(contract_enum.name.clone());
    let quoted = |values: &[&str]| values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
    if !missing.is_empty() {
        let finding = Diagnostic::error(ENUM_MISMATCH, format!("enum `{name}` lacks {}", quoted(missing)))
            .contract(element.clone())
            .help(format!(
                "`alter type {} add value ...` in a migration, or remove the values from the contract",
                name.name
            ));
        findings.push(at_database(finding, origin, contract_enum.origin.span, "values missing"));
    }
    if !extra.is_empty() {
        let finding = Diagnostic::error(
            ENUM_MISMATCH,
            format!("enum `{name}` has {} that the contract does not declare", quoted(extra)),
        )
        .contract(element.clone())
        .help(format!("add the values to `enum {}` in the contract", contract_enum.name));
        findings.push(at_database(finding, origin, contract_enum.origin.span, "extra values"));
    }
    if missing.is_empty() && extra.is_empty() && !order.is_empty() {
        let finding =
            Diagnostic::warning(ENUM_MISMATCH, format!("enum `{name}` orders its values as {}", quoted(order)))
                .contract(element)
                .help("Postgres sorts enum values in this order; list them the same way in the contract");
        findings.push(at_database(finding, origin, contract_enum.origin.span, "order differs"));
    }
}
