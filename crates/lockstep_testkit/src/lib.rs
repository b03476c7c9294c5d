//! Test support shared by the crates' test suites. Never a dependency of shipped code.

mod cluster;
pub mod fixtures;
pub mod synthetic;

pub use cluster::{Cluster, cluster};
