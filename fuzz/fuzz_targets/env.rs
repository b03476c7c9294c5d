//! Fuzzes the env-file reader and the masking that keeps secrets out of output: nothing may
//! panic, spans must lie inside the text, and masking must keep the length in bytes (offsets
//! into the masked text are offsets into the original).
#![no_main]

use libfuzzer_sys::fuzz_target;
use lockstep_diagnostics::{Sources, decode_text};
use lockstep_env::{mask_values, parse_env};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = decode_text(bytes) else { return };
    let mut sources = Sources::new();
    let file = sources.add(".env", text.clone());
    let parsed = parse_env(file, &text);
    let inside = |span: lockstep_diagnostics::Span| {
        span.start <= span.end && text.get(span.start as usize..span.end as usize).is_some()
    };
    for entry in &parsed.entries {
        assert!(inside(entry.name_span) && inside(entry.value_span), "{entry:?}");
    }
    assert!(parsed.problems.iter().all(|(_, span)| inside(*span)));
    let masked = mask_values(&text, &|name| name.starts_with("NEXT_PUBLIC_"));
    assert_eq!(masked.len(), text.len());
});
