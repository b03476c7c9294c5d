//! The adoption suite: realistic apps in the styles users arrive with, each adopted by
//! `lockstep init`, checked clean, then drifted by scripted edits that must each be reported
//! with the right code at the right file and line, and nothing else.
//!
//! Every app is a folder of `tests/data/adopt/`:
//! - `app/`: the app as its authors left it (no contract, no `lockstep.toml`);
//! - `drift.txt`: the edits, in blocks opened by `== what the edit is`, then one of
//!   `write PATH` (the rest of the block is the new file), `replace PATH` (the lines before a
//!   `~~~` line are replaced by the lines after it, once, and must be there) or `remove-lines PATH`
//!   (every line starting with one of the block's lines goes);
//! - `expected.txt`: `code path:line` per finding after the edits, in any order;
//! - `adopted.txt` (optional): the findings the unchanged app has, for real problems it already
//!   has; without it the adopted app must report nothing.
//!
//! The contract `init` derives for each app is snapshotted, so a change in what init writes is
//! reviewed.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::support::{TempDir, copy_tree, finding_tuples, lockstep, repo_root};

type Finding = (String, String, u64);

/// One test per app, so a failing app names itself and the apps run in parallel.
macro_rules! apps {
    ($($app:ident),* $(,)?) => {
        $(
            #[test]
            fn $app() {
                let app = data_dir().join(stringify!($app));
                if let Err(failure) = adopt_and_drift(&app) {
                    panic!("{failure}");
                }
            }
        )*

        #[test]
        fn every_app_folder_has_its_test_and_there_are_at_least_eight() {
            let listed: Vec<&str> = vec![$(stringify!($app)),*];
            let mut folders: Vec<String> = std::fs::read_dir(data_dir())
                .unwrap()
                .map(|e| e.unwrap())
                .filter(|e| e.file_type().unwrap().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            folders.sort();
            assert_eq!(folders, listed, "list every folder of tests/data/adopt in `apps!`");
            // The shipped example is the ninth, adopted in init.rs.
            assert!(listed.len() >= 7, "the suite has {} apps besides the example", listed.len());
        }
    };
}

apps!(
    edge_functions,
    express_flyway_vite,
    lovable_vite,
    many_migrations,
    mixed_casing,
    nextjs_baseline,
    pages_router_api,
    supabase_vite_spa,
    three_environments,
);

fn data_dir() -> PathBuf {
    repo_root().join("crates/lockstep/tests/data/adopt")
}

fn adopt_and_drift(app: &Path) -> Result<(), String> {
    let name = app.file_name().unwrap().to_string_lossy().into_owned();
    let dir = TempDir::new();
    copy_tree(&app.join("app"), dir.path());

    let init = lockstep(dir.path(), &["init"]);
    if init.code != 0 {
        return Err(format!("init exit {}:\n{}", init.code, init.stderr));
    }
    let contract = contract_text(dir.path());
    insta::assert_snapshot!(name.clone(), contract);
    let fmt = lockstep(dir.path(), &["fmt", "--check"]);
    if fmt.code != 0 {
        return Err(format!("the derived contract is not formatted:\n{}{}", fmt.stdout, fmt.stderr));
    }
    let again = lockstep(dir.path(), &["init", "--force"]);
    if again.code != 0 || contract_text(dir.path()) != contract {
        return Err(format!("init --force did not give the same files:\n{}", again.stderr));
    }

    let adopted = expectations(&app.join("adopted.txt"));
    let found = findings(dir.path());
    if found != adopted {
        return Err(format!("the adopted app reports\n{}\nexpected\n{}", show(&found), show(&adopted)));
    }

    let drifts = std::fs::read_to_string(app.join("drift.txt")).unwrap();
    let edits = apply_drifts(dir.path(), &drifts)?;
    if edits < 5 {
        return Err(format!("only {edits} drift edits; the suite asks for at least five"));
    }
    let expected = expectations(&app.join("expected.txt"));
    let found = findings(dir.path());
    if found != expected {
        return Err(format!("after the drift edits it reports\n{}\nexpected\n{}", show(&found), show(&expected)));
    }
    Ok(())
}

/// The contract files init wrote, in one text with their names.
fn contract_text(root: &Path) -> String {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(root.join("contract")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut text = String::new();
    for file in files {
        let _ = writeln!(text, "// ==> {}", file.file_name().unwrap().to_string_lossy());
        text.push_str(&std::fs::read_to_string(&file).unwrap());
    }
    text
}

fn findings(root: &Path) -> Vec<Finding> {
    let run = lockstep(root, &["check", "--format", "json"]);
    assert!(run.code <= 1, "check exit {}:\n{}", run.code, run.stderr);
    let mut found = finding_tuples(&run.stdout);
    found.sort();
    found
}

fn expectations(path: &Path) -> Vec<Finding> {
    let Ok(text) = std::fs::read_to_string(path) else { return Vec::new() };
    let mut expected: Vec<Finding> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let (code, at) = line.split_once(' ').unwrap_or_else(|| panic!("`{line}` is not `code path:line`"));
            let (file, number) = at.trim().rsplit_once(':').unwrap_or_else(|| panic!("`{line}` has no line"));
            (code.to_owned(), file.to_owned(), number.parse().unwrap())
        })
        .collect();
    expected.sort();
    expected
}

fn show(findings: &[Finding]) -> String {
    if findings.is_empty() {
        return "  (nothing)".to_owned();
    }
    findings.iter().map(|(code, file, line)| format!("  {code} {file}:{line}")).collect::<Vec<_>>().join("\n")
}

/// Applies the blocks of `drift.txt`; returns how many there were.
fn apply_drifts(root: &Path, script: &str) -> Result<usize, String> {
    let mut count = 0;
    for block in script.split("\n== ").skip(1) {
        count += 1;
        let mut lines = block.lines();
        let title = lines.next().unwrap_or_default();
        let op = lines.next().ok_or_else(|| format!("drift `{title}` has no edit"))?;
        let body: Vec<&str> = lines.collect();
        let (verb, file) = op.split_once(' ').ok_or_else(|| format!("drift `{title}`: `{op}` names no file"))?;
        let path = root.join(file);
        match verb {
            "write" => {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, body.join("\n").trim_end().to_owned() + "\n").unwrap();
            }
            "replace" => {
                let split =
                    body.iter().position(|l| *l == "~~~").ok_or_else(|| format!("drift `{title}` has no `~~~`"))?;
                let from = body[..split].join("\n");
                let to = body[split + 1..].join("\n");
                let to = to.trim_end_matches('\n');
                let text = std::fs::read_to_string(&path).map_err(|e| format!("drift `{title}`: {file}: {e}"))?;
                if !text.contains(&from) {
                    return Err(format!("drift `{title}`: {file} has no\n{from}"));
                }
                std::fs::write(&path, text.replacen(&from, to, 1)).unwrap();
            }
            "remove-lines" => {
                let prefixes: Vec<&str> = body.iter().copied().filter(|l| !l.is_empty()).collect();
                let text = std::fs::read_to_string(&path).map_err(|e| format!("drift `{title}`: {file}: {e}"))?;
                let kept: Vec<&str> = text.lines().filter(|l| !prefixes.iter().any(|p| l.starts_with(p))).collect();
                if kept.len() == text.lines().count() {
                    return Err(format!("drift `{title}`: no line of {file} starts with {prefixes:?}"));
                }
                std::fs::write(&path, kept.join("\n") + "\n").unwrap();
            }
            other => return Err(format!("drift `{title}`: unknown edit `{other}`")),
        }
    }
    Ok(count)
}
