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
    /// Functions the migrations alter but never create.
    pub assumed_functions: Vec<(lockstep_sql::schema::QualifiedName, lockstep_diagnostics::Span)>,
    /// What SQL files outside the migrations added to the replayed schema.
    pub from_scripts: Option<FromScripts>,
    /// What the generated types file added to the replayed schema.
    pub from_types: Option<FromTypes>,
}

/// The part of SQL files outside the migrations (scripts run by hand) in a schema: the columns
/// they add to the migrations' tables are in it; the tables, views, functions and types they
/// create are known to exist (`completed`) but not described, so the code's uses of them are
/// not checked.
pub struct FromScripts {
    /// The first file that made something the migrations lack.
    pub file: lockstep_diagnostics::FileId,
    /// The files that did, as shown.
    pub paths: Vec<String>,
    pub completed: lockstep_sql::schema::merge::Completed,
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
    Ok(read_static(&crate::read::Disk, project, None, sources)?.map(|files| build_static(project, files, sources)))
}

/// The files of the app's static schema sources, read into the sources: all that building the
/// schema needs, so the build can run beside other work on the same sources.
pub struct StaticFiles {
    migrations: ReadMigrations,
    scripts: Vec<lockstep_diagnostics::FileId>,
    /// The generated types file, or the finding that says why it could not be read.
    types: Option<Result<lockstep_diagnostics::FileId, Box<Diagnostic>>>,
    had_migrations: bool,
}

/// Reads the baseline, the migrations, the SQL run by hand and the types file; `None` when the
/// app has none of these. `walked`: the project's source files, when they were just listed
/// (else the search for a types file among them lists them again).
pub fn read_static(
    from: &dyn crate::read::Files,
    project: &Project,
    walked: Option<&[&std::path::Path]>,
    sources: &mut Sources,
) -> anyhow::Result<Option<StaticFiles>> {
    let mut paths = baseline_paths_in(from, project)?;
    let migrations = migration_paths_in(from, project)?;
    let has_folder = migrations.is_some();
    paths.extend(migrations.unwrap_or_default());
    let types = crate::types_file::find(from, project, walked);
    // An empty migrations folder still says "this database has nothing yet".
    if paths.is_empty() && types.is_none() && !has_folder {
        return Ok(None);
    }
    let had_migrations = !paths.is_empty();
    let migrations = read_migrations(from, project, &paths, sources);
    let script_paths = crate::scripts::script_paths(project, &paths);
    // A script that cannot be read is left out: scripts are a hint, not a source the user
    // pointed lockstep at.
    let (scripts, _) = crate::load::read_all(
        from,
        &project.root,
        &script_paths,
        crate::read::MIGRATION,
        sources,
        &|_, message, span| Diagnostic::info(UNREADABLE_MIGRATION, message.to_owned()).at(span, "this file"),
    );
    let types = types.map(|path| {
        crate::types_file::read_file(from, project, &path, sources).map_err(|problem| {
            let shown = crate::load::display_path(&path, &project.root);
            let file = sources.set(shown.clone(), String::new());
            unreadable_types(&shown, &problem, file)
        })
    });
    Ok(Some(StaticFiles { migrations, scripts, types, had_migrations }))
}

fn unreadable_types(shown: &str, problem: &str, file: lockstep_diagnostics::FileId) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::warning(UNREADABLE_TYPES, format!("`{shown}` {problem}; the schema was read without it"))
            .at(lockstep_diagnostics::Span::new(file, 0, 0), "this file")
            .help("point `[database] types` in lockstep.toml at the file `supabase gen types typescript` writes, or remove the key"),
    )
}

