//! The comparable form of a schema: every expression (defaults, generated columns, checks,
//! policy conditions) canonicalised once, so [`crate::diff`] compares strings and never parses.
//! Lowering produces this form directly; a replayed or introspected schema passes through
//! [`canonicalize`] first.

use lockstep_sql::normalize::canonical_expr;
use lockstep_sql::schema::Schema;

/// Canonicalises every expression of `schema` in place and sorts it.
pub fn canonicalize(schema: &mut Schema) {
    for table in &mut schema.tables {
        for column in &mut table.columns {
            for expression in [&mut column.default, &mut column.generated].into_iter().flatten() {
                *expression = canonical_expr(expression);
            }
        }
        for check in &mut table.checks {
            check.expression = canonical_expr(&check.expression);
        }
        for policy in &mut table.policies {
            for expression in [&mut policy.using, &mut policy.with_check].into_iter().flatten() {
                *expression = canonical_expr(expression);
            }
        }
    }
    schema.sort();
}
