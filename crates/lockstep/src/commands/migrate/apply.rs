//! `lockstep migrate status` and `lockstep migrate apply`: the project's migrations against a
//! live database's history, and applying the pending ones all or nothing.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::time::Duration;

use anyhow::Context;
use lockstep_config::{Project, Provider};
use lockstep_diagnostics::Sources;
use lockstep_pg::migrate::{self, ApplyEvent, ApplyOptions, HistoryKind, Migration, State};
use serde_json::json;

use crate::ExitStatus;
use crate::cli::{CheckArgs, DatabaseArgs, GlobalArgs, Layer, MigrateApplyArgs, MigrateStatusArgs, OutputFormat};
use crate::database;
use crate::load;
use crate::printer::Printer;

pub fn status(printer: &Printer, global: &GlobalArgs, args: &MigrateStatusArgs) -> anyhow::Result<ExitStatus> {
    let (project, local) = local_migrations(args.path.as_deref(), printer)?;
    let url = database::database_url(&project, args.database.db.as_deref().unwrap_or(""))?;
    let kind = history_kind(&project);
    let duplicates = migrate::duplicate_versions(&local);
    if !duplicates.is_empty() {
        anyhow::bail!("{}", migrate::ApplyError::DuplicateVersions(duplicates));
    }
    let mut client = lockstep_pg::connect(&url).map_err(|err| anyhow::anyhow!("{err}"))?;
    let applied = migrate::read_history(&mut client, kind).context("cannot read the migration history")?;
    let lines = migrate::status(&local, &applied);
    let off = lines.iter().any(|l| l.state.is_off());
    let output = match global.format {
        OutputFormat::Text => {
            let mut text = String::new();
            for line in &lines {
                let file = line.shown.as_deref().unwrap_or("-");
                let _ = writeln!(text, "{:<22} {:<24} {file}", line.version, line.state.as_str());
            }
            let pending = lines.iter().filter(|l| matches!(l.state, State::Pending | State::OutOfOrder)).count();
            let _ = writeln!(
                text,
                "{} migration(s): {} applied, {pending} pending{}",
                lines.len(),
                lines.iter().filter(|l| l.state == State::Applied).count(),
                if off { "; some need attention (see above)" } else { "" }
            );
            text
        }
        OutputFormat::Json => {
            let rows: Vec<_> = lines
                .iter()
                .map(|l| json!({ "version": l.version, "name": l.name, "file": l.shown, "state": state_key(l.state) }))
                .collect();
            format!("{:#}\n", json!({ "version": 1, "history": history_name(kind), "migrations": rows, "ok": !off }))
        }
        OutputFormat::Sarif | OutputFormat::Github => {
            anyhow::bail!(
                "`lockstep migrate status` prints `--format text` or `json`; sarif and github are formats for findings"
            )
        }
    };
    printer.out(&output)?;
    Ok(if off { ExitStatus::Findings } else { ExitStatus::Success })
}

pub fn apply(printer: &Printer, global: &GlobalArgs, args: &MigrateApplyArgs) -> anyhow::Result<ExitStatus> {
    let (project, local) = local_migrations(args.path.as_deref(), printer)?;
    let url = database::database_url(&project, args.db.as_deref().unwrap_or(""))?;
    let options = ApplyOptions {
        kind: history_kind(&project),
        lock_timeout: Duration::from_millis(args.lock_timeout_ms),
        statement_timeout: Duration::from_millis(args.statement_timeout_ms),
        lock_wait: Duration::from_secs(args.lock_wait),
        to: args.to.clone(),
        repair: args.repair,
        include_all: args.include_all,
        dry_run: true,
    };
    // First what would run, said before anything runs.
    let planned = migrate::apply(&url, &local, &options, &mut |_| {}).map_err(|err| anyhow::anyhow!("{err}"))?;
    if planned.applied.is_empty() && planned.repaired.is_empty() {
        printer.status("the database is up to date: no pending migration");
        return Ok(ExitStatus::Success);
    }
    let by_version = |v: &String| local.iter().find(|m| &m.version == v);
    for version in &planned.applied {
        if let Some(m) = by_version(version) {
            let note = if !m.transactional() {
                " (alone, outside a transaction, after what precedes it commits)"
            } else if m.adds_enum_value() {
                " (adds an enum value: the transaction commits after it, since Postgres cannot use a new value in the transaction that adds it)"
            } else {
                ""
            };
            printer.status(&format!("pending: {}{note}", m.shown));
        }
    }
    for version in &planned.repaired {
        if let Some(m) = by_version(version) {
            printer.status(&format!("repair: {} (its history row is rewritten; it does not run again)", m.shown));
        }
    }
    if args.dry_run {
        printer.status("dry run: nothing was applied");
        return Ok(ExitStatus::Success);
    }
    let pending: Vec<&Migration> = planned.applied.iter().filter_map(by_version).collect();
    consent(&url, &pending, args.allow_destructive)?;
    let options = ApplyOptions { dry_run: false, ..options };
    let result = migrate::apply(&url, &local, &options, &mut |event| match event {
        ApplyEvent::Waiting => printer.status("another apply holds this database's migration lock; waiting"),
        ApplyEvent::Batch(batch) => {
            printer.status(&format!("applying {} migration(s) in one transaction", batch.len()));
        }
        ApplyEvent::Alone(m) => printer.status(&format!("applying {} alone, outside a transaction", m.shown)),
        ApplyEvent::Applied(m, elapsed) => printer.status(&format!("applied {} ({} ms)", m.shown, elapsed.as_millis())),
        ApplyEvent::Repaired(m) => printer.status(&format!("repaired the history row of {}", m.shown)),
    });
    let report = result.map_err(|err| anyhow::anyhow!("{err}"))?;
    printer.status(&format!("{} migration(s) applied", report.applied.len()));
    if args.no_check {
        return Ok(ExitStatus::Success);
    }
    // The database as it now is, against the contract and the migrations.
    printer.status("comparing the database with the contract and the migrations");
    let check = CheckArgs {
        path: args.path.clone(),
        deny: None,
        only: vec![Layer::Db],
        database: DatabaseArgs { db: Some(url) },
        migrations: true,
        all_migrations: false,
        watch: false,
    };
    crate::commands::check::run(printer, global, &check)
}

