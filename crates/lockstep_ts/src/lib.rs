//! Facts from TypeScript and JavaScript sources, read with `oxc` without running them: the
//! supabase-js queries the code makes. Knows nothing of the contract.

mod extract;
pub mod facts;
mod http;
pub mod routes;
pub mod select;

pub use extract::extract;
