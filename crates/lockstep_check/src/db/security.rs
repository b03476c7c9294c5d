//! Row-level security: `db/rls-disabled`, `db/policy-missing`, `db/policy-mismatch`.

use lockstep_contract::model::Entity;
use lockstep_diagnostics::{ContractPath, Diagnostic};
use lockstep_schema::{Policy, PolicyCommand, QualifiedName, Table};

use super::{Context, POLICY_MISMATCH, POLICY_MISSING, RLS_DISABLED};

pub fn check(context: &Context, findings: &mut Vec<Diagnostic>) {
    for entity in &context.contract.entities {
        let name = QualifiedName::new(entity.schema.clone(), entity.table.clone());
        let Some(table) = context.table(&name) else { continue };
        if entity.policies.is_empty() {
            continue;
        }
        if !table.rls_enabled {
            let mut finding = Diagnostic::error(
                RLS_DISABLED,
                format!("row-level security is off on `{}`, so its rules are not enforced", table.name),
            )
            .contract(ContractPath::Entity(entity.name.clone()))
            .help(format!("enable it in a migration: `alter table {} enable row level security`", table.name));
            finding = finding.at(entity.origin.span, "the contract declares access rules");
            if let Some(span) = table.origin {
                finding = finding.related(span, "the table");
            }
            findings.push(finding);
        }
        if let Some(lowered) = context.expected_table(entity) {
            policies(entity, lowered, table, findings);
        }
    }
}

/// One side of a comparison: command, roles and canonical conditions.
#[derive(PartialEq, Eq)]
struct Shape {
    command: PolicyCommand,
    roles: Vec<String>,
    using: Option<String>,
    check: Option<String>,
}

/// A policy's comparable side. The lowering writes each rule as a policy of the same kind, so
/// the contract's side is its lowered policy.
fn shape(policy: &Policy) -> Shape {
    Shape {
        command: policy.command,
        roles: policy.roles.clone(),
        using: policy.using.as_ref().map(|e| e.canonical().to_owned()),
        check: policy.with_check.as_ref().map(|e| e.canonical().to_owned()),
    }
}

fn policies(entity: &Entity, lowered: &Table, table: &Table, findings: &mut Vec<Diagnostic>) {
    // Restrictive policies narrow access; the contract's rules are permissive grants.
    let database: Vec<(&Policy, Shape)> =
        table.policies.iter().filter(|p| p.permissive).map(|p| (p, shape(p))).collect();
    let mut matched = vec![false; database.len()];
    for policy in &entity.policies {
        // The lowering writes one policy per operation of a rule, its origin the rule's span.
        let Some(lowered) = lowered
            .policies
            .iter()
            .find(|p| p.origin == Some(policy.span) && p.command.as_str() == policy.operation.as_str())
        else {
            continue;
        };
        let expected = shape(lowered);
        if let Some(index) = database.iter().enumerate().position(|(i, (_, shape))| !matched[i] && *shape == expected) {
            matched[index] = true;
            continue;
        }
        let element =
            ContractPath::Policy { entity: entity.name.clone(), operation: policy.operation.as_str().to_owned() };
        let same_grant = database.iter().enumerate().position(|(i, (_, shape))| {
            !matched[i] && shape.command == expected.command && shape.roles == expected.roles
        });
        match same_grant {
            Some(index) => {
                matched[index] = true;
                let (db_policy, shape) = &database[index];
                let describe = |s: &Shape| {
                    format!(
                        "using ({}) with check ({})",
                        s.using.as_deref().unwrap_or("-"),
                        s.check.as_deref().unwrap_or("-")
                    )
                };
                let mut finding = Diagnostic::error(
                    POLICY_MISMATCH,
                    format!(
                        "policy `{}` on `{}` has other conditions than the contract's rule",
                        db_policy.name, table.name.name
                    ),
                )
                .contract(element)
                .help(format!(
                    "the database has {}; the contract means {}. Recreate the policy, or change the rule",
                    describe(shape),
                    describe(&expected)
                ));
                finding = match db_policy.origin {
                    Some(span) => finding.at(span, "this policy").related(policy.span, "the contract's rule"),
                    None => finding.at(policy.span, "the contract's rule"),
                };
                findings.push(finding);
            }
            None => findings.push(
                Diagnostic::error(
                    POLICY_MISSING,
                    format!(
                        "no policy on `{}` allows {} to {}",
                        table.name.name,
                        policy.operation.as_str(),
                        expected.roles.join(", ")
                    ),
                )
                .at(policy.span, "this rule is not enforced")
                .contract(element)
                .help(format!(
                    "create the policy in a migration: `create policy ... on {} for {} to {} ...`",
                    table.name,
                    policy.operation.as_str(),
                    expected.roles.join(", ")
                )),
            ),
        }
    }
    for (index, (db_policy, _)) in database.iter().enumerate() {
        if matched[index] {
            continue;
        }
        let mut finding = Diagnostic::warning(
            POLICY_MISMATCH,
            format!(
                "policy `{}` on `{}` grants {} that the contract does not declare",
                db_policy.name,
                table.name.name,
                db_policy.command.as_str()
            ),
        )
        .contract(ContractPath::Entity(entity.name.clone()))
        .help(format!(
            "declare the rule on `{}` (`allow {} ...`), or drop the policy",
            entity.name,
            db_policy.command.as_str()
        ));
        finding = match db_policy.origin {
            Some(span) => finding.at(span, "this policy"),
            None => finding.at(entity.origin.span, "the entity"),
        };
        findings.push(finding);
    }
}
