//! `lockstep migrate`: migrations planned from the contract (`plan`), the hazards of migration
//! SQL (`lint`), what a live database has applied (`status`) and applying the rest (`apply`).

pub mod apply;
pub mod lint;
pub mod plan;

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use lockstep_config::{Project, Provider};

/// The project's migrations folder: the configured or detected one, else where the app's
/// provider keeps them (`supabase/migrations`, `migrations`).
pub fn migrations_folder(project: &Project) -> PathBuf {
    project.config.migrations.clone().unwrap_or_else(|| match project.config.provider {
        Provider::Supabase => PathBuf::from("supabase/migrations"),
        Provider::Postgres => PathBuf::from("migrations"),
    })
}

/// The names in a migrations folder: files, and `<folder>/migration.sql` for Prisma's folders.
/// Empty when the folder does not exist.
pub fn folder_entries(dir: &Path) -> anyhow::Result<Vec<String>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read `{}`", dir.display()))? {
        let entry = entry.with_context(|| format!("cannot read `{}`", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().is_ok_and(|t| t.is_dir()) && entry.path().join("migration.sql").is_file() {
            names.push(format!("{name}/migration.sql"));
        } else {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}
