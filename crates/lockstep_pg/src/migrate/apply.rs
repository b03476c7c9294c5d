//! `migrate apply`: every pending migration in one transaction, under a try-lock so two appliers
//! never run at once and never wait on each other inside the database (a blocking advisory lock
//! deadlocks with `create index concurrently`), with lock and statement timeouts so nothing
//! waits forever behind a long transaction.

use std::time::{Duration, Instant};

use postgres::error::SqlState;
use postgres::{Client, GenericClient};

use super::status::{State, status};
use super::{HistoryKind, Migration, read_history};

/// The advisory lock every lockstep apply takes: advisory locks are per database, so one key
/// serialises the appliers of one database. ("lockstep" in ASCII.)
const LOCK_KEY: i64 = 0x6c6f_636b_7374_6570;

#[derive(Clone, Debug)]
pub struct ApplyOptions {
    pub kind: HistoryKind,
    /// How long a statement may wait for a lock (`lock_timeout`).
    pub lock_timeout: Duration,
    /// How long a statement may run (`statement_timeout`); zero for no limit.
    pub statement_timeout: Duration,
    /// How long to keep trying the advisory lock while another apply holds it.
    pub lock_wait: Duration,
    /// Apply up to and including this version.
    pub to: Option<String>,
    /// Accept edited applied migrations as they are now (their history rows are rewritten; they
    /// are not run again).
    pub repair: bool,
    /// Apply pending migrations older than the latest applied one.
    pub include_all: bool,
    /// Say what would run; change nothing.
    pub dry_run: bool,
}

