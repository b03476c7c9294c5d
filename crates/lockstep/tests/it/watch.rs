//! `lockstep check --watch`: the report, then a new one after every edit, from a process that
//! keeps running.

use std::io::{BufRead as _, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use crate::support::{TempDir, command, copy_tree, repo_root};

/// The lines of the child's stdout, as they come.
fn lines(child: &mut std::process::Child) -> mpsc::Receiver<String> {
    let stdout = child.stdout.take().expect("stdout is piped");
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    receive
}

/// The lines up to the next summary line (`... in N files`), or what came before the deadline.
fn next_report(lines: &mpsc::Receiver<String>) -> Vec<String> {
    let mut report = Vec::new();
    while let Ok(line) = lines.recv_timeout(Duration::from_secs(30)) {
        let summary = line.contains(" files") && (line.starts_with("no findings") || line.contains("error"));
        report.push(line);
        if summary {
            break;
        }
    }
    report
}

#[test]
fn watch_reports_again_after_an_edit_and_only_then() {
    let dir = TempDir::new();
    copy_tree(&repo_root().join("examples/shop"), dir.path());
    let mut child = command(dir.path(), &["check", "--watch", "--color", "never"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("lockstep runs");
    let lines = lines(&mut child);
    let first = next_report(&lines);
    assert!(first.last().is_some_and(|l| l.starts_with("no findings")), "the shop is clean: {first:#?}");

    // An edit that drifts: a column the contract does not have.
    let page = dir.path().join("app/products/page.tsx");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replacen(".select('id, name,", ".select('id, nickname, name,", 1)).unwrap();
    let second = next_report(&lines);
    let joined = second.join("\n");
    assert!(joined.contains("nickname") && joined.contains("app/products/page.tsx"), "{joined}");

    // The edit undone: clean again.
    std::fs::write(&page, &text).unwrap();
    let third = next_report(&lines);
    assert!(third.last().is_some_and(|l| l.starts_with("no findings")), "{third:#?}");

    // Nothing changes: no report comes.
    assert!(lines.recv_timeout(Duration::from_secs(1)).is_err(), "a report without an edit");
    let _ = child.kill();
    let _ = child.wait();
}
