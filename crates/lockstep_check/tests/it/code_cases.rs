//! Fixture folders of source files checked against one contract: `tests/data/<layer>/<case>.
//! {ts,tsx}` with `tests/data/<layer>/contract.lockstep`. A case named `<code>__...` must report
//! `<layer>/<code>`; one named `near_miss__<code>__...` must report nothing. Findings are
//! snapshotted with code frames.

use std::path::{Path, PathBuf};

use lockstep_contract::model::Contract;
use lockstep_contract::resolve::resolve;
use lockstep_contract::syntax::parse;
use lockstep_diagnostics::{Diagnostic, RenderOptions, Sources, render_text, sort_diagnostics};
use lockstep_ts::facts::FileFacts;

pub fn run_cases(layer: &str, minimum: usize, check: &dyn Fn(&Contract, &FileFacts) -> Vec<Diagnostic>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(layer);
    let mut sources = Sources::new();
    let contract_text = std::fs::read_to_string(root.join("contract.lockstep")).unwrap();
    let contract_file = sources.add("contract.lockstep", contract_text);
    let parsed = parse(contract_file, sources.get(contract_file).text());
    assert!(!parsed.has_errors());
    let resolved = resolve(&sources, &[parsed.tree]);
    assert!(resolved.diagnostics.is_empty(), "{:?}", resolved.diagnostics);

    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ts" || e == "tsx"))
        .collect();
    cases.sort();
    assert!(cases.len() >= minimum, "expected at least {minimum} {layer} cases, found {}", cases.len());
    assert_coverage(layer, &cases);
    for case in &cases {
        let name = case.file_stem().unwrap().to_string_lossy().into_owned();
        let file_name = case.file_name().unwrap().to_string_lossy().into_owned();
        let file = sources.add(file_name.clone(), std::fs::read_to_string(case).unwrap());
        let facts = lockstep_ts::extract(file, &file_name, sources.get(file).text());
        let mut findings = check(&resolved.contract, &facts);
        sort_diagnostics(&mut findings, &sources);
        let mut rendered = String::new();
        for finding in &findings {
            render_text(&mut rendered, finding, &sources, RenderOptions::default());
        }
        let codes: Vec<&str> = findings.iter().map(|f| f.code).collect();
        if let Some(rest) = name.strip_prefix("near_miss__") {
            let code = format!("{layer}/{}", rest.split("__").next().unwrap().replace('_', "-"));
            assert!(codes.is_empty(), "{name}: a near miss of {code} must be clean, but reported:\n{rendered}");
        } else {
            let code = format!("{layer}/{}", name.split("__").next().unwrap().replace('_', "-"));
            assert!(codes.contains(&code.as_str()), "{name}: must report {code}, but reported:\n{rendered}");
        }
        insta::with_settings!({ snapshot_path => format!("snapshots/{layer}"), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name, rendered);
        });
    }
}

/// Every code with cases has at least three positive cases and two near misses.
fn assert_coverage(layer: &str, cases: &[PathBuf]) {
    let mut counts: std::collections::BTreeMap<String, (usize, usize)> = std::collections::BTreeMap::new();
    for case in cases {
        let name = case.file_stem().unwrap().to_string_lossy().into_owned();
        match name.strip_prefix("near_miss__") {
            Some(rest) => counts.entry(rest.split("__").next().unwrap().to_owned()).or_default().1 += 1,
            None => counts.entry(name.split("__").next().unwrap().to_owned()).or_default().0 += 1,
        }
    }
    for (code, (positive, near)) in counts {
        assert!(
            positive >= 3 && near >= 2,
            "{layer}/{code}: {positive} positive cases and {near} near misses; at least 3 and 2 are needed"
        );
    }
}
