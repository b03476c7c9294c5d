//! Findings as plain data, the source files they point into, and the text renderer.
//!
//! Every layer of lockstep reports through [`Diagnostic`]: a stable code, a severity, byte
//! spans and a help text. Line and column numbers are computed only when rendering, from a
//! [`LineIndex`], so producers never think about them.

mod contract_path;
mod diagnostic;
mod line_index;
mod render;
mod source;
mod suggest;

pub use contract_path::ContractPath;
pub use diagnostic::{Diagnostic, Label, Severity, sort_diagnostics};
pub use line_index::{LineCol, LineIndex};
pub use render::{RenderOptions, escape_controls, render_text};
pub use source::{DecodeError, FileId, SourceFile, Sources, Span, decode_text};
pub use suggest::{did_you_mean, edit_distance};
