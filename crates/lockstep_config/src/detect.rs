//! Finding the project root and filling in what `lockstep.toml` leaves out from the layout on
//! disk.

use std::fmt;
use std::path::{Path, PathBuf};

use lockstep_diagnostics::{Diagnostic, FileId, Sources, Span, decode_text};

use crate::file::{ConfigFile, GenSection, INVALID_CONFIG, OUTSIDE_ROOT, parse_config};
use crate::{CONFIG_FILE, Config, GenConfig, MigrationLayout, Provider, TYPES_FILES};

/// A project: its root folder and its configuration with defaults applied.
#[derive(Debug)]
pub struct Project {
    pub root: PathBuf,
    pub config: Config,
    /// `lockstep.toml`, when the project has one.
    pub config_file: Option<FileId>,
    /// Where `contract` was set in `lockstep.toml`, for errors about it.
    pub contract_span: Option<Span>,
    pub migrations_span: Option<Span>,
    /// Where each entry of `config.sources` was set, when `[sources] include` set it.
    pub source_spans: Vec<Option<Span>>,
}

#[derive(Debug)]
pub enum DiscoverError {
    /// The starting path does not exist.
    NotFound(PathBuf),
    Read {
        path: PathBuf,
        message: String,
    },
    /// `lockstep.toml` is invalid; the diagnostic points into it.
    Invalid(Box<Diagnostic>),
}

impl fmt::Display for DiscoverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DiscoverError::NotFound(path) => write!(f, "`{}` does not exist", path.display()),
            DiscoverError::Read { path, message } => write!(f, "cannot read `{}`: {message}", path.display()),
            DiscoverError::Invalid(diagnostic) => f.write_str(&diagnostic.message),
        }
    }
}

impl std::error::Error for DiscoverError {}

/// Finds the project containing `start`: the nearest folder upwards with a `lockstep.toml`, or
/// `start` itself (its folder, for a file) when there is none.
pub fn discover(start: &Path, sources: &mut Sources) -> Result<Project, DiscoverError> {
    if !start.exists() {
        return Err(DiscoverError::NotFound(start.to_owned()));
    }
    let start_dir = if start.is_dir() {
        start.to_owned()
    } else {
        start.parent().map_or_else(|| PathBuf::from("."), Path::to_owned)
    };
    let absolute = std::path::absolute(&start_dir).unwrap_or_else(|_| start_dir.clone());
    // `exists`, not `is_file`: a `lockstep.toml` that is a FIFO or a folder is refused below,
    // not silently passed over.
    let found = absolute.ancestors().find(|dir| dir.join(CONFIG_FILE).exists()).map(Path::to_owned);
    let root = found.clone().unwrap_or(start_dir);
    let (file, config_file) = match found {
        Some(dir) => {
            let path = dir.join(CONFIG_FILE);
            let bytes = read_config(&path).map_err(|message| DiscoverError::Read { path: path.clone(), message })?;
            let text = decode_text(&bytes)
                .map_err(|err| DiscoverError::Read { path: path.clone(), message: format!("the file {err}") })?;
            let id = sources.add(CONFIG_FILE, text);
            let parsed = parse_config(id, sources.get(id).text()).map_err(DiscoverError::Invalid)?;
            (parsed, Some(id))
        }
        None => (ConfigFile::default(), None),
    };
    build(root, file, config_file)
}

/// `lockstep.toml` is a few dozen lines; anything near this limit is not a configuration.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// The bytes of `lockstep.toml`: a regular file (checked before opening, since opening a FIFO
/// blocks), read at most up to the limit.
fn read_config(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let metadata = std::fs::metadata(path).map_err(|err| err.to_string())?;
    if !metadata.is_file() {
        return Err("it is not a regular file".to_owned());
    }
    let file = std::fs::File::open(path).map_err(|err| err.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes).map_err(|err| err.to_string())?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(format!("it is over the {} MiB limit for lockstep.toml", MAX_CONFIG_BYTES >> 20));
    }
    Ok(bytes)
}

