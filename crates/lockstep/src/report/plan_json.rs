//! `lockstep migrate plan --format json`: the plan as one versioned JSON object (see
//! docs/migrate.md). Extend, never break.

use lockstep_db::plan::Plan;
use serde_json::{Value, json};

pub const FORMAT_VERSION: u32 = 1;

/// What became of the plan.
pub struct Outcome<'a> {
    /// The files' paths as shown, one per planned file.
    pub paths: &'a [String],
    pub written: bool,
    /// Why it needs `--allow-destructive`; empty when it does not.
    pub needs_consent: &'a [String],
    pub refused: bool,
}

pub fn render(plan: &Plan, outcome: &Outcome) -> String {
    let changes: Vec<Value> = plan
        .changes
        .iter()
        .map(|planned| {
            let hazards: Vec<Value> =
                planned.hazards.iter().map(|h| json!({ "risk": h.risk.as_str(), "message": h.message })).collect();
            json!({ "summary": lockstep_db::summary::summary(&planned.change), "hazards": hazards })
        })
        .collect();
    let files: Vec<Value> = plan
        .files
        .iter()
        .zip(outcome.paths)
        .map(|(file, path)| json!({ "path": path, "transactional": file.transactional, "sql": file.sql }))
        .collect();
    let document = json!({
        "version": FORMAT_VERSION,
        "changes": changes,
        "files": files,
        "written": outcome.written,
        "refused": outcome.refused,
        "needs_consent": outcome.needs_consent,
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
