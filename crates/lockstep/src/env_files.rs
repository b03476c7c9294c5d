//! The env files of each environment: read, parsed, and stored with every value that is not
//! declared `public` masked, so no output (a code frame included) can ever show a secret.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use lockstep_config::Project;
use lockstep_contract::model::{Contract, Visibility};
use lockstep_diagnostics::{FileId, Sources, decode_text};
use lockstep_env::{EnvFile, mask_values, parse_env};

use crate::load::display_path;

pub struct ReadEnvFile {
    pub environment: String,
    pub file: FileId,
    pub parsed: EnvFile,
    pub tracked: bool,
}

/// Reads the env files that exist, for every environment the configuration lists.
pub fn read_env_files(project: &Project, contract: &Contract, sources: &mut Sources) -> Vec<ReadEnvFile> {
    let tracked = tracked_files(&project.root);
    let mut read = Vec::new();
    for (environment, paths) in &project.config.env_files {
        for path in paths {
            let full = project.root.join(path);
            let Ok(bytes) = std::fs::read(&full) else { continue };
            let Ok(text) = decode_text(&bytes) else { continue };
            let shown = display_path(&full, &project.root);
            // Only the masked text is stored: it is what any output can quote.
            let masked =
                mask_values(&text, &|name| contract.env_var(name).is_some_and(|v| v.visibility == Visibility::Public));
            let file = sources.add(shown.clone(), masked);
            let parsed = parse_env(file, &text);
            read.push(ReadEnvFile {
                environment: environment.clone(),
                file,
                parsed,
                tracked: tracked.contains(&shown),
            });
        }
    }
    read
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
