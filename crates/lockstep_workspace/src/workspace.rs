//! A project kept loaded between checks. The first check reads and parses everything; later
//! ones re-derive only what depends on the files changed since ([`Workspace::apply_change`],
//! [`Workspace::refresh`]): an edited source file is parsed again alone, the database layer is
//! rebuilt only when one of its files changed, and the contract or the configuration changing
//! starts over. Every file keeps its id in the sources from check to check.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use lockstep_config::Project;
use lockstep_diagnostics::{Diagnostic, FileId, Severity, Sources};

use crate::check::{
    CheckOptions, Checked, CodeFile, CodeLayers, Failure, FromDatabase, Layer, MigrationsToLint, Progress, code_layers,
    env_layer, migrations_layer, migrations_to_lint,
};
use crate::db_layer::{DatabaseLayer, build_database, read_database};
use crate::load::{self, LoadedContract};
use crate::read::{Disk, Files, Overlaid};
use crate::sources::{Analysis, Overlay};

/// A loaded project and what was derived from it.
pub struct Workspace {
    start: Option<PathBuf>,
    options: CheckOptions,
    color: bool,
    sources: Sources,
    overlay: Overlay,
    state: Option<State>,
    /// What changed since the last check.
    pending: Pending,
    /// Whether [`Workspace::refresh`] will be asked: only then are modification times noted.
    watching: bool,
}

#[derive(Default)]
struct Pending {
    everything: bool,
    /// As shown (relative to the project root).
    paths: Vec<String>,
}

/// What the last check derived, to be reused by the next.
struct State {
    project: Project,
    contract_paths: Vec<PathBuf>,
    contract: LoadedContract,
    /// The source files, sorted by path, with their analyses; `None` until a code layer ran.
    code: Option<Code>,
    /// The database layer's result (its failure kept as the message); `None` until it ran, or
    /// since one of its files changed.
    database: Option<Result<Option<DatabaseLayer>, String>>,
    /// `gen/stale`'s findings and how many files it read.
    stale: Option<(Vec<Diagnostic>, usize)>,
    /// Which migrations the migrations layer lints.
    to_lint: Option<Result<MigrationsToLint, String>>,
    /// When each file a check read was last modified, by path as shown: what [`Workspace::refresh`]
    /// compares.
    seen: HashMap<String, Option<SystemTime>>,
    /// How many of the sources' files are in `seen` (files are only ever added).
    seen_files: usize,
    /// When each folder of the source folders was last modified (the folders themselves, and
    /// every folder below them that holds a source file).
    source_folders: HashMap<String, Option<SystemTime>>,
}

struct Code {
    files: Vec<CodeFile>,
    /// Configured folders that do not exist or lead outside the project.
    problems: Vec<Diagnostic>,
    /// Files analysed again by the last check.
    analysed: usize,
    /// What the files' kept findings were derived under (see [`code_layers`]).
    context_key: u64,
}

impl Workspace {
    /// A workspace for the project around `start` (default: the current folder). Nothing is
    /// read before the first check.
    pub fn new(start: Option<&Path>, options: CheckOptions, color: bool) -> Workspace {
        Workspace {
            start: start.map(Path::to_owned),
            options,
            color,
            sources: Sources::new(),
            overlay: Overlay::new(),
            state: None,
            pending: Pending::default(),
            watching: false,
        }
    }

    /// A workspace that will be asked to [`Workspace::refresh`]: each check notes when the
    /// files it read were last modified (a one-shot check does not pay for it).
    #[must_use]
    pub fn watching(mut self) -> Workspace {
        self.watching = true;
        self
    }

    /// The files the findings point into.
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// How many source files the last check parsed (all on the first check; the changed ones
    /// after).
    pub fn parsed_last(&self) -> usize {
        self.state.as_ref().and_then(|state| state.code.as_ref()).map_or(0, |code| code.analysed)
    }

    /// The next check runs with `options`; what they change is derived again.
    pub fn set_options(&mut self, options: CheckOptions) {
        let needs_more = options.only.iter().any(|layer| !self.options.only.contains(layer))
            || (!self.options.only.is_empty() && options.only.is_empty());
        if needs_more
            || options.db != self.options.db
            || options.migrations != self.options.migrations
            || options.all_migrations != self.options.all_migrations
        {
            self.pending.everything = true;
        }
        self.options = options;
    }

