//! Fuzzes TypeScript extraction: the guard, then the facts of a file and its route handlers,
//! under each of the paths that select a reader (a page, an app router route, a pages router
//! route, an Edge Function, a server). Nothing may panic or overflow, and a file refused by
//! the guard yields neither facts nor handlers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lockstep_diagnostics::{Sources, decode_text};

const PATHS: [&str; 5] =
    ["src/page.tsx", "app/api/x/[id]/route.ts", "pages/api/x.js", "supabase/functions/x/index.ts", "server.mjs"];

fuzz_target!(|bytes: &[u8]| {
    let Some((&which, rest)) = bytes.split_first() else { return };
    let Ok(text) = decode_text(rest) else { return };
    let path = PATHS[usize::from(which) % PATHS.len()];
    let mut sources = Sources::new();
    let file = sources.add(path, text.clone());
    let facts = lockstep_ts::extract(file, path, &text);
    let routes = lockstep_ts::routes::route_file(file, path, &text);
    if lockstep_ts::refusal(path, &text).is_some() {
        assert!(facts.parse_error.is_some());
        assert!(routes.handlers.is_empty() && routes.mounts.is_empty());
    }
});
