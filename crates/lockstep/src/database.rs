//! The database side of a project: the migrations replayed into a schema, or a live database
//! read through `lockstep_pg`. Reading files happens here; replay and introspection do not.

use std::path::PathBuf;

use anyhow::Context as _;
use lockstep_config::{MigrationLayout, Project, Provider};
use lockstep_diagnostics::{Diagnostic, Sources};
use lockstep_sql::order::{Layout, order_migrations};
use lockstep_sql::replay::{MigrationFile, replay};
use lockstep_sql::schema::Schema;

/// Migration files larger than this are skipped with a diagnostic: a dump this size is not a
/// migration, and replaying it would cost more than the check is worth.
const MAX_MIGRATION_BYTES: u64 = 64 * 1024 * 1024;

pub const UNREADABLE_MIGRATION: &str = "db/unreadable-migration";

/// The schema the migrations produce, with what the replay had to say.
pub struct Replayed {
    pub schema: Schema,
    pub diagnostics: Vec<Diagnostic>,
    /// Tables and columns the migrations renamed.
    pub renames: Vec<lockstep_sql::replay::Rename>,
    /// The migration files that could be read, in the order they were replayed.
    pub read: Vec<lockstep_diagnostics::FileId>,
    pub files: usize,
}

/// The migration files of the project in the order they apply, or `None` when the project
/// has no migrations folder.
pub fn migration_paths(project: &Project) -> anyhow::Result<Option<Vec<PathBuf>>> {
    let Some(folder) = &project.config.migrations else { return Ok(None) };
    let dir = project.root.join(folder);
    if !dir.is_dir() {
        if project.migrations_span.is_some() {
            anyhow::bail!("the migrations folder `{}` set in lockstep.toml does not exist", folder.display());
        }
        return Ok(None);
    }
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).with_context(|| format!("cannot read `{}`", dir.display()))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // Prisma keeps each migration as `<name>/migration.sql`.
        if entry.file_type()?.is_dir() && entry.path().join("migration.sql").is_file() {
            names.push(format!("{name}/migration.sql"));
        } else {
            names.push(name);
        }
    }
    let layout = match project.config.migration_layout {
        MigrationLayout::Timestamped if project.config.provider == Provider::Supabase => Layout::Supabase,
        MigrationLayout::Timestamped => Layout::Timestamped,
        MigrationLayout::Flyway => Layout::Flyway,
        MigrationLayout::UpDown => Layout::UpDown,
    };
    // Prisma folders sort by their name, the leading timestamp of `<name>/migration.sql`.
    let ordered = order_migrations(layout, &names);
    Ok(Some(ordered.into_iter().map(|n| dir.join(n)).collect()))
}

/// Reads and replays the migrations. Unreadable files are reported and skipped; the rest is
/// still replayed.
pub fn replay_migrations(project: &Project, paths: &[PathBuf], sources: &mut Sources) -> Replayed {
    let (ids, mut diagnostics) = crate::load::read_all(
        &project.root,
        paths,
        MAX_MIGRATION_BYTES,
        "a migration",
        sources,
        &|shown, message, span| {
            Diagnostic::error(UNREADABLE_MIGRATION, format!("`{shown}` {message}; it was not replayed"))
                .at(span, "this file")
                .help("migrations are UTF-8 text; convert the file, or move it out of the migrations folder")
        },
    );
    let files: Vec<MigrationFile> =
        ids.iter().map(|&id| MigrationFile { file: id, text: sources.get(id).text() }).collect();
    let base = match project.config.provider {
        Provider::Supabase => lockstep_sql::supabase::prelude(),
        Provider::Postgres => Schema::default(),
    };
    let replayed = replay(base, &files);
    diagnostics.extend(replayed.diagnostics);
    Replayed { schema: replayed.schema, diagnostics, renames: replayed.renames, read: ids, files: paths.len() }
}

/// The database URL: the one given, or the value of the configured variable.
pub fn database_url(project: &Project, given: &str) -> anyhow::Result<String> {
    if !given.is_empty() {
        return Ok(given.to_owned());
    }
    let name = &project.config.database_url_env;
    std::env::var(name).map_err(|_| anyhow::anyhow!("`--db` was given without a URL and the variable `{name}` is not set\n  help: pass the URL (`--db postgres://...`) or export `{name}`"))
}

/// Reads a live database; an unreachable one is an error naming host, port and database.
pub fn introspect(url: &str) -> anyhow::Result<Schema> {
    lockstep_pg::introspect(url).map_err(|err| anyhow::anyhow!("{err}"))
}

pub fn is_provider_schema(project: &Project, schema: &str) -> bool {
    match project.config.provider {
        Provider::Supabase => lockstep_sql::supabase::is_provider_schema(schema),
        Provider::Postgres => schema.starts_with("pg_") || schema == "information_schema",
    }
}
