//! Output plumbing: the JSON wire format, colours, and a reader that goes away.

use std::fmt::Write;
use std::io::Read;
use std::process::Stdio;

use crate::support::{TempDir, command, json, lockstep};

#[test]
fn json_findings_follow_the_wire_format() {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", "// é日本\nentity Customer {\r\n  id    uuid @id\r\n  email txet\r\n}\r\n");
    let run = lockstep(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let value = json(&run.stdout);
    assert_eq!(value["version"], 1);
    assert_eq!(value["summary"]["errors"], 1);
    assert_eq!(value["summary"]["warnings"], 0);
    assert_eq!(value["summary"]["files"], 1);
    assert!(value["summary"]["duration_ms"].is_u64());
    let finding = &value["findings"][0];
    assert_eq!(finding["code"], "contract/unknown-type");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["file"], "contract/app.lockstep");
    assert_eq!((finding["line"].as_u64(), finding["column"].as_u64()), (Some(4), Some(9)));
    assert_eq!((finding["end_line"].as_u64(), finding["end_column"].as_u64()), (Some(4), Some(13)));
    assert_eq!(finding["help"], "did you mean `text`?");
}

#[test]
fn colour_follows_flags_and_environment() {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", "entity A {\n  id uuid @id\n  x txet\n}\n");
    let escape = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = command(dir.path(), args);
        for (key, value) in env {
            cmd.env(key, value);
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap().contains('\x1b')
    };
    assert!(!escape(&["check"], &[]), "no colour when stdout is not a terminal");
    assert!(escape(&["check", "--color", "always"], &[]));
    assert!(escape(&["check"], &[("FORCE_COLOR", "1")]));
    assert!(!escape(&["check"], &[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]));
    assert!(!escape(&["check", "--color", "never"], &[("FORCE_COLOR", "1")]));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = TempDir::new();
    let mut text = String::new();
    for i in 0..3000 {
        let _ = write!(text, "entity E{i} {{\n  id uuid @id\n  name text\n}}\n\n");
    }
    dir.write("contract/app.lockstep", text);
    let mut child = command(dir.path(), &["contract", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read a little, then hang up, as `| head -c 10` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 10];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}
