//! What a check is asked for and what it found: the layers, the options, the progress it
//! reports, and the layers that read the source code, the env files and the migrations.

use std::path::PathBuf;
use std::time::Duration;

use lockstep_config::Project;
use lockstep_contract::model::Contract;
use lockstep_diagnostics::{Diagnostic, FileId, Sources};
use lockstep_ts::facts::FileFacts;

use crate::database;
use crate::sources::Analyzed;

/// The layers of a check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Layer {
    /// Migrations or a live database against the contract.
    Db,
    /// supabase-js and HTTP calls in the source code.
    Ui,
    /// Route handlers (Next.js app and pages routers, Express, Hono, Fastify, Koa, Supabase Edge
    /// Functions) and webhooks against the contract's endpoints.
    Api,
    /// Env files and the variables the code reads.
    Env,
    /// Migrations not yet applied, linted for hazards and for what they break in the code
    /// (`migrate/` rules).
    Migrations,
}

/// What a check runs.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// The layers to run; all when empty.
    pub only: Vec<Layer>,
    /// A live database to check instead of the migrations (a URL, or `""` for the configured
    /// one).
    pub db: Option<String>,
    /// With `db`: compare the live database with the migrations too.
    pub migrations: bool,
    /// Lint every migration, not only those not yet applied.
    pub all_migrations: bool,
    /// Keep the `info` findings.
    pub verbose: bool,
}

impl CheckOptions {
    pub fn runs(&self, layer: Layer) -> bool {
        self.only.is_empty() || self.only.contains(&layer)
    }
}

/// Where a check says how it goes (stderr in the CLI; nowhere in the MCP server).
pub trait Progress {
    /// What only `--verbose` shows.
    fn detail(&self, message: &str);
    /// What is always shown: a layer that could not run, a file that changed meanwhile.
    fn status(&self, message: &str);
    /// `text` painted as an error label, where colour is on.
    fn paint_error(&self, text: &str) -> String {
        text.to_owned()
    }
}

/// Progress said nowhere.
pub struct Quiet;

impl Progress for Quiet {
    fn detail(&self, _: &str) {}
    fn status(&self, _: &str) {}
}

/// A layer that could not run (an unreachable database, an unreadable folder).
#[derive(Clone, Debug)]
pub struct Failure {
    /// `db`, `migrations` or `code` (the source code layers: ui, env, api).
    pub layer: &'static str,
    pub message: String,
}

/// What a check found, before it is rendered. The files it points into are in the workspace's
/// sources.
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    pub failures: Vec<Failure>,
    /// How many files were read.
    pub files: usize,
    pub elapsed: Duration,
}

/// One source file of the app and what its analysis made of it (or why it could not be read).
pub struct CodeFile {
    pub id: FileId,
    pub path: PathBuf,
    pub analyzed: Result<Box<Analyzed>, String>,
    /// The UI and env findings of the file, kept while neither it nor what the other files
    /// tell the rules (routes, renames, undescribed tables) changes.
    pub findings: Option<Vec<Diagnostic>>,
}

impl CodeFile {
    /// A file still to analyse.
    pub fn unread(id: FileId, path: PathBuf) -> CodeFile {
        CodeFile { id, path, analyzed: Err(String::new()), findings: None }
    }

    pub fn is_unread(&self) -> bool {
        matches!(&self.analyzed, Err(message) if message.is_empty())
    }
}

/// Which layers read the source code.
#[derive(Clone, Copy)]
pub struct CodeLayers {
    pub ui: bool,
    pub env: bool,
    pub api: bool,
}

/// What the database layer tells the code layers.
#[derive(Clone, Default)]
pub struct FromDatabase {
    pub renames: Vec<lockstep_sql::replay::Rename>,
    /// Tables, functions and buckets the migrations use but never create: uses of them are not
    /// checked.
    pub undescribed: lockstep_check::ui::Undescribed,
}

