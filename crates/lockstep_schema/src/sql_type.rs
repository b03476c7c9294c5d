//! A column or argument type in the spelling Postgres's `format_type` prints, so two schemas of
//! the same database hold equal values whichever way a migration wrote the type.

use std::fmt;

/// A type as `format_type` prints it: `character varying(80)`, `integer[]`, `order_status`
/// (enum types outside `public` schema-qualified). Built by the replay, introspection and the
/// lowering, which each normalise what they read; compared as a value, never parsed again.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SqlType(String);

impl SqlType {
    /// A type already in `format_type` spelling.
    pub fn new(spelling: impl Into<String>) -> SqlType {
        SqlType(spelling.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An array type (`format_type` prints one `[]` whatever the dimensions).
    pub fn is_array(&self) -> bool {
        self.0.ends_with("[]")
    }

    /// The element type of an array, the type itself otherwise.
    pub fn element(&self) -> &str {
        self.0.strip_suffix("[]").unwrap_or(&self.0)
    }

    /// The same type without fractional-second precision (`timestamp(3) with time zone` →
    /// `timestamp with time zone`), when it has one.
    pub fn without_time_precision(&self) -> Option<SqlType> {
        without_time_precision(&self.0).map(SqlType)
    }

    /// Whether this type is `other`, or `other` with a fractional-second precision the contract
    /// does not model (`timestamp(3) without time zone`, Prisma's default, is a `timestamp`).
    pub fn is_or_refines(&self, other: &SqlType) -> bool {
        self == other || self.without_time_precision().is_some_and(|plain| &plain == other)
    }
}

impl fmt::Display for SqlType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for SqlType {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for SqlType {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// `timestamp(3) with time zone` → `timestamp with time zone`; `None` for any other type.
pub fn without_time_precision(ty: &str) -> Option<String> {
    let (base, rest) = ty.split_once('(')?;
    if !matches!(base, "timestamp" | "time") {
        return None;
    }
    let (digits, tail) = rest.split_once(')')?;
    digits.bytes().all(|b| b.is_ascii_digit()).then(|| format!("{base}{tail}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_is_a_refinement_of_the_plain_type() {
        let plain = SqlType::new("timestamp with time zone");
        assert!(SqlType::new("timestamp(3) with time zone").is_or_refines(&plain));
        assert!(plain.is_or_refines(&plain));
        assert!(!SqlType::new("time(3) with time zone").is_or_refines(&plain));
        assert!(!SqlType::new("numeric(10,2)").is_or_refines(&SqlType::new("numeric")));
    }

    #[test]
    fn arrays_have_an_element_type() {
        let ty = SqlType::new("character varying(80)[]");
        assert!(ty.is_array());
        assert_eq!(ty.element(), "character varying(80)");
        assert_eq!(SqlType::new("text").element(), "text");
    }
}
