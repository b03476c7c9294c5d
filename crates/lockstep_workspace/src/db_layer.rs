//! The database layer: the migrations (or a live database, or the generated types and SQL
//! scripts) against the contract lowered to a schema. Its files are read first, on the thread
//! that owns the sources; it is then built from them beside the parsing of the code.

use lockstep_check::db::{Source, check_database, check_drift};
use lockstep_config::Project;
use lockstep_contract::model::Contract;
use lockstep_diagnostics::{Diagnostic, Sources};

use crate::check::CheckOptions;
use crate::database;

/// What the database layer found, how many files it read, and the renames the migrations made
/// (for the UI layer's hints).
pub struct DatabaseLayer {
    pub findings: Vec<Diagnostic>,
    pub read: usize,
    pub renames: Vec<lockstep_sql::replay::Rename>,
    /// Tables the migrations use but never create: queries of them are not checked.
    pub undescribed: lockstep_check::ui::Undescribed,
}

/// The database layer's files, read: a live database to introspect (with the migrations to
/// compare it with, under `--migrations`), or the static schema sources.
pub enum DatabaseFiles {
    Live { url: String, migrations: Option<database::ReadMigrations> },
    Static(database::StaticFiles),
}

pub fn read_database(
    from: &dyn crate::read::Files,
    project: &Project,
    options: &CheckOptions,
    walked: Option<&[&std::path::Path]>,
    sources: &mut Sources,
) -> anyhow::Result<Option<DatabaseFiles>> {
    if let Some(given) = &options.db {
        let url = database::database_url(project, given)?;
        let migrations = if options.migrations {
            let paths = database::migration_paths(project)?
                .ok_or_else(|| anyhow::anyhow!("`--migrations` needs a migrations folder, and the project has none"))?;
            Some(database::read_migrations(from, project, &paths, sources))
        } else {
            None
        };
        return Ok(Some(DatabaseFiles::Live { url, migrations }));
    }
    Ok(database::read_static(from, project, walked, sources)?.map(DatabaseFiles::Static))
}

/// Builds and checks the database layer from files already read. Reads nothing.
pub fn build_database(
    project: &Project,
    contract: &Contract,
    files: DatabaseFiles,
    sources: &Sources,
) -> anyhow::Result<DatabaseLayer> {
    let include = |schema: &str| !database::is_provider_schema(project, schema);
    let provider = |schema: &str| database::is_provider_schema(project, schema);
    // What the contract means in database terms: the side every db rule compares with.
    let expected = lockstep_db::lower::lower_schema(contract);
    let files = match files {
        DatabaseFiles::Live { url, migrations } => {
            let live = database::introspect(&url)?;
            let mut findings = check_database(contract, expected, &live, Source::LiveDatabase, &provider);
            let mut layer = DatabaseLayer {
                findings: Vec::new(),
                read: 0,
                renames: Vec::new(),
                undescribed: lockstep_check::ui::Undescribed::default(),
            };
            if let Some(read) = migrations {
                let replayed = database::replay_read(project, read, sources);
                findings.extend(replayed.diagnostics);
                findings.extend(check_drift(&live, &replayed.schema, &include));
                layer.read = replayed.files;
                layer.renames = replayed.renames;
            }
            layer.findings = findings;
            return Ok(layer);
        }
        DatabaseFiles::Static(files) => files,
    };
    let replayed = database::build_static(project, files, sources);
    let mut findings = replayed.diagnostics;
    findings.extend(lockstep_check::db::check_schema_sources(&lockstep_check::db::SchemaSources {
        types: replayed.from_types.as_ref().map(|types| lockstep_check::db::TypesSource {
            file: types.file,
            path: &types.path,
            completed: &types.completed,
            had_migrations: types.had_migrations,
        }),
        assumed: &replayed.assumed,
        assumed_functions: &replayed.assumed_functions,
        scripts: replayed.from_scripts.as_ref().map(|scripts| lockstep_check::db::ScriptsSource {
            file: scripts.file,
            paths: &scripts.paths,
            completed: &scripts.completed,
        }),
    }));
    let mut undescribed = lockstep_check::ui::Undescribed {
        tables: replayed.assumed.iter().map(|(name, _)| name.clone()).collect(),
        functions: replayed.assumed_functions.iter().map(|(name, _)| name.clone()).collect(),
        buckets: Vec::new(),
    };
    if let Some(scripts) = &replayed.from_scripts {
        undescribed.tables.extend(scripts.completed.relations.iter().cloned());
        undescribed.functions.extend(scripts.completed.functions.iter().cloned());
    }
    findings.extend(check_database(contract, expected, &replayed.schema, Source::Migrations, &provider));
    Ok(DatabaseLayer { findings, read: replayed.files, renames: replayed.renames, undescribed })
}