/// Whether a configured path stays inside the project root, read lexically: relative, and no
/// `..` climbing above where it started. Symlinks are checked when files are read.
fn stays_inside(path: &str) -> bool {
    let mut depth = 0usize;
    for component in Path::new(path).components() {
        match component {
            std::path::Component::Normal(_) => depth += 1,
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => match depth.checked_sub(1) {
                Some(up) => depth = up,
                None => return false,
            },
            std::path::Component::RootDir | std::path::Component::Prefix(_) => return false,
        }
    }
    true
}

/// Refuses a configured path that leads outside the project root, at its key.
fn check_inside(file: Option<FileId>, path: &toml::Spanned<String>, key: &str) -> Result<(), DiscoverError> {
    if stays_inside(path.get_ref()) {
        return Ok(());
    }
    let mut diagnostic = Diagnostic::error(
        OUTSIDE_ROOT,
        format!("`{key}` names `{}`, outside the project root", path.get_ref()),
    )
    .help("lockstep reads only inside the project (the folder of lockstep.toml): write a path relative to it that does not climb out with `..`; for a monorepo, put lockstep.toml in a folder that holds everything it names");
    if let Some(span) = span_of(file, path) {
        diagnostic = diagnostic.at(span, "outside the project root");
    }
    Err(DiscoverError::Invalid(Box::new(diagnostic)))
}

fn span_of<T>(file: Option<FileId>, spanned: &toml::Spanned<T>) -> Option<Span> {
    let range = spanned.span();
    file.map(|f| Span::new(f, range.start as u32, range.end as u32))
}

fn build(root: PathBuf, file: ConfigFile, config_file: Option<FileId>) -> Result<Project, DiscoverError> {
    let database = file.database.unwrap_or_default();
    let sources_section = file.sources.unwrap_or_default();
    let env_section = file.env.and_then(|e| e.files);
    let configured = file
        .contract
        .iter()
        .map(|p| (p, "contract"))
        .chain(database.migrations.iter().map(|p| (p, "[database] migrations")))
        .chain(database.baseline.iter().map(|p| (p, "[database] baseline")))
        .chain(database.types.iter().map(|p| (p, "[database] types")))
        .chain(sources_section.include.iter().flatten().map(|p| (p, "[sources] include")))
        .chain(env_section.iter().flat_map(|files| files.values().flatten().map(|p| (p, "[env.files]"))));
    for (path, key) in configured {
        check_inside(config_file, path, key)?;
    }
    let contract_span = file.contract.as_ref().and_then(|c| span_of(config_file, c));
    let migrations_span = database.migrations.as_ref().and_then(|m| span_of(config_file, m));
    let contract = file.contract.map_or_else(|| detect_contract(&root), |c| PathBuf::from(c.into_inner()));
    let migrations = database.migrations.map(|m| PathBuf::from(m.into_inner())).or_else(|| detect_migrations(&root));
    let migration_layout = match &database.layout {
        Some(layout) => {
            MigrationLayout::ALL.iter().find(|(n, _)| n == layout.get_ref()).map(|(_, l)| *l).ok_or_else(|| {
                let names: Vec<String> = MigrationLayout::ALL.iter().map(|(n, _)| format!("`{n}`")).collect();
                let mut diagnostic =
                    Diagnostic::error(INVALID_CONFIG, format!("unknown migration layout `{}`", layout.get_ref()))
                        .help(format!("use one of {}", names.join(", ")));
                if let Some(span) = span_of(config_file, layout) {
                    diagnostic = diagnostic.at(span, "not a layout");
                }
                DiscoverError::Invalid(Box::new(diagnostic))
            })?
        }
        None => migrations.as_ref().map_or(MigrationLayout::Timestamped, |dir| detect_layout(&root.join(dir))),
    };
    let provider = match &database.provider {
        Some(provider) => {
            Provider::ALL.iter().find(|(n, _)| n == provider.get_ref()).map(|(_, p)| *p).ok_or_else(|| {
                let mut diagnostic =
                    Diagnostic::error(INVALID_CONFIG, format!("unknown database provider `{}`", provider.get_ref()))
                        .help("use `supabase` or `postgres`");
                if let Some(span) = span_of(config_file, provider) {
                    diagnostic = diagnostic.at(span, "not a provider");
                }
                DiscoverError::Invalid(Box::new(diagnostic))
            })?
        }
        None if root.join("supabase").is_dir() || migrations.as_ref().is_some_and(|m| m.starts_with("supabase")) => {
            Provider::Supabase
        }
        None => Provider::Postgres,
    };
    let baseline = database.baseline.map(|b| PathBuf::from(b.into_inner())).or_else(|| detect_baseline(&root));
    let types = database.types.map(|t| PathBuf::from(t.into_inner()));
    let (sources, source_spans) = if let Some(list) = sources_section.include {
        list.iter().map(|p| (PathBuf::from(p.get_ref()), span_of(config_file, p))).unzip()
    } else {
        let detected = detect_sources(&root);
        let spans = vec![None; detected.len()];
        (detected, spans)
    };
    let env_files = env_section.map_or_else(default_env_files, |files| {
        files
            .into_iter()
            .map(|(env, list)| (env, list.into_iter().map(|p| PathBuf::from(p.into_inner())).collect()))
            .collect()
    });
    let gen_config = gen_config(&root, file.generate.unwrap_or_default(), types.as_ref(), config_file)?;
    let config = Config {
        contract,
        migrations,
        migration_layout,
        baseline,
        types,
        provider,
        database_url_env: database.url_env.unwrap_or_else(|| "DATABASE_URL".to_owned()),
        sources,
        exclude: sources_section.exclude.unwrap_or_default(),
        env_files,
        generate: gen_config,
    };
    Ok(Project { root, config, config_file, contract_span, migrations_span, source_spans })
}

