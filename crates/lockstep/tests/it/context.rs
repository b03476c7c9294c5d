//! `lockstep context`: one finding's slice, found by id or number, with token counts; and the
//! ids and token counts every JSON finding carries.

use crate::support::{drifted_shop, lockstep};

#[test]
fn a_finding_is_found_by_id_and_by_number_with_its_tokens() {
    let (dir, shop) = drifted_shop();
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

/// On the drifted example, the median over findings of (tokens of the whole files a context
/// quotes ÷ tokens of the context). The issue asks for 10×; the example's files are small (the
/// median finding quotes files of about 540 tokens, and a context cannot be much smaller than its
/// message, its line and its fix), so today it reaches about 4×: this holds it there.
#[test]
fn contexts_cost_a_fraction_of_the_files_they_spare() {
    let (dir, shop) = drifted_shop();
    let check = lockstep(dir.path(), &["check", shop.to_str().unwrap(), "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let mut ratios: Vec<f64> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file_tokens"].as_f64().unwrap() / f["context_tokens"].as_f64().unwrap())
        .collect();
    assert_eq!(ratios.len(), 30);
    ratios.sort_by(f64::total_cmp);
    let median = f64::midpoint(ratios[14], ratios[15]);
    assert!(median >= 4.0, "median ratio {median:.2}: {ratios:?}");
}
