//! One module per subcommand.

pub mod check;
pub mod context;
pub mod contract;
pub mod db;
pub mod fmt;
pub mod generate;
pub mod impact;
pub mod init;
pub mod mcp;
pub mod migrate;
pub mod openapi;
pub mod rule;
pub mod test;
