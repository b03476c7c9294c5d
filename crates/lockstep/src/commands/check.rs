//! `lockstep check`: every layer against the contract, findings at their file and line.
//!
//! Layers run independently: one that cannot run (an unreachable database) is reported, the
//! others still run, and the exit code is then 2.

use std::time::Instant;

use lockstep_check::db::{Source, check_database, check_drift};
use lockstep_config::Project;
use lockstep_contract::model::Contract;
use lockstep_diagnostics::{Diagnostic, Severity, Sources};

use crate::ExitStatus;
use crate::cli::{CheckArgs, Deny, GlobalArgs, Layer};
use crate::database;
use crate::load;
use crate::printer::Printer;
use crate::report::{Failure, Report};

pub fn run(printer: &Printer, global: &GlobalArgs, args: &CheckArgs) -> anyhow::Result<ExitStatus> {
    let checked = collect(printer, args)?;
    let layer_failed = !checked.failures.is_empty();
    let mut report = Report::new(&checked.sources, checked.diagnostics, checked.files, checked.started.elapsed());
    report.failures = checked.failures;
    printer.out(&report.render(global.format, printer.color_stdout))?;
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    Ok(if layer_failed {
        ExitStatus::Error
    } else if errors > 0 || (args.deny == Some(Deny::Warnings) && warnings > 0) {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    })
}

/// What a check found, before it is rendered: `lockstep check` prints it, `lockstep context`
/// looks one finding up in it.
pub(crate) struct Checked {
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
    pub failures: Vec<Failure>,
    pub files: usize,
    pub started: Instant,
}

