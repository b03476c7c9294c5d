//! Tests of live introspection against a real Postgres, and the conformance suite: the static
//! replay of each migration folder must equal what Postgres builds from the same files.

mod conformance;
mod introspection;
mod migrate;
