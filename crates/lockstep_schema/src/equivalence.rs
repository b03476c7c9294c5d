//! Column defaults that mean the same to an app though Postgres stores them differently: the
//! one place that says which spellings satisfy a contract default.

use crate::{Column, Expr};

/// The spellings of the contract's `@default(now)`, canonical (as
/// `lockstep_sql::normalize::canonical_expr` prints them; a test there keeps the two in step).
/// The first is the one lowering writes.
pub const NOW: &[&str] = &[
    "now()",
    "current_timestamp",
    "timezone('utc', now())",
    "statement_timestamp()",
    "transaction_timestamp()",
    "current_date",
];

/// The spellings of `@default(random)` on a uuid.
pub const RANDOM_UUID: &[&str] = &["gen_random_uuid()", "uuid_generate_v4()", "extensions.uuid_generate_v4()"];

/// An empty list: `'{}'`, or `ARRAY[]` (which Postgres needs cast).
pub const EMPTY_LIST: &[&str] = &["'{}'", "array[]"];

/// Every class of spellings that stand for one default.
pub const DEFAULT_EQUIVALENCES: &[&[&str]] = &[NOW, RANDOM_UUID, EMPTY_LIST];

/// A column's default as the comparison sees it: an expression and whether the column is an
/// identity column.
#[derive(Clone, Copy, Debug)]
pub struct DefaultSide<'a> {
    pub expression: Option<&'a Expr>,
    pub identity: bool,
}

impl DefaultSide<'_> {
    /// A column's default and identity.
    pub fn of(column: &Column) -> DefaultSide<'_> {
        DefaultSide { expression: column.default.as_ref(), identity: column.identity.is_some() }
    }
}

/// The default's canonical form; `None` for none and for `default null`.
fn expression(side: DefaultSide<'_>) -> Option<&str> {
    side.expression.map(Expr::canonical).filter(|e| *e != "null")
}

/// Whether the `actual` column's default satisfies the `expected` one: equal canonical forms,
/// two spellings of one equivalence class, or, for an identity column expected, an identity or
/// a sequence (`serial`). `default null` is no default.
pub fn same_default(expected: DefaultSide<'_>, actual: DefaultSide<'_>) -> bool {
    if expected.identity {
        return actual.identity || expression(actual).is_some_and(|a| a.starts_with("nextval("));
    }
    match (expression(expected), expression(actual)) {
        (None, None) => !actual.identity,
        (Some(expected), Some(actual)) => {
            expected == actual
                || DEFAULT_EQUIVALENCES.iter().any(|class| class.contains(&expected) && class.contains(&actual))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(expression: Option<&Expr>, identity: bool) -> DefaultSide<'_> {
        DefaultSide { expression, identity }
    }

    #[test]
    fn spellings_of_one_class_match() {
        let now = Expr::canonical_text("now()");
        let current = Expr::canonical_text("current_timestamp");
        let uuid = Expr::canonical_text("gen_random_uuid()");
        assert!(same_default(side(Some(&now), false), side(Some(&current), false)));
        assert!(!same_default(side(Some(&now), false), side(Some(&uuid), false)));
        assert!(!same_default(side(Some(&now), false), side(None, false)));
    }

    #[test]
    fn identity_is_met_by_an_identity_or_a_sequence() {
        let serial = Expr::canonical_text("nextval('t_id_seq')");
        assert!(same_default(side(None, true), side(None, true)));
        assert!(same_default(side(None, true), side(Some(&serial), false)));
        assert!(!same_default(side(None, true), side(None, false)));
        assert!(!same_default(side(None, false), side(None, true)));
    }

    #[test]
    fn default_null_is_no_default() {
        let null = Expr::canonical_text("null");
        assert!(same_default(side(None, false), side(Some(&null), false)));
        assert!(same_default(side(Some(&null), false), side(None, false)));
    }
}
