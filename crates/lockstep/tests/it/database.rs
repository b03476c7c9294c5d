//! The database layer end to end: replayed migrations, a live database, and bad migration
//! folders.

use lockstep_testkit::cluster;
use postgres::{Client, NoTls};

use crate::support::{TempDir, json, lockstep, repo_root};

const CONTRACT: &str = "entity Note {\n  id    uuid @id @default(random)\n  title text\n}\n";

fn project_with(migrations: &[(&str, &[u8])]) -> TempDir {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", CONTRACT);
    std::fs::create_dir_all(dir.path().join("migrations")).unwrap();
    for (name, text) in migrations {
        dir.write(&format!("migrations/{name}"), text);
    }
    dir
}

#[test]
fn db_inspect_prints_the_replayed_schema() {
    let run = lockstep(&repo_root(), &["db", "inspect", "examples/shop"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
    let run = lockstep(&repo_root(), &["db", "inspect", "examples/shop", "--format", "json"]);
    let value = json(&run.stdout);
    let tables = value["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 7);
    let orders = tables.iter().find(|t| t["name"]["name"] == "orders").unwrap();
    assert_eq!(orders["origin"]["file"], "supabase/migrations/20240301090000_init.sql");
    assert_eq!(orders["rls_enabled"], true);
}

#[test]
fn drift_in_migrations_is_reported_at_the_statement() {
    let dir = project_with(&[(
        "20240101000000_init.sql",
        b"create table notes (id uuid primary key default gen_random_uuid(), title text);\n",
    )]);
    let run = lockstep(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let value = json(&run.stdout);
    let finding = &value["findings"][0];
    assert_eq!(finding["code"], "db/nullability-mismatch");
    assert_eq!(finding["file"], "migrations/20240101000000_init.sql");
    assert_eq!(finding["related"][0]["file"], "contract/app.lockstep");
    assert_eq!(value["summary"]["files"], 2);
}

#[test]
fn a_bad_statement_does_not_stop_the_replay() {
    let dir = project_with(&[
        ("20240101000000_init.sql", b"create table notes (id uuid primary key default gen_random_uuid());\r\ncreate tabel oops;\r\nalter table notes add column title text not null;\r\n"),
        ("20240102000000_binary.sql", b"\xff\xfe\x00garbage"),
        ("20240103000000_latin1.sql", b"comment on table notes is 'caf\xe9';"),
    ]);
    let run = lockstep(dir.path(), &["check", "--color", "never"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("warning[db/unparsed-statement]"), "{}", run.stdout);
    assert!(run.stdout.contains("--> migrations/20240101000000_init.sql:2:1"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("error[db/unreadable-migration]: `migrations/20240103000000_latin1.sql` is not valid UTF-8"),
        "{}",
        run.stdout
    );
    // The statement after the bad one was applied: the title column exists and matches.
    assert!(!run.stdout.contains("db/missing-column"), "{}", run.stdout);
    assert!(!run.stdout.contains("panicked"));
}

#[test]
fn a_large_dump_with_copy_data_is_replayed() {
    let mut dump =
        String::from("create table notes (id uuid primary key default gen_random_uuid(), title text not null);\n");
    dump.push_str("copy public.notes (id, title) from stdin;\n");
    let row = "00000000-0000-0000-0000-000000000000\tsome; title with a semicolon\n";
    while dump.len() < 20 * 1024 * 1024 {
        dump.push_str(row);
    }
    dump.push_str("\\.\n");
    let dir = project_with(&[("20240101000000_dump.sql", dump.as_bytes())]);
    let run = lockstep(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn an_empty_migrations_folder_reports_the_missing_table() {
    let dir = project_with(&[]);
    let run = lockstep(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("error[db/missing-table]"), "{}", run.stdout);
}

#[test]
fn a_configured_folder_that_does_not_exist_is_an_error() {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", CONTRACT);
    dir.write("lockstep.toml", "[database]\nmigrations = \"db/migrate\"\n");
    let run = lockstep(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("the migrations folder `db/migrate` set in lockstep.toml does not exist"),
        "{}",
        run.stderr
    );
    // The contract layer still ran and reported.
    assert!(run.stdout.contains("no findings in 1 file"), "{}", run.stdout);
}

#[test]
fn an_unreachable_database_is_exit_2_without_the_password() {
    let run = lockstep(&repo_root(), &["check", "examples/shop", "--db", "postgres://shop:hunter2@127.0.0.1:1/shopdb"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("cannot connect to the database `shopdb` at 127.0.0.1:1"), "{}", run.stderr);
    assert!(!run.stderr.contains("hunter2") && !run.stdout.contains("hunter2"));
}

#[test]
fn a_live_database_is_checked_and_its_hand_made_changes_found() {
    let url = cluster().create_database("cli_live");
    let mut client = Client::connect(&url, NoTls).unwrap();
    client.batch_execute(lockstep_sql::supabase::PRELUDE).unwrap();
    let migrations = repo_root().join("examples/shop/supabase/migrations");
    let mut names: Vec<_> = std::fs::read_dir(&migrations).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for path in names {
        client.batch_execute(&std::fs::read_to_string(path).unwrap()).unwrap();
    }
    let run = lockstep(&repo_root(), &["check", "examples/shop", "--db", &url]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // Near miss: a database built by exactly its migrations has no drift.
    let run = lockstep(&repo_root(), &["check", "examples/shop", "--db", &url, "--migrations"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    // language=SQL
    client
        .batch_execute(
            "alter table public.orders add column hacked text; drop policy \"Reviews are public\" on public.reviews;",
        )
        .unwrap();
    let run = lockstep(&repo_root(), &["check", "examples/shop", "--db", &url, "--migrations", "--format", "json"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let value = json(&run.stdout);
    let codes: Vec<&str> = value["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"db/extra-column"), "{codes:?}");
    assert!(codes.contains(&"db/policy-missing"), "{codes:?}");
    let drift: Vec<&str> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "db/drift-from-migrations")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(drift.len(), 2, "{drift:?}");
    assert!(drift.iter().any(|m| m.contains("orders.hacked")), "{drift:?}");
    assert!(drift.iter().any(|m| m.contains("Reviews are public")), "{drift:?}");
}

#[test]
fn an_old_name_in_a_query_points_at_the_migration_that_renamed_it() {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", "entity Client {\n  id         uuid @id\n  valueCents int\n}\n");
    dir.write(
        "supabase/migrations/001_init.sql",
        "create table customers (id uuid primary key, amount int not null);\n",
    );
    dir.write(
        "supabase/migrations/002_rename.sql",
        "alter table customers rename column amount to total;\nalter table customers rename to clients;\n",
    );
    dir.write("supabase/migrations/003_cents.sql", "alter table clients rename column total to value_cents;\n");
    dir.write(
        "src/old.ts",
        "import { supabase } from './supabase'\n\nexport const a = () => supabase.from('customers').select('id')\nexport const b = () => supabase.from('clients').select('id, amount')\nexport const c = () => supabase.from('clients').select('id, value_cent')\n",
    );
    let run = lockstep(dir.path(), &["check", "--format", "json"]);
    let value = json(&run.stdout);
    let findings = value["findings"].as_array().unwrap();
    let summary: Vec<(String, String, String)> = findings
        .iter()
        .map(|f| {
            let related = f["related"].as_array().and_then(|r| r.first());
            (
                f["code"].as_str().unwrap().to_owned(),
                related.map_or(String::new(), |r| format!("{}:{}", r["file"].as_str().unwrap(), r["line"])),
                f["help"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "ui/unknown-table".to_owned(),
                "supabase/migrations/002_rename.sql:2".to_owned(),
                "a migration renamed `customers` to `clients`: write `clients`".to_owned(),
            ),
            (
                // Renamed twice, and its table renamed in between: the current name.
                "ui/unknown-column".to_owned(),
                "supabase/migrations/002_rename.sql:1".to_owned(),
                "a migration renamed `clients.amount` to `value_cents`: write `value_cents`".to_owned(),
            ),
            // A typo, not a rename: the usual suggestion.
            ("ui/unknown-column".to_owned(), String::new(), "did you mean `value_cents`?".to_owned()),
        ],
        "{findings:#?}"
    );
}

#[test]
fn an_at_sign_in_the_password_never_prints_part_of_it() {
    let url = "postgres://shop:hunter2@secretpart@127.0.0.1:1/shopdb";
    for args in [
        vec!["check", "examples/shop", "--db", url],
        vec!["db", "inspect", "examples/shop", "--db", url],
        vec!["init", "examples/shop", "--dry-run", "--db", url],
    ] {
        let run = lockstep(&repo_root(), &args);
        assert_eq!(run.code, 2, "{args:?}: {}{}", run.stdout, run.stderr);
        for piece in ["hunter2", "secretpart"] {
            assert!(!run.stderr.contains(piece) && !run.stdout.contains(piece), "{args:?}: {}", run.stderr);
        }
        assert!(run.stderr.contains("write an `@` inside the user name or password as `%40`"), "{}", run.stderr);
    }
}

#[test]
fn connection_errors_carry_the_server_message() {
    let url = cluster().create_database("cli_errors");
    let name = url
        .rsplit_once("cli_errors")
        .map(|(_, rest)| format!("cli_errors{}", rest.split(['?', ' ']).next().unwrap()))
        .unwrap();
    let missing = url.replace(&name, "no_such_database");
    let run = lockstep(&repo_root(), &["db", "inspect", "examples/shop", "--db", &missing]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("FATAL: database \"no_such_database\" does not exist"), "{}", run.stderr);
    let run =
        lockstep(&repo_root(), &["db", "inspect", "examples/shop", "--db", "postgres://u:hunter2@127.0.0.1:1/shopdb"]);
    assert!(run.stderr.contains("error connecting to server: Connection refused"), "{}", run.stderr);
}

#[test]
fn a_server_that_never_answers_is_exit_2_within_the_timeout() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Accepts connections and holds them open without a byte of reply.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    let url = format!("postgres://u:hunter2@127.0.0.1:{port}/shopdb?connect_timeout=1");
    let started = std::time::Instant::now();
    let run = crate::support::lockstep_within(&repo_root(), &["check", "examples/shop", "--db", &url], 20);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "{:?}", started.elapsed());
    assert!(
        run.stderr
            .contains(&format!("the database `shopdb` at 127.0.0.1:{port} did not answer within 1 s while connecting")),
        "{}",
        run.stderr
    );
}

#[test]
fn views_an_extension_created_are_not_drift() {
    let url = cluster().create_database("cli_extension");
    let mut client = Client::connect(&url, NoTls).unwrap();
    client.batch_execute(lockstep_sql::supabase::PRELUDE).unwrap();
    let migrations = repo_root().join("examples/shop/supabase/migrations");
    let mut names: Vec<_> = std::fs::read_dir(&migrations).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for path in names {
        client.batch_execute(&std::fs::read_to_string(path).unwrap()).unwrap();
    }
    // language=SQL
    client.batch_execute("create extension pg_stat_statements with schema public").unwrap();
    let run = lockstep(&repo_root(), &["check", "examples/shop", "--db", &url, "--migrations", "--format", "json"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // A view the app made by hand is still drift.
    client.batch_execute("create view public.hand_made as select 1 as one").unwrap();
    let run = lockstep(&repo_root(), &["check", "examples/shop", "--db", &url, "--migrations", "--format", "json"]);
    let value = json(&run.stdout);
    let drift: Vec<&str> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "db/drift-from-migrations")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(drift.len(), 1, "{drift:?}");
    assert!(drift[0].contains("hand_made"), "{drift:?}");
}
