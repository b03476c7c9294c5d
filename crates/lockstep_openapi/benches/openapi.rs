//! Import and export of a large spec: 1,002 operations over 334 resources (about 3 MB of JSON).
//! Run with `cargo bench -p lockstep_openapi`; prints the median of several runs of each step.
#![expect(clippy::print_stdout, reason = "a benchmark reports its figures on stdout")]

use std::time::{Duration, Instant};

use lockstep_contract::format::format;
use lockstep_contract::resolve::resolve;
use lockstep_contract::syntax::parse;
use lockstep_diagnostics::Sources;

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let spec = lockstep_testkit::synthetic::openapi_spec(334);
    println!("spec: 1002 operations, {} KiB", spec.len() >> 10);

    let mut contract_text = String::new();
    let import_runs: Vec<Duration> = (0..7)
        .map(|_| {
            let start = Instant::now();
            let document = lockstep_openapi::load(&spec).expect("the generated spec loads");
            let imported = lockstep_openapi::import(&document).expect("the generated spec imports");
            let mut sources = Sources::new();
            let file = sources.add("imported.lockstep", imported.contract);
            let parsed = parse(file, sources.get(file).text());
            contract_text = format(&parsed.tree, sources.get(file).text());
            start.elapsed()
        })
        .collect();
    println!("import (read, convert, format):  {:>10.2?}", median(import_runs));

    let export_runs: Vec<Duration> = (0..7)
        .map(|_| {
            let start = Instant::now();
            let mut sources = Sources::new();
            let file = sources.add("contract.lockstep", contract_text.clone());
            let parsed = parse(file, sources.get(file).text());
            let resolved = resolve(&sources, &[parsed.tree]);
            assert!(resolved.diagnostics.is_empty(), "the imported contract resolves");
            let json = lockstep_openapi::export(&resolved.contract, "bench").document.to_json();
            assert!(json.len() > 1000);
            start.elapsed()
        })
        .collect();
    println!("export (parse, resolve, write):  {:>10.2?}", median(export_runs));
}
