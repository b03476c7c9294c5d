//! Facts from TypeScript and JavaScript sources, read with `oxc` without running them: the
//! supabase-js queries and HTTP calls the code makes, and what it reads from their results.
//! Knows nothing of the contract.

mod chain;
mod extract;
pub mod facts;
mod flow;
mod http;
mod offsets;
pub mod routes;
pub mod select;
pub mod supabase_types;

pub use extract::extract;