/// `[gen]` with defaults: each output a path inside the root, `false` (off) or `true` (the
/// default).
fn gen_config(
    root: &Path,
    section: GenSection,
    types: Option<&PathBuf>,
    file: Option<FileId>,
) -> Result<GenConfig, DiscoverError> {
    let output = |value: Option<toml::Spanned<toml::Value>>, key: &str, default: Option<PathBuf>| {
        let Some(value) = value else { return Ok(default) };
        let span = value.span();
        let invalid = |message: String, help: &str| {
            let mut diagnostic = Diagnostic::error(INVALID_CONFIG, message).help(help.to_owned());
            if let Some(file) = file {
                diagnostic = diagnostic.at(Span::new(file, span.start as u32, span.end as u32), "here");
            }
            DiscoverError::Invalid(Box::new(diagnostic))
        };
        match value.get_ref() {
            toml::Value::Boolean(false) => Ok(None),
            toml::Value::Boolean(true) => Ok(default),
            toml::Value::String(path) if path.is_empty() => Err(invalid(
                format!("`[gen] {key}` is empty"),
                "write the path of the file to generate, or `false` to generate none",
            )),
            toml::Value::String(path) => {
                check_inside(file, &toml::Spanned::new(span, path.clone()), &format!("[gen] {key}"))?;
                Ok(Some(PathBuf::from(path)))
            }
            other => Err(invalid(
                format!("`[gen] {key}` is a {}, not a path or `false`", other.type_str()),
                "write the path of the file to generate (relative to lockstep.toml), or `false` to generate none",
            )),
        }
    };
    let api = if root.join("src").is_dir() {
        PathBuf::from("src/lib/api")
    } else if root.join("lib").is_dir() {
        PathBuf::from("lib/api")
    } else {
        PathBuf::from("api")
    };
    Ok(GenConfig {
        database: output(section.database, "database", Some(default_database_output(root, types)))?,
        types: output(section.types, "types", Some(api.join("types.ts")))?,
        client: output(section.client, "client", Some(api.join("client.ts")))?,
        validators: output(section.validators, "validators", None)?,
        schema: output(section.schema, "schema", None)?,
    })
}

