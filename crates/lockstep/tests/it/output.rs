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

#[test]
fn a_closed_output_pipe_keeps_the_verdict() {
    let dir = crate::support::TempDir::new();
    dir.write("contract/app.lockstep", "entity Note {\n  id uuid @id\n  body Strng\n}\n");
    for format in ["text", "json"] {
        // The reading end is closed before lockstep starts, so its first write fails (`| head -0`).
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let status = crate::support::command(dir.path(), &["check", "--format", format])
            .stdout(writer)
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(1), "{format}");
    }
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let status = crate::support::command(&crate::support::repo_root(), &["contract", "examples/shop"])
        .stdout(writer)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn file_names_and_source_lines_cannot_drive_the_terminal() {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", "entity Order {\n  id uuid @id\n}\n");
    dir.write(
        "src/back\\slash.ts",
        "import { supabase } from './supabase'\nexport const a = supabase.from('ordrs').select('id')\n",
    );
    dir.write(
        "src/evil\x1b]0;pwned\x07.ts",
        "import { supabase } from './supabase'\nexport const b = supabase.from('x\x1b[2J\u{202e}y').select('id')\n",
    );
    let run = lockstep(dir.path(), &["check", "--color", "never"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        !run.stdout.contains('\x1b') && !run.stdout.contains('\x07') && !run.stdout.contains('\u{202e}'),
        "{:?}",
        run.stdout
    );
    assert!(run.stdout.contains("--> src/back\\slash.ts:2:"), "{}", run.stdout);
    assert!(run.stdout.contains("--> src/evil\\x1b]0;pwned\\x07.ts:2:"), "{}", run.stdout);
    assert!(run.stdout.contains("supabase.from('x\\x1b[2J\\u{202e}y')"), "{}", run.stdout);
    // The carets stay under the table name, escapes counted.
    let frame: Vec<&str> = run.stdout.lines().skip_while(|l| !l.contains("src/evil")).take(4).collect();
    let code = frame[2].find("x\\x1b").unwrap();
    let caret = frame[3].find('^').unwrap();
    assert_eq!(caret, code, "{frame:#?}");
    assert!(frame[3].contains(&format!("{} no such table", "^".repeat(17))), "{frame:#?}");
    let json = json(&lockstep(dir.path(), &["check", "--format", "json"]).stdout);
    let files: Vec<&str> = json["findings"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert!(files.contains(&"src/back\\slash.ts"), "{files:?}");
}
