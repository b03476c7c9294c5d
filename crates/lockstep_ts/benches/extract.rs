//! The UI layer on a synthetic app of 10,000 React components (about a million lines):
//! parse-only floor with `oxc`, then extraction plus the rules, on all cores. Run with
//! `cargo bench -p lockstep_ts`; prints wall times and the peak resident memory.
#![expect(clippy::print_stdout, reason = "a benchmark reports its figures on stdout")]

use std::time::Instant;

use lockstep_contract::resolve::resolve;
use lockstep_contract::syntax::parse;
use lockstep_diagnostics::Sources;
use oxc_allocator::Allocator;
use oxc_span::SourceType;

fn parallel<T: Send>(
    items: &[(lockstep_diagnostics::FileId, String)],
    work: impl Fn(lockstep_diagnostics::FileId, &str) -> T + Sync,
) -> Vec<T> {
    let workers = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let chunk = items.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let work = &work;
                std::thread::Builder::new()
                    .stack_size(64 << 20)
                    .spawn_scoped(scope, move || part.iter().map(|(id, text)| work(*id, text)).collect::<Vec<_>>())
                    .unwrap()
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    })
}

fn peak_rss_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

fn main() {
    let mut sources = Sources::new();
    let contract_file = sources.add("contract.lockstep", lockstep_testkit::synthetic::APP_CONTRACT);
    let tree = parse(contract_file, sources.get(contract_file).text()).tree;
    let contract = resolve(&sources, &[tree]).contract;
    let files: Vec<(lockstep_diagnostics::FileId, String)> = (0..10_000)
        .map(|n| {
            let text = lockstep_testkit::synthetic::component(n);
            (sources.add(format!("src/components/c{n}.tsx"), text.clone()), text)
        })
        .collect();
    let lines: usize = files.iter().map(|(_, t)| t.lines().count()).sum();
    println!("{} files, {lines} lines, {} MiB", files.len(), files.iter().map(|(_, t)| t.len()).sum::<usize>() >> 20);

    let start = Instant::now();
    let parsed = parallel(&files, |_, text| {
        let allocator = Allocator::default();
        let result = oxc_parser::Parser::new(&allocator, text, SourceType::tsx()).parse();
        result.program.body.len()
    });
    let floor = start.elapsed();
    assert_eq!(parsed.len(), files.len());
    println!("oxc parse only (floor):      {floor:>10.2?}");

    let start = Instant::now();
    let findings = parallel(&files, |id, text| {
        let facts = lockstep_ts::extract(id, "c.tsx", text);
        lockstep_check::ui::check_ui(&contract, &facts, &lockstep_check::ui::UiContext::default()).len()
    });
    let full = start.elapsed();
    assert_eq!(findings.iter().sum::<usize>(), 0, "the synthetic app is in sync with its contract");
    println!(
        "extraction + UI rules:       {full:>10.2?}  ({:.2}x the floor)",
        full.as_secs_f64() / floor.as_secs_f64()
    );
    println!("peak resident memory:        {} MiB", peak_rss_mib());
}