/// Runs every layer `args` asks for; nothing is printed but progress.
pub(crate) fn collect(printer: &Printer, args: &CheckArgs) -> anyhow::Result<Checked> {
    let started = Instant::now();
    let mut sources = Sources::new();
    let project = load::project(args.path.as_deref(), &mut sources, printer.color_stderr)?;
    printer.detail(&format!("project root: {}", project.root.display()));
    let paths = load::contract_paths(&project, &sources, printer.color_stderr)?;
    let root = crate::read::canonical_root(&project.root);
    let loaded = load::contract(&paths, &project.root, crate::read::Within::Root(&root), &mut sources)?;
    let mut files = loaded.files.len();
    let mut diagnostics = loaded.diagnostics;
    let contract_is_sound = !diagnostics.iter().any(|d| d.severity == Severity::Error);
    let mut failures = Vec::new();
    // The source files whose texts were let go after analysis (see `crate::sources`).
    let mut released = Vec::new();

    let runs = |layer: Layer| args.only.is_empty() || args.only.contains(&layer);
    if let (Some(contract), true) = (&loaded.contract, contract_is_sound) {
        // Reading needs the sources mutably; building the database layer and parsing the code
        // need them only to read. So every file is read first, then the two run side by side.
        let database_files = if runs(Layer::Db) { read_database(&project, args, &mut sources) } else { Ok(None) };
        let layers = CodeLayers { ui: runs(Layer::Ui), env: runs(Layer::Env), api: runs(Layer::Api) };
        // The migrations layer reads the code too, for what a migration breaks in it.
        let code_files = (layers.ui || layers.env || layers.api || runs(Layer::Migrations))
            .then(|| read_code(&project, &mut sources))
            .transpose();
        let parses_before = lockstep_ts::parse_count();
        let (database, extracted) = side_by_side(&project, contract, database_files, code_files, layers.ui, &sources);
        let extracted = extracted.map(|read| {
            read.map(|AnalyzedCode { analyzed, problems, count }| {
                for (id, text) in analyzed.held {
                    sources.hold(id, text);
                }
                released = analyzed.released;
                (analyzed.extracted, problems, count)
            })
        });
        let mut renames = Vec::new();
        let mut undescribed = lockstep_check::ui::Undescribed::default();
        match database {
            Ok(Some(layer)) => {
                diagnostics.extend(layer.findings);
                files += layer.read;
                renames = layer.renames;
                undescribed = layer.undescribed;
            }
            Ok(None) => printer.detail("database: no migrations folder and no --db; skipped"),
            Err(err) => {
                let shown = lockstep_diagnostics::escape_controls(&format!("{err:#}")).into_owned();
                printer.status(&format!("{}: the database layer could not run: {shown}", printer.paint_error("error")));
                failures.push(Failure { layer: "db", message: format!("{err:#}") });
            }
        }
        // With `--db`, a database the db layer could not read is said once.
        if runs(Layer::Migrations) && !(args.database.db.is_some() && failures.iter().any(|f| f.layer == "db")) {
            let code = extracted.as_ref().ok().and_then(Option::as_ref).map(|(extracted, _, _)| extracted);
            let layer = migrations_layer(printer, &project, args, &mut sources, code);
            record(printer, layer, "migrations", &mut diagnostics, &mut failures);
        }
        if args.only.is_empty() {
            files += super::generate::stale_findings(&project, contract, &loaded.files, &mut sources, &mut diagnostics);
        }
        if runs(Layer::Env) {
            let (findings, read) = env_layer(&project, contract, &mut sources);
            diagnostics.extend(findings);
            files += read;
        }
        let ui = match extracted {
            Ok(Some((extracted, problems, count))) => {
                Ok(code_layers(contract, &renames, &undescribed, extracted, problems, count, &sources, layers))
            }
            Ok(None) => Ok((Vec::new(), 0)),
            Err(err) => Err(err),
        };
        match ui {
            Ok((findings, read)) => {
                diagnostics.extend(findings);
                files += read;
                // Each source file is parsed once, for every code layer; a test holds it there.
                let parses = lockstep_ts::parse_count() - parses_before;
                printer.detail(&format!("source code: {read} files read, {parses} parsed"));
            }
            Err(err) => {
                let shown = lockstep_diagnostics::escape_controls(&format!("{err:#}")).into_owned();
                printer.status(&format!("{}: the code layers could not run: {shown}", printer.paint_error("error")));
                failures.push(Failure { layer: "code", message: format!("{err:#}") });
            }
        }
    } else {
        printer.detail("the contract has errors: the other layers were not checked");
    }

    let diagnostics = lockstep_check::db::merge_incomplete_sources(diagnostics);
    let mut diagnostics = crate::suppress::apply(&sources, diagnostics);
    if !printer.is_verbose() {
        diagnostics.retain(|d| d.severity != Severity::Info);
    }
    for path in crate::sources::hold_shown(&project.root, &released, &diagnostics, &mut sources) {
        let shown = lockstep_diagnostics::escape_controls(&path).into_owned();
        printer.status(&format!(
            "warning: `{shown}` changed while it was checked; its findings may point at the wrong lines"
        ));
    }
    lockstep_diagnostics::sort_diagnostics(&mut diagnostics, &sources);
    Ok(Checked { sources, diagnostics, failures, files, started })
}

/// Builds the database layer and analyses the source code side by side, from files read (or
/// registered) beforehand. The database layer is one task that cannot be split, and on few
/// cores the longest: sharing a core with the parse workers would make it finish last. So it
/// gets a core of its own (one parse worker fewer than cores runs beside it), and this thread
/// joins the workers once it is done.
fn side_by_side(
    project: &Project,
    contract: &Contract,
    database_files: anyhow::Result<Option<DatabaseFiles>>,
    code_files: anyhow::Result<Option<ReadCode>>,
    ui: bool,
    sources: &Sources,
) -> (anyhow::Result<Option<DatabaseLayer>>, anyhow::Result<Option<AnalyzedCode>>) {
    // Reads are checked in the workers only when the UI layer runs.
    let analysis = match &code_files {
        Ok(Some(read)) => {
            Some(crate::sources::Analysis::new(&project.root, &read.unread, ui.then_some(contract), sources))
        }
        _ => None,
    };
    let database = std::thread::scope(|scope| {
        if let Some(analysis) = &analysis {
            for _ in 1..analysis.threads() {
                std::thread::Builder::new()
                    .stack_size(crate::sources::WORKER_STACK)
                    .spawn_scoped(scope, || analysis.work())
                    .expect("spawn a parsing thread");
            }
        }
        // This thread resolved the contract: the allocator hands the database layer the
        // memory the contract's syntax trees left free. It has the command's large stack, so
        // it can parse too once the database layer is built.
        let database = match database_files {
            Ok(Some(files)) => build_database(project, contract, files, sources).map(Some),
            Ok(None) => Ok(None),
            Err(err) => Err(err),
        };
        if let Some(analysis) = &analysis {
            analysis.work();
        }
        database
    });
    let analyzed = analysis.map(crate::sources::Analysis::finish);
    let code = code_files.map(|read| {
        read.map(|read| AnalyzedCode {
            analyzed: analyzed.expect("the files registered were analysed"),
            problems: read.problems,
            count: read.count,
        })
    });
    (database, code)
}

