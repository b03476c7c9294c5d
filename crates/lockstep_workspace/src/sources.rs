//! The app's TypeScript and JavaScript: found with a gitignore-aware walk of the configured
//! folders, read as text (UTF-8 or UTF-16 with a byte order mark), and parsed in parallel.
//!
//! `check` reads each file in the worker that parses it and lets its text go once its facts are
//! out (memory would otherwise grow with the app); the texts of the few files a finding is shown
//! in are read again before rendering ([`hold_shown`]).

use std::hash::{Hash as _, Hasher as _};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;
use lockstep_config::Project;
use lockstep_contract::model::Contract;
use lockstep_diagnostics::{Diagnostic, FileId, Sources};
use lockstep_ts::facts::FileFacts;
use lockstep_ts::routes::RouteFile;

pub const EXTENSIONS: [&str; 8] = ["ts", "tsx", "js", "jsx", "mts", "cts", "mjs", "cjs"];
/// Dependencies, skipped at any depth even without a `.gitignore`.
const DEPENDENCIES: &str = "node_modules";
/// Build output, skipped at the project's root even without a `.gitignore`. Only there: a
/// folder of these names deeper down is as likely a route (`app/api/reports/coverage/route.ts`)
/// as output, and output elsewhere is `.gitignore`d, which the walk honours.
pub const BUILD_OUTPUT: [&str; 9] =
    [".next", "dist", "build", "out", "coverage", ".turbo", ".vercel", ".svelte-kit", ".output"];
/// Each parsing thread's stack: generous, since parsers and walks recurse on nesting. The guard
/// in `lockstep_ts` bounds nesting before parsing; this is the second line of defence, and
/// costs address space only, since untouched stack pages are never committed.
pub const WORKER_STACK: usize = 256 * 1024 * 1024;

pub const UNREADABLE_SOURCE: &str = "ui/unreadable-file";
pub const MISSING_SOURCE: &str = "config/missing-source";

/// The source files of the project, sorted, and what is wrong with the configured folders: one
/// named in `[sources] include` that does not exist would otherwise make the check all clear.
pub fn source_paths(project: &Project) -> anyhow::Result<(Vec<PathBuf>, Vec<Diagnostic>)> {
    let mut paths = Vec::new();
    let mut problems = Vec::new();
    let canonical_root = crate::read::canonical_root(&project.root);
    for (index, folder) in project.config.sources.iter().enumerate() {
        let root = project.root.join(folder);
        let span = project.source_spans.get(index).copied().flatten();
        if std::fs::symlink_metadata(&root).is_err() {
            let mut diagnostic = Diagnostic::error(
                MISSING_SOURCE,
                format!("the source folder `{}` does not exist, so no code was checked there", folder.display()),
            )
            .help("point `[sources] include` at the folders that hold the app's TypeScript and JavaScript, relative to lockstep.toml");
            if let Some(span) = span {
                diagnostic = diagnostic.at(span, "no such file or folder");
            }
            problems.push(diagnostic);
            continue;
        }
        // A source folder linked to a place outside the project (`src -> /`) is not walked.
        if !crate::read::resolves_inside(&root, &canonical_root) {
            let mut diagnostic = Diagnostic::error(
                OUTSIDE_ROOT,
                format!("the source folder `{}` leads outside the project root; it was not read", folder.display()),
            )
            .help("lockstep reads only inside the project (the folder of lockstep.toml); replace the link with the folder, or run lockstep from a folder that contains both");
            if let Some(span) = span {
                diagnostic = diagnostic.at(span, "outside the project root");
            }
            problems.push(diagnostic);
            continue;
        }
        let mut overrides = OverrideBuilder::new(&project.root);
        overrides.add(&format!("!**/{DEPENDENCIES}/**"))?;
        for skipped in BUILD_OUTPUT {
            // A leading `/` anchors the glob at the override root, the project's root.
            overrides.add(&format!("!/{skipped}/**"))?;
        }
        overrides.add("!**/*.d.ts")?;
        for pattern in &project.config.exclude {
            overrides.add(&format!("!{pattern}"))?;
        }
        let mut walk = WalkBuilder::new(&root);
        walk.require_git(false).overrides(overrides.build()?);
        for entry in walk.build() {
            let Ok(entry) = entry else { continue };
            let path = entry.path();
            let is_source = path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e));
            if is_source && entry.file_type().is_some_and(|t| t.is_file()) {
                paths.push(path.to_owned());
            }
        }
    }
    paths.sort();
    paths.dedup();
    Ok((paths, problems))
}

