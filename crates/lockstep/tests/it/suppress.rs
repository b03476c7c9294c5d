//! `lockstep-ignore:` comments in TypeScript and SQL.

use crate::support::{TempDir, json, lockstep};

#[test]
fn a_suppression_silences_the_finding_on_the_next_line_only() {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", "entity Order {\n  id     uuid @id\n  status text\n}\n");
    dir.write(
        "supabase/migrations/20240101000000_init.sql",
        "-- lockstep-ignore: db/nullability-mismatch status is filled by a trigger\ncreate table orders (id uuid primary key, status text);\n-- lockstep-ignore: db/extra-table leftover from the prototype\ncreate table notes (id int);\n",
    );
    dir.write(
        "src/orders.ts",
        "import { supabase } from './supabase'\n// lockstep-ignore: ui/unknown-column legacy view column\nexport const a = supabase.from('orders').select('id, state')\nexport const b = supabase.from('orders').select('id, state')\n\n// lockstep-ignore: ui/unknown-table nothing here\nexport const c = 1\n",
    );
    let run = lockstep(dir.path(), &["check", "--format", "json"]);
    let value = json(&run.stdout);
    let findings: Vec<(String, u64)> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap().to_owned(), f["line"].as_u64().unwrap_or(0)))
        .collect();
    assert_eq!(
        findings,
        [("ui/unknown-column".to_owned(), 4), ("lockstep/unused-suppression".to_owned(), 6),],
        "{}",
        run.stdout
    );
    assert_eq!(run.code, 1);
}

#[test]
fn only_runs_the_layers_asked_for() {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", "entity Order {\n  id     uuid @id\n  status text\n}\n");
    dir.write("migrations/20240101000000_init.sql", "create table orders (id uuid primary key, status text);\n");
    dir.write(
        "src/orders.ts",
        "import { supabase } from './supabase'\nexport const a = supabase.from('orders').select('state')\n",
    );
    let codes = |args: &[&str]| -> Vec<String> {
        let run = lockstep(dir.path(), args);
        json(&run.stdout)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(codes(&["check", "--format", "json", "--only", "db"]), ["db/nullability-mismatch"]);
    assert_eq!(codes(&["check", "--format", "json", "--only", "ui"]), ["ui/unknown-column"]);
    assert_eq!(codes(&["check", "--format", "json"]).len(), 2);
}

/// Source files are let go once analysed, unless they hold a suppression; the ones a finding is
/// shown in are read again, so their lines are quoted as written.
#[test]
fn findings_quote_their_lines_whether_the_file_was_held_or_not() {
    let dir = TempDir::new();
    dir.write("contract/app.lockstep", "entity Order {\n  id     uuid @id\n  status text\n}\n");
    dir.write(
        "src/held.ts",
        "import { supabase } from './supabase'\n// lockstep-ignore: ui/unknown-table nothing here\nexport const a = supabase.from('orders').select('id, held_column')\n",
    );
    dir.write(
        "src/released.ts",
        "import { supabase } from './supabase'\n\nexport const b = supabase.from('orders').select('id, released_column')\n",
    );
    let run = lockstep(dir.path(), &["check", "--color", "never"]);
    for expected in [
        "--> src/held.ts:3:",
        "export const a = supabase.from('orders').select('id, held_column')",
        "--> src/released.ts:3:",
        "export const b = supabase.from('orders').select('id, released_column')",
    ] {
        assert!(run.stdout.contains(expected), "{expected:?} missing from:\n{}", run.stdout);
    }
}