/// The source code, analysed, with what is wrong with the configured folders and the number
/// of files.
struct AnalyzedCode {
    analyzed: crate::sources::Analyzed,
    problems: Vec<Diagnostic>,
    count: usize,
}

/// Which layers read the source code.
#[derive(Clone, Copy)]
struct CodeLayers {
    ui: bool,
    env: bool,
    api: bool,
}

/// The source code serves three layers: supabase-js and HTTP calls (ui), env reads (env) and
/// route handlers (api). It is read once.
#[expect(clippy::too_many_arguments, reason = "what the other layers tell the code layers, one argument each")]
fn code_layers(
    contract: &Contract,
    renames: &[lockstep_sql::replay::Rename],
    undescribed: &lockstep_check::ui::Undescribed,
    extracted: crate::sources::Extracted,
    problems: Vec<Diagnostic>,
    count: usize,
    sources: &Sources,
    layers: CodeLayers,
) -> (Vec<Diagnostic>, usize) {
    let mut findings = extracted.diagnostics;
    findings.extend(problems);
    // The route handlers serve the API layer, and tell the UI layer which paths answer every
    // method and which route files could not be read.
    let facts = extracted.facts;
    let unparsed_routes: Vec<String> = facts
        .iter()
        .filter(|(_, f)| f.parse_error.is_some())
        .filter_map(|(id, _)| lockstep_ts::routes::file_route_path(sources.get(*id).path()))
        .collect();
    let handlers = mounted_handlers(extracted.routes);
    let any_method_routes = any_method_routes(&handlers);
    let open_status_routes: Vec<(String, String)> =
        handlers.iter().filter(|h| h.unknown_status).map(|h| (h.method.name.clone(), h.path.clone())).collect();
    let mut undescribed = undescribed.clone();
    if layers.ui {
        let all: Vec<&lockstep_ts::facts::FileFacts> = facts.iter().map(|(_, f)| f).collect();
        if let Some((finding, tables)) = lockstep_check::db::undescribed_queried_tables(contract, &all) {
            findings.push(finding);
            undescribed.tables.extend(tables);
        }
        if let Some((finding, buckets)) = lockstep_check::db::undescribed_buckets(contract, &all) {
            findings.push(finding);
            undescribed.buckets.extend(buckets);
        }
    }
    let renames = lockstep_check::ui::Renames::new(renames);
    let context = lockstep_check::ui::UiContext {
        renames: &renames,
        undescribed: &undescribed,
        any_method_routes: &any_method_routes,
        open_status_routes: &open_status_routes,
        unparsed_routes: &unparsed_routes,
    };
    let mut read_findings = extracted.read_findings.map(Vec::into_iter);
    for (_, file_facts) in &facts {
        if layers.ui {
            findings.extend(match read_findings.as_mut().and_then(Iterator::next) {
                Some(reads) => lockstep_check::ui::check_ui_with_reads(contract, file_facts, &context, reads),
                None => lockstep_check::ui::check_ui(contract, file_facts, &context),
            });
        }
        if layers.env {
            findings.extend(lockstep_check::env::check_env_reads(contract, file_facts));
        }
    }
    if layers.api {
        findings.extend(lockstep_check::api::check_routes(contract, &handlers, &unparsed_routes));
    }
    (findings, count)
}

