//! Integration tests of the contract language: fixture folders with snapshots, and
//! robustness against arbitrary input.

mod fixtures;
mod robustness;
mod support;
