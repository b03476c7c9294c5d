//! Defensive reads: `body.items || body.data || []`, `row.role_title ?? row.roleTitle`. Code
//! that reads one of several keys is guarding against a shape it is unsure of; it is wrong only
//! when none of those keys exists, so the reads of one chain are judged together.

use oxc_ast::ast::{ChainElement, Expression, LogicalExpression, LogicalOperator};
use oxc_span::Span as OxcSpan;

/// The property-name spans of the member reads among the operands of an `||` / `??` chain;
/// empty when fewer than two operands are member reads.
pub(crate) fn alternatives(expr: &LogicalExpression) -> Vec<OxcSpan> {
    if !matches!(expr.operator, LogicalOperator::Or | LogicalOperator::Coalesce) {
        return Vec::new();
    }
    let mut spans = Vec::new();
    operands(&expr.left, &mut spans);
    operands(&expr.right, &mut spans);
    if spans.len() < 2 {
        spans.clear();
    }
    spans
}

fn operands(expr: &Expression, spans: &mut Vec<OxcSpan>) {
    match expr.without_parentheses() {
        // `(Array.isArray(j?.items) && j.items) || ...`: the guard and the value read one key.
        Expression::LogicalExpression(inner) => {
            operands(&inner.left, spans);
            operands(&inner.right, spans);
        }
        Expression::CallExpression(call) => {
            for argument in &call.arguments {
                if let Some(argument) = argument.as_expression() {
                    operands(argument, spans);
                }
            }
        }
        Expression::StaticMemberExpression(member) => spans.push(member.property.span),
        Expression::ChainExpression(chain) => {
            if let ChainElement::StaticMemberExpression(member) = &chain.expression {
                spans.push(member.property.span);
            }
        }
        Expression::TSAsExpression(e) => operands(&e.expression, spans),
        Expression::TSNonNullExpression(e) => operands(&e.expression, spans),
        _ => {}
    }
}
