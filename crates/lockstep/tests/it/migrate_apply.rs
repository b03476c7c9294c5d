//! `lockstep migrate status` and `migrate apply` end to end, against a real PostgreSQL.

use std::time::{Duration, Instant};

use lockstep_testkit::cluster;
use postgres::{Client, NoTls};

use crate::support::{TempDir, command, lockstep};

/// A plain Postgres project with `count` migrations; each creates a table, fills it and moves
/// rows from the previous one, so a half-applied batch would show.
fn project(count: usize) -> TempDir {
    let dir = TempDir::new();
    dir.write("lockstep.toml", "[database]\nmigrations = \"migrations\"\nprovider = \"postgres\"\n");
    dir.write("contract/app.lockstep", "entity Note {\n  id int @id\n}\n");
    for n in 1..=count {
        let mut sql = format!("create table t{n} (id int primary key, note text);\n");
        if n == 1 {
            sql.push_str("insert into t1 select g, 'row ' || g from generate_series(1, 2000) g;\n");
        } else {
            let p = n - 1;
            sql = format!(
                "{sql}insert into t{n} select id, note from t{p} where id % 2 = 0;\n\
                 delete from t{p} where id % 2 = 0;\n\
                 update t{n} set note = note || ' moved';\n"
            );
        }
        dir.write(&format!("migrations/{:014}_step_{n}.sql", 20_240_101_000_000_u64 + n as u64), sql);
    }
    dir
}

