//! `lockstep test --format json`: one object, versioned like the check's output
//! (docs/testing.md describes it).

use std::time::Duration;

use lockstep_probe::Case;
use serde_json::{Value, json};

pub fn render(cases: &[Case], elapsed: Duration) -> String {
    let results: Vec<Value> = cases
        .iter()
        .map(|case| {
            let status = if case.skipped.is_some() {
                "skipped"
            } else if case.failures.is_empty() {
                "passed"
            } else {
                "failed"
            };
            json!({
                "group": case.group.as_str(),
                "target": case.target,
                "name": case.name,
                "status": status,
                "failures": case.failures.iter().map(|f| json!({ "code": f.check.code(), "message": f.message })).collect::<Vec<_>>(),
                "skipped": case.skipped,
                "reproducer": case.reproducer,
            })
        })
        .collect();
    let (passed, failed, skipped) = super::junit::counts(cases);
    let document = json!({
        "version": 1,
        "summary": {
            "passed": passed,
            "failed": failed,
            "skipped": skipped,
            "duration_ms": u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
        },
        "results": results,
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
