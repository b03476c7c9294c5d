//! End-to-end tests of the `lockstep` binary: real processes, real files, exit codes and
//! output as a user sees them.

mod adopt;
mod api;
mod bad_input;
mod commands;
mod context;
mod database;
mod env;
mod formats;
mod generate;
mod hostile;
mod impact;
mod init;
mod mcp;
mod migrate;
mod migrate_apply;
mod npm;
mod openapi;
mod output;
mod probe;
mod reading;
mod real_apps;
mod rule;
mod support;
mod suppress;
mod watch;
mod writing;
