//! Talks to a live Postgres database, the only crate that does: reads it into lockstep's
//! [`Schema`] model (one read-only transaction with a statement timeout, through `pg_catalog`),
//! and applies migrations to it (`migrate`: all or nothing, under a try-lock).

mod catalog;
mod history;
pub mod migrate;

use std::fmt::Write as _;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use lockstep_sql::schema::Schema;
use postgres::{Client, NoTls};

pub use catalog::introspect_with;

/// Why the database could not be read. Messages name host, port and database and carry the
/// server's own message (wrong password, missing database), never the password.
#[derive(Debug, thiserror::Error)]
pub enum IntrospectError {
    #[error("invalid database URL: {0}")]
    InvalidUrl(String),
    #[error("cannot connect to the database `{database}` at {host}:{port}: {}", describe(source))]
    Connect {
        host: String,
        port: u16,
        database: String,
        #[source]
        source: postgres::Error,
    },
    #[error(
        "the database `{database}` at {host}:{port} did not answer within {seconds} s while {step}; is it a Postgres server, and is it overloaded?"
    )]
    Timeout { host: String, port: u16, database: String, step: &'static str, seconds: u64 },
    #[error("reading the schema failed: {}", describe(.0))]
    Query(#[from] postgres::Error),
    /// The thread reading the database ended without an answer (it panicked).
    #[error("the database reader stopped without an answer (a bug in lockstep; please report it)")]
    Stopped,
}

/// How long any one catalog query may run on the server.
const STATEMENT_TIMEOUT: Duration = Duration::from_secs(30);
/// How long connecting (TCP and the startup handshake) may take, unless the URL sets
/// `connect_timeout`.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the client waits for any one query's answer: the server's own timeout plus a margin,
/// so a server that stops answering (or never was Postgres) cannot hang the run.
const QUERY_TIMEOUT: Duration = Duration::from_secs(40);

/// Where a URL points, for messages.
struct Target {
    config: postgres::Config,
    host: String,
    port: u16,
    database: String,
    connect_timeout: Duration,
}

/// Connects to `url` and reads its schema, with a client-side deadline on connecting and on each
/// query.
pub fn introspect(url: &str) -> Result<Schema, IntrospectError> {
    with_deadlines(url, |client, step| catalog::introspect_reporting(client, step))
}

/// The migrations the database records as applied, by the history table of the tool that
/// applied them (Supabase, Flyway, Prisma, golang-migrate or dbmate, sqlx): their versions
/// (Prisma: folder names). `None` when the database has no such table.
pub fn applied_migrations(url: &str) -> Result<Option<Vec<String>>, IntrospectError> {
    with_deadlines(url, |client, step| history::applied(client, step))
}

/// Runs `work` on a connection to `url` with a client-side deadline on connecting and on each
/// step `work` reports. The blocking client has no per-call timeout, so the work runs on a
/// thread that reports each step; a step that overruns its deadline ends the wait with
/// [`IntrospectError::Timeout`] (the stuck thread is abandoned: the process is about to report
/// and exit).
fn with_deadlines<T: Send + 'static>(
    url: &str,
    work: impl FnOnce(&mut Client, &mut dyn FnMut(&'static str)) -> Result<T, IntrospectError> + Send + 'static,
) -> Result<T, IntrospectError> {
    let target = target(url)?;
    let (sender, receiver) = mpsc::channel::<Progress<T>>();
    let config = target.config.clone();
    let (host, port, database) = (target.host.clone(), target.port, target.database.clone());
    // Shared so that, when no thread can be started, the work still runs here.
    let work = std::sync::Arc::new(std::sync::Mutex::new(Some(work)));
    let for_worker = std::sync::Arc::clone(&work);
    let worker = std::thread::Builder::new().name("lockstep-introspect".to_owned()).spawn(move || {
        let Some(work) = for_worker.lock().ok().and_then(|mut w| w.take()) else { return };
        let result = config
            .connect(NoTls)
            .map_err(|source| IntrospectError::Connect { host, port, database, source })
            .and_then(|mut client| {
                work(&mut client, &mut |step| {
                    let _ = sender.send(Progress::Step(step));
                })
            });
        let _ = sender.send(Progress::Done(Box::new(result)));
    });
    if worker.is_err() {
        // No thread to spare: run without the client-side deadline.
        let work = work.lock().ok().and_then(|mut w| w.take()).ok_or(IntrospectError::Stopped)?;
        let mut client = target.config.connect(NoTls).map_err(|source| connect_error(&target, source))?;
        return work(&mut client, &mut |_| {});
    }
    let (mut step, mut limit) = ("connecting", target.connect_timeout);
    loop {
        match receiver.recv_timeout(limit) {
            Ok(Progress::Step(name)) => (step, limit) = (name, QUERY_TIMEOUT),
            Ok(Progress::Done(result)) => return *result,
            Err(RecvTimeoutError::Timeout) => {
                return Err(IntrospectError::Timeout {
                    host: target.host,
                    port: target.port,
                    database: target.database,
                    step,
                    seconds: limit.as_secs(),
                });
            }
            Err(RecvTimeoutError::Disconnected) => return Err(IntrospectError::Stopped),
        }
    }
}

enum Progress<T> {
    /// A step started: what the client now waits for.
    Step(&'static str),
    Done(Box<Result<T, IntrospectError>>),
}

/// Opens a connection, with a connect timeout, naming the target on failure.
pub fn connect(url: &str) -> Result<Client, IntrospectError> {
    let target = target(url)?;
    target.config.connect(NoTls).map_err(|source| connect_error(&target, source))
}

/// Where `url` points, `host:port/database`, never the password.
pub fn target_name(url: &str) -> Result<String, IntrospectError> {
    let target = target(url)?;
    Ok(format!("{}:{}/{}", target.host, target.port, target.database))
}

fn connect_error(target: &Target, source: postgres::Error) -> IntrospectError {
    IntrospectError::Connect { host: target.host.clone(), port: target.port, database: target.database.clone(), source }
}

fn target(url: &str) -> Result<Target, IntrospectError> {
    // The URL parser takes the first `@` as the end of the password, so `user:p@ss@host` would
    // make `ss@host` the host, and the messages below would print part of the password.
    if is_url(url) && url.matches('@').count() > 1 {
        return Err(IntrospectError::InvalidUrl(
            "it has more than one `@`; write an `@` inside the user name or password as `%40`".to_owned(),
        ));
    }
    let mut config: postgres::Config =
        url.parse().map_err(|err: postgres::Error| IntrospectError::InvalidUrl(redact(&describe(&err))))?;
    let connect_timeout = config.get_connect_timeout().copied().unwrap_or(CONNECT_TIMEOUT);
    config.connect_timeout(connect_timeout);
    config.application_name("lockstep");
    // A server that goes silent mid-session (a dropped network path) is noticed within about a
    // minute instead of never: a long statement still answers keepalive probes.
    config.keepalives(true).keepalives_idle(Duration::from_secs(30)).keepalives_interval(Duration::from_secs(10));
    config.keepalives_retries(3);
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
    Ok(Target { config, host, port, database, connect_timeout })
}

fn is_url(text: &str) -> bool {
    text.starts_with("postgres://") || text.starts_with("postgresql://")
}

/// An error with its causes: the client's own `Display` says only "db error" or "error
/// connecting to server"; the server's message (which never holds the password) is what helps.
pub(crate) fn describe(err: &postgres::Error) -> String {
    if let Some(db) = err.as_db_error() {
        let mut text = format!("{}: {}", db.severity(), db.message());
        if let Some(hint) = db.hint() {
            let _ = write!(text, " (hint: {hint})");
        }
        return text;
    }
    let mut text = err.to_string();
    let mut cause = std::error::Error::source(err);
    while let Some(inner) = cause {
        let _ = write!(text, ": {inner}");
        cause = inner.source();
    }
    text
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
