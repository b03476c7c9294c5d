//! For every folder of `tests/data/migrations`: replay the files statically, apply them to a
//! real server, introspect it, and compare the two models (as canonical DDL, with a diff).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use lockstep_diagnostics::Sources;
use lockstep_sql::order::{Layout, order_migrations};
use lockstep_sql::replay::{MigrationFile, replay};
use lockstep_sql::schema::{Schema, to_ddl};
use lockstep_sql::supabase::{PRELUDE, is_provider_schema, prelude};
use postgres::{Client, NoTls};

use lockstep_testkit::cluster;

fn folders() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/migrations");
    let mut folders: Vec<PathBuf> =
        std::fs::read_dir(root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    folders.sort();
    folders
}

fn migration_files(folder: &Path) -> Vec<(String, String)> {
    let names: Vec<String> =
        std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    order_migrations(Layout::Timestamped, &names)
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(folder.join(&name)).unwrap();
            (name, text)
        })
        .collect()
}

/// The app's objects as DDL, and its storage buckets (rows of a provider table, so not in the
/// DDL) one per line.
fn app_ddl(schema: &Schema) -> String {
    let mut ddl = to_ddl(schema, &|s| !is_provider_schema(s));
    let mut buckets = schema.buckets.clone();
    buckets.sort_by(|a, b| a.id.cmp(&b.id));
    for b in &buckets {
        let _ = writeln!(
            ddl,
            "bucket {} public={} limit={:?} types={:?}",
            b.id, b.public, b.file_size_limit, b.allowed_mime_types
        );
    }
    ddl
}

fn static_ddl(files: &[(String, String)]) -> (String, String) {
    let mut sources = Sources::new();
    let ids: Vec<_> = files.iter().map(|(name, text)| sources.add(name.clone(), text.clone())).collect();
    let inputs: Vec<MigrationFile> =
        ids.iter().map(|&id| MigrationFile { file: id, text: sources.get(id).text() }).collect();
    let replayed = replay(prelude(), &inputs);
    let problems: Vec<String> = replayed
        .diagnostics
        .iter()
        .filter(|d| d.severity != lockstep_diagnostics::Severity::Info)
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect();
    (app_ddl(&replayed.schema), problems.join("\n"))
}

fn live_ddl(folder: &Path, files: &[(String, String)]) -> String {
    let url = cluster().create_database("conformance");
    let mut client = Client::connect(&url, NoTls).unwrap();
    client.batch_execute(PRELUDE).expect("the Supabase prelude applies");
    for (name, text) in files {
        if let Err(err) = client.batch_execute(text) {
            panic!(
                "{}/{name} does not apply to Postgres: {}",
                folder.display(),
                err.as_db_error().map_or_else(|| err.to_string(), |e| e.message().to_owned())
            );
        }
    }
    let schema = lockstep_pg::introspect_with(&mut client).expect("introspection succeeds");
    app_ddl(&schema)
}

fn diff(expected: &str, actual: &str) -> String {
    let expected: Vec<&str> = expected.lines().collect();
    let actual: Vec<&str> = actual.lines().collect();
    let mut out = String::new();
    for line in &expected {
        if !actual.contains(line) {
            let _ = writeln!(out, "- {line}");
        }
    }
    for line in &actual {
        if !expected.contains(line) {
            let _ = writeln!(out, "+ {line}");
        }
    }
    out
}

#[test]
fn static_replay_equals_what_postgres_builds() {
    let folders = folders();
    assert!(folders.len() >= 60, "expected migration folders, found {}", folders.len());
    let mut failures = Vec::new();
    let mut with_buckets = 0;
    for folder in &folders {
        let files = migration_files(folder);
        let (replayed, problems) = static_ddl(&files);
        with_buckets += usize::from(replayed.contains("\nbucket "));
        let live = live_ddl(folder, &files);
        if !replayed.contains("create ") {
            failures.push(format!("{}: the replay built nothing; the folder does not test anything", folder.display()));
        } else if replayed != live {
            failures.push(format!(
                "{}:\n(- live Postgres, + static replay)\n{}",
                folder.display(),
                diff(&live, &replayed)
            ));
        } else if !problems.is_empty() {
            failures
                .push(format!("{}: the replay reported problems on valid migrations:\n{problems}", folder.display()));
        }
    }
    assert!(failures.is_empty(), "{} of {} folders differ:\n\n{}", failures.len(), folders.len(), failures.join("\n"));
    assert!(with_buckets >= 2, "storage buckets are compared in {with_buckets} folders; expected at least 2");
}