pub const OUTSIDE_ROOT: &str = "config/outside-root";

/// What the source files say: every file's facts, the route handlers of the files that serve
/// some (with their paths), and the files that could not be read.
pub struct Extracted {
    pub facts: Vec<(FileId, FileFacts)>,
    pub routes: Vec<(String, RouteFile)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the files into `sources` and extracts their facts and route handlers in parallel, on
/// threads with large stacks, each file parsed once for both. A file the guard refuses has
/// neither.
pub fn read_and_extract(project: &Project, paths: &[PathBuf], sources: &mut Sources) -> Extracted {
    let (files, diagnostics) = read_sources(project, paths, sources);
    extract(&files, diagnostics, sources)
}

/// Reads the files into `sources`; the ones that cannot be read are reported.
pub fn read_sources(project: &Project, paths: &[PathBuf], sources: &mut Sources) -> (Vec<FileId>, Vec<Diagnostic>) {
    crate::load::read_all(&crate::read::Disk, &project.root, paths, crate::read::SOURCE, sources, &unreadable)
}

/// Source files registered in the sources without their text, for [`Analysis`].
pub struct Unread {
    pub files: Vec<(FileId, PathBuf)>,
}

/// Registers `paths` in `sources` without reading them: the parse workers read them. A path
/// already registered keeps its id.
pub fn register(project: &Project, paths: Vec<PathBuf>, sources: &mut Sources) -> Unread {
    let files = paths
        .into_iter()
        .map(|path| (sources.register(crate::load::display_path(&path, &project.root)), path))
        .collect();
    Unread { files }
}

/// Texts given for files in place of what is on disk (an editor's unsaved buffer, an agent's
/// edit handed over with [`crate::Workspace::apply_change`]), by path.
pub type Overlay = std::collections::HashMap<PathBuf, String>;

/// The reading, parsing and extraction of files: a queue that any number of threads work
/// through, each taking the next file when it is done with one. The thread that builds the
/// database layer joins in once that is done, rather than sharing a core with the parse workers
/// meanwhile and finishing last. Files are read under the reading policy, inside the project's
/// root, through the workspace's [`crate::read::Files`] (texts handed over in memory first). With a contract to check reads against, what each file
/// reads from results is checked as it is parsed; the reads are dropped either way: they are
/// most of a file's facts, and only the UI rules look at them.
pub struct Analysis<'a> {
    files: &'a [(FileId, &'a Path)],
    root: PathBuf,
    reads_against: Option<&'a Contract>,
    from: &'a dyn crate::read::Files,
    /// Each file as shown, owned: the thread that builds the database layer adds its files to
    /// the `Sources` meanwhile.
    shown: Vec<String>,
    next: AtomicUsize,
    /// One per file, filled by whichever thread takes it: the results land in order without a
    /// second list of them to sort. Boxed: a slot, and the `CodeFile` it moves into, is a
    /// pointer until its file is analysed, rather than the size of every fact list.
    slots: Vec<OnceLock<Result<Box<Analyzed>, String>>>,
}

