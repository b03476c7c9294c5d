//! `lockstep migrate plan` and `lockstep migrate lint` end to end: files written in the app's
//! layout, refusals, renames, a planted symlink, a live database, and the lint in every format.

use std::path::Path;

use lockstep_testkit::cluster;
use postgres::{Client, NoTls};

use crate::support::{Run, TempDir, command, json, lockstep};

/// 2025-12-02 04:34:56 UTC: planned file names are reproducible.
const EPOCH: &str = "1764650096";

// language=SQL
const INIT: &str =
    "create table public.notes (\n  id uuid primary key default gen_random_uuid(),\n  title text not null\n);\n";

const CONTRACT: &str = "entity Note {\n  id    uuid @id @default(random)\n  title text\n}\n";

fn run(dir: &Path, args: &[&str]) -> Run {
    let output = command(dir, args).env("SOURCE_DATE_EPOCH", EPOCH).output().expect("the lockstep binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A Supabase app with one migration and `contract` as its contract.
fn supabase_app(contract: &str) -> TempDir {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", contract);
    dir.write("supabase/migrations/20240101000000_init.sql", INIT);
    dir
}

fn migrations(dir: &TempDir, folder: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join(folder))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_plan_is_written_in_the_apps_naming_and_the_next_plan_finds_nothing() {
    let dir = supabase_app(&CONTRACT.replace("  title text\n", "  title text\n  body  text?\n"));
    let planned = run(dir.path(), &["migrate", "plan", "--name", "Add note body"]);
    assert_eq!(planned.code, 0, "{}", planned.snapshot());
    let name = "20251202043456_add_note_body.sql";
    assert_eq!(planned.stdout, format!("supabase/migrations/{name}\n"));
    insta::assert_snapshot!(dir.read(&format!("supabase/migrations/{name}")), @r"
    -- Planned by `lockstep migrate plan` from the contract: 1 change.
    -- 1. add column public.notes.body (text, nullable)

    set lock_timeout = '5s';
    alter table public.notes add column body text;
    ");
    let again = run(dir.path(), &["migrate", "plan"]);
    assert_eq!(again.code, 0, "{}", again.snapshot());
    assert!(again.stderr.contains("nothing to plan"), "{}", again.stderr);
    assert_eq!(migrations(&dir, "supabase/migrations").len(), 2);
    // The planned file passes the lint, and `check` finds the migrations match the contract.
    let lint = run(dir.path(), &["migrate", "lint", &format!("supabase/migrations/{name}")]);
    assert_eq!(lint.code, 0, "{}", lint.snapshot());
    let check = lockstep(dir.path(), &["check", "--only", "db"]);
    assert_eq!(check.code, 0, "{}", check.snapshot());
}

#[test]
fn a_dry_run_prints_the_file_and_writes_nothing() {
    let dir = supabase_app(&CONTRACT.replace("  title text\n", "  title text\n  body  text?\n"));
    let planned = run(dir.path(), &["migrate", "plan", "--dry-run"]);
    assert_eq!(planned.code, 0, "{}", planned.snapshot());
    assert!(
        planned.stdout.starts_with("-- supabase/migrations/20251202043456_lockstep_plan.sql\n"),
        "{}",
        planned.stdout
    );
    assert!(planned.stdout.contains("add column body text"), "{}", planned.stdout);
    assert_eq!(migrations(&dir, "supabase/migrations"), ["20240101000000_init.sql"]);
}

#[test]
fn destructive_changes_are_refused_until_allowed() {
    let dir = supabase_app("entity Note {\n  id uuid @id @default(random)\n}\n");
    let refused = run(dir.path(), &["migrate", "plan"]);
    assert_eq!(refused.code, 1, "{}", refused.snapshot());
    assert!(refused.stderr.contains("drops `public.notes.title` and its data"), "{}", refused.stderr);
    assert!(refused.stderr.contains("--allow-destructive"), "{}", refused.stderr);
    assert_eq!(migrations(&dir, "supabase/migrations").len(), 1, "nothing written");
    let allowed = run(dir.path(), &["migrate", "plan", "--allow-destructive"]);
    assert_eq!(allowed.code, 0, "{}", allowed.snapshot());
    let written = dir.read("supabase/migrations/20251202043456_lockstep_plan.sql");
    assert!(written.contains("--      destructive: drops `public.notes.title` and its data"), "{written}");
    assert!(written.contains("alter table public.notes drop column title;"), "{written}");
}

#[test]
fn renames_are_declared_never_guessed() {
    let dir = supabase_app(&CONTRACT.replace("  title text\n", "  heading text\n"));
    let refused = run(dir.path(), &["migrate", "plan"]);
    assert_eq!(refused.code, 1, "{}", refused.snapshot());
    assert!(
        refused.stderr.contains("the column `title` of `public.notes` is dropped and `heading` added"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("`@was(title)`"), "{}", refused.stderr);
    dir.write("contract/app.lockstep", CONTRACT.replace("  title text\n", "  heading text @was(title)\n"));
    // Before the plan, the rename is still to be made: no stale `@was`.
    let before = run(dir.path(), &["check", "--only", "db", "-v", "--format", "json"]);
    assert!(!before.stdout.contains("db/stale-was"), "{}", before.stdout);
    let renamed = run(dir.path(), &["migrate", "plan", "--name", "rename_title"]);
    assert_eq!(renamed.code, 0, "{}", renamed.snapshot());
    let written = dir.read("supabase/migrations/20251202043456_rename_title.sql");
    assert!(written.contains("alter table public.notes rename column title to heading;"), "{written}");
    assert!(!written.contains("drop column"), "{written}");
    // The rename is done: the `@was` has nothing left to rename, and nothing is planned.
    let again = run(dir.path(), &["migrate", "plan", "-v"]);
    assert_eq!(again.code, 0, "{}", again.snapshot());
    assert!(again.stderr.contains("`@was` has nothing to rename here"), "{}", again.stderr);
    let check = run(dir.path(), &["check", "--only", "db", "-v", "--format", "json"]);
    assert_eq!(check.code, 0, "{}", check.snapshot());
    let findings = json(&check.stdout)["findings"].to_string();
    assert!(
        findings.contains("db/stale-was") && findings.contains("`@was(title)` has nothing left to rename"),
        "{findings}"
    );
}

#[test]
fn flyway_numbered_and_prisma_layouts_are_followed() {
    let contract = CONTRACT.replace("  title text\n", "  title text\n  body  text?\n");
    let flyway = TempDir::new();
    flyway.write("contract/app.lockstep", &contract);
    flyway.write("lockstep.toml", "[database]\nmigrations = \"db\"\nlayout = \"flyway\"\nprovider = \"postgres\"\n");
    flyway.write("db/V1__init.sql", INIT);
    flyway.write("db/V2.1__seed.sql", "select 1;\n");
    let planned = run(flyway.path(), &["migrate", "plan", "--name", "body"]);
    assert_eq!(planned.code, 0, "{}", planned.snapshot());
    assert_eq!(planned.stdout, "db/V3__body.sql\n");

    let numbered = TempDir::new();
    numbered.write("contract/app.lockstep", &contract);
    numbered.write("lockstep.toml", "[database]\nmigrations = \"migrations\"\nprovider = \"postgres\"\n");
    numbered.write("migrations/0001_init.sql", INIT);
    let planned = run(numbered.path(), &["migrate", "plan", "--name", "body"]);
    assert_eq!(planned.code, 0, "{}", planned.snapshot());
    assert_eq!(planned.stdout, "migrations/0002_body.sql\n");

    let prisma = TempDir::new();
    prisma.write("contract/app.lockstep", &contract);
    prisma.write("lockstep.toml", "[database]\nmigrations = \"prisma/migrations\"\nprovider = \"postgres\"\n");
    prisma.write("prisma/migrations/20240101000000_init/migration.sql", INIT);
    prisma.write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
    let planned = run(prisma.path(), &["migrate", "plan", "--name", "body"]);
    assert_eq!(planned.code, 0, "{}", planned.snapshot());
    assert_eq!(planned.stdout, "prisma/migrations/20251202043456_body/migration.sql\n");
    assert!(prisma.read("prisma/migrations/20251202043456_body/migration.sql").contains("add column body text"));
}

#[cfg(unix)]
#[test]
fn a_planted_symlink_is_never_followed() {
    let dir = supabase_app(&CONTRACT.replace("  title text\n", "  title text\n  body  text?\n"));
    let outside = TempDir::new();
    let victim = outside.write("victim.sql", "-- untouched\n");
    std::os::unix::fs::symlink(&victim, dir.path().join("supabase/migrations/20251202043456_lockstep_plan.sql"))
        .unwrap();
    let planned = run(dir.path(), &["migrate", "plan"]);
    assert_eq!(planned.code, 2, "{}", planned.snapshot());
    assert!(planned.stderr.contains("is a symbolic link"), "{}", planned.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "-- untouched\n");

    // A migrations folder that is a link out of the project.
    let linked = TempDir::new();
    linked.write("contract/app.lockstep", CONTRACT.replace("  title text\n", "  title text\n  body  text?\n"));
    linked.write("lockstep.toml", "[database]\nmigrations = \"migrations\"\nprovider = \"postgres\"\n");
    outside.write("migrations/0001_init.sql", INIT);
    std::os::unix::fs::symlink(outside.path().join("migrations"), linked.path().join("migrations")).unwrap();
    let planned = run(linked.path(), &["migrate", "plan"]);
    assert_eq!(planned.code, 2, "{}", planned.snapshot());
    assert_eq!(migrations(&outside, "migrations"), ["0001_init.sql"]);
}

#[test]
fn bad_input_is_a_clear_error() {
    let dir = supabase_app(CONTRACT);
    let run_bad = run(dir.path(), &["migrate", "plan", "--name", "!!!"]);
    assert_eq!(run_bad.code, 2, "{}", run_bad.snapshot());
    assert!(run_bad.stderr.contains("no letter or digit"), "{}", run_bad.stderr);
    dir.write("contract/app.lockstep", "entity Note {\n  id uuid @id @was()\n}\n");
    let broken = run(dir.path(), &["migrate", "plan"]);
    assert_eq!(broken.code, 1, "{}", broken.snapshot());
    assert!(broken.stderr.contains("invalid `@was`"), "{}", broken.stderr);
    assert!(broken.stderr.contains("nothing was planned"), "{}", broken.stderr);
    let help = run(dir.path(), &["migrate", "plan", "--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("@was(oldName)") && help.stdout.contains("--allow-destructive"), "{}", help.stdout);
}

#[test]
fn a_plan_from_a_live_database() {
    let url = cluster().create_database("cli_plan");
    let mut client = Client::connect(&url, NoTls).unwrap();
    client.batch_execute(lockstep_sql::supabase::PRELUDE).unwrap();
    client.batch_execute(INIT).unwrap();
    // Made by hand: the migrations do not know it, the database does.
    // language=SQL
    client.batch_execute("alter table public.notes add column body text;").unwrap();
    let dir = supabase_app(&CONTRACT.replace("  title text\n", "  title text\n  body  text?\n  pinned bool = false\n"));
    let planned = run(dir.path(), &["migrate", "plan", "--db", &url, "--dry-run"]);
    assert_eq!(planned.code, 0, "{}", planned.snapshot());
    assert!(planned.stdout.contains("add column pinned boolean not null default false"), "{}", planned.stdout);
    assert!(!planned.stdout.contains("add column body"), "{}", planned.stdout);
    // From the migrations, both columns are missing.
    let from_files = run(dir.path(), &["migrate", "plan", "--dry-run"]);
    assert!(from_files.stdout.contains("add column body"), "{}", from_files.stdout);
}

const HAZARDS: &str =
    "alter table orders add column region text not null;\ncreate index orders_region_idx on orders (region);\n";

#[test]
fn lint_reports_at_file_and_line_in_every_format() {
    let dir = TempDir::new();
    dir.write("m.sql", HAZARDS);
    let text = run(dir.path(), &["migrate", "lint", "m.sql"]);
    assert_eq!(text.code, 1, "{}", text.snapshot());
    insta::assert_snapshot!(text.snapshot());
    let as_json = run(dir.path(), &["migrate", "lint", "m.sql", "--format", "json"]);
    let value = json(&as_json.stdout);
    let found: Vec<(String, u64)> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap().to_owned(), f["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("migrate/not-null-without-default".to_owned(), 1),
            ("migrate/no-lock-timeout".to_owned(), 1),
            ("migrate/index-without-concurrently".to_owned(), 2)
        ]
    );
    let sarif = run(dir.path(), &["migrate", "lint", "m.sql", "--format", "sarif"]);
    let value = json(&sarif.stdout);
    let rules = value["runs"][0]["tool"]["driver"]["rules"].to_string();
    assert!(rules.contains("migrate/not-null-without-default"), "{rules}");
    let github = run(dir.path(), &["migrate", "lint", "m.sql", "--format", "github"]);
    assert!(github.stdout.contains("::error file=m.sql,line=1"), "{}", github.stdout);
    assert!(github.stdout.contains("::warning file=m.sql,line=2"), "{}", github.stdout);
    // A suppression comment silences a finding; `--deny warnings` fails on the rest.
    dir.write("ok.sql", "set lock_timeout = '5s';\n-- lockstep-ignore: migrate/index-without-concurrently small table\ncreate index orders_region_idx on orders (region);\n");
    let clean = run(dir.path(), &["migrate", "lint", "ok.sql", "--deny", "warnings"]);
    assert_eq!(clean.code, 0, "{}", clean.snapshot());
}

#[test]
fn lint_without_files_reads_the_projects_migrations() {
    let dir = supabase_app(CONTRACT);
    dir.write("supabase/migrations/20240102000000_more.sql", HAZARDS);
    let linted = run(dir.path(), &["migrate", "lint", "--format", "json"]);
    assert_eq!(linted.code, 1, "{}", linted.snapshot());
    let files: Vec<String> = json(&linted.stdout)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_owned())
        .collect();
    assert!(files.iter().all(|f| f == "supabase/migrations/20240102000000_more.sql"), "{files:?}");
    let missing = run(dir.path(), &["migrate", "lint", "nope.sql"]);
    assert_eq!(missing.code, 1, "{}", missing.snapshot());
    assert!(missing.stdout.contains("db/unreadable-migration"), "{}", missing.stdout);
}

#[test]
fn a_migration_that_breaks_the_example_shop_names_every_call_site() {
    let dir = TempDir::new();
    crate::support::copy_tree(&crate::support::repo_root().join("examples/shop"), dir.path());
    let migration = "supabase/migrations/20240501000000_rename_status.sql";
    dir.write(migration, "set lock_timeout = '5s';\nalter table public.orders rename column status to state;\n");
    let linted = run(dir.path(), &["migrate", "lint", migration, "--format", "json"]);
    assert_eq!(linted.code, 1, "{}", linted.snapshot());
    let value = json(&linted.stdout);
    let finding = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "migrate/breaks-code")
        .unwrap_or_else(|| panic!("{}", linted.stdout));
    let sites: Vec<String> = finding["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("{}:{}", r["file"].as_str().unwrap(), r["line"]))
        .collect();
    assert_eq!(
        sites,
        [
            "app/api/orders/[id]/route.ts:9",
            "app/api/orders/[id]/route.ts:11",
            "app/api/webhooks/stripe/route.ts:24",
            "app/api/webhooks/stripe/route.ts:26",
            "app/orders/page.tsx:22",
            "app/orders/page.tsx:25",
            "app/orders/page.tsx:36",
            "app/orders/page.tsx:36",
        ]
    );
    // Near miss: the same column renamed back later breaks nothing.
    dir.write(
        "supabase/migrations/20240502000000_rename_back.sql",
        "set lock_timeout = '5s';\nalter table public.orders rename column state to status;\n",
    );
    let linted = run(dir.path(), &["migrate", "lint", migration, "--format", "json"]);
    assert!(!linted.stdout.contains("migrate/breaks-code"), "{}", linted.stdout);
}

#[test]
fn the_plan_as_json() {
    let dir = supabase_app(&CONTRACT.replace("  title text\n", "  body  text?\n"));
    let refused = run(dir.path(), &["migrate", "plan", "--format", "json"]);
    assert_eq!(refused.code, 1, "{}", refused.snapshot());
    let value = json(&refused.stdout);
    assert_eq!(value["version"], 1);
    assert_eq!(value["refused"], true);
    assert_eq!(value["written"], false);
    assert_eq!(value["files"][0]["path"], "supabase/migrations/20251202043456_lockstep_plan.sql");
    let consent = value["needs_consent"].as_array().unwrap();
    assert!(consent.iter().any(|r| r.as_str().unwrap().contains("@was(title)")), "{consent:?}");
    let summaries: Vec<&str> =
        value["changes"].as_array().unwrap().iter().map(|c| c["summary"].as_str().unwrap()).collect();
    assert_eq!(summaries, ["drop column public.notes.title", "add column public.notes.body (text, nullable)"]);
    assert_eq!(value["changes"][0]["hazards"][0]["risk"], "destructive");
    let written = run(dir.path(), &["migrate", "plan", "--format", "json", "--allow-destructive"]);
    assert_eq!(written.code, 0, "{}", written.snapshot());
    let value = json(&written.stdout);
    assert_eq!(value["written"], true);
    assert_eq!(value["files"][0]["transactional"], true);
    assert!(
        dir.read("supabase/migrations/20251202043456_lockstep_plan.sql") == value["files"][0]["sql"].as_str().unwrap()
    );
}

/// A Supabase app in a git repository: the first migration committed on `main`, a second one
/// added on a branch and not committed.
fn app_on_a_branch() -> TempDir {
    let dir = supabase_app(CONTRACT);
    // The committed migration has a hazard too: only the new one may be reported.
    dir.write("supabase/migrations/20240101000001_old.sql", "alter table public.notes add column old text not null;\n");
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .current_dir(dir.path())
            .args(["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "init.defaultBranch=main"])
            .args(args)
            .output()
            .unwrap();
        assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "init"]);
    git(&["checkout", "-q", "-b", "feature"]);
    dir.write(
        "supabase/migrations/20240201000000_new.sql",
        "alter table public.notes add column region text not null;\n",
    );
    dir
}

fn finding_files(stdout: &str) -> Vec<(String, String)> {
    json(stdout)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap().to_owned(), f["file"].as_str().unwrap_or_default().to_owned()))
        .collect()
}

#[test]
fn check_lints_the_migrations_a_branch_adds() {
    let dir = app_on_a_branch();
    let checked = run(dir.path(), &["check", "--only", "migrations", "--format", "json"]);
    assert_eq!(checked.code, 1, "{}", checked.snapshot());
    let found = finding_files(&checked.stdout);
    assert!(
        found.contains(&(
            "migrate/not-null-without-default".to_owned(),
            "supabase/migrations/20240201000000_new.sql".to_owned()
        )),
        "{found:?}"
    );
    assert!(found.iter().all(|(_, file)| file.ends_with("_new.sql")), "{found:?}");
    // Every migration with `--all-migrations`.
    let all = run(dir.path(), &["check", "--only", "migrations", "--all-migrations", "--format", "json"]);
    let found = finding_files(&all.stdout);
    assert!(found.iter().any(|(_, file)| file.ends_with("_old.sql")), "{found:?}");
    // A migration the default branch had, edited on the branch.
    dir.write("supabase/migrations/20240101000000_init.sql", format!("{INIT}-- changed\n"));
    let checked = run(dir.path(), &["check", "--only", "migrations", "--format", "json"]);
    let found = finding_files(&checked.stdout);
    assert!(
        found.contains(&(
            "migrate/edited-migration".to_owned(),
            "supabase/migrations/20240101000000_init.sql".to_owned()
        )),
        "{found:?}"
    );
    // Outside a git repository no migration is known to be new.
    let plain = supabase_app(CONTRACT);
    plain.write(
        "supabase/migrations/20240201000000_new.sql",
        "alter table public.notes add column region text not null;\n",
    );
    let checked = run(plain.path(), &["check", "--only", "migrations", "--format", "json"]);
    assert_eq!(checked.code, 0, "{}", checked.snapshot());
}

#[test]
fn check_lints_the_migrations_a_live_database_has_not_applied() {
    let dir = app_on_a_branch();
    let url = cluster().create_database("cli_history");
    let mut client = Client::connect(&url, NoTls).unwrap();
    client.batch_execute(lockstep_sql::supabase::PRELUDE).unwrap();
    // language=SQL
    client
        .batch_execute(
            "create schema supabase_migrations;
             create table supabase_migrations.schema_migrations (version text primary key);
             insert into supabase_migrations.schema_migrations values ('20240101000000'), ('20240201000000');",
        )
        .unwrap();
    let checked = run(dir.path(), &["check", "--only", "migrations", "--db", &url, "--format", "json"]);
    let found = finding_files(&checked.stdout);
    // `_old` is not in the history: it is the one not applied.
    assert!(found.iter().any(|(_, file)| file.ends_with("_old.sql")), "{}", checked.snapshot());
    assert!(found.iter().all(|(_, file)| file.ends_with("_old.sql")), "{found:?}");
}

#[test]
fn a_table_the_migrations_never_create_is_not_planned_from_them() {
    let dir = supabase_app(&format!("{CONTRACT}\nentity Profile {{\n  id  uuid @id\n  bio text?\n}}\n"));
    // Made in the dashboard: the migrations only change it.
    dir.write("supabase/migrations/20240102000000_bio.sql", "alter table public.profiles add column bio text;\n");
    let planned = run(dir.path(), &["migrate", "plan"]);
    assert_eq!(planned.code, 2, "{}", planned.snapshot());
    assert!(planned.stderr.contains("which exists somewhere the migrations do not say"), "{}", planned.stderr);
    assert!(planned.stderr.contains("--db URL"), "{}", planned.stderr);
    assert_eq!(migrations(&dir, "supabase/migrations").len(), 2, "nothing written");
}

/// Every adopted app (its contract derived by `init` from its own migrations) has nothing to
/// plan: what `check` accepts is not changed. One app has a table only its generated types know
/// (made in the dashboard): creating it is refused.
#[test]
fn an_adopted_app_has_nothing_to_plan() {
    let root = crate::support::repo_root().join("crates/lockstep/tests/data/adopt");
    let mut apps: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    apps.sort();
    let mut outcomes = Vec::new();
    for app in &apps {
        let dir = TempDir::new();
        crate::support::copy_tree(&app.join("app"), dir.path());
        let init = run(dir.path(), &["init", "-q"]);
        assert_eq!(init.code, 0, "{}: {}", app.display(), init.snapshot());
        let planned = run(dir.path(), &["migrate", "plan", "--dry-run"]);
        let name = app.file_name().unwrap().to_string_lossy().into_owned();
        let outcome = if planned.stderr.contains("nothing to plan") {
            "nothing".to_owned()
        } else if planned.code == 2 && planned.stderr.contains("exists somewhere the migrations do not say") {
            "refused".to_owned()
        } else {
            planned.snapshot()
        };
        outcomes.push(format!("{name}: {outcome}"));
    }
    assert_eq!(
        outcomes,
        [
            "edge_functions: nothing",
            "express_flyway_vite: nothing",
            "lovable_vite: refused",
            "many_migrations: nothing",
            "mixed_casing: nothing",
            "nextjs_baseline: nothing",
            "pages_router_api: nothing",
            "supabase_vite_spa: nothing",
            "three_environments: nothing",
        ]
    );
}
