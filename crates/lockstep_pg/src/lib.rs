//! Reads a live Postgres database into lockstep's [`Schema`] model: one read-only transaction
//! with a statement timeout, through `pg_catalog`. The only crate that talks to a database.

mod catalog;

use std::time::Duration;

use lockstep_sql::schema::Schema;
use postgres::{Client, NoTls};

pub use catalog::introspect_with;

/// Why the database could not be read. Messages name host, port and database, never the
/// password.
#[derive(Debug, thiserror::Error)]
pub enum IntrospectError {
    #[error("invalid database URL: {0}")]
    InvalidUrl(String),
    #[error("cannot connect to the database `{database}` at {host}:{port}: {source}")]
    Connect {
        host: String,
        port: u16,
        database: String,
        #[source]
        source: postgres::Error,
    },
    #[error("reading the schema failed: {0}")]
    Query(#[from] postgres::Error),
}

/// How long any one catalog query may run.
const STATEMENT_TIMEOUT: Duration = Duration::from_secs(30);

/// Connects to `url` and reads its schema.
pub fn introspect(url: &str) -> Result<Schema, IntrospectError> {
    let mut client = connect(url)?;
    introspect_with(&mut client)
}

/// Opens a connection, with a connect timeout, naming the target on failure.
pub fn connect(url: &str) -> Result<Client, IntrospectError> {
    let mut config: postgres::Config =
        url.parse().map_err(|err: postgres::Error| IntrospectError::InvalidUrl(redact(&err.to_string())))?;
    config.connect_timeout(Duration::from_secs(10));
    config.application_name("lockstep");
    let host = config.get_hosts().first().map_or_else(
        || "localhost".to_owned(),
        |h| match h {
            postgres::config::Host::Tcp(name) => name.clone(),
            #[cfg(unix)]
            postgres::config::Host::Unix(path) => path.display().to_string(),
        },
    );
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let database = config.get_dbname().or_else(|| config.get_user()).unwrap_or("postgres").to_owned();
    config.connect(NoTls).map_err(|source| IntrospectError::Connect { host, port, database, source })
}

/// Errors from URL parsing can echo the URL; drop anything that looks like a password.
fn redact(message: &str) -> String {
    match (message.find("://"), message.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => format!("{}://***{}", &message[..scheme], &message[at..]),
        _ => message.to_owned(),
    }
}

pub(crate) fn statement_timeout_ms() -> u128 {
    STATEMENT_TIMEOUT.as_millis()
}
