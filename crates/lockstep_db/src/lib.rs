//! The contract's database meaning: the contract lowered to the same [`Schema`] the replay and
//! the introspection build (`lower`), one typed diff between any two schemas (`diff`), and the
//! DDL that carries a database from one to the other (`ddl`).
//!
//! [`Schema`]: lockstep_sql::schema::Schema

pub mod ddl;
pub mod diff;
pub mod equivalence;
pub mod lower;
pub mod object;
