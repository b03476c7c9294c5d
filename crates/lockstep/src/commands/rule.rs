//! `lockstep rule`: explain a finding code from the rule registry, or list every code.

use std::fmt::Write as _;

use anyhow::bail;
use lockstep_diagnostics::did_you_mean;
use serde_json::{Value, json};

use crate::ExitStatus;
use crate::cli::{OutputFormat, RuleArgs};
use crate::printer::Printer;
use crate::rules::{self, LAYERS, Rule};

pub fn run(printer: &Printer, format: OutputFormat, args: &RuleArgs) -> anyhow::Result<ExitStatus> {
    let json = match format {
        OutputFormat::Text => false,
        OutputFormat::Json => true,
        OutputFormat::Sarif | OutputFormat::Github => {
            bail!("`lockstep rule` prints `--format text` or `json`; sarif and github are formats for findings")
        }
    };
    let output = match args.code.as_deref() {
        Some(code) => {
            let Some(rule) = rules::find(code) else { bail!(unknown(code)) };
            if json { to_json(&rule_json(rule)) } else { rules::markdown(rule, 1) }
        }
        None if json => to_json(&Value::Array(rules::all().map(rule_json).collect())),
        None => list(),
    };
    printer.out(&output)?;
    Ok(ExitStatus::Success)
}

/// The error for a code the registry does not have, with the closest code. A code given without
/// its layer (`unknown-colum`) is compared with the names after the layer too.
fn unknown(code: &str) -> String {
    let suggestion = did_you_mean(code, rules::all().map(|rule| rule.code)).or_else(|| {
        let name = did_you_mean(code, rules::all().map(|rule| rule.code.split_once('/').map_or("", |(_, n)| n)))?;
        rules::all().map(|rule| rule.code).find(|c| c.ends_with(&format!("/{name}")))
    });
    let help = match suggestion {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None => "`lockstep rule --all` lists every code".to_owned(),
    };
    format!("unknown rule `{code}`\n  help: {help}")
}

/// Every code with its severity and summary, layer by layer.
fn list() -> String {
    let width = rules::all().map(|rule| rule.code.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (i, layer) in LAYERS.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = write!(out, "{} ({}/)", layer.title, layer.name);
        match layer.page {
            Some(page) => _ = writeln!(out, ": docs/{page}"),
            None => out.push('\n'),
        }
        for rule in layer.rules {
            let _ = writeln!(out, "  {:width$}  {:7}  {}", rule.code, rule.severity.as_str(), rule.summary);
        }
    }
    out
}

fn rule_json(rule: &Rule) -> Value {
    json!({
        "code": rule.code,
        "layer": rule.layer(),
        "severity": rule.severity.as_str(),
        "summary": rule.summary,
        "explanation": rule.explanation,
        "example": { "language": rule.example.language, "code": rule.example.code() },
        "fix": rule.fix,
    })
}

fn to_json(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("JSON values always serialize");
    text.push('\n');
    text
}