/// Where the `Database` type goes when `[gen] database` is not set: over the generated types
/// file the app has, so `lockstep gen` replaces `supabase gen types typescript` in place.
fn default_database_output(root: &Path, types: Option<&PathBuf>) -> PathBuf {
    if let Some(types) = types {
        return types.clone();
    }
    if let Some(existing) = TYPES_FILES.iter().map(PathBuf::from).find(|path| root.join(path).is_file()) {
        return existing;
    }
    if root.join("src").is_dir() {
        PathBuf::from("src/lib/database.types.ts")
    } else if root.join("lib").is_dir() {
        PathBuf::from("lib/database.types.ts")
    } else {
        PathBuf::from("database.types.ts")
    }
}

/// `contract/` or `lockstep/` folders, else a single `*.lockstep` file at the root.
fn detect_contract(root: &Path) -> PathBuf {
    for dir in ["contract", "lockstep"] {
        if root.join(dir).is_dir() {
            return PathBuf::from(dir);
        }
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "lockstep") && path.is_file())
        .filter_map(|path| path.file_name().map(PathBuf::from))
        .collect();
    files.sort();
    if files.len() == 1 { files.remove(0) } else { PathBuf::from("contract") }
}

/// A schema dump or declarative schema kept beside the migrations, which then hold only later
/// changes.
fn detect_baseline(root: &Path) -> Option<PathBuf> {
    [
        "supabase/schemas",
        "supabase/schema.sql",
        "database/schema.sql",
        "db/schema.sql",
        "sql/schema.sql",
        "schema.sql",
        "supabase_schema.sql",
        "database.sql",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|path| {
        let full = root.join(path);
        if path.extension().is_some() { full.is_file() } else { full.is_dir() }
    })
}

fn detect_migrations(root: &Path) -> Option<PathBuf> {
    ["supabase/migrations", "migrations", "db/migrations", "database/migrations", "sql/migrations"]
        .into_iter()
        .map(PathBuf::from)
        .find(|dir| root.join(dir).is_dir())
}

fn detect_layout(dir: &Path) -> MigrationLayout {
    let names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    if names.iter().any(|n| n.ends_with(".up.sql")) {
        MigrationLayout::UpDown
    } else if names.iter().any(|n| n.starts_with('V') && n.contains("__")) {
        MigrationLayout::Flyway
    } else {
        MigrationLayout::Timestamped
    }
}

fn detect_sources(root: &Path) -> Vec<PathBuf> {
    [
        "src",
        "app",
        "pages",
        "components",
        "lib",
        "hooks",
        "utils",
        "server",
        "api",
        "routes",
        "supabase/functions",
        // Monorepo-ish layouts AI tools write: an Express backend beside a Vite frontend, shared
        // code, Netlify functions.
        "backend",
        "frontend",
        "client",
        "shared",
        "services",
        "netlify/functions",
    ]
    .into_iter()
    .map(PathBuf::from)
    .filter(|dir| root.join(dir).is_dir())
    .collect()
}

