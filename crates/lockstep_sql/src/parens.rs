//! Parentheses where Postgres' operator precedence needs them. Canonicalising drops every
//! parenthesis the author wrote (`(a)` and `a` are one expression); printing the tree back must
//! then add the ones its shape needs, or `(a + b) * c` prints as `a + b * c` and
//! `(x ->> 'k')::uuid` as a cast of the literal: another expression.

use sqlparser::ast::{BinaryOperator, Expr, UnaryOperator};

/// Binding strength, after the table "Operator Precedence" of the PostgreSQL manual (higher
/// binds tighter).
fn binary_precedence(op: &BinaryOperator) -> u8 {
    match op {
        BinaryOperator::Or => 1,
        BinaryOperator::And => 2,
        BinaryOperator::Eq
        | BinaryOperator::NotEq
        | BinaryOperator::Lt
        | BinaryOperator::LtEq
        | BinaryOperator::Gt
        | BinaryOperator::GtEq => 5,
        BinaryOperator::Plus | BinaryOperator::Minus => 8,
        BinaryOperator::Multiply | BinaryOperator::Divide | BinaryOperator::Modulo => 9,
        BinaryOperator::PGExp => 10,
        // Every other operator (`->>`, `||`, `@>`, `~`, ...) shares one level.
        _ => 7,
    }
}

/// How tightly an expression binds as an operand; `u8::MAX` for one that never needs
/// parentheses (a name, a literal, a call, a subquery).
fn precedence(expr: &Expr) -> u8 {
    match expr {
        Expr::BinaryOp { op, .. } => binary_precedence(op),
        Expr::UnaryOp { op: UnaryOperator::Not, .. } => 3,
        Expr::UnaryOp { .. } => 11,
        Expr::IsNull(_)
        | Expr::IsNotNull(_)
        | Expr::IsTrue(_)
        | Expr::IsNotTrue(_)
        | Expr::IsFalse(_)
        | Expr::IsNotFalse(_)
        | Expr::IsDistinctFrom(..)
        | Expr::IsNotDistinctFrom(..) => 4,
        Expr::In { .. } | Expr::Between { .. } | Expr::Like { .. } | Expr::ILike { .. } => 6,
        Expr::AnyOp { .. } | Expr::AllOp { .. } => 5,
        Expr::AtTimeZone { .. } => 12,
        Expr::Cast { .. } => 13,
        _ => u8::MAX,
    }
}

fn wrap_below(expr: Expr, at_least: u8) -> Expr {
    let expr = parenthesize(expr);
    if precedence(&expr) < at_least { Expr::Nested(Box::new(expr)) } else { expr }
}

/// A chain of binary operators, its left spine walked in a loop: chains run to hundreds of
/// operators (`a or b or c ...`), deeper than recursion should go.
fn binary_chain(expr: Expr) -> Expr {
    let mut spine = Vec::new();
    let mut left = expr;
    while let Expr::BinaryOp { left: inner, op, right } = left {
        spine.push((op, right));
        left = *inner;
    }
    let mut out = parenthesize(left);
    while let Some((op, right)) = spine.pop() {
        let own = binary_precedence(&op);
        if precedence(&out) < own {
            out = Expr::Nested(Box::new(out));
        }
        // Operators group to the left: an equal operand on the right needs parentheses, except
        // for `and` and `or`, whose grouping does not change the meaning.
        let right_needs = if matches!(op, BinaryOperator::And | BinaryOperator::Or) { own } else { own + 1 };
        out = Expr::BinaryOp { left: Box::new(out), op, right: Box::new(wrap_below(*right, right_needs)) };
    }
    out
}

/// `expr` with the parentheses its tree needs to print back as itself.
pub(crate) fn parenthesize(expr: Expr) -> Expr {
    match expr {
        expr @ Expr::BinaryOp { .. } => binary_chain(expr),
        Expr::UnaryOp { op, expr } => {
            let own = if op == UnaryOperator::Not { 3 } else { 11 };
            Expr::UnaryOp { op, expr: Box::new(wrap_below(*expr, own)) }
        }
        Expr::Cast { kind, expr, data_type, format } => {
            Expr::Cast { kind, expr: Box::new(wrap_below(*expr, 14)), data_type, format }
        }
        Expr::IsNull(inner) => Expr::IsNull(Box::new(wrap_below(*inner, 5))),
        Expr::IsNotNull(inner) => Expr::IsNotNull(Box::new(wrap_below(*inner, 5))),
        Expr::IsTrue(inner) => Expr::IsTrue(Box::new(wrap_below(*inner, 5))),
        Expr::IsNotTrue(inner) => Expr::IsNotTrue(Box::new(wrap_below(*inner, 5))),
        Expr::IsFalse(inner) => Expr::IsFalse(Box::new(wrap_below(*inner, 5))),
        Expr::IsNotFalse(inner) => Expr::IsNotFalse(Box::new(wrap_below(*inner, 5))),
        Expr::In { expr, target, negated, global } => {
            Expr::In { expr: Box::new(wrap_below(*expr, 7)), target, negated, global }
        }
        Expr::Nested(inner) => Expr::Nested(Box::new(parenthesize(*inner))),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use crate::normalize::canonical_expr;

    #[test]
    fn the_parentheses_precedence_needs_are_kept() {
        assert_eq!(canonical_expr("(a + b) * c"), "(a + b) * c");
        assert_eq!(canonical_expr("a + (b * c)"), "a + b * c");
        assert_eq!(
            canonical_expr("(auth.jwt() ->> 'org_id')::uuid = org_id"),
            "(auth.jwt() ->> 'org_id')::uuid = org_id"
        );
        assert_eq!(canonical_expr("a - (b - c)"), "a - (b - c)");
        assert_eq!(canonical_expr("not (a and b)"), "not (a and b)");
        assert_eq!(canonical_expr("(a or b) and c"), "(a or b) and c");
        assert_eq!(canonical_expr("((a = 1))"), canonical_expr("a = 1"));
    }
}
