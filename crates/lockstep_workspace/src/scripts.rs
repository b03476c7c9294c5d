//! SQL outside the migrations: scripts run by hand in the SQL editor (`APPLY_FIX.sql`,
//! `supabase/setup.sql`, `scripts/create_buckets.sql`) and the migrations Bolt set aside
//! (`.bolt/supabase_discarded_migrations`). AI-built apps keep many; what they create is in the
//! database of most such apps, though no migration says so. They complete the schema the way
//! the generated types do: only what the migrations lack is taken, and the app hears once that
//! its migrations are incomplete.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;
use lockstep_config::Project;

/// More scripts than this are not read: a folder of thousands of `.sql` files is a dump or a
/// dataset, not hand-run fixes.
const MAX_SCRIPTS: usize = 500;

/// Folders whose SQL is not run against the app's database: tests run in a transaction that is
/// rolled back, and dependencies and build output are someone else's.
const NOT_SCRIPTS: [&str; 5] = ["test", "tests", "__tests__", "spec", "node_modules"];

/// The `.sql` files of the project that are neither migrations nor the baseline, sorted; `taken`
/// are the files the migrations and baseline already replay.
pub fn script_paths(project: &Project, taken: &[PathBuf]) -> Vec<PathBuf> {
    let migrations = project.config.migrations.as_ref().map(|folder| project.root.join(folder));
    let mut overrides = OverrideBuilder::new(&project.root);
    // Dependencies are not descended into at all: a `node_modules` holds tens of thousands of files.
    let mut patterns: Vec<String> = vec!["!/.git/**".to_owned(), "!**/node_modules/**".to_owned()];
    patterns.extend(crate::sources::BUILD_OUTPUT.iter().map(|folder| format!("!/{folder}/**")));
    patterns.extend(project.config.exclude.iter().map(|pattern| format!("!{pattern}")));
    for pattern in &patterns {
        if overrides.add(pattern).is_err() {
            return Vec::new();
        }
    }
    let Ok(overrides) = overrides.build() else { return Vec::new() };
    let mut walk = WalkBuilder::new(&project.root);
    // `.bolt` is hidden, and holds the discarded migrations.
    // Sorted, so that which scripts are read when there are too many is the same on every
    // machine.
    walk.require_git(false).hidden(false).overrides(overrides).sort_by_file_name(std::cmp::Ord::cmp);
    let mut paths = Vec::new();
    for entry in walk.build() {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let is_sql = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("sql"));
        if !is_sql || !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let in_migrations = migrations.as_ref().is_some_and(|folder| path.starts_with(folder));
        if in_migrations || taken.iter().any(|t| t == path) || !is_script(path, &project.root) {
            continue;
        }
        paths.push(path.to_owned());
        if paths.len() == MAX_SCRIPTS {
            break;
        }
    }
    paths.sort();
    paths
}

/// Whether a `.sql` file may have been run against the database: not in a test or dependency
/// folder, and not the down half of a migration.
fn is_script(path: &Path, root: &Path) -> bool {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let in_excluded_folder = relative.parent().is_some_and(|parent| {
        parent.components().any(|c| NOT_SCRIPTS.contains(&c.as_os_str().to_string_lossy().as_ref()))
    });
    let name = relative.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let down = name == "down.sql" || name.ends_with(".down.sql") || name.ends_with("_down.sql");
    !in_excluded_folder && !down
}
