//! The contract's database meaning: the contract lowered to the same [`Schema`] the replay and
//! the introspection build (`lower`), one typed diff between any two schemas (`diff`), and the
//! DDL that carries a database from one to the other (`ddl`); the renames the contract declares
//! (`rename`), what each change risks (`hazard`), one line per change (`summary`), and the
//! migration files planned from all of it (`plan`).
//!
//! [`Schema`]: lockstep_sql::schema::Schema

pub mod ddl;
pub mod diff;
pub mod equivalence;
pub mod hazard;
pub mod lower;
pub mod object;
pub mod plan;
pub mod rename;
pub mod summary;
