//! The rule registry: every finding code with its layer, default severity, summary,
//! explanation, example and fix. `lockstep rule`, SARIF and docs/rules.md all read it.

mod api;
mod config;
mod contract;
mod db;
#[cfg(test)]
mod doc;
mod env;
mod generated;
mod migrate;
mod test;
mod ui;

use std::fmt::Write as _;

use lockstep_diagnostics::Severity;

/// One finding code, described for people.
pub struct Rule {
    /// The stable code, `layer/name`.
    pub code: &'static str,
    /// The severity the finding usually has; a few rules report some cases one level lower or
    /// higher (the explanation says which).
    pub severity: Severity,
    /// One line, lower case, no trailing period.
    pub summary: &'static str,
    /// What it means and why it matters: two to four sentences.
    pub explanation: &'static str,
    /// A snippet that triggers it.
    pub example: Example,
    /// How to make the finding go away for good.
    pub fix: &'static str,
}

/// A short snippet in a code block.
pub struct Example {
    /// The code block's language (`ts`, `sql`, `lockstep`, `toml`, `sh`, or `text` for a mix).
    pub language: &'static str,
    /// The snippet; leading and trailing line breaks are not part of it.
    pub code: &'static str,
}

impl Example {
    pub fn code(&self) -> &'static str {
        self.code.trim_matches('\n')
    }
}

/// The rules of one layer, in the order they are documented.
pub struct Layer {
    /// The code prefix: `db` for `db/missing-table`.
    pub name: &'static str,
    /// The section heading in docs/rules.md.
    pub title: &'static str,
    /// The page that documents the layer, relative to docs/.
    pub page: Option<&'static str>,
    pub rules: &'static [Rule],
}

impl Rule {
    /// The layer: the code's prefix.
    pub fn layer(&self) -> &'static str {
        self.code.split_once('/').map_or(self.code, |(layer, _)| layer)
    }
}

/// Every layer, in the order a run meets them.
pub const LAYERS: &[Layer] = &[
    config::CONFIG,
    contract::CONTRACT,
    db::DB,
    migrate::MIGRATE,
    ui::UI,
    api::API,
    api::WEBHOOK,
    env::ENV,
    generated::GEN,
    test::TEST,
    config::LOCKSTEP,
];

/// Every rule, layer by layer.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    LAYERS.iter().flat_map(|layer| layer.rules)
}

pub fn find(code: &str) -> Option<&'static Rule> {
    all().find(|rule| rule.code == code)
}

/// The rule as Markdown, its heading at `level` (`#` count): `lockstep rule` prints it, and
/// docs/rules.md is made of it. Prose is wrapped at 100 columns.
pub fn markdown(rule: &Rule, level: usize) -> String {
    let hashes = "#".repeat(level);
    let mut out = format!("{hashes} `{}`\n\n", rule.code);
    let _ = writeln!(out, "{}\n", wrap(&capitalize(rule.summary), "."));
    let _ = writeln!(out, "Layer: `{}`. Default severity: {}.\n", rule.layer(), rule.severity);
    let _ = writeln!(out, "{}\n", wrap(rule.explanation, ""));
    let _ = writeln!(out, "Example:\n\n```{}\n{}\n```\n", rule.example.language, rule.example.code());
    let _ = writeln!(out, "{}", wrap(&format!("Fix: {}", decapitalize(rule.fix)), ""));
    out
}

/// `The code names ...`; a file name stays as it is (`lockstep.toml is invalid`).
fn capitalize(text: &str) -> String {
    if text.split(' ').next().is_some_and(|word| word.contains('.')) {
        return text.to_owned();
    }
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// `Use the column` becomes `use the column` after `Fix:`; `PostgREST` stays.
fn decapitalize(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(std::iter::once(second)).chain(chars).collect()
        }
        _ => text.to_owned(),
    }
}

/// Wraps prose at 100 columns. A word that would start a line and read as Markdown block syntax
/// (`- `, `1.`, `#`, `>`) stays on the line before.
fn wrap(text: &str, end: &str) -> String {
    const WIDTH: usize = 100;
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let starts_block = word.starts_with(['-', '+', '*', '#', '>', '|'])
            || word.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with(['.', ')'])
                && word.starts_with(|c: char| c.is_ascii_digit());
        let width = word.chars().count();
        if line_len > 0 && line_len + 1 + width > WIDTH && !starts_block {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += width;
    }
    out.push_str(end);
    out
}

#[cfg(test)]
mod tests {
    use super::{LAYERS, all};

