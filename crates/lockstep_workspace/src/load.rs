//! Reading a project: its configuration, its contract files, and the parsed and resolved
//! contract. The only place the CLI turns paths into source text.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use lockstep_config::{DiscoverError, Project, discover};
use lockstep_contract::model::Contract;
use lockstep_contract::resolve::resolve;
use lockstep_contract::syntax::parse;
use lockstep_diagnostics::{Diagnostic, FileId, RenderOptions, Severity, Sources, render_text};

use crate::read::{Files, Within};

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

pub fn rendered(diagnostic: &Diagnostic, sources: &Sources, color: bool) -> anyhow::Error {
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
    contract_paths_in(&crate::read::Disk, project, sources, color)
}

/// [`contract_paths`], listed through `from`.
pub fn contract_paths_in(
    from: &dyn Files,
    project: &Project,
    sources: &Sources,
    color: bool,
) -> anyhow::Result<Vec<PathBuf>> {
    let location = project.root.join(&project.config.contract);
    if !from.exists(&location) && !from.is_dir(&location) {
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
    // A contract folder linked outside the project (`contract -> /`) is not walked.
    if !crate::read::resolves_inside(&location, &crate::read::canonical_root(&project.root)) {
        let mut diagnostic = Diagnostic::error(
            crate::sources::OUTSIDE_ROOT,
            format!("the contract `{}` leads outside the project root", project.config.contract.display()),
        )
        .help("lockstep reads only inside the project (the folder of lockstep.toml); replace the link with the folder, or run lockstep from a folder that contains both");
        if let Some(span) = project.contract_span {
            diagnostic = diagnostic.at(span, "outside the project root");
        }
        return Err(rendered(&diagnostic, sources, color));
    }
    let files = contract_files_from(from, &location)?;
    if files.is_empty() {
        bail!("no `.{CONTRACT_EXTENSION}` files in `{}`", shown(&location));
    }
    Ok(files)
}

/// `path` itself when it is a file; every `*.lockstep` below it, sorted, when it is a folder.
pub fn contract_files_in(path: &Path) -> anyhow::Result<Vec<PathBuf>> {
    contract_files_from(&crate::read::Disk, path)
}

/// [`contract_files_in`], listed through `from`.
pub fn contract_files_from(from: &dyn Files, path: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if !from.exists(path) && !from.is_dir(path) {
        bail!("`{}` does not exist", path.display());
    }
    if !from.is_dir(path) {
        return Ok(vec![path.to_owned()]);
    }
    let mut files = Vec::new();
    let mut pending = vec![path.to_owned()];
    while let Some(dir) = pending.pop() {
        let entries = from.list(&dir).with_context(|| format!("cannot read folder `{}`", dir.display()))?;
        for entry in entries {
            if entry.is_dir {
                pending.push(entry.path);
            } else if entry.path.extension().is_some_and(|e| e == CONTRACT_EXTENSION) {
                files.push(entry.path);
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

/// Reads one contract file as text under the reading policy ([`crate::read`]); a problem stops
/// the command, since a partial contract would report drift that is not there.
pub fn read_text(path: &Path, within: Within<'_>) -> anyhow::Result<String> {
    read_contract_text(&crate::read::Disk, path, within)
}

fn read_contract_text(files: &dyn Files, path: &Path, within: Within<'_>) -> anyhow::Result<String> {
    files
        .read_text(path, within, crate::read::CONTRACT)
        .map_err(|problem| anyhow::anyhow!("`{}` {problem}", shown(path)))
}

/// A path as shown to users: relative to `base` when inside it, with `/` separators.
pub fn display_path(path: &Path, base: &Path) -> String {
    let relative = path.strip_prefix(base).unwrap_or(path);
    let text = relative.to_string_lossy();
    // `\\` separates folders only on Windows; on Unix it is a character of a file's name.
    let text = if std::path::MAIN_SEPARATOR == '\\' { text.replace('\\', "/") } else { text.into_owned() };
    text.strip_prefix("./").map_or(text.clone(), str::to_owned)
}

/// Reads `paths`, all inside the project `root`, into `sources` under the reading policy. A file
/// that cannot be read is still added (empty, so findings can point at it) and reported through
/// `unreadable(shown path, problem, span)`; the others are read as usual.
pub fn read_all(
    files: &dyn Files,
    root: &Path,
    paths: &[PathBuf],
    kind: crate::read::Kind,
    sources: &mut Sources,
    unreadable: &dyn Fn(&str, &str, lockstep_diagnostics::Span) -> Diagnostic,
) -> (Vec<FileId>, Vec<Diagnostic>) {
    let mut ids = Vec::with_capacity(paths.len());
    let mut diagnostics = Vec::new();
    let canonical = crate::read::canonical_root(root);
    for path in paths {
        let shown = display_path(path, root);
        match files.read_text(path, Within::Root(&canonical), kind) {
            Ok(text) => ids.push(sources.set(shown, text)),
            Err(message) => {
                let file = sources.set(shown.clone(), String::new());
                diagnostics.push(unreadable(&shown, &message, lockstep_diagnostics::Span::new(file, 0, 0)));
            }
        }
    }
    (ids, diagnostics)
}

/// Reads, parses and (when the syntax is clean) resolves the given contract files, shown
/// relative to `base`; `within` says where they may be.
pub fn contract(
    paths: &[PathBuf],
    base: &Path,
    within: Within<'_>,
    sources: &mut Sources,
) -> anyhow::Result<LoadedContract> {
    contract_from(&crate::read::Disk, paths, base, within, sources)
}

/// [`contract`], with the texts from `from`.
pub fn contract_from(
    from: &dyn Files,
    paths: &[PathBuf],
    base: &Path,
    within: Within<'_>,
    sources: &mut Sources,
) -> anyhow::Result<LoadedContract> {
    let mut files = Vec::new();
    for path in paths {
        let text = read_contract_text(from, path, within)?;
        files.push(sources.set(display_path(path, base), text));
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

/// A project whose contract resolved without errors: what every command that works from the
/// contract (`gen`, `export openapi`, `test`) starts from.
pub struct SoundProject {
    pub sources: Sources,
    pub project: Project,
    /// The contract files, as read.
    pub files: Vec<FileId>,
    pub contract: Contract,
}

/// Finds the project around `path`, reads its contract and resolves it; a contract with errors
/// is an error that shows them (rendered in colour when `color`).
pub fn sound_project(path: Option<&Path>, color: bool) -> anyhow::Result<SoundProject> {
    let mut sources = Sources::new();
    let project = project(path, &mut sources, color)?;
    let paths = contract_paths(&project, &sources, color)?;
    let root = crate::read::canonical_root(&project.root);
    let loaded = contract(&paths, &project.root, Within::Root(&root), &mut sources)?;
    let errors: Vec<&Diagnostic> = loaded.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    match loaded.contract {
        Some(contract) if errors.is_empty() => Ok(SoundProject { sources, project, files: loaded.files, contract }),
        _ => {
            let mut rendered = String::new();
            for error in errors {
                render_text(&mut rendered, error, &sources, RenderOptions { color });
            }
            bail!("the contract has errors; fix them first (`lockstep check`):\n{rendered}");
        }
    }
}
