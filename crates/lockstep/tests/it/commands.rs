//! The commands on the shipped example and on small projects.

use crate::support::{TempDir, json, lockstep, repo_root};

const BROKEN: &str = "entity Customer {\n  id    uuid @id\n  email txet\n}\n\nentity Order {\n  id         uuid @id\n  customerId uuid -> Custmer.id\n}\n";

#[test]
fn version_and_help() {
    let run = lockstep(&repo_root(), &["--version"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("lockstep "), "{}", run.stdout);
    let run = lockstep(&repo_root(), &["--help"]);
    assert_eq!(run.code, 0);
    for command in ["check", "fmt", "contract"] {
        assert!(run.stdout.contains(command), "help lacks {command}:\n{}", run.stdout);
    }
}

#[test]
fn bad_arguments_exit_with_2() {
    let run = lockstep(&repo_root(), &["check", "--format", "yaml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("yaml"));
    assert_eq!(lockstep(&repo_root(), &["frobnicate"]).code, 2);
}

#[test]
fn the_example_app_checks_clean() {
    let run = lockstep(&repo_root(), &["check", "examples/shop"]);
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn the_example_contract_is_formatted() {
    let run = lockstep(&repo_root(), &["fmt", "--check", "examples/shop/contract"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn drift_in_the_contract_is_reported_with_code_frames() {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", BROKEN);
    let run = lockstep(dir.path(), &["check", "--color", "never"]);
    insta::assert_snapshot!(run.snapshot());
}

#[test]
fn check_finds_the_project_from_a_subfolder() {
    let dir = TempDir::new();
    dir.write("lockstep.toml", "contract = \"spec\"\n");
    dir.write("spec/app.lockstep", BROKEN);
    std::fs::create_dir_all(dir.path().join("src/app")).unwrap();
    let run = lockstep(&dir.path().join("src/app"), &["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("--> spec/app.lockstep:3:9"), "{}", run.stdout);
}

#[test]
fn warnings_fail_only_when_denied() {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", "entity Log {\n  message text\n}\n");
    let run = lockstep(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("warning[contract/missing-primary-key]"));
    assert_eq!(lockstep(dir.path(), &["check", "--deny", "warnings"]).code, 1);
}

#[test]
fn fmt_rewrites_files_and_check_mode_lists_them() {
    let dir = TempDir::new();
    let messy = "// keep me\nentity   Note{\n id uuid   @id // key\n\n\n  body text}\n";
    dir.write("contract/a.lockstep", messy);
    dir.write("contract/b.lockstep", "enum Color { red green }\n");
    let run = lockstep(dir.path(), &["fmt", "--check"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "would reformat: contract/a.lockstep\n");
    assert_eq!(dir.read("contract/a.lockstep"), messy, "--check must not write");

    let run = lockstep(dir.path(), &["fmt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        dir.read("contract/a.lockstep"),
        "// keep me\nentity Note {\n  id   uuid @id // key\n\n  body text\n}\n"
    );
    assert_eq!(lockstep(dir.path(), &["fmt", "--check"]).code, 0);
}

#[test]
fn fmt_keeps_crlf_line_endings() {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", "entity  Note {\r\n  id uuid @id\r\n}\r\n");
    assert_eq!(lockstep(dir.path(), &["fmt"]).code, 0);
    assert_eq!(dir.read("contract/app.lockstep"), "entity Note {\r\n  id uuid @id\r\n}\r\n");
}

#[test]
fn fmt_refuses_files_with_syntax_errors() {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", "entity Note {\n  id uuid @id\n");
    let run = lockstep(dir.path(), &["fmt"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("unclosed `{`"), "{}", run.stdout);
    assert_eq!(dir.read("contract/app.lockstep"), "entity Note {\n  id uuid @id\n");
}

#[test]
fn contract_prints_the_resolved_model() {
    let run = lockstep(&repo_root(), &["contract", "examples/shop"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn contract_json_is_deterministic_and_complete() {
    let first = lockstep(&repo_root(), &["contract", "examples/shop", "--format", "json"]);
    let second = lockstep(&repo_root(), &["contract", "examples/shop", "--format", "json"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(first.stdout, second.stdout, "contract JSON differs between runs");
    let value = json(&first.stdout);
    assert_eq!(value["version"], 1);
    let entities = value["entities"].as_array().unwrap();
    assert_eq!(entities.len(), 7);
    let order = entities.iter().find(|e| e["name"] == "Order").unwrap();
    assert_eq!(order["table"], "orders");
    let customer = order["fields"].as_array().unwrap().iter().find(|f| f["name"] == "customerId").unwrap();
    assert_eq!(customer["db_name"], "customer_id");
    assert_eq!(customer["references"]["target"]["entity"], "Profile");
    assert_eq!(customer["origin"]["location"]["file"], "contract/data.lockstep");
    assert_eq!(value["webhooks"][0]["signature"]["tolerance_seconds"], 300);
}

#[test]
fn contract_with_errors_prints_findings_instead() {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", BROKEN);
    let run = lockstep(dir.path(), &["contract", "--format", "json"]);
    assert_eq!(run.code, 1);
    let value = json(&run.stdout);
    assert_eq!(value["summary"]["errors"], 2);
}

#[test]
fn the_drifted_example_reports_every_drift_at_its_line() {
    let dir = TempDir::new();
    let target = dir.path().join("shop-drifted");
    let status = std::process::Command::new("bash")
        .arg(repo_root().join("examples/drift.sh"))
        .arg(&target)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let run = lockstep(&target, &["check", "--color", "never"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.snapshot());
    let run = lockstep(&target, &["check", "--format", "json"]);
    let value = json(&run.stdout);
    let mut codes: Vec<&str> =
        value["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert!(codes.len() >= 10, "{codes:?}");
    for layer in ["db/", "ui/", "env/"] {
        assert!(codes.iter().any(|c| c.starts_with(layer)), "no {layer} finding: {codes:?}");
    }
}
