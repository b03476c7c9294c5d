//! Every output format, validated by a real consumer: the SARIF 2.1.0 schema and our own
//! findings schema (docs/findings.schema.json), checked with Python's `jsonschema`, and GitHub's
//! workflow command syntax.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::support::{TempDir, lockstep, repo_root};

/// A project with findings of several layers and related locations.
fn drifting_project() -> TempDir {
    let dir = TempDir::new();
    dir.write(
        "contract/app.lockstep",
        "entity Order {\n  id     uuid @id\n  status text\n}\n\nenv {\n  STRIPE_SECRET_KEY text secret\n}\n",
    );
    dir.write(
        "supabase/migrations/20240101000000_init.sql",
        "create table orders (id uuid primary key, status text);\n",
    );
    dir.write("src/orders.tsx", "'use client'\nimport { supabase } from './supabase'\nexport const q = supabase.from('orders').select('id, state')\nexport const k = process.env.STRIPE_SECRET_KEY\n");
    dir
}

fn validate(schema: &std::path::Path, document: &str) {
    // language=Python
    let script = "import json, sys\nimport jsonschema\nschema = json.load(open(sys.argv[1]))\ndoc = json.load(sys.stdin)\njsonschema.validate(doc, schema)\nprint('valid')\n";
    let mut child = Command::new("python3")
        .args(["-c", script])
        .arg(schema)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs (CI installs jsonschema)");
    child.stdin.take().unwrap().write_all(document.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{} rejects the output:\n{}\n{document}",
        schema.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let dir = drifting_project();
    let run = lockstep(dir.path(), &["check", "--format", "sarif"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    validate(&repo_root().join("crates/lockstep/tests/data/sarif-2.1.0-rtm.5.json"), &run.stdout);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let results = value["runs"][0]["results"].as_array().unwrap();
    let rule_ids: Vec<&str> = results.iter().map(|r| r["ruleId"].as_str().unwrap()).collect();
    assert!(
        rule_ids.contains(&"db/nullability-mismatch")
            && rule_ids.contains(&"ui/unknown-column")
            && rule_ids.contains(&"env/secret-exposed"),
        "{rule_ids:?}"
    );
    let region =
        &results.iter().find(|r| r["ruleId"] == "ui/unknown-column").unwrap()["locations"][0]["physicalLocation"];
    assert_eq!(region["artifactLocation"]["uri"], "src/orders.tsx");
    assert_eq!(region["region"]["startLine"], 3);
    // Rule metadata comes from the rule registry, as `lockstep rule` prints it.
    let rules = value["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    for code in ["db/nullability-mismatch", "ui/unknown-column", "env/secret-exposed"] {
        let sarif = rules.iter().find(|r| r["id"] == code).unwrap();
        let rule = crate::support::json(&lockstep(dir.path(), &["rule", code, "--format", "json"]).stdout);
        assert_eq!(sarif["shortDescription"]["text"], rule["summary"]);
        assert_eq!(sarif["fullDescription"]["text"], rule["explanation"]);
        assert_eq!(sarif["help"]["text"], rule["fix"]);
        assert_eq!(sarif["defaultConfiguration"]["level"], "error");
    }
}

#[test]
fn json_output_follows_the_documented_schema() {
    let dir = drifting_project();
    let run = lockstep(dir.path(), &["check", "--format", "json", "-v"]);
    validate(&repo_root().join("docs/findings.schema.json"), &run.stdout);
    // The contract element as text, as always, and as data beside it.
    let value = crate::support::json(&run.stdout);
    let findings = value["findings"].as_array().unwrap();
    let by_code = |code: &str| findings.iter().find(|f| f["code"] == code).unwrap();
    let secret = by_code("env/secret-exposed");
    assert_eq!(secret["contract"], "env STRIPE_SECRET_KEY");
    assert_eq!(secret["contract_path"], serde_json::json!({ "kind": "env", "name": "STRIPE_SECRET_KEY" }));
    let column = by_code("ui/unknown-column");
    assert_eq!(column["contract"], "entity Order");
    assert_eq!(column["contract_path"], serde_json::json!({ "kind": "entity", "entity": "Order" }));
    let clean = lockstep(&repo_root(), &["check", "examples/shop", "--format", "json"]);
    validate(&repo_root().join("docs/findings.schema.json"), &clean.stdout);
}

#[test]
fn github_annotations_are_workflow_commands() {
    let dir = drifting_project();
    let run = lockstep(dir.path(), &["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let annotation =
        lines.iter().find(|l| l.contains("ui/unknown-column")).expect("an annotation for the unknown column");
    assert!(annotation.starts_with("::error file=src/orders.tsx,line=3,col="), "{annotation}");
    assert!(annotation.contains(",title=ui/unknown-column::"), "{annotation}");
    for line in &lines[..lines.len() - 1] {
        assert!(
            line.starts_with("::error ") || line.starts_with("::warning ") || line.starts_with("::notice "),
            "{line}"
        );
        assert!(!line[2..].contains('\n'));
    }
}

#[test]
fn sarif_and_github_are_for_findings_only() {
    let run = lockstep(&repo_root(), &["contract", "examples/shop", "--format", "sarif"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("sarif and github are formats for findings"), "{}", run.stderr);
}

#[test]
fn a_layer_that_could_not_run_is_part_of_every_format() {
    let dir = drifting_project();
    let db = ["--db", "postgres://u:hunter2@127.0.0.1:1/shopdb"];
    let run = lockstep(dir.path(), &["check", "--format", "json", db[0], db[1]]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    validate(&repo_root().join("docs/findings.schema.json"), &run.stdout);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let failures = value["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert_eq!(failures[0]["layer"], "db");
    let message = failures[0]["message"].as_str().unwrap();
    assert!(message.starts_with("cannot connect to the database `shopdb` at 127.0.0.1:1"), "{message}");
    assert!(!run.stdout.contains("hunter2"));

    let run = lockstep(dir.path(), &["check", "--format", "sarif", db[0], db[1]]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    validate(&repo_root().join("crates/lockstep/tests/data/sarif-2.1.0-rtm.5.json"), &run.stdout);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let invocation = &value["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let text = invocation["toolExecutionNotifications"][0]["message"]["text"].as_str().unwrap();
    assert!(text.starts_with("the db layer could not run: cannot connect"), "{text}");

    let run = lockstep(dir.path(), &["check", "--format", "github", db[0], db[1]]);
    assert!(
        run.stdout.contains("::error title=lockstep::the db layer could not run: cannot connect"),
        "{}",
        run.stdout
    );
    let run = lockstep(dir.path(), &["check", "--color", "never", db[0], db[1]]);
    assert!(run.stdout.contains("; incomplete: the db layer could not run\n"), "{}", run.stdout);

    // A clean run says so too.
    let run = lockstep(&repo_root(), &["check", "examples/shop", "--format", "sarif"]);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["runs"][0]["invocations"][0]["executionSuccessful"], true);
    let run = lockstep(&repo_root(), &["check", "examples/shop", "--format", "json"]);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap()["failures"], serde_json::json!([]));
}
