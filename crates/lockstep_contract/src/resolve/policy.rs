//! Resolution of row access rules into one policy per operation, with names checked.

use lockstep_diagnostics::{Diagnostic, Span, did_you_mean};

use super::Resolver;
use super::data::literal;
use crate::diagnostics as diag;
use crate::model::{AuthProperty, Entity, Operation, Policy, PolicyExpr};
use crate::syntax::POLICY_OPERATIONS;
use crate::syntax::ast::{self, Expr, Value};

impl Resolver<'_> {
    pub(super) fn policy(&mut self, entity: &Entity, policy: &ast::Policy, span: Span) -> Vec<Policy> {
        let using = policy.using.as_ref().and_then(|e| self.policy_expr(entity, e));
        let check = policy.check.as_ref().and_then(|e| self.policy_expr(entity, e));
        let roles: Vec<String> = policy.roles.iter().map(|r| r.text.clone()).collect();
        let mut policies = Vec::new();
        for op in &policy.operations {
            let Some(operation) = Operation::from_name(&op.text) else {
                let suggestion = did_you_mean(&op.text, POLICY_OPERATIONS);
                let diagnostic = Diagnostic::error(diag::INVALID_POLICY, format!("unknown operation `{}`", op.text))
                    .at(op.span, "not an operation")
                    .help(suggestion.map_or_else(
                        || format!("use {}", diag::quoted_list(&POLICY_OPERATIONS)),
                        |s| format!("did you mean `{s}`?"),
                    ));
                self.report(diagnostic);
                continue;
            };
            let (using, check) = match operation {
                // An insert has no existing row to filter: its condition checks the new row.
                Operation::Insert => (None, check.clone().or_else(|| using.clone())),
                Operation::Select | Operation::Delete => {
                    if let Some(expr) = &policy.check {
                        let diagnostic =
                            Diagnostic::error(diag::INVALID_POLICY, format!("`check` does not apply to `{}`", op.text))
                                .at(expr.span(), "nothing is written")
                                .help("`check` validates written rows: use it with `insert`, `update` or `all`");
                        self.report(diagnostic);
                    }
                    (using.clone(), None)
                }
                Operation::Update | Operation::All => (using.clone(), check.clone()),
            };
            let always = || Some(PolicyExpr::Literal(crate::model::Literal::Bool(true)));
            let (using, check) = match (operation, &using, &check) {
                (Operation::Insert, _, None) => (None, always()),
                // An insert has no `using`. `allow update check x` is `for update with check
                // (x)`: Postgres keeps no `using` then, and finds no row through the policy;
                // the rule says what the migration does, so the comparison and the DDL agree.
                (Operation::Insert, _, _) | (Operation::Update | Operation::All, None, Some(_)) => (None, check),
                (_, None, _) => (always(), check),
                _ => (using, check),
            };
            policies.push(Policy { operation, roles: roles.clone(), using, check, span });
        }
        policies
    }

    fn policy_expr(&mut self, entity: &Entity, expr: &Expr) -> Option<PolicyExpr> {
        Some(match expr {
            Expr::Or(a, b) => flatten(self.policy_expr(entity, a)?, self.policy_expr(entity, b)?, true),
            Expr::And(a, b) => flatten(self.policy_expr(entity, a)?, self.policy_expr(entity, b)?, false),
            Expr::Not(inner, _) => PolicyExpr::Not(Box::new(self.policy_expr(entity, inner)?)),
            Expr::Group(inner, _) => self.policy_expr(entity, inner)?,
            Expr::Compare { lhs, negated, rhs } => PolicyExpr::Equals {
                lhs: Box::new(self.policy_expr(entity, lhs)?),
                rhs: Box::new(self.policy_expr(entity, rhs)?),
                negated: *negated,
            },
            Expr::In { lhs, rhs } => {
                let lhs = Box::new(self.policy_expr(entity, lhs)?);
                let Expr::List(items, _) = rhs.as_ref() else {
                    let diagnostic = Diagnostic::error(diag::INVALID_POLICY, "`in` takes a list")
                        .at(rhs.span(), "not a list")
                        .help("write `auth.role in [\"admin\", \"staff\"]`");
                    self.report(diagnostic);
                    return None;
                };
                let list: Option<Vec<PolicyExpr>> = items.iter().map(|i| self.policy_expr(entity, i)).collect();
                PolicyExpr::In { lhs, list: list? }
            }
            Expr::List(_, span) => {
                let diagnostic = Diagnostic::error(diag::INVALID_POLICY, "a list is only allowed after `in`")
                    .at(*span, "unexpected list");
                self.report(diagnostic);
                return None;
            }
            Expr::Literal(Value::Raw { sql, .. }) => PolicyExpr::Sql(sql.clone()),
            Expr::Literal(value) => {
                let Some(literal) = literal(value) else {
                    let diagnostic = Diagnostic::error(diag::INVALID_POLICY, "unsupported value in a rule")
                        .at(value.span(), "not a literal")
                        .help(
                            "use a string, number, `true`, `false`, `null`, a field, `auth.*` or raw SQL in backticks",
                        );
                    self.report(diagnostic);
                    return None;
                };
                PolicyExpr::Literal(literal)
            }
            Expr::Path(parts) => self.policy_path(entity, parts)?,
        })
    }

    fn policy_path(&mut self, entity: &Entity, parts: &[ast::Name]) -> Option<PolicyExpr> {
        match parts {
            [field] => {
                if entity.field(&field.text).is_some() {
                    return Some(PolicyExpr::Field(field.text.clone()));
                }
                self.unknown_field(entity, &field.text, field.span);
                None
            }
            [auth, property] if auth.text == "auth" && property.text != "jwt" => {
                let resolved = match property.text.as_str() {
                    "uid" => AuthProperty::Uid,
                    "role" => AuthProperty::Role,
                    "email" => AuthProperty::Email,
                    other => {
                        let suggestion = did_you_mean(other, AuthProperty::NAMES);
                        let diagnostic = Diagnostic::error(diag::INVALID_POLICY, format!("unknown `auth.{other}`"))
                            .at(property.span, "not an auth property")
                            .help(suggestion.map_or_else(
                                || "use `auth.uid`, `auth.role`, `auth.email` or `auth.jwt.<claim>`".to_owned(),
                                |s| format!("did you mean `auth.{s}`?"),
                            ));
                        self.report(diagnostic);
                        return None;
                    }
                };
                Some(PolicyExpr::Auth(resolved))
            }
            [auth, jwt, claim] if auth.text == "auth" && jwt.text == "jwt" => {
                Some(PolicyExpr::Auth(AuthProperty::Claim(claim.text.clone())))
            }
            _ => {
                let span = parts[0].span.cover(parts[parts.len() - 1].span);
                let diagnostic = Diagnostic::error(
                    diag::INVALID_POLICY,
                    "a rule can name the entity's fields and `auth.*` only",
                )
                .at(span, "unsupported reference")
                .help("for anything else, write the condition in SQL between backticks: `exists (select 1 from ...)`");
                self.report(diagnostic);
                None
            }
        }
    }
}

/// Joins `a or (b or c)` into one `or` of three, so equal rules compare equal.
fn flatten(a: PolicyExpr, b: PolicyExpr, or: bool) -> PolicyExpr {
    let mut parts = Vec::new();
    for expr in [a, b] {
        match expr {
            PolicyExpr::Or(inner) if or => parts.extend(inner),
            PolicyExpr::And(inner) if !or => parts.extend(inner),
            other => parts.push(other),
        }
    }
    if or { PolicyExpr::Or(parts) } else { PolicyExpr::And(parts) }
}
