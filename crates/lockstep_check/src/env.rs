//! Environment variables: what the code reads and what the env files define, against the
//! contract's `env` block. Findings never contain a value.

use lockstep_contract::model::{Contract, Visibility};
use lockstep_diagnostics::{ContractPath, Diagnostic, Span, did_you_mean};
use lockstep_env::EnvFile;
use lockstep_ts::facts::FileFacts;

pub const UNDECLARED: &str = "env/undeclared";
pub const SECRET_EXPOSED: &str = "env/secret-exposed";
pub const MISSING: &str = "env/missing";
pub const UNDECLARED_IN_FILE: &str = "env/undeclared-in-file";
pub const PARITY: &str = "env/parity";
pub const COMMITTED_SECRET: &str = "env/committed-secret";

/// Variables runtimes and bundlers set themselves.
const BUILT_IN: [&str; 11] =
    ["NODE_ENV", "NEXT_RUNTIME", "VERCEL", "VERCEL_ENV", "VERCEL_URL", "CI", "MODE", "DEV", "PROD", "SSR", "BASE_URL"];

/// The code's reads against the contract: undeclared variables, and secrets read in code that
/// runs in the browser.
pub fn check_env_reads(contract: &Contract, facts: &FileFacts) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    if contract.env.is_empty() {
        return findings;
    }
    for read in &facts.env_reads {
        if BUILT_IN.contains(&read.name.name.as_str()) {
            continue;
        }
        match contract.env_var(&read.name.name) {
            None => {
                let names: Vec<&str> = contract.env.iter().map(|v| v.name.as_str()).collect();
                findings.push(
                    Diagnostic::error(UNDECLARED, format!("`{}` is not declared in the contract's `env`", read.name.name))
                        .at(read.name.span, "read here")
                        .help(did_you_mean(&read.name.name, names).map_or_else(
                            || {
                                let public = lockstep_contract::env_names::is_public_name(&read.name.name);
                                format!("declare it in the contract's `env`: `{} text {}`", read.name.name, if public { "public" } else { "secret" })
                            },
                            |s| format!("did you mean `{s}`?"),
                        )),
                );
            }
            Some(var) if var.visibility == Visibility::Secret && facts.is_client => findings.push(
                Diagnostic::error(SECRET_EXPOSED, format!("secret `{}` is read in code that runs in the browser", var.name))
                    .at(read.name.span, "client code")
                    .related(var.origin.span, "declared secret here")
                    .contract(ContractPath::EnvVar(var.name.clone()))
                    .help("read it on the server (a route handler, a server action, an edge function) and send only what the browser needs"),
            ),
            Some(_) => {}
        }
    }
    findings
}

/// One env file of one environment.
pub struct EnvFileFacts<'a> {
    pub environment: &'a str,
    pub file: lockstep_diagnostics::FileId,
    pub parsed: &'a EnvFile,
    /// The file is tracked by git: what it holds is shared with everyone who clones the repo.
    pub tracked: bool,
}

