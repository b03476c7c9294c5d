//! The rules: facts from each layer checked against the contract, reported as findings.
//! Rules know nothing of parsing; they read models.

pub mod api;
pub mod db;
pub mod env;
pub mod impact;
pub mod migrations;
mod shape;
pub mod ui;
