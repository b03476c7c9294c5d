//! The app's TypeScript and JavaScript: found with a gitignore-aware walk of the configured
//! folders, read as text (UTF-8 or UTF-16 with a byte order mark), and parsed in parallel.

use std::path::PathBuf;

use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;
use lockstep_config::Project;
use lockstep_diagnostics::{Diagnostic, FileId, Sources};
use lockstep_ts::facts::FileFacts;
use lockstep_ts::routes::RouteFile;

const EXTENSIONS: [&str; 8] = ["ts", "tsx", "js", "jsx", "mts", "cts", "mjs", "cjs"];
/// Dependencies, skipped at any depth even without a `.gitignore`.
const DEPENDENCIES: &str = "node_modules";
/// Build output, skipped at the project's root even without a `.gitignore`. Only there: a
/// folder of these names deeper down is as likely a route (`app/api/reports/coverage/route.ts`)
/// as output, and output elsewhere is `.gitignore`d, which the walk honours.
pub(crate) const BUILD_OUTPUT: [&str; 9] =
    [".next", "dist", "build", "out", "coverage", ".turbo", ".vercel", ".svelte-kit", ".output"];
/// Each parsing thread's stack: generous, since parsers and walks recurse on nesting. The guard
/// in `lockstep_ts` bounds nesting before parsing; this is the second line of defence, and
/// costs address space only, since untouched stack pages are never committed.
const WORKER_STACK: usize = 256 * 1024 * 1024;

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
    crate::load::read_all(&project.root, paths, crate::read::SOURCE, sources, &|shown, message, span| {
        Diagnostic::warning(UNREADABLE_SOURCE, format!("`{shown}` {message}; it was not checked"))
            .at(span, "this file")
            .help("exclude it in lockstep.toml (`[sources] exclude`) if it is not source code")
    })
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
