//! Rule tests: each fixture folder holds a contract and migrations; the findings are
//! snapshotted with code frames.

mod code_cases;
mod db;
mod env;
mod migrations;
mod ui;