/// The app's tables with their row counts, and the history's versions.
fn state(url: &str) -> (Vec<(String, i64)>, Vec<String>) {
    let mut client = Client::connect(url, NoTls).unwrap();
    let tables: Vec<String> = client
        .query("select tablename::text from pg_tables where schemaname = 'public' order by 1", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let counts = tables
        .into_iter()
        .map(|t| {
            let n: i64 = client.query_one(&format!("select count(*) from {t}"), &[]).unwrap().get(0);
            (t, n)
        })
        .collect();
    let history = match client.query("select version from lockstep.schema_migrations order by 1", &[]) {
        Ok(rows) => rows.iter().map(|r| r.get(0)).collect(),
        Err(_) => Vec::new(),
    };
    (counts, history)
}

#[test]
fn status_and_apply_agree_and_an_edit_is_refused() {
    let url = cluster().create_database("cli_migrate");
    let dir = project(3);
    let path = dir.path().to_str().unwrap();
    let status = lockstep(dir.path(), &["migrate", "status", path, "--db", &url]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert_eq!(status.stdout.matches("pending").count(), 4, "{}", status.stdout);
    let dry = lockstep(dir.path(), &["migrate", "apply", path, "--db", &url, "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(dry.stderr.contains("pending: migrations/20240101000003_step_3.sql"), "{}", dry.stderr);
    assert_eq!(state(&url).1.len(), 0, "a dry run changes nothing");
    let applied = lockstep(dir.path(), &["migrate", "apply", path, "--db", &url, "--no-check"]);
    assert_eq!(applied.code, 0, "{}", applied.stderr);
    assert!(applied.stderr.contains("3 migration(s) applied"), "{}", applied.stderr);
    let again = lockstep(dir.path(), &["migrate", "apply", path, "--db", &url, "--no-check"]);
    assert!(again.stderr.contains("up to date"), "{}", again.stderr);

    // CRLF line ends only: the same migration.
    let file = dir.path().join("migrations/20240101000002_step_2.sql");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace('\n', "\r\n")).unwrap();
    let status = lockstep(dir.path(), &["migrate", "status", path, "--db", &url, "--format", "json"]);
    assert_eq!(status.code, 0, "{}{}", status.stdout, status.stderr);
    let json: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(json["ok"], true);

    // A real edit: reported, and apply refuses until --repair.
    std::fs::write(&file, text.replace("moved", "shifted")).unwrap();
    let status = lockstep(dir.path(), &["migrate", "status", path, "--db", &url]);
    assert_eq!(status.code, 1);
    assert!(status.stdout.contains("changed since applied"), "{}", status.stdout);
    let refused = lockstep(dir.path(), &["migrate", "apply", path, "--db", &url, "--no-check"]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("--repair"), "{}", refused.stderr);
    let repaired = lockstep(dir.path(), &["migrate", "apply", path, "--db", &url, "--no-check", "--repair"]);
    assert_eq!(repaired.code, 0, "{}", repaired.stderr);
    assert_eq!(lockstep(dir.path(), &["migrate", "status", path, "--db", &url]).code, 0);
}

/// 100 trials of `kill -9` at moments spread over a 50-migration apply: afterwards the
/// database holds exactly the old state or exactly the new one, and the next apply completes.
#[test]
fn kill_9_during_an_apply_leaves_the_old_state_or_the_new() {
    let dir = project(50);
    let path = dir.path().to_str().unwrap().to_owned();
    // The new state, and how long an apply takes.
    let reference = cluster().create_database("kill_reference");
    let started = Instant::now();
    let full = lockstep(dir.path(), &["migrate", "apply", &path, "--db", &reference, "--no-check"]);
    assert_eq!(full.code, 0, "{}", full.stderr);
    let mut span = started.elapsed();
    let new_state = state(&reference);
    assert_eq!(new_state.1.len(), 50);
    let old_state = (Vec::new(), Vec::new());
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let (mut old, mut new) = (0, 0);
    for trial in 0..100 {
        let url = cluster().create_database("kill_trial");
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        // Up to 1.2 times an apply's length: some kills land before it starts, some after.
        let permille = u32::try_from((seed >> 33) % 1200).unwrap();
        let at = span * permille / 1000;
        let mut child = command(dir.path(), &["migrate", "apply", &path, "--db", &url, "--no-check"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        // The server notices the dropped connection and rolls its transaction back.
        std::thread::sleep(Duration::from_millis(20));
        let after = wait_for_rollback(&url);
        if after == old_state {
            old += 1;
        } else if after == new_state {
            new += 1;
        } else {
            panic!("trial {trial} (kill after {at:?}): a state between the old and the new: {after:?}");
        }
        let started = Instant::now();
        let next = lockstep(dir.path(), &["migrate", "apply", &path, "--db", &url, "--no-check"]);
        assert_eq!(next.code, 0, "trial {trial}: the next apply fails: {}", next.stderr);
        if after == old_state {
            // A whole apply again: on a loaded machine applies slow down, and the kills must
            // still reach past the commit.
            span = span.max(started.elapsed());
        }
        assert_eq!(state(&url), new_state, "trial {trial}: the next apply completes");
    }
    assert!(old > 0 && new > 0, "the kills should land both before and after the commit: {old} old, {new} new");
}

/// The state once no other session is still in a transaction (a killed client's backend may
/// take a moment to notice).
fn wait_for_rollback(url: &str) -> (Vec<(String, i64)>, Vec<String>) {
    let mut client = Client::connect(url, NoTls).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let others: i64 = client
            .query_one(
                "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'",
                &[],
            )
            .unwrap()
            .get(0);
        if others == 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    state(url)
}

/// A migration that drops data needs `--allow-destructive`, and, with no person at the terminal
/// (as here: the test's stdin is not one), the consent value the refusal prints.
#[test]
fn dropping_data_needs_consent_an_agent_cannot_give_itself() {
    let url = cluster().create_database("cli_consent");
    let dir = project(2);
    let path = dir.path().to_str().unwrap();
    assert_eq!(lockstep(dir.path(), &["migrate", "apply", path, "--db", &url, "--no-check"]).code, 0);
    dir.write("migrations/20240201000000_drop_first.sql", "drop table t1;\n");
    let refused = lockstep(dir.path(), &["migrate", "apply", path, "--db", &url, "--no-check"]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("destroy data"), "{}", refused.stderr);
    assert!(refused.stderr.contains("20240201000000_drop_first.sql:1"), "{}", refused.stderr);
    assert!(refused.stderr.contains("--allow-destructive"), "{}", refused.stderr);
    let flagged = lockstep(dir.path(), &["migrate", "apply", path, "--db", &url, "--no-check", "--allow-destructive"]);
    assert_eq!(flagged.code, 2, "no consent value: {}", flagged.stderr);
    let token = flagged.stderr.split("LOCKSTEP_CONSENT=").nth(1).and_then(|rest| rest.split_whitespace().next());
    let token = token.unwrap_or_else(|| panic!("the refusal prints the consent value: {}", flagged.stderr));
    let wrong = command(dir.path(), &["migrate", "apply", path, "--db", &url, "--no-check", "--allow-destructive"])
        .env("LOCKSTEP_CONSENT", "0000")
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(2));
    assert_eq!(state(&url).1.len(), 2, "nothing applied without consent");
    let given = command(dir.path(), &["migrate", "apply", path, "--db", &url, "--no-check", "--allow-destructive"])
        .env("LOCKSTEP_CONSENT", token)
        .output()
        .unwrap();
    assert_eq!(given.status.code(), Some(0), "{}", String::from_utf8_lossy(&given.stderr));
    assert_eq!(state(&url).1.len(), 3);
}
