//! The app's TypeScript and JavaScript: found with a gitignore-aware walk of the configured
//! folders, read as text (UTF-8 or UTF-16 with a byte order mark), and parsed in parallel.

use std::path::PathBuf;

use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;
use lockstep_config::Project;
use lockstep_diagnostics::{Diagnostic, FileId, Sources};
use lockstep_ts::facts::FileFacts;

const EXTENSIONS: [&str; 8] = ["ts", "tsx", "js", "jsx", "mts", "cts", "mjs", "cjs"];
/// Dependencies, skipped at any depth even without a `.gitignore`.
const DEPENDENCIES: &str = "node_modules";
/// Build output, skipped at the project's root even without a `.gitignore`. Only there: a
/// folder of these names deeper down is as likely a route (`app/api/reports/coverage/route.ts`)
/// as output, and output elsewhere is `.gitignore`d, which the walk honours.
const BUILD_OUTPUT: [&str; 9] =
    [".next", "dist", "build", "out", "coverage", ".turbo", ".vercel", ".svelte-kit", ".output"];
/// Larger files are bundles or generated code, not the app's source.
const MAX_SOURCE_BYTES: u64 = 8 * 1024 * 1024;
/// Each parsing thread's stack: generous, since parsers recurse on nesting.
const WORKER_STACK: usize = 64 * 1024 * 1024;

pub const UNREADABLE_SOURCE: &str = "ui/unreadable-file";

/// The source files of the project, sorted.
pub fn source_paths(project: &Project) -> anyhow::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for folder in &project.config.sources {
        let root = project.root.join(folder);
        if !root.exists() {
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
    Ok(paths)
}

/// Reads the files into `sources` and extracts their facts in parallel.
pub fn read_and_extract(
    project: &Project,
    paths: &[PathBuf],
    sources: &mut Sources,
) -> (Vec<(FileId, FileFacts)>, Vec<Diagnostic>) {
    let (files, diagnostics) = crate::load::read_all(
        &project.root,
        paths,
        MAX_SOURCE_BYTES,
        "a source file",
        sources,
        &|shown, message, span| {
            Diagnostic::warning(UNREADABLE_SOURCE, format!("`{shown}` {message}; it was not checked"))
                .at(span, "this file")
                .help("exclude it in lockstep.toml (`[sources] exclude`) if it is not source code")
        },
    );
    let sources_ref: &Sources = sources;
    let workers = std::thread::available_parallelism().map_or(2, std::num::NonZero::get).min(files.len().max(1));
    let chunk = files.len().div_ceil(workers).max(1);
    let mut facts: Vec<(FileId, FileFacts)> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|ids| {
                std::thread::Builder::new()
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, move || {
                        ids.iter()
                            .map(|&id| {
                                let file = sources_ref.get(id);
                                (id, lockstep_ts::extract(id, file.path(), file.text()))
                            })
                            .collect::<Vec<_>>()
                    })
                    .expect("spawn a parsing thread")
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("a parsing thread panicked")).collect()
    });
    facts.sort_by_key(|(id, _)| *id);
    (facts, diagnostics)
}
