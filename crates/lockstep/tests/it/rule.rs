//! `lockstep rule`: one rule explained as text or JSON, the listing of every code, and unknown
//! codes with a suggestion.

use crate::support::{json, lockstep, repo_root};

#[test]
fn rule_explains_a_code() {
    let run = lockstep(&repo_root(), &["rule", "ui/unknown-column"]);
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn rule_as_json_is_one_object() {
    let run = lockstep(&repo_root(), &["rule", "db/rls-disabled", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rule = json(&run.stdout);
    assert_eq!(rule["code"], "db/rls-disabled");
    assert_eq!(rule["layer"], "db");
    assert_eq!(rule["severity"], "error");
    assert_eq!(rule["summary"], "row-level security is off on a table with access rules");
    assert_eq!(rule["example"]["language"], "text");
    for key in ["explanation", "fix"] {
        assert!(rule[key].as_str().is_some_and(|text| text.ends_with('.')), "{key}: {}", run.stdout);
    }
    assert!(rule["example"]["code"].as_str().unwrap().contains("row level security"), "{}", run.stdout);
    // The severity is the one findings of the rule have by default.
    let run = lockstep(&repo_root(), &["rule", "db/skipped-statement", "--format", "json"]);
    assert_eq!(json(&run.stdout)["severity"], "info");
}

#[test]
fn unknown_rule_suggests_the_closest_code() {
    let run = lockstep(&repo_root(), &["rule", "ui/unknown-colum", "--color", "never"]);
    insta::assert_snapshot!(run.snapshot());
    // A code without its layer is matched by its name.
    let run = lockstep(&repo_root(), &["rule", "rls-disabled", "--color", "never"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("help: did you mean `db/rls-disabled`?"), "{}", run.stderr);
    let run = lockstep(&repo_root(), &["rule", "zebra", "--color", "never"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("help: `lockstep rule --all` lists every code"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn rule_lists_every_code() {
    let all = lockstep(&repo_root(), &["rule", "--all"]);
    assert_eq!(all.code, 0, "{}", all.stderr);
    assert_eq!(lockstep(&repo_root(), &["rule"]).stdout, all.stdout);
    let listed: Vec<&str> = all.stdout.lines().filter_map(|line| line.strip_prefix("  ")).collect();
    assert!(
        listed.iter().any(|line| line.split_whitespace().collect::<Vec<_>>()
            == [
                "ui/unknown-column",
                "error",
                "the",
                "code",
                "names",
                "a",
                "column",
                "the",
                "table",
                "does",
                "not",
                "have"
            ]),
        "{}",
        all.stdout
    );
    assert!(all.stdout.starts_with("Configuration (config/): docs/configuration.md\n"), "{}", all.stdout);
    // The JSON listing has the same rules, in the same order, each in full.
    let run = lockstep(&repo_root(), &["rule", "--all", "--format", "json"]);
    let rules = json(&run.stdout);
    let codes: Vec<&str> = rules.as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap()).collect();
    let listed_codes: Vec<&str> = listed.iter().map(|line| line.split_whitespace().next().unwrap()).collect();
    assert_eq!(codes, listed_codes);
    assert!(rules.as_array().unwrap().iter().all(|r| r["explanation"].is_string() && r["fix"].is_string()));
}

#[test]
fn rule_prints_text_or_json_only() {
    let run = lockstep(&repo_root(), &["rule", "ui/unknown-column", "--format", "sarif"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("sarif and github are formats for findings"), "{}", run.stderr);
    let run = lockstep(&repo_root(), &["rule", "ui/unknown-column", "--all"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
}