/// The app's source files, registered in the sources to be read by the parse workers, with
/// what is wrong with the configured folders.
struct ReadCode {
    unread: crate::sources::Unread,
    /// Configured folders that do not exist or lead outside the project.
    problems: Vec<Diagnostic>,
    count: usize,
}

fn read_code(project: &Project, sources: &mut Sources) -> anyhow::Result<ReadCode> {
    let (paths, problems) = crate::sources::source_paths(project)?;
    let count = paths.len();
    Ok(ReadCode { unread: crate::sources::register(project, paths, sources), problems, count })
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

/// The migrations layer: the migrations not yet applied (or all, with `--all-migrations`),
/// linted, and the migrations the default branch had that were edited since. The files are those the database layer read when it did (found by path), so a
/// suppression in one is counted once.
fn migrations_layer(
    printer: &Printer,
    project: &Project,
    args: &CheckArgs,
    sources: &mut Sources,
    code: Option<&crate::sources::Extracted>,
) -> anyhow::Result<Vec<Diagnostic>> {
    let code = code.map(|extracted| extracted.facts.iter().map(|(_, f)| f).collect()).unwrap_or_default();
    let Some(paths) = database::migration_paths(project)? else { return Ok(Vec::new()) };
    let mut edited = Vec::new();
    let pending = if args.all_migrations {
        paths
    } else if let Some(given) = &args.database.db {
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
                printer.detail(&format!(
                    "migrations: {why}; none is known to be new (`--all-migrations` lints every one)"
                ));
                Vec::new()
            }
        }
    };
    printer.detail(&format!("migrations: {} not yet applied, linted", pending.len()));
    if pending.is_empty() && edited.is_empty() {
        return Ok(Vec::new());
    }
    let (edited_ids, mut findings) = find_or_read(project, &edited, sources);
    // Pointed at by its first line.
    let first_line = |text: &str| u32::try_from(text.find('\n').unwrap_or(text.len())).unwrap_or(0);
    let edited: Vec<_> = edited_ids.iter().map(|&id| (id, first_line(sources.get(id).text()))).collect();
    findings.extend(lockstep_check::migrations::edited_migrations(&edited));
    let (ids, unreadable) = find_or_read(project, &pending, sources);
    findings.extend(unreadable);
    let schema = crate::migration_lint::final_schema(project, &ids, sources)?;
    let code = crate::migration_lint::Code { facts: code, schema };
    findings.extend(crate::migration_lint::lint(&ids, sources, Some(&code)));
    Ok(findings)
}

/// The files at `paths`: those already read (by the database layer) found by path, the others
/// read now.
fn find_or_read(
    project: &Project,
    paths: &[std::path::PathBuf],
    sources: &mut Sources,
) -> (Vec<lockstep_diagnostics::FileId>, Vec<Diagnostic>) {
    let mut ids = Vec::new();
    let mut unread = Vec::new();
    for path in paths {
        let shown = load::display_path(path, &project.root);
        match sources.iter().find(|(_, file)| file.path() == shown) {
            Some((id, _)) => ids.push(id),
            None => unread.push(path.clone()),
        }
    }
    let (more, problems) = database::read_migrations(project, &unread, sources).into_parts();
    ids.extend(more);
    (ids, problems)
}

/// A layer's findings into `diagnostics`, or its failure into `failures` (said on stderr).
fn record(
    printer: &Printer,
    layer: anyhow::Result<Vec<Diagnostic>>,
    name: &'static str,
    diagnostics: &mut Vec<Diagnostic>,
    failures: &mut Vec<Failure>,
) {
    match layer {
        Ok(findings) => diagnostics.extend(findings),
        Err(err) => {
            let shown = lockstep_diagnostics::escape_controls(&format!("{err:#}")).into_owned();
            printer.status(&format!("{}: the {name} layer could not run: {shown}", printer.paint_error("error")));
            failures.push(Failure { layer: name, message: format!("{err:#}") });
        }
    }
}

