//! The migration lint over files already read, for `migrate lint` and the `migrations` layer of
//! `check`: each file's hazards, and with the app's code, what it drops or renames that the code
//! still uses. Which migrations are not applied yet is decided here too: those missing from a
//! live database's history, or those added since the merge base with the default branch.

use std::path::{Path, PathBuf};
use std::process::Command;

use lockstep_check::migrations::{MigrationFile, breaking_code, lint_migration};
use lockstep_config::{MigrationLayout, Project};
use lockstep_diagnostics::{Diagnostic, FileId, Sources};
use lockstep_sql::migration_facts::{has_no_transaction_marker, migration_facts};
use lockstep_sql::schema::Schema;
use lockstep_ts::facts::FileFacts;

use crate::database;

/// The app's code and the schema after every migration: what `migrate/breaks-code` needs.
pub struct Code<'a> {
    pub facts: Vec<&'a FileFacts>,
    pub schema: Schema,
}

/// Every finding of the lint on `ids`.
pub fn lint(ids: &[FileId], sources: &Sources, code: Option<&Code>) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for &id in ids {
        let text = sources.get(id).text();
        let facts = migration_facts(text);
        let migration = MigrationFile { file: id, facts: &facts, no_transaction: has_no_transaction_marker(text) };
        findings.extend(lint_migration(&migration));
        if let Some(code) = code {
            findings.extend(breaking_code(&migration, &code.facts, &code.schema));
        }
    }
    findings
}

/// The schema after the project's baseline and migrations, then the linted files that are not
/// among them. The migrations are read into a scratch set of sources: findings never point at
/// them, and a file read twice would count its suppressions twice.
pub fn final_schema(
    from: &dyn crate::read::Files,
    project: &Project,
    linted: &[FileId],
    sources: &Sources,
) -> anyhow::Result<Schema> {
    let mut scratch = Sources::new();
    let mut paths = database::baseline_paths_in(from, project)?;
    paths.extend(database::migration_paths_in(from, project)?.unwrap_or_default());
    let read = database::read_migrations(from, project, &paths, &mut scratch);
    let replayed = database::replay_read(project, read, &scratch);
    let known: Vec<&str> = replayed.read.iter().map(|&id| scratch.get(id).path()).collect();
    let extra: Vec<lockstep_sql::replay::MigrationFile> = linted
        .iter()
        .filter(|&&id| !known.contains(&sources.get(id).path()))
        .map(|&id| lockstep_sql::replay::MigrationFile { file: id, text: sources.get(id).text() })
        .collect();
    Ok(lockstep_sql::replay::replay(replayed.schema, &extra).schema)
}

/// The migrations not applied to a database whose history holds `applied`: a file is applied
/// when its version is there (golang-migrate keeps only the latest: every version up to it).
pub fn missing_from_history(project: &Project, paths: &[PathBuf], applied: &[String]) -> Vec<PathBuf> {
    let normal = |v: &str| v.trim_start_matches('0').to_owned();
    let applied: Vec<String> = applied.iter().map(|v| normal(v)).collect();
    let latest = applied.iter().filter_map(|v| v.parse::<u128>().ok()).max();
    paths
        .iter()
        .filter(|path| {
            let Some(version) = version(project.config.migration_layout, path) else { return false };
            let version = normal(&version);
            let up_to_latest = project.config.migration_layout == MigrationLayout::UpDown
                && version.parse::<u128>().ok().zip(latest).is_some_and(|(v, l)| v <= l);
            !applied.contains(&version) && !up_to_latest
        })
        .cloned()
        .collect()
}

/// A migration's version as its tool records it: Flyway's `V<version>__`, Prisma's folder name,
/// otherwise the leading digits.
fn version(layout: MigrationLayout, path: &Path) -> Option<String> {
    if path.file_name().is_some_and(|n| n == "migration.sql") {
        return path.parent()?.file_name().map(|n| n.to_string_lossy().into_owned());
    }
    let name = path.file_name()?.to_string_lossy().into_owned();
    if layout == MigrationLayout::Flyway {
        return name.strip_prefix('V')?.split_once("__").map(|(v, _)| v.to_owned());
    }
    let digits = name.find(|c: char| !c.is_ascii_digit()).unwrap_or(name.len());
    (digits > 0).then(|| name[..digits].to_owned())
}

/// What a branch did to the migrations since the merge base of `HEAD` with the default branch
/// (`origin/HEAD`, else `main` or `master`), committed or not.
pub struct BranchChanges {
    /// Migrations added: not applied anywhere yet.
    pub added: Vec<PathBuf>,
    /// Migrations the default branch had that were changed.
    pub edited: Vec<PathBuf>,
}

/// The migrations among `paths` a branch added or edited. `Err` says why git could not tell
/// (not a repository, no default branch).
pub fn branch_changes(root: &Path, paths: &[PathBuf]) -> Result<BranchChanges, String> {
    let git = |args: &[&str]| -> Result<String, String> {
        let output = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .map_err(|err| format!("git could not run: {err}"))?;
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).trim().to_owned());
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let default = git(&["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"])
        .map(|r| r.trim().to_owned())
        .or_else(|_| git(&["rev-parse", "--verify", "--quiet", "main"]).map(|_| "main".to_owned()))
        .or_else(|_| git(&["rev-parse", "--verify", "--quiet", "master"]).map(|_| "master".to_owned()))
        .map_err(|_| {
            "not a git repository, or no default branch (origin/HEAD, main or master) to compare with".to_owned()
        })?;
    let base = git(&["merge-base", "HEAD", &default])?.trim().to_owned();
    // `A\0path\0M\0path\0...`: the status, then the path.
    let changed = git(&["diff", "--name-status", "--relative", "--diff-filter=AM", "-z", &base])?;
    let untracked = git(&["ls-files", "--others", "--exclude-standard", "-z"])?;
    let mut added: Vec<&str> = untracked.split('\0').collect();
    let mut edited: Vec<&str> = Vec::new();
    let mut fields = changed.split('\0');
    while let (Some(status), Some(path)) = (fields.next(), fields.next()) {
        if status == "A" { added.push(path) } else { edited.push(path) }
    }
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned());
    let among = |names: &[&str]| -> Vec<PathBuf> {
        let listed: Vec<PathBuf> = names.iter().filter(|n| !n.is_empty()).map(|n| canonical(&root.join(n))).collect();
        paths.iter().filter(|p| listed.contains(&canonical(p))).cloned().collect()
    };
    Ok(BranchChanges { added: among(&added), edited: among(&edited) })
}
