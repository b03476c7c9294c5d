//! Every file lockstep reads goes through one policy: regular files only (a FIFO never blocks),
//! a size limit per kind, decoding errors reported, and configured paths inside the project.

use std::os::unix::fs::symlink;

use crate::support::{TempDir, finding_tuples, json, lockstep, lockstep_within, mkfifo};

const CONTRACT: &str = "entity Note {\n  id    uuid @id\n  title text\n}\n";

fn project() -> TempDir {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", CONTRACT);
    dir.write("migrations/001_init.sql", "create table notes (id uuid primary key, title text not null);\n");
    dir
}

#[test]
fn a_fifo_among_the_migrations_is_reported_without_blocking() {
    let dir = project();
    mkfifo(&dir.path().join("migrations/002_pipe.sql"));
    let run = lockstep_within(dir.path(), &["check", "--color", "never"], 20);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "error[db/unreadable-migration]: `migrations/002_pipe.sql` is a FIFO (named pipe), not a regular file"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn a_fifo_config_file_is_refused_without_blocking() {
    let dir = project();
    mkfifo(&dir.path().join("lockstep.toml"));
    let run = lockstep_within(dir.path(), &["check"], 20);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("lockstep.toml`: it is not a regular file"), "{}", run.stderr);
}

#[test]
fn a_migration_linked_outside_the_project_is_refused() {
    let dir = project();
    symlink("/dev/zero", dir.path().join("migrations/002_zero.sql")).unwrap();
    symlink("/etc/passwd", dir.path().join("migrations/003_passwd.sql")).unwrap();
    let run = lockstep_within(dir.path(), &["check", "--color", "never"], 20);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("`migrations/002_zero.sql` is a symbolic link to `/dev/zero`, outside the project root"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("`migrations/003_passwd.sql` is a symbolic link to `/etc/passwd`"), "{}", run.stdout);
    assert!(!run.stdout.contains("root:"), "{}", run.stdout);
}

#[test]
fn a_contract_linked_outside_the_project_is_refused() {
    let outside = TempDir::new();
    let target = outside.write("shared.lockstep", CONTRACT);
    let dir = project();
    std::fs::remove_file(dir.path().join("contract/app.lockstep")).unwrap();
    symlink(&target, dir.path().join("contract/app.lockstep")).unwrap();
    let run = lockstep(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("`contract/app.lockstep` is a symbolic link to"), "{}", run.stderr);
    assert!(run.stderr.contains("outside the project root"), "{}", run.stderr);
    // A link inside the project is followed.
    std::fs::remove_file(dir.path().join("contract/app.lockstep")).unwrap();
    dir.write("specs/app.lockstep", CONTRACT);
    symlink(dir.path().join("specs/app.lockstep"), dir.path().join("contract/app.lockstep")).unwrap();
    let run = lockstep(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn configured_paths_outside_the_root_are_refused_at_their_key() {
    for (config, key) in [
        ("contract = \"/etc/passwd\"\n", "`contract` names `/etc/passwd`"),
        ("[sources]\ninclude = [\"/\"]\n", "`[sources] include` names `/`"),
        ("[database]\nmigrations = \"../../etc\"\n", "`[database] migrations` names `../../etc`"),
        ("[env.files]\nproduction = [\"a/../../.env\"]\n", "`[env.files]` names `a/../../.env`"),
    ] {
        let dir = project();
        dir.write("lockstep.toml", config);
        let run = lockstep_within(dir.path(), &["check", "--color", "never"], 20);
        assert_eq!(run.code, 2, "{config}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains(&format!("error[config/outside-root]: {key}, outside the project root")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("--> lockstep.toml:"), "{}", run.stderr);
        assert!(!run.stderr.contains("root:x"), "{}", run.stderr);
    }
}

#[test]
fn a_source_folder_linked_to_the_disk_root_is_not_walked() {
    let dir = project();
    symlink("/", dir.path().join("src")).unwrap();
    let run = lockstep_within(dir.path(), &["check", "--format", "json"], 20);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(finding_tuples(&run.stdout), [("config/outside-root".to_owned(), String::new(), 0)]);
    assert_eq!(json(&run.stdout)["summary"]["files"], 2);
}

#[test]
fn a_missing_source_folder_is_an_error_at_its_key() {
    let dir = project();
    dir.write("src/app.ts", "export const x = 1\n");
    dir.write("lockstep.toml", "[sources]\ninclude = [\"src\", \"scr\"]\n");
    let run = lockstep(dir.path(), &["check", "--color", "never"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "error[config/missing-source]: the source folder `scr` does not exist, so no code was checked there\n --> lockstep.toml:2:19\n"
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("no findings"), "{}", run.stdout);
}

#[test]
fn special_files_named_anywhere_are_refused_before_they_are_opened() {
    let dir = project();
    let fifo = dir.path().join("spec.yaml");
    mkfifo(&fifo);
    let run = lockstep_within(dir.path(), &["import", "openapi", "spec.yaml", "--dry-run"], 20);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("`spec.yaml` is a FIFO (named pipe), not a regular file"), "{}", run.stderr);
    let run = lockstep_within(dir.path(), &["fmt", "/dev/zero"], 20);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("`/dev/zero` is a device, not a regular file"), "{}", run.stderr);
    // A FIFO contract file and a FIFO env file in the project.
    mkfifo(&dir.path().join("contract/more.lockstep"));
    let run = lockstep_within(dir.path(), &["check"], 20);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("`contract/more.lockstep` is a FIFO (named pipe), not a regular file"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(dir.path().join("contract/more.lockstep")).unwrap();
    dir.write("contract/env.lockstep", "env {\n  API_KEY text secret @optional\n}\n");
    mkfifo(&dir.path().join(".env"));
    let run = lockstep_within(dir.path(), &["check", "--format", "json"], 20);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(finding_tuples(&run.stdout), [("env/unreadable-file".to_owned(), ".env".to_owned(), 1)]);
}

#[test]
fn a_contract_folder_linked_to_the_disk_root_is_not_walked() {
    let dir = TempDir::new();
    symlink("/", dir.path().join("contract")).unwrap();
    let run = lockstep_within(dir.path(), &["check", "--color", "never"], 20);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("error[config/outside-root]: the contract `contract` leads outside the project root"),
        "{}",
        run.stderr
    );
}
