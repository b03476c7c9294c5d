//! `tests/data/ok`: contracts that must resolve without any diagnostic and that are already
//! formatted; `tests/data/err`: contracts whose diagnostics are snapshotted with code frames.

use std::path::{Path, PathBuf};

use crate::support::check;

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "lockstep"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "expected at least 20 {kind} fixtures, found {}", files.len());
    files
}

fn name(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn ok_fixtures_resolve_cleanly() {
    for path in fixtures("ok") {
        let text = read(&path);
        let checked = check(&format!("ok/{}.lockstep", name(&path)), &text);
        assert_eq!(checked.diagnostic_count, 0, "{} has diagnostics:\n{}", path.display(), checked.rendered);
        let described = checked.described.expect("a clean fixture resolves");
        insta::with_settings!({ snapshot_path => "snapshots/ok", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name(&path), described);
        });
    }
}

#[test]
fn ok_fixtures_are_formatted_and_formatting_is_idempotent() {
    for path in fixtures("ok") {
        let text = read(&path);
        let formatted = check("x.lockstep", &text).formatted.expect("parses");
        // CRLF files come back with LF from the formatter; the CLI restores CRLF on write.
        let expected = text.replace("\r\n", "\n");
        similar_asserts(&path, &expected, &formatted);
        let again = check("x.lockstep", &formatted).formatted.expect("formatted text parses");
        similar_asserts(&path, &formatted, &again);
    }
}

fn similar_asserts(path: &Path, expected: &str, actual: &str) {
    assert!(
        expected == actual,
        "{} is not stable under fmt\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

#[test]
fn err_fixtures_report_errors_with_code_frames() {
    for path in fixtures("err") {
        let text = read(&path);
        let checked = check(&format!("err/{}.lockstep", name(&path)), &text);
        assert!(checked.error_count > 0, "{} reported no error", path.display());
        insta::with_settings!({ snapshot_path => "snapshots/err", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name(&path), checked.rendered);
        });
    }
}

#[test]
fn formatting_keeps_every_comment_of_every_fixture_that_parses() {
    for path in fixtures("ok").into_iter().chain(fixtures("err")) {
        let text = read(&path);
        let Some(formatted) = check("x.lockstep", &text).formatted else { continue };
        let count = |t: &str| t.lines().filter(|l| l.contains("//")).count();
        assert_eq!(count(&text), count(&formatted), "{} lost comments:\n{formatted}", path.display());
    }
}