/// The project and its versioned migrations in apply order. Files without a version (a schema
/// dump beside Supabase migrations) and `down` files are not migrations to apply.
fn local_migrations(path: Option<&std::path::Path>, printer: &Printer) -> anyhow::Result<(Project, Vec<Migration>)> {
    let mut sources = Sources::new();
    let project = load::project(path, &mut sources, printer.color_stderr)?;
    let Some(paths) = database::migration_paths(&project)? else {
        anyhow::bail!(
            "no migrations folder in `{}`\n  help: set `[database] migrations` in lockstep.toml",
            project.root.display()
        );
    };
    let (ids, problems) = load::read_all(
        &crate::read::Disk,
        &project.root,
        &paths,
        crate::read::MIGRATION,
        &mut sources,
        &|shown, message, _| {
            lockstep_diagnostics::Diagnostic::error("migrate/unreadable", format!("`{shown}` {message}"))
        },
    );
    if let Some(problem) = problems.first() {
        anyhow::bail!("{}; a migration that cannot be read cannot be applied", problem.message);
    }
    let mut local = Vec::new();
    for id in ids {
        let file = sources.get(id);
        let shown = file.path().to_owned();
        let relative = shown.rsplit_once("migrations/").map_or(shown.as_str(), |(_, rest)| rest);
        let (version, name) = migrate::version_and_name(relative);
        if !version.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        local.push(Migration { version, name, shown, text: file.text().to_owned() });
    }
    Ok((project, local))
}

fn history_kind(project: &Project) -> HistoryKind {
    match project.config.provider {
        Provider::Supabase => HistoryKind::Supabase,
        Provider::Postgres => HistoryKind::Lockstep,
    }
}

fn history_name(kind: HistoryKind) -> &'static str {
    match kind {
        HistoryKind::Supabase => "supabase_migrations.schema_migrations",
        HistoryKind::Lockstep => "lockstep.schema_migrations",
    }
}

fn state_key(state: State) -> &'static str {
    match state {
        State::Applied => "applied",
        State::Pending => "pending",
        State::Changed => "changed",
        State::Missing => "missing",
        State::OutOfOrder => "out_of_order",
    }
}

/// The variable a script or an agent sets to the value `migrate apply` printed, to apply
/// destructive steps without a person at the terminal.
pub const CONSENT_VARIABLE: &str = "LOCKSTEP_CONSENT";

/// Destructive steps (the lint's `migrate/drop`: a table or column dropped with its data) run
/// only with `--allow-destructive`; when no person is at the terminal (an agent, a script), also
/// with [`CONSENT_VARIABLE`] set to a value printed here, which names this database and these
/// migrations, so an agent cannot drop data on its own.
fn consent(url: &str, pending: &[&Migration], allowed: bool) -> anyhow::Result<()> {
    let mut sources = Sources::new();
    let mut destructive = Vec::new();
    for migration in pending {
        let file = sources.add(migration.shown.clone(), migration.text.clone());
        let facts = lockstep_sql::migration_facts::migration_facts(&migration.text);
        let lint = lockstep_check::migrations::MigrationFile {
            file,
            facts: &facts,
            no_transaction: !migration.transactional(),
        };
        for finding in lockstep_check::migrations::lint_migration(&lint) {
            if finding.code == lockstep_check::migrations::DROP {
                let at_line = finding.primary.as_ref().map_or(1, |label| {
                    let source = sources.get(label.span.file);
                    source.line_index().line_col(source.text(), label.span.start).line
                });
                destructive.push(format!("{}:{at_line}: {}", migration.shown, finding.message));
            }
        }
    }
    if destructive.is_empty() {
        return Ok(());
    }
    let listed: String = destructive.iter().fold(String::new(), |mut out, d| {
        let _ = write!(out, "\n  {d}");
        out
    });
    if !allowed {
        anyhow::bail!(
            "the pending migrations destroy data:{listed}\n  help: review them; to apply them anyway, run again with --allow-destructive"
        );
    }
    if std::io::stdin().is_terminal() {
        return Ok(());
    }
    let token = consent_token(url, pending);
    match std::env::var(CONSENT_VARIABLE) {
        Ok(given) if given == token => Ok(()),
        _ => anyhow::bail!(
            "the pending migrations destroy data:{listed}\n  help: no one is at the terminal to confirm; a person who agrees runs again with {CONSENT_VARIABLE}={token} and --allow-destructive"
        ),
    }
}

/// The consent value: a hash of the database (host, port and name, never the password) and the
/// migrations' versions and checksums, so it consents to exactly this apply.
fn consent_token(url: &str, pending: &[&Migration]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(lockstep_pg::target_name(url).unwrap_or_default().as_bytes());
    for migration in pending {
        hasher.update(migration.version.as_bytes());
        hasher.update(migration.checksum().as_bytes());
    }
    let mut token = String::new();
    for byte in hasher.finalize().iter().take(6) {
        let _ = write!(token, "{byte:02x}");
    }
    token
}