/// The source code serves three layers: supabase-js and HTTP calls (ui), env reads (env) and
/// route handlers (api). Each file was parsed once, for all three. A file's own findings are
/// kept in it (`CodeFile::findings`); `context_key` is what they were derived under, and they
/// are derived again when it changes.
pub fn code_layers(
    contract: &Contract,
    database: &FromDatabase,
    files: &mut [CodeFile],
    context_key: &mut u64,
    sources: &Sources,
    layers: CodeLayers,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    let analyzed: Vec<(FileId, &Analyzed)> =
        files.iter().filter_map(|file| file.analyzed.as_ref().ok().map(|a| (file.id, &**a))).collect();
    // The route handlers serve the API layer, and tell the UI layer which paths answer every
    // method and which route files could not be read.
    let unparsed_routes: Vec<String> = analyzed
        .iter()
        .filter(|(_, a)| a.facts.parse_error.is_some())
        .filter_map(|(id, _)| lockstep_ts::routes::file_route_path(sources.get(*id).path()))
        .collect();
    let routes: Vec<(String, lockstep_ts::routes::RouteFile)> = analyzed
        .iter()
        .filter(|(_, a)| a.serves())
        .map(|(id, a)| (sources.get(*id).path().to_owned(), a.routes.clone()))
        .collect();
    let handlers = crate::mounts::mounted_handlers(routes);
    let any_method_routes = any_method_routes(&handlers);
    let open_status_routes: Vec<(String, String)> =
        handlers.iter().filter(|h| h.unknown_status).map(|h| (h.method.name.clone(), h.path.clone())).collect();
    let mut undescribed = database.undescribed.clone();
    if layers.ui {
        let all: Vec<&FileFacts> = analyzed.iter().map(|(_, a)| &a.facts).collect();
        if let Some((finding, tables)) = lockstep_check::db::undescribed_queried_tables(contract, &all) {
            findings.push(finding);
            undescribed.tables.extend(tables);
        }
        if let Some((finding, buckets)) = lockstep_check::db::undescribed_buckets(contract, &all) {
            findings.push(finding);
            undescribed.buckets.extend(buckets);
        }
    }
    let renames = lockstep_check::ui::Renames::new(&database.renames);
    let context = lockstep_check::ui::UiContext {
        renames: &renames,
        undescribed: &undescribed,
        any_method_routes: &any_method_routes,
        open_status_routes: &open_status_routes,
        unparsed_routes: &unparsed_routes,
    };
    let key = {
        let mut hasher = std::hash::DefaultHasher::new();
        let what = (&undescribed, &database.renames, &any_method_routes, &open_status_routes, &unparsed_routes);
        std::hash::Hash::hash(&format!("{what:?}{}{}", layers.ui, layers.env), &mut hasher);
        std::hash::Hasher::finish(&hasher)
    };
    drop(analyzed);
    let same_context = *context_key == key;
    *context_key = key;
    for file in files.iter_mut() {
        let Ok(analyzed) = &file.analyzed else { continue };
        if !same_context {
            file.findings = None;
        }
        let own = file.findings.get_or_insert_with(|| {
            let mut own = Vec::new();
            if layers.ui {
                own.extend(lockstep_check::ui::check_ui_with_reads(
                    contract,
                    &analyzed.facts,
                    &context,
                    analyzed.read_findings.clone(),
                ));
            }
            if layers.env {
                own.extend(lockstep_check::env::check_env_reads(contract, &analyzed.facts));
            }
            own
        });
        findings.extend(own.iter().cloned());
    }
    if layers.api {
        findings.extend(lockstep_check::api::check_routes(contract, &handlers, &unparsed_routes));
    }
    findings
}

/// The paths whose handlers check no method: only an `ANY` handler (and perhaps a CORS
/// `OPTIONS` one) serves them.
fn any_method_routes(handlers: &[lockstep_ts::routes::RouteHandler]) -> Vec<String> {
    use lockstep_ts::routes::ANY_METHOD;
    let mut paths: Vec<String> = Vec::new();
    for handler in handlers.iter().filter(|h| h.method.name == ANY_METHOD) {
        let checks_a_method = handlers
            .iter()
            .any(|h| h.path == handler.path && h.method.name != ANY_METHOD && h.method.name != "OPTIONS");
        if !checks_a_method && !paths.contains(&handler.path) {
            paths.push(handler.path.clone());
        }
    }
    paths
}