    /// The file at `path` (relative to the project root, or absolute) changed: it now holds
    /// `text`, or, when `text` is `None`, what is on disk. The next check re-derives what
    /// depends on it.
    pub fn apply_change(&mut self, path: &Path, text: Option<String>) {
        let Some(state) = &self.state else {
            self.pending.everything = true;
            return;
        };
        let absolute = if path.is_absolute() { path.to_owned() } else { state.project.root.join(path) };
        let shown = load::display_path(&absolute, &state.project.root);
        match text {
            Some(text) => {
                self.overlay.insert(absolute, text);
            }
            None => {
                self.overlay.remove(&absolute);
            }
        }
        self.pending.paths.push(shown);
    }

    /// Looks for files changed on disk since the last check (by modification time, which a
    /// workspace made [`Workspace::watching`] notes), and for source files added or removed;
    /// returns whether any was. The next check re-derives what depends on them.
    pub fn refresh(&mut self) -> bool {
        let Some(state) = &mut self.state else { return true };
        let mut changed = Vec::new();
        for (shown, modified) in &mut state.seen {
            let path = state.project.root.join(shown.trim_end_matches('/'));
            let now = std::fs::metadata(path).and_then(|m| m.modified()).ok();
            if now != *modified {
                *modified = now;
                changed.push(shown.clone());
            }
        }
        // A source file added or removed changes its folder; only a walk then tells which.
        let mut rewalk = false;
        for (shown, modified) in &mut state.source_folders {
            let now = std::fs::metadata(state.project.root.join(shown.as_str())).and_then(|m| m.modified()).ok();
            if now != *modified {
                *modified = now;
                rewalk = true;
            }
        }
        if rewalk {
            changed.push(String::new());
        }
        let any = !changed.is_empty();
        self.pending.paths.extend(changed);
        any
    }

    /// Checks every layer the options ask for, re-deriving only what changed since the last
    /// check.
    pub fn check(&mut self, progress: &dyn Progress) -> anyhow::Result<Checked> {
        let started = Instant::now();
        let pending = std::mem::take(&mut self.pending);
        let mut state = match self.state.take() {
            Some(state) if !pending.everything => match invalidate(state, &pending.paths, &mut self.sources) {
                Some(state) => state,
                None => self.load(progress)?,
            },
            _ => self.load(progress)?,
        };
        let checked = self.run(&mut state, progress, started);
        // The files that changed are seen as they are now.
        for shown in pending.paths.iter().filter(|p| !p.is_empty()) {
            let modified = std::fs::metadata(state.project.root.join(shown)).and_then(|m| m.modified()).ok();
            state.seen.insert(shown.clone(), modified);
        }
        self.state = Some(state);
        Ok(checked)
    }

    /// Finds the project and loads its contract, from nothing.
    fn load(&mut self, progress: &dyn Progress) -> anyhow::Result<State> {
        self.sources = Sources::new();
        let project = load::project(self.start.as_deref(), &mut self.sources, self.color)?;
        progress.detail(&format!("project root: {}", project.root.display()));
        // The edits handed over in memory, then the disk.
        let files = Overlaid { texts: &self.overlay, under: &Disk };
        let contract_paths = load::contract_paths_in(&files, &project, &self.sources, self.color)?;
        let root = crate::read::canonical_root(&project.root);
        let within = crate::read::Within::Root(&root);
        let contract = load::contract_from(&files, &contract_paths, &project.root, within, &mut self.sources)?;
        Ok(State {
            project,
            contract_paths,
            contract,
            code: None,
            database: None,
            stale: None,
            to_lint: None,
            seen: HashMap::new(),
            seen_files: 0,
            source_folders: HashMap::new(),
        })
    }

