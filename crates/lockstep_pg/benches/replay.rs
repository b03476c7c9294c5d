//! Static replay of 1,000 generated migration files (about 50,000 statements) against
//! applying the same files to a real Postgres and reading its schema back. Run with
//! `cargo bench -p lockstep_pg`; prints both times and their ratio.
#![expect(clippy::print_stdout, reason = "a benchmark reports its figures on stdout")]

use std::time::{Duration, Instant};

use lockstep_diagnostics::Sources;
use lockstep_sql::replay::{MigrationFile, replay};
use lockstep_sql::split::split_statements;
use lockstep_sql::supabase::{PRELUDE, prelude};
use postgres::{Client, NoTls};

fn main() {
    let files = lockstep_testkit::synthetic::migrations(1000, 50);
    let statements: usize = files.iter().map(|(_, sql)| split_statements(sql).len()).sum();
    let bytes: usize = files.iter().map(|(_, sql)| sql.len()).sum();
    println!("{} files, {statements} statements, {} KiB", files.len(), bytes / 1024);

    let mut sources = Sources::new();
    let ids: Vec<_> = files.iter().map(|(name, sql)| sources.add(name.clone(), sql.clone())).collect();
    let inputs: Vec<MigrationFile> =
        ids.iter().map(|&id| MigrationFile { file: id, text: sources.get(id).text() }).collect();
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let replayed = replay(prelude(), &inputs);
            assert!(replayed.schema.tables.len() > 1000);
            start.elapsed()
        })
        .collect();
    times.sort();
    let replay_time = times[2];
    println!("static replay:                 median {replay_time:>10.2?}  min {:>10.2?}", times[0]);

    let url = lockstep_testkit::cluster().create_database("bench");
    let mut client = Client::connect(&url, NoTls).expect("connect to the benchmark database");
    client.batch_execute(PRELUDE).expect("prelude");
    let start = Instant::now();
    for (name, sql) in &files {
        client.batch_execute(sql).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let apply = start.elapsed();
    let start = Instant::now();
    let schema = lockstep_pg::introspect_with(&mut client).expect("introspection");
    let introspect = start.elapsed();
    assert!(schema.tables.len() > 1000);
    println!("apply to Postgres:             {apply:>10.2?}");
    println!("introspect:                    {introspect:>10.2?}");
    let total = apply + introspect;
    println!("Postgres + introspection / static replay: {:.1}x", total.as_secs_f64() / replay_time.as_secs_f64());
}
