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
