//! The versioned JSON wire format of findings (docs/json-output.md). Extend, never break.

use lockstep_diagnostics::{ContractPath, Label, Severity, Sources};
use serde_json::{Map, Value, json};

use super::Report;

pub const FORMAT_VERSION: u32 = 1;

pub fn render(report: &Report) -> String {
    let ids = super::finding_id::finding_ids(&report.diagnostics, report.sources);
    let mut slicer = super::context::Slicer::new(report.sources);
    let findings: Vec<Value> = report
        .diagnostics
        .iter()
        .zip(ids)
        .map(|(d, id)| {
            let mut finding = Map::new();
            finding.insert("id".into(), json!(id));
            finding.insert("code".into(), json!(d.code));
            finding.insert("severity".into(), json!(d.severity.as_str()));
            finding.insert("message".into(), json!(d.message));
            match &d.primary {
                Some(label) => {
                    if let Value::Object(location) = label_json(label, report.sources) {
                        finding.extend(location);
                    }
                }
                None => {
                    for key in ["file", "line", "column", "end_line", "end_column", "label"] {
                        finding.insert(key.into(), Value::Null);
                    }
                }
            }
            finding.insert("contract".into(), json!(d.contract.as_ref().map(ToString::to_string)));
            finding.insert("contract_path".into(), d.contract.as_ref().map_or(Value::Null, contract_path_json));
            finding.insert("help".into(), json!(d.help));
            let related: Vec<Value> = d.related.iter().map(|l| label_json(l, report.sources)).collect();
            finding.insert("related".into(), Value::Array(related));
            let context = slicer.context(d);
            finding.insert("context_tokens".into(), json!(context.tokens));
            finding.insert("file_tokens".into(), json!(context.file_tokens));
            Value::Object(finding)
        })
        .collect();
    let document = json!({
        "version": FORMAT_VERSION,
        "summary": {
            "errors": report.count(Severity::Error),
            "warnings": report.count(Severity::Warning),
            "infos": report.count(Severity::Info),
            "files": report.files,
            "duration_ms": u64::try_from(report.duration.as_millis()).unwrap_or(u64::MAX),
        },
        "findings": findings,
        "failures": report.failures.iter().map(|f| json!({ "layer": f.layer, "message": f.message })).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values always serialize");
    text.push('\n');
    text
}

/// The contract element as data: `kind` and the names that identify it
/// (docs/findings.schema.json, `$defs.contract_path`).
fn contract_path_json(path: &ContractPath) -> Value {
    let kind = path.kind();
    match path {
        ContractPath::Entity(entity) => json!({ "kind": kind, "entity": entity }),
        ContractPath::Field { entity, field } => json!({ "kind": kind, "entity": entity, "field": field }),
        ContractPath::Policy { entity, operation } => json!({ "kind": kind, "entity": entity, "operation": operation }),
        ContractPath::Endpoint { method, path, status } => {
            json!({ "kind": kind, "method": method, "path": path, "status": status })
        }
        ContractPath::Webhook { method, path } => json!({ "kind": kind, "method": method, "path": path }),
        ContractPath::EnumValue { enumeration, value } => json!({ "kind": kind, "enum": enumeration, "value": value }),
        ContractPath::Enum(name)
        | ContractPath::EnvVar(name)
        | ContractPath::Function(name)
        | ContractPath::Bucket(name) => {
            json!({ "kind": kind, "name": name })
        }
    }
}

fn label_json(label: &Label, sources: &Sources) -> Value {
    let mut value = location_json(sources, label.span);
    if let Value::Object(map) = &mut value {
        map.insert("label".into(), json!(label.message));
    }
    value
}

/// `file`, `line`, `column`, `end_line`, `end_column` of a span: 1-based, columns in
/// characters, paths relative to the project root with `/`.
pub fn location_json(sources: &Sources, span: lockstep_diagnostics::Span) -> Value {
    let file = sources.get(span.file);
    let index = file.line_index();
    let start = index.line_col(file.text(), span.start);
    let end = index.line_col(file.text(), span.end);
    json!({
        "file": file.path(),
        "line": start.line,
        "column": start.column,
        "end_line": end.line,
        "end_column": end.column,
    })
}
