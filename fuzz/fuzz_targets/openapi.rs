//! Fuzzes OpenAPI import: load YAML or JSON, convert to contract text. Nothing may panic, and
//! the text written for a document that imports must parse and resolve without errors.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lockstep_contract::resolve::resolve;
use lockstep_contract::syntax::parse;
use lockstep_diagnostics::{Severity, Sources, decode_text};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = decode_text(bytes) else { return };
    let Ok(document) = lockstep_openapi::load(&text) else { return };
    let Ok(imported) = lockstep_openapi::import(&document) else { return };
    let mut sources = Sources::new();
    let file = sources.add("imported.lockstep", imported.contract.clone());
    let parsed = parse(file, &imported.contract);
    let resolved = resolve(&sources, &[parsed.tree]);
    let errors: Vec<_> = parsed
        .diagnostics
        .iter()
        .chain(&resolved.diagnostics)
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.clone())
        .collect();
    assert!(errors.is_empty(), "imported text does not check: {errors:?}\n{}", imported.contract);
});