/// Builds the schema from files [`read_static`] read. Reads nothing.
pub fn build_static(project: &Project, files: StaticFiles, sources: &Sources) -> Replayed {
    let StaticFiles { migrations, scripts, types, had_migrations } = files;
    let mut replayed = replay_read(project, migrations, sources);
    if !scripts.is_empty() {
        complete_with_scripts(project, &mut replayed, &scripts, sources);
    }
    match types.map(|read| {
        read.and_then(|file| {
            crate::types_file::parse(file, sources).map_err(|problem| {
                let shown = sources.get(file).path().to_owned();
                unreadable_types(&shown, &problem, file)
            })
        })
    }) {
        Some(Ok(types)) => {
            let provider = |schema: &str| is_provider_schema(project, schema);
            let (dropped, renames) = (&replayed.dropped, &replayed.renames);
            let mut completed = replayed
                .schema
                .complete_with(&types.schema, &provider, &|table, column| gone(dropped, renames, table, column));
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
        Some(Err(problem)) => replayed.diagnostics.push(*problem),
        None => {}
    }
    replayed
}

pub const UNREADABLE_TYPES: &str = "db/unreadable-types";

/// Whether the migrations removed a table (`column` `None`) or a column: dropped, or renamed
/// away. Another source that still lists it is out of date, not a completion.
fn gone(
    dropped: &[(lockstep_sql::schema::QualifiedName, Option<String>)],
    renames: &[lockstep_sql::replay::Rename],
    table: &lockstep_sql::schema::QualifiedName,
    column: Option<&str>,
) -> bool {
    use lockstep_sql::replay::Rename;
    dropped.iter().any(|(t, c)| t == table && c.as_deref() == column)
        || renames.iter().any(|rename| match (rename, column) {
            (Rename::Table { from, .. }, None) => from == table,
            (Rename::Column { table: t, from, .. }, Some(c)) => t == table && from == c,
            _ => false,
        })
}

/// Replays the SQL files outside the migrations after them, and takes what they create that the
/// migrations lack. They are not migrations: what Postgres would refuse in them is not a
/// conflict, and what they drop stays.
fn complete_with_scripts(
    project: &Project,
    replayed: &mut Replayed,
    ids: &[lockstep_diagnostics::FileId],
    sources: &Sources,
) {
    let files: Vec<MigrationFile> =
        ids.iter().map(|&id| MigrationFile { file: id, text: sources.get(id).text() }).collect();
    let after = replay(replayed.schema.clone(), &files);
    let provider = |schema: &str| is_provider_schema(project, schema);
    let (dropped, renames) = (&replayed.dropped, &replayed.renames);
    // Judged on a copy: scripts are a partial view (a table made by a script was often changed
    // in the dashboard afterwards), so what they create is known to exist but not described,
    // and only the columns they add to the migrations' tables join the schema.
    let mut scratch = replayed.schema.clone();
    let completed =
        scratch.complete_with(&after.schema, &provider, &|table, column| gone(dropped, renames, table, column));
    for (table, column) in &completed.columns {
        let Some(added) = scratch.table(table).and_then(|t| t.columns.iter().find(|c| c.name == *column)).cloned()
        else {
            continue;
        };
        if let Some(target) = replayed.schema.table_mut(table) {
            target.columns.push(added);
        }
    }
    // What the scripts use without creating was made elsewhere too.
    for (table, span) in after.assumed {
        let known = replayed.schema.table(&table).is_some() || replayed.schema.view(&table).is_some();
        if !known && !replayed.assumed.iter().any(|(t, _)| *t == table) {
            replayed.assumed.push((table, span));
        }
    }
    for (function, span) in after.assumed_functions {
        let known = replayed.schema.functions.iter().any(|f| f.name == function);
        if !known && !replayed.assumed_functions.iter().any(|(f, _)| *f == function) {
            replayed.assumed_functions.push((function, span));
        }
    }
    replayed.read.extend(ids);
    replayed.files += ids.len();
    if completed.is_empty() {
        return;
    }
    // The files that made what was taken, for the message.
    let origins =
        completed
            .relations
            .iter()
            .filter_map(|name| {
                scratch.table(name).and_then(|t| t.origin).or_else(|| scratch.view(name).and_then(|v| v.origin))
            })
            .chain(
                completed
                    .functions
                    .iter()
                    .filter_map(|name| scratch.functions.iter().find(|f| f.name == *name).and_then(|f| f.origin)),
            )
            .chain(completed.columns.iter().filter_map(|(table, column)| {
                scratch.table(table)?.columns.iter().find(|c| c.name == *column)?.origin
            }));
    let mut files: Vec<lockstep_diagnostics::FileId> = Vec::new();
    for span in origins {
        if !files.contains(&span.file) {
            files.push(span.file);
        }
    }
    files.sort();
    let Some(&file) = files.first().or(ids.first()) else { return };
    let paths = files.iter().map(|&id| sources.get(id).path().to_owned()).collect();
    replayed.from_scripts = Some(FromScripts { file, paths, completed });
}

/// The baseline schema's `.sql` files (a file, or a folder's files by name), replayed before
/// the migrations.
pub fn baseline_paths(project: &Project) -> anyhow::Result<Vec<PathBuf>> {
    baseline_paths_in(&crate::read::Disk, project)
}

/// [`baseline_paths`], listed through `from`.
pub fn baseline_paths_in(from: &dyn crate::read::Files, project: &Project) -> anyhow::Result<Vec<PathBuf>> {
    let Some(baseline) = &project.config.baseline else { return Ok(Vec::new()) };
    let path = project.root.join(baseline);
    if from.is_file(&path) {
        return Ok(vec![path]);
    }
    if !from.is_dir(&path) {
        anyhow::bail!("the baseline schema `{}` set in lockstep.toml does not exist", baseline.display());
    }
    let mut files: Vec<PathBuf> = from
        .list(&path)
        .with_context(|| format!("cannot read `{}`", path.display()))?
        .into_iter()
        .map(|entry| entry.path)
        .filter(|p| p.extension().is_some_and(|e| e == "sql") && from.is_file(p))
        .collect();
    files.sort();
    Ok(files)
}

/// The migration files of the project in the order they apply, or `None` when the project
/// has no migrations folder.
pub fn migration_paths(project: &Project) -> anyhow::Result<Option<Vec<PathBuf>>> {
    migration_paths_in(&crate::read::Disk, project)
}

/// [`migration_paths`], listed through `from`.
pub fn migration_paths_in(from: &dyn crate::read::Files, project: &Project) -> anyhow::Result<Option<Vec<PathBuf>>> {
    let Some(folder) = &project.config.migrations else { return Ok(None) };
    let dir = project.root.join(folder);
    if !from.is_dir(&dir) {
        if project.migrations_span.is_some() {
            anyhow::bail!("the migrations folder `{}` set in lockstep.toml does not exist", folder.display());
        }
        return Ok(None);
    }
    let mut names = Vec::new();
    for entry in from.list(&dir).with_context(|| format!("cannot read `{}`", dir.display()))? {
        let name = entry.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // Prisma keeps each migration as `<name>/migration.sql`.
        if entry.is_dir && from.is_file(&entry.path.join("migration.sql")) {
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
        let versioned: std::collections::HashSet<&str> = ordered.iter().map(String::as_str).collect();
        let mut unversioned: Vec<String> = names
            .iter()
            .filter(|n| {
                std::path::Path::new(n.as_str()).extension().is_some_and(|e| e.eq_ignore_ascii_case("sql"))
                    && !versioned.contains(n.as_str())
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

/// Migration files read into the sources, with what could not be read.
pub struct ReadMigrations {
    ids: Vec<lockstep_diagnostics::FileId>,
    diagnostics: Vec<Diagnostic>,
    files: usize,
}

impl ReadMigrations {
    /// The files read, and what could not be read.
    pub fn into_parts(self) -> (Vec<lockstep_diagnostics::FileId>, Vec<Diagnostic>) {
        (self.ids, self.diagnostics)
    }
}

pub fn read_migrations(
    from: &dyn crate::read::Files,
    project: &Project,
    paths: &[PathBuf],
    sources: &mut Sources,
) -> ReadMigrations {
    let (ids, diagnostics) =
        crate::load::read_all(from, &project.root, paths, crate::read::MIGRATION, sources, &|shown, message, span| {
            Diagnostic::error(UNREADABLE_MIGRATION, format!("`{shown}` {message}; it was not replayed"))
                .at(span, "this file")
                .help("migrations are UTF-8 text; convert the file, or move it out of the migrations folder")
        });
    ReadMigrations { ids, diagnostics, files: paths.len() }
}

/// Replays migrations already read. Reads nothing.
pub fn replay_read(project: &Project, read: ReadMigrations, sources: &Sources) -> Replayed {
    let ReadMigrations { ids, mut diagnostics, files } = read;
    let inputs: Vec<MigrationFile> =
        ids.iter().map(|&id| MigrationFile { file: id, text: sources.get(id).text() }).collect();
    let base = match project.config.provider {
        Provider::Supabase => lockstep_sql::supabase::prelude(),
        Provider::Postgres => Schema::default(),
    };
    let replayed = replay(base, &inputs);
    diagnostics.extend(replayed.diagnostics);
    Replayed {
        schema: replayed.schema,
        diagnostics,
        renames: replayed.renames,
        read: ids,
        files,
        dropped: replayed.dropped,
        assumed: replayed.assumed,
        assumed_columns: replayed.assumed_columns,
        assumed_functions: replayed.assumed_functions,
        from_scripts: None,
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
