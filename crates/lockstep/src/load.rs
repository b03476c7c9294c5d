//! Reading a project: its configuration, its contract files, and the parsed and resolved
//! contract. The only place the CLI turns paths into source text.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use lockstep_config::{DiscoverError, Project, discover};
use lockstep_contract::model::Contract;
use lockstep_contract::resolve::resolve;
use lockstep_contract::syntax::parse;
use lockstep_diagnostics::{Diagnostic, FileId, RenderOptions, Sources, decode_text, render_text};

/// Contract files larger than this are refused: no hand-written contract comes close, and the
/// limit keeps a mistaken path (a dump, a binary) from eating memory.
const MAX_CONTRACT_BYTES: u64 = 16 * 1024 * 1024;

pub const CONTRACT_EXTENSION: &str = "lockstep";

/// An error already rendered as a diagnostic with a code frame; printed as is.
#[derive(Debug)]
pub struct Rendered(pub String);

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.trim_end())
    }
}

impl std::error::Error for Rendered {}

fn rendered(diagnostic: &Diagnostic, sources: &Sources, color: bool) -> anyhow::Error {
    let mut text = String::new();
    render_text(&mut text, diagnostic, sources, RenderOptions { color });
    anyhow::Error::new(Rendered(text))
}

/// Finds the project around `path` (default: the current folder).
pub fn project(path: Option<&Path>, sources: &mut Sources, color: bool) -> anyhow::Result<Project> {
    let start = path.unwrap_or_else(|| Path::new("."));
    discover(start, sources).map_err(|err| match err {
        DiscoverError::Invalid(diagnostic) => rendered(&diagnostic, sources, color),
        other => anyhow::Error::new(other),
    })
}

/// The contract of a project: parsed, and resolved when it has no syntax errors.
pub struct LoadedContract {
    pub files: Vec<FileId>,
    pub diagnostics: Vec<Diagnostic>,
    pub contract: Option<Contract>,
}

/// The `.lockstep` files the project's configuration names, sorted by path.
pub fn contract_paths(project: &Project, sources: &Sources, color: bool) -> anyhow::Result<Vec<PathBuf>> {
    let location = project.root.join(&project.config.contract);
    if !location.exists() {
        if let Some(span) = project.contract_span {
            let diagnostic = Diagnostic::error(
                "config/missing-contract",
                format!("the contract `{}` does not exist", project.config.contract.display()),
            )
            .at(span, "no such file or folder")
            .help("point `contract` at a `.lockstep` file or a folder of them, relative to lockstep.toml");
            return Err(rendered(&diagnostic, sources, color));
        }
        bail!(
            "no contract found in `{}`: looked for a `contract/` or `lockstep/` folder and a single `*.lockstep` file\n  help: write one (see docs/contract-language.md), or set `contract = \"path\"` in lockstep.toml",
            project.root.display()
        );
    }
    let files = contract_files_in(&location)?;
    if files.is_empty() {
        bail!("no `.{CONTRACT_EXTENSION}` files in `{}`", shown(&location));
    }
    Ok(files)
}

/// `path` itself when it is a file; every `*.lockstep` below it, sorted, when it is a folder.
pub fn contract_files_in(path: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if !path.exists() {
        bail!("`{}` does not exist", path.display());
    }
    if !path.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files = Vec::new();
    let mut pending = vec![path.to_owned()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).with_context(|| format!("cannot read folder `{}`", dir.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot read folder `{}`", dir.display()))?;
            let file_type = entry.file_type()?;
            let entry_path = entry.path();
            if file_type.is_dir() {
                pending.push(entry_path);
            } else if entry_path.extension().is_some_and(|e| e == CONTRACT_EXTENSION) {
                files.push(entry_path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// A path for messages: as given, without a leading `./`.
fn shown(path: &Path) -> String {
    let text = path.to_string_lossy();
    text.strip_prefix("./").unwrap_or(&text).to_owned()
}

/// Reads one source file as text, refusing binaries, invalid encodings and huge files.
pub fn read_text(path: &Path) -> anyhow::Result<String> {
    let metadata = std::fs::metadata(path).with_context(|| format!("cannot read `{}`", shown(path)))?;
    if metadata.len() > MAX_CONTRACT_BYTES {
        bail!(
            "`{}` is {} MiB; contract files over {} MiB are refused (is this really a contract?)",
            shown(path),
            metadata.len().div_ceil(1024 * 1024),
            MAX_CONTRACT_BYTES / (1024 * 1024)
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read `{}`", shown(path)))?;
    decode_text(&bytes).map_err(|err| anyhow::anyhow!("`{}` {err}", shown(path)))
}

/// A path as shown to users: relative to `base` when inside it, with `/` separators.
pub fn display_path(path: &Path, base: &Path) -> String {
    let relative = path.strip_prefix(base).unwrap_or(path);
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map_or(text.clone(), str::to_owned)
}

/// Reads a file the check reads but does not own (a migration, a source file): the problem is
/// returned as a phrase to put after the file's name, so the caller reports it as a finding and
/// goes on with the other files.
pub fn read_bounded(path: &Path, max_bytes: u64, what: &str) -> Result<String, String> {
    let size = std::fs::metadata(path).map_err(|e| format!("cannot be read ({e})"))?.len();
    if size > max_bytes {
        return Err(format!("is {} MiB, over the {} MiB limit for {what}", size.div_ceil(1 << 20), max_bytes >> 20));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot be read ({e})"))?;
    decode_text(&bytes).map_err(|e| e.to_string())
}

/// Reads `paths` into `sources` with [`read_bounded`]. A file that cannot be read is still added
/// (empty, so findings can point at it) and reported through `unreadable(shown path, problem,
/// span)`; the others are read as usual.
pub fn read_all(
    root: &Path,
    paths: &[PathBuf],
    max_bytes: u64,
    what: &str,
    sources: &mut Sources,
    unreadable: &dyn Fn(&str, &str, lockstep_diagnostics::Span) -> Diagnostic,
) -> (Vec<FileId>, Vec<Diagnostic>) {
    let mut ids = Vec::with_capacity(paths.len());
    let mut diagnostics = Vec::new();
    for path in paths {
        let shown = display_path(path, root);
        match read_bounded(path, max_bytes, what) {
            Ok(text) => ids.push(sources.add(shown, text)),
            Err(message) => {
                let file = sources.add(shown.clone(), String::new());
                diagnostics.push(unreadable(&shown, &message, lockstep_diagnostics::Span::new(file, 0, 0)));
            }
        }
    }
    (ids, diagnostics)
}

/// Reads, parses and (when the syntax is clean) resolves the given contract files.
pub fn contract(paths: &[PathBuf], base: &Path, sources: &mut Sources) -> anyhow::Result<LoadedContract> {
    let mut files = Vec::new();
    for path in paths {
        let text = read_text(path)?;
        files.push(sources.add(display_path(path, base), text));
    }
    let mut trees = Vec::new();
    let mut diagnostics = Vec::new();
    for &file in &files {
        let parsed = parse(file, sources.get(file).text());
        diagnostics.extend(parsed.diagnostics);
        trees.push(parsed.tree);
    }
    // Resolving a partial tree would report names whose definitions failed to parse; the
    // syntax errors come first.
    let contract = if diagnostics.is_empty() {
        let resolved = resolve(sources, &trees);
        diagnostics.extend(resolved.diagnostics);
        Some(resolved.contract)
    } else {
        None
    };
    Ok(LoadedContract { files, diagnostics, contract })
}
