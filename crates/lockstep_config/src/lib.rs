//! `lockstep.toml`: where an app keeps its contract, migrations, sources and env files, with
//! defaults detected from common layouts (Supabase, Next.js, Vite) when a key or the whole file
//! is absent.

mod detect;
mod file;

pub use detect::{DiscoverError, Project, discover};
pub use file::{ConfigFile, parse_config};

use std::path::PathBuf;

pub const CONFIG_FILE: &str = "lockstep.toml";

/// The file order convention of a migrations folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MigrationLayout {
    /// `20240101120000_name.sql` (Supabase, sqlx): ordered by the numeric prefix.
    Timestamped,
    /// `V1__name.sql`, `V1.1__name.sql` (Flyway): ordered by version.
    Flyway,
    /// `0001_name.up.sql` (golang-migrate): `.down.sql` files are ignored.
    UpDown,
}

impl MigrationLayout {
    pub const ALL: [(&'static str, MigrationLayout); 3] = [
        ("timestamped", MigrationLayout::Timestamped),
        ("flyway", MigrationLayout::Flyway),
        ("up-down", MigrationLayout::UpDown),
    ];

    pub fn as_str(self) -> &'static str {
        MigrationLayout::ALL.iter().find(|(_, l)| *l == self).map_or("timestamped", |(n, _)| n)
    }
}

/// Who runs the database: decides which built-in objects (`auth.users`, `storage.objects`)
/// exist before the first migration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provider {
    Supabase,
    Postgres,
}

impl Provider {
    pub const ALL: [(&'static str, Provider); 2] = [("supabase", Provider::Supabase), ("postgres", Provider::Postgres)];
}

/// Where everything lives, with defaults applied. Paths are relative to the project root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// A `.lockstep` file or a folder of them.
    pub contract: PathBuf,
    pub migrations: Option<PathBuf>,
    pub migration_layout: MigrationLayout,
    pub provider: Provider,
    /// The env variable holding the database URL, for `--db` when it is not given.
    pub database_url_env: String,
    /// Source folders or files to read TypeScript and JavaScript from.
    pub sources: Vec<PathBuf>,
    /// Glob patterns of paths to skip, on top of `.gitignore`.
    pub exclude: Vec<String>,
    /// Env files per environment, in precedence order (later files override earlier ones).
    pub env_files: Vec<(String, Vec<PathBuf>)>,
}
