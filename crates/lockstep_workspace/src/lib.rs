//! A loaded lockstep project: its configuration, contract and files read under one policy
//! ([`read`]), each source file parsed once ([`sources`]), and every layer checked ([`check`]).
//! A [`Workspace`] keeps what it derived between checks, so a check after a one-file edit
//! re-derives only what depends on that file.

pub mod check;
pub mod database;
pub mod db_layer;
pub mod env_files;
pub mod generated_outputs;
pub mod load;
pub mod migration_lint;
pub mod mounts;
pub mod read;
pub mod scripts;
pub mod sources;
pub mod suppress;
pub mod types_file;
pub mod workspace;

pub use workspace::Workspace;
