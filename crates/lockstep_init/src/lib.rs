//! `lockstep init`: a first contract from the sources of truth an app already has. Entities,
//! enums, keys, defaults, row access rules and functions come from the schema the migrations
//! build, raised by `lockstep_db::raise` (the reverse of the lowering); endpoints from the route handlers; env variables from the env files and the code's
//! reads. The UI code is a consumer and never a source: a name only the UI uses is exactly the
//! drift `check` reports.
//!
//! The output is contract text per area (`data.lockstep`, `api.lockstep`, `env.lockstep`) plus
//! notes on what could not be carried over; the caller formats and checks it.

mod api;
mod env;
mod webhook;

pub use env::{EnvInput, EnvVarInput};

use lockstep_sql::schema::Bucket;
use lockstep_sql::schema::Schema;
use lockstep_ts::routes::RouteHandler;

pub struct Input<'a> {
    pub schema: Option<&'a Schema>,
    /// Schemas that belong to the platform (Supabase's `auth`, `storage`), not the app.
    pub is_provider_schema: &'a dyn Fn(&str) -> bool,
    pub handlers: &'a [RouteHandler],
    /// The env variables the file of a handler reads, to name a webhook's signing secret.
    pub env_reads_of: &'a dyn Fn(&RouteHandler) -> Vec<String>,
    /// Storage buckets the migrations create.
    pub buckets: Vec<Bucket>,
    pub env: EnvInput,
}

/// Contract files, by file name, and what could not be carried over.
pub struct Derived {
    pub files: Vec<(String, String)>,
    pub notes: Vec<String>,
}

/// The keys the handlers write in response bodies and read from request bodies: what the API's
/// casing is.
fn api_keys(handlers: &[RouteHandler]) -> Vec<&str> {
    let mut keys = Vec::new();
    for handler in handlers {
        keys.extend(handler.body_fields.iter().map(|f| f.name.as_str()));
        for response in &handler.responses {
            if let lockstep_ts::routes::BodyShape::Object(object) = &response.body {
                keys.extend(object.iter().map(|k| k.name.as_str()));
            }
        }
    }
    keys
}

pub fn derive(input: &Input) -> Derived {
    let mut notes = Vec::new();
    let mut files = Vec::new();
    if let Some(schema) = input.schema {
        let text = lockstep_db::raise::raise(
            schema,
            input.is_provider_schema,
            &input.buckets,
            &api_keys(input.handlers),
            &mut notes,
        );
        if !text.trim().is_empty() {
            files.push(("data.lockstep".to_owned(), text));
        }
    }
    let text = api::endpoints(input.handlers, input.env_reads_of, &mut notes);
    if !text.trim().is_empty() {
        files.push(("api.lockstep".to_owned(), text));
    }
    let text = env::env(&input.env);
    if !text.trim().is_empty() {
        files.push(("env.lockstep".to_owned(), text));
    }
    Derived { files, notes }
}