/// What the apply is doing, for the caller to show.
#[derive(Debug)]
pub enum ApplyEvent<'a> {
    /// Another apply holds the lock; retrying.
    Waiting,
    /// A transaction with these migrations starts.
    Batch(Vec<&'a Migration>),
    /// A migration that cannot run in a transaction runs alone.
    Alone(&'a Migration),
    Applied(&'a Migration, Duration),
    /// `--repair`: the history row now matches the edited file.
    Repaired(&'a Migration),
}

#[derive(Debug, Default)]
pub struct ApplyReport {
    /// Versions applied (or, on a dry run, that would be), in order.
    pub applied: Vec<String>,
    pub repaired: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error(transparent)]
    Connect(#[from] crate::IntrospectError),
    #[error(
        "another `lockstep migrate apply` has held this database's migration lock for {seconds} s; try again when it finishes"
    )]
    Locked { seconds: u64 },
    #[error("{} applied migration(s) changed since they were applied: {}; revert the edit and add a new migration, or accept the files as they are with --repair", .0.len(), .0.join(", "))]
    Changed(Vec<String>),
    #[error("the database has applied migration(s) this folder does not have: {}; restore the files before applying more", .0.join(", "))]
    Missing(Vec<String>),
    #[error("pending migration(s) older than the latest applied one: {}; give them later versions, or apply them anyway with --include-all", .0.join(", "))]
    OutOfOrder(Vec<String>),
    #[error("several migrations share a version, which the history records once: {}; give each file its own version (rename it)", .0.iter().map(|(v, files)| format!("{v} ({})", files.join(", "))).collect::<Vec<_>>().join("; "))]
    DuplicateVersions(Vec<(String, Vec<String>)>),
    #[error("no migration has version `{0}`")]
    UnknownVersion(String),
    #[error("{shown}{line}: {message}{blocking}; {outcome}", line = .line.map_or_else(String::new, |l| format!(":{l}")), blocking = .blocking.as_ref().map_or_else(String::new, |b| format!(" (waiting for {b})")))]
    Failed {
        shown: String,
        /// The line of the failing statement, when the server says where.
        line: Option<usize>,
        message: String,
        /// With a lock timeout: the relations other sessions held locks on.
        blocking: Option<String>,
        /// What state the database is in now.
        outcome: String,
    },
    #[error("the database failed: {}", crate::describe(.0))]
    Database(#[from] postgres::Error),
}

/// Applies the pending migrations of `local` (in apply order) to the database at `url`.
pub fn apply(
    url: &str,
    local: &[Migration],
    options: &ApplyOptions,
    event: &mut dyn FnMut(ApplyEvent<'_>),
) -> Result<ApplyReport, ApplyError> {
    let duplicates = super::duplicate_versions(local);
    if !duplicates.is_empty() {
        return Err(ApplyError::DuplicateVersions(duplicates));
    }
    let mut client = crate::connect(url)?;
    client.batch_execute(&format!(
        "set lock_timeout = {}; set statement_timeout = {}",
        options.lock_timeout.as_millis(),
        options.statement_timeout.as_millis()
    ))?;
    take_lock(&mut client, options.lock_wait, event)?;
    let result = apply_locked(&mut client, local, options, event);
    // Released with the session anyway; said explicitly so a pooled connection does not keep it.
    let _ = client.execute("select pg_advisory_unlock($1)", &[&LOCK_KEY]);
    result
}

fn take_lock(client: &mut Client, wait: Duration, event: &mut dyn FnMut(ApplyEvent<'_>)) -> Result<(), ApplyError> {
    let start = Instant::now();
    let mut pause = Duration::from_millis(50);
    let mut told = false;
    loop {
        let taken: bool = client.query_one("select pg_try_advisory_lock($1)", &[&LOCK_KEY])?.get(0);
        if taken {
            return Ok(());
        }
        if start.elapsed() >= wait {
            return Err(ApplyError::Locked { seconds: start.elapsed().as_secs() });
        }
        if !told {
            event(ApplyEvent::Waiting);
            told = true;
        }
        // Outside any transaction: a waiting applier holds no snapshot a concurrent index
        // build would have to wait for.
        std::thread::sleep(pause.min(wait.saturating_sub(start.elapsed())));
        pause = (pause * 2).min(Duration::from_secs(2));
    }
}

fn apply_locked<'m>(
    client: &mut Client,
    local: &'m [Migration],
    options: &ApplyOptions,
    event: &mut dyn FnMut(ApplyEvent<'m>),
) -> Result<ApplyReport, ApplyError> {
    let applied = read_history(client, options.kind)?;
    let lines = status(local, &applied);
    let of = |state: State| -> Vec<String> {
        lines
            .iter()
            .filter(|l| l.state == state)
            .map(|l| l.shown.clone().unwrap_or_else(|| format!("{} {}", l.version, l.name)))
            .collect()
    };
    let (changed, missing, out_of_order) = (of(State::Changed), of(State::Missing), of(State::OutOfOrder));
    if !changed.is_empty() && !options.repair {
        return Err(ApplyError::Changed(changed));
    }
    if !missing.is_empty() {
        return Err(ApplyError::Missing(missing));
    }
    if !out_of_order.is_empty() && !options.include_all {
        return Err(ApplyError::OutOfOrder(out_of_order));
    }
    let last = match &options.to {
        Some(version) => Some(
            local
                .iter()
                .position(|m| &m.version == version)
                .ok_or_else(|| ApplyError::UnknownVersion(version.clone()))?,
        ),
        None => None,
    };
    let state = |m: &Migration| lines.iter().find(|l| l.version == m.version).map(|l| l.state);
    let pending: Vec<&Migration> = local
        .iter()
        .enumerate()
        .filter(|(i, _)| last.is_none_or(|last| *i <= last))
        .map(|(_, m)| m)
        .filter(|m| matches!(state(m), Some(State::Pending | State::OutOfOrder)))
        .collect();
    let repairs: Vec<&Migration> = local.iter().filter(|m| state(m) == Some(State::Changed)).collect();
    let mut report = ApplyReport::default();
    if options.dry_run {
        report.applied = pending.iter().map(|m| m.version.clone()).collect();
        report.repaired = repairs.iter().map(|m| m.version.clone()).collect();
        return Ok(report);
    }
    options.kind.ensure(client)?;
    // Segments: the transactional migrations up to a non-transactional one run in one
    // transaction; the non-transactional one runs alone; and so on, in order.
    let mut batch: Vec<&Migration> = Vec::new();
    let mut repairs_left = repairs;
    for migration in pending {
        if !migration.transactional() {
            run_batch(client, options.kind, &batch, &mut repairs_left, &mut report, event)?;
            batch.clear();
            run_alone(client, options.kind, migration, &mut report, event)?;
            continue;
        }
        batch.push(migration);
        // Postgres refuses to use an enum value in the transaction that added it: the batch
        // commits after the migration that adds one, and the next migrations form a new one.
        if migration.adds_enum_value() {
            run_batch(client, options.kind, &batch, &mut repairs_left, &mut report, event)?;
            batch.clear();
        }
    }
    run_batch(client, options.kind, &batch, &mut repairs_left, &mut report, event)?;
    Ok(report)
}

fn run_batch<'m>(
    client: &mut Client,
    kind: HistoryKind,
    batch: &[&'m Migration],
    repairs: &mut Vec<&'m Migration>,
    report: &mut ApplyReport,
    event: &mut dyn FnMut(ApplyEvent<'m>),
) -> Result<(), ApplyError> {
    if batch.is_empty() && repairs.is_empty() {
        return Ok(());
    }
    if !batch.is_empty() {
        event(ApplyEvent::Batch(batch.to_vec()));
    }
    let mut tx = client.transaction()?;
    for migration in repairs.drain(..) {
        kind.forget(&mut tx, &migration.version)?;
        kind.record(&mut tx, migration, 0)?;
        event(ApplyEvent::Repaired(migration));
        report.repaired.push(migration.version.clone());
    }
    let mut done = Vec::new();
    for &migration in batch {
        let start = Instant::now();
        if let Err((at, err)) = execute(&mut tx, &migration.text) {
            drop(tx);
            let outcome = "the transaction was rolled back: nothing of this batch was applied".to_owned();
            return Err(failure(client, migration, at, &err, outcome));
        }
        let elapsed = start.elapsed();
        kind.record(&mut tx, migration, i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))?;
        done.push((migration, elapsed));
    }
    if let Err(err) = tx.commit() {
        // Deferred constraints are checked here: the batch is rolled back.
        let message = crate::describe(&err);
        let shown = batch.last().map_or_else(String::new, |m| m.shown.clone());
        let outcome = "the commit failed and the transaction was rolled back: nothing of this batch was applied";
        return Err(ApplyError::Failed { shown, line: None, message, blocking: None, outcome: outcome.to_owned() });
    }
    for (migration, elapsed) in done {
        event(ApplyEvent::Applied(migration, elapsed));
        report.applied.push(migration.version.clone());
    }
    Ok(())
}

fn run_alone<'m>(
    client: &mut Client,
    kind: HistoryKind,
    migration: &'m Migration,
    report: &mut ApplyReport,
    event: &mut dyn FnMut(ApplyEvent<'m>),
) -> Result<(), ApplyError> {
    event(ApplyEvent::Alone(migration));
    let start = Instant::now();
    if let Err((at, err)) = execute(client, &migration.text) {
        let outcome = "it ran outside a transaction: statements before the failing one stay applied; what went before it is committed".to_owned();
        return Err(failure(client, migration, at, &err, outcome));
    }
    let elapsed = start.elapsed();
    kind.record(client, migration, i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))?;
    event(ApplyEvent::Applied(migration, elapsed));
    report.applied.push(migration.version.clone());
    Ok(())
}

/// Runs a migration's statements one by one (in the caller's transaction, if any), so a
/// failure says which statement: the error with the byte offset where the statement starts.
fn execute(client: &mut impl GenericClient, text: &str) -> Result<(), (usize, postgres::Error)> {
    for statement in lockstep_sql::split::split_statements(text) {
        let (start, end) = (statement.start as usize, statement.end as usize);
        client.batch_execute(&text[start..end]).map_err(|err| (start, err))?;
    }
    Ok(())
}

/// The error of a failed migration: where (the failing statement's line, or the line the
/// server points at inside it), what, and for a lock timeout, what other sessions held locks
/// on.
fn failure(
    client: &mut Client,
    migration: &Migration,
    at: usize,
    err: &postgres::Error,
    outcome: String,
) -> ApplyError {
    let db = err.as_db_error();
    let message = db.map_or_else(|| err.to_string(), |d| d.message().to_owned());
    let within = db.and_then(|d| match d.position() {
        Some(postgres::error::ErrorPosition::Original(position)) => {
            let chars = usize::try_from(*position).unwrap_or(0).saturating_sub(1);
            let statement = migration.text.get(at..).unwrap_or_default();
            Some(statement.chars().take(chars).map(char::len_utf8).sum::<usize>())
        }
        _ => None,
    });
    let offset = (at + within.unwrap_or(0)).min(migration.text.len());
    let line = Some(migration.text[..offset].matches('\n').count() + 1);
    let blocking = (err.code() == Some(&SqlState::LOCK_NOT_AVAILABLE) || err.code() == Some(&SqlState::QUERY_CANCELED))
        .then(|| blockers(client))
        .flatten();
    ApplyError::Failed { shown: migration.shown.clone(), line, message, blocking, outcome }
}

/// The relations other sessions hold locks on that conflict with a schema change.
fn blockers(client: &mut impl GenericClient) -> Option<String> {
    let rows = client
        .query(
            "select distinct n.nspname || '.' || c.relname, l.mode, l.pid
             from pg_locks l join pg_class c on c.oid = l.relation join pg_namespace n on n.oid = c.relnamespace
             where l.granted and l.pid <> pg_backend_pid() and n.nspname not in ('pg_catalog', 'information_schema')
             order by 1",
            &[],
        )
        .ok()?;
    let held: Vec<String> = rows
        .iter()
        .map(|r| format!("`{}` ({} held by pid {})", r.get::<_, String>(0), r.get::<_, String>(1), r.get::<_, i32>(2)))
        .collect();
    (!held.is_empty()).then(|| held.join(", "))
}
