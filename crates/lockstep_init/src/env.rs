//! The `env` block from the env files of each environment and the variables the code reads:
//! types from the values' shapes, `public` for names with a client prefix that do not name a
//! secret, where each is required from where it is defined.

use std::fmt::Write;

use lockstep_contract::env_names::{is_public_name, names_secret, public_prefix};

pub struct EnvInput {
    /// Every environment the configuration lists, and whether it has an env file.
    pub environments: Vec<(String, bool)>,
    pub vars: Vec<EnvVarInput>,
}

pub struct EnvVarInput {
    pub name: String,
    /// The environments whose files define it, with the value there (never printed).
    pub defined_in: Vec<(String, String)>,
    /// Code that runs in the browser reads it.
    pub read_in_client: bool,
}

pub fn env(input: &EnvInput) -> String {
    if input.vars.is_empty() {
        return String::new();
    }
    let with_files: Vec<&str> = input.environments.iter().filter(|(_, has)| *has).map(|(n, _)| n.as_str()).collect();
    let mut out = String::from(
        "// Environment variables, derived by `lockstep init` from the env files and the code.\n\nenv {\n",
    );
    let names: Vec<&str> = input.environments.iter().map(|(n, _)| n.as_str()).collect();
    let _ = writeln!(out, "  environments {}", names.join(" "));
    for var in &input.vars {
        // A secret behind a public prefix (`VITE_OPENAI_API_KEY`) is declared `secret`, so
        // `check` reports where it ships to the browser.
        // A name without a public prefix that browser code reads and that names no secret
        // (`SUPABASE_URL` as the fallback of `VITE_SUPABASE_URL`, a canister id) is public: only
        // a name that says it is a secret is one the browser must not see.
        let public = is_public_name(&var.name)
            || (var.read_in_client && public_prefix(&var.name).is_none() && !names_secret(&var.name));
        let values: Vec<&str> = var.defined_in.iter().map(|(_, v)| v.as_str()).collect();
        let ty = value_type(&values);
        let defined: Vec<&str> = var.defined_in.iter().map(|(e, _)| e.as_str()).collect();
        let requirement = if defined.is_empty() {
            " @optional".to_owned()
        } else if with_files.iter().all(|e| defined.contains(e)) && with_files.len() == names.len() {
            String::new()
        } else {
            let mut required: Vec<&str> = defined.clone();
            required.dedup();
            format!(" @environments({})", required.join(", "))
        };
        let _ = writeln!(out, "  {} {ty} {}{requirement}", var.name, if public { "public" } else { "secret" });
    }
    out.push_str("}\n");
    out
}

/// The type every value has: `url`, `int`, `bool`, `email`, `json`, else `text`.
fn value_type(values: &[&str]) -> &'static str {
    let all = |test: &dyn Fn(&str) -> bool| {
        let mut any = false;
        for value in values.iter().copied() {
            if value.is_empty() {
                continue;
            }
            if !test(value) {
                return false;
            }
            any = true;
        }
        any
    };
    if all(&|v| v.contains("://")) {
        "url"
    } else if all(&|v| v.parse::<i64>().is_ok()) {
        "int"
    } else if all(&|v| matches!(v, "true" | "false")) {
        "bool"
    } else if all(&|v| v.contains('@') && !v.contains(' ') && !v.contains("://")) {
        "email"
    } else {
        "text"
    }
}
