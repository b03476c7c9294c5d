//! `lockstep init` on an existing app: the shipped example without its contract is adopted,
//! checks clean, and then reports drift edits at their file and line.

use std::path::Path;

use crate::support::{TempDir, finding_tuples, lockstep, repo_root};

/// A copy of the example app without its contract and configuration.
fn example_without_contract() -> TempDir {
    let dir = TempDir::new();
    copy(&repo_root().join("examples/shop"), dir.path());
    std::fs::remove_dir_all(dir.path().join("contract")).unwrap();
    std::fs::remove_file(dir.path().join("lockstep.toml")).unwrap();
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
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

/// An Express API with Flyway-style migrations and a Vite client: another layout users have.
fn express_vite_app() -> TempDir {
    let dir = TempDir::new();
    dir.write(
        "migrations/V1__init.sql",
        "create table todos (\n  id serial primary key,\n  title text not null,\n  done boolean not null default false,\n  created_at timestamptz not null default now()\n);\n",
    );
    dir.write(
        "migrations/V2__owners.sql",
        "create table owners (id uuid primary key default gen_random_uuid(), email text not null unique);\nalter table todos add column owner_id uuid references owners (id) on delete cascade;\n",
    );
    dir.write(
        "server/index.ts",
        "import express from 'express'\nimport { pool } from './db'\n\nconst app = express()\napp.use(express.json())\n\napp.get('/api/todos', async (req, res) => {\n  const { rows } = await pool.query('select * from todos order by created_at desc')\n  res.json({ todos: rows })\n})\n\napp.post('/api/todos', async (req, res) => {\n  const { title } = req.body\n  if (!title) return res.status(400).json({ error: 'title is required' })\n  const { rows } = await pool.query('insert into todos (title) values ($1) returning *', [title])\n  res.status(201).json(rows[0])\n})\n\napp.delete('/api/todos/:id', async (req, res) => {\n  await pool.query('delete from todos where id = $1', [req.params.id])\n  res.sendStatus(204)\n})\n\napp.listen(Number(process.env.PORT ?? 3000))\n",
    );
    dir.write(
        "src/api.ts",
        "const base = import.meta.env.VITE_API_URL ?? ''\n\nexport async function listTodos() {\n  const res = await fetch('/api/todos')\n  const json = await res.json()\n  return json.todos.map((t: { title: string }) => t.title)\n}\n\nexport async function addTodo(title: string) {\n  const res = await fetch('/api/todos', { method: 'POST', body: JSON.stringify({ title }) })\n  if (res.status === 400) throw new Error('invalid')\n  return res.json()\n}\n\nexport async function removeTodo(id: number) {\n  const res = await fetch(`/api/todos/${id}`, { method: 'DELETE' })\n  return res.status === 204 && base !== null\n}\n",
    );
    dir.write(".env", "DATABASE_URL=postgres://localhost/todos\nVITE_API_URL=http://localhost:3000\nPORT=3000\n");
    dir
}

#[test]
fn an_express_and_vite_app_is_adopted_and_its_drift_reported() {
    let dir = express_vite_app();
    assert_eq!(lockstep(dir.path(), &["init"]).code, 0);
    let data = dir.read("contract/data.lockstep");
    assert!(data.contains("ownerId   uuid?       -> Owner.id on delete cascade"), "{data}");
    assert_eq!(findings(&dir), [], "the adopted app checks clean");

    dir.write("migrations/V3__drop_done.sql", "alter table todos drop column done;\n");
    edit(&dir, "server/index.ts", "res.json({ todos: rows })", "res.json({ items: rows })");
    edit(&dir, "server/index.ts", "const { title } = req.body", "const { title, dueDate } = req.body");
    edit(&dir, "src/api.ts", "return json.todos.map", "return json.todo.map");
    edit(&dir, "src/api.ts", "return res.status === 204", "return res.status === 200");
    let env = dir.read(".env");
    dir.write(".env", env.replace("VITE_API_URL=http://localhost:3000\n", ""));

    let found = findings(&dir);
    let expected: Vec<(String, String, u64)> = [
        ("api/request-field", "server/index.ts", 13),
        ("api/response-shape", "server/index.ts", 9),
        ("api/response-shape", "server/index.ts", 9),
        ("db/missing-column", "contract/data.lockstep", 12),
        ("env/missing", "contract/env.lockstep", 6),
        ("ui/undeclared-status", "src/api.ts", 17),
        ("ui/unknown-field", "src/api.ts", 6),
    ]
    .iter()
    .map(|(c, f, l)| ((*c).to_owned(), (*f).to_owned(), *l))
    .collect();
    assert_eq!(found, expected);
}