/// The env files against the contract.
pub fn check_env_files(contract: &Contract, files: &[EnvFileFacts]) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    if contract.env.is_empty() {
        return findings;
    }
    let environments: Vec<&str> = contract
        .environments
        .iter()
        .map(|e| e.name.as_str())
        .filter(|e| files.iter().any(|f| f.environment == *e))
        .collect();
    for var in &contract.env {
        for environment in &environments {
            if !var.required_in.iter().any(|e| e == environment) {
                continue;
            }
            let of_env: Vec<&EnvFileFacts> = files.iter().filter(|f| f.environment == *environment).collect();
            if of_env.iter().any(|f| f.parsed.get(&var.name).is_some()) {
                continue;
            }
            let mut finding = Diagnostic::error(
                MISSING,
                format!("`{}` is required in {environment} but none of its env files defines it", var.name),
            )
            .at(var.origin.span, format!("required in {environment}"))
            .contract(ContractPath::EnvVar(var.name.clone()))
            .help(format!(
                "add `{}=...` to {environment}'s env file, or limit it with `@environments(...)` in the contract",
                var.name
            ));
            if let Some(first) = of_env.first() {
                finding = finding.related(Span::new(first.file, 0, 0), format!("{environment}'s env file"));
            }
            findings.push(finding);
        }
    }
    for file in files {
        for entry in &file.parsed.entries {
            if contract.env_var(&entry.name).is_none() && !BUILT_IN.contains(&entry.name.as_str()) {
                findings.push(
                    Diagnostic::warning(
                        UNDECLARED_IN_FILE,
                        format!("`{}` is not declared in the contract's `env`", entry.name),
                    )
                    .at(entry.name_span, "defined here")
                    .help(format!(
                        "declare it in the contract's `env` block, or remove it from {} if nothing reads it",
                        file.environment
                    )),
                );
            }
        }
    }
    for var in &contract.env {
        let definitions: Vec<(&EnvFileFacts, &lockstep_env::EnvEntry)> =
            files.iter().filter_map(|f| f.parsed.get(&var.name).map(|e| (f, e))).collect();
        if var.visibility == Visibility::Public {
            parity(var, &definitions, &environments, &mut findings);
        } else {
            for (file, entry) in &definitions {
                if file.tracked && looks_real(&entry.value) {
                    findings.push(
                        Diagnostic::error(COMMITTED_SECRET, format!("secret `{}` has a real-looking value in a file git tracks", var.name))
                            .at(entry.name_span, "committed with a value")
                            .contract(ContractPath::EnvVar(var.name.clone()))
                            .help("rotate the secret, remove the value from the file (keep a placeholder in `.env.example`), and untrack the file (`git rm --cached`)"),
                    );
                }
            }
        }
    }
    findings
}

/// Public values must look alike across environments: a URL everywhere, or nowhere.
fn parity(
    var: &lockstep_contract::model::EnvVar,
    definitions: &[(&EnvFileFacts, &lockstep_env::EnvEntry)],
    environments: &[&str],
    findings: &mut Vec<Diagnostic>,
) {
    let Some((first_file, first)) = definitions.first() else { return };
    let expected = shape(&first.value);
    for (file, entry) in &definitions[1..] {
        if file.environment == first_file.environment {
            continue;
        }
        let actual = shape(&entry.value);
        if actual != expected {
            findings.push(
                Diagnostic::warning(
                    PARITY,
                    format!(
                        "`{}` is {actual} in {} but {expected} in {}",
                        var.name, file.environment, first_file.environment
                    ),
                )
                .at(entry.value_span, "differs")
                .related(first.value_span, format!("in {}", first_file.environment))
                .contract(ContractPath::EnvVar(var.name.clone()))
                .help("give every environment a value of the same kind"),
            );
        }
    }
    if var.required_in.is_empty() {
        let defined_in: Vec<&str> =
            environments.iter().copied().filter(|e| definitions.iter().any(|(f, _)| f.environment == *e)).collect();
        if !defined_in.is_empty() && defined_in.len() < environments.len() {
            let missing: Vec<&str> = environments.iter().copied().filter(|e| !defined_in.contains(e)).collect();
            findings.push(
                Diagnostic::warning(
                    PARITY,
                    format!("`{}` is defined in {} but not in {}", var.name, defined_in.join(", "), missing.join(", ")),
                )
                .at(first.name_span, "defined here")
                .contract(ContractPath::EnvVar(var.name.clone()))
                .help("define it everywhere, or say where it belongs with `@environments(...)` in the contract"),
            );
        }
    }
}

fn shape(value: &str) -> &'static str {
    if value.is_empty() {
        "empty"
    } else if value.starts_with("http://") || value.starts_with("https://") || value.contains("://") {
        "a URL"
    } else if value.parse::<f64>().is_ok() {
        "a number"
    } else if matches!(value, "true" | "false") {
        "a boolean"
    } else {
        "text"
    }
}

/// Whether a value looks like a real secret rather than a placeholder or a local default.
fn looks_real(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let placeholder = [
        "your",
        "example",
        "placeholder",
        "changeme",
        "change-me",
        "xxx",
        "<",
        "todo",
        "replace",
        "...",
        "localhost",
        "127.0.0.1",
    ];
    value.len() >= 8
        && !placeholder.iter().any(|p| lower.contains(p))
        && value.chars().collect::<std::collections::HashSet<_>>().len() > 3
}
