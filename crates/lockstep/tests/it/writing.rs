//! Every file lockstep writes goes through one policy: an exclusive temporary file with a random
//! name, the target's mode kept, a rename; symlinked targets refused; `init` creates new files.

use std::os::unix::fs::{PermissionsExt, symlink};

use crate::support::{TempDir, copy_tree, lockstep, repo_root};

const MESSY: &str = "entity   Note{\n id uuid   @id\n}\n";
const TIDY: &str = "entity Note {\n  id uuid @id\n}\n";

#[test]
fn fmt_does_not_follow_a_planted_temporary_file() {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", MESSY);
    let victim = dir.write("victim.txt", "precious\n");
    // The name the old implementation wrote to, planted as a link to another file.
    symlink(&victim, dir.path().join("contract/.app.lockstep.lockstep-fmt.tmp")).unwrap();
    let run = lockstep(dir.path(), &["fmt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(dir.read("victim.txt"), "precious\n");
    assert_eq!(dir.read("contract/app.lockstep"), TIDY);
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path().join("contract"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn fmt_keeps_the_mode_of_the_file() {
    let dir = TempDir::new();
    let path = dir.write("contract/app.lockstep", MESSY);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let run = lockstep(dir.path(), &["fmt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(dir.read("contract/app.lockstep"), TIDY);
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
}

#[test]
fn fmt_refuses_to_replace_a_symlinked_contract() {
    let dir = TempDir::new();
    let real = dir.write("shared/app.lockstep", MESSY);
    std::fs::create_dir_all(dir.path().join("contract")).unwrap();
    symlink(&real, dir.path().join("contract/app.lockstep")).unwrap();
    let run = lockstep(dir.path(), &["fmt"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("contract/app.lockstep` is a symbolic link"), "{}", run.stderr);
    assert!(run.stderr.contains("lockstep does not write through links"), "{}", run.stderr);
    assert!(std::fs::symlink_metadata(dir.path().join("contract/app.lockstep")).unwrap().file_type().is_symlink());
    assert_eq!(dir.read("shared/app.lockstep"), MESSY);
}

fn example_without_contract() -> TempDir {
    let dir = TempDir::new();
    copy_tree(&repo_root().join("examples/shop"), dir.path());
    std::fs::remove_dir_all(dir.path().join("contract")).unwrap();
    std::fs::remove_file(dir.path().join("lockstep.toml")).unwrap();
    // What `lockstep gen` wrote from that contract goes with it.
    for generated in ["lib/database.types.ts", "lib/api/types.ts", "lib/api/client.ts"] {
        std::fs::remove_file(dir.path().join(generated)).unwrap();
    }
    dir
}

#[test]
fn of_two_concurrent_inits_exactly_one_writes() {
    for _ in 0..3 {
        let dir = example_without_contract();
        let children: Vec<_> = (0..2)
            .map(|_| {
                crate::support::command(dir.path(), &["init"])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outputs: Vec<_> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
        let codes: Vec<i32> = outputs.iter().map(|o| o.status.code().unwrap_or(-1)).collect();
        let stderr: Vec<String> = outputs.iter().map(|o| String::from_utf8_lossy(&o.stderr).into_owned()).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 2], "{stderr:?}");
        let loser = &stderr[codes.iter().position(|&c| c == 2).unwrap()];
        assert!(
            loser.contains("already exists: another process created it while lockstep was running")
                || loser.contains("already holds a contract"),
            "{loser}"
        );
        assert_eq!(lockstep(dir.path(), &["check"]).code, 0);
    }
}

#[test]
fn init_does_not_call_a_plain_file_a_contract() {
    let dir = example_without_contract();
    dir.write("contract", "not a contract\n");
    let run = lockstep(dir.path(), &["init"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!run.stderr.contains("already holds a contract"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`contract` is a file, and init writes the contract as a folder of `.lockstep` files there"),
        "{}",
        run.stderr
    );
    let run = lockstep(dir.path(), &["init", "--force"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(dir.read("contract"), "not a contract\n");
}

#[test]
fn import_openapi_refuses_a_symlinked_output() {
    let dir = TempDir::new();
    dir.write(
        "api.json",
        r#"{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"204":{"description":"ok"}}}}}}"#,
    );
    let victim = dir.write("victim.txt", "precious\n");
    symlink(&victim, dir.path().join("out.lockstep")).unwrap();
    let run = lockstep(dir.path(), &["import", "openapi", "api.json", "--out", "out.lockstep", "--force"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("`out.lockstep` is a symbolic link"), "{}", run.stderr);
    assert_eq!(dir.read("victim.txt"), "precious\n");
}