fn default_env_files() -> Vec<(String, Vec<PathBuf>)> {
    let list = |files: &[&str]| files.iter().map(PathBuf::from).collect::<Vec<_>>();
    vec![
        // `supabase/functions/.env`: the secrets `supabase functions serve` loads locally.
        (
            "development".to_owned(),
            list(&[".env", ".env.local", ".env.development", ".env.development.local", "supabase/functions/.env"]),
        ),
        ("staging".to_owned(), list(&[".env.staging"])),
        ("production".to_owned(), list(&[".env.production", ".env.production.local"])),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("lockstep-config-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn detects_a_supabase_layout_without_a_config_file() {
        let dir = temp_dir("supabase");
        std::fs::create_dir_all(dir.join("supabase/migrations")).unwrap();
        std::fs::create_dir_all(dir.join("contract")).unwrap();
        std::fs::create_dir_all(dir.join("src")).unwrap();
        let project = discover(&dir, &mut Sources::new()).unwrap();
        assert_eq!(project.config.contract, PathBuf::from("contract"));
        assert_eq!(project.config.migrations, Some(PathBuf::from("supabase/migrations")));
        assert_eq!(project.config.sources, [PathBuf::from("src")]);
        assert_eq!(project.config.provider, Provider::Supabase);
        assert!(project.config_file.is_none());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn finds_the_config_upwards_and_detects_layouts() {
        let dir = temp_dir("upwards");
        std::fs::write(dir.join(CONFIG_FILE), "contract = \"app.lockstep\"\n[database]\nmigrations = \"db\"\n")
            .unwrap();
        std::fs::create_dir_all(dir.join("db")).unwrap();
        std::fs::write(dir.join("db/0001_init.up.sql"), "").unwrap();
        std::fs::create_dir_all(dir.join("web/pages")).unwrap();
        let project = discover(&dir.join("web/pages"), &mut Sources::new()).unwrap();
        assert_eq!(project.root, std::path::absolute(&dir).unwrap());
        assert_eq!(project.config.contract, PathBuf::from("app.lockstep"));
        assert_eq!(project.config.migration_layout, MigrationLayout::UpDown);
        assert!(project.contract_span.is_some());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn gen_outputs_default_from_the_layout_and_can_move_or_be_turned_off() {
        let dir = temp_dir("gen");
        std::fs::create_dir_all(dir.join("src/integrations/supabase")).unwrap();
        std::fs::write(dir.join("src/integrations/supabase/types.ts"), "").unwrap();
        let project = discover(&dir, &mut Sources::new()).unwrap();
        assert_eq!(project.config.generate.database, Some(PathBuf::from("src/integrations/supabase/types.ts")));
        assert_eq!(project.config.generate.schema, None);
        std::fs::write(dir.join(CONFIG_FILE), "[gen]\ndatabase = false\nschema = \"db/schema.sql\"\n").unwrap();
        let project = discover(&dir, &mut Sources::new()).unwrap();
        assert_eq!(project.config.generate.database, None);
        assert_eq!(project.config.generate.schema, Some(PathBuf::from("db/schema.sql")));
        assert_eq!(project.config.generate.types, Some(PathBuf::from("src/lib/api/types.ts")));
        std::fs::write(dir.join(CONFIG_FILE), "[gen]\ndatabase = \"../out.ts\"\n").unwrap();
        assert!(matches!(discover(&dir, &mut Sources::new()), Err(DiscoverError::Invalid(_))));
        std::fs::write(dir.join(CONFIG_FILE), "[gen]\ndatabase = 3\n").unwrap();
        let Err(DiscoverError::Invalid(diagnostic)) = discover(&dir, &mut Sources::new()) else { panic!("a number") };
        assert!(diagnostic.message.contains("not a path or `false`"), "{}", diagnostic.message);
        std::fs::remove_dir_all(dir).unwrap();
        let bare = temp_dir("gen-bare");
        let project = discover(&bare, &mut Sources::new()).unwrap();
        assert_eq!(project.config.generate.database, Some(PathBuf::from("database.types.ts")));
        std::fs::remove_dir_all(bare).unwrap();
    }

    #[test]
    fn invalid_layout_and_missing_start_are_errors() {
        let dir = temp_dir("invalid");
        std::fs::write(dir.join(CONFIG_FILE), "[database]\nlayout = \"rails\"\n").unwrap();
        let mut sources = Sources::new();
        let Err(DiscoverError::Invalid(diagnostic)) = discover(&dir, &mut sources) else {
            panic!("expected an invalid config")
        };
        assert!(diagnostic.message.contains("rails"));
        assert!(matches!(discover(&dir.join("nope"), &mut sources), Err(DiscoverError::NotFound(_))));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
