//! `lockstep mcp` driven by a real MCP client: the official Python SDK (`mcp` on `PyPI`, installed
//! by `.ci/run`) lists the tools, checks the drifted example, reads one finding's context, fixes
//! that line, and sees exactly that finding gone (`tests/mcp_client.py`).

use std::process::Command;

use crate::support::{drifted_shop, repo_root};

#[test]
fn an_mcp_client_checks_reads_context_fixes_and_checks_again() {
    let (_dir, shop) = drifted_shop();
    let output = Command::new("python3")
        .arg(repo_root().join("crates/lockstep/tests/mcp_client.py"))
        .arg(env!("CARGO_BIN_EXE_lockstep"))
        .arg(&shop)
        .output()
        .expect("python3 runs (with the `mcp` package: pip install mcp)");
    assert!(
        output.status.success(),
        "the MCP client failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["findings_after"].as_u64().unwrap() + 1, summary["findings_before"].as_u64().unwrap());
}