    fn run(&mut self, state: &mut State, progress: &dyn Progress, started: Instant) -> Checked {
        let mut found = Found {
            diagnostics: state.contract.diagnostics.clone(),
            failures: Vec::new(),
            files: state.contract.files.len(),
        };
        let contract_is_sound = !found.diagnostics.iter().any(|d| d.severity == Severity::Error);
        // Taken out while the layers run, which update the rest of the state.
        let contract = state.contract.contract.take();
        match contract.as_ref().filter(|_| contract_is_sound) {
            Some(contract) => {
                check_layers(state, contract, &self.options, &mut self.sources, &self.overlay, progress, &mut found);
            }
            None => progress.detail("the contract has errors: the other layers were not checked"),
        }
        state.contract.contract = contract;
        if self.watching && state.seen_files < self.sources.len() {
            record_seen(&state.project, &self.sources, state.code.as_ref(), &mut state.seen);
            state.source_folders = source_folders(&state.project, state.code.as_ref());
            state.seen_files = self.sources.len();
        }
        finish(
            &state.project,
            &mut self.sources,
            &self.overlay,
            state.code.as_ref(),
            found,
            &self.options,
            progress,
            started,
        )
    }
}

/// What a check found so far.
struct Found {
    diagnostics: Vec<Diagnostic>,
    failures: Vec<Failure>,
    /// How many files were read.
    files: usize,
}

/// Every layer the options ask for, over a sound contract.
fn check_layers(
    state: &mut State,
    contract: &lockstep_contract::model::Contract,
    options: &CheckOptions,
    sources: &mut Sources,
    overlay: &Overlay,
    progress: &dyn Progress,
    found: &mut Found,
) {
    let from = Overlaid { texts: overlay, under: &Disk };
    let Found { diagnostics, failures, files } = found;
    let layers =
        CodeLayers { ui: options.runs(Layer::Ui), env: options.runs(Layer::Env), api: options.runs(Layer::Api) };
    derive(
        &state.project,
        options,
        contract,
        layers,
        &mut state.code,
        &mut state.database,
        &mut state.to_lint,
        sources,
        overlay,
        progress,
        failures,
    );
    let mut from_database = FromDatabase::default();
    match &state.database {
        Some(Ok(Some(layer))) => {
            diagnostics.extend(layer.findings.iter().cloned());
            *files += layer.read;
            from_database = FromDatabase { renames: layer.renames.clone(), undescribed: layer.undescribed.clone() };
        }
        Some(Ok(None)) => progress.detail("database: no migrations folder and no --db; skipped"),
        Some(Err(message)) => {
            let shown = lockstep_diagnostics::escape_controls(message).into_owned();
            progress.status(&format!("{}: the database layer could not run: {shown}", progress.paint_error("error")));
            failures.push(Failure { layer: "db", message: message.clone() });
        }
        None => {}
    }
    // With `--db`, a database the db layer could not read is said once.
    if options.runs(Layer::Migrations) && !(options.db.is_some() && failures.iter().any(|f| f.layer == "db")) {
        migrations(
            &from,
            &state.project,
            state.code.as_ref(),
            &mut state.to_lint,
            options,
            sources,
            progress,
            diagnostics,
            failures,
        );
    }
    if options.only.is_empty() {
        let (findings, read) = state.stale.get_or_insert_with(|| {
            let mut findings = Vec::new();
            let read = crate::generated_outputs::stale_findings(
                &from,
                &state.project,
                contract,
                &state.contract.files,
                sources,
                &mut findings,
            );
            (findings, read)
        });
        diagnostics.extend(findings.iter().cloned());
        *files += *read;
    }
    if layers.env {
        let (findings, read) = env_layer(&from, &state.project, contract, sources);
        diagnostics.extend(findings);
        *files += read;
    }
    if let Some(code) = &mut state.code
        && (layers.ui || layers.env || layers.api)
    {
        diagnostics.extend(code_findings(code, contract, &from_database, sources, layers));
        *files += code.files.len();
    }
}

/// The code layers' findings, with the files that could not be read and the configured
/// folders that are wrong.
fn code_findings(
    code: &mut Code,
    contract: &lockstep_contract::model::Contract,
    from_database: &FromDatabase,
    sources: &Sources,
    layers: CodeLayers,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for file in &code.files {
        if let Err(message) = &file.analyzed {
            let shown = sources.get(file.id).path();
            findings.push(crate::sources::unreadable(shown, message, lockstep_diagnostics::Span::new(file.id, 0, 0)));
        }
    }
    findings.extend(code.problems.iter().cloned());
    findings.extend(code_layers(contract, from_database, &mut code.files, &mut code.context_key, sources, layers));
    findings
}

