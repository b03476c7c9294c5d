//! `lockstep context`: one finding's slice, found by id or number, with token counts; and the
//! ids and token counts every JSON finding carries.

use crate::support::{TempDir, lockstep};

fn drifted() -> TempDir {
    let dir = TempDir::new();
    let status = std::process::Command::new("bash")
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/drift.sh"))
        .arg(dir.path().join("shop"))
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    dir
}

#[test]
fn a_finding_is_found_by_id_and_by_number_with_its_tokens() {
    let dir = drifted();
    let shop = dir.path().join("shop");
    let shop = shop.to_str().unwrap();
    let check = lockstep(dir.path(), &["check", shop, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let findings = value["findings"].as_array().unwrap();
    assert!(findings.len() > 5);
    let ids: Vec<&str> = findings.iter().map(|f| f["id"].as_str().unwrap()).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "ids are unique: {ids:?}");
    for finding in findings {
        assert!(finding["context_tokens"].as_u64().unwrap() > 10, "{finding}");
    }

    let by_number = lockstep(dir.path(), &["context", "2", shop, "--format", "json"]);
    assert_eq!(by_number.code, 0, "{}", by_number.stderr);
    let by_number: serde_json::Value = serde_json::from_str(&by_number.stdout).unwrap();
    assert_eq!(by_number["id"], findings[1]["id"]);
    assert_eq!(by_number["tokens"], findings[1]["context_tokens"]);
    let by_id = lockstep(dir.path(), &["context", ids[1], shop]);
    assert_eq!(by_id.code, 0, "{}", by_id.stderr);
    let code = findings[1]["code"].as_str().unwrap();
    assert!(by_id.stdout.contains(&format!("[{code}]")), "{}", by_id.stdout);
    assert!(by_id.stdout.contains(" tokens (the whole files it touches: "), "{}", by_id.stdout);
    let line = findings[1]["line"].as_u64().unwrap();
    assert!(by_id.stdout.contains(&format!("{line:>5} | ")), "the lines at the finding: {}", by_id.stdout);

    let gone = lockstep(dir.path(), &["context", "ls-0000000000", shop]);
    assert_eq!(gone.code, 2);
    assert!(gone.stderr.contains("no finding has the id"), "{}", gone.stderr);
    let past = lockstep(dir.path(), &["context", "999", shop]);
    assert_eq!(past.code, 2);
}
