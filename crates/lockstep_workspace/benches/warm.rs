//! A warm re-check: the synthetic app of 10,000 components and 1,000 migrations loaded once in
//! a [`Workspace`], then checked again after a one-file edit, as `check --watch` and the MCP
//! server do. Prints the cold check, the re-check after an edit handed over in memory
//! (`apply_change`), and the re-check after an edit on disk found by `refresh` (which looks at
//! every file's modification time and walks the source folders). Run with
//! `cargo bench -p lockstep_workspace --bench warm`.
#![expect(clippy::print_stdout, reason = "a benchmark reports its figures on stdout")]

use std::path::Path;
use std::time::{Duration, Instant};

use lockstep_workspace::Workspace;
use lockstep_workspace::check::{CheckOptions, Quiet};

fn synthetic_app(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("contract")).unwrap();
    std::fs::create_dir_all(dir.join("supabase/migrations")).unwrap();
    std::fs::create_dir_all(dir.join("src/components")).unwrap();
    std::fs::write(dir.join("contract/app.lockstep"), lockstep_testkit::synthetic::migrations_contract(1000, 50))
        .unwrap();
    for (name, sql) in lockstep_testkit::synthetic::migrations(1000, 50) {
        std::fs::write(dir.join("supabase/migrations").join(name), sql).unwrap();
    }
    for n in 0..10_000 {
        std::fs::write(dir.join(format!("src/components/c{n}.tsx")), lockstep_testkit::synthetic::component(n))
            .unwrap();
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let dir = std::env::temp_dir().join("lockstep-bench-warm");
    synthetic_app(&dir);
    let mut workspace = Workspace::new(Some(&dir), CheckOptions::default(), false).watching();
    let start = Instant::now();
    let cold = workspace.check(&Quiet).expect("the synthetic app checks");
    let cold_time = start.elapsed();
    println!("cold check:                 {cold_time:>9.2?}  ({} findings)", cold.diagnostics.len());

    let mut in_memory = Vec::new();
    let mut on_disk = Vec::new();
    for round in 0..21 {
        let path = format!("src/components/c{}.tsx", round * 37);
        let original = lockstep_testkit::synthetic::component(round * 37);
        // An edit that adds a finding, then the edit undone.
        let edited = original.replacen(".select('", ".select('no_such_column, ", 1);
        assert_ne!(edited, original, "the component selects columns");
        for text in [edited, original] {
            let start = Instant::now();
            workspace.apply_change(Path::new(&path), Some(text.clone()));
            let checked = workspace.check(&Quiet).expect("re-check");
            in_memory.push(start.elapsed());
            assert_eq!(workspace.parsed_last(), 1, "one file parsed again");
            std::hint::black_box(checked);
            workspace.apply_change(Path::new(&path), None);
            std::fs::write(dir.join(&path), &text).unwrap();
            let start = Instant::now();
            assert!(workspace.refresh(), "the edit on disk is found");
            let checked = workspace.check(&Quiet).expect("re-check");
            on_disk.push(start.elapsed());
            std::hint::black_box(checked);
        }
    }
    println!("re-check, edit in memory:   {:>9.2?}  (median of {})", median(in_memory.clone()), in_memory.len());
    println!(
        "re-check, edit on disk:     {:>9.2?}  (median of {}, with refresh)",
        median(on_disk.clone()),
        on_disk.len()
    );
    if std::env::var_os("LOCKSTEP_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(dir);
    }
}