/// The env layer: each environment's env files against the contract.
fn env_layer(project: &Project, contract: &Contract, sources: &mut Sources) -> (Vec<Diagnostic>, usize) {
    let (read, unreadable) = crate::env_files::read_env_files(project, contract, sources);
    let facts: Vec<lockstep_check::env::EnvFileFacts> = read
        .iter()
        .map(|r| lockstep_check::env::EnvFileFacts {
            environment: &r.environment,
            file: r.file,
            parsed: &r.parsed,
            tracked: r.tracked,
        })
        .collect();
    let mut findings = unreadable;
    findings.extend(lockstep_check::env::check_env_files(contract, &facts));
    let count = read.len() + findings.iter().filter(|d| d.code == crate::env_files::UNREADABLE_ENV_FILE).count();
    (findings, count)
}

/// The database layer's findings and the number of files it read; `None` when the project
/// has nothing to check (no migrations, no `--db`).
/// What the database layer found, how many files it read, and the renames the migrations made
/// (for the UI layer's hints).
struct DatabaseLayer {
    findings: Vec<Diagnostic>,
    read: usize,
    renames: Vec<lockstep_sql::replay::Rename>,
    /// Tables the migrations use but never create: queries of them are not checked.
    undescribed: lockstep_check::ui::Undescribed,
}

/// The database layer's files, read: a live database to introspect (with the migrations to
/// compare it with, under `--migrations`), or the static schema sources.
enum DatabaseFiles {
    Live { url: String, migrations: Option<database::ReadMigrations> },
    Static(database::StaticFiles),
}

fn read_database(project: &Project, args: &CheckArgs, sources: &mut Sources) -> anyhow::Result<Option<DatabaseFiles>> {
    if let Some(given) = &args.database.db {
        let url = database::database_url(project, given)?;
        let migrations = if args.migrations {
            let paths = database::migration_paths(project)?
                .ok_or_else(|| anyhow::anyhow!("`--migrations` needs a migrations folder, and the project has none"))?;
            Some(database::read_migrations(project, &paths, sources))
        } else {
            None
        };
        return Ok(Some(DatabaseFiles::Live { url, migrations }));
    }
    Ok(database::read_static(project, sources)?.map(DatabaseFiles::Static))
}

/// Builds and checks the database layer from files already read. Reads nothing.
fn build_database(
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
            let mut findings = check_database(contract, &expected, &live, Source::LiveDatabase, &provider);
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
    findings.extend(check_database(contract, &expected, &replayed.schema, Source::Migrations, &provider));
    Ok(DatabaseLayer { findings, read: replayed.files, renames: replayed.renames, undescribed })
}

/// Every handler with its full path: a router mounted from another file (`app.use('/api',
/// orders)` with `orders` imported from `./routes/orders`) gets the mount's prefix.
pub(crate) fn mounted_handlers(
    mut routes: Vec<(String, lockstep_ts::routes::RouteFile)>,
) -> Vec<lockstep_ts::routes::RouteHandler> {
    let mut prefixes: Vec<(usize, String)> = Vec::new();
    for (path, file) in &routes {
        let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
        for mount in &file.mounts {
            let target = normalize(&format!("{folder}/{}", mount.source));
            let found = routes.iter().position(|(other, _)| {
                let stem = other.rsplit_once('.').map_or(other.as_str(), |(stem, _)| stem);
                stem == target || stem == format!("{target}/index")
            });
            if let Some(index) = found {
                prefixes.push((index, mount.prefix.clone()));
            }
        }
    }
    for (index, prefix) in prefixes {
        for handler in &mut routes[index].1.handlers {
            handler.path =
                format!("{}{}", prefix.trim_end_matches('/'), if handler.path == "/" { "" } else { &handler.path });
        }
    }
    routes.into_iter().flat_map(|(_, file)| file.handlers).collect()
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let stripped = parts.join("/");
    for extension in [".ts", ".js", ".mjs", ".cjs", ".mts", ".cts"] {
        if let Some(stem) = stripped.strip_suffix(extension) {
            return stem.to_owned();
        }
    }
    stripped
}
