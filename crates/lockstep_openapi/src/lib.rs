//! OpenAPI in and out. `import` reads an OpenAPI 3.0 or 3.1 document (YAML or JSON, local
//! `$ref`s, `allOf` of objects) and writes contract `type`s, `enum`s and `endpoint`s; `export`
//! writes an OpenAPI 3.1 document from a contract. Both list what they cannot carry over.

mod export;
mod import;
mod refs;
pub mod value;

pub use export::{Exported, export};
pub use import::{ImportError, Imported, import};
pub use refs::RefError;
pub use value::{LoadError, Value, load};
