//! Fuzzes the contract pipeline: decode, parse, resolve, format. Nothing may panic, and
//! formatting what parses must be idempotent and keep it parseable.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lockstep_contract::format::format;
use lockstep_contract::resolve::resolve;
use lockstep_contract::syntax::parse;
use lockstep_diagnostics::{Sources, decode_text};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = decode_text(bytes) else { return };
    let mut sources = Sources::new();
    let file = sources.add("fuzz.lockstep", text.clone());
    let parsed = parse(file, &text);
    if parsed.has_errors() {
        return;
    }
    let formatted = format(&parsed.tree, &text);
    let reparsed = parse(file, &formatted);
    assert!(!reparsed.has_errors(), "formatted text does not parse:\n{formatted}");
    assert_eq!(format(&reparsed.tree, &formatted), formatted, "formatting is not idempotent");
    let _ = resolve(&sources, &[parsed.tree]);
});