/// The env layer: each environment's env files against the contract. Returns the findings and
/// how many files it read.
pub fn env_layer(
    from: &dyn crate::read::Files,
    project: &Project,
    contract: &Contract,
    sources: &mut Sources,
) -> (Vec<Diagnostic>, usize) {
    let (read, unreadable) = crate::env_files::read_env_files(from, project, contract, sources);
    let facts: Vec<lockstep_check::env::EnvFileFacts> = read.iter().map(crate::env_files::ReadEnvFile::facts).collect();
    let mut findings = unreadable;
    findings.extend(lockstep_check::env::check_env_files(contract, &facts));
    let count = read.len() + findings.iter().filter(|d| d.code == crate::env_files::UNREADABLE_ENV_FILE).count();
    (findings, count)
}

/// Which migrations the migrations layer lints: those not yet applied (or all), and those the
/// default branch had that were edited since.
pub struct MigrationsToLint {
    pub pending: Vec<PathBuf>,
    pub edited: Vec<PathBuf>,
}

/// Decides which migrations are new: those missing from a live database's history, or those
/// added since the merge base with the default branch (`--all-migrations`: every one).
pub fn migrations_to_lint(
    from: &dyn crate::read::Files,
    progress: &dyn Progress,
    project: &Project,
    options: &CheckOptions,
) -> anyhow::Result<MigrationsToLint> {
    let Some(paths) = database::migration_paths_in(from, project)? else {
        return Ok(MigrationsToLint { pending: Vec::new(), edited: Vec::new() });
    };
    let mut edited = Vec::new();
    let pending = if options.all_migrations {
        paths
    } else if let Some(given) = &options.db {
        let url = database::database_url(project, given)?;
        match lockstep_pg::applied_migrations(&url).map_err(|err| anyhow::anyhow!("{err}"))? {
            Some(applied) => crate::migration_lint::missing_from_history(project, &paths, &applied),
            // No history table: nothing was applied by a migration tool.
            None => paths,
        }
    } else {
        match crate::migration_lint::branch_changes(&project.root, &paths) {
            Ok(changes) => {
                edited = changes.edited;
                changes.added
            }
            Err(why) => {
                progress.detail(&format!(
                    "migrations: {why}; none is known to be new (`--all-migrations` lints every one)"
                ));
                Vec::new()
            }
        }
    };
    progress.detail(&format!("migrations: {} not yet applied, linted", pending.len()));
    Ok(MigrationsToLint { pending, edited })
}

/// The migrations layer: the migrations to lint, linted against the code, and the edited ones
/// named. The files are those the database layer read when it did (found by path), so a
/// suppression in one is counted once.
pub fn migrations_layer(
    from: &dyn crate::read::Files,
    project: &Project,
    which: &MigrationsToLint,
    sources: &mut Sources,
    code: Vec<&FileFacts>,
) -> anyhow::Result<Vec<Diagnostic>> {
    if which.pending.is_empty() && which.edited.is_empty() {
        return Ok(Vec::new());
    }
    let (edited_ids, mut findings) = find_or_read(from, project, &which.edited, sources);
    // Pointed at by its first line.
    let first_line = |text: &str| u32::try_from(text.find('\n').unwrap_or(text.len())).unwrap_or(0);
    let edited: Vec<_> = edited_ids.iter().map(|&id| (id, first_line(sources.get(id).text()))).collect();
    findings.extend(lockstep_check::migrations::edited_migrations(&edited));
    let (ids, unreadable) = find_or_read(from, project, &which.pending, sources);
    findings.extend(unreadable);
    let schema = crate::migration_lint::final_schema(from, project, &ids, sources)?;
    let code = crate::migration_lint::Code { facts: code, schema };
    findings.extend(crate::migration_lint::lint(&ids, sources, Some(&code)));
    Ok(findings)
}

/// The files at `paths`: those already read (by the database layer) found by path, the others
/// read now.
fn find_or_read(
    from: &dyn crate::read::Files,
    project: &Project,
    paths: &[PathBuf],
    sources: &mut Sources,
) -> (Vec<FileId>, Vec<Diagnostic>) {
    let mut ids = Vec::new();
    let mut unread = Vec::new();
    for path in paths {
        let shown = crate::load::display_path(path, &project.root);
        match sources.find(&shown).filter(|&id| sources.get(id).is_held()) {
            Some(id) => ids.push(id),
            None => unread.push(path.clone()),
        }
    }
    let (more, problems) = database::read_migrations(from, project, &unread, sources).into_parts();
    ids.extend(more);
    (ids, problems)
}
