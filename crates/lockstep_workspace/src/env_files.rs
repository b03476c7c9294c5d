//! The env files of each environment: read, parsed, and stored with every value that is not
//! declared `public` masked, so no output (a code frame included) can ever show a secret.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use lockstep_config::Project;
use lockstep_contract::model::{Contract, Visibility};
use lockstep_diagnostics::{Diagnostic, FileId, Sources, Span};
use lockstep_env::{EnvFile, mask_values, parse_env};

use crate::load::display_path;

pub struct ReadEnvFile {
    pub environment: String,
    pub file: FileId,
    pub parsed: EnvFile,
    pub tracked: bool,
}

impl ReadEnvFile {
    /// The file as the env rules read it.
    pub fn facts(&self) -> lockstep_check::env::EnvFileFacts<'_> {
        lockstep_check::env::EnvFileFacts {
            environment: &self.environment,
            file: self.file,
            parsed: &self.parsed,
            tracked: self.tracked,
        }
    }
}

pub const UNREADABLE_ENV_FILE: &str = "env/unreadable-file";

/// Reads the env files that exist, for every environment the configuration lists. A file that
/// exists but cannot be read as text is a finding at the file: skipping it would report the
/// environment as clean.
pub fn read_env_files(
    from: &dyn crate::read::Files,
    project: &Project,
    contract: &Contract,
    sources: &mut Sources,
) -> (Vec<ReadEnvFile>, Vec<Diagnostic>) {
    let tracked = tracked_files(&project.root);
    let mut read = Vec::new();
    let mut unreadable = Vec::new();
    for (environment, paths) in &project.config.env_files {
        for path in paths {
            let full = project.root.join(path);
            let shown = display_path(&full, &project.root);
            let text = match read_env_file(from, project, &full) {
                None => continue,
                Some(Ok(text)) => text,
                Some(Err(problem)) => {
                    // Nothing of the file is stored: an undecodable file may still hold a secret.
                    let file = sources.set(shown.clone(), String::new());
                    unreadable.push(
                        Diagnostic::error(
                            UNREADABLE_ENV_FILE,
                            format!("`{shown}` {problem}; {environment}'s variables in it were not checked"),
                        )
                        .at(Span::new(file, 0, 0), "this file")
                        .help("env files are UTF-8 text (`NAME=value` lines); convert the file, or take it out of `[env.files]` in lockstep.toml"),
                    );
                    continue;
                }
            };
            // Only the masked text is stored: it is what any output can quote.
            let masked =
                mask_values(&text, &|name| contract.env_var(name).is_some_and(|v| v.visibility == Visibility::Public));
            let file = sources.set(shown.clone(), masked);
            let parsed = parse_env(file, &text);
            read.push(ReadEnvFile {
                environment: environment.clone(),
                file,
                parsed,
                tracked: tracked.contains(&shown),
            });
        }
    }
    (read, unreadable)
}

/// An env file's text under the reading policy, or `None` when there is no such file (the
/// default list names files most apps do not have). A dangling symlink is a file that cannot be
/// read, not an absent one.
pub fn read_env_file(from: &dyn crate::read::Files, project: &Project, path: &Path) -> Option<Result<String, String>> {
    if !from.exists(path) {
        return None;
    }
    let root = crate::read::canonical_root(&project.root);
    Some(from.read_text(path, crate::read::Within::Root(&root), crate::read::ENV))
}

/// The files git tracks under `root`, relative with `/`; empty when git is absent or this is no
/// repository.
fn tracked_files(root: &Path) -> HashSet<String> {
    let Ok(output) =
        Command::new("git").arg("-C").arg(root).args(["ls-files", "-z", "--full-name", "--", "."]).output()
    else {
        return HashSet::new();
    };
    if !output.status.success() {
        return HashSet::new();
    }
    let prefix = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--show-prefix"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    String::from_utf8_lossy(&output.stdout)
        .split('\0')
        .filter(|p| !p.is_empty())
        .map(|p| p.strip_prefix(&prefix).unwrap_or(p).to_owned())
        .collect()
}
