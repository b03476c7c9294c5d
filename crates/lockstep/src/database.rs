//! The database side of a project: the migrations replayed into a schema, or a live database
//! read through `lockstep_pg`. Reading files happens here; replay and introspection do not.

use std::path::PathBuf;

use anyhow::Context as _;
use lockstep_config::{MigrationLayout, Project, Provider};
use lockstep_diagnostics::{Diagnostic, Sources};
use lockstep_sql::order::{Layout, order_migrations};
use lockstep_sql::replay::{MigrationFile, replay};
use lockstep_sql::schema::Schema;

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
    /// Tables (`None`) and columns the migrations dropped.
    pub dropped: Vec<(lockstep_sql::schema::QualifiedName, Option<String>)>,
    /// Tables the migrations change but never create.
    pub assumed: Vec<(lockstep_sql::schema::QualifiedName, lockstep_diagnostics::Span)>,
    /// Columns the migrations add to such tables.
    pub assumed_columns: Vec<(lockstep_sql::schema::QualifiedName, lockstep_sql::schema::Column)>,
    /// What the generated types file added to the replayed schema.
    pub from_types: Option<FromTypes>,
}

/// The generated `Database` type's part in a schema: the file, and what it knew that the
/// migrations did not.
pub struct FromTypes {
    pub file: lockstep_diagnostics::FileId,
    pub path: String,
    pub completed: lockstep_sql::schema::merge::Completed,
    /// Whether there were migrations (or a baseline) at all.
    pub had_migrations: bool,
}

/// The schema the app's own files describe: the baseline and the migrations replayed in order,
/// completed by the generated `Database` type where it knows more. `None` when the app has
/// none of these.
pub fn static_schema(project: &Project, sources: &mut Sources) -> anyhow::Result<Option<Replayed>> {
    let mut paths = baseline_paths(project)?;
    let migrations = migration_paths(project)?;
    let has_folder = migrations.is_some();
    paths.extend(migrations.unwrap_or_default());
    let types = crate::types_file::find(project);
    // An empty migrations folder still says "this database has nothing yet".
    if paths.is_empty() && types.is_none() && !has_folder {
        return Ok(None);
    }
    let had_migrations = !paths.is_empty();
    let mut replayed = replay_migrations(project, &paths, sources);
    if let Some(path) = types {
        match crate::types_file::read(project, &path, sources) {
            Ok(types) => {
                let provider = |schema: &str| is_provider_schema(project, schema);
                let gone = |table: &lockstep_sql::schema::QualifiedName, column: Option<&str>| {
                    replayed.dropped.iter().any(|(t, c)| t == table && c.as_deref() == column)
                        || replayed.renames.iter().any(|rename| match (rename, column) {
                            (lockstep_sql::replay::Rename::Table { from, .. }, None) => from == table,
                            (lockstep_sql::replay::Rename::Column { table: t, from, .. }, Some(c)) => {
                                t == table && from == c
                            }
                            _ => false,
                        })
                };
                let mut completed = replayed.schema.complete_with(&types.schema, &provider, &gone);
                // The columns the migrations added to tables they never created belong to the
                // table the types file describes.
                for (table, column) in &replayed.assumed_columns {
                    let Some(target) = replayed.schema.table_mut(table) else { continue };
                    if !target.columns.iter().any(|c| c.name == column.name) {
                        target.columns.push(column.clone());
                        completed.missing_there.push((table.clone(), column.name.clone()));
                    }
                }
                replayed.schema.sort();
                replayed.read.push(types.file);
                replayed.files += 1;
                replayed.from_types = Some(FromTypes { file: types.file, path: types.path, completed, had_migrations });
            }
            Err(problem) => {
                let shown = crate::load::display_path(&path, &project.root);
                let file = sources.add(shown.clone(), String::new());
                replayed.diagnostics.push(
                    Diagnostic::warning(UNREADABLE_TYPES, format!("`{shown}` {problem}; the schema was read without it"))
                        .at(lockstep_diagnostics::Span::new(file, 0, 0), "this file")
                        .help("point `[database] types` in lockstep.toml at the file `supabase gen types typescript` writes, or remove the key"),
                );
            }
        }
    }
    Ok(Some(replayed))
}

pub const UNREADABLE_TYPES: &str = "db/unreadable-types";

/// The baseline schema's `.sql` files (a file, or a folder's files by name), replayed before
/// the migrations.
fn baseline_paths(project: &Project) -> anyhow::Result<Vec<PathBuf>> {
    let Some(baseline) = &project.config.baseline else { return Ok(Vec::new()) };
    let path = project.root.join(baseline);
    if path.is_file() {
        return Ok(vec![path]);
    }
    if !path.is_dir() {
        anyhow::bail!("the baseline schema `{}` set in lockstep.toml does not exist", baseline.display());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&path)
        .with_context(|| format!("cannot read `{}`", path.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql") && p.is_file())
        .collect();
    files.sort();
    Ok(files)
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
    let mut ordered = order_migrations(layout, &names);
    if layout == Layout::Supabase {
        // `.sql` files without a version (`clean_schema_final.sql`, `schema.sql`) are skipped by
        // the Supabase CLI, but in the migrations folder they are dumps of the schema the
        // versioned files build on: replayed first, by name, as a baseline.
        let mut unversioned: Vec<String> = names
            .iter()
            .filter(|n| {
                std::path::Path::new(n.as_str()).extension().is_some_and(|e| e.eq_ignore_ascii_case("sql"))
                    && !ordered.contains(n)
                    && !n.to_ascii_lowercase().ends_with(".down.sql")
            })
            .cloned()
            .collect();
        unversioned.sort();
        unversioned.append(&mut ordered);
        ordered = unversioned;
    }
    Ok(Some(ordered.into_iter().map(|n| dir.join(n)).collect()))
}

/// Reads and replays the migrations. Unreadable files are reported and skipped; the rest is
/// still replayed.
pub fn replay_migrations(project: &Project, paths: &[PathBuf], sources: &mut Sources) -> Replayed {
    let (ids, mut diagnostics) =
        crate::load::read_all(&project.root, paths, crate::read::MIGRATION, sources, &|shown, message, span| {
            Diagnostic::error(UNREADABLE_MIGRATION, format!("`{shown}` {message}; it was not replayed"))
                .at(span, "this file")
                .help("migrations are UTF-8 text; convert the file, or move it out of the migrations folder")
        });
    let files: Vec<MigrationFile> =
        ids.iter().map(|&id| MigrationFile { file: id, text: sources.get(id).text() }).collect();
    let base = match project.config.provider {
        Provider::Supabase => lockstep_sql::supabase::prelude(),
        Provider::Postgres => Schema::default(),
    };
    let replayed = replay(base, &files);
    diagnostics.extend(replayed.diagnostics);
    Replayed {
        schema: replayed.schema,
        diagnostics,
        renames: replayed.renames,
        read: ids,
        files: paths.len(),
        dropped: replayed.dropped,
        assumed: replayed.assumed,
        assumed_columns: replayed.assumed_columns,
        from_types: None,
    }
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
