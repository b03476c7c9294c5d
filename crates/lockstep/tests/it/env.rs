//! The env layer end to end: env files per environment, and no secret value in any output.

use std::process::Command;

use crate::support::{TempDir, json, lockstep};

const CONTRACT: &str = "env {
  environments development production

  DATABASE_URL             url  secret
  STRIPE_SECRET_KEY        text secret
  NEXT_PUBLIC_SUPABASE_URL url  public
  SENTRY_DSN               url  public @optional
}
";

const LEAKED: &str = "sk_live_51HxQ2mJk8Zr0aBcDeFgHiJkLmNoPq";

fn project() -> TempDir {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", CONTRACT);
    dir.write(".env", format!("DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:54322/postgres\nSTRIPE_SECRET_KEY={LEAKED}\nNEXT_PUBLIC_SUPABASE_URL=http://127.0.0.1:54321\nSENTRY_DSN=https://k@sentry.example.com/1\nUNDECLARED=1\n"));
    dir.write(
        ".env.production",
        "DATABASE_URL=postgresql://app:change-me@db.example.com/shop\nNEXT_PUBLIC_SUPABASE_URL=shop.supabase.co\n",
    );
    let git = |args: &[&str]| {
        let status = Command::new("git").current_dir(dir.path()).args(args).status().unwrap();
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "init"]);
    dir
}

#[test]
fn env_files_are_checked_per_environment() {
    let dir = project();
    let run = lockstep(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let value = json(&run.stdout);
    let findings = value["findings"].as_array().unwrap();
    let find = |code: &str| findings.iter().filter(|f| f["code"] == code).collect::<Vec<_>>();
    let missing = find("env/missing");
    assert_eq!(missing.len(), 1, "{findings:?}");
    assert!(missing[0]["message"].as_str().unwrap().contains("`STRIPE_SECRET_KEY` is required in production"));
    assert_eq!(find("env/undeclared-in-file")[0]["file"], ".env");
    let parity: Vec<&str> = find("env/parity").iter().map(|f| f["message"].as_str().unwrap()).collect();
    assert!(parity.iter().any(|m| m.contains("NEXT_PUBLIC_SUPABASE_URL")), "{parity:?}");
    assert!(parity.iter().any(|m| m.contains("SENTRY_DSN") && m.contains("not in production")), "{parity:?}");
    let committed = find("env/committed-secret");
    assert_eq!(committed.len(), 1, "{findings:?}");
    assert_eq!((committed[0]["file"].as_str(), committed[0]["line"].as_u64()), (Some(".env"), Some(2)));
}

#[test]
fn no_secret_value_appears_in_any_format() {
    let dir = project();
    for format in ["text", "json", "sarif", "github"] {
        for color in ["never", "always"] {
            let run = lockstep(dir.path(), &["check", "--format", format, "--color", color, "-v"]);
            assert!(run.stdout.contains("env/committed-secret"), "{format}: {}", run.stdout);
            for secret in [LEAKED, "postgres:postgres", "change-me"] {
                assert!(
                    !run.stdout.contains(secret) && !run.stderr.contains(secret),
                    "{format}/{color} printed a secret value:\n{}",
                    run.stdout
                );
            }
        }
    }
}

#[test]
fn env_files_that_cannot_be_read_are_findings_at_the_file() {
    let dir = TempDir::new();
    dir.write(
        "contract/app.lockstep",
        "env {\n  environments development staging production\n\n  API_KEY text secret @optional\n}\n",
    );
    dir.write(".env", b"API_KEY=caf\xe9\n");
    dir.write(".env.local", b"API_KEY=a\x00b\n");
    dir.write(".env.staging", "API_KEY=x\n".encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>());
    std::os::unix::fs::symlink("/no/such/file", dir.path().join(".env.production")).unwrap();
    let run = lockstep(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let value = json(&run.stdout);
    let found: Vec<(&str, &str, &str)> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["file"].as_str().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "env/unreadable-file",
                ".env",
                "`.env` is not valid UTF-8 (invalid byte at offset 11); development's variables in it were not checked"
            ),
            (
                "env/unreadable-file",
                ".env.local",
                "`.env.local` looks like a binary file (NUL byte at offset 9); development's variables in it were not checked"
            ),
            (
                "env/unreadable-file",
                ".env.production",
                "`.env.production` is a symbolic link to `/no/such/file`, which does not exist; production's variables in it were not checked"
            ),
            (
                "env/unreadable-file",
                ".env.staging",
                "`.env.staging` looks like a binary file (NUL byte at offset 1); staging's variables in it were not checked"
            ),
        ]
    );
}

const PLANTED: &str = "sk_live_PLANTED";

#[test]
fn no_part_of_a_value_is_printed_whatever_the_line_looks_like() {
    let dir = TempDir::new();
    dir.write(
        "contract/app.lockstep",
        "env {\n  environments development production\n\n  STRIPE_SECRET_KEY text secret\n  REQUIRED_KEY      text secret\n}\n",
    );
    // Every line is quoted by some finding: line 1 by `env/missing`, the others by
    // `env/undeclared-in-file` or `env/committed-secret`.
    dir.write(
        ".env",
        format!("# STRIPE_SECRET_KEY={PLANTED}_COMMENTED\nSTRIPE_SECRET_KEY=\"{PLANTED}_ab\\\"cdTAIL\"\nOTHER_KEY=\"{PLANTED}_x\" {PLANTED}_AFTER\nCOLON_KEY: {PLANTED}_COLON\n"),
    );
    dir.write(".env.production", format!("KEY: {PLANTED}_PROD_LINE_ONE\nSTRIPE_SECRET_KEY={PLANTED}_PROD\n"));
    let git = |args: &[&str]| {
        let status = Command::new("git").current_dir(dir.path()).args(args).status().unwrap();
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    for format in ["text", "json", "sarif", "github"] {
        let run = lockstep(dir.path(), &["check", "--format", format, "--color", "never", "-v"]);
        assert_eq!(run.code, 1, "{format}: {}{}", run.stdout, run.stderr);
        assert!(run.stdout.contains("env/missing"), "{format}: {}", run.stdout);
        for piece in [PLANTED, "cdTAIL", "_AFTER", "_COLON", "COMMENTED", "LINE_ONE"] {
            assert!(
                !run.stdout.contains(piece) && !run.stderr.contains(piece),
                "{format} printed `{piece}`:\n{}{}",
                run.stdout,
                run.stderr
            );
        }
    }
    let run = lockstep(dir.path(), &["check", "--color", "never"]);
    // The frame of `env/missing` quotes line 1 of the file, masked.
    assert!(run.stdout.contains("1 | ***********************************"), "{}", run.stdout);
}
