//! The finding: plain data with a stable code, a severity, spans and a help text.

use std::cmp::Ordering;
use std::fmt;

use crate::contract_path::ContractPath;
use crate::source::{Sources, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A span with a short message shown under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One finding. `code` is stable and kebab-case with a layer prefix (`contract/unknown-type`);
/// tools and suppressions match on it, so it never changes once released.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Where the problem is. `None` only for findings about the project as a whole.
    pub primary: Option<Label>,
    /// Other places that explain the finding (the contract element, an earlier definition).
    pub related: Vec<Label>,
    /// The contract element concerned; shown as `Entity.field`, `enum Status`, `GET /api/x`.
    pub contract: Option<ContractPath>,
    /// How to fix it, concretely.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: &'static str, severity: Severity, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            primary: None,
            related: Vec::new(),
            contract: None,
            help: None,
        }
    }

    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Error, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Warning, message)
    }

    pub fn info(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Info, message)
    }

    #[must_use]
    pub fn at(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.primary = Some(Label { span, message: label.into() });
        self
    }

    #[must_use]
    pub fn related(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.related.push(Label { span, message: label.into() });
        self
    }

    #[must_use]
    pub fn contract(mut self, element: ContractPath) -> Diagnostic {
        self.contract = Some(element);
        self
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a help text only when there is one, as with "did you mean" suggestions.
    #[must_use]
    pub fn help_opt(mut self, help: Option<String>) -> Diagnostic {
        if help.is_some() {
            self.help = help;
        }
        self
    }
}

/// Sorts findings by file path, then position, then code, so output is deterministic whatever
/// order the layers ran in. Findings without a location come first.
pub fn sort_diagnostics(diagnostics: &mut [Diagnostic], sources: &Sources) {
    diagnostics.sort_by(|a, b| compare(a, b, sources));
}

fn compare(a: &Diagnostic, b: &Diagnostic, sources: &Sources) -> Ordering {
    let key = |d: &Diagnostic| d.primary.as_ref().map(|l| (sources.get(l.span.file).path(), l.span.start));
    let (ka, kb) = (key(a), key(b));
    ka.cmp(&kb)
        .then_with(|| b.severity.cmp(&a.severity))
        .then_with(|| a.code.cmp(b.code))
        .then_with(|| a.message.cmp(&b.message))
}
