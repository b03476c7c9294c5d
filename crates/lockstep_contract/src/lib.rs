//! The contract language: parse `.lockstep` files, format them, and resolve them into the
//! [`model::Contract`] every other part of lockstep checks against.

pub mod describe;
pub mod diagnostics;
pub mod env_names;
pub mod format;
pub mod model;
pub mod resolve;
pub mod syntax;
