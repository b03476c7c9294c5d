//! `lockstep check` end to end, as a user runs it: on the shipped example, on a synthetic app of
//! 10,000 components with 1,000 migrations, and `check --only db` on 1,000 and 2,000 synthetic
//! migrations (the replay must stay linear: the ratio is printed). Run with
//! `cargo bench -p lockstep`; prints wall times (first run and the median of the next ones).
#![expect(clippy::print_stdout, reason = "a benchmark reports its figures on stdout")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn binary() -> PathBuf {
    // benches run from target/release/deps; the binary is one level up.
    let exe = std::env::current_exe().expect("the bench knows where it is");
    exe.parent().and_then(Path::parent).map(|dir| dir.join("lockstep")).expect("target/release/lockstep")
}

fn time(project: &Path, extra: &[&str], runs: usize) -> (Duration, Duration, String) {
    let mut times = Vec::new();
    let mut last = String::new();
    for _ in 0..runs {
        let start = Instant::now();
        let output = Command::new(binary())
            .arg("check")
            .arg(project)
            .arg("--color")
            .arg("never")
            .args(extra)
            .output()
            .expect("lockstep runs");
        times.push(start.elapsed());
        String::from_utf8_lossy(&output.stdout).lines().last().unwrap_or_default().clone_into(&mut last);
    }
    let first = times[0];
    let mut rest = times[1..].to_vec();
    rest.sort();
    (first, rest[rest.len() / 2], last)
}

/// A contract and `migrations` synthetic migration files of 50 statements each.
fn migrations_app(dir: &Path, migrations: usize) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("contract")).unwrap();
    std::fs::create_dir_all(dir.join("supabase/migrations")).unwrap();
    std::fs::write(dir.join("contract/app.lockstep"), lockstep_testkit::synthetic::migrations_contract(migrations, 50))
        .unwrap();
    for (name, sql) in lockstep_testkit::synthetic::migrations(migrations, 50) {
        std::fs::write(dir.join("supabase/migrations").join(name), sql).unwrap();
    }
}

fn synthetic_app(dir: &Path) {
    migrations_app(dir, 1000);
    std::fs::create_dir_all(dir.join("src/components")).unwrap();
    for n in 0..10_000 {
        std::fs::write(dir.join(format!("src/components/c{n}.tsx")), lockstep_testkit::synthetic::component(n))
            .unwrap();
    }
}

fn main() {
    assert!(binary().exists(), "build the binary first: cargo build --release");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/shop");
    let (first, median, summary) = time(&example, &[], 21);
    println!("examples/shop:        first {first:>9.2?}  median {median:>9.2?}  ({summary})");
    let dir = std::env::temp_dir().join("lockstep-bench-app");
    synthetic_app(&dir);
    let (first, median, summary) = time(&dir, &[], 5);
    println!("synthetic app:        first {first:>9.2?}  median {median:>9.2?}  ({summary})");
    let mut medians = Vec::new();
    let mut dirs = vec![dir];
    for migrations in [1000, 2000] {
        let dir = std::env::temp_dir().join(format!("lockstep-bench-db-{migrations}"));
        migrations_app(&dir, migrations);
        let (first, median, summary) = time(&dir, &["--only", "db"], 5);
        println!("db, {migrations} migrations:  first {first:>9.2?}  median {median:>9.2?}  ({summary})");
        medians.push(median);
        dirs.push(dir);
    }
    println!("db, 2000 / 1000:      {:.2}x", medians[1].as_secs_f64() / medians[0].as_secs_f64());
    if std::env::var_os("LOCKSTEP_BENCH_KEEP").is_none() {
        for dir in dirs {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}
