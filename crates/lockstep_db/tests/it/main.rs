//! The one integration test binary of `lockstep_db`.

mod changes;
mod conformance;
mod diff;
mod lower;
mod plan;
mod support;