/// The migrations layer, with the list of migrations to lint kept from the last check.
#[expect(clippy::too_many_arguments, reason = "the parts of the workspace's state it reads, one each")]
fn migrations(
    from: &dyn Files,
    project: &Project,
    code: Option<&Code>,
    to_lint: &mut Option<Result<MigrationsToLint, String>>,
    options: &CheckOptions,
    sources: &mut Sources,
    progress: &dyn Progress,
    diagnostics: &mut Vec<Diagnostic>,
    failures: &mut Vec<Failure>,
) {
    let to_lint = to_lint
        .get_or_insert_with(|| migrations_to_lint(from, progress, project, options).map_err(|err| format!("{err:#}")));
    let facts = code
        .map(|code| code.files.iter().filter_map(|f| f.analyzed.as_ref().ok()).map(|a| &a.facts).collect())
        .unwrap_or_default();
    let layer = match to_lint {
        Ok(which) => migrations_layer(from, project, which, sources, facts),
        Err(message) => Err(anyhow::anyhow!("{message}")),
    };
    match layer {
        Ok(findings) => diagnostics.extend(findings),
        Err(err) => report_failure(progress, "migrations", "the migrations layer", &err, failures),
    }
}

/// Reads what changed and derives it again: the database layer is built (when it is to be) on
/// this thread while parse workers analyse the source files still to analyse (all of them on a
/// first check), each file once for every code layer.
#[expect(clippy::too_many_arguments, reason = "the parts of the workspace's state it derives, one each")]
fn derive(
    project: &Project,
    options: &CheckOptions,
    contract: &lockstep_contract::model::Contract,
    layers: CodeLayers,
    code_state: &mut Option<Code>,
    database: &mut Option<Result<Option<DatabaseLayer>, String>>,
    to_lint: &mut Option<Result<MigrationsToLint, String>>,
    sources: &mut Sources,
    overlay: &Overlay,
    progress: &dyn Progress,
    failures: &mut Vec<Failure>,
) {
    let reads_code = layers.ui || layers.env || layers.api || options.runs(Layer::Migrations);
    let builds_database = options.runs(Layer::Db) && database.is_none();
    let from = Overlaid { texts: overlay, under: &Disk };
    let mut fresh_code = None;
    if reads_code && code_state.is_none() {
        match crate::sources::source_paths(project) {
            Ok((paths, problems)) => {
                let unread = crate::sources::register(project, paths, sources);
                fresh_code = Some(Code {
                    files: unread.files.into_iter().map(|(id, path)| CodeFile::unread(id, path)).collect(),
                    problems,
                    analysed: 0,
                    context_key: 0,
                });
            }
            Err(err) => report_failure(progress, "code", "the code layers", &err, failures),
        }
    }
    let code = fresh_code.as_ref().or(code_state.as_ref());
    // The files to parse: all on a first check, the changed ones after.
    let to_analyse: Vec<(FileId, &Path)> = code
        .map(|code| {
            code.files.iter().filter(|file| file.is_unread()).map(|file| (file.id, file.path.as_path())).collect()
        })
        .unwrap_or_default();
    let parses_before = lockstep_ts::parse_count();
    let walked: Option<Vec<&Path>> = code.map(|code| code.files.iter().map(|file| file.path.as_path()).collect());
    let analysis = Analysis::new(&project.root, &to_analyse, layers.ui.then_some(contract), &from, sources);
    let built = std::thread::scope(|scope| {
        // The database layer is one task that cannot be split, and on few cores the
        // longest: it gets a core of its own (one parse worker fewer than cores runs beside
        // it), reads its files there while the workers parse, and this thread joins the
        // workers once it is done.
        let workers = if builds_database { analysis.threads() - 1 } else { analysis.threads() };
        for _ in 0..workers {
            std::thread::Builder::new()
                .stack_size(crate::sources::WORKER_STACK)
                .spawn_scoped(scope, || analysis.work())
                .expect("spawn a parsing thread");
        }
        let built = builds_database.then(|| match read_database(&from, project, options, walked.as_deref(), sources) {
            Ok(Some(files)) => build_database(project, contract, files, sources).map(Some),
            Ok(None) => Ok(None),
            Err(err) => Err(err),
        });
        // Which migrations are new asks git (or the live database): also off the workers' path.
        // A live database the db layer could not read is not asked again.
        let unreachable = options.db.is_some() && (matches!(built, Some(Err(_))) || matches!(database, Some(Err(_))));
        if options.runs(Layer::Migrations) && to_lint.is_none() && !unreachable {
            *to_lint = Some(migrations_to_lint(&from, progress, project, options).map_err(|err| format!("{err:#}")));
        }
        analysis.work();
        built
    });
    let results = analysis.finish();
    if let Some(built) = built {
        *database = Some(built.map_err(|err| format!("{err:#}")));
    }
    if let Some(code) = fresh_code {
        *code_state = Some(code);
    }
    if let Some(code) = &mut *code_state {
        code.analysed = results.len();
        let mut results = results.into_iter();
        for file in code.files.iter_mut().filter(|f| f.is_unread()) {
            let analyzed = results.next().expect("one result per file analysed");
            match &analyzed {
                Ok(done) => match &done.text {
                    Some(text) => sources.hold(file.id, text.clone()),
                    None => sources.release(file.id),
                },
                Err(_) => sources.hold(file.id, String::new()),
            }
            // An empty message marks a file still to analyse; a read error never is one.
            file.analyzed = analyzed.map_err(|m| if m.is_empty() { "cannot be read".to_owned() } else { m });
        }
        let parses = lockstep_ts::parse_count() - parses_before;
        progress.detail(&format!("source code: {} files read, {parses} parsed", code.files.len()));
    }
}

