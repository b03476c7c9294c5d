//! The Postgres schema model lockstep checks against, and the static replay that builds it
//! from SQL migration files without a database.

pub mod limits;
pub mod migration_facts;
pub mod normalize;
pub mod order;
mod parens;
pub mod replay;
pub use lockstep_schema as schema;
pub mod split;
pub mod supabase;
