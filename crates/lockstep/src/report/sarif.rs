//! SARIF 2.1.0, for GitHub code scanning and other SARIF consumers: one run, the rules that
//! produced results, and each result with its location and related locations.

use lockstep_diagnostics::{Diagnostic, Label, Severity};
use serde_json::{Value, json};

use super::Report;
use crate::rules;

pub fn render(report: &Report) -> String {
    let mut codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
    codes.sort_unstable();
    codes.dedup();
    let rules: Vec<Value> = codes.iter().map(|code| rule(code)).collect();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut result = json!({
                "ruleId": d.code,
                "ruleIndex": codes.iter().position(|c| *c == d.code).unwrap_or(0),
                "level": level(d.severity),
                "message": { "text": message(d) },
            });
            if let Some(primary) = &d.primary {
                result["locations"] = json!([location(report, primary)]);
            }
            if !d.related.is_empty() {
                let related: Vec<Value> = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, label)| {
                        let mut value = location(report, label);
                        value["id"] = json!(i);
                        value["message"] = json!({ "text": label.message });
                        value
                    })
                    .collect();
                result["relatedLocations"] = Value::Array(related);
            }
            result
        })
        .collect();
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "lockstep",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            } },
            "columnKind": "unicodeCodePoints",
            "invocations": [invocation(report)],
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values always serialize");
    text.push('\n');
    text
}

/// A rule's metadata from the registry; every code a crate reports is in it (a test holds
/// the crates to that), so the fallback is only a guard.
fn rule(code: &str) -> Value {
    let Some(rule) = rules::find(code) else {
        return json!({ "id": code, "shortDescription": { "text": "a lockstep finding" } });
    };
    json!({
        "id": code,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": rule.explanation },
        "help": { "text": rule.fix },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": { "tags": [rule.layer()] },
    })
}

/// Whether the run did all its work; a layer that could not run is a notification, so SARIF
/// consumers do not take the missing results for a clean run.
fn invocation(report: &Report) -> Value {
    let notifications: Vec<Value> = report
        .failures
        .iter()
        .map(|f| {
            json!({
                "level": "error",
                "message": { "text": format!("the {} layer could not run: {}", f.layer, f.message) },
                "descriptor": { "id": format!("lockstep/{}-layer-failed", f.layer) },
            })
        })
        .collect();
    json!({
        "executionSuccessful": report.failures.is_empty(),
        "toolExecutionNotifications": notifications,
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The message with the help appended: SARIF viewers show one text.
fn message(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{} (help: {help})", d.message),
        None => d.message.clone(),
    }
}

fn location(report: &Report, label: &Label) -> Value {
    let file = report.sources.get(label.span.file);
    let index = file.line_index();
    let start = index.line_col(file.text(), label.span.start);
    let end = index.line_col(file.text(), label.span.end);
    let end_column = if end == start { end.column + 1 } else { end.column };
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": file.path(), "uriBaseId": "%SRCROOT%" },
            "region": { "startLine": start.line, "startColumn": start.column, "endLine": end.line, "endColumn": end_column },
        }
    })
}
