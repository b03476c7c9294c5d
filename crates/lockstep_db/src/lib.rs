//! The contract's database meaning: the contract lowered to the same [`Schema`] the replay and
//! the introspection build (`lower`), a schema raised back to contract text (`raise`, for
//! `init`), and the DDL for the changes of the typed diff (`lockstep_schema::diff`) (`ddl`);
//! the renames the contract declares (`rename`), what each change risks (`hazard`), one line
//! per change (`summary`), and the migration files planned from all of it (`plan`).
//!
//! [`Schema`]: lockstep_sql::schema::Schema

pub mod ddl;
pub mod equivalence;
pub mod hazard;
pub mod lower;
pub mod object;
pub mod plan;
pub mod raise;
pub mod rename;
pub mod summary;
