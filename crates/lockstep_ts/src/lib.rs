//! Facts from TypeScript and JavaScript sources, read with `oxc` without running them: the
//! supabase-js queries and HTTP calls the code makes, and what it reads from their results.
//! Knows nothing of the contract.

mod chain;
mod extract;
pub mod facts;
mod fallbacks;
mod flow;
pub mod guard;
mod http;
mod offsets;
mod parse;
pub mod routes;
pub mod select;
pub mod supabase_types;

pub use extract::extract;
pub use parse::{analyze, parse_count};

use oxc_span::SourceType;

/// How `oxc` reads a file: by its extension, TypeScript with JSX when it has none it knows.
pub(crate) fn source_type(path: &str) -> SourceType {
    SourceType::from_path(path).unwrap_or_else(|_| SourceType::tsx())
}

/// Why the file at `path` is refused before parsing (nesting, chains, `<`), if it is: the
/// facts and the route handlers of such a file are both empty, so every layer skips it.
pub fn refusal(path: &str, text: &str) -> Option<guard::Refusal> {
    guard::check(text, source_type(path).is_jsx())
}
