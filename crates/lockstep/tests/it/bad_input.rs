//! Input a tool meets in the wild: clear messages and exit codes, never a panic.

use crate::support::{TempDir, lockstep};

fn assert_clean_failure(run: &crate::support::Run, needle: &str) {
    assert_eq!(run.code, 2, "stdout: {}\nstderr: {}", run.stdout, run.stderr);
    assert!(run.stderr.contains(needle), "stderr lacks {needle:?}:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn a_binary_file_is_refused() {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", b"\x7fELF\x02\x01\x01\0\0\0binary");
    assert_clean_failure(&lockstep(dir.path(), &["check"]), "looks like a binary file");
}

#[test]
fn invalid_utf8_is_refused_with_its_offset() {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", b"entity A {\n  name text = \"caf\xe9\"\n}\n");
    assert_clean_failure(&lockstep(dir.path(), &["check"]), "is not valid UTF-8 (invalid byte at offset 29)");
}

#[test]
fn utf16_with_a_byte_order_mark_is_read() {
    let dir = TempDir::new();
    let text = "entity A {\r\n  id uuid @id\r\n  x txet\r\n}\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    dir.write("contract/app.lockstep", bytes);
    let run = lockstep(dir.path(), &["check"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("--> contract/app.lockstep:3:5"), "{}", run.stdout);
}

#[test]
fn an_empty_file_is_an_empty_contract() {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", "");
    let run = lockstep(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("no findings in 1 file"));
}

#[test]
fn a_50_megabyte_file_is_refused() {
    let dir = TempDir::new();
    let line = "entity A { id uuid @id }\n";
    dir.write("contract/app.lockstep", line.repeat(50 * 1024 * 1024 / line.len()));
    assert_clean_failure(
        &lockstep(dir.path(), &["check"]),
        "is 50 MiB, over the 16 MiB limit for a contract file (is this really a contract?)",
    );
}

#[test]
fn a_config_pointing_at_a_missing_folder_shows_the_key() {
    let dir = TempDir::new();
    dir.write("lockstep.toml", "# the contract\ncontract = \"specs/\"\n");
    let run = lockstep(dir.path(), &["check"]);
    assert_clean_failure(&run, "error[config/missing-contract]: the contract `specs/` does not exist");
    assert!(run.stderr.contains("--> lockstep.toml:2:12"), "{}", run.stderr);
}

#[test]
fn unknown_config_keys_are_errors_at_their_location() {
    let dir = TempDir::new();
    dir.write("lockstep.toml", "[database]\nmigratons = \"db\"\n");
    let run = lockstep(dir.path(), &["check"]);
    assert_clean_failure(&run, "unknown field `migratons`");
    assert!(run.stderr.contains("--> lockstep.toml:2:1"), "{}", run.stderr);
}

#[test]
fn a_missing_project_path_is_an_error() {
    let dir = TempDir::new();
    assert_clean_failure(&lockstep(dir.path(), &["check", "does/not/exist"]), "`does/not/exist` does not exist");
}

#[test]
fn a_folder_without_a_contract_says_what_was_looked_for() {
    let dir = TempDir::new();
    let run = lockstep(dir.path(), &["check"]);
    assert_clean_failure(&run, "no contract found");
    assert!(run.stderr.contains("contract/"), "{}", run.stderr);
}

#[test]
fn an_empty_contract_folder_is_an_error() {
    let dir = TempDir::new();
    std::fs::create_dir_all(dir.path().join("contract")).unwrap();
    assert_clean_failure(&lockstep(dir.path(), &["check"]), "no `.lockstep` files in");
}

#[test]
fn hostile_source_files_are_skipped_or_read_never_hung_on() {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", "entity Note {\n  id uuid @id\n}\n");
    // A 5 MB minified bundle on one line.
    let mut bundle = String::from("import{supabase as s}from'./supabase';");
    while bundle.len() < 5 * 1024 * 1024 {
        bundle.push_str(
            "var a=function(b){return b&&b.c?s.from('notes').select('id'):[1,2,3].map(function(d){return d*2})};",
        );
    }
    dir.write("src/vendor.min.js", &bundle);
    dir.write("src/broken.ts", "export const x = {;\n");
    dir.write("src/binary.ts", b"\x00\x01\x02\x03binary");
    dir.write("src/deep.ts", format!("export const x = {}1{};\n", "(".repeat(10_000), ")".repeat(10_000)));
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("src"), dir.path().join("src/loop")).unwrap();
    let run = lockstep(dir.path(), &["check", "--color", "never"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("warning[ui/unparsed-file]"), "{}", run.stdout);
    assert!(
        run.stdout.contains("warning[ui/unreadable-file]: `src/binary.ts` looks like a binary file"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("nested more than 400 levels deep"), "{}", run.stdout);
    assert!(!run.stderr.contains("panicked"));
}

#[test]
fn a_route_file_over_the_nesting_limit_is_skipped_by_every_layer() {
    // 10,000 nested `[` in a route file overflowed the stack of `check` and of `init`: route
    // files were parsed outside the guard, on the main thread.
    let dir = TempDir::new();
    let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    dir.write("app/api/deep/route.ts", format!("export async function GET() {{\n  return Response.json({deep})\n}}\n"));
    dir.write("app/api/notes/route.ts", "export async function GET() {\n  return Response.json([])\n}\n");
    let init = lockstep(dir.path(), &["init"]);
    assert_eq!(init.code, 0, "{}{}", init.stdout, init.stderr);
    assert!(
        init.stderr.contains("note: `app/api/deep/route.ts` was skipped (nested more than 400 levels deep)"),
        "{}",
        init.stderr
    );
    let contract = dir.read("contract/api.lockstep");
    assert!(contract.contains("endpoint GET /api/notes") && !contract.contains("/api/deep"), "{contract}");

    let check = lockstep(dir.path(), &["check", "--color", "never"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(check.stdout.contains("warning[ui/unparsed-file]"), "{}", check.stdout);
    assert!(check.stdout.contains("app/api/deep/route.ts"), "{}", check.stdout);
    assert!(check.stdout.contains("nested more than 400 levels deep"), "{}", check.stdout);
    assert!(!check.stdout.contains("api/undeclared-route"), "{}", check.stdout);
}