impl<'a> Analysis<'a> {
    pub fn new(
        root: &Path,
        files: &'a [(FileId, &'a Path)],
        reads_against: Option<&'a Contract>,
        from: &'a dyn crate::read::Files,
        sources: &Sources,
    ) -> Self {
        Analysis {
            files,
            root: crate::read::canonical_root(root),
            reads_against,
            from,
            shown: files.iter().map(|(id, _)| sources.get(*id).path().to_owned()).collect(),
            next: AtomicUsize::new(0),
            slots: files.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// How many threads are worth putting on it: one per core, and no more than files.
    pub fn threads(&self) -> usize {
        std::thread::available_parallelism().map_or(2, std::num::NonZero::get).min(self.files.len()).max(1)
    }

    /// Takes files until none is left. Parsers and walks recurse on nesting, so the thread
    /// needs a large stack ([`WORKER_STACK`]).
    pub fn work(&self) {
        loop {
            let index = self.next.fetch_add(1, Ordering::Relaxed);
            let Some((id, path)) = self.files.get(index) else { break };
            let shown = &self.shown[index];
            let _ = self.slots[index].set(read_one(*id, path, shown, &self.root, self.reads_against, self.from));
        }
    }

    /// What the threads made of each file (or why it could not be read), in the order given,
    /// once they are all done.
    pub fn finish(self) -> Vec<Result<Box<Analyzed>, String>> {
        self.slots.into_iter().map(|slot| slot.into_inner().expect("every file is read")).collect()
    }
}

/// One file read and analysed by a worker.
pub struct Analyzed {
    pub facts: FileFacts,
    /// What it reads from results, checked (empty when not asked for).
    pub read_findings: Vec<Diagnostic>,
    pub routes: RouteFile,
    /// The text, when it has to be held (it has a suppression comment).
    pub text: Option<String>,
    /// What tells whether the file changed between its analysis and the rendering of a
    /// finding in it.
    pub hash: u64,
}

impl Analyzed {
    /// Whether the file serves routes or mounts a router.
    pub fn serves(&self) -> bool {
        !self.routes.handlers.is_empty() || !self.routes.mounts.is_empty()
    }
}

fn read_one(
    id: FileId,
    path: &Path,
    shown: &str,
    root: &Path,
    reads_against: Option<&Contract>,
    from: &dyn crate::read::Files,
) -> Result<Box<Analyzed>, String> {
    let text = from.read_text(path, crate::read::Within::Root(root), crate::read::SOURCE)?;
    let (mut facts, routes) = lockstep_ts::analyze(id, shown, &text);
    let read_findings =
        reads_against.map_or_else(Vec::new, |contract| lockstep_check::ui::check_reads(contract, &facts));
    // Only the UI rules look at the reads, and they have just been checked.
    facts.reads = Vec::new();
    facts.paths = lockstep_ts::facts::PathTree::default();
    facts.fallbacks = Vec::new();
    let hash = content_hash(&text);
    // Suppressions are read from the texts after the rules ran; a file without one needs its
    // text only if a finding is shown in it, and then it is read again.
    let text = text.contains(crate::suppress::MARKER).then_some(text);
    Ok(Box::new(Analyzed { facts, read_findings, routes, text, hash }))
}

/// A hash of a file's text, to notice a file that changed between its analysis and the
/// rendering of its findings.
pub fn content_hash(text: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// Reads again the texts of the released files that `diagnostics` point into, so they can be
/// shown; `released` gives a released file's hash from its analysis. Returns the paths of files
/// that changed (or could not be read) since they were analysed: their findings may point at
/// the wrong place.
pub fn hold_shown(
    root: &Path,
    released: &dyn Fn(FileId) -> Option<u64>,
    from: &dyn crate::read::Files,
    diagnostics: &[Diagnostic],
    sources: &mut Sources,
) -> Vec<String> {
    let mut shown: Vec<FileId> = diagnostics
        .iter()
        .flat_map(|d| d.primary.iter().chain(&d.related))
        .map(|label| label.span.file)
        .filter(|&file| !sources.get(file).is_held())
        .collect();
    shown.sort_unstable();
    shown.dedup();
    let canonical = crate::read::canonical_root(root);
    let mut changed = Vec::new();
    for file in shown {
        let Some(hash) = released(file) else { continue };
        let path = root.join(sources.get(file).path());
        let text =
            from.read_text(&path, crate::read::Within::Root(&canonical), crate::read::SOURCE).unwrap_or_default();
        if content_hash(&text) != hash {
            changed.push(sources.get(file).path().to_owned());
        }
        sources.hold(file, text);
    }
    changed
}

pub fn unreadable(shown: &str, message: &str, span: lockstep_diagnostics::Span) -> Diagnostic {
    Diagnostic::warning(UNREADABLE_SOURCE, format!("`{shown}` {message}; it was not checked"))
        .at(span, "this file")
        .help("exclude it in lockstep.toml (`[sources] exclude`) if it is not source code")
}

/// Extracts the facts and route handlers of files already read, in parallel, on threads with
/// large stacks. Reads nothing, so it can run beside another layer's work on the same sources.
pub fn extract(files: &[FileId], diagnostics: Vec<Diagnostic>, sources: &Sources) -> Extracted {
    let sources_ref: &Sources = sources;
    let workers = std::thread::available_parallelism().map_or(2, std::num::NonZero::get).min(files.len().max(1));
    let chunk = files.len().div_ceil(workers).max(1);
    let mut read: Vec<(FileId, FileFacts, RouteFile)> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|ids| {
                std::thread::Builder::new()
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, move || {
                        ids.iter()
                            .map(|&id| {
                                let file = sources_ref.get(id);
                                let (facts, routes) = lockstep_ts::analyze(id, file.path(), file.text());
                                (id, facts, routes)
                            })
                            .collect::<Vec<_>>()
                    })
                    .expect("spawn a parsing thread")
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("a parsing thread panicked")).collect()
    });
    read.sort_by_key(|(id, _, _)| *id);
    let mut facts = Vec::with_capacity(read.len());
    let mut routes = Vec::new();
    for (id, file_facts, served) in read {
        if !served.handlers.is_empty() || !served.mounts.is_empty() {
            routes.push((sources.get(id).path().to_owned(), served));
        }
        facts.push((id, file_facts));
    }
    Extracted { facts, routes, diagnostics }
}

