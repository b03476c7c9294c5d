//! `lockstep init` on an existing app: the shipped example without its contract is adopted,
//! checks clean, and then reports drift edits at their file and line.

use crate::support::{TempDir, copy_tree, finding_tuples, lockstep, repo_root};

/// A copy of the example app without its contract, its configuration and its generated files.
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

fn edit(dir: &TempDir, file: &str, from: &str, to: &str) {
    let text = dir.read(file);
    assert!(text.contains(from), "{file} has no `{from}`");
    dir.write(file, text.replacen(from, to, 1));
}

fn findings(dir: &TempDir) -> Vec<(String, String, u64)> {
    let mut found = finding_tuples(&lockstep(dir.path(), &["check", "--format", "json"]).stdout);
    found.sort();
    found
}

#[test]
fn an_adopted_app_checks_clean_and_then_reports_each_drift() {
    let dir = example_without_contract();
    let init = lockstep(dir.path(), &["init"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert!(init.stderr.contains("wrote contract/data.lockstep"), "{}", init.stderr);
    let check = lockstep(dir.path(), &["check"]);
    assert_eq!(check.code, 0, "the adopted app must check clean:\n{}", check.stdout);
    assert_eq!(lockstep(dir.path(), &["fmt", "--check"]).code, 0, "init writes formatted files");

    // Five edits across the layers, as an assistant would make them.
    dir.write(
        "supabase/migrations/20240601000000_rename.sql",
        "alter table public.profiles rename column full_name to display_name;\n",
    );
    edit(&dir, "app/products/page.tsx", "price_cents", "priceCents");
    edit(
        &dir,
        "app/api/orders/[id]/route.ts",
        "return new NextResponse(null, { status: 204 })",
        "return NextResponse.json({ ok: true })",
    );
    edit(&dir, "components/CheckoutButton.tsx", "return res.status === 204", "return res.status === 200");
    let production = dir.read(".env.production");
    dir.write(
        ".env.production",
        production.lines().filter(|l| !l.starts_with("STRIPE_WEBHOOK_SECRET")).collect::<Vec<_>>().join("\n") + "\n",
    );

    let found = findings(&dir);
    let codes: Vec<&str> = found.iter().map(|(c, _, _)| c.as_str()).collect();
    assert_eq!(
        codes,
        [
            "api/missing-status",
            "api/undeclared-status",
            "db/extra-column",
            "db/missing-column",
            "env/missing",
            "ui/casing-mismatch",
            "ui/undeclared-status",
            // The renamed column's two uses in the code, named in the same run.
            "ui/unknown-column",
            "ui/unknown-column",
        ],
        "{found:#?}"
    );
    let at = |code: &str| found.iter().find(|(c, _, _)| c == code).map(|(_, f, l)| (f.as_str(), *l)).unwrap();
    assert_eq!(at("ui/casing-mismatch").0, "app/products/page.tsx");
    assert_eq!(at("api/undeclared-status").0, "app/api/orders/[id]/route.ts");
    assert_eq!(at("ui/undeclared-status"), ("components/CheckoutButton.tsx", 28));
    assert_eq!(at("db/extra-column").0, "supabase/migrations/20240601000000_rename.sql");
    assert_eq!(at("db/missing-column").0, "contract/data.lockstep");
}

#[test]
fn init_twice_writes_the_same_bytes() {
    let dir = example_without_contract();
    assert_eq!(lockstep(dir.path(), &["init"]).code, 0);
    let first: Vec<String> =
        ["data", "api", "env"].iter().map(|f| dir.read(&format!("contract/{f}.lockstep"))).collect();
    let again = lockstep(dir.path(), &["init"]);
    assert_eq!(again.code, 2, "an existing contract is not overwritten without --force");
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(lockstep(dir.path(), &["init", "--force"]).code, 0);
    let second: Vec<String> =
        ["data", "api", "env"].iter().map(|f| dir.read(&format!("contract/{f}.lockstep"))).collect();
    assert_eq!(first, second);
    let dry = lockstep(dir.path(), &["init", "--dry-run"]);
    assert_eq!(dry.code, 0);
    assert!(dry.stdout.contains("// ==> contract/data.lockstep"), "{}", dry.stdout);
}

#[test]
fn a_folder_without_anything_to_adopt_says_what_was_looked_for() {
    let empty = TempDir::new();
    let run = lockstep(empty.path(), &["init"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("found nothing to derive a contract from"), "{}", run.stderr);
    assert!(run.stderr.contains("lockstep.toml"), "{}", run.stderr);
    let unrelated = TempDir::new();
    unrelated.write("README.md", "# notes\n");
    unrelated.write("docs/index.html", "<p>hi</p>\n");
    assert_eq!(lockstep(unrelated.path(), &["init"]).code, 2);
    let missing = lockstep(empty.path(), &["init", "no-such-folder"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("no-such-folder"), "{}", missing.stderr);
}

#[test]
fn unreadable_sources_of_truth_stop_init_with_each_file_and_why() {
    let dir = TempDir::new();
    dir.write("supabase/migrations/001_orders.sql", "create table orders (id uuid primary key);\n");
    dir.write("supabase/migrations/003_binary.sql", b"\x00\x01\x02 not sql \xff");
    dir.write("app/api/orders/route.ts", "export async function GET() {\n  return Response.json([])\n}\n");
    // A link whose target is gone cannot be opened, whoever runs the test.
    std::os::unix::fs::symlink("/no/such/target.sql", dir.path().join("supabase/migrations/002_moved.sql")).unwrap();
    std::fs::create_dir_all(dir.path().join(".env.production")).unwrap();

    let run = lockstep(dir.path(), &["init"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for expected in [
        "cannot derive a contract from files lockstep cannot read",
        "`supabase/migrations/002_moved.sql` is a symbolic link to `/no/such/target.sql`, which does not exist",
        "`supabase/migrations/003_binary.sql` looks like a binary file",
        "`.env.production` is a folder, not a regular file",
        "[database] migrations",
    ] {
        assert!(run.stderr.contains(expected), "no `{expected}` in:\n{}", run.stderr);
    }
    assert!(!dir.path().join("contract").exists(), "nothing is written");

    // With the files fixed, the same folder is adopted.
    std::fs::remove_file(dir.path().join("supabase/migrations/002_moved.sql")).unwrap();
    std::fs::remove_file(dir.path().join("supabase/migrations/003_binary.sql")).unwrap();
    std::fs::remove_dir(dir.path().join(".env.production")).unwrap();
    assert_eq!(lockstep(dir.path(), &["init"]).code, 0);
    assert!(dir.read("contract/data.lockstep").contains("entity Order"));
}

/// A Vite app whose schema was made in the Supabase dashboard: no migrations in the repository.
fn dashboard_app() -> TempDir {
    let dir = TempDir::new();
    dir.write(
        "src/lib/supabase.ts",
        "import { createClient } from '@supabase/supabase-js'\n\nexport const supabase = createClient(import.meta.env.VITE_SUPABASE_URL, import.meta.env.VITE_SUPABASE_ANON_KEY)\n",
    );
    dir.write(
        "src/Chat.tsx",
        "import { supabase } from './lib/supabase'\n\nexport async function load(room: string) {\n  const { data } = await supabase\n    .from('messages')\n    .select('id, username, text, created_at')\n    .eq('room', room)\n    .order('created_at')\n  return data\n}\n\nexport async function send(room: string, username: string, text: string) {\n  await supabase.from('messages').insert({ room, username, text })\n}\n",
    );
    dir.write(".env", "VITE_SUPABASE_URL=http://127.0.0.1:54321\nVITE_SUPABASE_ANON_KEY=local-anon-key\n");
    dir
}

#[test]
fn a_schema_made_in_a_dashboard_is_derived_from_the_database() {
    let dir = dashboard_app();
    // Without migrations, init says how to cover the data.
    let run = lockstep(dir.path(), &["init", "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("the code queries `messages` but there are no migrations"), "{}", run.stderr);
    assert!(run.stderr.contains("--db"), "{}", run.stderr);

    let url = lockstep_testkit::cluster().create_database("init_dashboard");
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    client
        .batch_execute(
            "create table messages (id bigint generated by default as identity primary key, room text not null, username text not null, text text not null, created_at timestamptz not null default now());",
        )
        .unwrap();
    let run = lockstep(dir.path(), &["init", "--db", &url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let data = dir.read("contract/data.lockstep");
    assert!(data.contains("entity Message {"), "{data}");
    assert_eq!(findings(&dir), [], "the adopted app checks clean");

    edit(&dir, "src/Chat.tsx", "'id, username, text, created_at'", "'id, user_name, text, created_at'");
    let found = findings(&dir);
    assert_eq!(found, [("ui/unknown-column".to_owned(), "src/Chat.tsx".to_owned(), 6)], "{found:?}");

    let unreachable = lockstep(dir.path(), &["init", "--force", "--db", "postgres://nobody@127.0.0.1:1/none"]);
    assert_eq!(unreachable.code, 2, "{}", unreachable.stderr);
    assert!(unreachable.stderr.contains("cannot read the database given with --db"), "{}", unreachable.stderr);
    assert_eq!(dir.read("contract/data.lockstep"), data, "a failed init changes nothing");
}

#[test]
fn a_reference_to_a_table_without_a_known_key_does_not_stop_init() {
    // `references b` names `b`'s primary key, which the replay cannot know when `b` is not
    // created by the migrations; init indexed the missing column and panicked (found on
    // CropGenius-Africa).
    let dir = TempDir::new();
    dir.write("supabase/migrations/001_a.sql", "create table a (id uuid primary key, b_id uuid references b);\n");
    let run = lockstep(dir.path(), &["init", "--dry-run"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stdout.contains("bId"), "{}{}", run.stdout, run.stderr);
}
