//! docs/rules.md, generated from the registry; the test fails when the committed page differs.

use std::fmt::Write as _;

use super::{LAYERS, markdown};

const REGENERATE: &str = "UPDATE_DOCS=1 cargo nextest run -p lockstep rules_doc";

fn render() -> String {
    let mut out = String::from("# Rules\n\n");
    let _ = writeln!(out, "<!-- Generated from crates/lockstep/src/rules by `{REGENERATE}`. Do not edit. -->\n");
    out.push_str(concat!(
        "Every finding lockstep reports has a stable code, `layer/name`. This page describes each\n",
        "one: what it means, why it matters, an example that triggers it and the fix.\n",
        "`lockstep rule CODE` prints the same for one rule (`--format json` as one object with\n",
        "`code`, `layer`, `severity`, `summary`, `explanation`, `example` (`language`, `code`) and\n",
        "`fix`), and `lockstep rule --all` lists them. The severity is the one a finding has by\n",
        "default; where a rule reports some cases at another level, its explanation says so. A\n",
        "finding is silenced by a `lockstep-ignore` comment on the line above it.\n\n",
    ));
    out.push_str("| code | severity | summary |\n| --- | --- | --- |\n");
    for rule in LAYERS.iter().flat_map(|layer| layer.rules) {
        let anchor: String = rule.code.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        let _ = writeln!(out, "| [`{}`](#{anchor}) | {} | {} |", rule.code, rule.severity, rule.summary);
    }
    for layer in LAYERS {
        let _ = write!(out, "\n## {} (`{}/`)\n\n", layer.title, layer.name);
        if let Some(page) = layer.page {
            let _ = writeln!(out, "More on this layer: [{page}]({page}).\n");
        }
        for (i, rule) in layer.rules.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&markdown(rule, 3));
        }
    }
    out
}

#[test]
fn rules_doc_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let expected = render();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default().replace("\r\n", "\n");
    assert!(
        actual == expected,
        "docs/rules.md differs from what the rule registry (crates/lockstep/src/rules) generates; regenerate it with `{REGENERATE}`"
    );
}
