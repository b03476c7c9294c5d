//! Fuzzes the PostgREST select-string parser: nothing may panic, and every name's and error's
//! byte range must lie inside the string.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lockstep_ts::select::{SelectItem, parse_select};

fn check(items: &[SelectItem], len: u32) {
    for item in items {
        match item {
            SelectItem::Star { start } => assert!(*start <= len),
            SelectItem::Column { alias, column, .. } => {
                assert!(column.start <= column.end && column.end <= len);
                if let Some(alias) = alias {
                    assert!(alias.end <= len);
                }
            }
            SelectItem::Aggregate { function, .. } => assert!(function.end <= len),
            SelectItem::Embed { resource, hints, items, .. } => {
                assert!(resource.end <= len);
                assert!(hints.iter().all(|h| h.end <= len));
                check(items, len);
            }
        }
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let len = u32::try_from(text.len()).unwrap_or(u32::MAX);
    match parse_select(text) {
        Ok(items) => check(&items, len),
        Err(err) => assert!(err.start <= err.end && err.end <= len, "{err:?} in {len} bytes"),
    }
});
