//! `migrate apply` against real PostgreSQL: all or nothing, exactly once under concurrency, a
//! clear failure when blocked, and history rows where the Supabase CLI expects them.

use std::time::Duration;

use lockstep_pg::migrate::{ApplyError, ApplyOptions, HistoryKind, Migration, State, apply, read_history, status};
use lockstep_testkit::cluster;
use postgres::{Client, NoTls};

fn migration(version: &str, text: &str) -> Migration {
    Migration {
        version: version.to_owned(),
        name: format!("m{version}"),
        shown: format!("{version}_m{version}.sql"),
        text: text.to_owned(),
    }
}

fn options(kind: HistoryKind) -> ApplyOptions {
    ApplyOptions {
        kind,
        lock_timeout: Duration::from_secs(5),
        statement_timeout: Duration::from_secs(60),
        lock_wait: Duration::from_secs(60),
        to: None,
        repair: false,
        include_all: false,
        dry_run: false,
    }
}

fn tables(client: &mut Client) -> Vec<String> {
    client
        .query("select tablename::text from pg_tables where schemaname = 'public' order by 1", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

#[test]
fn a_failing_migration_leaves_nothing_of_the_batch() {
    let url = cluster().create_database("apply_atomic");
    let batch = [
        migration("1", "create table a (id int primary key);\ninsert into a values (1), (2);"),
        migration("2", "create table b (id int references a (id));\ninsert into b select id from a;"),
        migration("3", "alter table a add column n int;\n\nupdate a set n = 1 / 0;"),
    ];
    let err = apply(&url, &batch, &options(HistoryKind::Lockstep), &mut |_| {}).unwrap_err();
    match err {
        ApplyError::Failed { shown, line, message, .. } => {
            assert_eq!(shown, "3_m3.sql");
            assert_eq!(line, Some(3), "the server points at the failing statement");
            assert!(message.contains("division by zero"), "{message}");
        }
        other => panic!("expected a failure, got {other}"),
    }
    let mut client = Client::connect(&url, NoTls).unwrap();
    assert!(tables(&mut client).is_empty(), "nothing of the batch is left");
    assert!(read_history(&mut client, HistoryKind::Lockstep).unwrap().is_empty());
    // Fixed, the next apply completes.
    let fixed = [batch[0].clone(), batch[1].clone(), migration("3", "alter table a add column n int;")];
    let report = apply(&url, &fixed, &options(HistoryKind::Lockstep), &mut |_| {}).unwrap();
    assert_eq!(report.applied, ["1", "2", "3"]);
    assert_eq!(tables(&mut client), ["a", "b"]);
}

/// The table the Supabase CLI writes (`pkg/migration/history.go` in supabase/cli:
/// `supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY)` with
/// `statements text[]` and `name text` added; rows `(version, name, statements)`).
#[test]
fn supabase_history_rows_are_where_the_cli_reads_them() {
    let url = cluster().create_database("apply_supabase");
    let batch = [migration("20240101120000", "create table notes (id int);\r\n\r\ninsert into notes values (1);\r\n")];
    apply(&url, &batch, &options(HistoryKind::Supabase), &mut |_| {}).unwrap();
    let mut client = Client::connect(&url, NoTls).unwrap();
    let columns: Vec<(String, String, String)> = client
        .query(
            "select column_name::text, data_type::text, is_nullable::text from information_schema.columns
             where table_schema = 'supabase_migrations' and table_name = 'schema_migrations' order by ordinal_position",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    let expected = [("version", "text", "NO"), ("statements", "ARRAY", "YES"), ("name", "text", "YES")];
    let expected: Vec<(String, String, String)> =
        expected.iter().map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned())).collect();
    assert_eq!(columns, expected);
    let row =
        client.query_one("select version, name, statements from supabase_migrations.schema_migrations", &[]).unwrap();
    assert_eq!(row.get::<_, String>(0), "20240101120000");
    assert_eq!(row.get::<_, String>(1), "m20240101120000");
    assert_eq!(row.get::<_, Vec<String>>(2), ["create table notes (id int)", "insert into notes values (1)"]);
    // The same file saved with LF line ends is the same migration; a real edit is not.
    let applied = read_history(&mut client, HistoryKind::Supabase).unwrap();
    let lf = migration("20240101120000", "create table notes (id int);\n\ninsert into notes values (1);\n");
    assert_eq!(status(&[lf], &applied)[0].state, State::Applied);
    let edited = migration("20240101120000", "create table notes (id bigint);\ninsert into notes values (1);\n");
    assert_eq!(status(std::slice::from_ref(&edited), &applied)[0].state, State::Changed);
    let err = apply(&url, std::slice::from_ref(&edited), &options(HistoryKind::Supabase), &mut |_| {}).unwrap_err();
    assert!(matches!(err, ApplyError::Changed(_)), "{err}");
    let repair = ApplyOptions { repair: true, ..options(HistoryKind::Supabase) };
    let report = apply(&url, std::slice::from_ref(&edited), &repair, &mut |_| {}).unwrap();
    assert_eq!(report.repaired, ["20240101120000"]);
    let applied = read_history(&mut client, HistoryKind::Supabase).unwrap();
    assert_eq!(status(&[edited], &applied)[0].state, State::Applied);
}

#[test]
fn a_locked_table_fails_within_the_lock_timeout_naming_it_and_changes_nothing() {
    let url = cluster().create_database("apply_blocked");
    let mut holder = Client::connect(&url, NoTls).unwrap();
    holder.batch_execute("create table busy (id int)").unwrap();
    let mut tx = holder.transaction().unwrap();
    tx.batch_execute("lock table busy in access exclusive mode").unwrap();
    let batch = [migration("1", "create table other (id int);"), migration("2", "alter table busy add column n int;")];
    let quick = ApplyOptions { lock_timeout: Duration::from_millis(300), ..options(HistoryKind::Lockstep) };
    let started = std::time::Instant::now();
    let err = apply(&url, &batch, &quick, &mut |_| {}).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    let text = err.to_string();
    assert!(text.contains("lock timeout"), "{text}");
    assert!(text.contains("public.busy"), "names the relation: {text}");
    tx.rollback().unwrap();
    let mut client = Client::connect(&url, NoTls).unwrap();
    assert_eq!(tables(&mut client), ["busy"], "nothing changed");
}

#[test]
fn concurrent_appliers_apply_each_migration_once() {
    let url = cluster().create_database("apply_concurrent");
    let mut batch: Vec<Migration> = (1..=20)
        .map(|n| {
            migration(
                &format!("{n:03}"),
                &format!("create table t{n} (id int);\ninsert into t{n} select generate_series(1, 200);"),
            )
        })
        .collect();
    batch.push(migration("021", "-- lockstep:no-transaction\ncreate index concurrently t1_id on t1 (id);"));
    batch.push(migration("022", "create table after_index (id int);"));
    let appliers: Vec<_> = (0..5)
        .map(|_| {
            let (url, batch) = (url.clone(), batch.clone());
            std::thread::spawn(move || {
                apply(&url, &batch, &options(HistoryKind::Lockstep), &mut |_| {}).map(|r| r.applied)
            })
        })
        .collect();
    let mut applied: Vec<String> = Vec::new();
    for applier in appliers {
        applied.extend(applier.join().unwrap().expect("every applier finishes without error"));
    }
    applied.sort();
    let expected: Vec<String> = batch.iter().map(|m| m.version.clone()).collect();
    assert_eq!(applied, expected, "each migration applied exactly once across the appliers");
    let mut client = Client::connect(&url, NoTls).unwrap();
    let history = read_history(&mut client, HistoryKind::Lockstep).unwrap();
    assert_eq!(history.len(), batch.len());
    let valid: bool =
        client.query_one("select indisvalid from pg_index where indexrelid = 't1_id'::regclass", &[]).unwrap().get(0);
    assert!(valid, "the concurrent index was built");
}

/// Postgres refuses to use an enum value in the transaction that added it: the batch commits
/// after the migration that adds one (as the Supabase CLI, which commits every file, allows).
#[test]
fn a_new_enum_value_is_usable_by_the_next_migration() {
    let url = cluster().create_database("apply_enum_value");
    let batch = [
        migration("1", "create type role as enum ('player');\ncreate table members (role role not null);"),
        migration("2", "alter type role add value 'director';"),
        migration("3", "insert into members values ('director');"),
    ];
    let report = apply(&url, &batch, &options(HistoryKind::Lockstep), &mut |_| {}).unwrap();
    assert_eq!(report.applied, ["1", "2", "3"]);
    let mut client = Client::connect(&url, NoTls).unwrap();
    let roles: i64 = client.query_one("select count(*) from members where role = 'director'", &[]).unwrap().get(0);
    assert_eq!(roles, 1);
}
