//! `lockstep.toml`: where an app keeps its contract, migrations, sources and env files, with
//! defaults detected from common layouts (Supabase, Next.js, Vite) when a key or the whole file
//! is absent.

mod detect;
mod file;

pub use detect::{DiscoverError, Project, discover};
pub use file::{ConfigFile, GenSection, parse_config};

use std::path::PathBuf;

pub const CONFIG_FILE: &str = "lockstep.toml";

/// Where apps keep the generated `Database` type (Lovable, the Supabase templates, the docs'
/// examples), looked at in this order when `[database] types` is not set.
pub const TYPES_FILES: &[&str] = &[
    "src/integrations/supabase/types.ts",
    "src/types/supabase.ts",
    "src/types/database.types.ts",
    "src/types/database.ts",
    "src/lib/database.types.ts",
    "src/lib/supabase/types.ts",
    "src/lib/supabase/database.types.ts",
    "src/database.types.ts",
    "src/supabase/types.ts",
    "lib/database.types.ts",
    "lib/supabase/database.types.ts",
    "types/supabase.ts",
    "types/database.types.ts",
    "types_db.ts",
    "database.types.ts",
    "supabase/types.ts",
    "supabase/database.types.ts",
    "types/database.ts",
    "lib/supabase/types.ts",
    "utils/supabase/types.ts",
    "src/utils/supabase/types.ts",
    "src/lib/types/database.ts",
    "lib/types/database.ts",
    "src/integrations/supabase/database.types.ts",
];

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
    /// A schema replayed before the migrations (`supabase/schema.sql`, `database/schema.sql`,
    /// Supabase's declarative `supabase/schemas/`): a file or a folder of `.sql` files.
    pub baseline: Option<PathBuf>,
    /// The generated TypeScript `Database` type, when set in lockstep.toml; otherwise found by
    /// its content in the usual places (see `TYPES_FILES`).
    pub types: Option<PathBuf>,
    pub provider: Provider,
    /// The env variable holding the database URL, for `--db` when it is not given.
    pub database_url_env: String,
    /// Source folders or files to read TypeScript and JavaScript from.
    pub sources: Vec<PathBuf>,
    /// Glob patterns of paths to skip, on top of `.gitignore`.
    pub exclude: Vec<String>,
    /// Env files per environment, in precedence order (later files override earlier ones).
    pub env_files: Vec<(String, Vec<PathBuf>)>,
    /// Where `lockstep gen` writes each output.
    pub generate: GenConfig,
}

/// The files `lockstep gen` writes, relative to the project root; `None`: not written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GenConfig {
    /// The supabase `Database` type. Defaults to the generated types file the app already has
    /// (`[database] types`, or the first of `TYPES_FILES` that exists), replacing what
    /// `supabase gen types typescript` wrote; else `src/lib/database.types.ts` (with a `src/`
    /// folder), `lib/database.types.ts` (with `lib/`) or `database.types.ts`.
    pub database: Option<PathBuf>,
    /// The API types: `src/lib/api/types.ts` with a `src/` folder, `lib/api/types.ts` with
    /// `lib/`, else `api/types.ts`.
    pub types: Option<PathBuf>,
    /// The typed fetch client, beside the types by default (`.../api/client.ts`).
    pub client: Option<PathBuf>,
    /// zod 4 schemas of the API's payloads. Off unless set: they need the `zod` package.
    pub validators: Option<PathBuf>,
    /// The whole schema as SQL. Off unless set: lockstep reads every `.sql` file outside the
    /// migrations as SQL run by hand, so the app chooses where this one lives.
    pub schema: Option<PathBuf>,
}
