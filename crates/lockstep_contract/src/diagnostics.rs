//! Every diagnostic the contract crate reports, as a named constructor, so codes and wording
//! live in one place.

use lockstep_diagnostics::{Diagnostic, Span};

pub const SYNTAX_ERROR: &str = "contract/syntax-error";
pub const DUPLICATE_NAME: &str = "contract/duplicate-name";
pub const UNKNOWN_TYPE: &str = "contract/unknown-type";
pub const UNKNOWN_ENTITY: &str = "contract/unknown-entity";
pub const UNKNOWN_FIELD: &str = "contract/unknown-field";
pub const UNKNOWN_ATTRIBUTE: &str = "contract/unknown-attribute";
pub const INVALID_ATTRIBUTE: &str = "contract/invalid-attribute";
pub const INVALID_DEFAULT: &str = "contract/invalid-default";
pub const INVALID_FIELD_TYPE: &str = "contract/invalid-field-type";
pub const FOREIGN_KEY_TYPE: &str = "contract/foreign-key-type";
pub const MISSING_PRIMARY_KEY: &str = "contract/missing-primary-key";
pub const INVALID_POLICY: &str = "contract/invalid-policy";
pub const INVALID_NAMING: &str = "contract/invalid-naming";
pub const DUPLICATE_ENDPOINT: &str = "contract/duplicate-endpoint";
pub const INVALID_ENDPOINT: &str = "contract/invalid-endpoint";
pub const UNKNOWN_ENV: &str = "contract/unknown-env";
pub const INVALID_ENV: &str = "contract/invalid-env";
pub const SECRET_PUBLIC_PREFIX: &str = "contract/secret-with-public-prefix";
pub const INVALID_WEBHOOK: &str = "contract/invalid-webhook";
pub const INVALID_BUCKET: &str = "contract/invalid-bucket";
pub const DUPLICATE_ITEM: &str = "contract/duplicate-item";

fn did_you_mean(suggestion: Option<&str>) -> Option<String> {
    suggestion.map(|s| format!("did you mean `{s}`?"))
}

// ---- syntax ----

pub fn expected(span: Span, expected: &str, found: &str) -> Diagnostic {
    Diagnostic::error(SYNTAX_ERROR, format!("expected {expected}, found {found}"))
        .at(span, format!("expected {expected}"))
}

pub fn missing_type(name: Span, text: &str) -> Diagnostic {
    Diagnostic::error(SYNTAX_ERROR, format!("`{text}` has no type"))
        .at(name, "expected a type after this name, on the same line")
        .help(format!("write the type after the name: `{text} text`"))
}

pub fn expected_item(span: Span, found: &str, suggestion: Option<&str>) -> Diagnostic {
    Diagnostic::error(SYNTAX_ERROR, format!("expected an item, found {found}")).at(span, "not an item").help(
        did_you_mean(suggestion).unwrap_or_else(|| {
            "items start with `entity`, `enum`, `type`, `endpoint`, `env`, `webhook`, `bucket` or `naming`".to_owned()
        }),
    )
}

pub fn unexpected_member(span: Span, found: &str, expected: &str, suggestion: Option<&str>) -> Diagnostic {
    Diagnostic::error(SYNTAX_ERROR, format!("expected {expected}, found {found}"))
        .at(span, "not allowed here")
        .help_opt(did_you_mean(suggestion))
}

pub fn unclosed_block(open: Span) -> Diagnostic {
    Diagnostic::error(SYNTAX_ERROR, "unclosed `{`: the file ends before its `}`")
        .at(open, "this `{` is never closed")
        .help("add the missing `}`")
}

pub fn unterminated(span: Span, what: &str, quote: char) -> Diagnostic {
    let place = if quote == '"' { " on the same line" } else { "" };
    Diagnostic::error(SYNTAX_ERROR, format!("unterminated {what}"))
        .at(span, format!("no closing {quote}"))
        .help(format!("close the {what} with {quote}{place}"))
}

pub fn invalid_escape(span: Span, escape: &str) -> Diagnostic {
    Diagnostic::error(SYNTAX_ERROR, format!("unknown escape `\\{escape}` in string"))
        .at(span, "in this string")
        .help("the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`")
}

pub fn invalid_status(span: Span, text: &str) -> Diagnostic {
    Diagnostic::error(SYNTAX_ERROR, format!("`{text}` is not an HTTP status code"))
        .at(span, "expected a status from 100 to 599")
}

pub fn invalid_on_delete(span: Span, action: &str, known: &[&str]) -> Diagnostic {
    Diagnostic::error(SYNTAX_ERROR, format!("unknown `on delete` action `{action}`"))
        .at(span, "not an action")
        .help(format!("use one of {}", quoted_list(known)))
}

pub fn invalid_path(span: Span, message: &str) -> Diagnostic {
    Diagnostic::error(SYNTAX_ERROR, "invalid path").at(span, message.to_owned())
}

pub fn too_deep(span: Span, limit: u32) -> Diagnostic {
    Diagnostic::error(SYNTAX_ERROR, format!("nested more than {limit} levels deep")).at(span, "too deep")
}

pub fn too_many_errors(span: Span, limit: usize) -> Diagnostic {
    Diagnostic::error(SYNTAX_ERROR, format!("more than {limit} syntax errors; the rest of the file was not read"))
        .at(span, "stopped here")
        .help("is this a contract file? fix the first errors and run again")
}

// ---- resolution ----

pub fn duplicate_name(kind: &str, name: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::error(DUPLICATE_NAME, format!("{kind} `{name}` is defined twice"))
        .at(span, "defined again here")
        .related(first, "first defined here")
        .help(format!("rename or remove one of the two `{name}`"))
}

pub fn unknown_type(name: &str, span: Span, suggestion: Option<&str>, allowed: &str) -> Diagnostic {
    Diagnostic::error(UNKNOWN_TYPE, format!("unknown type `{name}`"))
        .at(span, "not a known type")
        .help(did_you_mean(suggestion).unwrap_or_else(|| format!("use {allowed}")))
}

pub fn quoted_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}
