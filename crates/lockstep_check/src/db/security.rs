//! Row-level security: `db/rls-disabled` (the diff enables it), `db/policy-missing` and
//! `db/policy-mismatch` (the diff creates a policy for a rule: the database has none, or one
//! with the same grant and other conditions; the diff drops a permissive policy the contract
//! does not declare). Only on entities with access rules.

use std::collections::HashMap;

use lockstep_contract::model::Entity;
use lockstep_diagnostics::{ContractPath, Diagnostic};
use lockstep_schema::diff::Change;
use lockstep_schema::{Expr, Policy, QualifiedName, Table};

use super::{Context, POLICY_MISMATCH, POLICY_MISSING, RLS_DISABLED};

/// A table's policy changes: those the diff creates and drops.
#[derive(Default)]
struct PolicyChanges<'a> {
    created: Vec<&'a Policy>,
    dropped: Vec<&'a Policy>,
}

pub fn check(context: &Context, findings: &mut Vec<Diagnostic>) {
    let mut policies: HashMap<&QualifiedName, PolicyChanges> = HashMap::new();
    for change in &context.changes {
        match change {
            Change::EnableRls(name) => {
                let Some((entity, table)) = context.existing(name) else { continue };
                if entity.policies.is_empty() {
                    continue;
                }
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
            Change::CreatePolicy { table, policy } => policies.entry(table).or_default().created.push(policy),
            // Restrictive policies narrow access; the contract's rules are permissive grants.
            Change::DropPolicy { table, policy } if policy.permissive => {
                policies.entry(table).or_default().dropped.push(policy);
            }
            _ => {}
        }
    }
    let mut tables: Vec<(&QualifiedName, PolicyChanges)> = policies.into_iter().collect();
    tables.sort_by(|a, b| a.0.cmp(b.0));
    for (name, changes) in tables {
        let Some((entity, table)) = context.existing(name) else { continue };
        if !entity.policies.is_empty() {
            policy_findings(entity, table, &changes, findings);
        }
    }
}

fn policy_findings(entity: &Entity, table: &Table, changes: &PolicyChanges, findings: &mut Vec<Diagnostic>) {
    let mut matched = vec![false; changes.dropped.len()];
    for policy in &entity.policies {
        // The lowering writes one policy per operation of a rule, its origin the rule's span;
        // the diff creates it when no database policy means the same.
        let Some(expected) = changes
            .created
            .iter()
            .find(|p| p.origin == Some(policy.span) && p.command.as_str() == policy.operation.as_str())
        else {
            continue;
        };
        let element =
            ContractPath::Policy { entity: entity.name.clone(), operation: policy.operation.as_str().to_owned() };
        let same_grant = changes
            .dropped
            .iter()
            .enumerate()
            .position(|(i, p)| !matched[i] && p.command == expected.command && p.roles == expected.roles);
        match same_grant {
            Some(index) => {
                matched[index] = true;
                let db_policy = changes.dropped[index];
                let describe = |p: &Policy| {
                    format!(
                        "using ({}) with check ({})",
                        p.using.as_ref().map_or("-", Expr::canonical),
                        p.with_check.as_ref().map_or("-", Expr::canonical)
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
                    describe(db_policy),
                    describe(expected)
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
    for (index, db_policy) in changes.dropped.iter().enumerate() {
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
