//! The contract's concrete syntax: tokens, the tree, and the recovering parser.

pub mod ast;
mod entity;
mod items;
pub mod lexer;
mod parser;
mod shape;

pub use entity::POLICY_OPERATIONS;
pub use parser::{ITEM_KEYWORDS, Parsed, parse};
pub use shape::is_identifier;