/// What is left of `state` once the files at `changed` (as shown) changed; `None` when nothing
/// is: the configuration or the contract changed.
fn invalidate(mut state: State, changed: &[String], sources: &mut Sources) -> Option<State> {
    let contract_files: Vec<String> =
        state.contract_paths.iter().map(|p| load::display_path(p, &state.project.root)).collect();
    let mut rewalk = false;
    for shown in changed {
        if shown.is_empty() {
            rewalk = true;
            continue;
        }
        if shown.ends_with("lockstep.toml") || contract_files.contains(shown) || shown.ends_with(".lockstep") {
            return None;
        }
        // A folder: a contract file may have been added; else a file of the database layer.
        if let Some(folder) = shown.strip_suffix('/') {
            if contract_files.iter().any(|file| file.rsplit_once('/').is_some_and(|(parent, _)| parent == folder)) {
                return None;
            }
            state.database = None;
            state.stale = None;
            state.to_lint = None;
            continue;
        }
        let code_file = state.code.as_mut().and_then(|code| {
            code.files.iter_mut().find(|f| load::display_path(&f.path, &state.project.root) == *shown)
        });
        let generated = &state.project.config.generate;
        let is_generated =
            [&generated.database, &generated.types, &generated.client, &generated.validators, &generated.schema]
                .into_iter()
                .flatten()
                .any(|path| load::display_path(path, Path::new("")) == *shown);
        if is_generated {
            state.stale = None;
        }
        match code_file {
            Some(file) if file.path.exists() => *file = CodeFile::unread(file.id, file.path.clone()),
            Some(_) => rewalk = true,
            None if is_source(shown) => rewalk = true,
            None => {
                // Anything else may be the database layer's, a generated output, or a migration.
                state.database = None;
                state.stale = None;
                state.to_lint = None;
            }
        }
    }
    if rewalk && let Some(code) = state.code.take() {
        // Analyses of files still there are kept: the next check parses only the new ones.
        let mut kept: HashMap<PathBuf, CodeFile> = code.files.into_iter().map(|f| (f.path.clone(), f)).collect();
        if let Ok((paths, problems)) = crate::sources::source_paths(&state.project) {
            let files = paths
                .into_iter()
                .map(|path| {
                    kept.remove(&path).unwrap_or_else(|| {
                        let id = sources.register(load::display_path(&path, &state.project.root));
                        CodeFile::unread(id, path)
                    })
                })
                .collect();
            state.code = Some(Code { files, problems, analysed: 0, context_key: 0 });
        }
    }
    Some(state)
}

fn is_source(shown: &str) -> bool {
    Path::new(shown).extension().and_then(|e| e.to_str()).is_some_and(|e| crate::sources::EXTENSIONS.contains(&e))
}