#[cfg(test)]
mod tests {
    use lockstep_diagnostics::Span;

    use super::*;

    #[test]
    fn shown_files_are_read_again_and_changed_ones_named() {
        let root = tempfile::tempdir().expect("a temporary folder");
        std::fs::write(root.path().join("a.ts"), "const a = 1\n").unwrap();
        std::fs::write(root.path().join("b.ts"), "const b = 2\n").unwrap();
        let mut sources = Sources::new();
        let a = sources.add_unheld("a.ts");
        let b = sources.add_unheld("b.ts");
        let hashes = [(a, content_hash("const a = 1\n")), (b, content_hash("const b = 2\n"))];
        let released = |id| hashes.iter().find(|(file, _)| *file == id).map(|(_, hash)| *hash);
        std::fs::write(root.path().join("b.ts"), "const b = 3\n").unwrap();
        let shown = [Diagnostic::warning("x/y", "in a").at(Span::new(a, 6, 7), "here")];
        assert!(hold_shown(root.path(), &released, &crate::read::Disk, &shown, &mut sources).is_empty());
        assert_eq!(sources.get(a).text(), "const a = 1\n");
        // No finding is shown in `b.ts`: it is not read.
        assert!(!sources.get(b).is_held());

        let shown = [Diagnostic::warning("x/y", "in b").at(Span::new(b, 6, 7), "here")];
        assert_eq!(hold_shown(root.path(), &released, &crate::read::Disk, &shown, &mut sources), ["b.ts"]);
        assert_eq!(sources.get(b).text(), "const b = 3\n");
    }
}
