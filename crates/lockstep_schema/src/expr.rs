//! An SQL expression (a default, a generated column, a check, a policy condition) held with its
//! canonical form, computed once when the schema is built, so comparisons never parse.

use std::fmt;

/// An expression as the schema's source spelt it (normalised for display) and its canonical
/// form: parsed and printed back with redundant parentheses, casts of literals and
/// `= ANY (ARRAY[...])` rewrites undone (`lockstep_sql::normalize::canonical_expr`). Two
/// expressions are equal when their canonical forms are.
#[derive(Clone, Debug)]
pub struct Expr {
    text: String,
    /// `None` when the canonical form is the text itself, which is the common case.
    canonical: Option<String>,
}

impl Expr {
    /// `canonical` must be the canonical form of `text`; the builders of a schema (replay,
    /// introspection, lowering) compute it with the SQL parser.
    pub fn new(text: impl Into<String>, canonical: impl Into<String>) -> Expr {
        let text = text.into();
        let canonical = canonical.into();
        let canonical = (canonical != text).then_some(canonical);
        Expr { text, canonical }
    }

    /// An expression whose text is already canonical.
    pub fn canonical_text(text: impl Into<String>) -> Expr {
        Expr { text: text.into(), canonical: None }
    }

    /// The expression as its source spelt it, normalised for display.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The form two expressions are compared in.
    pub fn canonical(&self) -> &str {
        self.canonical.as_deref().unwrap_or(&self.text)
    }
}

impl PartialEq for Expr {
    fn eq(&self, other: &Expr) -> bool {
        self.canonical() == other.canonical()
    }
}

impl Eq for Expr {}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_by_canonical_form_shown_as_written() {
        let written = Expr::new("(NOW())", "now()");
        let plain = Expr::canonical_text("now()");
        assert_eq!(written, plain);
        assert_eq!(written.text(), "(NOW())");
        assert_eq!(written.to_string(), "(NOW())");
        assert_ne!(written, Expr::canonical_text("current_date"));
    }
}