/// When each file in the sources was last modified.
/// Files are keyed by their path as shown; folders by theirs with a final `/`. The folders of
/// the files other than source files are watched too, since a file added there (a new
/// migration) changes the folder; those of source files are not, since the walk of the source
/// folders finds new source files, and the project's root is not (editors write their swap
/// files there; the env files, the root's files, are read again by every check anyway).
fn record_seen(
    project: &Project,
    sources: &Sources,
    code: Option<&Code>,
    seen: &mut HashMap<String, Option<SystemTime>>,
) {
    let modified = |shown: &str| std::fs::metadata(project.root.join(shown)).and_then(|m| m.modified()).ok();
    let code_files: std::collections::HashSet<FileId> =
        code.map(|code| code.files.iter().map(|f| f.id).collect()).unwrap_or_default();
    for (id, file) in sources.iter() {
        if seen.contains_key(file.path()) {
            continue;
        }
        seen.insert(file.path().to_owned(), modified(file.path()));
        if code_files.contains(&id) {
            continue;
        }
        if let Some((folder, _)) = file.path().rsplit_once('/') {
            let key = format!("{folder}/");
            seen.entry(key).or_insert_with(|| modified(folder));
        }
    }
}

/// The source folders and every folder below them that holds a source file, with when each
/// was last modified.
fn source_folders(project: &Project, code: Option<&Code>) -> HashMap<String, Option<SystemTime>> {
    let mut folders: std::collections::HashSet<PathBuf> =
        project.config.sources.iter().map(|folder| project.root.join(folder)).collect();
    for file in code.map(|code| code.files.as_slice()).unwrap_or_default() {
        let mut folder = file.path.parent();
        while let Some(at) = folder {
            if !at.starts_with(&project.root) || !folders.insert(at.to_owned()) {
                break;
            }
            folder = at.parent();
        }
    }
    folders
        .into_iter()
        .map(|folder| {
            let modified = std::fs::metadata(&folder).and_then(|m| m.modified()).ok();
            (load::display_path(&folder, &project.root), modified)
        })
        .collect()
}

/// A layer that could not run, said on the progress channel (`what`: "the migrations layer").
fn report_failure(
    progress: &dyn Progress,
    layer: &'static str,
    what: &str,
    err: &anyhow::Error,
    failures: &mut Vec<Failure>,
) {
    let shown = lockstep_diagnostics::escape_controls(&format!("{err:#}")).into_owned();
    progress.status(&format!("{}: {what} could not run: {shown}", progress.paint_error("error")));
    failures.push(Failure { layer, message: format!("{err:#}") });
}

/// Suppressions, the texts of the files findings are shown in, and the order.
#[expect(clippy::too_many_arguments, reason = "the parts of a check's state the last step needs, one each")]
fn finish(
    project: &Project,
    sources: &mut Sources,
    overlay: &Overlay,
    code: Option<&Code>,
    found: Found,
    options: &CheckOptions,
    progress: &dyn Progress,
    started: Instant,
) -> Checked {
    let Found { diagnostics, failures, files } = found;
    let diagnostics = lockstep_check::db::merge_incomplete_sources(diagnostics);
    let mut diagnostics = crate::suppress::apply(sources, diagnostics);
    if !options.verbose {
        diagnostics.retain(|d| d.severity != Severity::Info);
    }
    let hashes: HashMap<FileId, u64> = code
        .map(|code| {
            code.files
                .iter()
                .filter_map(|f| f.analyzed.as_ref().ok().filter(|a| a.text.is_none()).map(|a| (f.id, a.hash)))
                .collect()
        })
        .unwrap_or_default();
    let released = |id| hashes.get(&id).copied();
    let from = Overlaid { texts: overlay, under: &Disk };
    for path in crate::sources::hold_shown(&project.root, &released, &from, &diagnostics, sources) {
        let shown = lockstep_diagnostics::escape_controls(&path).into_owned();
        progress.status(&format!(
            "warning: `{shown}` changed while it was checked; its findings may point at the wrong lines"
        ));
    }
    lockstep_diagnostics::sort_diagnostics(&mut diagnostics, sources);
    Checked { diagnostics, failures, files, elapsed: started.elapsed() }
}
