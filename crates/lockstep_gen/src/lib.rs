//! Code an app owns, generated from its contract: model in, text out, no I/O. Each output is a
//! function of the resolved contract (and the contract's hash for the header), deterministic to
//! the byte: everything is sorted, and layout follows one printer.
//!
//! - [`database_ts`]: the supabase `Database` type, in the format `supabase gen types typescript`
//!   writes.
//! - [`types_ts`], [`client_ts`], [`validators_ts`]: the API's types under the API naming, a
//!   typed `fetch` client, zod schemas.
//! - [`schema_sql`]: the whole desired schema as one SQL file.

mod api;
mod collate;
mod database;
mod doc;
mod header;
mod sql;
mod ts;

pub use api::{client_ts, types_ts, validators_ts};
pub use database::{POSTGREST_VERSION, database_ts};
pub use header::{contract_hash, header};
pub use sql::schema_sql;