    #[test]
    fn codes_are_unique_and_under_their_layer() {
        let mut seen = std::collections::HashSet::new();
        for layer in LAYERS {
            for rule in layer.rules {
                assert_eq!(rule.layer(), layer.name, "{} is listed under `{}`", rule.code, layer.name);
                assert!(seen.insert(rule.code), "{} is listed twice", rule.code);
            }
        }
    }

    #[test]
    fn every_rule_is_described_in_full() {
        for rule in all() {
            let code = rule.code;
            assert!(!rule.summary.ends_with('.') && !rule.summary.is_empty(), "{code}: summary");
            assert!(rule.summary.starts_with(|c: char| c.is_lowercase() || c == '`'), "{code}: summary");
            let sentences = rule.explanation.matches(". ").count() + 1;
            assert!((2..=4).contains(&sentences), "{code}: explanation of {sentences} sentences");
            assert!(rule.explanation.ends_with('.') && rule.fix.ends_with('.'), "{code}: full stops");
            assert!(!rule.example.code().is_empty(), "{code}: example");
        }
    }

    /// The contract rules' examples report their own code, so they stay true as the language
    /// changes.
    #[test]
    fn contract_examples_report_their_code() {
        let mut wrong = Vec::new();
        for rule in super::contract::CONTRACT.rules {
            let mut sources = lockstep_diagnostics::Sources::new();
            let file = sources.add("example.lockstep", rule.example.code());
            let parsed = lockstep_contract::syntax::parse(file, sources.get(file).text());
            let mut codes: Vec<&str> = parsed.diagnostics.iter().map(|d| d.code).collect();
            if codes.is_empty() {
                let resolved = lockstep_contract::resolve::resolve(&sources, &[parsed.tree]);
                codes.extend(resolved.diagnostics.iter().map(|d| d.code));
            }
            if !codes.contains(&rule.code) {
                wrong.push(format!("the example of {} reports {codes:?}", rule.code));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// The migration rules' examples report their own code.
    #[test]
    fn migrate_examples_report_their_code() {
        let mut wrong = Vec::new();
        for rule in super::migrate::MIGRATE.rules.iter().filter(|r| r.example.language == "sql") {
            let mut sources = lockstep_diagnostics::Sources::new();
            let file = sources.add("example.sql", rule.example.code());
            let facts = lockstep_sql::migration_facts::migration_facts(sources.get(file).text());
            let migration = lockstep_check::migrations::MigrationFile { file, facts: &facts, no_transaction: false };
            let codes: Vec<&str> =
                lockstep_check::migrations::lint_migration(&migration).iter().map(|d| d.code).collect();
            if !codes.contains(&rule.code) {
                wrong.push(format!("the example of {} reports {codes:?}", rule.code));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// Every finding code a crate defines (`pub const X: &str = "layer/name"`) is in the
    /// registry, so no surface describes one as "a lockstep finding"; and every code in the
    /// registry is spelt somewhere outside it, so none outlives its finding.
    #[test]
    fn every_code_the_crates_define_is_listed() {
        let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let registry = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        let mut missing = Vec::new();
        let mut spelt = std::collections::HashSet::new();
        let mut pending = vec![crates];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() && !path.ends_with("tests") && !path.ends_with("target") && path != registry {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for rule in all().filter(|rule| text.contains(&format!("\"{}\"", rule.code))) {
                        spelt.insert(rule.code);
                    }
                    // Codes are constants, or what a match arm returns (`Check::ServerError =>
                    // "test/server-error"`) under a layer the registry knows.
                    let returned = |l: &str| {
                        l.split_once("=> \"").is_some_and(|(_, code)| {
                            LAYERS.iter().any(|layer| code.starts_with(&format!("{}/", layer.name)))
                        })
                    };
                    for line in text.lines().filter(|l| {
                        (l.trim_start().starts_with("pub const ") && l.contains(": &str = \"")) || returned(l)
                    }) {
                        let code = line.split('"').nth(1).unwrap_or_default();
                        let is_code = code.split_once('/').is_some_and(|(layer, name)| {
                            !layer.is_empty()
                                && !name.is_empty()
                                && code.chars().all(|c| c.is_ascii_lowercase() || c == '/' || c == '-')
                        });
                        if is_code && super::find(code).is_none() {
                            missing.push(format!("{code} ({})", path.display()));
                        }
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "codes missing from the rule registry (crates/lockstep/src/rules):\n{}",
            missing.join("\n")
        );
        let stale: Vec<&str> = all().map(|rule| rule.code).filter(|code| !spelt.contains(code)).collect();
        assert!(stale.is_empty(), "codes in the registry that no crate reports:\n{}", stale.join("\n"));
    }
}
