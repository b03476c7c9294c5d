//! The workspace's integration tests: one binary (see ARCHITECTURE.md).

mod warm;
